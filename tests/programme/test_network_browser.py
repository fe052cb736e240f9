"""The network over time and the sustainability indicator, in a real browser: a partner
explores the network by phase and theme, the programme team reads the indicator on its
dashboard and on the DIN."""

import pytest

from tests.conftest import assert_accessible, sign_in
from tests.programme.test_network import world  # noqa: F401 -- the shared fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_partner_explores_the_network_by_phase_and_theme(page, world, partner):  # noqa: F811
    sign_in(page, partner)
    page.goto("/din/")
    page.get_by_role("link", name="Netwerkoverzicht").click()
    assert page.get_by_role("heading", name="Netwerkoverzicht").is_visible()
    # The current phase (the latest, 2020) is shown first.
    assert page.get_by_role(
        "heading", name="Samenwerkingsnetwerk Uitvoering fase 2 (2020)"
    ).is_visible()

    page.get_by_label("Fase", exact=True).select_option(label="Uitvoering fase 1 (2019)")
    page.get_by_label("Thema", exact=True).select_option(label="Alle thema’s")
    page.get_by_role("button", name="Netwerk tonen").click()
    assert "fase=fase-1-2019" in page.url
    drawing = page.get_by_role("img", name="Samenwerkingsnetwerk Uitvoering fase 1 (2019)")
    assert drawing.is_visible()
    assert page.locator("[data-measure=samenwerkingen]").inner_text() == "4"
    assert page.locator("[data-measure=dichtheid]").inner_text() == "40%"
    assert_accessible(page, "network-2019")

    page.get_by_label("Fase", exact=True).select_option(label="Uitvoering fase 2 (2020)")
    page.get_by_label("Thema", exact=True).select_option(label="Opvoeding")
    page.get_by_role("button", name="Netwerk tonen").click()
    assert page.get_by_role(
        "heading", name="Samenwerkingsnetwerk Uitvoering fase 2 (2020) – Opvoeding"
    ).is_visible()
    # The same data as a table: the new ties marked, the drop-outs listed.
    ties = page.get_by_role("region", name="Samenwerkingen", exact=True)
    assert ties.get_by_text("nieuw", exact=True).count() == 2
    assert page.locator("tr.network-dropped").count() == 2
    assert page.locator("[data-measure=gestopt]").inner_text() == "2"
    # The matrix stays as the table view of who carries which effort.
    assert page.get_by_role(
        "heading", name="Tabelweergave: wie draagt welke inspanning"
    ).is_visible()
    assert_accessible(page, "network-2020-opvoeding")

    # Keyboard: the in-page links lead to the tables.
    page.get_by_role("link", name="Samenwerkingen (tabel)").focus()
    page.keyboard.press("Enter")
    assert page.url.endswith("#netwerk-samenwerkingen")

    page.goto("/din/netwerk/?fase=onbekend&thema=opvoeding")
    assert page.get_by_text("Die fase bestaat niet; je ziet de huidige fase.").is_visible()


def test_network_fits_a_phone(phone_page, world, partner):  # noqa: F811
    sign_in(phone_page, partner)
    phone_page.goto("/din/netwerk/?fase=fase-2-2020")
    assert phone_page.get_by_role(
        "img", name="Samenwerkingsnetwerk Uitvoering fase 2 (2020)"
    ).is_visible()
    assert no_sideways_scroll(phone_page)
    box = phone_page.locator("svg.network").bounding_box()
    assert box["width"] <= 390
    assert_accessible(phone_page, "network-phone")


def test_programme_team_reads_the_indicator_on_dashboard_and_din(page, world, programmateam):  # noqa: F811
    sign_in(page, programmateam)
    page.goto("/")
    panel = page.locator(
        ".dashboard-panel",
        has=page.get_by_role("heading", name="Draagt het partnerschap zichzelf?"),
    )
    assert panel.is_visible()
    row = panel.locator("tr[data-phase=fase-2-2020]")
    assert row.locator("[data-share=efforts]").inner_text().startswith("50%")
    assert row.locator("[data-share=working_groups]").inner_text().startswith("50%")
    assert panel.get_by_role(
        "img", name="Aandeel bij de partners per fase, naast de fte programmamanagement"
    ).is_visible()
    assert_accessible(page, "dashboard-sustainability")

    panel.get_by_role("link", name="Naar de DIN").click()
    section = page.locator("#duurzaamheid")
    assert section.get_by_role("heading", name="Draagt het partnerschap zichzelf?").is_visible()
    assert (
        section.locator("tr[data-phase=fase-1-2019] [data-share=working_groups]")
        .inner_text()
        .startswith("0%")
    )
    assert_accessible(page, "din-sustainability")
