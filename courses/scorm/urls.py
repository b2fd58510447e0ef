from django.urls import path

import lms.converters  # noqa: F401 - registers <id:…>
from courses.scorm import views

app_name = "scorm"
urlpatterns = [
    path("lessons/<id:pk>/scorm/<str:block_id>/", views.player, name="player"),
    path(
        "lessons/<id:pk>/scorm/<str:block_id>/new-attempt/",
        views.new_attempt,
        name="new-attempt",
    ),
    path("scorm/states/<id:pk>/commit/", views.commit, name="commit"),
    path(
        "scorm/attempts/<id:pk>/sequencing/",
        views.sequencing,
        name="sequencing",
    ),
]
