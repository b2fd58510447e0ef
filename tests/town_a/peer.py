"""Town A's plan, community, mentoring and maturity objects, each marked and
renumbered like the rest.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from courses.community.models import (
    Attachment,
    Community,
    Membership,
    Post,
    PracticeSheet,
    Thread,
)
from courses.mentoring.models import (
    MentoringProfile,
    MentoringSession,
    OptIn,
    Pair,
    Round,
    Unmatched,
)
from courses.models import CoursePage, LearningPath, LearningPathCourse
from lms.models import Department, Organisation, User
from reporting.maturity import actions as maturity_actions
from reporting.maturity.models import Answer, Invitation, Question
from reporting.maturity.models import Assessment as MaturityAssessment
from reporting.plan.models import Action as PlanAction
from reporting.plan.models import Milestone, Pilot, Plan
from skills.models import Competence
from tests.town_a.marks import ID, LABEL, MARKER


def _plan_objects(
    organisation: Organisation, department: Department, course: CoursePage
) -> None:
    """A scaled pilot, a plan, an action with the recommended path it made
    (town A's course for its department) and a milestone (and, beside them,
    the town's person named plan manager by Hugo). No practice: a
    practice is published to the network on purpose, so its town's pilot title
    and summary are for every town of the network to read."""
    Pilot.objects.create(
        id=ID,
        organisation=organisation,
        department=department,
        title=f"{LABEL} pilot",
        assumption=MARKER,
        experiment_type=Pilot.ExperimentType.SOLUTION,
        starts_on=dt.date(2026, 1, 1),
        decision=Pilot.Decision.SCALE,
    )
    plan = Plan.objects.create(
        id=ID,
        organisation=organisation,
        title=f"{LABEL} plan",
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2028, 12, 31),
        vision=MARKER,
    )
    action = PlanAction.objects.create(
        id=ID,
        plan=plan,
        title=f"{LABEL} action",
        department=department,
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2027, 1, 1),
        indicator=MARKER,
        target=Decimal(1),
        learning_path=_learning_path(organisation, department, course),
    )
    Milestone.objects.create(
        id=ID, action=action, title=f"{LABEL} milestone", due_on=dt.date(2026, 6, 1)
    )


def _learning_path(
    organisation: Organisation, department: Department, course: CoursePage
) -> LearningPath:
    path = LearningPath.objects.create(
        id=ID,
        organisation=organisation,
        title=f"{LABEL} path",
        reason=LearningPath.Reason.DIGITAL_PLAN,
    )
    path.departments.set([department])
    LearningPathCourse.objects.create(id=ID, path=path, course=course, position=1)
    return path


def _community(organisation: Organisation, person: User) -> None:
    """A community kept to town A, its thread, post (carrying town A's document
    as an attachment), member and practice sheet."""
    community = Community.objects.create(
        id=ID, organisation=organisation, name=f"{LABEL} community", scope="town"
    )
    Membership.objects.create(id=ID, community=community, person=person)
    thread = Thread.objects.create(
        id=ID, community=community, author=person, kind="question", title=LABEL
    )
    post = Post.objects.create(id=ID, thread=thread, author=person, body=LABEL)
    Attachment.objects.create(id=ID, post=post, document_id=ID)
    PracticeSheet.objects.create(
        id=ID,
        organisation=organisation,
        title=f"{LABEL} sheet",
        body=LABEL,
        source=post,
    )


def _mentoring(
    organisation: Organisation, *, person: User, hugo: User, competence: Competence
) -> None:
    """Town A's person mentored by Hugo, from a round of the network that
    Saint-Aubin shares: its HR reaches the round, never this pair."""
    MentoringProfile.objects.create(
        id=ID, person=person, languages=["fr"], availability=f"{LABEL} mornings"
    )
    request = OptIn.objects.create(
        id=ID, person=person, competence=competence, role="mentee", target_level=1
    )
    round_ = Round.objects.create(
        id=ID, network=organisation.network, run_by=hugo, organisation=organisation
    )
    pair = Pair.objects.create(
        id=ID,
        round=round_,
        request=request,
        mentor=hugo,
        mentee=person,
        competence=competence,
        mentor_level=2,
        target_level=1,
        language="fr",
        goal=f"{LABEL} goal",
    )
    MentoringSession.objects.create(
        id=ID, pair=pair, date=dt.date(2026, 1, 5), minutes=30, topic=f"{LABEL} topic"
    )
    Unmatched.objects.create(
        id=ID, round=round_, person=person, role="mentee", reason="level"
    )


def _maturity(organisation: Organisation, person: User) -> None:
    """Town A's maturity assessment, its own question, an invitation, an answer."""
    questionnaire = maturity_actions.shipped_questionnaire()
    question = Question.objects.create(
        id=ID,
        dimension=questionnaire.dimensions.get(code="data"),
        organisation=organisation,
        code="town-a",
        text_en=f"{LABEL} question",
        text_fr=f"{LABEL} question",
        groups=["departments"],
    )
    assessment = MaturityAssessment.objects.create(
        id=ID,
        organisation=organisation,
        questionnaire=questionnaire,
        year=2026,
        closes_on=dt.date(2026, 12, 31),
    )
    invitation = Invitation.objects.create(
        id=ID, assessment=assessment, person=person, group="departments"
    )
    Answer.objects.create(id=ID, invitation=invitation, question=question, level=3)
