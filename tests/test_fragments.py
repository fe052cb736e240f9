"""Cached page parts (landerd_portal.fragments): never stale, never shared across
audiences, never fatal. Run against the Redis that scripts/test points CACHE_URL at."""

import os
import re
import subprocess
import sys

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from landerd_portal.fragments import (
    ACTIVITIES,
    CSRF_STAND_IN,
    DIN,
    EVERYTHING,
    LEARNING_HISTORY,
    MEETINGS,
    REPORTS,
    SPREAD,
    VOCABULARY,
    content_version,
    end_request_lookups,
    organisation_area,
    start_request_lookups,
    theme_area,
    user_area,
)
from partners.rules import audience
from programme.models import ActionItem
from programme.phases.selectors import all_phases
from tests.factories import (
    TEST_PASSWORD,
    ActionItemFactory,
    ActivityFactory,
    EffortFactory,
    GoalFactory,
    PartnerMeetingFactory,
    PhaseFactory,
    PollFactory,
    ReflectionFactory,
    ThemeFactory,
    VillageFactory,
)
from themes.models import Activity

pytestmark = pytest.mark.django_db

LIST = "/activiteiten/"


def signed_in(user, **kwargs):
    client = Client(**kwargs)
    client.force_login(user)
    return client


# --- Versions per area -------------------------------------------------------------------


def changed_areas(areas, action):
    """The areas among ``areas`` whose own version ``action()`` moved on."""

    def own_version(area):
        return content_version(area)[-1]  # (EVERYTHING's, the area's)

    before = {area: own_version(area) for area in areas}
    action()
    return {area for area in areas if own_version(area) != before[area]}


def log_activity(client, theme, title, **fields):
    """Log a published activity through the real form, as a partner does."""
    response = client.post(
        reverse("themes:activity_create"),
        {
            "title": title,
            "theme": theme.pk,
            "date": "2026-11-20",
            "reach": "12",
            "volunteers": "2",
            "description": "Koffieochtend in Schaijk.",
            "action": "publish",
            **fields,
        },
    )
    assert response.status_code == 302, response.content
    return Activity.objects.get(title=title)


@pytest.fixture
def other_theme(db):
    return ThemeFactory(name="Mantelzorg", slug="mantelzorg")


@pytest.fixture
def all_areas(theme, other_theme, partner, other_partner):
    return [
        EVERYTHING,
        ACTIVITIES,
        theme_area(theme.pk),
        theme_area(other_theme.pk),
        DIN,
        MEETINGS,
        REPORTS,
        LEARNING_HISTORY,
        VOCABULARY,
        SPREAD,
        user_area(partner.pk),
        user_area(other_partner.pk),
        organisation_area(partner.organisation_id),
        organisation_area(other_partner.organisation_id),
    ]


def test_logging_an_activity_moves_on_its_theme_and_the_activity_lists_only(
    partner, theme, all_areas
):
    client = signed_in(partner)

    moved = changed_areas(all_areas, lambda: log_activity(client, theme, "Koffie in Reek"))

    assert moved == {ACTIVITIES, theme_area(theme.pk)}


def test_an_activity_linked_to_an_effort_moves_the_din_on(partner, theme, all_areas):
    effort = EffortFactory(goal=GoalFactory(theme=theme))
    client = signed_in(partner)

    moved = changed_areas(
        all_areas, lambda: log_activity(client, theme, "Wandelen", effort=effort.pk)
    )

    # The DIN counts the activities of each effort.
    assert moved == {ACTIVITIES, theme_area(theme.pk), DIN}


def test_an_activity_moved_to_another_theme_makes_both_themes_stale(
    partner, theme, other_theme, all_areas
):
    activity = ActivityFactory(theme=theme, owner_organisation=partner.organisation)

    def move():
        activity.theme = other_theme
        activity.save()

    assert changed_areas(all_areas, move) == {
        ACTIVITIES,
        theme_area(theme.pk),
        theme_area(other_theme.pk),
    }


def test_a_take_up_in_another_theme_makes_the_theme_its_approach_started_in_stale(
    partner, theme, other_theme, all_areas
):
    """An approach counts on the page of the theme it started in (themes.spread), so a
    take-up logged in another theme must not leave that page cached with the old count."""
    reek, zeeland = VillageFactory(name="Reek"), VillageFactory(name="Zeeland")
    origin = ActivityFactory(
        theme=theme, owner_organisation=partner.organisation, published=True, villages=[reek]
    )
    client = signed_in(partner)
    assert 'data-spread-count="0"' in client.get(theme.get_absolute_url()).text

    def take_up():
        ActivityFactory(
            theme=other_theme,
            owner_organisation=partner.organisation,
            published=True,
            builds_on=origin,
            villages=[zeeland],
        )

    assert changed_areas(all_areas, take_up) == {ACTIVITIES, theme_area(other_theme.pk), SPREAD}
    assert 'data-spread-count="1"' in client.get(theme.get_absolute_url()).text


