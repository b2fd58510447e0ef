"""Authentication backends: sign in by username or e-mail, and role-based permissions."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend, ModelBackend
from django.http import HttpRequest

# Town roles only reach the back office; what they may do there, and on which
# rows, is decided per model by ``lms.permission_policies.TownPermissionPolicy``.
# Django's model permissions stay with platform admins, so Wagtail's own
# cross-town views (users, groups, site history) remain closed to town roles.
BACK_OFFICE = frozenset({"wagtailadmin.access_admin"})


def find_account(name: str) -> Any:
    """The account a sign-in name designates, or ``None``.

    An e-mail address when ``name`` holds "@", else a username; case does not
    matter; the oldest account wins a tie.
    """
    User = get_user_model()
    field = "email__iexact" if "@" in name else "username__iexact"
    return User._default_manager.filter(**{field: name}).order_by("pk").first()


def lockout_username(
    request: HttpRequest | None, credentials: dict | None
) -> str | None:
    """The name django-axes counts failed sign-ins under (``AXES_USERNAME_CALLABLE``).

    One counter per account, whatever was typed: ``cleo``, ``CLEO`` and Cleo's
    e-mail address all count as the account's lowercased username. A name
    that matches no account counts as itself, lowercased.
    """
    typed = (credentials or {}).get("username")
    if typed is None and request is not None:
        typed = request.POST.get("username")
    if not typed:
        return None
    typed = str(typed).strip()
    # Axes asks several times per attempt; look the account up once per request.
    known = request.__dict__.setdefault("_lockout_usernames", {}) if request else {}
    if typed not in known:
        account = find_account(typed)
        known[typed] = (account.get_username() if account else typed).lower()
    return known[typed]


class EmailOrUsernameBackend(ModelBackend):
    """Accept either the username or the e-mail address (case-insensitive)."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if not username or password is None:
            return None
        user = find_account(username)
        if user is None:
            # Run the hasher anyway so timing does not reveal unknown accounts.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


class RoleBackend(BaseBackend):
    """HR admins and content authors may enter the back office, and nothing more
    at the level of Django's permissions (see ``BACK_OFFICE``)."""

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if user_obj.is_hr_admin or user_obj.is_author:
            return set(BACK_OFFICE)
        return set()

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return perm in self.get_all_permissions(user_obj, obj)
