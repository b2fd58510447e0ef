"""Routes of the content origin (under /c/h5p/, see lms/urls.py)."""

from django.urls import path

from courses.h5p import views

app_name = "h5p_content"
urlpatterns = [
    path("<uuid:key>/<str:token>/player/", views.content_player, name="player"),
    path("<uuid:key>/<str:token>/files/<path:path>", views.content_file, name="file"),
    path("libraries/<path:path>", views.library_file, name="library"),
]
