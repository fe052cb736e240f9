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
