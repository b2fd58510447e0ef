"""Every kind of record the platform holds about a person, as data.

Each kind names its model by label (``"courses.Enrolment"``) and the lookup from
that model to the person, so the platform core describes the records of the apps
above it without importing them. The columns are the model's own fields, all of
them but the ones listed in ``exclude``, plus readable ``labels`` (a course's
title next to its id): a field added to a model later is in the next archive
without a change here. A model that starts holding personal data is one more
entry in ``KINDS`` (and a line in docs/privacy.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from lms.models import User


def _pk(person: User) -> object:
    return person.pk


def _username(person: User) -> object:
    return person.username


@dataclass(frozen=True)
class RecordKind:
    name: str  # the file names in the archive: <name>.json, <name>.csv
    description: Any  # a lazy translation, for the archive's README
    model: str  # "app_label.ModelName"
    person: str  # lookup from the model to the person
    labels: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    order: tuple[str, ...] = ("pk",)
    value: Callable[[Any], object] = _pk  # what ``person`` is compared with

    def get_model(self) -> type[Model]:
        return apps.get_model(self.model)

    def columns(self) -> list[str]:
        own = [
            field.attname
            for field in self.get_model()._meta.concrete_fields
            if field.attname not in self.exclude
        ]
        return [*own, *self.labels]


KINDS: tuple[RecordKind, ...] = (
    RecordKind(
        "profile",
        _(
            "Your profile: name, e-mail, employee number, organisation, department, "
            "job role, manager, hire date, language, roles."
        ),
        "lms.User",
        "pk",
        labels=(
            "organisation__name",
            "department__name",
            "job_role__name",
            "manager__first_name",
            "manager__last_name",
        ),
        exclude=("password",),
    ),
    RecordKind(
        "enrolments",
        _("The courses you enrolled in, and when you completed them."),
        "courses.Enrolment",
        "user",
        labels=("course__title", "last_lesson__title"),
    ),
    RecordKind(
        "lesson_completions",
        _("The lessons you completed."),
        "courses.LessonCompletion",
        "enrolment__user",
        labels=("enrolment__course__title", "lesson__title"),
    ),
    RecordKind(
        "quiz_attempts",
        _("Your quiz attempts: answers, score, passed or not."),
        "courses.QuizAttempt",
        "enrolment__user",
        labels=("lesson__title",),
    ),
    RecordKind(
        "h5p_results",
        _("Your results in interactive (H5P) activities."),
        "courses.H5PResult",
        "enrolment__user",
        labels=("lesson__title", "package__title"),
    ),
    RecordKind(
        "h5p_answers",
        _("Your answers to questions inside interactive (H5P) activities."),
        "courses.H5PAnswer",
        "enrolment__user",
        labels=("package__title",),
    ),
    RecordKind(
        "h5p_saved_state",
        _("What interactive (H5P) activities saved so that you can resume them."),
        "courses.H5PUserData",
        "enrolment__user",
        labels=("lesson__title", "package__title"),
    ),
    RecordKind(
        "scorm_attempts",
        _("Your attempts at SCORM modules."),
        "courses.ScormAttempt",
        "enrolment__user",
        labels=("lesson__title", "package__title"),
    ),
    RecordKind(
        "scorm_states",
        _("What SCORM modules recorded in each attempt (run-time data)."),
        "courses.ScormScoState",
        "attempt__enrolment__user",
        labels=("sco__title",),
    ),
    RecordKind(
        "statements",
        _("Your learning records (xAPI statements), as stored."),
        "courses.Statement",
        "actor",
        order=("timestamp", "pk"),
    ),
    RecordKind(
        "evidence",
        _(
            "The evidence of your skills: course results, self-assessments, "
            "validations by your manager, imports."
        ),
        "skills.Evidence",
        "person",
        labels=(
            "competence__code",
            "recorded_by__first_name",
            "recorded_by__last_name",
        ),
        order=("observed_at", "pk"),
    ),
    RecordKind(
        "snapshots",
        _(
            "Your level on each competence at the end of each month, with where "
            "you worked then."
        ),
        "skills.MonthlySnapshot",
        "person",
        labels=("competence__code", "department__name", "job_role__name"),
        order=("month", "pk"),
    ),
    RecordKind(
        "certificates",
        _("Your attestations of completion."),
        "courses.Certificate",
        "enrolment__user",
    ),
    RecordKind(
        "reminders",
        _("The reminders of mandatory training sent to you."),
        "courses.ReminderSent",
        "user",
        labels=("assignment__course__title",),
    ),
    RecordKind(
        "training_registrations",
        _(
            "Your registrations to training sessions: status, who nominated you, "
            "who decided and why."
        ),
        "training.Registration",
        "user",
        labels=("session__training__title",),
    ),
    RecordKind(
        "training_attendance",
        _("Your attendance at each time slot of a training session."),
        "training.Attendance",
        "registration__user",
        labels=("registration__session__training__title", "slot__starts_at"),
    ),
    RecordKind(
        "training_satisfaction",
        _("Your answers to the satisfaction questionnaires after training sessions."),
        "training.SatisfactionAnswer",
        "registration__user",
        labels=("registration__session__training__title",),
    ),
    RecordKind(
        "community_memberships",
        _("The communities of practice you joined, and your role in them."),
        "community.Membership",
        "person",
        labels=("community__name",),
    ),
    RecordKind(
        "community_threads",
        _("The threads and questions you started in communities of practice."),
        "community.Thread",
        "author",
        labels=("community__name",),
    ),
    RecordKind(
        "community_posts",
        _("What you wrote in communities of practice."),
        "community.Post",
        "author",
        labels=("thread__title",),
    ),
    RecordKind(
        "community_attachments",
        _("The files you attached to your messages in communities of practice."),
        "community.Attachment",
        "post__author",
        labels=("document__title", "post__thread__title"),
    ),
    RecordKind(
        "mentoring_profile",
        _("Your mentoring profile: languages, availability, preferences."),
        "mentoring.MentoringProfile",
        "person",
    ),
    RecordKind(
        "mentoring_requests",
        _("The competences you offered to mentor or asked to be mentored on."),
        "mentoring.OptIn",
        "person",
        labels=("competence__code",),
    ),
    RecordKind(
        "mentoring_pairs",
        _("The mentorings you followed as a mentee: goal, dates, outcome."),
        "mentoring.Pair",
        "mentee",
        labels=("competence__code",),
    ),
    RecordKind(
        "mentoring_sessions",
        _("The sessions logged in your mentorings as a mentee."),
        "mentoring.MentoringSession",
        "pair__mentee",
    ),
    RecordKind(
        "mentoring_unmatched",
        _("Matching rounds that found no pair for you, and why."),
        "mentoring.Unmatched",
        "person",
    ),
    RecordKind(
        "sign_ins",
        _("Your sign-ins: when, from which address and browser."),
        "axes.AccessLog",
        "username__iexact",
        value=_username,
    ),
)
