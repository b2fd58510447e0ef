"""The glue of an assessment's results: queries → frames → one ``Result``
(scores per dimension and overall, the groups' agreement, the computed skills
dimension, the change since the previous assessment, the size band's median).
No pandas here: ``reporting.frames.maturity`` computes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from lms.anonymity import K_ANONYMITY
from reporting.frames import maturity as frames
from reporting.maturity import queries
from reporting.maturity.models import Assessment, Dimension, Group, Question
from skills.models import CompetenceArea


@dataclass
class DimensionResult:
    code: str
    name: str
    description: str
    computed: bool
    score: float | None
    spread: float | None = None
    groups: dict[str, float | None] = field(default_factory=dict)
    previous: float | None = None
    band: float | None = None

    @property
    def change(self) -> float | None:
        if self.score is None or self.previous is None:
            return None
        return round(self.score - self.previous, 2)

    @property
    def group_scores(self) -> list[float | None]:
        """The groups' means in ``Group`` order (None: no answer)."""
        return [self.groups.get(g) for g in Group.values]

    @property
    def disagree(self) -> bool:
        return self.spread is not None and self.spread >= frames.DISAGREEMENT


@dataclass
class QuestionResult:
    dimension: str
    text: str
    groups: dict[str, float | None]
    spread: float | None
    disagree: bool

    @property
    def group_scores(self) -> list[float | None]:
        return [self.groups.get(g) for g in Group.values]


@dataclass
class Result:
    dimensions: list[DimensionResult]
    overall: float | None
    questions: list[QuestionResult] = field(default_factory=list)
    skills_month: dt.date | None = None
    skills_areas: list[dict[str, Any]] = field(default_factory=list)
    previous: Assessment | None = None
    previous_overall: float | None = None
    band: tuple[int, int | None] | None = None
    band_towns: int = 0
    shares: bool = False
    groups: list[tuple[str, str]] = field(default_factory=list)

    def scores(self) -> dict[str, float | None]:
        return {d.code: d.score for d in self.dimensions}


def as_of_date(assessment: Assessment) -> dt.date:
    """The skills dimension's date: the closing day, today while open."""
    if assessment.closed_at is not None:
        return timezone.localdate(assessment.closed_at)
    return timezone.localdate()


def results(assessment: Assessment, *, as_of: dt.date | None = None) -> Result:
    """Everything the results page and the council's summary show."""
    dimensions = list(assessment.questionnaire.dimensions.all())
    codes = [d.code for d in dimensions]
    answers = frames.answers_frame(queries.answer_rows(assessment))
    scores = frames.dimension_scores(answers, codes).set_index("dimension")
    per_group = frames.group_scores(answers)
    month = queries.skills_month(
        assessment.organisation, as_of or as_of_date(assessment)
    )
    areas = frames.skills_areas(
        queries.skills_rows(assessment.organisation, month) if month else [],
        k=K_ANONYMITY,
    )
    skills = frames.skills_score(areas)
    built = []
    for dimension in dimensions:
        row = scores.loc[dimension.code]
        groups = per_group[per_group["dimension"] == dimension.code]
        built.append(
            DimensionResult(
                code=dimension.code,
                name=dimension.name,
                description=dimension.description,
                computed=dimension.computed,
                score=skills if dimension.computed else _num(row["score"]),
                spread=None if dimension.computed else _num(row["spread"]),
                groups={
                    g: _num(s)
                    for g, s in zip(groups["group"], groups["score"], strict=True)
                },
            )
        )
    return Result(
        dimensions=built,
        overall=frames.overall_score(d.score for d in built),
        questions=_questions(assessment, answers, dimensions),
        skills_month=month,
        skills_areas=_area_rows(areas),
        groups=[(value, str(label)) for value, label in Group.choices],
    )


def full_results(assessment: Assessment) -> Result:
    """``results`` with the change since the previous assessment and the size
    band's median (towns that share, same network and band, at least k)."""
    result = results(assessment)
    previous = queries.previous_assessment(assessment)
    if previous is not None:
        before = queries.stored_scores(previous)
        result.previous = previous
        result.previous_overall = previous.overall
        for row in result.dimensions:
            row.previous = before.get(row.code)
    result.shares = assessment.organisation.shares_indicators
    if result.shares:
        band, rows = queries.band_rows(assessment)
        medians = frames.band_medians(rows, [d.code for d in result.dimensions])
        result.band = band
        result.band_towns = int(medians["towns"].max()) if len(medians) else 0
        for row, median in zip(result.dimensions, medians["median"], strict=True):
            row.band = _num(median)
    return result


def radar(result: Result) -> Any:
    """The radar's frame (``frames.maturity.radar_frame``)."""
    return frames.radar_frame(
        {d.code: d.name for d in result.dimensions},
        current=result.scores(),
        previous={d.code: d.previous for d in result.dimensions},
        band={d.code: d.band for d in result.dimensions},
    )


def _questions(
    assessment: Assessment, answers: Any, dimensions: list[Dimension]
) -> list[QuestionResult]:
    groups = list(Group.values)
    spread = frames.question_spread(answers, groups)
    if spread.empty:
        return []
    names = {d.code: d.name for d in dimensions}
    texts = {
        q.pk: q.text
        for q in Question.objects.filter(pk__in=list(spread["question_id"]))
    }
    return [
        QuestionResult(
            dimension=names.get(row["dimension"], row["dimension"]),
            text=texts.get(row["question_id"], ""),
            groups={g: _num(row[g]) for g in groups},
            spread=_num(row["spread"]),
            disagree=bool(row["disagree"]),
        )
        for row in spread.to_dict("records")
    ]


def _area_rows(areas: Any) -> list[dict[str, Any]]:
    names = {
        a.code: a.name
        for a in CompetenceArea.objects.filter(
            version__framework__slug="digcomp", version__is_current=True
        )
    }
    return [
        {
            "area": f"{row['area']} {names.get(row['area'], '')}".strip(),
            "people": int(row["people"]),
            "share": None if _num(row["share"]) is None else round(100 * row["share"]),
        }
        for row in areas.to_dict("records")
    ]


def _num(value: Any) -> float | None:
    """A float, or None for a blank (NaN)."""
    if value is None:
        return None
    number = float(value)
    return None if number != number else number
