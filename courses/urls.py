from django.urls import path

import lms.converters  # noqa: F401 - registers <id:…>
from courses import views

app_name = "courses"
urlpatterns = [
    path("", views.my_learning_view, name="my-learning"),
    path("courses/<id:pk>/enrol/", views.enrol, name="enrol"),
    path("lessons/<id:pk>/complete/", views.complete_lesson, name="lesson-complete"),
    path("lessons/<id:pk>/quiz/<str:block_id>/", views.submit_quiz, name="quiz-submit"),
    path(
        "certificates/<id:pk>/pdf/", views.certificate_download, name="certificate-pdf"
    ),
    path("verify/", views.certificate_lookup, name="certificate-lookup"),
    path("verify/<str:code>/", views.certificate_verify, name="certificate-verify"),
    path("paths/", views.learning_paths, name="learning-paths"),
    path(
        "paths/<id:pk>/withdraw/",
        views.learning_path_withdraw,
        name="learning-path-withdraw",
    ),
    path("assignments/<id:pk>/", views.assignment_detail, name="assignment-detail"),
]
