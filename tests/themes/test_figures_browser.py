"""The charts in the browser (issue 14, issue 16 part 4): the theme page, the DIN and the
programme team's dashboard, at phone and desktop width, axe-clean; a partner filters the
activity list on a dimension of positive health."""

import datetime
from decimal import Decimal

import pytest

from tests.conftest import assert_accessible, sign_in
from tests.factories import ActivityFactory, BudgetFactory, PhaseFactory, VillageFactory
from themes.models import HealthDimension

pytestmark = pytest.mark.browser

NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def chart_world(transactional_db, theme, organisation):
    phase = PhaseFactory()
    for year, amount, fte in [(2019, 58400, 1), (2020, 48400, Decimal("0.5")), (2021, 19200, 0)]:
        BudgetFactory(
            programme=phase.programme, year=year, amount=amount, programme_management_fte=fte
        )
    villages = [VillageFactory(name=name) for name in ("Reek", "Schaijk", "Zeeland")]
    dimensions = {d.code: d for d in HealthDimension.objects.all()}
    for n in range(14):
        activity = ActivityFactory(
            published=True,
            theme=theme,
            owner_organisation=organisation,
            title=f"Ontmoeting {n}",
            date=datetime.date(2019, 1 + n % 12, 10),
            reach=10 + 5 * n,
            villages=[villages[n % 3]],
        )
        codes = (
            ["meedoen"]
            + (["zingeving"] if n == 3 else [])
            + (["mentaal-welbevinden"] if n % 2 else [])
        )
        activity.health_dimensions.set([dimensions[code] for code in codes])
    return {"phase": phase, "theme": theme}


def look(page, name):
    """axe at 1280 px, then the phone: no sideways scroll, a screenshot of each."""
    assert_accessible(page, f"{name}-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate(NO_SIDEWAYS_SCROLL), name
    assert_accessible(page, f"{name}-390")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_programme_team_reads_the_charts_on_theme_page_din_and_dashboard(
    page, chart_world, programmateam
):
    sign_in(page, programmateam)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(chart_world["theme"].get_absolute_url())
    chart = page.get_by_role("img", name="Dekking van positieve gezondheid")
    chart.wait_for()
    # The chart's accessible name holds its key numbers (title and description).
    assert "Zingeving: 1 activiteiten" in page.locator("svg.chart--bars desc").last.inner_html()
    assert "weinig aandacht" in page.locator(".chart-figure").last.inner_text()
    page.get_by_text("De cijfers").last.click()
    assert "ja" in page.locator(".chart-figure").last.locator("table").inner_text()
    look(page, "theme-charts")

    page.goto("/din/")
    page.get_by_role("img", name="Budget en programmamanagement per jaar").wait_for()
    look(page, "din-budget-chart")

    page.goto("/")
    panel = page.locator("section[aria-labelledby='in-cijfers-paneel-titel']")
    assert panel.locator("svg[role='img']").count() == 5
    look(page, "dashboard-charts")


def test_partner_filters_activities_on_a_dimension_of_positive_health(page, chart_world, partner):
    sign_in(page, partner)
    page.goto("/activiteiten/")
    page.get_by_text("Meer filters").click()
    page.get_by_label("Positieve gezondheid").select_option(label="Zingeving")
    page.get_by_role("button", name="Filter toepassen").click()
    page.get_by_role("link", name="Ontmoeting 4").wait_for(state="detached")
    page.get_by_role("link", name="Ontmoeting 3").wait_for()
    look(page, "activities-health-filter")

    # The partner sees the coverage on the theme page and goes from an activity to its
    # dimension's list.
    page.goto(chart_world["theme"].get_absolute_url())
    page.get_by_role("img", name="Dekking van positieve gezondheid").wait_for()
    page.get_by_role("link", name="Ontmoeting 3").click()
    page.get_by_role("link", name="Zingeving").click()
    page.get_by_role("link", name="Ontmoeting 3").wait_for()
    assert page.get_by_role("link", name="Ontmoeting 4").count() == 0
