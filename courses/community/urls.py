from django.urls import path

import lms.converters  # noqa: F401 - registers <id:…>
from courses.community import views

app_name = "community"
urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.community_new, name="community-new"),
    path("preferences/", views.preferences, name="preferences"),
    path("<id:pk>/", views.community_detail, name="community-detail"),
    path("<id:pk>/join/", views.join, name="join"),
    path("<id:pk>/threads/new/", views.thread_new, name="thread-new"),
    path("<id:pk>/moderation/", views.moderation, name="moderation"),
    path("threads/<id:pk>/", views.thread_detail, name="thread-detail"),
    path("threads/<id:pk>/reply/", views.reply, name="reply"),
    path("threads/<id:pk>/subscription/", views.subscription, name="subscription"),
    path("posts/<id:pk>/accept/", views.accept, name="accept"),
    path("posts/<id:pk>/report/", views.report, name="report"),
    path("posts/<id:pk>/hide/", views.hide, name="hide"),
    path("posts/<id:pk>/restore/", views.restore, name="restore"),
    path("posts/<id:pk>/sheet/", views.make_sheet, name="make-sheet"),
    path("memberships/<id:pk>/moderator/", views.make_moderator, name="make-moderator"),
    path("sheets/", views.sheet_list, name="sheet-list"),
    path("sheets/<id:pk>/", views.sheet_detail, name="sheet-detail"),
    path("challenges/", views.challenge_list, name="challenge-list"),
    path("challenges/<id:pk>/", views.challenge_detail, name="challenge-detail"),
]
