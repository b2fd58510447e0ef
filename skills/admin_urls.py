from django.urls import path

from skills import admin_views

app_name = "skills_admin"
urlpatterns = [path("", admin_views.framework_import, name="framework-import")]
