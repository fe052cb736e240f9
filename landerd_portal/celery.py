"""The Celery app: workers and beat read their settings from Django (CELERY_*)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "landerd_portal.settings")

app = Celery("landerd_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="landerd_portal.ping")
def ping():
    """A task that does nothing but answer, so health checks can see a worker work."""
    return "pong"


def enqueue_on_commit(task, *args, on_broker_error=None):
    """Send `task` to the broker once the current transaction has committed.

    The user's data is already saved by then; an unreachable broker must not turn that
    into an error page. The failure is logged and `on_broker_error` (if given) records it
    where the user will see it.
    """
    import logging

    from django.conf import settings
    from django.db import transaction

    def send():
        try:
            # A connection of its own to the broker the settings name (as /healthz
            # checks it), so a broken pooled connection cannot linger.
            with app.connection_for_write(url=settings.CELERY_BROKER_URL) as connection:
                task.apply_async(
                    args=args,
                    connection=connection,
                    retry=True,
                    retry_policy={"max_retries": 2},
                )
        except Exception:  # noqa: BLE001 - any broker failure; the row stays as it is
            logging.getLogger(__name__).exception("Could not enqueue %s%s", task.name, args)
            if on_broker_error is not None:
                on_broker_error()

    transaction.on_commit(send)
