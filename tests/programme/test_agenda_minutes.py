"""The agenda builder on every screen: minutes changed inline, a kind chosen by default."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from landerd_portal.concurrency import EditConflict
from programme.meetings import services
from programme.meetings.forms import AgendaItemForm
from programme.models import AgendaItem
from tests.factories import AgendaItemFactory, PartnerMeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def item():
    meeting = PartnerMeetingFactory(duration_minutes=60)
    AgendaItemFactory(meeting=meeting, order=0, minutes_allotted=20, title="Opening")
    return AgendaItemFactory(meeting=meeting, order=1, minutes_allotted=15, title="Begroting")


def minutes_url(item):
    return reverse("programme:agenda_item_minutes", kwargs={"pk": item.meeting.pk, "item": item.pk})


def test_programme_team_changes_an_items_minutes(item, programmateam):
    services.agenda_item_set_minutes(item=item, actor=programmateam, minutes=25, version=1)
    item.refresh_from_db()
    assert item.minutes_allotted == 25
    assert item.version == 2


def test_a_partner_cannot_change_minutes(item, partner):
    with pytest.raises(PermissionDenied):
        services.agenda_item_set_minutes(item=item, actor=partner, minutes=25)
    assert AgendaItem.objects.get(pk=item.pk).minutes_allotted == 15


@pytest.mark.parametrize("minutes", [0, 241])
def test_minutes_out_of_range_are_refused(item, programmateam, minutes):
    with pytest.raises(ValidationError):
        services.agenda_item_set_minutes(item=item, actor=programmateam, minutes=minutes)


def test_minutes_from_a_stale_row_are_refused(item, programmateam):
    services.agenda_item_set_minutes(item=item, actor=programmateam, minutes=30, version=1)
    with pytest.raises(EditConflict):
        services.agenda_item_set_minutes(item=item, actor=programmateam, minutes=5, version=1)
    assert AgendaItem.objects.get(pk=item.pk).minutes_allotted == 30


def test_inline_minutes_with_htmx_answer_with_the_new_times_and_total(client, item, programmateam):
    client.force_login(programmateam)
    response = client.post(
        minutes_url(item), {"minutes": "50", "version": "1"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in page
    assert 'value="50"' in page
    assert "Begroting duurt nu 50 minuten." in page
    # 20 + 50 minutes in a meeting of 60: the builder warns at once.
    assert "de agenda duurt 10 minuten langer dan het overleg" in page
    item.refresh_from_db()
    assert item.minutes_allotted == 50


def test_inline_minutes_without_javascript_go_back_to_the_builder(client, item, programmateam):
    client.force_login(programmateam)
    response = client.post(minutes_url(item), {"minutes": "10", "version": "1"})
    assert response.status_code == 302
    assert response["Location"].endswith("#agenda")
    assert AgendaItem.objects.get(pk=item.pk).minutes_allotted == 10


def test_a_stale_inline_change_says_so_and_shows_the_saved_agenda(client, item, programmateam):
    client.force_login(programmateam)
    services.agenda_item_set_minutes(item=item, actor=programmateam, minutes=30, version=1)
    response = client.post(
        minutes_url(item), {"minutes": "5", "version": "1"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert "Iemand anders wijzigde dit agendapunt intussen" in page
    assert 'value="30"' in page
    assert AgendaItem.objects.get(pk=item.pk).minutes_allotted == 30


def test_a_new_agenda_item_offers_no_empty_kind_and_starts_with_the_most_common(item):
    AgendaItemFactory(meeting=item.meeting, order=2, kind=AgendaItem.Kind.BESLUITEN)
    AgendaItem.objects.update(kind=AgendaItem.Kind.BESLUITEN)
    form = AgendaItemForm()
    assert ("", "---------") not in list(form.fields["kind"].choices)
    assert form["kind"].value() == AgendaItem.Kind.BESLUITEN
