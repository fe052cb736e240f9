"""The outbox: background work is written to the database with the change that asks for it,
and handed to the broker after the commit — at once by the web process when the broker
answers, later by beat (`send_unsent`) when it did not.

Nothing a user asked for is lost when the broker is down, and nobody waits for it: the
hand-over uses short time-outs and no retry loop. The tasks are idempotent (a finished
report version or a mailed agenda is left alone), so a message delivered twice — the web
process and beat racing, a redelivery after a crash — does no harm.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from landerd_portal.celery import app
from landerd_portal.logs import BROKER
from landerd_portal.models import OutboxMessage


def enqueue_on_commit(task_name: str, *args) -> OutboxMessage:
    """Store the task named `task_name` in the outbox and send it once the transaction commits.

    By name, so that services never import the task modules that import them (tasks call
    services, not the other way round). Call it inside the transaction that makes the
    change: the message is saved or rolled back with it.
    """
    message = OutboxMessage.objects.create(task_name=task_name, args=list(args))
    transaction.on_commit(lambda: hand_over(message.pk))
    return message


def hand_over(message_id: int) -> bool:
    """Send one unsent message to the broker and mark it sent; False when the broker did not
    take it (the row keeps the error and beat tries again). Never raises."""
    with transaction.atomic():
        # skip_locked: another process is sending this very row right now.
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, sent_at__isnull=True)
            .first()
        )
        if message is None:
            return True
        message.attempts += 1
        try:
            _send(message)
        except Exception as error:  # noqa: BLE001 - any broker failure; the row stays unsent
            BROKER.failed(error)  # one warning per outage, not one per message
            message.last_error = f"{type(error).__name__}: {error}"[:1000]
            message.save(update_fields=["attempts", "last_error"])
            return False
        BROKER.answered()
        message.sent_at = timezone.now()
        message.last_error = ""
        message.save(update_fields=["attempts", "sent_at", "last_error"])
        return True


def _send(message):
    # A connection of its own to the broker the settings name (as /healthz checks it), so a
    # broken pooled connection cannot linger; one try with short time-outs, no retry loop.
    with app.connection_for_write(
        url=settings.CELERY_BROKER_URL,
        connect_timeout=settings.CELERY_BROKER_CONNECTION_TIMEOUT,
    ) as connection:
        connection.ensure_connection(max_retries=0)  # one try: beat tries again later
        app.send_task(
            message.task_name,
            args=message.args,
            task_id=str(message.task_id),
            connection=connection,
            retry=False,
            # Nobody waits for these results: without this the web process would also
            # connect to the result backend (and retry when that is down).
            ignore_result=True,
        )


def send_unsent(*, now: datetime.datetime | None = None) -> int:
    """Beat: hand every unsent message to the broker, oldest first; returns how many went.

    A message the web process has not tried yet is left alone for a short while (it is
    about to). Stops at the first failure: the broker is down, and trying every other
    message would only add time-outs.
    """
    now = now or timezone.now()
    grace = datetime.timedelta(seconds=settings.OUTBOX_HANDOVER_GRACE_SECONDS)
    waiting = (
        OutboxMessage.objects.filter(sent_at__isnull=True)
        .exclude(attempts=0, created_at__gt=now - grace)
        .order_by("created_at")
        .values_list("pk", flat=True)
    )
    sent = 0
    for message_id in list(waiting[: settings.OUTBOX_BATCH_SIZE]):
        if not hand_over(message_id):
            break
        sent += 1
    return sent


def is_waiting(task_name: str, *args) -> bool:
    """Whether a message for this task and these arguments has not reached the broker yet."""
    return OutboxMessage.objects.filter(
        task_name=task_name, args=list(args), sent_at__isnull=True
    ).exists()


def messages_for(task_name: str, *args):
    """Every message ever stored for this task and these arguments, oldest first."""
    return OutboxMessage.objects.filter(task_name=task_name, args=list(args)).order_by("created_at")
