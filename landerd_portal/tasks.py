"""The project's own periodic task: the outbox sweep."""

from celery import shared_task

from landerd_portal import outbox


@shared_task(name="landerd_portal.send_outbox", acks_late=True, ignore_result=True)
def send_outbox():
    """Beat, every minute: hand over the messages the broker could not take at once."""
    return outbox.send_unsent()
