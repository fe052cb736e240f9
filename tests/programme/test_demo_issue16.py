"""The demo fills issue 16's parts 2, 5 and 6, so that each page has something to show."""

from io import StringIO

import pytest
from django.core.management import call_command

from learning_history.models import KijkglasRating, KijkglasStatement
from learning_history.selectors import kijkglas_overview
from programme.din.selectors import din_by_theme, programme_progress
from programme.models import IndicatorValue, Phase
from themes.models import WorkingGroup, WorkingGroupCollaboration
from themes.spread import spread_approaches, spread_in_period

pytestmark = pytest.mark.django_db

EXECUTION_PHASES = ["fase-1-2019", "fase-2-2020", "fase-3-2021"]


@pytest.fixture
def demo():
    call_command("seed_landerd", "--demo", "--password", "Landerd-demo", stdout=StringIO())


def test_the_demo_spreads_the_summer_calendar_and_the_young_mothers_network(demo):
    origins = {approach.origin.title: approach for approach in spread_approaches()}
    summer = origins["Zomerkalender Zeeland"]
    assert [v.name for v in summer.villages] == ["Zeeland", "Schaijk", "Reek"]
    mothers = origins["Start netwerk jonge moeders Schaijk"]
    assert [v.name for v in mothers.villages] == ["Schaijk", "Zeeland", "Reek"]
    for slug in EXECUTION_PHASES:
        phase = Phase.objects.get(slug=slug)
        spread = spread_in_period(period_start=phase.start_date, period_end=phase.end_date)
        assert spread["take_ups"] >= 1, f"nothing spread in {phase}"


def test_the_demo_measures_every_goal_in_numbers_per_phase(demo):
    assert not IndicatorValue.objects.filter(phase__isnull=True).exists()
    assert not IndicatorValue.objects.filter(value__isnull=True).exists()
    _phase, themes = din_by_theme()
    assert all(theme.progress is not None for theme in themes)
    assert programme_progress(themes) is not None


def test_the_demo_rates_the_kijkglas_in_two_phases_and_records_the_forms(demo):
    assert KijkglasStatement.objects.count() == 20
    later = Phase.objects.get(slug="fase-3-2021")
    assert KijkglasRating.objects.filter(phase__slug="fase-2-2020").count() >= 5
    assert KijkglasRating.objects.filter(phase=later).count() >= 5
    overview = kijkglas_overview(phase=later)
    assert all(item["change"] is not None for item in overview["elements"])
    assert any(item["change"] > 0 for item in overview["elements"])
    for group in WorkingGroup.objects.all():
        assert (
            WorkingGroupCollaboration.objects.filter(
                working_group=group, phase__slug__in=EXECUTION_PHASES
            ).count()
            == 3
        ), group
