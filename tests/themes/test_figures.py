"""The figures of issue 14 and positive health in sight (issue 16, part 4).

Every figure is recomputed here independently, from the activity rows in Python, and
compared with what the selector says; the pages show the charts with a fixed number of
queries, and the health filter on the activity list narrows the list and never fails.
"""

import datetime
import random
import re
from collections import defaultdict
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from landerd_portal import charts
from tests.factories import ActivityFactory, PhaseFactory, ThemeFactory, WorkingGroupFactory
from themes import figures
from themes.models import Activity, HealthDimension

pytestmark = pytest.mark.django_db
PERIOD = {"period_start": datetime.date(2019, 1, 1), "period_end": datetime.date(2019, 12, 31)}


@pytest.fixture
def health_world(theme, villages, organisation):
    """Activities spread unevenly over dimensions, villages and months; drafts and an
    activity outside the period that must not count."""
    other_theme = ThemeFactory(name="Mantelzorg", slug="mantelzorg", order=2)
    WorkingGroupFactory(theme=other_theme)
    dimensions = {d.code: d for d in HealthDimension.objects.all()}
    chooser = random.Random(14)
    heavy = ["meedoen", "mentaal-welbevinden", "kwaliteit-van-leven"]
    for n in range(40):
        chosen = chooser.sample(heavy, k=chooser.randint(0, 2))
        if n % 13 == 0:
            chosen.append("zingeving")  # a little attention: 4 of 40
        activity = ActivityFactory(
            published=n % 7 != 0,
            theme=theme if n % 3 else other_theme,
            owner_organisation=organisation,
            date=datetime.date(2019, 1 + n % 12, 1 + n % 27),
            reach=None if n % 11 == 0 else 5 * n,
            villages=[list(villages.values())[n % 3]] if n % 5 else [],
        )
        activity.health_dimensions.set([dimensions[code] for code in chosen])
    outside = ActivityFactory(published=True, theme=theme, date=datetime.date(2020, 2, 1))
    outside.health_dimensions.set([dimensions["lichaamsfuncties"]])
    return {"theme": theme, "other_theme": other_theme}


def rows_in_period(theme=None):
    """The published activities of the period, read plainly (the independent side)."""
    activities = Activity.objects.filter(status="published").prefetch_related(
        "health_dimensions", "villages"
    )
    return [
        a
        for a in activities
        if PERIOD["period_start"] <= a.date <= PERIOD["period_end"]
        and (theme is None or a.theme_id == theme.pk)
    ]


@pytest.mark.parametrize("per_theme", [False, True])
def test_health_coverage_is_recomputed_from_the_rows(health_world, per_theme):
    theme = health_world["theme"] if per_theme else None
    coverage = figures.health_coverage(**PERIOD, theme=theme)

    activities, reach = defaultdict(int), defaultdict(int)
    rows = rows_in_period(theme)
    for activity in rows:
        for dimension in activity.health_dimensions.all():
            activities[dimension.code] += 1
            reach[dimension.code] += activity.reach or 0
    codes = list(HealthDimension.objects.order_by("order").values_list("code", flat=True))
    average = Decimal(sum(activities.values())) / 6
    assert [(r.code, r.activities, r.reach) for r in coverage.rows] == [
        (code, activities[code], reach[code]) for code in codes
    ]
    assert coverage.average == average
    assert [r.code for r in coverage.little_attention] == [
        code for code in codes if activities[code] < average / 2
    ]
    assert "zingeving" in [r.code for r in coverage.little_attention]
    assert "meedoen" not in [r.code for r in coverage.little_attention]
    assert coverage.total_activities == len(rows)
    assert coverage.without_dimension == sum(1 for a in rows if not a.health_dimensions.all())


def test_timeline_and_village_reach_are_recomputed_from_the_rows(health_world):
    timeline = figures.activity_timeline(**PERIOD)
    assert not timeline.by_quarter and len(timeline.labels) == 12
    per_theme_month = defaultdict(lambda: [0, 0])
    for activity in rows_in_period():
        cell = per_theme_month[(activity.theme.name, activity.date.month)]
        cell[0] += 1
        cell[1] += activity.reach or 0
    for series in timeline.series:
        assert series.activities == [per_theme_month[(series.name, m)][0] for m in range(1, 13)]
        assert series.reach == [per_theme_month[(series.name, m)][1] for m in range(1, 13)]

    per_village = defaultdict(lambda: [0, 0])
    for activity in rows_in_period():
        for village in activity.villages.all() or [None]:
            name = village.name if village else "Zonder dorpskern"
            per_village[name][0] += 1
            per_village[name][1] += activity.reach or 0
    rows = figures.village_reach(**PERIOD)
    assert {row.name: [row.activities, row.reach] for row in rows} == dict(per_village)


def test_a_long_period_is_drawn_per_quarter():
    timeline = figures.activity_timeline(
        period_start=datetime.date(2019, 1, 1), period_end=datetime.date(2021, 12, 31)
    )
    assert timeline.by_quarter and timeline.labels[0] == "K1 2019" and len(timeline.labels) == 12


