"""Build xAPI 1.0.3 statements for learning events.

Actors are identified by an account on this platform (never an e-mail address), and
every statement carries the person's organisation, department and job role as
context extensions, so reporting can group events without joining back to people.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, TypedDict

from django.conf import settings
from django.utils import timezone

from lms.models import User

XAPI_VERSION = "1.0.3"
VERBS = {
    "registered": "http://adlnet.gov/expapi/verbs/registered",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "answered": "http://adlnet.gov/expapi/verbs/answered",
    "passed": "http://adlnet.gov/expapi/verbs/passed",
    "failed": "http://adlnet.gov/expapi/verbs/failed",
    "attempted": "http://adlnet.gov/expapi/verbs/attempted",
    "scored": "http://adlnet.gov/expapi/verbs/scored",
}
ACTIVITY_TYPES = {
    "course": "http://adlnet.gov/expapi/activities/course",
    "lesson": "http://adlnet.gov/expapi/activities/lesson",
    "assessment": "http://adlnet.gov/expapi/activities/assessment",
    "quiz": "http://adlnet.gov/expapi/activities/assessment",
    "scorm": "http://adlnet.gov/expapi/activities/module",
}
# Fixed namespace so that the same event always gets the same statement id.
STATEMENT_NAMESPACE = uuid.UUID("6f1d4c1e-8a55-4c3b-9a55-6b0c2b1f7e21")


def base_iri() -> str:
    return settings.SITE_URL


def activity_iri(kind: str, key: object) -> str:
    return f"{base_iri()}/xapi/activities/{kind}/{key}"


def extension_iri(name: str) -> str:
    return f"{base_iri()}/xapi/extensions/{name}"


class Account(TypedDict):
    homePage: str
    name: str


class Agent(TypedDict):
    objectType: str
    name: str
    account: Account


def actor_for(user: User) -> Agent:
    return {
        "objectType": "Agent",
        "name": user.get_full_name() or user.username,
        "account": {"homePage": base_iri(), "name": str(user.pk)},
    }


def people_context(user: User) -> dict[str, str | None]:
    """Organisation, department and job role, as they are when the event happens."""
    return {
        extension_iri("organisation"): user.organisation.slug
        if user.organisation
        else None,
        extension_iri("department"): user.department.code if user.department else None,
        extension_iri("job-role"): user.job_role.code if user.job_role else None,
        extension_iri("person-kind"): user.kind,
    }


def event_id(*parts: object) -> uuid.UUID:
    """A stable statement id for a server-side event: replays store nothing new."""
    return uuid.uuid5(STATEMENT_NAMESPACE, ":".join(str(p) for p in parts))


def build_statement(
    user: User,
    *,
    verb: str,
    activity_kind: str,
    activity_key: object,
    activity_name: str,
    statement_id: uuid.UUID,
    result: dict[str, Any] | None = None,
    parent: tuple[str, object] | None = None,
    timestamp: dt.datetime | None = None,
) -> dict[str, Any]:
    context: dict[str, Any] = {
        "platform": "CivicSkills",
        "language": user.preferred_language,
        "extensions": people_context(user),
    }
    if parent is not None:
        context["contextActivities"] = {
            "parent": [{"objectType": "Activity", "id": activity_iri(*parent)}]
        }
    statement: dict[str, Any] = {
        "id": str(statement_id),
        "version": XAPI_VERSION,
        "actor": actor_for(user),
        "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
        "object": {
            "objectType": "Activity",
            "id": activity_iri(activity_kind, activity_key),
            "definition": {
                "name": {"und": activity_name},
                "type": ACTIVITY_TYPES.get(activity_kind, ACTIVITY_TYPES["lesson"]),
            },
        },
        "context": context,
        "timestamp": (timestamp or timezone.now()).isoformat(),
    }
    if result is not None:
        statement["result"] = result
    return statement
