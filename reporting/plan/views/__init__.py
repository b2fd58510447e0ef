"""Pages of the pilots and the local digital plan, by topic; ``urls.py``
reads them here. Each begins with an access helper of
``reporting.plan.queries`` (HR and plan managers write, officials read and
comment)."""

from reporting.plan.views.managers import (
    manager_remove,
    managers,
)
from reporting.plan.views.pilots import (
    pilot_decide,
    pilot_detail,
    pilot_edit,
    pilot_publish,
    pilot_scale,
)
from reporting.plan.views.plan_actions import (
    action_assign,
    action_detail,
    action_edit,
    action_milestone,
    action_path,
    action_value,
    courses_closing_queryset,
    milestone_done,
)
from reporting.plan.views.plans import (
    home,
    plan_comment,
    plan_detail,
    plan_edit,
    plan_move,
    plan_pdf_view,
)
from reporting.plan.views.practices import (
    practice_adopt,
    practice_community,
    practice_detail,
)

__all__ = [
    "action_assign",
    "action_detail",
    "action_edit",
    "action_milestone",
    "action_path",
    "action_value",
    "courses_closing_queryset",
    "home",
    "manager_remove",
    "managers",
    "milestone_done",
    "pilot_decide",
    "pilot_detail",
    "pilot_edit",
    "pilot_publish",
    "pilot_scale",
    "plan_comment",
    "plan_detail",
    "plan_edit",
    "plan_move",
    "plan_pdf_view",
    "practice_adopt",
    "practice_community",
    "practice_detail",
]
