"""The PDF attestation of a completed course (fpdf2, built-in fonts)."""

from __future__ import annotations

from typing import Any

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
    """The attestation: the town's logo, the holder, the course with its
    duration and the competences it demonstrates, how completion was
    established, a signature line for the town, and where to verify it."""
    verify_url = settings.SITE_URL + reverse(
        "courses:certificate-verify", args=[certificate.code]
    )
    course = certificate.enrolment.course
    organisation = certificate.enrolment.user.organisation or course.organisation
    with translation.override(language):
        issued = formats.date_format(
            timezone.localtime(certificate.issued_at), "DATE_FORMAT"
        )
        pdf = FPDF(orientation="landscape", format="A4")
        pdf.set_auto_page_break(False)
        pdf.set_title(_text(_("Attestation of completion")))
        pdf.set_author(_text(certificate.organisation_name))
        pdf.add_page()
        pdf.set_draw_color(11, 92, 171)
        pdf.set_line_width(1.5)
        pdf.rect(10, 10, 277, 190)
        logo = _logo_file(organisation)
        if logo:
            pdf.image(logo, x=18, y=16, h=22)
        pdf.set_y(28)
        _line(pdf, _("Attestation of completion"), size=28, height=14, bold=True)
        pdf.ln(4)
        _line(pdf, _("This attests that"), size=14, height=8)
        _line(pdf, certificate.holder_name, size=22, height=12, bold=True)
        _line(pdf, _("has completed the course"), size=14, height=8)
        _line(pdf, certificate.course_title, size=18, height=10, bold=True)
        _line(pdf, _duration(course.duration_minutes), size=12, height=7)
        pdf.ln(2)
        _line(
            pdf,
            _("on %(date)s, issued by %(organisation)s")
            % {"date": issued, "organisation": certificate.organisation_name},
            size=13,
            height=8,
        )
        demonstrated = _competences(course)
        if demonstrated:
            _line(
                pdf,
                _("Competences demonstrated: %(list)s") % {"list": demonstrated},
                size=11,
                height=6,
            )
        _line(pdf, _established(certificate), size=10, height=6)
        # The town signs: a line for the signature and the signatory's title.
        pdf.set_font("Helvetica", "", 11)
        pdf.set_xy(185, 150)
        pdf.cell(
            90,
            6,
            _text(
                _("For %(organisation)s")
                % {"organisation": certificate.organisation_name}
            ),
            align="C",
        )
        pdf.set_line_width(0.3)
        pdf.line(195, 172, 265, 172)
        pdf.set_xy(185, 173)
        pdf.cell(90, 6, _text(_("Signature and stamp")), align="C")
        pdf.set_xy(20, 175)
        pdf.set_font("Helvetica", "", 10)
        pdf.cell(
            150,
            6,
            _text(_("Verification code: %(code)s") % {"code": certificate.code}),
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.set_x(20)
        pdf.cell(150, 6, _text(verify_url), link=verify_url)
        return bytes(pdf.output())


def _logo_file(organisation: Any) -> str | None:
    """A PNG rendition of the town's logo, if it has one."""
    image = organisation.logo if organisation else None
    if image is None:
        return None
    try:
        return image.get_rendition("max-400x160|format-png").file.path
    except (OSError, ValueError):  # the file is missing or not an image
        return None


def _duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        text = _("%(minutes)s min") % {"minutes": rest}
    elif not rest:
        text = _("%(hours)s h") % {"hours": hours}
    else:
        text = _("%(hours)s h %(minutes)02d") % {"hours": hours, "minutes": rest}
    return _("Duration: %(duration)s") % {"duration": text}


def _competences(course: Any) -> str:
    links = course.competence_links.select_related("competence").order_by("sort_order")
    return "; ".join(
        _("%(competence)s (level %(level)s)")
        % {"competence": link.competence, "level": link.level}
        for link in links
    )


def _established(certificate: Certificate) -> str:
    """How completion was established, as the attestation states it."""
    if certificate.established == "content":
        return _(
            "Completion established partly on results reported by interactive "
            "content (H5P, SCORM)."
        )
    return _("Completion established on results scored by the platform.")
