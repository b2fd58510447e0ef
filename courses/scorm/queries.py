"""Reads for SCORM: the player's state (items, statuses, where Previous and Next
lead), who may load a package's files, which blocks are done, and how learners
fare with a package."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypedDict

from django.db.models import Avg, Count, Q
from django.urls import reverse
from django.utils.http import urlencode

from courses.models import Enrolment, LessonPage
from courses.scorm import runtime as scorm_runtime
from courses.scorm.models import ScormAttempt, ScormPackage, ScormSco, ScormScoState
from courses.scorm.permission_policies import scorm_package_policy
from lms.anonymity import K_ANONYMITY, publishable
from lms.models import User


def completed_scorm_blocks(enrolment: Enrolment, lesson: LessonPage) -> set[str]:
    """Ids of the lesson's SCORM blocks with a complete attempt.

    Attempts belong to the source lesson; matched by translation key, a lesson
    read in another language shows them too (block ids are the same)."""
    return set(
        ScormAttempt.objects.filter(
            enrolment=enrolment,
            lesson__translation_key=lesson.translation_key,
            completed_at__isnull=False,
        ).values_list("block_id", flat=True)
    )


@dataclass
class ScormPlayerState:
    """What the SCORM player shows: the SCOs in manifest order with their state,
    the one being launched, and where Previous and Next lead (the player of the
    page played, ``lesson_pk``: a translation's, maybe, while the attempt
    belongs to the source lesson)."""

    attempt: ScormAttempt
    scos: list[ScormSco]
    states: dict[int, ScormScoState]
    current: ScormSco | None
    previous: ScormSco | None = None
    next: ScormSco | None = None
    lesson_pk: int | None = None

    def url_of(self, sco: ScormSco | None) -> str:
        if sco is None:
            return ""
        attempt = self.attempt
        lesson_pk = self.lesson_pk or attempt.lesson_id
        url = reverse("scorm:player", args=[lesson_pk, attempt.block_id])
        return f"{url}?{urlencode({'sco': sco.identifier})}"

    def status_of(self, sco: ScormSco) -> str:
        state = self.states.get(sco.pk)
        if state is None:
            return "not attempted"
        if state.satisfied:
            return "completed"
        if state.success_status == "failed":
            return "failed"
        return "incomplete"

    @property
    def toc(self) -> list[dict[str, Any]]:
        """The visible items of the manifest's tree, each with its SCO's status."""
        by_identifier = {sco.identifier: sco for sco in self.scos}

        def walk(nodes: list[dict[str, Any]], depth: int) -> list[dict[str, Any]]:
            rows = []
            for node in nodes:
                if node.get("hidden"):
                    continue
                sco = by_identifier.get(node["identifier"])
                rows.append(
                    {
                        "title": node["title"],
                        "depth": depth,
                        "sco": sco,
                        "url": self.url_of(sco),
                        "status": self.status_of(sco) if sco else "",
                        "current": sco is not None and sco == self.current,
                    }
                )
                rows.extend(walk(node.get("children", []), depth + 1))
            return rows

        return walk(self.attempt.package.structure, 0)

    def launch_data(self, user: User, state: ScormScoState) -> dict[str, Any]:
        sco = state.sco
        return scorm_runtime.launch_data(
            version=self.attempt.package.version,
            learner_id=str(user.pk),
            learner_name=f"{user.last_name}, {user.first_name}".strip(", ")
            or user.username,
            saved=state.cmi,
            completion=state.completion_status,
            success=state.success_status,
            exit=state.exit,
            first_launch=state.launches <= 1,
            total_seconds=state.closed_seconds,
            data_from_lms=sco.data_from_lms,
            mastery_score=sco.mastery_score,
            scaled_passing_score=sco.scaled_passing_score,
        )


def sco_to_open(attempt: ScormAttempt, requested: str) -> str:
    """The SCO asked for; without one, for a package the engine plays, where
    the engine left the learner (its current or suspended activity)."""
    if requested or not attempt.package.sequenced:
        return requested
    saved = attempt.sequencing_state
    return str(
        saved.get("currentActivityId")
        or (saved.get("sequencing") or {}).get("suspendedActivity")
        or ""
    )


def scorm_player_state(
    attempt: ScormAttempt, requested: str, *, lesson_pk: int | None = None
) -> ScormPlayerState:
    """The SCO asked for (any visible one: sequencing rules never lock a learner
    out); else the one the learner left, the visible SCO launched or updated
    last in this attempt, unless it is completed; else the first visible SCO not
    yet completed; else the first. ``lesson_pk`` is the page played (the
    attempt's lesson when not given)."""
    scos = list(ScormSco.objects.filter(package=attempt.package_id))
    states = {s.sco_id: s for s in ScormScoState.objects.filter(attempt=attempt)}
    player = ScormPlayerState(
        attempt=attempt, scos=scos, states=states, current=None, lesson_pk=lesson_pk
    )
    visible = [sco for sco in scos if sco.visible]
    current = next((sco for sco in visible if sco.identifier == requested), None)
    if current is None:
        left = max(
            (sco for sco in visible if sco.pk in states),
            key=lambda sco: (states[sco.pk].updated_at, states[sco.pk].pk),
            default=None,
        )
        if left is not None and player.status_of(left) != "completed":
            current = left
    if current is None:
        current = next(
            (sco for sco in visible if player.status_of(sco) != "completed"),
            visible[0] if visible else None,
        )
    player.current = current
    if current is not None:
        index = visible.index(current)
        player.previous = visible[index - 1] if index > 0 else None
        player.next = visible[index + 1] if index + 1 < len(visible) else None
    return player


def may_open_scorm_package(user: User, package: ScormPackage) -> bool:
    """Whether ``user`` may load the package's files: they have an attempt at it
    (the player grants one only after its access checks), or may see it in the
    back office (authors previewing; platform admins)."""
    if ScormAttempt.objects.filter(
        package=package, enrolment__user_id=user.pk
    ).exists():
        return True
    visible = scorm_package_policy.visible_to(user, ScormPackage.objects.all())
    return visible.filter(pk=package.pk).exists()


class InteractionStatistics(TypedDict):
    """How learners answer one interaction (``cmi.interactions``) of one item.
    Rows answered by fewer than k people are left out; the result figures are
    None (blank) unless the people who got it right, and those who never did,
    are each none or at least k (docs/reporting.md)."""

    item: str  # the SCO's title
    question: str  # the interaction's id
    description: str  # SCORM 2004's description, when the package gives one
    interaction_type: str
    learners: int  # distinct people who answered
    answers: int
    correct: int | None
    incorrect: int | None
    other: int | None  # neutral, unanticipated, a number, or no result
    success_rate: float | None


@dataclass
class ScormStatistics:
    """Figures about the learners of one package; None is a blank: fewer than k
    people, or a split whose smaller side has fewer than k."""

    learners: int | None
    completed: int | None
    attempts: int | None
    average_score: float | None
    questions: list[InteractionStatistics]
    k: int = K_ANONYMITY

    @property
    def completion_rate(self) -> float | None:
        if self.completed is None or not self.learners:
            return None
        return self.completed / self.learners

    @property
    def several_items(self) -> bool:
        return len({row["item"] for row in self.questions}) > 1


def scorm_statistics(package: ScormPackage, viewer: User) -> ScormStatistics:
    """How learners fare with one package, wherever it is used (two queries).

    A learner has started once they opened the player (it opens an attempt);
    completed once an attempt is complete. The average score is the mean of the
    attempts' scaled scores. Questions are the interactions each SCO committed,
    by item and id in the order first met; a SCO that journals its answers counts
    each one. Authors and HR see their own town's learners; platform admins see
    everyone.
    """
    totals = ScormAttempt.objects.filter(
        _learners_seen_by(viewer, "enrolment__user"), package=package
    ).aggregate(
        attempts=Count("pk"),
        learners=Count("enrolment__user", distinct=True),
        completed=Count(
            "enrolment__user", filter=Q(completed_at__isnull=False), distinct=True
        ),
        scored=Count(
            "enrolment__user", filter=Q(score_scaled__isnull=False), distinct=True
        ),
        average=Avg("score_scaled"),
    )
    committed = (
        ScormScoState.objects.filter(
            _learners_seen_by(viewer, "attempt__enrolment__user"),
            attempt__package=package,
            cmi__has_key="interactions",
        )
        .order_by("sco__position", "pk")
        .values_list(
            "sco__position",
            "sco__title",
            "cmi__interactions",
            "attempt__enrolment__user_id",
        )
    )
    learners, completed = totals["learners"], totals["completed"]
    if learners < K_ANONYMITY:
        return ScormStatistics(None, None, None, None, [])
    scored = totals["scored"] >= K_ANONYMITY
    split = publishable(completed) and publishable(learners - completed)
    return ScormStatistics(
        learners=learners,
        completed=completed if split else None,
        attempts=totals["attempts"] if scored else None,
        average_score=float(totals["average"]) if scored else None,
        questions=_questions(committed.iterator(chunk_size=200)),
    )


def _questions(
    committed: Iterable[tuple[int, str, Any, int]],
) -> list[InteractionStatistics]:
    """Tally ``(SCO position, SCO title, cmi.interactions, person)`` rows by SCO
    and interaction id, counting distinct people, and keep what may be shown."""
    rows: dict[tuple[int, str], InteractionStatistics] = {}
    people: dict[tuple[int, str], dict[str, set[int]]] = {}
    for position, item, interactions, person in committed:
        for interaction in scorm_runtime.interactions_of(interactions):
            key = (position, interaction.id)
            row = rows.setdefault(
                key,
                {
                    "item": item,
                    "question": interaction.id,
                    "description": "",
                    "interaction_type": "",
                    "learners": 0,
                    "answers": 0,
                    "correct": 0,
                    "incorrect": 0,
                    "other": 0,
                    "success_rate": 0.0,
                },
            )
            seen = people.setdefault(key, {"all": set(), "correct": set()})
            seen["all"].add(person)
            row["description"] = row["description"] or interaction.description
            row["interaction_type"] = row["interaction_type"] or interaction.type
            row["answers"] += 1
            if interaction.result == "correct":
                row["correct"] = (row["correct"] or 0) + 1
                seen["correct"].add(person)
            elif interaction.result == "incorrect":
                row["incorrect"] = (row["incorrect"] or 0) + 1
            else:
                row["other"] = (row["other"] or 0) + 1
    shown = []
    for key, row in rows.items():
        answered, right = len(people[key]["all"]), len(people[key]["correct"])
        if answered < K_ANONYMITY:
            continue
        row["learners"] = answered
        if publishable(right) and publishable(answered - right):
            row["success_rate"] = (row["correct"] or 0) / row["answers"]
        else:
            row["correct"] = row["incorrect"] = row["other"] = None
            row["success_rate"] = None
        shown.append(row)
    return shown


def _learners_seen_by(viewer: User, learner: str) -> Q:
    """Rows whose ``learner`` (a lookup to a user) the viewer may count: their
    own town's; everyone's for platform admins."""
    if viewer.is_superuser:
        return Q()
    if viewer.organisation_id is None:
        return Q(pk__in=[])
    return Q(**{f"{learner}__organisation_id": viewer.organisation_id})
