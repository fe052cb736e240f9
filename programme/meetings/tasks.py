"""Celery tasks for partner meetings: thin wrappers that take ids and call the services."""

from celery import shared_task

from landerd_portal.celery import retry_policy
from programme.meetings import services


@shared_task(name=services.PUBLICATION_EMAIL_TASK, **retry_policy())
def send_agenda_published_email(meeting_id):
    """Tell partners a meeting's agenda is published. Safe to run twice: sends once."""
    return services.meeting_send_publication_email(meeting_id=meeting_id)
