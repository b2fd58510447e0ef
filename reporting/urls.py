from django.urls import path

from reporting import views

app_name = "reporting"
urlpatterns = [
    path("my-skills/", views.my_skills, name="my-skills"),
    path(
        "my-skills/parts/<slug:name>.json",
        views.my_skills_part,
        name="my-skills-part",
    ),
    path(
        "my-skills/parts/<slug:name>/",
        views.my_skills_part_page,
        name="my-skills-part-page",
    ),
    path("team/", views.team_skills, name="team-skills"),
    path("hr/", views.dashboard, {"view": "hr"}, name="hr-dashboard"),
    path("council/", views.dashboard, {"view": "council"}, name="council-dashboard"),
    path("team/dashboard/", views.dashboard, {"view": "team"}, name="team-dashboard"),
    path("network/", views.network, name="network"),
    # Each chart of a dashboard: its figure and table as JSON for the page's
    # script, and the table as a page of its own for a browser without one.
    *(
        route
        for view, prefix in (
            ("hr", "hr/"),
            ("council", "council/"),
            ("team", "team/dashboard/"),
        )
        for route in (
            path(
                f"{prefix}parts/<slug:name>.json",
                views.dashboard_part,
                {"view": view},
                name=f"{view}-part",
            ),
            path(
                f"{prefix}parts/<slug:name>/",
                views.dashboard_part_page,
                {"view": view},
                name=f"{view}-part-page",
            ),
        )
    ),
]
