"""Training sessions on the learner's and the organiser's side, by topic:
sign-ups and decisions, attendance and observed levels, the satisfaction
questionnaire, training hours."""

from courses.training.views.attendance import (
    attendance,
    observed,
    sheet,
    sheet_pdf,
    signed_sheet,
    upload_sheet,
)
from courses.training.views.hours import (
    hours_export,
    hours_report,
    hours_report_export,
)
from courses.training.views.satisfaction import (
    satisfaction,
    satisfaction_results_view,
)
from courses.training.views.sessions import (
    approvals,
    cancel,
    decide,
    nominate,
    register,
    session_detail,
)

__all__ = [
    "approvals",
    "attendance",
    "cancel",
    "decide",
    "hours_export",
    "hours_report",
    "hours_report_export",
    "nominate",
    "observed",
    "register",
    "satisfaction",
    "satisfaction_results_view",
    "session_detail",
    "sheet",
    "sheet_pdf",
    "signed_sheet",
    "upload_sheet",
]
