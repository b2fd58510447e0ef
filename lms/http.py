"""Request types for views, so a type checker knows who is asking."""

from __future__ import annotations

from django.http import HttpRequest

from lms.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request from a signed-in person: behind ``login_required`` or the Wagtail
    admin (``require_admin_access``), ``request.user`` is a ``User``, never an
    ``AnonymousUser``. For annotations only; Django builds the request."""

    user: User
