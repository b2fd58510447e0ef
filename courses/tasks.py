from django_tasks import task

from courses import actions


@task()
def send_assignment_reminders() -> int:
    """Run daily (cron or a scheduler calling ``manage.py send_reminders``)."""
    return actions.send_assignment_reminders()
