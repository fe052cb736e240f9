"""The busiest pages issue a fixed, small number of queries, however many activities (and
reflections) there are. Page parts are not cached here (FRAGMENT_CACHE_SECONDS=0): every
page is rendered anew, as the first request after a change to what it shows. What every
page reads beside its own rows (the phases, budgets and themes, the filters' choices) and
the counts and figures it shows are kept per version of what they read (``cached_lookup``:
the issue's "cached per table version"); they are read on the very first request only,
which is held to the same count at 10 and at 500 activities too."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from landerd_portal.fragments import content_changed
from tests.factories import (
    EffortFactory,
    GoalFactory,
    OrganisationFactory,
    ReflectionFactory,
    UserFactory,
)
from themes.models import Activity, TargetGroup

pytestmark = pytest.mark.django_db

# Issue 15: a page rendered from the database costs at most this many queries.
MAX_QUERIES_PER_PAGE = 15


def add_activities(count, *, theme, organisations, villages, phase):
    """Activities in bulk, half drafts, each with a village, a target group and a partner."""
    target_group = TargetGroup.objects.first()
    activities = Activity.objects.bulk_create(
        Activity(
            theme=theme,
            title=f"Activiteit {n}",
            date=datetime.date(2019, 1, 1) + datetime.timedelta(days=n % 700),
            owner_organisation=organisations[n % len(organisations)],
            status=Activity.Status.PUBLISHED if n % 2 else Activity.Status.DRAFT,
            reach=n % 40,
            description="Een bijeenkomst.",
        )
        for n in range(count)
    )
    Activity.villages.through.objects.bulk_create(
        Activity.villages.through(activity=a, village=villages[n % len(villages)])
        for n, a in enumerate(activities)
    )
    Activity.target_groups.through.objects.bulk_create(
        Activity.target_groups.through(activity=a, targetgroup=target_group) for a in activities
    )
    Activity.organisations.through.objects.bulk_create(
        Activity.organisations.through(activity=a, organisation=organisations[0])
        for a in activities
    )
    # The learning history grows with them: a reflection for every tenth activity.
    for n in range(max(1, count // 10)):
        ReflectionFactory(
            phase=phase,
            theme=theme,
            author=UserFactory(organisation=organisations[n % len(organisations)]),
            shared=True,
        )


@pytest.fixture(autouse=True)
def nothing_cached(settings):
    settings.FRAGMENT_CACHE_SECONDS = 0


@pytest.fixture
def world(theme, organisation, other_organisation, villages, kartrekker, partner, phase):
    organisations = [organisation, other_organisation, OrganisationFactory(name="Bibliotheek")]
    theme.working_group.organisations.set(organisations)
    theme.working_group.members.set(
        [partner, UserFactory(organisation=other_organisation), kartrekker]
    )
    goal = GoalFactory(theme=theme)
    EffortFactory(goal=goal)
    EffortFactory(goal=goal)
    return {
        "theme": theme,
        "organisations": organisations,
        "villages": list(villages.values()),
        "phase": phase,
    }


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


PAGES = [
    ("list", lambda theme: reverse("themes:activity_list")),
    (
        "filtered list",
        lambda theme: reverse("themes:activity_list") + "?dorp=reek&zoek=activiteit&van=2019-01-01",
    ),
    (
        "health-filtered list",
        lambda theme: reverse("themes:activity_list") + "?gezondheid=meedoen&thema=eenzaamheid",
    ),
    ("searched list", lambda theme: reverse("themes:activity_list") + "?zoek=bijeenkomst"),
    ("theme", lambda theme: theme.get_absolute_url()),
    ("theme list", lambda theme: reverse("themes:theme_list")),
    ("dashboard", lambda theme: reverse("dashboard")),
    ("din", lambda theme: reverse("programme:din")),
    ("learning history", lambda theme: reverse("learning_history:index")),
]


@pytest.mark.parametrize("role", ["partner", "kartrekker", "programmateam", "observer"])
@pytest.mark.parametrize("name,url", PAGES, ids=[name for name, _url in PAGES])
def test_page_queries_do_not_grow_with_the_number_of_activities(
    client, world, request, role, name, url
):
    client.force_login(request.getfixturevalue(role))
    page_url = url(world["theme"])
    add_activities(10, **world)
    first_with_ten = count_queries(client, page_url)  # nothing kept yet
    with_ten = count_queries(client, page_url)
    # At least the user; the DIN reads nothing else once its lookups are kept.
    assert 1 <= with_ten <= MAX_QUERIES_PER_PAGE
    add_activities(490, **world)
    # bulk_create sends no signals: say that everything changed, so that every kept
    # lookup and count is read again, from the 500 activities.
    content_changed()
    assert count_queries(client, page_url) <= first_with_ten
    assert count_queries(client, page_url) <= with_ten
