"""The residents' journeys in Chromium: the public agenda on a phone, and a quick poll whose
answer the kartrekker then sees on the theme page. Both without an account for the
resident; each page axe-clean, valid HTML and without sideways scrolling at 390 px."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import ARTIFACTS, assert_accessible, sign_in
from tests.factories import ActivityFactory, PollFactory
from tests.test_every_page_browser import NO_SIDEWAYS_SCROLL, run_vnu

pytestmark = pytest.mark.browser


def this_week_and_later():
    """Today (always in this week, whatever the weekday) and a day well after this week."""
    today = timezone.localdate()
    return today, today + datetime.timedelta(days=14)


def save_html(page, name):
    folder = ARTIFACTS / "public-html"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.html"
    path.write_text(page.content())
    return path


def assert_valid_html(files):
    errors = [
        f"{message.get('url')}: line {message.get('lastLine')}: {message.get('message')}"
        for message in run_vnu(files)
        if message.get("type") in {"error", "non-document-error"}
    ]
    assert not errors, "\n".join(errors)


@pytest.mark.browser
def test_resident_on_a_phone_finds_this_weeks_activities_in_reek_and_subscribes(
    phone_page, browser, live_server, theme, villages
):
    today, later = this_week_and_later()
    soon = ActivityFactory(
        theme=theme,
        public=True,
        title="Samen eten in De Wis",
        date=today,
        start_time=datetime.time(19, 30),
        end_time=datetime.time(21, 0),
        villages=[villages["Reek"]],
        reach=4321,
        quote="Heel geheim citaat",
        quote_attribution="Een deelnemer",
    )
    ActivityFactory(
        theme=theme, public=True, title="Later in Reek", date=later, villages=[villages["Reek"]]
    )
    ActivityFactory(
        theme=theme,
        public=True,
        title="Zeeland deze week",
        date=today,
        villages=[villages["Zeeland"]],
    )
    ActivityFactory(
        theme=theme,
        published=True,
        title="Intern overleg",
        date=today,
        villages=[villages["Reek"]],
    )
    page = phone_page

    page.goto("/agenda/")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    page.get_by_label("Dorpskern").select_option(label="Reek")
    page.get_by_label("Wanneer").select_option(label="Deze week")
    page.get_by_role("button", name="Toon activiteiten").click()
    page.wait_for_load_state()

    assert "dorp=reek" in page.url
    assert page.get_by_role("link", name="Samen eten in De Wis").is_visible()
    body = page.locator("main").inner_text()
    assert "Later in Reek" not in body
    assert "Zeeland deze week" not in body
    assert "Intern overleg" not in body
    assert "19:30 – 21:00 uur" in body
    subscribe = page.get_by_role("link", name="Abonneren op deze agenda")
    assert subscribe.is_visible()
    href = subscribe.get_attribute("href")
    assert href.startswith("webcal://") and href.endswith("/agenda.ics?dorp=reek")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert_accessible(page, "agenda-reek-390")
    files = [save_html(page, "agenda")]

    page.get_by_role("link", name="Samen eten in De Wis").click()
    page.wait_for_load_state()
    assert page.url.endswith(reverse("themes:agenda_detail", kwargs={"pk": soon.pk}))
    detail = page.locator("main").inner_text()
    assert "Reek" in detail
    assert "4321" not in detail and "Heel geheim citaat" not in detail
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert_accessible(page, "agenda-detail-390")
    files.append(save_html(page, "agenda-detail"))

    # The feed a phone subscribes to (the same address over https instead of webcal).
    feed = page.request.get(href.replace("webcal://", "http://", 1))
    assert feed.ok
    assert "Samen eten in De Wis" in feed.text()
    assert "Zeeland deze week" not in feed.text()

    desktop = browser.new_context(base_url=live_server.url, locale="nl-NL")
    wide = desktop.new_page()
    wide.set_viewport_size({"width": 1280, "height": 900})
    wide.goto("/agenda/?dorp=reek&periode=week")
    assert_accessible(wide, "agenda-reek-1280")
    desktop.close()
    assert_valid_html(files)


@pytest.mark.browser
def test_resident_answers_a_poll_and_the_kartrekker_sees_the_result(
    phone_page, page, kartrekker, theme
):
    poll = PollFactory(
        theme=theme,
        question="Voel je je weleens eenzaam?",
        options="Nooit\nSoms\nVaak",
        allow_text=True,
    )
    resident = phone_page
    resident.goto(reverse("themes:poll", kwargs={"pk": poll.pk}))
    assert resident.evaluate(NO_SIDEWAYS_SCROLL)
    assert_accessible(resident, "poll-390")
    files = [save_html(resident, "poll")]

    # Sending without a choice: a message next to the field, the text kept.
    resident.get_by_label("Toelichting").fill("Vooral in het weekend.")
    resident.get_by_role("button", name="Antwoord versturen").click()
    resident.wait_for_load_state()
    assert "Kies een antwoord." in resident.locator("#error_1_id_keuze").inner_text()
    assert resident.get_by_label("Toelichting").input_value() == "Vooral in het weekend."
    assert_accessible(resident, "poll-error-390")

    resident.get_by_label("Soms").check()
    resident.get_by_role("button", name="Antwoord versturen").click()
    resident.wait_for_load_state()
    assert resident.get_by_text("Bedankt voor je antwoord").is_visible()
    assert_accessible(resident, "poll-thanks-390")
    files.append(save_html(resident, "poll-thanks"))

    sign_in(page, kartrekker)
    page.goto(reverse("themes:theme_detail", kwargs={"slug": theme.slug}))
    polls = page.locator("#peilingen")
    assert "Voel je je weleens eenzaam?" in polls.inner_text()
    assert "Soms: 1 antwoord (100%)" in polls.inner_text()
    polls.get_by_text("1 toelichting").click()
    assert polls.get_by_text("Vooral in het weekend.").is_visible()
    assert_accessible(page, "theme-polls-kartrekker")
    files.append(save_html(page, "theme-polls"))

    page.goto(reverse("themes:poll_create", kwargs={"slug": theme.slug}))
    assert_accessible(page, "poll-create")
    files.append(save_html(page, "poll-create"))
    assert_valid_html(files)
