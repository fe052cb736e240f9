"""Cached page parts (landerd_portal.fragments): never stale, never shared across
audiences, never fatal. Run against the Redis that scripts/test points CACHE_URL at."""

import os
import re
import subprocess
import sys

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from landerd_portal.fragments import CSRF_STAND_IN, content_version
from programme.models import ActionItem
from tests.factories import (
    ActionItemFactory,
    ActivityFactory,
    PartnerMeetingFactory,
    VillageFactory,
)
from themes.models import Activity
from themes.rules import activity_audience

pytestmark = pytest.mark.django_db

LIST = "/activiteiten/"


def signed_in(user, **kwargs):
    client = Client(**kwargs)
    client.force_login(user)
    return client


# --- The content version -----------------------------------------------------------------


def test_saving_deleting_and_linking_content_moves_the_version_on(theme, organisation):
    before = content_version()
    activity = ActivityFactory(theme=theme, owner_organisation=organisation)
    after_save = content_version()
    activity.villages.add(VillageFactory())
    after_link = content_version()
    activity.delete()

    assert before < after_save < after_link < content_version()


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
    assert activity_audience(partner) != activity_audience(other_partner)

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
