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


def certificate_pdf(certificate: Certificate, *, language: str) -> bytes:
    verify_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
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
        pdf.set_font("Helvetica", "B", 30)
        pdf.set_y(35)
        pdf.cell(
            0,
            16,
            _text(_("Attestation of completion")),
            align="C",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.set_font("Helvetica", "", 16)
        pdf.ln(8)
        pdf.cell(
            0,
            10,
            _text(_("This attests that")),
            align="C",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.set_font("Helvetica", "B", 24)
        pdf.cell(
            0,
            14,
            _text(certificate.holder_name),
            align="C",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.set_font("Helvetica", "", 16)
        pdf.cell(
            0,
            10,
            _text(_("has completed the course")),
            align="C",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.set_font("Helvetica", "B", 20)
        pdf.multi_cell(
            0,
            12,
            _text(certificate.course_title),
            align="C",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.set_font("Helvetica", "", 14)
        pdf.ln(4)
        pdf.cell(
            0,
            9,
            _text(
                _("on %(date)s, issued by %(organisation)s")
                % {"date": issued, "organisation": certificate.organisation_name}
            ),
            align="C",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.set_y(170)
        pdf.set_font("Helvetica", "", 11)
        pdf.cell(
            0,
            7,
            _text(_("Verification code: %(code)s") % {"code": certificate.code}),
            align="C",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.cell(0, 7, _text(verify_url), align="C", link=verify_url)
        return bytes(pdf.output())
