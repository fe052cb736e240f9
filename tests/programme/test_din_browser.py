"""A kartrekker keeps the DIN of their theme up to date, in a real browser."""

import datetime

import pytest

from tests.conftest import assert_accessible, sign_in
from tests.factories import EffortFactory, GoalFactory, OrganisationFactory, PhaseFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_kartrekker_edits_the_din_of_their_theme(page, kartrekker, theme, partner):
    today = datetime.date.today()
    PhaseFactory(
        slug="nu",
        name="Fase 2",
        order=4,
        start_date=today - datetime.timedelta(days=60),
        end_date=today + datetime.timedelta(days=60),
    )
    existing = GoalFactory(
        theme=theme, title="Inwoners kennen elkaar", indicator="Aantal ontmoetingen"
    )
    EffortFactory(goal=existing, title="Koffieochtenden", lead_organisation=partner.organisation)
    OrganisationFactory(name="Bibliotheek Landerd")

    sign_in(page, kartrekker)
    page.goto("/din/thema/eenzaamheid/")
    assert page.get_by_role("heading", name="DIN van Eenzaamheid").is_visible()
    assert_accessible(page, "din-theme")

    page.get_by_role("link", name="Doel toevoegen").click()
    assert_accessible(page, "din-goal-form")
    page.get_by_role("button", name="Opslaan").click()  # empty: the error is shown, not a 500
    assert page.get_by_text("Controleer wat je hebt ingevuld").is_visible()
    page.get_by_label("Doel", exact=True).fill("Minder eenzame ouderen")
    page.get_by_label("Indicator").fill("Aandeel ouderen dat zich eenzaam voelt")
    page.get_by_label("Eenheid").fill("%")
    page.get_by_label("Nulmeting").fill("40%")
    page.get_by_label("Streefwaarde").fill("30")
    page.get_by_role("button", name="Opslaan").click()
    # Figures are numbers now: the unit has its own field, and the message says so.
    nulmeting = page.locator("#div_id_baseline")
    nulmeting.get_by_text("Vul een getal in", exact=False).wait_for()
    assert page.get_by_label("Nulmeting").input_value() == "40%"
    page.get_by_label("Nulmeting").fill("40")
    page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_text("Het doel is toegevoegd.").is_visible()

    goal = page.locator(".din-goal", has=page.get_by_role("heading", name="Minder eenzame ouderen"))
    # A new goal has seen no activity in the current phase yet: it is marked.
    assert goal.get_by_text("Geen activiteit in Fase 2").is_visible()

    goal.get_by_role("link", name="Meting invoeren").click()
    page.get_by_label("Waarde").fill("35")
    page.get_by_label("Toelichting").fill("Gezondheidsmonitor")
    page.get_by_role("button", name="Opslaan").click()
    assert goal.locator("[data-current-value]").inner_text().startswith("35%")
    # Halfway from 40 to 30: the bar says 50%.
    assert goal.locator("progress").first.get_attribute("value") == "50"
    assert goal.get_by_text("Op weg naar de streefwaarde: 50%").is_visible()

    goal.get_by_role("link", name="Inspanning toevoegen").click()
    page.get_by_label("Inspanning", exact=True).fill("Huisbezoeken 75-plussers")
    page.get_by_label("Status").select_option(label="Loopt")
    page.get_by_label("Trekkende organisatie").select_option(label=partner.organisation.name)
    page.get_by_role("button", name="Opslaan").click()
    effort = page.locator(".din-effort", has_text="Huisbezoeken 75-plussers")
    assert effort.get_by_text("Loopt").is_visible()

    effort.get_by_role("link", name="Netwerkpartner toevoegen").click()
    assert_accessible(page, "din-network-form")
    page.get_by_label("Organisatie").select_option(label="Bibliotheek Landerd")
    page.get_by_label("Expertise").check()
    page.get_by_label("Wat dragen jullie bij?").fill("Leesclub voor ouderen")
    page.get_by_role("button", name="Opslaan").click()
    assert effort.get_by_text("Bibliotheek Landerd: Expertise – Leesclub voor ouderen").is_visible()

    page.goto("/din/")
    assert page.get_by_role("heading", name="Minder eenzame ouderen").is_visible()
    assert_accessible(page, "din-index")

    page.goto("/din/netwerk/")
    cell = page.locator("td[data-organisation='bibliotheek-landerd']").filter(has_text="Expertise")
    assert cell.count() == 1
    assert_accessible(page, "din-network")


def test_partner_reads_the_din_and_joins_with_their_own_organisation(page, partner, theme):
    effort = EffortFactory(goal=GoalFactory(theme=theme, title="Ontmoeting"), title="Wandelgroep")
    sign_in(page, partner)
    page.goto("/din/thema/eenzaamheid/")
    assert page.get_by_role("link", name="Doel bewerken").count() == 0
    page.locator(f"#inspanning-{effort.pk}").get_by_role(
        "link", name="Mijn organisatie doet mee"
    ).click()
    organisation = page.get_by_label("Organisatie")
    assert organisation.locator("option").all_inner_texts() == [partner.organisation.name]
    page.get_by_label("Uren").check()
    page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_text(f"{partner.organisation.name}: Uren").is_visible()