def test_charts_state_their_key_numbers_and_keep_to_the_content_security_policy(health_world):
    coverage = figures.health_coverage(**PERIOD)
    figure = charts.health_figure(coverage=coverage, key="test", period_label="2019")
    zingeving = next(r for r in coverage.rows if r.code == "zingeving")
    assert f"Zingeving: {zingeving.activities} activiteiten" in figure.alt
    assert "Weinig aandacht voor: " in figure.alt and "Zingeving" in figure.alt.split("Weinig")[1]
    svg = str(figure.svg)
    assert 'role="img"' in svg and 'aria-labelledby="test-titel test-beschrijving"' in svg
    assert "style=" not in svg and "<script" not in svg
    assert figure.data_uri.startswith("data:image/svg+xml;base64,")
    # A name with markup is drawn as text, never as markup.
    timeline = figures.Timeline(
        labels=["jan 2019"],
        by_quarter=False,
        series=[figures.TimelineSeries(name="<b>x</b>", activities=[1], reach=[0])],
    )
    drawn = charts.timeline_figures(timeline=timeline, key="t", period_label="2019")
    assert "<b>" not in str(drawn[0].svg) and "&lt;b&gt;" in str(drawn[0].svg)


def test_activity_list_filters_on_a_dimension_of_positive_health(
    client, partner, health_world, django_assert_max_num_queries
):
    client.force_login(partner)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("themes:activity_list") + "?gezondheid=zingeving&van=")
    page = response.content.decode()
    expected = Activity.objects.filter(
        status="published", health_dimensions__code="zingeving"
    ).values_list("title", flat=True)
    others = Activity.objects.filter(status="published").exclude(
        health_dimensions__code="zingeving"
    )
    assert expected and all(title in page for title in expected)
    assert not any(re.search(rf">{re.escape(a.title)}<", page) for a in others)
    assert 'name="gezondheid"' in page


@pytest.mark.parametrize("value", ["bestaat-niet", "\x00", "x" * 5000, "-1"])
def test_a_bad_health_slug_is_ignored_not_an_error(client, partner, health_world, value):
    client.force_login(partner)

    def found(response):
        return re.search(r'role="status">\s*(\d+) activiteit', response.text).group(1)

    response = client.get(reverse("themes:activity_list"), {"gezondheid": value})
    assert response.status_code == 200
    # The whole list, as without the filter.
    assert found(response) == found(client.get(reverse("themes:activity_list"))) != "0"


def test_theme_page_shows_its_charts_with_fixed_queries(
    client, partner, health_world, settings, django_assert_max_num_queries
):
    settings.FRAGMENT_CACHE_SECONDS = 0
    PhaseFactory()  # 2019: the current phase for this world (the last one)
    client.force_login(partner)
    url = health_world["theme"].get_absolute_url()
    response = client.get(url)
    page = response.content.decode()
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart') == 3
    assert "Dekking van positieve gezondheid" in page and "weinig aandacht" in page
    assert "minder activiteiten dan de helft van het gemiddelde" in page
    # Both measured with nothing cached (the counts and figures are also kept per version
    # of the theme's activities): the number of queries must not grow with the data.
    cache.clear()
    client.force_login(partner)
    with django_assert_max_num_queries(30) as measured:
        client.get(url)
    theme = health_world["theme"]
    for n in range(30):
        ActivityFactory(published=True, theme=theme, date=datetime.date(2019, 3, 1 + n % 27))
    cache.clear()
    client.force_login(partner)
    with django_assert_max_num_queries(len(measured)):
        client.get(url)


def test_dashboard_and_din_show_their_charts_with_fixed_queries(
    client, programmateam, partner, health_world, settings, django_assert_max_num_queries
):
    from tests.factories import BudgetFactory

    settings.FRAGMENT_CACHE_SECONDS = 0
    phase = PhaseFactory()
    for year, amount, fte in [(2019, 58400, 1), (2020, 48400, Decimal("0.5")), (2021, 19200, 0)]:
        BudgetFactory(
            programme=phase.programme, year=year, amount=amount, programme_management_fte=fte
        )
    client.force_login(programmateam)
    with django_assert_max_num_queries(40) as dashboard:
        page = client.get(reverse("dashboard")).content.decode()
    assert "Het programma in cijfers" in page and page.count('class="chart chart--') == 5
    with django_assert_max_num_queries(30) as din:
        page = client.get(reverse("programme:din")).content.decode()
    assert "2020: € 48.400 en 0,5 fte" in page and "style=" not in page.split("<svg")[1]
    for _n in range(30):
        ActivityFactory(published=True, theme=health_world["theme"], date=datetime.date(2019, 5, 1))
    with django_assert_max_num_queries(len(dashboard)):
        client.get(reverse("dashboard"))
    with django_assert_max_num_queries(len(din)):
        client.get(reverse("programme:din"))
    # Partners see the charts on the theme pages, not on their dashboard.
    client.force_login(partner)
    assert "Het programma in cijfers" not in client.get(reverse("dashboard")).content.decode()
