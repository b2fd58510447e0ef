from django.urls import path

import lms.converters  # noqa: F401 - registers <id:…>
from courses import admin_views

app_name = "courses_admin"
urlpatterns = [
    path("", admin_views.h5p_upload, name="h5p-upload"),
    path("scorm/", admin_views.scorm_upload, name="scorm-upload"),
    path(
        "<id:pk>/statistics/",
        admin_views.h5p_statistics_view,
        name="h5p-statistics",
    ),
]
