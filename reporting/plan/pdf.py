"""The adopted plan as a PDF (fpdf2, built-in fonts, as the attestations and
attendance sheets): vision, status history, then one line per action with its
owner, timing, cost, funding, indicator, target, latest value and progress."""

from __future__ import annotations

from typing import Any

from django.utils import formats, translation
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace

_LATIN1 = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "“": '"',
        "”": '"',
        "œ": "oe",
        "Œ": "OE",
        "—": "-",
        "–": "-",
        "€": "EUR",
        "…": "...",
    }
)


def _text(value: object) -> str:
    return str(value).translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")


def _date(value: Any) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def plan_pdf(progress: Any, *, language: str) -> bytes:
    """``progress``: ``queries.plan_progress(plan)``."""
    plan = progress.plan
    with translation.override(language):
        pdf = FPDF(orientation="landscape", format="A4")
        pdf.set_title(_text(plan.title))
        pdf.set_author(_text(plan.organisation.name))
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 18)
        pdf.multi_cell(0, 10, _text(plan.title), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        facts = [
            (_("Town"), plan.organisation.name),
            (_("Period"), f"{_date(plan.starts_on)} - {_date(plan.ends_on)}"),
            (_("Status"), plan.get_status_display()),
            (_("Progress"), progress.in_words),
            (_("Total cost (€)"), formats.number_format(progress.cost, 2)),
        ]
        for label, value in facts:
            pdf.multi_cell(
                0, 6, _text(f"{label} : {value}"), new_x="LMARGIN", new_y="NEXT"
            )
        pdf.ln(2)
        pdf.set_font("Helvetica", "B", 13)
        pdf.cell(0, 8, _text(_("Vision")), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        pdf.multi_cell(0, 6, _text(plan.vision), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        pdf.set_font("Helvetica", "B", 13)
        pdf.cell(
            0, 8, _text(_("Actions and indicators")), new_x="LMARGIN", new_y="NEXT"
        )
        pdf.set_font("Helvetica", "", 9)
        heading = [
            _("Action"),
            _("Owner department"),
            _("Timing"),
            _("Cost (€)"),
            _("Funding source"),
            _("Indicator"),
            _("Target"),
            _("Latest value"),
            _("Progress"),
        ]
        widths = [50, 35, 35, 22, 30, 45, 18, 20, 22]
        with pdf.table(
            col_widths=widths,
            line_height=5,
            headings_style=FontFace(emphasis="BOLD"),
            width=sum(widths),
            align="LEFT",
        ) as table:
            row = table.row()
            for cell in heading:
                row.cell(_text(cell))
            for item in progress.actions:
                action = item.action
                row = table.row()
                for cell in (
                    action.title,
                    action.department.name,
                    f"{_date(action.starts_on)} - {_date(action.ends_on)}",
                    formats.number_format(action.cost, 2),
                    action.funding_source,
                    action.indicator,
                    formats.number_format(action.target),
                    ""
                    if item.latest_value is None
                    else formats.number_format(item.latest_value),
                    f"{item.percent} % ({item.state_label})",
                ):
                    row.cell(_text(cell))
        return bytes(pdf.output())
