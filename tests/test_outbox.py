"""The outbox keeps background work with the change that asked for it."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from landerd_portal import outbox
from landerd_portal.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_a_rolled_back_change_leaves_no_message(django_capture_on_commit_callbacks):
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.enqueue_on_commit("landerd_portal.ping")
        raise RuntimeError
    assert not OutboxMessage.objects.exists()


def test_message_is_handed_over_after_commit_and_marked_sent(
    monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    monkeypatch.setattr(outbox, "_send", sent.append)
    with django_capture_on_commit_callbacks(execute=True):
        message = outbox.enqueue_on_commit("landerd_portal.ping", 7)
    message.refresh_from_db()
    assert [m.pk for m in sent] == [message.pk]
    assert message.sent_at is not None and message.attempts == 1


def test_beat_leaves_a_fresh_message_to_the_web_process_and_stops_at_a_dead_broker(
    monkeypatch, settings
):
    fresh = outbox.enqueue_on_commit("landerd_portal.ping", 1)  # not handed over yet
    failed = [outbox.enqueue_on_commit("landerd_portal.ping", n) for n in (2, 3)]
    OutboxMessage.objects.filter(pk__in=[m.pk for m in failed]).update(attempts=1)
    tries = []

    def broker_down(message):
        tries.append(message.pk)
        raise ConnectionRefusedError("Connection refused")

    monkeypatch.setattr(outbox, "_send", broker_down)
    assert outbox.send_unsent() == 0
    assert tries == [failed[0].pk]  # one time-out, not one per message
    assert "Connection refused" in OutboxMessage.objects.get(pk=failed[0].pk).last_error

    monkeypatch.setattr(outbox, "_send", lambda message: None)
    assert outbox.send_unsent() == 2
    later = timezone.now() + datetime.timedelta(seconds=settings.OUTBOX_HANDOVER_GRACE_SECONDS + 1)
    assert outbox.send_unsent(now=later) == 1
    fresh.refresh_from_db()
    assert fresh.is_sent
