from django.urls import path

import lms.converters  # noqa: F401 - registers <id:…>
from courses.h5p import admin_views

app_name = "h5p_admin"
urlpatterns = [
    path("", admin_views.h5p_upload, name="upload"),
    path("<id:pk>/statistics/", admin_views.h5p_statistics_view, name="statistics"),
    path("libraries/", admin_views.h5p_libraries, name="libraries"),
]
