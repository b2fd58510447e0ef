"""Settings of ``bench/pages.py``: the bench settings plus the floor page's app."""

from lms.settings.bench import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bench.floor"]  # noqa: F405
# The floor is a site of its own, reached by this host name.
FLOOR_HOST = "floor.localhost"
ALLOWED_HOSTS = [*ALLOWED_HOSTS, FLOOR_HOST]  # noqa: F405
