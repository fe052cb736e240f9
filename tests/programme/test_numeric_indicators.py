"""Indicators that are numbers (issue 16, part 5): unit, baseline, target, measurements per
period, progress as a bar rolled up to the parent goal, and the migration from free text."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from programme.din import services
from programme.din.selectors import indicator_progress, rolled_up
from programme.models import Goal, IndicatorValue
from programme.reports.documents.figures import report_figures
from programme.reports.selectors import phase_report_data
from tests.conftest import assert_accessible, sign_in
from tests.factories import GoalFactory, IndicatorValueFactory, PhaseFactory, ThemeFactory

BEFORE = [("programme", "0009_numeric_indicators_fields")]
AFTER = [("programme", "0011_numeric_indicators_swap")]


@pytest.mark.parametrize(
    "baseline,target,current,expected",
    [
        ("40", "30", "35", 50),  # a fall is progress when the target is lower
        ("0", "7", "6", 86),
        ("200", "250", "166", 0),  # behind the baseline: nothing yet
        ("10", "50", "80", 100),  # beyond the target: done
        ("10", "10", "12", None),  # no distance to cover
        (None, "10", "5", None),
    ],
)
def test_progress_is_the_share_of_the_way_from_baseline_to_target(
    baseline, target, current, expected
):
    def number(text):
        return None if text is None else Decimal(text)

    assert (
        indicator_progress(
            baseline=number(baseline), target=number(target), current=number(current)
        )
        == expected
    )


def test_rolled_up_progress_ignores_goals_without_figures():
    assert rolled_up([None, 40, 80]) == 60
    assert rolled_up([None, None]) is None


@pytest.mark.django_db
def test_a_measurement_is_filed_in_the_phase_its_date_falls_in(programmateam):
    first = PhaseFactory()
    second = PhaseFactory(
        slug="fase-2-2020",
        order=4,
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2020, 12, 31),
    )
    goal = GoalFactory(unit="deelnemers", baseline=Decimal("10"), target=Decimal("30"))
    one = services.indicator_value_add(
        user=programmateam, goal=goal, date=datetime.date(2019, 5, 1), value=Decimal("12")
    )
    two = services.indicator_value_add(
        user=programmateam,
        goal=goal,
        date=datetime.date(2020, 5, 1),
        value=Decimal("20"),
        note="Telling",
    )
    assert (one.phase, two.phase) == (first, second)
    assert (two.entered_by, two.note) == (programmateam, "Telling")
    goal.refresh_from_db()
    assert goal.current_value == Decimal("20")


@pytest.mark.django_db
def test_a_measurement_outside_every_phase_is_refused_next_to_the_date(client, programmateam):
    PhaseFactory()
    goal = GoalFactory()
    client.force_login(programmateam)
    response = client.post(
        reverse("programme:din_indicator_value_create", args=[goal.pk]),
        {"date": "2031-01-01", "value": "12,5", "note": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["date"] == [
        "Deze datum valt in geen enkele fase van het programma."
    ]
    assert 'value="12,5"' in response.content.decode()
    assert not IndicatorValue.objects.exists()


@pytest.mark.django_db
def test_a_measurement_takes_a_decimal_comma_and_refuses_words(client, programmateam):
    PhaseFactory()
    goal = GoalFactory(unit="%")
    client.force_login(programmateam)
    url = reverse("programme:din_indicator_value_create", args=[goal.pk])
    response = client.post(url, {"date": "2019-04-01", "value": "veel", "note": ""})
    assert "Vul een getal in" in response.context["form"].errors["value"][0]
    assert not IndicatorValue.objects.exists()
    client.post(url, {"date": "2019-04-01", "value": "12,5", "note": ""})
    assert IndicatorValue.objects.get().value == Decimal("12.5")


@pytest.mark.django_db
def test_a_target_equal_to_the_baseline_is_refused(client, programmateam, theme):
    client.force_login(programmateam)
    response = client.post(
        reverse("programme:din_goal_create", args=[theme.slug]),
        {"title": "Meer ontmoeting", "unit": "keer", "baseline": "5", "target": "5", "order": 0},
    )
    assert response.context["form"].errors["target"]
    assert not Goal.objects.exists()


def _progress_on_page(html):
    """{goal id: the value of its progress bar} as the DIN page shows it."""
    return {
        int(goal): int(value)
        for goal, value in re.findall(
            r'<progress id="voortgang-(\d+)" class="din-progress__bar" max="100" value="(\d+)"',
            html,
        )
    }


def _expected_progress_from_rows(theme):
    """Each goal's progress recomputed from the rows, without the portal's selectors."""
    goals = {goal.pk: goal for goal in Goal.objects.filter(theme=theme)}
    latest = {}
    for row in IndicatorValue.objects.filter(goal__theme=theme, value__isnull=False).order_by(
        "date", "pk"
    ):
        latest[row.goal_id] = row.value  # the last one wins: the newest measurement

    def own(goal):
        if goal.pk not in latest or goal.baseline is None or goal.target is None:
            return None
        share = float((latest[goal.pk] - goal.baseline) / (goal.target - goal.baseline))
        return round(100 * min(1.0, max(0.0, share)))

    def total(goal):
        parts = [own(goal)] + [total(c) for c in goals.values() if c.parent_id == goal.pk]
        parts = [p for p in parts if p is not None]
        return round(sum(parts) / len(parts)) if parts else None

    return {pk: total(goal) for pk, goal in goals.items() if total(goal) is not None}


@pytest.mark.django_db
def test_the_goal_tree_shows_progress_rolled_up_to_the_parent_in_fixed_queries(
    client, partner, theme, django_assert_max_num_queries
):
    PhaseFactory()
    parent = GoalFactory(theme=theme, title="Minder eenzaamheid", unit="%", baseline=40, target=30)
    child = GoalFactory(
        theme=theme,
        parent=parent,
        title="Ouderen doen mee",
        unit="deelnemers",
        baseline=0,
        target=100,
    )
    bare = GoalFactory(theme=theme, title="Nog zonder cijfers")
    IndicatorValueFactory(goal=parent, date=datetime.date(2019, 3, 1), value=38)
    IndicatorValueFactory(goal=parent, date=datetime.date(2019, 9, 1), value=35)
    IndicatorValueFactory(goal=child, date=datetime.date(2019, 9, 1), value=Decimal("90"))

    client.force_login(partner)
    url = reverse("programme:din_theme", args=[theme.slug])
    client.get(url)
    with django_assert_max_num_queries(14):
        html = client.get(url).content.decode()

    shown = _progress_on_page(html)
    assert shown == _expected_progress_from_rows(theme)
    assert shown == {parent.pk: 70, child.pk: 90}  # parent: mean of 50 (own) and 90
    assert bare.pk not in shown
    assert 'id="stand-voortgang" class="din-progress__bar" max="100" value="70"' in html

    # More goals and measurements do not mean more queries.
    for number in range(5):
        extra = GoalFactory(theme=theme, baseline=0, target=10, parent=child)
        IndicatorValueFactory(goal=extra, value=number)
    with django_assert_max_num_queries(14):
        html = client.get(url).content.decode()
    assert _progress_on_page(html) == _expected_progress_from_rows(theme)


@pytest.mark.django_db
def test_the_din_shows_where_the_programme_stands(client, partner):
    PhaseFactory()
    first = ThemeFactory(name="Mantelzorg", slug="mantelzorg")
    second = ThemeFactory(name="Opvoeding", slug="opvoeding")
    IndicatorValueFactory(goal=GoalFactory(theme=first, baseline=0, target=10), value=2)
    IndicatorValueFactory(goal=GoalFactory(theme=second, baseline=0, target=10), value=6)
    client.force_login(partner)
    html = client.get(reverse("programme:din")).content.decode()
    assert 'id="stand-voortgang" class="din-progress__bar" max="100" value="40"' in html
    assert 'id="stand-mantelzorg" class="din-progress__bar" max="100" value="20"' in html
    assert 'id="stand-opvoeding" class="din-progress__bar" max="100" value="60"' in html


@pytest.mark.django_db(transaction=True)
def test_free_text_indicators_move_into_the_numbers_without_losing_a_word():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Programme = apps.get_model("programme", "Programme")
    Phase = apps.get_model("programme", "Phase")
    Theme = apps.get_model("themes", "Theme")
    OldGoal = apps.get_model("programme", "Goal")
    OldValue = apps.get_model("programme", "IndicatorValue")
    programme = Programme.objects.create(name="P", municipality="Landerd", goal_statement="-")
    phase = Phase.objects.create(
        programme=programme,
        slug="fase-1-2019",
        name="Fase 1",
        kind="uitvoering",
        order=3,
        start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2019, 12, 31),
    )
    theme = Theme.objects.create(name="Eenzaamheid", slug="eenzaamheid")
    numeric = OldGoal.objects.create(
        theme=theme,
        title="Minder drinken",
        indicator="Aandeel scholieren dat ooit dronk",
        baseline="44%",
        target="30 %",
        current_value="41%",
    )
    worded = OldGoal.objects.create(
        theme=theme,
        title="Verenigingen",
        indicator="Verenigingen met afspraken",
        baseline="geen",
        target="Alle sportverenigingen",
        current_value="1 van 7",
    )
    OldValue.objects.create(goal=numeric, date=datetime.date(2019, 11, 1), value="41%", note="")
    OldValue.objects.create(
        goal=numeric, date=datetime.date(2018, 6, 1), value="1.200", note="Oude telling"
    )
    OldValue.objects.create(goal=numeric, date=datetime.date(2019, 6, 1), value="12 deelnemers")
    OldValue.objects.create(goal=worded, date=datetime.date(2019, 12, 1), value="1 van 7")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    Goal_ = apps.get_model("programme", "Goal")
    Value_ = apps.get_model("programme", "IndicatorValue")

    numeric = Goal_.objects.get(title="Minder drinken")
    assert (numeric.unit, numeric.baseline, numeric.target, numeric.current_value) == (
        "%",
        Decimal("44"),
        Decimal("30"),
        Decimal("41"),
    )
    assert numeric.indicator == "Aandeel scholieren dat ooit dronk"
    values = {v.date: v for v in Value_.objects.filter(goal=numeric)}
    assert values[datetime.date(2019, 11, 1)].value == Decimal("41")
    assert values[datetime.date(2019, 11, 1)].phase_id == phase.pk
    # A Dutch thousands separator; a date before every phase has no period.
    old = values[datetime.date(2018, 6, 1)]
    assert (old.value, old.phase_id, old.note) == (Decimal("1200"), None, "Oude telling")
    # Another unit than the goal's: no number, and what was typed stays in the note.
    other = values[datetime.date(2019, 6, 1)]
    assert (other.value, other.note) == (None, "Ingevoerd als “12 deelnemers”")

    worded = Goal_.objects.get(title="Verenigingen")
    assert (worded.baseline, worded.target) == (None, None)
    assert worded.indicator == (
        "Verenigingen met afspraken\nNulmeting: geen\nStreefwaarde: Alle sportverenigingen"
    )
    measurement = Value_.objects.get(goal=worded)
    assert measurement.value == Decimal("1")
    assert worded.unit == "van 7"
    assert measurement.note == ""

    # Back to the current schema for the tests that follow.
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_partner_sees_where_the_programme_stands_on_the_din(page, partner, theme):
    phase = PhaseFactory()
    goal = GoalFactory(
        theme=theme,
        title="Inwoners ontmoeten elkaar",
        unit="bezoekers",
        baseline=400,
        target=600,
        indicator="Bezoekers van de zomerkalender",
    )
    IndicatorValueFactory(goal=goal, phase=phase, date=datetime.date(2019, 9, 6), value=575)
    sign_in(page, partner)
    page.goto("/din/")
    assert page.get_by_label("Het programma: 88%").get_attribute("value") == "88"
    node = page.locator(".din-goal", has=page.get_by_role("heading", name=goal.title))
    assert node.get_by_label("Op weg naar de streefwaarde: 88%").is_visible()
    assert node.locator("[data-current-value]").inner_text().startswith("575 bezoekers")
    # A partner reads; only DIN editors enter measurements.
    assert node.get_by_role("link", name="Meting invoeren").count() == 0
    node.locator("summary").click()
    assert node.get_by_role("cell", name="Uitvoering fase 1 (2019)").is_visible()
    assert_accessible(page, "din-progress-partner")


@pytest.mark.django_db
def test_the_phase_report_draws_each_goals_way_to_its_target(theme):
    phase = PhaseFactory()  # 2019
    goal = GoalFactory(theme=theme, title="Minder eenzaamheid", unit="%", baseline=40, target=30)
    GoalFactory(theme=theme, title="Nog zonder cijfers")
    IndicatorValueFactory(goal=goal, date=datetime.date(2019, 9, 1), value=35)
    IndicatorValueFactory(goal=goal, date=datetime.date(2020, 3, 1), value=31)  # after the phase

    data = phase_report_data(phase=phase, period_start=phase.start_date, period_end=phase.end_date)
    figure = report_figures(data)["indicators"]

    # (35 - 40) / (30 - 40): half of the way, by the last measurement within the period.
    expected = round(100 * (35 - goal.baseline) / (goal.target - goal.baseline))
    assert expected == 50
    assert f"Minder eenzaamheid ({theme.name}): {expected}%" in figure.alt
    assert figure.table_rows == [["Minder eenzaamheid", theme.name, "50%"]]
