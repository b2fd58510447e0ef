from django.urls import path

from courses import views

app_name = "courses"
urlpatterns = [
    path("", views.my_learning_view, name="my-learning"),
    path("courses/<int:pk>/enrol/", views.enrol, name="enrol"),
    path("lessons/<int:pk>/complete/", views.complete_lesson, name="lesson-complete"),
    path(
        "lessons/<int:pk>/quiz/<str:block_id>/", views.submit_quiz, name="quiz-submit"
    ),
    path(
        "certificates/<int:pk>/pdf/", views.certificate_download, name="certificate-pdf"
    ),
    path("verify/<str:code>/", views.certificate_verify, name="certificate-verify"),
    path("assignments/<int:pk>/", views.assignment_detail, name="assignment-detail"),
]
