from __future__ import annotations

import json

from csp.decorators import csp_update
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from courses.queries import courses_for_gaps, recommended_courses
from lms.queries import reports_of
from reporting import charts, frames
from skills.models import Competence
from skills.queries import (
    current_framework_version,
    current_levels,
    gaps_for_people,
    history_of,
)

# plotly.js injects its own stylesheet at run time; scripts stay 'self' only.
chart_page = csp_update({"style-src": ["'unsafe-inline'"]})


@login_required
@chart_page
def my_skills(request: HttpRequest) -> HttpResponse:
    """Current vs expected levels (radar), levels over time (lines), the evidence
    behind each level, and the courses that close the largest gaps."""
    version = current_framework_version()
    if version is None or request.user.is_elected:
        raise Http404
    levels = current_levels(request.user, version)
    top = version.levels.count()
    level_frame = frames.levels_frame(
        {
            "code": i.competence.code,
            "name": i.competence.name,
            "level": i.level,
            "expected": i.expected,
        }
        for i in levels
    )
    radar = charts.skills_radar(
        level_frame, top=top, labels={"level": _("My level"), "expected": _("Expected")}
    )
    history = charts.skills_history(
        frames.history_frame(history_of(request.user, version)),
        top=top,
        title=_("Level"),
    )
    return render(
        request,
        "reporting/my_skills.html",
        {
            "version": version,
            "levels": levels,
            "radar": json.loads(radar.to_json()),
            "history": json.loads(history.to_json()),
            "recommendations": recommended_courses(request.user, levels),
        },
    )


@login_required
def team_skills(request: HttpRequest) -> HttpResponse:
    """A manager's team: total gap per competence (this month's snapshots) and
    the courses that close the largest ones."""
    version = current_framework_version()
    team = reports_of(request.user)
    if version is None or not team.exists():
        raise Http404
    gaps = gaps_for_people(team, version)
    competences = {c.pk: c for c in Competence.objects.filter(pk__in=gaps)}
    rows = sorted(
        (
            {"competence": competences[pk], "gap": gap}
            for pk, gap in gaps.items()
            if gap
        ),
        key=lambda row: (-row["gap"], row["competence"].code),
    )
    return render(
        request,
        "reporting/team_skills.html",
        {
            "rows": rows,
            "team_size": team.count(),
            "recommendations": courses_for_gaps(request.user, gaps),
        },
    )