def test_linking_and_deleting_an_activity_move_its_theme_on(theme, organisation, all_areas):
    activity = ActivityFactory(theme=theme, owner_organisation=organisation)
    village = VillageFactory()

    linked = changed_areas(all_areas, lambda: activity.villages.add(village))
    deleted = changed_areas(all_areas, activity.delete)

    assert linked == deleted == {ACTIVITIES, theme_area(theme.pk)}


def test_a_residents_poll_answer_moves_on_its_theme_only(client, theme, all_areas):
    poll = PollFactory(theme=theme, options="Ja\nNee")

    moved = changed_areas(
        all_areas,
        lambda: client.post(reverse("themes:poll", kwargs={"pk": poll.pk}), {"keuze": "1"}),
    )

    assert poll.answers.count() == 1
    assert moved == {theme_area(theme.pk)}


def test_each_area_moves_on_alone(partner, theme, phase, all_areas):
    assert changed_areas(all_areas, lambda: PartnerMeetingFactory()) == {MEETINGS}
    assert changed_areas(all_areas, lambda: GoalFactory(theme=theme)) == {DIN}
    reflect = lambda: ReflectionFactory(author=partner, phase=phase, theme=theme)  # noqa: E731
    assert changed_areas(all_areas, reflect) == {LEARNING_HISTORY}
    assert changed_areas(all_areas, lambda: ThemeFactory(name="Opvoeding")) == {VOCABULARY}

    def rename():
        partner.first_name = "Anne"
        partner.save()

    # A name shows in working groups and meetings: the vocabulary, and the user's own parts.
    assert changed_areas(all_areas, rename) == {VOCABULARY, user_area(partner.pk)}
    # A new phase changes what "the current phase" is on every page.
    assert changed_areas(
        all_areas, lambda: PhaseFactory(slug="fase-2-2020", name="Fase 2", order=4)
    ) == {EVERYTHING}


def test_signing_in_through_the_login_form_moves_nothing_on(partner, all_areas):
    def sign_in():
        response = Client().post(
            reverse("login"), {"username": partner.email, "password": TEST_PASSWORD}
        )
        assert response.status_code == 302

    assert changed_areas(all_areas, sign_in) == set()


