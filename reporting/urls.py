from django.urls import path

from reporting import views

app_name = "reporting"
urlpatterns = [
    path("my-skills/", views.my_skills, name="my-skills"),
    path("team/", views.team_skills, name="team-skills"),
    path("hr/", views.dashboard, {"view": "hr"}, name="hr-dashboard"),
    path("council/", views.dashboard, {"view": "council"}, name="council-dashboard"),
    path("team/dashboard/", views.dashboard, {"view": "team"}, name="team-dashboard"),
    path("network/", views.network, name="network"),
]
