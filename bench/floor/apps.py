from django.apps import AppConfig


class FloorConfig(AppConfig):
    """The bench's floor page; installed by ``bench/settings.py`` only."""

    name = "bench.floor"
    label = "bench_floor"
    default_auto_field = "django.db.models.BigAutoField"
