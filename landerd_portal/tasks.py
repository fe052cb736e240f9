"""The project's own periodic tasks: the outbox sweep and the kept-uploads sweep."""

from celery import shared_task

from landerd_portal import outbox, pending_uploads


@shared_task(name="landerd_portal.send_outbox", acks_late=True, ignore_result=True)
def send_outbox():
    """Beat, every minute: hand over the messages the broker could not take at once."""
    return outbox.send_unsent()


@shared_task(name="landerd_portal.sweep_kept_uploads", acks_late=True, ignore_result=True)
def sweep_kept_uploads():
    """Beat, every hour: remove files kept for forms that were never sent again."""
    return pending_uploads.sweep()
