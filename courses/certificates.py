"""The PDF attestation of a completed course (fpdf2, built-in fonts)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from fpdf import FPDF

from courses.models import Certificate

# The PDF core fonts cover Latin-1; map the few French typographic characters
# outside it instead of shipping a font file.
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
        "…": "...",
    }
)


def _text(value: str) -> str:
    return value.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")


def _line(pdf: FPDF, text: str, *, size: int, height: int, bold: bool = False) -> None:
    """One centred line (wrapped if too long), then the cursor to the next."""
    pdf.set_font("Helvetica", "B" if bold else "", size)
    pdf.multi_cell(0, height, _text(text), align="C", new_x="LMARGIN", new_y="NEXT")


def certificate_pdf(certificate: Certificate, *, language: str) -> bytes:
    verify_url = settings.SITE_URL + reverse(
        "courses:certificate-verify", args=[certificate.code]
    )
    with translation.override(language):
        issued = formats.date_format(
            timezone.localtime(certificate.issued_at), "DATE_FORMAT"
        )
        pdf = FPDF(orientation="landscape", format="A4")
        pdf.set_title(_text(_("Attestation of completion")))
        pdf.set_author("CivicSkills")
        pdf.add_page()
        pdf.set_draw_color(11, 92, 171)
        pdf.set_line_width(1.5)
        pdf.rect(10, 10, 277, 190)
        pdf.set_y(35)
        _line(pdf, _("Attestation of completion"), size=30, height=16, bold=True)
        pdf.ln(8)
        _line(pdf, _("This attests that"), size=16, height=10)
        _line(pdf, certificate.holder_name, size=24, height=14, bold=True)
        _line(pdf, _("has completed the course"), size=16, height=10)
        _line(pdf, certificate.course_title, size=20, height=12, bold=True)
        pdf.ln(4)
        _line(
            pdf,
            _("on %(date)s, issued by %(organisation)s")
            % {"date": issued, "organisation": certificate.organisation_name},
            size=14,
            height=9,
        )
        pdf.set_y(170)
        _line(
            pdf,
            _("Verification code: %(code)s") % {"code": certificate.code},
            size=11,
            height=7,
        )
        pdf.cell(0, 7, _text(verify_url), align="C", link=verify_url)
        return bytes(pdf.output())
