"""The glue between queries, frames and charts for every dashboard view: what
each figure is called, in the page's language."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

import pandas as pd
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reporting import charts, frames, queries

DATASETS = ("growth", "gaps", "distribution", "compliance", "activity", "funnel")
# Read from the skills summary, fresh as of its last rebuild (``SummaryRefresh``);
# the others read enrolments, assignments and statements as they are now.
SKILLS_DATASETS = frozenset({"growth", "gaps", "distribution"})
_NAMED_GROUPS = frozenset({"growth", "gaps", "compliance"})


def build(
    scope: queries.Scope,
    labels: queries.FrameworkLabels | None = None,
    only: Iterable[str] = DATASETS,
) -> dict[str, Any]:
    """The datasets ``only`` names (every one by default) as frames, figures
    about fewer than k people already blanked — except a manager's own team,
    shown person by person. Competences are named ``"4.1 Name"`` when ``labels``
    are given. Each dataset costs its own reads, and department names one more
    for those grouped by department."""
    wanted = list(only)
    names = queries.group_names(scope) if _NAMED_GROUPS & set(wanted) else {}
    total = _("Team") if scope.team is not None else scope.organisation.name
    k = 1 if scope.team is not None else frames.K_ANONYMITY
    builders: dict[str, Callable[[], pd.DataFrame]] = {
        "growth": lambda: frames.growth_frame(
            queries.growth_rows(scope), names=names, total_label=total, k=k
        ),
        "gaps": lambda: _gaps(scope, labels, names=names, total=total, k=k),
        "distribution": lambda: frames.distribution_frame(
            queries.distribution_rows(scope), k=k
        ),
        "compliance": lambda: frames.compliance_frame(
            queries.compliance_rows(scope),
            names=names,
            grouping=_grouping(scope),
            total_label=total,
            k=k,
        ),
        "activity": lambda: frames.activity_frame(queries.activity_rows(scope), k=k),
        "funnel": lambda: frames.funnel_frame(queries.funnel_rows(scope), k=k),
    }
    return {name: builders[name]() for name in wanted}


def _gaps(
    scope: queries.Scope,
    labels: queries.FrameworkLabels | None,
    *,
    names: dict[Any, str],
    total: str,
    k: int,
) -> pd.DataFrame:
    gaps = frames.heatmap_frame(
        queries.heatmap_rows(scope), names=names, total_label=total, k=k
    )
    if labels is not None:
        named = labels.competence_names()
        gaps["competence"] = gaps["competence"].map(lambda c: named.get(c, c))
    return gaps


def _grouping(scope: queries.Scope) -> frames.Grouping | None:
    """How ``compliance_rows``' departments become the page's groups (None: a
    team's rows are already per person)."""
    if scope.team is not None:
        return None
    within = scope.department.path if scope.department is not None else ""
    length = scope.group_depth * queries.STEP if scope.by_department else None
    return frames.Grouping(within=within, length=length, step=queries.STEP)


STATUS_LABELS = {
    "done": gettext_lazy("Done on time"),
    "done_late": gettext_lazy("Done late"),
    "in_progress": gettext_lazy("In progress"),
    "late": gettext_lazy("Late"),
    "not_started": gettext_lazy("Not started"),
}


def month_label(month: Any) -> str:
    """A month as the page's language says it: "déc. 2026", "Dec. 2026"."""
    return formats.date_format(pd.Timestamp(month).date(), "N Y")


def separators() -> str:
    """plotly's decimal and thousands separators for the active language."""
    return ", " if translation.get_language() == "fr" else ".,"


def level_names(labels: queries.FrameworkLabels | None) -> dict[int, str]:
    """Each proficiency level with its number and name; 0 is "not assessed"."""
    named = {0: f"0 — {_('not assessed')}"}
    for number, name in (labels.levels if labels else {}).items():
        named[number] = f"{number} — {name}"
    return named


def figures(
    data: dict[str, Any],
    *,
    labels: queries.FrameworkLabels | None = None,
    group_title: str = "",
) -> dict[str, Any]:
    """The chart of each dataset in ``data`` (the funnel has none) as plotly
    JSON, named and titled in the page's language."""
    axes = charts.Axes(month=month_label, levels=level_names(labels))
    people = _("Number of people")
    built: dict[str, Callable[[], Any]] = {
        "growth": lambda: charts.growth_lines(
            data["growth"],
            title=_("Share of people at or above the expected level, per month"),
            y_title=_("Share at or above the expected level"),
            axes=axes,
        ),
        "gaps": lambda: charts.gap_heatmap(
            data["gaps"],
            title=_("Mean gap to the expected level, by competence"),
            colour_title=_("Gap (levels)"),
        ),
        "distribution": lambda: charts.level_distribution(
            data["distribution"],
            title=_("Assessments per proficiency level, by quarter"),
            level_label=_("Level"),
            y_title=_("Number of assessments"),
            axes=axes,
        ),
        "compliance": lambda: charts.compliance_bars(
            data["compliance"],
            title=_("Mandatory training: people per status"),
            labels={key: str(label) for key, label in STATUS_LABELS.items()},
            x_title=people,
        ),
        "activity": lambda: charts.activity_lines(
            data["activity"],
            title=_("Learners active, and learners who completed a course, per month"),
            labels={
                "active": _("Active learners"),
                "completed": _("Learners who completed a course"),
            },
            y_title=people,
            axes=axes,
        ),
    }
    return {name: _json(draw()) for name, draw in built.items() if name in data}


def _json(figure: Any) -> Any:
    figure.update_layout(separators=separators())
    return json.loads(figure.to_json())


def headers(group_title: str) -> dict[str, dict[str, str]]:
    """Each dataset's column labels (pandas names never reach the page)."""
    common = {
        "month": _("Month"),
        "group": group_title,
        "people": _("People"),
        "share_at_or_above": _("At or above the expected level (%)"),
        "mean_level": _("Mean level"),
        "competence": _("Competence"),
        "area": _("Competence area"),
        "mean_gap": _("Mean gap to the expected level (levels)"),
        "level": _("Level"),
        "assignment": _("Mandatory course"),
        "course": _("Course"),
        "town": _("Town"),
        "enrolled": _("Enrolled"),
        "not_started": _("Not started"),
        "in_progress": _("In progress"),
        "completed": _("Completed"),
        "active": _("Active learners"),
        "suppressed": _("Partly hidden (fewer than %(k)s people)")
        % {"k": frames.K_ANONYMITY},
        **{key: str(label) for key, label in STATUS_LABELS.items()},
    }
    return {
        "activity": {**common, "completed": _("Learners who completed a course")},
        "distribution": {**common, "people": _("Assessments")},
        "default": common,
    }


def table(
    frame: pd.DataFrame,
    name: str,
    *,
    group_title: str,
    labels: queries.FrameworkLabels | None = None,
    month: Any = None,
) -> dict[str, Any]:
    """One dataset as translated header and rows (``frames.as_table``)."""
    shown = frame
    if name == "distribution" and len(frame):
        named = level_names(labels)
        shown = frame.assign(level=frame["level"].map(lambda n: named.get(int(n), n)))
    every = headers(group_title)
    return frames.as_table(
        shown,
        headers=every.get(name, every["default"]),
        month=month or month_label,
        yes_no=(_("yes"), _("no")),
    )


def tables(
    data: dict[str, Any],
    *,
    group_title: str,
    labels: queries.FrameworkLabels | None = None,
) -> dict[str, dict[str, Any]]:
    """Text alternatives of every chart, headers translated."""
    return {
        name: table(frame, name, group_title=group_title, labels=labels)
        for name, frame in data.items()
    }


VALUES = {
    "growth": ["share_at_or_above", "people"],
    "gaps": ["mean_gap", "people"],
    "distribution": ["people"],
    "compliance": ["people", *frames.STATUSES],
    "activity": ["active", "completed"],
    "funnel": ["enrolled"],
}


def empty_states(data: dict[str, Any], scope: queries.Scope | None) -> dict[str, str]:
    """Why a chart has nothing to draw, by dataset (absent: it has data)."""
    states = {}
    for name, frame in data.items():
        columns = [c for c in VALUES.get(name, []) if c in frame]
        if frame.empty or not columns:
            states[name] = str(_why_empty(name, scope))
        elif not frame[columns].notna().to_numpy().any():
            states[name] = _(
                "Hidden: every figure here describes fewer than %(k)s people."
            ) % {"k": frames.K_ANONYMITY}
    return states


def _why_empty(name: str, scope: queries.Scope | None) -> str:
    if name == "distribution" and scope is not None and scope.filtered:
        return _("Shown for the whole organisation only.")
    if name == "compliance":
        return _("No data yet: no mandatory training has been assigned.")
    if name == "activity":
        return _("No data yet: nobody has used a course in this period.")
    if name == "funnel":
        return _("No data yet: nobody is enrolled in a course.")
    return _(
        "No data yet: skills figures appear once people have been assessed (a "
        "course, a quiz, a self-assessment or a manager's validation) and the "
        "figures have been computed."
    )
