from django.urls import path

import lms.converters  # noqa: F401 - registers <id:…>
from reporting.maturity import views

app_name = "maturity"
urlpatterns = [
    path("", views.home, name="home"),
    path("open/", views.open_assessment, name="open"),
    path("questions/", views.town_questions, name="questions"),
    path("assessments/<id:pk>/", views.assessment_detail, name="assessment"),
    path("assessments/<id:pk>/invite/", views.invite, name="invite"),
    path("assessments/<id:pk>/closing-date/", views.closing_date, name="closing-date"),
    path("assessments/<id:pk>/remind/", views.remind, name="remind"),
    path("assessments/<id:pk>/close/", views.close, name="close"),
    path("assessments/<id:pk>/results/", views.results, name="results"),
    path("invitations/<id:pk>/", views.respond, name="respond"),
]
