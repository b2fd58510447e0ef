from __future__ import annotations

from django.db import transaction
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from courses.training.actions import notify_session_changed
from courses.training.forms import TrainingForm, TrainingSessionForm
from courses.training.models import Training, TrainingSession
from courses.training.permission_policies import session_policy, training_policy
from lms.viewsets import TownSnippetViewSet

register_permission_policy(Training, training_policy)
register_permission_policy(TrainingSession, session_policy)


class TrainingViewSet(TownSnippetViewSet):
    model = Training
    town_policy = training_policy
    icon = "group"
    menu_label = _("Trainings")
    list_display = ["title", "course", "provider", "organisation"]
    edit_handler = ObjectList(Training.panels, base_form_class=TrainingForm)


class TrainingSessionViewSet(TownSnippetViewSet):
    model = TrainingSession
    town_policy = session_policy
    icon = "date"
    menu_label = _("Sessions")
    edit_handler = ObjectList(
        TrainingSession.panels, base_form_class=TrainingSessionForm
    )
    list_display = [
        "__str__",
        "language",
        "capacity",
        Column("registration_closes", label=_("Registration deadline")),
        TitleColumn(
            "attendance",
            label=_("Attendance"),
            accessor=lambda session: _("Attendance"),
            url_name="training:attendance",
        ),
    ]


class TrainingGroup(SnippetViewSetGroup):
    items = (TrainingViewSet, TrainingSessionViewSet)
    menu_icon = "group"
    menu_label = _("Training sessions")
    menu_name = "training"
    menu_order = 230


register_snippet(TrainingGroup)


@hooks.register("after_edit_snippet")
def send_updated_invitations(request: HttpRequest, instance: Model) -> None:
    """Participants get the session's new details and an updated invitation."""
    if isinstance(instance, TrainingSession):
        with transaction.atomic():
            notify_session_changed(instance)
