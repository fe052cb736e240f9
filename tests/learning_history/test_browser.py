"""Writing the learning history together, and the partnership in a web diagram."""

import datetime

import pytest

from learning_history.instrument import CHARACTERISTIC_CODES
from tests.conftest import assert_accessible, sign_in
from tests.factories import OrganisationFactory, PhaseFactory, SelfAnalysisFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def new_page(browser, live_server):
    contexts = []

    def make():
        context = browser.new_context(base_url=live_server.url, locale="nl-NL")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield make
    for context in contexts:
        context.close()


def test_partner_writes_a_reflection_and_the_kartrekker_publishes_it_after_quote_approval(
    page, new_page, partner, other_partner, kartrekker, theme
):
    PhaseFactory()
    sign_in(page, partner)
    page.goto("/leergeschiedenis/")
    assert_accessible(page, "learning-history-empty")
    page.get_by_role("link", name="Reflectie schrijven").click()
    assert_accessible(page, "learning-history-reflection-form")
    page.get_by_label("Thema").select_option(label="Eenzaamheid")
    page.get_by_label("Wat werkte").check()
    page.get_by_label("Je reflectie").fill("De koffieochtenden in Reek trokken nieuwe mensen.")
    page.get_by_label("Citaat in de eigen woorden").fill(
        "Ik kwam voor de koffie en bleef voor de mensen."
    )
    page.get_by_label("Wie moet het citaat goedkeuren?").select_option(
        label=f"{other_partner} ({other_partner.organisation})"
    )
    page.get_by_role("button", name="Delen met partners").click()
    assert page.get_by_text("Je reflectie is gedeeld met de partners.").is_visible()

    curator = new_page()
    sign_in(curator, kartrekker)
    curator.goto("/leergeschiedenis/")
    reflection = curator.locator("article.lh-reflection", has_text="koffieochtenden in Reek")
    assert reflection.get_by_text("Citaat wacht op goedkeuring").is_visible()
    reflection.get_by_role("button", name="Publiceren").click()
    assert curator.get_by_text("Het citaat is nog niet goedgekeurd").is_visible()
    assert reflection.get_attribute("data-visibility") == "shared"

    quoted = new_page()
    sign_in(quoted, other_partner)
    quoted.goto("/")  # the quote waits on the dashboard of the person quoted
    panel = quoted.locator(
        "section", has=quoted.get_by_role("heading", name="Leergeschiedenis: voor jou")
    )
    assert_accessible(quoted, "learning-history-dashboard-panel")
    panel.get_by_role("link", name="Goedkeuren of verbeteren").click()
    assert_accessible(quoted, "learning-history-quote-approval")
    quoted.get_by_label("Het citaat").fill("Ik kwam voor de koffie en bleef voor de buren.")
    quoted.get_by_role("button", name="Goedkeuren").click()
    assert quoted.get_by_text("Het citaat is verbeterd en goedgekeurd.").is_visible()

    curator.goto("/leergeschiedenis/")
    reflection.get_by_role("button", name="Publiceren").click()
    assert curator.get_by_text("De reflectie is gepubliceerd").is_visible()
    assert reflection.get_attribute("data-visibility") == "published"
    quotes = curator.locator(".lh-quotes")
    assert quotes.get_by_text("Ik kwam voor de koffie en bleef voor de buren.").is_visible()
    assert_accessible(curator, "learning-history-published")


def test_an_organisation_fills_the_self_analysis_and_sees_the_right_numbers(page, partner):
    earlier = PhaseFactory(
        slug="fase-0",
        name="Definitie",
        order=2,
        start_date=datetime.date(2018, 1, 1),
        end_date=datetime.date(2018, 12, 31),
    )
    phase = PhaseFactory()
    SelfAnalysisFactory(phase=phase, organisation=OrganisationFactory(name="GGD"))  # all 3
    SelfAnalysisFactory(
        phase=earlier,
        organisation=OrganisationFactory(name="GGD"),
        scores=dict.fromkeys(CHARACTERISTIC_CODES, 2),
    )

    sign_in(page, partner)
    page.goto("/leergeschiedenis/zelfanalyse/")
    page.get_by_role("link", name="Zelfanalyse invullen voor mijn organisatie").click()
    assert_accessible(page, "self-analysis-form")
    page.get_by_role("button", name="Zelfanalyse opslaan").click()
    assert page.get_by_text("Controleer wat je hebt ingevuld").is_visible()

    for code in CHARACTERISTIC_CODES:
        value = 5 if code == "io_voorbeeld" else 4
        page.locator(f"input[name='{code}'][value='{value}']").check()
    page.get_by_role("button", name="Zelfanalyse opslaan").click()
    assert page.get_by_text("De zelfanalyse is opgeslagen.").is_visible()

    markers = page.locator("svg[data-radar='radar-organisatie'] [data-characteristic]")
    assert markers.count() == 17
    assert (
        page.locator("svg [data-characteristic='io_voorbeeld']").get_attribute("data-value") == "5"
    )
    assert page.locator("#tabel-scores tr[data-characteristic='ma_visie'] td").inner_text() == "4"
    assert_accessible(page, "self-analysis-organisation")

    page.goto("/leergeschiedenis/zelfanalyse/")
    partnership = page.locator("svg[data-radar='radar-partnerschap']")
    assert (
        partnership.locator("[data-characteristic='io_voorbeeld']").get_attribute("data-value")
        == "4"
    )
    assert (
        partnership.locator("[data-characteristic='ma_visie']").get_attribute("data-value") == "3.5"
    )
    band = partnership.locator("[data-band='io_voorbeeld']")
    assert (band.get_attribute("data-min"), band.get_attribute("data-max")) == ("3", "5")
    row = page.locator("#tabel-partnerschap tr[data-characteristic='ma_visie'] td")
    assert [cell.text_content() for cell in row.all()] == ["3,5", "3", "4"]
    comparison = page.locator("svg[data-radar='radar-vergelijking']")
    previous = comparison.locator(".radar__series").nth(1)
    assert previous.locator("[data-characteristic='ma_visie']").get_attribute("data-value") == "2"
    assert_accessible(page, "self-analysis-overview")
