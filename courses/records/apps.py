from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    """The learning record store: xAPI statements, how they are built from
    events on the platform and how those sent by content are checked.

    Its model keeps the ``courses`` app label (and so its table,
    ``courses_statement``): moving it here changed no database.
    """

    name = "courses.records"
    label = "courses_records"
    verbose_name = _("Learning records")
