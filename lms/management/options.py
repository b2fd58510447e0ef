"""What several management commands read from their options."""

from __future__ import annotations

from django.core.management.base import CommandError

from lms.models import Organisation


def town_from_slug(slug: str | None) -> Organisation | None:
    """The town an ``--organisation`` option names, or None when it is not given;
    a slug that names no town stops the command."""
    if not slug:
        return None
    town = Organisation.objects.filter(slug=slug).first()
    if town is None:
        raise CommandError(f"No organisation {slug!r}.")
    return town
