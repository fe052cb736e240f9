"""Publishing an agenda hands the partners' e-mail to a real Celery worker."""

import time

import pytest

from programme.meetings import services
from programme.models import PartnerMeeting
from tests.factories import AgendaItemFactory, PartnerMeetingFactory


@pytest.fixture
def console_mail(monkeypatch):
    # The worker is another process: it reads its mail backend from the environment.
    monkeypatch.setenv("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")


@pytest.mark.worker
def test_published_agenda_is_mailed_by_the_worker_after_commit(
    console_mail, celery_worker_process, programmateam, partner
):
    meeting = PartnerMeetingFactory(title="Partneroverleg oktober")
    AgendaItemFactory(meeting=meeting, title="Opening")

    services.meeting_publish(meeting=meeting, actor=programmateam)

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        meeting.refresh_from_db()
        if meeting.publication_mailed_at:
            break
        time.sleep(0.5)
    assert meeting.status == PartnerMeeting.Status.PUBLISHED
    assert meeting.publication_mailed_at is not None
