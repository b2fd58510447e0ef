"""Capabilities: the right to load one package's files, carried in their URLs.

The content origin has no session, so the player page (on the site, where the
person is signed in and their access is checked) issues a signed, expiring
grant naming the package, the person, the lesson block and the site's origin.
Every request on the content origin redeems it: a missing, forged or expired
grant, or one for another package or kind, is refused; so is a grant whose
holder has since lost access (checked again, at most a minute late).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import asdict, dataclass

from django.core import signing
from django.core.cache import cache
from django.http import Http404

from lms.models import User

SALT = "courses.packages.capability"
# Long enough for a long session on one activity; a new launch issues a new one.
MAX_AGE_SECONDS = 6 * 3600
ACCESS_CACHE_SECONDS = 60


@dataclass(frozen=True)
class Grant:
    kind: str  # "h5p" or "scorm"
    package: str  # the package's key
    user: int
    lesson: int | None
    block: str
    site: str  # the origin of the page that frames the content


def issue(grant: Grant) -> str:
    return signing.dumps(asdict(grant), salt=SALT, compress=True)


def redeem(
    token: str,
    *,
    kind: str,
    key: object,
    still_allowed: Callable[[Grant], bool],
) -> Grant:
    """The grant ``token`` carries for package ``key`` of ``kind``; 404 if there is
    none, or if ``still_allowed`` says its holder may no longer open it."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
        grant = Grant(**data)
    except (signing.BadSignature, TypeError) as error:
        raise Http404 from error
    if grant.kind != kind or grant.package != str(key):
        raise Http404
    cache_key = "capability:" + hashlib.sha256(token.encode()).hexdigest()
    allowed = cache.get(cache_key)
    if allowed is None:
        allowed = still_allowed(grant)
        cache.set(cache_key, allowed, ACCESS_CACHE_SECONDS)
    if not allowed:
        raise Http404
    return grant


def holder(grant: Grant) -> User:
    """The active person the grant was issued to (404 if none)."""
    user = User.objects.filter(pk=grant.user, is_active=True).first()
    if user is None:
        raise Http404
    return user