def queries_of(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_logging_an_activity_leaves_other_themes_the_din_and_the_meetings_cached(
    partner, theme, other_theme, phase
):
    ActionItemFactory(
        meeting=PartnerMeetingFactory(published=True), owner=partner, description="Flyers"
    )
    client = signed_in(partner)
    pages = {
        "theme": theme.get_absolute_url(),
        "other theme": other_theme.get_absolute_url(),
        "din": reverse("programme:din"),
        "dashboard": reverse("dashboard"),
    }
    cold = {name: queries_of(client, url) for name, url in pages.items()}
    warm = {name: queries_of(client, url) for name, url in pages.items()}
    assert all(warm[name] < cold[name] for name in pages), (cold, warm)

    log_activity(client, theme, "Wandelen rond de Reekse kerk")

    assert queries_of(client, pages["other theme"]) == warm["other theme"]
    # The DIN's goal trees stay cached; its sustainability figure counts activities and is
    # counted again.
    assert queries_of(client, pages["din"]) < cold["din"]
    # The dashboard renders its activities panel again, not the meetings panel.
    assert warm["dashboard"] < queries_of(client, pages["dashboard"]) < cold["dashboard"]
    assert queries_of(client, pages["theme"]) > warm["theme"]
    assert "Wandelen rond de Reekse kerk" in client.get(pages["theme"]).text


def test_a_new_meeting_leaves_the_activity_pages_cached(partner, theme):
    client = signed_in(partner)
    pages = [reverse("themes:activity_list"), theme.get_absolute_url()]
    warm = {url: (client.get(url), queries_of(client, url))[1] for url in pages}

    PartnerMeetingFactory(published=True)

    assert {url: queries_of(client, url) for url in pages} == warm


def test_signing_in_and_sessions_leave_the_version_alone(partner):
    before = content_version()
    partner.last_login = timezone.now()
    partner.save(update_fields=["last_login"])
    signed_in(partner)  # writes a session row

    assert Session.objects.exists()
    assert content_version() == before


def test_a_deployment_makes_every_part_stale():
    """Deployments migrate; parts rendered by the previous code must not outlive it."""
    before = content_version()
    call_command("migrate", verbosity=0)
    assert content_version() > before


# --- Served from the cache, never stale ----------------------------------------------------


def test_a_page_seen_before_costs_only_the_user_query(
    client, partner, theme, django_assert_num_queries
):
    ActivityFactory(theme=theme, owner_organisation=partner.organisation, published=True)
    client.force_login(partner)
    client.get(LIST)

    # The signed-in user is read from the database on every request (never cached, so a
    # deactivation counts at once: tests/test_sessions.py); everything else is cached.
    with django_assert_num_queries(1):
        response = client.get(LIST)

    assert response.status_code == 200
    assert "Activiteit" in response.text


def test_a_new_activity_shows_at_once_for_everyone(partner, other_partner, theme):
    own, other = signed_in(partner), signed_in(other_partner)
    for client in (own, other):
        assert "Wandelen rond de Reekse kerk" not in client.get(LIST).text

    ActivityFactory(
        theme=theme,
        owner_organisation=partner.organisation,
        title="Wandelen rond de Reekse kerk",
        published=True,
    )

    for client in (own, other):
        assert "Wandelen rond de Reekse kerk" in client.get(LIST).text
        assert "Wandelen rond de Reekse kerk" in client.get(theme.get_absolute_url()).text


def test_a_draft_stays_with_the_audience_that_may_see_it(partner, other_partner, theme):
    ActivityFactory(theme=theme, owner_organisation=partner.organisation, title="Conceptje van ONS")
    assert audience(partner) != audience(other_partner)

    assert "Conceptje van ONS" in signed_in(partner).get(LIST).text
    # Same page, same query string, a moment later: another organisation's audience.
    assert "Conceptje van ONS" not in signed_in(other_partner).get(LIST).text


def test_a_changed_role_changes_menu_and_buttons_at_once(partner, theme):
    reports_in_menu = f'class="nav-link" href="{reverse("programme:report_list")}"'
    client = signed_in(partner)
    page = client.get(theme.get_absolute_url()).text
    assert "Activiteit toevoegen" in page
    assert reports_in_menu not in page

    partner.role = partner.Role.OBSERVER
    partner.save()

    # A new role ends the session (tests/test_sessions.py); signed in again, the cached
    # parts of the page follow the new role.
    assert client.get(theme.get_absolute_url()).status_code == 302
    client = signed_in(partner)
    page = client.get(theme.get_absolute_url()).text
    assert "Activiteit toevoegen" not in page
    assert reports_in_menu in page


def test_a_new_password_still_signs_out_other_sessions(partner):
    elsewhere = signed_in(partner)
    assert elsewhere.get(LIST).status_code == 200

    partner.set_password("een-heel-nieuw-wachtwoord-2026")
    partner.save()

    response = elsewhere.get(LIST)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_renamed_theme_has_its_new_name_in_the_title(partner, theme):
    client = signed_in(partner)
    client.get(theme.get_absolute_url())

    theme.name = "Samen minder eenzaam"
    theme.save()

    assert "<title>Samen minder eenzaam" in client.get(theme.get_absolute_url()).text


# --- Forms in cached parts -----------------------------------------------------------------


def test_a_cached_form_carries_the_token_of_the_browser_that_asked(partner):
    meeting = PartnerMeetingFactory(published=True)
    action = ActionItemFactory(meeting=meeting, owner=partner, description="Flyers rondbrengen")
    first = signed_in(partner, enforce_csrf_checks=True)
    second = signed_in(partner, enforce_csrf_checks=True)
    first.get("/")  # renders and caches the panel with this browser's session

    page = second.get("/").text
    form = re.search(
        r'action="(?P<url>[^"]*/acties/\d+/afgerond/)".*?name="csrfmiddlewaretoken" '
        r'value="(?P<token>[^"]+)"',
        page,
        re.S,
    )
    response = second.post(form["url"], {"csrfmiddlewaretoken": form["token"], "next": "/"})

    assert response.status_code == 302
    assert ActionItem.objects.get(pk=action.pk).done


def test_every_process_uses_the_same_csrf_stand_in():
    """Any web process may serve a part that another one rendered."""
    other_process = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); "
            "from landerd_portal.fragments import CSRF_STAND_IN; print(CSRF_STAND_IN)",
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "landerd_portal.settings"},
    )
    assert other_process.stdout.strip() == CSRF_STAND_IN


# --- An unreachable cache ------------------------------------------------------------------


