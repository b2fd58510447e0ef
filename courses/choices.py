"""Choices shared by course models, blocks and forms (forms read them here,
never from a model)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    STAFF = "staff", _("Staff")
    ELECTED = "elected", _("Elected officials")
    BOTH = "both", _("Staff and elected officials")


class Level(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class Sharing(models.TextChoices):
    NETWORK = "network", _("Shared with the network")
    PRIVATE = "private", _("Private to its town")


class DueKind(models.TextChoices):
    FIXED = "fixed", _("On a fixed date")
    AFTER_HIRE = "after_hire", _("Within a number of days after arrival")


class QuestionKind:
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"


QUESTION_KINDS = [
    (QuestionKind.SINGLE, _("Single choice")),
    (QuestionKind.MULTIPLE, _("Multiple choice")),
    (QuestionKind.TRUE_FALSE, _("True or false")),
]
CALLOUT_KINDS = [("tip", _("Tip")), ("warning", _("Warning")), ("key", _("Key point"))]
CAPTION_LANGUAGES = [("fr", _("French")), ("en", _("English"))]
