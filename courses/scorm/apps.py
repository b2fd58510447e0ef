from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScormConfig(AppConfig):
    """SCORM 1.2 and 2004 packages: import, play, run-time data and rollup.

    Its models keep the ``courses`` app label (tables ``courses_scorm…``, content
    types and permission codenames unchanged): moving the code here changed no
    database.
    """

    name = "courses.scorm"
    label = "courses_scorm"
    verbose_name = _("SCORM packages")

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from courses import activities
        from courses.scorm.activity import SCORM_ACTIVITY, remove_package_files
        from courses.scorm.models import ScormPackage

        activities.register(SCORM_ACTIVITY)
        post_delete.connect(
            remove_package_files,
            sender=ScormPackage,
            dispatch_uid="courses-scorm-files",
        )
