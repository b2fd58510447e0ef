from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """Sign-in security; no models of its own (devices are django-otp's)."""

    name = "lms.security"
    label = "lms_security"
    verbose_name = _("Sign-in security")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from lms.security.actions import note_second_factor

        user_logged_in.connect(note_second_factor, dispatch_uid="lms-second-factor")
