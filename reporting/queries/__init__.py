"""Django only: reporting's reads, by topic; importers use ``reporting.queries``.

Every function takes a ``Scope`` built by ``scope_for`` from who is asking, so no query
can reach outside it. No pandas here."""

from reporting.queries.levels import (
    FrameworkLabels,
    competences_by_pk,
    department_paths,
    distribution_rows,
    framework_labels,
    group_names,
    growth_rows,
    heatmap_rows,
    summary_source_rows,
)
from reporting.queries.network import (
    network_area_rows,
    network_growth_rows,
    network_rows,
    network_towns,
)
from reporting.queries.peer import (
    community_rows,
    mentoring_rows,
)
from reporting.queries.scope import (
    METRICS,
    STEP,
    Scope,
    month_start,
    scope_for,
)
from reporting.queries.training import (
    activity_rows,
    compliance_rows,
    funnel_rows,
    officials_training_rows,
)

__all__ = [
    "FrameworkLabels",
    "METRICS",
    "STEP",
    "Scope",
    "activity_rows",
    "community_rows",
    "competences_by_pk",
    "compliance_rows",
    "department_paths",
    "distribution_rows",
    "framework_labels",
    "funnel_rows",
    "group_names",
    "growth_rows",
    "heatmap_rows",
    "mentoring_rows",
    "month_start",
    "network_area_rows",
    "network_growth_rows",
    "network_rows",
    "network_towns",
    "officials_training_rows",
    "scope_for",
    "summary_source_rows",
]
