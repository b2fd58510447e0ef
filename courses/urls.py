from django.urls import path

import lms.converters  # noqa: F401 - registers <id:…>
from courses import views, views_h5p, views_scorm

app_name = "courses"
urlpatterns = [
    path("", views.my_learning_view, name="my-learning"),
    path("courses/<id:pk>/enrol/", views.enrol, name="enrol"),
    path("lessons/<id:pk>/complete/", views.complete_lesson, name="lesson-complete"),
    path("lessons/<id:pk>/quiz/<str:block_id>/", views.submit_quiz, name="quiz-submit"),
    path(
        "certificates/<id:pk>/pdf/", views.certificate_download, name="certificate-pdf"
    ),
    path("verify/<str:code>/", views.certificate_verify, name="certificate-verify"),
    path("assignments/<id:pk>/", views.assignment_detail, name="assignment-detail"),
    path("h5p/<uuid:key>/player/", views_h5p.player, name="h5p-player"),
    path(
        "h5p/<uuid:key>/files/<str:token>/<path:path>",
        views_h5p.content_file,
        name="h5p-file",
    ),
    path("h5p/libraries/<path:path>", views_h5p.library_file, name="h5p-library"),
    path(
        "lessons/<id:pk>/h5p/<str:block_id>/statements/",
        views_h5p.h5p_statement,
        name="h5p-statement",
    ),
    path(
        "lessons/<id:pk>/h5p/<str:block_id>/user-data/",
        views_h5p.h5p_user_data,
        name="h5p-user-data",
    ),
    path(
        "lessons/<id:pk>/scorm/<str:block_id>/",
        views_scorm.player,
        name="scorm-player",
    ),
    path(
        "lessons/<id:pk>/scorm/<str:block_id>/new-attempt/",
        views_scorm.new_attempt,
        name="scorm-new-attempt",
    ),
    path(
        "scorm/<uuid:key>/files/<path:path>",
        views_scorm.content_file,
        name="scorm-file",
    ),
    path("scorm/states/<id:pk>/commit/", views_scorm.commit, name="scorm-commit"),
]
