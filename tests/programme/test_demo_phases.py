"""The demo fills every execution phase: each page of each phase has something to show."""

from io import StringIO

import pytest
from django.core.management import call_command

from learning_history.models import Question, Reflection
from learning_history.selectors import self_analysis_overview
from programme.din.selectors import din_by_theme
from programme.models import Goal, Phase
from programme.reports.selectors import phase_report_data
from themes.models import Activity

pytestmark = pytest.mark.django_db

EXECUTION_PHASES = ["fase-1-2019", "fase-2-2020", "fase-3-2021"]


@pytest.fixture
def demo():
    call_command("seed_landerd", "--demo", "--password", "Landerd-demo", stdout=StringIO())


@pytest.mark.parametrize("slug", EXECUTION_PHASES)
def test_every_execution_phase_has_a_full_report(demo, slug):
    phase = Phase.objects.get(slug=slug)

    data = phase_report_data(phase=phase, period_start=phase.start_date, period_end=phase.end_date)

    assert data.figures.activities >= 10
    assert all(section.activities for section in data.themes), "a theme without activities"
    assert all(v["activities"] for v in data.villages), "a village without activities"
    assert data.decisions
    assert data.reflections_by_kind
    assert data.open_questions
    assert data.self_analysis is not None and data.self_analysis["organisations"] >= 6
    assert any(section.quotes for section in data.themes), "no quote with consent"
    assert all(progress.latest_value for section in data.themes for progress in section.goals)


@pytest.mark.parametrize("slug", EXECUTION_PHASES)
def test_every_din_goal_has_activity_and_a_measurement_in_every_execution_phase(demo, slug):
    phase = Phase.objects.get(slug=slug)

    for goal in Goal.objects.all():
        assert Activity.objects.filter(
            effort__goal=goal,
            status=Activity.Status.PUBLISHED,
            date__range=(phase.start_date, phase.end_date),
        ).exists(), f"{goal} has no activity in {phase}"
        assert goal.indicator_values.filter(
            date__range=(phase.start_date, phase.end_date)
        ).exists(), f"{goal} has no measurement in {phase}"


def test_the_din_of_the_last_phase_marks_no_goal_as_quiet(demo):
    phase, themes = din_by_theme()

    assert phase.slug == "fase-3-2021"
    goals = [goal for theme in themes for goal in theme.goals]
    assert goals
    assert [goal.title for goal in goals if goal.without_activity] == []


@pytest.mark.parametrize("slug", EXECUTION_PHASES)
def test_every_execution_phase_has_a_learning_history_and_a_self_analysis(demo, slug):
    phase = Phase.objects.get(slug=slug)

    assert Reflection.objects.filter(phase=phase).count() >= 5
    assert Question.objects.filter(phase=phase).exists()
    overview = self_analysis_overview(phase=phase)
    assert overview["results"]["count"] >= 6
    assert overview["joint"] is not None
    if slug != "fase-1-2019":
        assert overview.get("comparison_svg")


def test_the_partnership_scores_itself_higher_each_year(demo):
    averages = []
    for slug in EXECUTION_PHASES:
        results = self_analysis_overview(phase=Phase.objects.get(slug=slug))["results"]
        values = list(results["average"].values())
        averages.append(sum(values) / len(values))

    assert averages == sorted(averages) and averages[0] < averages[-1]


def test_demo_quotes_in_the_report_have_recorded_consent(demo):
    quoted = Activity.objects.exclude(quote="")

    assert quoted.filter(quote_consent=True).count() >= 8
    for activity in quoted.filter(quote_consent=True):
        assert activity.quote_consent_by_id and activity.quote_consent_at
    # One quote per demo world still waits for consent, so the report's warning shows.
    assert quoted.filter(quote_consent=False).exists()
