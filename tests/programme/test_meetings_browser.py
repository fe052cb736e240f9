"""The programme team prepares and publishes a partner-meeting agenda; partners act on it.

Driven in Chromium through Playwright, with an axe-core scan of every page on the way.
"""

import datetime
import re

import icalendar
import pytest
from django.utils import timezone

from programme.models import ActionItem, AgendaItem, PartnerMeeting
from tests.conftest import assert_accessible, sign_in
from tests.factories import (
    ActivityFactory,
    AgendaItemFactory,
    AgendaProposalFactory,
    PartnerMeetingFactory,
    QuestionFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def new_page(browser, live_server, **options):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", **options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def named(action, subject):
    """An accessible name "action: subject"; Chromium puts a space before the hidden part."""
    return re.compile(rf"^{re.escape(action)}\s*: {re.escape(subject)}")


def agenda_titles(page):
    return page.locator("#agenda-builder tbody tr td:nth-child(3) > a").all_inner_texts()


def test_programme_team_prepares_and_publishes_an_agenda_that_partners_act_on(
    page, browser, live_server, programmateam, partner, kartrekker, theme, organisation
):
    PartnerMeetingFactory(
        title="Partneroverleg maart",
        starts_at=timezone.now() - datetime.timedelta(days=40),
        status=PartnerMeeting.Status.HELD,
    )
    ActivityFactory(
        theme=theme, owner_organisation=organisation, published=True, title="Buurtlunch Reek"
    )
    QuestionFactory(text="Hoe bereiken we mantelzorgers die zichzelf niet zo noemen?")
    day = timezone.localdate() + datetime.timedelta(days=21)
    deadline = timezone.localdate() + datetime.timedelta(days=10)

    # The programme team plans the meeting.
    sign_in(page, programmateam)
    page.goto("/partneroverleg/")
    assert_accessible(page, "meetings-list-programmateam")
    page.get_by_role("link", name="Overleg plannen").click()
    page.get_by_label("Titel").fill("Partneroverleg juni")
    page.get_by_label("Datum").fill(day.isoformat())
    page.get_by_label("Begintijd").fill("19:30")
    page.get_by_label("Duur in minuten").fill("30")
    page.get_by_label("Partners kunnen agendapunten voorstellen tot en met").fill(
        deadline.isoformat()
    )
    page.get_by_role("button", name="Overleg aanmaken").click()
    # Neither place nor link: the form says so and keeps what was typed.
    assert page.get_by_text("Vul een plaats of een videolink in.").first.is_visible()
    assert page.get_by_label("Titel").input_value() == "Partneroverleg juni"
    assert_accessible(page, "meetings-form-errors")
    page.get_by_label("Plaats").fill("Gemeentehuis Zeeland")
    page.get_by_role("button", name="Overleg aanmaken").click()
    page.wait_for_url(re.compile(r"/partneroverleg/\d+/voorbereiden/"))
    meeting = PartnerMeeting.objects.get(title="Partneroverleg juni")

    # A partner proposes an item before the deadline.
    partner_page = new_page(browser, live_server)
    sign_in(partner_page, partner)
    partner_page.goto("/partneroverleg/")
    partner_page.get_by_role(
        "link", name=named("Agendapunt voorstellen", "Partneroverleg juni")
    ).click()
    partner_page.get_by_label("Titel van het agendapunt").fill("Gezonde sportkantines")
    partner_page.get_by_label("Waarom moet dit op de agenda?").fill(
        "Drie verenigingen willen meedoen; we zoeken een trekker."
    )
    partner_page.get_by_label("Besluiten").check()
    assert_accessible(partner_page, "meetings-proposal-form")
    partner_page.get_by_role("button", name="Voorstel indienen").click()
    partner_page.get_by_text("Je voorstel is ingediend").wait_for()
    assert_accessible(partner_page, "meetings-list-partner")

    # The programme team builds the agenda from the suggestions.
    page.reload()
    suggestions = page.locator("section[aria-labelledby=suggesties-titel]")
    assert suggestions.get_by_text(
        "1 nieuwe activiteit sinds het vorige partneroverleg"
    ).is_visible()
    assert suggestions.get_by_text("Voorgesteld door").is_visible()
    assert_accessible(page, "meetings-prepare-suggestions")
    page.get_by_role(
        "button",
        name=named("Op de agenda", "Update van de werkgroep Eenzaamheid door de kartrekker"),
    ).click()
    page.get_by_role("button", name=named("Op de agenda", "Gezonde sportkantines")).click()
    page.get_by_role(
        "button",
        name=named("Negeren", "Hoe bereiken we mantelzorgers die zichzelf niet zo noemen?"),
    ).click()
    page.get_by_text("Suggestie genegeerd").wait_for()
    assert "Hoe bereiken we mantelzorgers" not in suggestions.inner_text()
    assert agenda_titles(page) == [
        "Update van de werkgroep Eenzaamheid door de kartrekker",
        "Gezonde sportkantines",
    ]

    # Start times run on, and the agenda warns once it is longer than the meeting.
    page.get_by_role("link", name="Agendapunt toevoegen").click()
    page.get_by_label("Informeren").check()
    page.get_by_label("Titel").fill("Rondvraag")
    page.get_by_label("Minuten").fill("15")
    assert_accessible(page, "meetings-item-form")
    page.get_by_role("button", name="Opslaan").click()
    rows = page.locator("#agenda-builder tbody tr")
    assert rows.nth(1).locator("td").nth(1).inner_text() == "19:40"
    assert rows.nth(2).locator("td").nth(1).inner_text() == "19:50"
    assert (
        "de agenda duurt 5 minuten langer dan het overleg"
        in page.locator("#agenda-te-lang").inner_text()
    )

    # Reorder by keyboard: the focus stays on the button that was pressed.
    page.get_by_role("button", name=named("omlaag", "Update van de werkgroep Eenzaamheid")).focus()
    page.keyboard.press("Enter")
    # Playwright's expect, not wait_for_function: that evaluates a string in the page,
    # which the Content-Security-Policy forbids (no 'unsafe-eval').
    expect = pytest.importorskip("playwright.sync_api").expect
    expect(page.locator("#agenda-builder tbody tr td:nth-child(3) a").first).to_have_text(
        "Gezonde sportkantines"
    )
    focused = page.evaluate("document.activeElement.id")
    update_item = AgendaItem.objects.get(meeting=meeting, title__startswith="Update")
    assert focused == f"omlaag-{update_item.pk}"
    page.keyboard.press("Enter")  # and once more, without touching the mouse
    expect(page.locator("#agenda-builder tbody tr").nth(2)).to_contain_text(
        "Update van de werkgroep"
    )
    assert agenda_titles(page) == [
        "Gezonde sportkantines",
        "Rondvraag",
        "Update van de werkgroep Eenzaamheid door de kartrekker",
    ]
    assert_accessible(page, "meetings-prepare-agenda")

    # Publish.
    page.get_by_role("button", name="Agenda publiceren").click()
    page.get_by_text("De agenda is gepubliceerd").wait_for()
    assert_accessible(page, "meetings-detail-programmateam")

    # The partner reads it, downloads the PDF and the calendar file.
    partner_page.goto("/partneroverleg/")
    partner_page.get_by_role("link", name="Partneroverleg juni", exact=True).click()
    assert partner_page.get_by_role("heading", name="Gezonde sportkantines").is_visible()
    assert_accessible(partner_page, "meetings-detail-partner")
    with partner_page.expect_download() as pdf_download:
        partner_page.get_by_role("link", name="Agenda downloaden (PDF)").click()
    with open(pdf_download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    with partner_page.expect_download() as ics_download:
        partner_page.get_by_role("link", name="Zet in je agenda (.ics)").click()
    with open(ics_download.value.path(), "rb") as ics:
        calendar = icalendar.Calendar.from_ical(ics.read())
    event = next(iter(calendar.walk("VEVENT")))
    start = event.decoded("dtstart")
    assert event["dtstart"].params["TZID"] == "Europe/Amsterdam"
    assert (start.date(), start.hour, start.minute) == (day, 19, 30)
    assert str(event["summary"]) == "Partneroverleg juni"

    # After the meeting: minutes, a decision and an action for the partner.
    page.get_by_role("link", name="Verslag, besluiten en acties").click()
    page.locator(f"#punt-{update_item.pk}").get_by_label("Verslag").fill(
        "De werkgroep organiseerde een buurtlunch in Reek."
    )
    page.get_by_role("button", name=named("Verslag opslaan", "Update van de werkgroep")).click()
    page.get_by_text("Verslag opgeslagen").wait_for()
    decision_form = page.locator("section[aria-labelledby=besluit-nieuw-titel]")
    decision_form.get_by_label("Besluit").fill("Eenzaamheid start een maatjesproject.")
    decision_form.get_by_label("Thema").select_option(label="Eenzaamheid")
    decision_form.get_by_role("button", name="Besluit vastleggen").click()
    page.get_by_text("Het besluit is vastgelegd.").wait_for()
    action_form = page.locator("section[aria-labelledby=actie-nieuw-titel]")
    action_form.get_by_label("Wat").fill("Drie sportverenigingen benaderen")
    action_form.get_by_label("Wie").select_option(label=f"{partner} ({organisation})")
    action_form.get_by_label("Uiterlijk op").fill((day + datetime.timedelta(days=30)).isoformat())
    action_form.get_by_role("button", name="Actiepunt vastleggen").click()
    page.get_by_text("Het actiepunt is vastgelegd.").wait_for()
    assert_accessible(page, "meetings-minutes")

    # The action shows on the partner's dashboard until they mark it done.
    partner_page.goto("/")
    panel = partner_page.locator("section[aria-labelledby=partneroverleg-paneel-titel]")
    assert panel.get_by_text("Drie sportverenigingen benaderen").first.is_visible()
    assert_accessible(partner_page, "meetings-dashboard-partner")
    panel.get_by_role("button", name=named("Afgerond", "Drie sportverenigingen benaderen")).click()
    partner_page.get_by_text("Afgerond: Drie sportverenigingen benaderen").first.wait_for()
    assert ActionItem.objects.get().done
    assert partner_page.locator("text=uiterlijk").count() == 0
    partner_page.goto(meeting.get_absolute_url())
    assert partner_page.get_by_text("Eenzaamheid start een maatjesproject.").is_visible()
    partner_page.context.close()


def test_remaining_meeting_pages_pass_axe_on_desktop_and_phone(
    page, phone_page, programmateam, partner
):
    meeting = PartnerMeetingFactory(title="Partneroverleg september", published=True)
    item = AgendaItemFactory(meeting=meeting, title="Opening", minutes_allotted=10)
    AgendaItemFactory(meeting=meeting, title="Mantelzorgdag", minutes_allotted=20)
    proposal = AgendaProposalFactory(meeting=meeting, proposer=partner, title="Jeugd en alcohol")

    sign_in(page, programmateam)
    page.goto(f"/partneroverleg/{meeting.pk}/bewerken/")
    assert_accessible(page, "meetings-update-form")
    page.goto(f"/partneroverleg/{meeting.pk}/agendapunten/{item.pk}/bewerken/")
    page.get_by_label("Minuten").fill("15")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Het agendapunt is opgeslagen.").wait_for()
    page.goto(f"/partneroverleg/{meeting.pk}/agendapunten/{item.pk}/bewerken/")
    page.get_by_label("Bijlage toevoegen").set_input_files(
        files=[{"name": "script.pdf", "mimeType": "application/pdf", "buffer": b"<script>"}]
    )
    page.get_by_role("button", name="Bijlage uploaden").click()
    assert page.get_by_text("Dit soort bestand kan niet als bijlage").first.is_visible()
    assert_accessible(page, "meetings-item-attachment-error")
    page.goto(f"/partneroverleg/{meeting.pk}/agendapunten/{item.pk}/verwijderen/")
    assert_accessible(page, "meetings-item-delete")
    page.goto(f"/partneroverleg/voorstellen/{proposal.pk}/afwijzen/")
    page.get_by_role("button", name="Afwijzen").click()
    assert page.get_by_text("Dit veld is verplicht.").first.is_visible()
    assert_accessible(page, "meetings-proposal-decline")
    page.get_by_label("Reden").fill("Dit bespreken we in de werkgroep Preventie.")
    page.get_by_role("button", name="Afwijzen").click()
    page.get_by_text("Het voorstel is afgewezen").wait_for()

    # Published, so the change to the first item shows as such to the partner, on a phone.
    sign_in(phone_page, partner)
    phone_page.goto(meeting.get_absolute_url())
    assert phone_page.get_by_role(
        "heading", name="Gewijzigd na publicatie", exact=True
    ).is_visible()
    assert "Agendapunt Opening gewijzigd: minuten." in phone_page.locator("main").inner_text()
    assert phone_page.get_by_text("gewijzigd na publicatie", exact=True).is_visible()
    assert_accessible(phone_page, "meetings-detail-phone")
    phone_page.goto("/partneroverleg/")
    assert phone_page.get_by_text("Dit bespreken we in de werkgroep Preventie.").is_visible()
    assert_accessible(phone_page, "meetings-list-phone")
