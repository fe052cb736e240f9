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
