from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Personal data rights; its models keep the ``lms`` app label (tables
    ``lms_personaldataexport``, ``lms_anonymisation``, migrations in lms)."""

    name = "lms.privacy"
    label = "lms_privacy"
    verbose_name = _("Personal data")
