from django.urls import path

import lms.converters  # noqa: F401 - registers <id:…>
from skills import views

app_name = "skills"
urlpatterns = [
    path("self-assessment/", views.self_assessment, name="self-assessment"),
    path(
        "self-assessment/<int:step>/",
        views.self_assessment_step,
        name="self-assessment-step",
    ),
    path("team/", views.team, name="team"),
    path("team/<id:pk>/", views.validate_member, name="validate"),
]
