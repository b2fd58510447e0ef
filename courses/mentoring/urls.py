from django.urls import path

import lms.converters  # noqa: F401 - registers <id:…>
from courses.mentoring import views

app_name = "mentoring"
urlpatterns = [
    path("", views.home, name="home"),
    path("profile/", views.profile, name="profile"),
    path("opt-in/", views.opt_in, name="opt-in"),
    path("opt-ins/<id:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("pairs/<id:pk>/", views.pair_detail, name="pair-detail"),
    path("pairs/<id:pk>/goal/", views.goal, name="goal"),
    path("pairs/<id:pk>/sessions/", views.log_session, name="log-session"),
    path("pairs/<id:pk>/finish/", views.finish, name="finish"),
    path("pairs/<id:pk>/end/", views.end, name="end"),
    path("rounds/", views.rounds, name="rounds"),
    path("rounds/<id:pk>/", views.round_detail, name="round-detail"),
    path("summary/", views.summary, name="summary"),
]
