from django.urls import path

from skills import views

app_name = "skills"
urlpatterns = [
    path("self-assessment/", views.self_assessment, name="self-assessment"),
    path("team/", views.team, name="team"),
    path("team/<int:pk>/", views.validate_member, name="validate"),
]
