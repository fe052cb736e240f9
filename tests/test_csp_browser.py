"""The Content-Security-Policy holds in Chromium: no page the partners or the programme
team use needs an inline script, an inline style, an event-handler attribute or a file
from elsewhere. The browser reports every refusal as a `securitypolicyviolation` event
and a console message; this test fails on either."""

import pytest

from tests.conftest import assert_accessible, sign_in
from tests.factories import (
    ActivityFactory,
    AgendaItemFactory,
    PartnerMeetingFactory,
    ReflectionFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Collects what the browser refuses, before any of the page's own code runs.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline")
    + " " + (event.sourceFile || "") + ":" + (event.lineNumber || ""));
});
"""


def _watch(page):
    refused = []
    page.context.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            refused.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    return refused


def _visit_all(page, paths, refused):
    for path in paths:
        response = page.goto(path)
        page.wait_for_load_state("networkidle")
        assert response.status == 200, path
        assert "Content-Security-Policy" in {name.title() for name in response.headers} or (
            "content-security-policy" in response.headers
        ), path
        violations = page.evaluate("window.__cspViolations")
        assert violations == [], f"{path}: {violations}"
        assert refused == [], f"{path}: {refused}"


@pytest.fixture
def content(partner, theme, phase):
    activity = ActivityFactory(theme=theme, owner_organisation=partner.organisation, published=True)
    meeting = PartnerMeetingFactory(published=True)
    AgendaItemFactory(meeting=meeting, title="Opening")
    ReflectionFactory(author=partner, phase=phase, theme=theme, published=True)
    return {"activity": activity, "meeting": meeting, "theme": theme}


def _main_pages(content):
    return [
        "/",
        "/themas/",
        f"/themas/{content['theme'].slug}/",
        "/activiteiten/",
        "/activiteiten/?q=bijeenkomst",
        "/activiteiten/nieuw/",
        f"/activiteiten/{content['activity'].pk}/",
        "/din/",
        "/din/netwerk/",
        "/leergeschiedenis/",
        "/leergeschiedenis/zelfanalyse/",
        "/leergeschiedenis/reflecties/nieuw/",
        "/partneroverleg/",
        f"/partneroverleg/{content['meeting'].pk}/",
        "/privacy/",
    ]


def test_main_pages_keep_to_the_policy_for_a_partner(page, partner, content):
    refused = _watch(page)
    page.goto("/accounts/login/")
    assert page.evaluate("window.__cspViolations") == []
    sign_in(page, partner)
    _visit_all(page, _main_pages(content), refused)


def test_main_pages_keep_to_the_policy_for_the_programme_team(page, programmateam, content):
    refused = _watch(page)
    sign_in(page, programmateam)
    meeting = content["meeting"]
    _visit_all(
        page,
        [
            *_main_pages(content),
            "/partneroverleg/nieuw/",
            f"/partneroverleg/{meeting.pk}/voorbereiden/",
            f"/partneroverleg/{meeting.pk}/verslag/",
            "/rapportages/",
        ],
        refused,
    )
    # htmx at work (the agenda builder swaps parts of the page) adds no inline style.
    assert page.locator("style").count() == 0


def test_privacy_statement_is_public_accessible_and_fits_a_phone(page, phone_page):
    refused = _watch(page)
    _visit_all(page, ["/privacy/"], refused)
    assert page.get_by_role("heading", level=1).inner_text() == "Privacyverklaring"
    assert_accessible(page, "privacy")

    phone_page.goto("/privacy/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(phone_page, "privacy-phone")
    footer_link = phone_page.get_by_role("contentinfo").get_by_role(
        "link", name="Privacyverklaring"
    )
    assert footer_link.get_attribute("href") == "/privacy/"
