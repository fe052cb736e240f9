"""Celery tasks of the themes app: the kartrekkers' monthly digest.

Thin by design: they take ids, re-read the rows and call a service, which makes sending
idempotent (a period that went out is not sent again).
"""

import datetime

from celery import shared_task
from django.utils import timezone

from landerd_portal.celery import retry_policy

from . import services
from .models import WorkingGroup


@shared_task(**retry_policy())
def send_kartrekker_digest(working_group_id: int, period_end: str) -> int | None:
    """Send one working group's digest for the period ending at ``period_end`` (ISO)."""
    working_group = (
        WorkingGroup.objects.select_related("theme", "kartrekker")
        .filter(pk=working_group_id)
        .first()
    )
    if working_group is None:
        return None
    digest = services.kartrekker_digest_send(
        working_group=working_group, period_end=datetime.datetime.fromisoformat(period_end)
    )
    return digest.pk if digest else None


@shared_task(acks_late=True)
def send_kartrekker_digests() -> int:
    """Monthly (celery beat): queue a digest for every working group with a kartrekker."""
    period_end = services.digest_period_end(timezone.now()).isoformat()
    ids = list(WorkingGroup.objects.filter(kartrekker__isnull=False).values_list("pk", flat=True))
    for working_group_id in ids:
        send_kartrekker_digest.delay_on_commit(working_group_id, period_end)
    return len(ids)
