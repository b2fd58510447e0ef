"""Django only: peer learning, communities and mentoring, in aggregates of one
town.
"""

from __future__ import annotations

from typing import Any

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
    Sum,
)
from django.db.models.functions import Coalesce, TruncMonth

from courses.community.models import Post, Thread
from courses.mentoring import queries as mentoring_queries
from courses.mentoring.models import Pair
from reporting.queries.scope import Scope

# --- Peer learning: communities and mentoring (aggregates of one town) -------


def community_rows(scope: Scope) -> dict[str, list[Any]]:
    """The town's people in communities of practice, per month since
    ``scope.start`` (visible messages only), each count with the number of
    distinct people behind it:

    - ``active``: month, active (people who posted);
    - ``questions``: month, questions, askers, answered (questions with a reply
      of someone else), answered_askers, unanswered_askers;
    - ``accepted``: month, accepted_answers (answers by the town's people accepted, by
      the month of the answer), answerers;
    - ``people``: one row, people (distinct people behind any of it).
    Three queries and one aggregate; the whole town, whatever the filters.
    """
    town = scope.organisation
    posts = Post.objects.filter(
        author__organisation=town,
        author__is_active=True,
        hidden_at__isnull=True,
        created_at__date__gte=scope.start,
    )
    active = list(
        posts.annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(active=Count("author", distinct=True))
        .order_by("month")
    )
    replied = Post.objects.filter(
        thread=OuterRef("pk"), hidden_at__isnull=True
    ).exclude(author=OuterRef("author"))
    answered = Q(has_reply=True)
    questions = list(
        Thread.objects.filter(
            kind=Thread.Kind.QUESTION,
            author__organisation=town,
            author__is_active=True,
            created_at__date__gte=scope.start,
        )
        .annotate(month=TruncMonth("created_at"), has_reply=Exists(replied))
        .values("month")
        .annotate(
            questions=Count("pk"),
            askers=Count("author", distinct=True),
            answered=Count("pk", filter=answered),
            answered_askers=Count("author", distinct=True, filter=answered),
            unanswered_askers=Count("author", distinct=True, filter=~answered),
        )
        .order_by("month")
    )
    accepted = list(
        Thread.objects.filter(
            accepted__author__organisation=town,
            accepted__author__is_active=True,
            accepted__hidden_at__isnull=True,
            accepted__created_at__date__gte=scope.start,
        )
        .annotate(month=TruncMonth("accepted__created_at"))
        .values("month")
        .annotate(
            answerers=Count("accepted__author", distinct=True),
            accepted_answers=Count("pk"),
        )
        .order_by("month")
    )
    people = posts.aggregate(people=Count("author", distinct=True))["people"]
    return {
        "active": active,
        "questions": questions,
        "accepted": accepted,
        "people": [{"people": people}],
    }


def mentoring_rows(scope: Scope) -> list[dict[str, Any]]:
    """One row per mentoring with a member of the town (every round so far):
    status, mentor and mentee (the person's id when of the town, else None),
    sessions, minutes, and ``moved`` for a finished mentoring whose mentee is of
    the town (levels gained from the month before it started to the latest
    month-end after it, ``courses.mentoring.queries.movements``), else None.
    Two queries. Ids stay in reporting: ``frames.mentoring_frame`` counts
    distinct people from them and publishes nothing else about them."""
    town = scope.organisation.pk
    pairs = list(
        Pair.objects.filter(Q(mentor__organisation=town) | Q(mentee__organisation=town))
        .annotate(
            session_count=Count("sessions"),
            session_minutes=Coalesce(Sum("sessions__minutes"), 0),
        )
        .select_related("mentor", "mentee")
        .only(
            "status",
            "competence_id",
            "started_at",
            "finished_at",
            "mentor__organisation_id",
            "mentee__organisation_id",
        )
        .order_by("pk")
    )
    finished: list[Pair] = [
        p
        for p in pairs
        if p.status == Pair.Status.FINISHED and p.mentee.organisation_id == town
    ]
    moved = mentoring_queries.movements(finished)
    return [
        {
            "status": str(pair.status),
            "mentor": pair.mentor_id if pair.mentor.organisation_id == town else None,
            "mentee": pair.mentee_id if pair.mentee.organisation_id == town else None,
            "sessions": pair.session_count,
            "minutes": pair.session_minutes,
            "moved": moved[pair.pk].moved if pair.pk in moved else None,
        }
        for pair in pairs
    ]
