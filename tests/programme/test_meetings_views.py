"""Partner meeting pages: every role on every route, forms that keep input, query counts."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from programme.meetings import services
from programme.models import AgendaItem, PartnerMeeting
from tests.factories import (
    ActionItemFactory,
    ActivityFactory,
    AgendaItemFactory,
    AgendaProposalFactory,
    GoalFactory,
    PartnerMeetingFactory,
    QuestionFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


READERS = {"partner", "other_partner", "kartrekker", "programmateam", "observer"}
TEAM = {"programmateam"}
PROPOSERS = {"partner", "other_partner", "kartrekker"}
ROLES = [
    "partner",
    "other_partner",
    "kartrekker",
    "programmateam",
    "griffie",
    "observer",
    "beheer",
]


@pytest.fixture
def world(partner, programmateam):
    now = timezone.now()
    draft = PartnerMeetingFactory(
        starts_at=now + datetime.timedelta(days=20),
        proposal_deadline=now + datetime.timedelta(days=10),
    )
    draft_item = AgendaItemFactory(meeting=draft, title="Opening")
    AgendaItemFactory(meeting=draft, title="Rondvraag")
    published = PartnerMeetingFactory(published=True)
    published_item = AgendaItemFactory(meeting=published)
    attachment = services.attachment_add(
        item=published_item,
        actor=programmateam,
        uploaded_file=SimpleUploadedFile("stuk.pdf", b"%PDF-1.4 stuk"),
    )
    return {
        "draft": draft,
        "draft_item": draft_item,
        "published": published,
        "proposal": AgendaProposalFactory(meeting=draft, proposer=partner),
        "question": QuestionFactory(),
        "attachment": attachment,
        "action": ActionItemFactory(meeting=published, owner=partner),
    }


def d(world):
    return {"pk": world["draft"].pk}


ROUTES = [
    # (url name, kwargs from the world, method, POST data, roles allowed)
    ("meeting_list", lambda w: {}, "get", None, READERS),
    ("meeting_create", lambda w: {}, "get", None, TEAM),
    ("meeting_detail", lambda w: {"pk": w["published"].pk}, "get", None, READERS),
    ("meeting_detail", d, "get", None, TEAM),
    ("meeting_update", d, "get", None, TEAM),
    ("meeting_prepare", d, "get", None, TEAM),
    ("suggestion_accept", d, "post", lambda w: {"key": f"question:{w['question'].pk}"}, TEAM),
    ("suggestion_dismiss", d, "post", lambda w: {"key": f"question:{w['question'].pk}"}, TEAM),
    ("meeting_publish", d, "post", lambda w: {}, TEAM),
    ("agenda_item_create", d, "get", None, TEAM),
    (
        "agenda_item_update",
        lambda w: {"pk": w["draft"].pk, "item": w["draft_item"].pk},
        "get",
        None,
        TEAM,
    ),
    (
        "agenda_item_delete",
        lambda w: {"pk": w["draft"].pk, "item": w["draft_item"].pk},
        "get",
        None,
        TEAM,
    ),
    (
        "agenda_item_move",
        lambda w: {"pk": w["draft"].pk, "item": w["draft_item"].pk},
        "post",
        lambda w: {"direction": "down"},
        TEAM,
    ),
    ("meeting_pdf", lambda w: {"pk": w["published"].pk}, "get", None, READERS),
    ("meeting_ics", lambda w: {"pk": w["published"].pk}, "get", None, READERS),
    ("meeting_pdf", d, "get", None, TEAM),
    ("meeting_ics", d, "get", None, TEAM),
    ("proposal_create", d, "get", None, PROPOSERS),
    ("proposal_create", lambda w: {"pk": w["published"].pk}, "get", None, set()),
    ("proposal_accept", lambda w: {"pk": w["proposal"].pk}, "post", lambda w: {}, TEAM),
    ("proposal_decline", lambda w: {"pk": w["proposal"].pk}, "get", None, TEAM),
    ("meeting_minutes", lambda w: {"pk": w["published"].pk}, "get", None, TEAM),
    ("attachment_download", lambda w: {"pk": w["attachment"].pk}, "get", None, READERS),
    (
        "action_item_done",
        lambda w: {"pk": w["action"].pk},
        "post",
        lambda w: {},
        {"partner", "programmateam"},
    ),
]


def _request(client, world, route):
    name, kwargs, method, data, _allowed = route
    url = reverse(f"programme:{name}", kwargs=kwargs(world))
    if method == "post":
        return client.post(url, data(world))
    return client.get(url)


@pytest.mark.parametrize("route", ROUTES, ids=[f"{r[0]}-{i}" for i, r in enumerate(ROUTES)])
def test_every_role_gets_exactly_what_it_may_on_every_route(client, users, world, route):
    # One route per test, every role in turn (a refused POST changes nothing, so the
    # order of the roles does not matter; allowed ones run last for the same reason).
    allowed = route[4] | {"beheer"}  # beheer is a Django superuser: may do everything
    outcome = {}
    for role in sorted(ROLES, key=lambda role: role in allowed):
        client.force_login(users[role])
        outcome[role] = _request(client, world, route).status_code
    expected = {role: "allowed" if role in allowed else 403 for role in ROLES}
    seen = {role: "allowed" if code in {200, 302} else code for role, code in outcome.items()}
    assert seen == expected


@pytest.mark.parametrize("route", ROUTES, ids=[f"{r[0]}-{i}" for i, r in enumerate(ROUTES)])
def test_anonymous_visitors_are_sent_to_sign_in(client, world, route):
    response = _request(client, world, route)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_refused_changes_save_nothing(client, world, partner, griffie):
    draft = world["draft"]
    for user in (partner, griffie):
        client.force_login(user)
        client.post(reverse("programme:meeting_publish", kwargs={"pk": draft.pk}))
        client.post(
            reverse("programme:suggestion_accept", kwargs={"pk": draft.pk}),
            {"key": f"question:{world['question'].pk}"},
        )
        client.post(
            reverse("programme:proposal_decline", kwargs={"pk": world["proposal"].pk}),
            {"reason": "Nee"},
        )
    draft.refresh_from_db()
    assert draft.status == PartnerMeeting.Status.DRAFT
    assert draft.agenda_items.count() == 2
    world["proposal"].refresh_from_db()
    assert world["proposal"].status == "proposed"


def test_the_griffie_sees_no_trace_of_meetings_in_navigation_or_dashboard(client, griffie, world):
    client.force_login(griffie)
    response = client.get(reverse("dashboard"))
    assert reverse("programme:meeting_list") not in response.content.decode()
    assert "Partneroverleg" not in response.content.decode()


def test_partner_sees_draft_meeting_only_to_propose_and_sees_the_decline_reason(
    client, partner, world, programmateam
):
    services.proposal_decline(
        proposal=world["proposal"], actor=programmateam, reason="Komt in juni terug."
    )
    client.force_login(partner)
    page = client.get(reverse("programme:meeting_list")).content.decode()
    assert reverse("programme:proposal_create", kwargs={"pk": world["draft"].pk}) in page
    detail = reverse("programme:meeting_detail", kwargs={"pk": world["draft"].pk})
    assert f'href="{detail}"' not in page
    assert "Komt in juni terug." in page


def test_meeting_form_keeps_input_and_says_what_is_missing(client, programmateam):
    client.force_login(programmateam)
    response = client.post(
        reverse("programme:meeting_create"),
        {
            "title": "Partneroverleg juni",
            "date": "2030-06-03",
            "start_time": "19:30",
            "duration_minutes": "120",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Vul een plaats of een videolink in." in page
    assert 'value="Partneroverleg juni"' in page
    assert not PartnerMeeting.objects.exists()


def test_meeting_is_created_in_amsterdam_time(client, programmateam):
    client.force_login(programmateam)
    response = client.post(
        reverse("programme:meeting_create"),
        {
            "title": "Partneroverleg juni",
            "date": "2030-06-03",
            "start_time": "19:30",
            "duration_minutes": "120",
            "location": "De Wis, Schaijk",
            "proposal_deadline": "2030-05-27",
        },
    )
    meeting = PartnerMeeting.objects.get()
    assert response["Location"] == reverse("programme:meeting_prepare", kwargs={"pk": meeting.pk})
    local = timezone.localtime(meeting.starts_at)
    assert (local.date(), local.hour, local.minute) == (datetime.date(2030, 6, 3), 19, 30)


def test_reorder_with_htmx_answers_with_the_agenda_only(client, programmateam, world):
    client.force_login(programmateam)
    draft, first = world["draft"], world["draft_item"]
    response = client.post(
        reverse("programme:agenda_item_move", kwargs={"pk": draft.pk, "item": first.pk}),
        {"direction": "down"},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in page
    assert page.index("Rondvraag") < page.index("Opening")
    assert "Opening staat nu op plaats 2." in page


def test_uploading_a_disguised_file_shows_a_message_next_to_the_field(client, programmateam, world):
    client.force_login(programmateam)
    draft, item = world["draft"], world["draft_item"]
    response = client.post(
        reverse("programme:agenda_item_update", kwargs={"pk": draft.pk, "item": item.pk}),
        {"upload": "1", "file": SimpleUploadedFile("begroting.pdf", b"#!/bin/sh\nrm -rf /")},
    )
    assert response.status_code == 400
    assert "Dit soort bestand kan niet als bijlage" in response.content.decode()
    assert not item.attachments.exists()


def test_decline_without_reason_is_refused_next_to_the_field(client, programmateam, world):
    client.force_login(programmateam)
    response = client.post(
        reverse("programme:proposal_decline", kwargs={"pk": world["proposal"].pk}), {"reason": ""}
    )
    assert response.status_code == 200
    assert 'id="id_reason_error"' in response.content.decode()


def test_ics_download_is_a_calendar_file(client, partner, world):
    client.force_login(partner)
    response = client.get(reverse("programme:meeting_ics", kwargs={"pk": world["published"].pk}))
    assert response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in response.content


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_prepare_and_detail_pages_issue_a_bounded_number_of_queries(
    client, programmateam, partner, organisation
):
    client.force_login(programmateam)
    meeting = PartnerMeetingFactory()
    prepare = reverse("programme:meeting_prepare", kwargs={"pk": meeting.pk})
    detail = reverse("programme:meeting_detail", kwargs={"pk": meeting.pk})

    def grow():
        theme = ThemeFactory()
        ActivityFactory(theme=theme, owner_organisation=organisation, published=True)
        GoalFactory(theme=theme)
        QuestionFactory()
        AgendaProposalFactory(meeting=meeting, proposer=partner)
        item = AgendaItemFactory(meeting=meeting, presenter=partner, theme=theme)
        services.attachment_add(
            item=item,
            actor=programmateam,
            uploaded_file=SimpleUploadedFile("a.pdf", b"%PDF-1.4"),
        )

    grow()
    small = (_count_queries(client, prepare), _count_queries(client, detail))
    for _ in range(4):
        grow()
    large = (_count_queries(client, prepare), _count_queries(client, detail))
    assert large == small
    assert AgendaItem.objects.filter(meeting=meeting).count() == 5