@pytest.fixture
def redis_down(settings):
    """The cache points at a port where nothing listens, as when Redis has stopped."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1},
        }
    }


def test_without_redis_pages_render_from_the_database_and_saves_go_through(
    redis_down, partner, theme
):
    client = signed_in(partner)
    ActivityFactory(theme=theme, owner_organisation=partner.organisation, title="Eerste")
    assert "Eerste" in client.get(LIST).text

    response = client.post(
        reverse("themes:activity_create"),
        {
            "title": "Tweede, zonder cache",
            "theme": theme.pk,
            "date": "2026-11-20",
            "reach": "12",
            "volunteers": "2",
            "description": "Koffieochtend in Schaijk.",
            "action": "publish",
        },
    )

    assert response.status_code == 302
    assert Activity.objects.filter(title="Tweede, zonder cache").exists()
    page = client.get(LIST).text
    assert "Eerste" in page
    assert "Tweede, zonder cache" in page
    # Every cached page and lookup falls back to the database.
    for url in [
        "/",
        theme.get_absolute_url(),
        reverse("themes:theme_list"),
        reverse("programme:din"),
        reverse("learning_history:index"),
    ]:
        assert client.get(url).status_code == 200
    assert "Tweede, zonder cache" in client.get(theme.get_absolute_url()).text


# --- No secrets in the cache ---------------------------------------------------------------


def test_no_password_hash_is_stored_in_the_cache(partner, theme, phase):
    """Sign in through the form, open the busiest pages, then read every value in the
    cache's Redis as raw bytes. The user is never cached (read from the database on every
    request); a cached_db session holds the session auth hash, an HMAC of the password
    hash keyed with SECRET_KEY that cannot be turned back into it."""
    ActivityFactory(theme=theme, owner_organisation=partner.organisation, published=True)
    client = Client()
    response = client.post(reverse("login"), {"username": partner.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    for url in [
        "/",
        LIST,
        LIST + "?zoek=koffie",
        theme.get_absolute_url(),
        reverse("themes:theme_list"),
        reverse("programme:din"),
        reverse("learning_history:index"),
        reverse("programme:meeting_list"),
    ]:
        assert client.get(url).status_code == 200

    redis = cache.client.get_client(write=False)
    raw_values = [redis.get(key) for key in redis.scan_iter("*") if redis.type(key) == b"string"]
    password_hash = partner.password.encode()
    hash_digest = password_hash.rsplit(b"$", 1)[-1]

    assert len(raw_values) > 10  # sessions, versions and page parts
    assert any(b"_auth_user_hash" in value for value in raw_values)  # the session is there
    assert not [value for value in raw_values if password_hash in value]
    assert not [value for value in raw_values if hash_digest in value]
    pickled_user = re.compile(rb"partners\.models.{0,8}User")
    assert not [value for value in raw_values if pickled_user.search(value)]


def test_the_din_tree_is_cached_per_audience_and_follows_a_change_at_once(
    partner, kartrekker, theme
):
    goal = GoalFactory(theme=theme, title="Minder eenzaamheid in Reek")
    edit_link = reverse("programme:din_goal_update", args=[goal.pk])
    as_partner, as_kartrekker = signed_in(partner), signed_in(kartrekker)

    assert edit_link not in as_partner.get(reverse("programme:din")).text
    # Same part, another audience: the kartrekker of the theme may edit its goals.
    assert edit_link in as_kartrekker.get(reverse("programme:din")).text

    goal.title = "Minder eenzaamheid in heel Landerd"
    goal.save()

    assert "Minder eenzaamheid in heel Landerd" in as_partner.get(reverse("programme:din")).text


def test_the_learning_history_is_cached_per_user_and_shows_a_new_reflection_at_once(
    partner, other_partner, phase
):
    client = signed_in(partner)
    page = reverse("learning_history:index")
    assert "Samen koken werkte goed" not in client.get(page).text
    warm = queries_of(client, page)

    ReflectionFactory(
        author=other_partner, phase=phase, text="Samen koken werkte goed", published=True
    )

    assert queries_of(client, page) > warm
    assert "Samen koken werkte goed" in client.get(page).text
    # Another user's part is their own (drafts, buttons): rendered for them.
    assert "Samen koken werkte goed" in signed_in(other_partner).get(page).text


# --- Lookups within one request ------------------------------------------------------------


def test_a_lookup_is_read_once_per_request_and_again_after_a_change(
    phase, django_assert_num_queries
):
    """The phases are asked for by many parts of one page: the first ask reads them (from
    the cache, here from the database), the others reuse that; a save in the request makes
    the request read them anew; outside a request (a task) every ask goes to the cache."""
    start_request_lookups()  # what request_started does
    try:
        with django_assert_num_queries(1):
            assert all_phases() == [phase]
        cache.clear()
        with django_assert_num_queries(0):
            assert all_phases() == [phase]
        later = PhaseFactory(slug="fase-2-2020", order=phase.order + 1, name="Fase 2")
        with django_assert_num_queries(1):
            assert all_phases() == [phase, later]
    finally:
        end_request_lookups()
    cache.clear()
    with django_assert_num_queries(1):
        all_phases()
