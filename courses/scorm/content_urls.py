"""Routes of the content origin (under /c/scorm/, see lms/urls.py)."""

from django.urls import path

from courses.scorm import views

app_name = "scorm_content"
urlpatterns = [
    path("<uuid:key>/<str:token>/launch/", views.launch, name="launch"),
    path("<uuid:key>/<str:token>/files/<path:path>", views.content_file, name="file"),
]
