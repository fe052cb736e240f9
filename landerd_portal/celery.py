"""The Celery app: workers and beat read their settings from Django (CELERY_*)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "landerd_portal.settings")

app = Celery("landerd_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# programme/ is one app arranged by area; its tasks live beside each area's services.
app.autodiscover_tasks(["programme.meetings", "programme.reports"])


# Faults that pass: the database or a network service (broker, mail server) that hiccupped.
# OSError covers ConnectionError, TimeoutError and smtplib's errors.
TRANSIENT_ERRORS = (OSError,)


def retry_countdown(retries):
    """Seconds before retry number `retries + 1`: doubling from the back-off, capped."""
    from django.conf import settings

    backoff = settings.TASK_RETRY_BACKOFF_SECONDS * 2**retries
    return min(backoff, settings.TASK_RETRY_BACKOFF_MAX_SECONDS)


def retry_policy():
    """The one retry policy of the portal's tasks, as options for `shared_task`.

    Tasks that must record their final failure (a report version) retry by hand with
    `retry_countdown` and the same maximum instead of `autoretry_for`.
    """
    from django.conf import settings

    return {
        "acks_late": True,
        "autoretry_for": TRANSIENT_ERRORS,
        "retry_backoff": settings.TASK_RETRY_BACKOFF_SECONDS,
        "retry_backoff_max": settings.TASK_RETRY_BACKOFF_MAX_SECONDS,
        "retry_jitter": True,
        "max_retries": settings.TASK_MAX_RETRIES,
    }


@app.task(name="landerd_portal.ping")
def ping():
    """A task that does nothing but answer, so health checks can see a worker work."""
    return "pong"


def enqueue_on_commit(task_name, *args, on_broker_error=None):
    """Send the task named `task_name` to the broker once the current transaction commits.

    By name, so that services never import the task modules that import them (tasks call
    services, not the other way round). Not Celery's `delay_on_commit`: that raises after
    the commit when the broker is down, and the user's data is already saved by then; an
    unreachable broker must not turn that into an error page. The failure is logged and
    `on_broker_error` (if given) records it where the user will see it.
    """
    import logging

    from django.conf import settings
    from django.db import transaction

    def send():
        try:
            # A connection of its own to the broker the settings name (as /healthz
            # checks it), so a broken pooled connection cannot linger.
            with app.connection_for_write(url=settings.CELERY_BROKER_URL) as connection:
                app.send_task(
                    task_name,
                    args=args,
                    connection=connection,
                    retry=True,
                    retry_policy={"max_retries": 2},
                )
        except Exception:  # noqa: BLE001 - any broker failure; the row stays as it is
            logging.getLogger(__name__).exception("Could not enqueue %s%s", task_name, args)
            if on_broker_error is not None:
                on_broker_error()

    transaction.on_commit(send)
