from django.urls import path

import lms.converters  # noqa: F401 - registers <id:…>
from lms import admin_views

app_name = "lms_admin"
urlpatterns = [
    path("import/", admin_views.people_import, name="people-import"),
    path("import/<id:pk>/", admin_views.import_detail, name="import-detail"),
    path("import/<id:pk>/status/", admin_views.import_status, name="import-status"),
    path("import/<id:pk>/apply/", admin_views.import_apply, name="import-apply"),
    path(
        "organisations/<id:pk>/export.<str:fmt>",
        admin_views.people_export,
        name="people-export",
    ),
]
