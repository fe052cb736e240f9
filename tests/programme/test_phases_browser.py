"""The programme team adds the next phase on a phone, from the ended-programme notice."""

import datetime

import pytest

from programme.models import Phase
from tests.conftest import assert_accessible, sign_in
from tests.factories import PhaseFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_programme_team_adds_the_next_phase_on_a_phone(phone_page, programmateam):
    expect = pytest.importorskip("playwright.sync_api").expect
    last_year = datetime.date.today().year - 1
    PhaseFactory(
        slug="laatste-fase",
        name=f"Uitvoering fase 3 ({last_year})",
        start_date=datetime.date(last_year, 1, 1),
        end_date=datetime.date(last_year, 12, 31),
    )
    page = phone_page

    sign_in(page, programmateam)
    notice = page.get_by_test_id("programme-ended")
    expect(notice).to_contain_text("De programmaperiode is afgelopen")
    assert_accessible(page, "phases-dashboard-ended")

    notice.get_by_role("link", name="Volgende fase toevoegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe fase toevoegen")
    assert_accessible(page, "phases-new")

    # A start inside the last phase: refused, next to the field, with what was typed kept.
    page.get_by_label("Naam").fill("Verduurzaming")
    page.get_by_label("Begindatum").fill(f"{last_year}-06-01")
    page.get_by_role("button", name="Fase toevoegen").click()
    expect(page.get_by_text("Een nieuwe fase begint na de laatste fase").first).to_be_visible()
    expect(page.get_by_label("Naam")).to_have_value("Verduurzaming")
    assert_accessible(page, "phases-new-error")

    page.get_by_label("Begindatum").fill(f"{last_year + 1}-01-01")
    page.get_by_label("Budget (€)").fill("9000")
    page.get_by_role("button", name="Fase toevoegen").click()

    expect(page.get_by_role("heading", name="Verduurzaming")).to_be_visible()
    assert Phase.objects.filter(name="Verduurzaming").exists()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    assert_accessible(page, "phases-list")
