"""Writes of frameworks and expectations: loading a framework (DigComp and its
statements), its supplement, expected levels by job role, and their import.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lms.models import JobRole, Organisation
from skills.models import (
    Competence,
    CompetenceArea,
    CompetenceStatement,
    Framework,
    FrameworkVersion,
    ProficiencyLevel,
    RoleExpectation,
)

DIGCOMP_DATA = Path(__file__).resolve().parent.parent / "data" / "digcomp-3.0.json"
DIGCOMP_STATEMENTS = (
    Path(__file__).resolve().parent.parent / "data" / "digcomp-3.0-statements.json"
)


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
    _load_levels(version, data["levels"])
    _load_areas(version, data["areas"])
    return version


def _load_levels(version: FrameworkVersion, levels: list[dict[str, Any]]) -> None:
    """The version's level scale, created or updated by number."""
    for level in levels:
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


def _load_areas(version: FrameworkVersion, areas: list[dict[str, Any]]) -> None:
    """The version's areas and their competences, created or updated by code."""
    for area_data in areas:
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
