"""Writes to the evidence ledger: self-assessments, evidence from courses,
managers and trainers, and evidence imported from a file. Rows are only ever
added.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.models import Organisation, User
from lms.queries import organisations_administered_by, reports_of
from skills.actions.snapshots import refresh_snapshots
from skills.models import (
    Competence,
    Evidence,
    FrameworkVersion,
)
from skills.rules import TRUST_OF_SOURCE

ASSESSED = {
    Evidence.Source.COURSE,
    Evidence.Source.QUIZ,
    Evidence.Source.H5P,
    Evidence.Source.SCORM,
}
CLOCK_SKEW = dt.timedelta(minutes=5)


@transaction.atomic
def record_self_assessment(person: User, *, levels: dict[Competence, int]) -> int:
    """The person's own levels for some competences, all or none; returns how many
    were recorded. A level the person already gave for a competence today is not
    recorded twice (saving a step again, after going back to it)."""
    today = timezone.localdate()
    given_today = {
        (row.competence_id, row.level)
        for row in Evidence.objects.filter(
            person=person,
            source=Evidence.Source.SELF,
            competence__in=[c.pk for c in levels],
            observed_at__date=today,
        )
    }
    levels = {
        competence: level
        for competence, level in levels.items()
        if (competence.pk, level) not in given_today
    }
    for competence, level in levels.items():
        record_evidence(
            person,
            competence=competence,
            level=level,
            source=Evidence.Source.SELF,
            recorded_by=person,
        )
    return len(levels)


def _check_may_record(person: User, source: str, recorded_by: User | None) -> None:
    if source == Evidence.Source.SELF:
        if recorded_by is None or recorded_by.pk != person.pk:
            raise PermissionDenied(_("Only the person can assess themselves."))
    elif source == Evidence.Source.MANAGER:
        # Even where old data lets a chain loop back (so that someone is among
        # their own reports), a validation is always someone else's word.
        if recorded_by is not None and recorded_by.pk == person.pk:
            raise PermissionDenied(
                _("Nobody can validate their own level: their manager does.")
            )
        if (
            recorded_by is None
            or not reports_of(recorded_by).filter(pk=person.pk).exists()
        ):
            raise PermissionDenied(_("Only the person's manager can validate a level."))
    elif source == Evidence.Source.IMPORT:
        if (
            recorded_by is None
            or person.organisation_id is None
            or not organisations_administered_by(recorded_by)
            .filter(pk=person.organisation_id)
            .exists()
        ):
            raise PermissionDenied(
                _("Only HR of the person's organisation can import.")
            )


@transaction.atomic
def record_evidence(
    person: User,
    *,
    competence: Competence,
    level: int,
    source: str,
    recorded_by: User | None = None,
    observed_at: dt.datetime | None = None,
    expires_at: dt.datetime | None = None,
    source_ref: str = "",
    note: str = "",
    trust: str = "",
) -> Evidence:
    """Append one piece of evidence and bring the person's snapshots up to date.

    Who may record depends on the source: a person assesses only themselves, a
    manager validates only their (transitive) reports, HR imports for its own
    town; course, quiz, H5P and SCORM evidence comes from the platform itself.
    ``trust`` defaults to what the source says (see ``skills.rules``); a course
    completed on results reported by content says ``Evidence.Trust.CONTENT``.
    """
    _check_may_record(person, source, recorded_by)
    now = timezone.now()
    observed_at = observed_at or now
    if observed_at > now + CLOCK_SKEW:
        raise ValidationError(_("Evidence cannot be observed in the future."))
    top = competence.version.levels.count()
    if not 1 <= level <= top:
        raise ValidationError(
            _("Level %(level)s is outside the scale (1 to %(top)s).")
            % {"level": level, "top": top}
        )
    framework_org = competence.version.framework.organisation_id
    if framework_org is not None and framework_org != person.organisation_id:
        raise ValidationError(_("This framework belongs to another organisation."))
    evidence = Evidence(
        person=person,
        competence=competence,
        level=level,
        source=source,
        trust=trust or TRUST_OF_SOURCE[source],
        source_ref=source_ref,
        recorded_by=recorded_by,
        observed_at=observed_at,
        expires_at=expires_at,
        note=note,
    )
    evidence.full_clean()
    evidence.save()
    refresh_snapshots(person, competence, since=observed_at.date())
    return evidence


# A valid row of an evidence import: person, competence, level, observed on,
# expires on.
_ImportedRow = tuple[User, Competence, int, dt.date, dt.date | None]


@transaction.atomic
def import_evidence(
    organisation: Organisation,
    rows: list[dict[str, str]],
    *,
    version: FrameworkVersion,
    recorded_by: User,
    source_ref: str = "",
) -> int:
    """Outside assessments (a Pix export, say) as evidence, all rows or none.

    Columns: employee_number, competence_code, level, observed_at (YYYY-MM-DD),
    optional expires_at.
    """
    if (
        not organisations_administered_by(recorded_by)
        .filter(pk=organisation.pk)
        .exists()
    ):
        raise PermissionDenied(_("Only HR of the person's organisation can import."))
    people = {
        p.employee_number: p
        for p in User.objects.filter(organisation=organisation).exclude(
            employee_number=None
        )
    }
    competences = {c.code: c for c in Competence.objects.filter(version=version)}
    top = version.levels.count()
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    problems: list[str] = []
    valid: list[_ImportedRow] = []
    for line, row in enumerate(rows, start=2):
        read = _read_imported_row(
            row, people=people, competences=competences, top=top, today=today
        )
        if isinstance(read, str):
            problems.append(read % {"line": line})
        else:
            valid.append(read)
    if problems:
        raise ValidationError(problems)
    for person, competence, level, observed, expires in valid:
        record_evidence(
            person,
            competence=competence,
            level=level,
            source=Evidence.Source.IMPORT,
            recorded_by=recorded_by,
            observed_at=dt.datetime.combine(observed, dt.time(12), tzinfo=tz),
            expires_at=dt.datetime.combine(expires, dt.time(0), tzinfo=tz)
            if expires
            else None,
            source_ref=source_ref,
        )
    return len(valid)


def _read_imported_row(
    row: dict[str, str],
    *,
    people: dict[str | None, User],
    competences: dict[str, Competence],
    top: int,
    today: dt.date,
) -> _ImportedRow | str:
    """One row of an evidence import, read; or what is wrong with it, a message
    waiting for its ``%(line)s``."""
    person = people.get((row.get("employee_number") or "").strip())
    competence = competences.get((row.get("competence_code") or "").strip())
    try:
        level = int(row.get("level", ""))
        observed = dt.date.fromisoformat((row.get("observed_at") or "").strip())
        expires_text = (row.get("expires_at") or "").strip()
        expires = dt.date.fromisoformat(expires_text) if expires_text else None
    except ValueError:
        return _("Line %(line)s: level or date not readable.")
    if person is None:
        return _("Line %(line)s: unknown employee number.")
    if competence is None:
        return _("Line %(line)s: unknown competence.")
    if not 1 <= level <= top:
        return _("Line %(line)s: level outside the scale.")
    if observed > today:
        return _("Line %(line)s: date in the future.")
    return person, competence, level, observed, expires
