"""Writes for personal data rights: anonymising a person who left, the retention
rule, the export log. Each runs in a transaction."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from lms.models import Organisation, User
from lms.privacy import queries
from lms.privacy.models import Anonymisation, PersonalDataExport
from lms.privacy.scrub import (
    SCORM_NAMES,
    SCORM_PERSONAL,
    cmi_without,
    statement_without_names,
)
from lms.security.actions import remove_devices

BATCH = 500


class NotALeaver(ValueError):
    """Only people who left (deactivated) and still named are anonymised."""


def anonymise_person(
    person: User, *, by: User | None, reason: str = Anonymisation.Reason.LEFT
) -> Anonymisation:
    """Make ``person``'s records name nobody, keeping every figure they count in.

    The person's row stays (enrolments, attempts, statements, evidence and
    snapshots still point at it, so dashboards count them as before) but holds
    no name, username, e-mail, employee number or hire date, no password, role
    or second factor. Statements lose the actor's name; attestations their
    holder's name (they stay verifiable as issued); evidence notes and the
    reasons given on training sign-ups are emptied;
    SCORM run-time data loses the learner's name, id, comments and resume data;
    H5P saved state is deleted; sign-in records under the old names are
    deleted; the back office's history shows the new username.

    Only a person who left (``is_active`` off) can be anonymised, once: HR
    deactivates first, in the people admin or the import, so that anonymising
    changes no figure (mandatory training counts active people only).
    ``by`` is who asked (``None``: the retention rule). Raises ``NotALeaver``.
    """
    with transaction.atomic():
        person = User.objects.select_for_update().get(pk=person.pk)
        if person.is_active or Anonymisation.objects.filter(person=person).exists():
            raise NotALeaver(person.pk)
        old_names = {name for name in (person.username, person.email) if name}
        _strip_person(person)
        _strip_records(person)
        _forget_sign_ins(old_names)
        record = Anonymisation(person=person, anonymised_by=by, reason=reason)
        record.full_clean()
        record.save()
    return record


# The columns of a person's row that anonymising sets.
STRIPPED = {
    "first_name": "",
    "last_name": "",
    "email": "",
    "employee_number": None,
    "hire_date": None,
    "is_active": False,
    "is_hr_admin": False,
    "is_author": False,
    "is_superuser": False,
    "is_staff": False,
}


def _strip_person(person: User) -> None:
    for field, value in STRIPPED.items():
        setattr(person, field, value)
    person.username = _anonymous_username()
    person.set_unusable_password()
    # Only what changes is checked: an old row that a newer rule would refuse
    # (an official with a department) must still be anonymised.
    changed = {*STRIPPED, "username", "password"}
    unchanged = [f.name for f in User._meta.fields if f.name not in changed]
    person.clean_fields(exclude=unchanged)
    person.validate_unique(exclude=unchanged)
    person.save()
    person.groups.clear()
    person.user_permissions.clear()
    remove_devices(person)
    profile = UserProfile.objects.filter(user=person).first()
    if profile is not None:
        if profile.avatar:
            profile.avatar.delete(save=False)
        profile.delete()
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(person.pk)
    ).update(label=person.username)


def _anonymous_username() -> str:
    while True:
        username = f"anonymised-{secrets.token_hex(6)}"
        if not User.objects.filter(username__iexact=username).exists():
            return username


def _model(label: str) -> Any:
    return apps.get_model(label)


def _strip_records(person: User) -> None:
    _strip_statements(_model("courses.Statement").objects.filter(actor=person))
    _model("courses.Certificate").objects.filter(enrolment__user=person).update(
        holder_name=""
    )
    # Evidence is append-only for its facts (level, source, dates); a note a
    # manager wrote may name the person, and nothing counts it.
    _model("skills.Evidence").objects.filter(person=person).exclude(note="").update(
        note=""
    )
    _model("courses.H5PUserData").objects.filter(enrolment__user=person).delete()
    # Why a manager refused a training sign-up may name the person.
    _model("training.Registration").objects.filter(user=person).exclude(
        reason=""
    ).update(reason="")
    _strip_scorm_states(
        _model("courses.ScormScoState").objects.filter(attempt__enrolment__user=person),
        keys=SCORM_PERSONAL,
    )


def _forget_sign_ins(names: set[str]) -> None:
    if not names:
        return
    named = Q()
    for name in names:
        named |= Q(username__iexact=name)
    for model in (AccessLog, AccessAttempt, AccessFailureLog):
        model.objects.filter(named).delete()


def _strip_statements(statements: QuerySet) -> int:
    """Remove the actor's name from ``statements``; how many were changed."""

    def strip(statement: Any) -> None:
        statement.data = statement_without_names(statement.data)

    return _change_in_batches(statements.only("pk", "data"), strip, field="data")


