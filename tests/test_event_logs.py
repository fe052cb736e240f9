"""Events that matter are logged as one line saying who did what to which object."""

import datetime
import logging

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from landerd_portal.views import permission_denied
from programme.models import PartnerMeeting
from tests.factories import AgendaItemFactory, PartnerMeetingFactory

pytestmark = pytest.mark.django_db


def event_lines(caplog, event):
    return [r.getMessage() for r in caplog.records if f"event={event} " in r.getMessage()]


@pytest.fixture
def draft_meeting():
    now = timezone.now()
    meeting = PartnerMeetingFactory(
        starts_at=now + datetime.timedelta(days=20),
        proposal_deadline=now + datetime.timedelta(days=10),
    )
    AgendaItemFactory(meeting=meeting, title="Opening")
    return meeting


def test_publishing_the_agenda_logs_who_published_which_meeting(
    client, programmateam, draft_meeting, caplog
):
    caplog.set_level(logging.INFO, logger="landerd_portal.events")
    client.force_login(programmateam)
    client.post(reverse("programme:meeting_publish", kwargs={"pk": draft_meeting.pk}))
    draft_meeting.refresh_from_db()
    assert draft_meeting.status == PartnerMeeting.Status.PUBLISHED
    assert event_lines(caplog, "agenda_published") == [
        f"event=agenda_published user={programmateam.pk} "
        f"object=programme.partnermeeting:{draft_meeting.pk}"
    ]


def test_a_refused_page_logs_who_was_refused_where(client, partner, caplog):
    client.force_login(partner)
    response = client.get(reverse("programme:meeting_create"))
    assert response.status_code == 403
    lines = event_lines(caplog, "refused")
    assert lines == [f"event=refused user={partner.pk} path=/partneroverleg/nieuw/"]


def test_djangos_403_handler_logs_the_refusal_and_its_reason(partner, caplog):
    request = RequestFactory().get("/ergens/")
    request.user = partner
    response = permission_denied(request, PermissionDenied("Alleen voor het programmateam."))
    assert response.status_code == 403
    assert event_lines(caplog, "refused") == [
        f'event=refused user={partner.pk} path=/ergens/ reason="Alleen voor het programmateam."'
    ]
