"""The attendance sheet as a PDF (fpdf2, built-in fonts, as the attestations):
the session's details and the town's name, one line per participant and a
signature column per slot, as French training bodies require."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace

from courses.training.models import SessionSlot, TrainingSession

if TYPE_CHECKING:
    from courses.training.queries import SheetLine

_LATIN1 = str.maketrans(
    {"’": "'", "‘": "'", "“": '"', "”": '"', "œ": "oe", "Œ": "OE", "—": "-", "–": "-"}
)


def _text(value: str) -> str:
    return value.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")


def _slot_label(slot: SessionSlot) -> str:
    start = timezone.localtime(slot.starts_at)
    end = timezone.localtime(slot.ends_at)
    return (
        formats.date_format(start, "SHORT_DATE_FORMAT")
        + " "
        + formats.time_format(start, "TIME_FORMAT")
        + "-"
        + formats.time_format(end, "TIME_FORMAT")
    )


def attendance_sheet_pdf(
    session: TrainingSession,
    slots: Sequence[SessionSlot],
    lines: Sequence[SheetLine],
    *,
    language: str,
) -> bytes:
    """``lines`` are ``queries.SheetLine`` rows (confirmed participants)."""
    with translation.override(language):
        pdf = FPDF(orientation="landscape", format="A4")
        pdf.set_title(_text(_("Attendance sheet")))
        pdf.set_author(_text(session.training.organisation.name))
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 18)
        pdf.cell(0, 10, _text(_("Attendance sheet")), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        details = [
            (_("Training"), session.training.title),
            (_("Organised by"), session.training.organisation.name),
            (_("Place"), session.place.strip() or session.video_url),
            (_("Trainers"), ", ".join(session.trainer_names)),
        ]
        for label, value in details:
            if value:
                pdf.multi_cell(
                    0, 6, _text(f"{label} : {value}"), new_x="LMARGIN", new_y="NEXT"
                )
        pdf.ln(4)
        pdf.set_font("Helvetica", "", 10)
        heading = [_("Participant"), _("Town")] + [
            f"{_slot_label(slot)}\n{_('Signature')}" for slot in slots
        ]
        widths = [60, 40] + [max(30, 177 // max(len(slots), 1))] * len(slots)
        with pdf.table(
            col_widths=widths,
            line_height=8,
            headings_style=FontFace(emphasis="BOLD"),
            width=sum(widths),
            align="LEFT",
        ) as table:
            row = table.row()
            for cell in heading:
                row.cell(_text(cell))
            for line in lines:
                person = line.registration.user
                row = table.row()
                row.cell(_text(str(person)))
                row.cell(_text(str(person.organisation or "")))
                for _slot in slots:
                    row.cell("\n")
        return bytes(pdf.output())
