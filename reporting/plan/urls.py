from django.urls import path

import lms.converters  # noqa: F401 - registers <id:…>
from reporting.plan import views

app_name = "plan"
urlpatterns = [
    path("", views.home, name="home"),
    path("managers/", views.managers, name="managers"),
    path("managers/<id:pk>/remove/", views.manager_remove, name="manager-remove"),
    path("pilots/new/", views.pilot_edit, name="pilot-create"),
    path("pilots/<id:pk>/", views.pilot_detail, name="pilot-detail"),
    path("pilots/<id:pk>/edit/", views.pilot_edit, name="pilot-edit"),
    path("pilots/<id:pk>/decide/", views.pilot_decide, name="pilot-decide"),
    path("pilots/<id:pk>/scale/", views.pilot_scale, name="pilot-scale"),
    path("pilots/<id:pk>/publish/", views.pilot_publish, name="pilot-publish"),
    path("plans/new/", views.plan_edit, name="plan-create"),
    path("plans/<id:pk>/", views.plan_detail, name="plan-detail"),
    path("plans/<id:pk>/edit/", views.plan_edit, name="plan-edit"),
    path("plans/<id:pk>/status/", views.plan_move, name="plan-move"),
    path("plans/<id:pk>/comment/", views.plan_comment, name="plan-comment"),
    path("plans/<id:pk>/plan.pdf", views.plan_pdf_view, name="plan-pdf"),
    path("plans/<id:plan_pk>/actions/new/", views.action_edit, name="action-create"),
    path("actions/<id:pk>/", views.action_detail, name="action-detail"),
    path("actions/<id:pk>/edit/", views.action_edit, name="action-edit"),
    path("actions/<id:pk>/milestones/", views.action_milestone, name="milestone-add"),
    path("actions/<id:pk>/values/", views.action_value, name="value-add"),
    path("actions/<id:pk>/assign/", views.action_assign, name="action-assign"),
    path("actions/<id:pk>/path/", views.action_path, name="action-path"),
    path("milestones/<id:pk>/done/", views.milestone_done, name="milestone-done"),
    path("practices/<id:pk>/", views.practice_detail, name="practice-detail"),
    path(
        "practices/<id:pk>/community/",
        views.practice_community,
        name="practice-community",
    ),
    path("practices/<id:pk>/adopt/", views.practice_adopt, name="practice-adopt"),
]
