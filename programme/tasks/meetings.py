"""Celery tasks for partner meetings."""

import smtplib

from celery import shared_task

__all__ = ["send_agenda_published_email", "send_missed_agenda_emails"]


@shared_task(
    name="programme.send_agenda_published_email",
    acks_late=True,
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    retry_jitter=True,
    max_retries=8,
)
def send_agenda_published_email(meeting_id):
    """Tell partners a meeting's agenda is published. Safe to run twice: sends once."""
    from programme.services.meetings import meeting_send_publication_email

    return meeting_send_publication_email(meeting_id=meeting_id)


@shared_task(name="programme.send_missed_agenda_emails")
def send_missed_agenda_emails():
    """Beat: the publication e-mails that could not be queued when the broker was down."""
    from programme.services.meetings import send_missed_publication_emails

    return send_missed_publication_emails()
