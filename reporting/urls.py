from django.urls import path

from reporting import views

app_name = "reporting"
urlpatterns = [
    path("my-skills/", views.my_skills, name="my-skills"),
    path("team/", views.team_skills, name="team-skills"),
]
