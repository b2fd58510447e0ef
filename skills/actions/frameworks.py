"""Writes of the skills app: frameworks, expectations, evidence and snapshots."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.models import JobRole, Organisation, User
from lms.queries import organisations_administered_by, reports_of
from skills.models import (
    Competence,
    CompetenceArea,
    CompetenceStatement,
    Evidence,
    Framework,
    FrameworkVersion,
    MonthlySnapshot,
    ProficiencyLevel,
    RoleExpectation,
)
from skills.rules import TRUST_OF_SOURCE, Fact, levels_by_month, month_ends
from skills.snapshots_sql import rebuild_snapshots as rebuild_snapshots

DIGCOMP_DATA = Path(__file__).resolve().parent.parent / "data" / "digcomp-3.0.json"
DIGCOMP_STATEMENTS = (
    Path(__file__).resolve().parent.parent / "data" / "digcomp-3.0-statements.json"
)
ASSESSED = {
    Evidence.Source.COURSE,
    Evidence.Source.QUIZ,
    Evidence.Source.H5P,
    Evidence.Source.SCORM,
}
CLOCK_SKEW = dt.timedelta(minutes=5)


@transaction.atomic
def load_framework(
    data: dict[str, Any], *, organisation: Organisation | None = None
) -> FrameworkVersion:
    """Create or complete a framework version from its description; idempotent.

    ``data``: slug, name, version, levels [{number, code, name_en, name_fr}],
    areas [{code, name_en, name_fr, competences [{code, name_en, name_fr}]}].
    """
    framework, _created = Framework.objects.update_or_create(
        slug=data["slug"],
        defaults={
            "name": data["name"],
            "organisation": organisation,
            "attribution": data.get("attribution", ""),
            "licence_url": data.get("licence_url", ""),
            "source_url": data.get("source_url", ""),
        },
    )
    version, _created = FrameworkVersion.objects.get_or_create(
        framework=framework, label=str(data["version"])
    )
    FrameworkVersion.objects.filter(framework=framework).exclude(pk=version.pk).update(
        is_current=False
    )
    for level in data["levels"]:
        eight = level.get("eight_level") or [None, None]
        ProficiencyLevel.objects.update_or_create(
            version=version,
            number=level["number"],
            defaults={
                "code": level["code"],
                "name_en": level["name_en"],
                "name_fr": level.get("name_fr") or level["name_en"],
                "description": level.get("description", ""),
                "eight_level_min": eight[0],
                "eight_level_max": eight[1],
            },
        )
    for area_data in data["areas"]:
        area, _created = CompetenceArea.objects.update_or_create(
            version=version,
            code=area_data["code"],
            defaults={
                "name_en": area_data["name_en"],
                "name_fr": area_data.get("name_fr") or area_data["name_en"],
                "description": area_data.get("description", ""),
            },
        )
        for item in area_data["competences"]:
            Competence.objects.update_or_create(
                version=version,
                code=item["code"],
                defaults={
                    "area": area,
                    "name_en": item["name_en"],
                    "name_fr": item.get("name_fr") or item["name_en"],
                    "description": item.get("description", ""),
                },
            )
    return version


def load_digcomp() -> FrameworkVersion:
    """DigComp 3.0 as shipped with the project (names, areas, levels, and the
    statements the self-assessment shows, in English and French)."""
    version = load_framework(json.loads(DIGCOMP_DATA.read_text(encoding="utf-8")))
    load_statements(version, json.loads(DIGCOMP_STATEMENTS.read_text(encoding="utf-8")))
    return version


@transaction.atomic
def load_statements(version: FrameworkVersion, data: dict[str, Any]) -> int:
    """Add the shipped competence statements to ``version``; returns how many were new.

    ``data``: statements [{external_id, competence, level, text_en, text_fr}]. A
    statement already there (e.g. from the JRC supplement) keeps its English text
    and gets the French one. Three queries once everything is loaded.
    """
    competences = dict(
        Competence.objects.filter(version=version).values_list("code", "pk")
    )
    levels = dict(
        ProficiencyLevel.objects.filter(version=version).values_list("number", "pk")
    )
    existing = {
        (s.competence_id, s.external_id): s
        for s in CompetenceStatement.objects.filter(competence__version=version)
    }
    new, changed = [], []
    for item in data["statements"]:
        competence_id = competences[item["competence"]]
        statement = existing.get((competence_id, item["external_id"]))
        if statement is None:
            new.append(
                CompetenceStatement(
                    competence_id=competence_id,
                    level_id=levels[item["level"]],
                    kind=CompetenceStatement.Kind.STATEMENT,
                    external_id=item["external_id"],
                    text=item["text_en"],
                    text_fr=item["text_fr"],
                )
            )
        elif statement.text_fr != item["text_fr"]:
            statement.text_fr = item["text_fr"]
            changed.append(statement)
    for statement in new:
        # The keys come from this version's own rows: no query per row for them.
        statement.full_clean(
            exclude=["competence", "level"],
            validate_unique=False,
            validate_constraints=False,
        )
    CompetenceStatement.objects.bulk_create(new)
    CompetenceStatement.objects.bulk_update(changed, ["text_fr"])
    return len(new)


@transaction.atomic
def set_expectation(
    job_role: JobRole, competence: Competence, *, level: int
) -> RoleExpectation:
    expectation = RoleExpectation.objects.filter(
        job_role=job_role, competence=competence
    ).first() or RoleExpectation(job_role=job_role, competence=competence)
    expectation.level = level
    expectation.full_clean()
    expectation.save()
    return expectation


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


def _facts(rows: Iterable[Evidence]) -> list[Fact]:
    return [
        Fact(e.level, e.source, e.observed_at, e.expires_at, e.pk, e.trust)
        for e in rows
    ]


def refresh_snapshots(person: User, competence: Competence, *, since: dt.date) -> int:
    """Rewrite the month-end snapshots of one person and competence from ``since``."""
    facts = _facts(Evidence.objects.filter(person=person, competence=competence))
    if not facts:
        return 0
    expected = (
        RoleExpectation.objects.filter(
            job_role_id=person.job_role_id, competence=competence
        )
        .values_list("level", flat=True)
        .first()
    )
    rows = _snapshot_rows(
        facts,
        person_id=person.pk,
        competence_id=competence.pk,
        expected=expected,
        where=(person.organisation_id, person.department_id, person.job_role_id),
        since=since,
    )
    MonthlySnapshot.objects.filter(
        person=person, competence=competence, month__gte=rows[0][2]
    ).delete()
    _insert_snapshot_rows(rows)
    return len(rows)


def _snapshot_rows(
    facts: list[Fact],
    *,
    person_id: int,
    competence_id: int,
    expected: int | None,
    where: tuple[int | None, int | None, int | None],
    since: dt.date | None = None,
) -> list[tuple[Any, ...]]:
    """One row per month end (``SNAPSHOT_COLUMNS``) from the first evidence, or
    from ``since``'s month if later, to this month; ``where``: organisation,
    department and job role ids."""
    tz = timezone.get_current_timezone()
    first = min(f.observed_at for f in facts).astimezone(tz).date()
    if since is not None:
        first = max(first, since.replace(day=1))
    months = month_ends(first, timezone.localdate())
    levels = levels_by_month(facts, months, tz)
    return [
        (person_id, competence_id, month, level, expected, *where)
        for month, level in zip(months, levels, strict=True)
    ]


SNAPSHOT_COLUMNS = (
    "person_id",
    "competence_id",
    "month",
    "level",
    "expected",
    "organisation_id",
    "department_id",
    "job_role_id",
)


def _insert_snapshot_rows(rows: list[tuple[Any, ...]]) -> None:
    """Millions of rows: COPY on PostgreSQL, executemany elsewhere, no model objects."""
    if not rows:
        return
    table = MonthlySnapshot._meta.db_table
    columns = ", ".join(SNAPSHOT_COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(SNAPSHOT_COLUMNS))
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608
                rows,
            )


@transaction.atomic
def apply_digcomp_supplement(data: dict[str, Any]) -> dict[str, int]:
    """Add the JRC supplement's descriptors, statements and outcomes to DigComp 3.0,
    in place; running it again updates the same rows and adds none."""
    version = load_digcomp()
    competences = {c.code: c for c in Competence.objects.filter(version=version)}
    levels = {lv.number: lv for lv in ProficiencyLevel.objects.filter(version=version)}
    for code, text in data["area_descriptors"].items():
        CompetenceArea.objects.filter(version=version, code=code).update(
            description=text
        )
    for code, text in data["competence_descriptors"].items():
        Competence.objects.filter(version=version, code=code).update(description=text)
    created = 0
    for item in data["items"]:
        _statement, was_created = CompetenceStatement.objects.update_or_create(
            competence=competences[item["competence"]],
            external_id=item["external_id"],
            defaults={
                "level": levels[item["level"]],
                "kind": item["kind"],
                "text": item["text"],
                "facet": item["facet"],
            },
        )
        created += was_created
    return {"items": len(data["items"]), "created": created}


@transaction.atomic
def import_expectations(
    organisation: Organisation | None,
    rows: list[dict[str, str]],
    *,
    version: FrameworkVersion,
) -> int:
    """Set expected levels from rows of job_role_code, competence_code, level.

    Every row is checked first; one bad row and nothing is written.
    """
    from lms.models import JobRole

    roles = {r.code: r for r in JobRole.objects.filter(organisation=organisation)}
    competences = {c.code: c for c in Competence.objects.filter(version=version)}
    top = version.levels.count()
    problems, valid = [], []
    for line, row in enumerate(rows, start=2):
        role = roles.get(row.get("job_role_code", "").strip())
        competence = competences.get(row.get("competence_code", "").strip())
        try:
            level = int(row.get("level", ""))
        except ValueError:
            level = -1
        if role is None:
            problems.append(_("Line %(line)s: unknown job role.") % {"line": line})
        elif competence is None:
            problems.append(_("Line %(line)s: unknown competence.") % {"line": line})
        elif not 1 <= level <= top:
            problems.append(
                _("Line %(line)s: level outside the scale.") % {"line": line}
            )
        else:
            valid.append((role, competence, level))
    if problems:
        raise ValidationError(problems)
    for role, competence, level in valid:
        set_expectation(role, competence, level=level)
    return len(valid)


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
    problems, valid = [], []
    for line, row in enumerate(rows, start=2):
        person = people.get((row.get("employee_number") or "").strip())
        competence = competences.get((row.get("competence_code") or "").strip())
        try:
            level = int(row.get("level", ""))
            observed = dt.date.fromisoformat((row.get("observed_at") or "").strip())
            expires_text = (row.get("expires_at") or "").strip()
            expires = dt.date.fromisoformat(expires_text) if expires_text else None
        except ValueError:
            problems.append(
                _("Line %(line)s: level or date not readable.") % {"line": line}
            )
            continue
        if person is None:
            problems.append(
                _("Line %(line)s: unknown employee number.") % {"line": line}
            )
        elif competence is None:
            problems.append(_("Line %(line)s: unknown competence.") % {"line": line})
        elif not 1 <= level <= top:
            problems.append(
                _("Line %(line)s: level outside the scale.") % {"line": line}
            )
        elif observed > today:
            problems.append(_("Line %(line)s: date in the future.") % {"line": line})
        else:
            valid.append((person, competence, level, observed, expires))
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
