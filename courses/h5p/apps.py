from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class H5PConfig(AppConfig):
    """H5P interactive content: import, play, results and statistics.

    Its models keep the ``courses`` app label (tables ``courses_h5p…``, content
    types and permission codenames unchanged): moving the code here changed no
    database.
    """

    name = "courses.h5p"
    label = "courses_h5p"
    verbose_name = _("H5P content")

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from courses import activities
        from courses.h5p.activity import H5P_ACTIVITY, remove_package_files
        from courses.h5p.models import H5PPackage

        activities.register(H5P_ACTIVITY)
        post_delete.connect(
            remove_package_files, sender=H5PPackage, dispatch_uid="courses-h5p-files"
        )
