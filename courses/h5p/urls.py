from django.urls import path

import lms.converters  # noqa: F401 - registers <id:…>
from courses.h5p import views

app_name = "h5p"
urlpatterns = [
    path("h5p/<uuid:key>/player/", views.player, name="player"),
    path(
        "lessons/<id:pk>/h5p/<str:block_id>/statements/",
        views.h5p_statement,
        name="statement",
    ),
    path(
        "lessons/<id:pk>/h5p/<str:block_id>/user-data/",
        views.h5p_user_data,
        name="user-data",
    ),
]
