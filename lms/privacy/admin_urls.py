from django.urls import path

import lms.converters  # noqa: F401 - registers <id:…>
from lms.privacy import admin_views

app_name = "privacy_admin"
urlpatterns = [
    path("", admin_views.leavers, name="leavers"),
    path("people/<id:pk>/anonymise/", admin_views.anonymise, name="anonymise"),
    path("people/<id:pk>/data.zip", admin_views.person_archive, name="person-archive"),
    path("exports/", admin_views.export_log, name="export-log"),
]