def _strip_scorm_states(states: QuerySet, *, keys: frozenset[str]) -> int:
    """Remove the elements named ``keys`` from the run-time data of ``states``."""

    def strip(state: Any) -> None:
        state.cmi = cmi_without(state.cmi, keys)

    return _change_in_batches(states.only("pk", "cmi"), strip, field="cmi")


def _change_in_batches(
    rows: QuerySet, change: Callable[[Any], None], *, field: str
) -> int:
    """Apply ``change`` to ``rows`` and save ``field``, a batch at a time by key,
    each batch in its own transaction; how many rows.

    Pages by key rather than holding a cursor open on the table being written,
    which SQLite does not isolate from the writes.
    """
    count, last = 0, None
    while True:
        with transaction.atomic():
            page = rows if last is None else rows.filter(pk__gt=last)
            batch = list(page.order_by("pk")[:BATCH])
            if not batch:
                return count
            for row in batch:
                change(row)
            rows.model.objects.bulk_update(batch, [field])
        count += len(batch)
        last = batch[-1].pk


@dataclass(frozen=True)
class RetentionResult:
    people: int  # people who left, anonymised
    statements: int  # statements whose actor name was removed
    scorm_states: int  # SCORM run-time data whose learner name was removed


def apply_retention(*, now: dt.datetime | None = None) -> RetentionResult:
    """Apply ``LEARNING_RECORDS_RETENTION_YEARS`` (N), run daily.

    - People who left and whose last trace (sign-in, learning record, arrival)
      is more than N years old are anonymised (``anonymise_person``).
    - Learning records older than N years lose the copies of a name they carry,
      whoever they belong to: the actor's name in xAPI statements, the
      learner's name in SCORM run-time data. They keep pointing at the person,
      whose history (mandatory training, attestations) is what the platform is
      for while they work there.
    Idempotent: a second run the same day changes nothing.
    """
    years = settings.LEARNING_RECORDS_RETENTION_YEARS
    cutoff = queries.retention_cutoff(now or timezone.now(), years=years)
    people = 0
    for person in queries.leavers_past_retention(cutoff):
        anonymise_person(person, by=None, reason=Anonymisation.Reason.RETENTION)
        people += 1
    statements = _model("courses.Statement").objects.filter(
        timestamp__lt=cutoff, data__actor__has_key="name"
    )
    states = _model("courses.ScormScoState").objects.filter(
        Q(cmi__core__has_key="student_name") | Q(cmi__has_key="learner_name"),
        updated_at__lt=cutoff,
    )
    stripped = _strip_statements(statements)
    scrubbed = _strip_scorm_states(states, keys=SCORM_NAMES)
    return RetentionResult(people=people, statements=stripped, scorm_states=scrubbed)


def log_export(
    user: User,
    *,
    kind: str,
    detail: str,
    organisation_id: int | None,
    path: str,
) -> PersonalDataExport:
    """Note that ``user`` downloaded personal data: what, of which town, where.

    ``organisation_id`` comes from the request; one that names no town is
    logged as none rather than failing a download already served.
    """
    if not Organisation.objects.filter(pk=organisation_id).exists():
        organisation_id = None
    entry = PersonalDataExport(
        exported_by=user,
        kind=kind,
        detail=detail[:200],
        organisation_id=organisation_id,
        path=path[:1000],
    )
    entry.full_clean()
    entry.save()
    return entry
