from django.urls import path

import lms.converters  # noqa: F401 - registers <id:…>
from courses.scorm import admin_views

app_name = "scorm_admin"
urlpatterns = [
    path("", admin_views.scorm_upload, name="upload"),
    path("<id:pk>/statistics/", admin_views.scorm_statistics_view, name="statistics"),
]
