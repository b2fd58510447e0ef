from django_tasks import task

from reporting.actions import rebuild_skills_summary


@task()
def refresh_skills_summary() -> int:
    """Nightly (and after large imports): dashboards read this summary."""
    return rebuild_skills_summary()
