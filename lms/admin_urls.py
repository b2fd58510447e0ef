from django.urls import path

from lms import admin_views

app_name = "lms_admin"
urlpatterns = [
    path("import/", admin_views.people_import, name="people-import"),
    path("import/<int:pk>/", admin_views.import_detail, name="import-detail"),
    path("import/<int:pk>/status/", admin_views.import_status, name="import-status"),
    path("import/<int:pk>/apply/", admin_views.import_apply, name="import-apply"),
    path(
        "organisations/<int:pk>/export.<str:fmt>",
        admin_views.people_export,
        name="people-export",
    ),
]
