"""Access ends when it should: at once after a change to the user, and after a while idle.

The signed-in user is read from the database on every request, and a session is valid
only for the password, role, organisation and active flag it was signed in with
(``partners.User.get_session_auth_hash``), so nothing the cache holds, or whether it
answers, keeps a switched-off user working. ``landerd_portal.sessions`` ends a session
after ``SESSION_IDLE_TIMEOUT_SECONDS`` without a request and ``SESSION_MAX_AGE_SECONDS``
after signing in.
"""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from landerd_portal.sessions import LAST_ACTIVITY_AT, SIGNED_IN_AT
from partners.models import User
from tests.factories import TEST_PASSWORD, OrganisationFactory
from tests.test_health import redis_cache_at

pytestmark = pytest.mark.django_db

REDIS_GONE = "redis://127.0.0.1:9/0"  # port 9 (discard): nothing listens there
PAGE = "/activiteiten/"
LOGIN = reverse("login")
IDLE_MESSAGE = "Je was een tijd niet actief; log opnieuw in."
MAX_AGE_MESSAGE = "Je bent al lang ingelogd; log voor de zekerheid opnieuw in."


def signed_in(user):
    client = Client()
    client.force_login(user)
    assert client.get(PAGE).status_code == 200
    return client


def assert_signed_out(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)
    assert not response.wsgi_request.user.is_authenticated


# --- The user comes from the database, never from the cache ------------------------------


def test_no_user_object_or_password_hash_is_kept_in_the_cache(partner):
    client = signed_in(partner)
    client.get(PAGE)
    for key in cache.keys("*"):
        value = cache.get(key)
        assert not isinstance(value, User)
        assert partner.password not in repr(value)


def test_a_deactivated_user_is_refused_on_the_next_request_while_redis_is_down(partner, settings):
    client = signed_in(partner)
    settings.CACHES = redis_cache_at(REDIS_GONE)
    assert client.get(PAGE).status_code == 200  # the session itself survives the outage

    partner.is_active = False
    partner.save()

    assert_signed_out(client)


def test_a_user_deactivated_while_redis_was_down_stays_refused_when_it_is_back(partner, settings):
    """The case seen in production: the change could not reach the cache, which then
    came back holding whatever it held before."""
    client = signed_in(partner)
    working = settings.CACHES
    settings.CACHES = redis_cache_at(REDIS_GONE)
    partner.is_active = False
    partner.save()
    settings.CACHES = working

    assert_signed_out(client)


def test_a_bulk_deactivation_without_signals_ends_the_session_while_redis_is_down(
    partner, settings
):
    client = signed_in(partner)
    settings.CACHES = redis_cache_at(REDIS_GONE)

    User.objects.filter(pk=partner.pk).update(is_active=False)

    assert_signed_out(client)


def test_a_bulk_deactivation_ends_the_session_with_redis_up(partner):
    client = signed_in(partner)
    User.objects.filter(pk=partner.pk).update(is_active=False)
    assert_signed_out(client)


# --- A change of role or organisation ends every session ---------------------------------


def test_a_role_change_ends_existing_sessions(partner):
    client = signed_in(partner)
    partner.role = User.Role.GRIFFIE
    partner.save()
    assert_signed_out(client)


def test_a_role_change_by_queryset_update_ends_existing_sessions(partner, settings):
    client = signed_in(partner)
    settings.CACHES = redis_cache_at(REDIS_GONE)
    User.objects.filter(pk=partner.pk).update(role=User.Role.OBSERVER)
    assert_signed_out(client)


def test_an_organisation_change_ends_existing_sessions(partner):
    client = signed_in(partner)
    partner.organisation = OrganisationFactory(name="Elders")
    partner.save()
    assert_signed_out(client)


def test_an_unrelated_change_to_the_user_keeps_the_session(partner):
    client = signed_in(partner)
    User.objects.filter(pk=partner.pk).update(job_title="Buurtwerker", phone="0612345678")
    assert client.get(PAGE).status_code == 200


def test_signing_in_again_after_the_change_works(partner):
    client = signed_in(partner)
    User.objects.filter(pk=partner.pk).update(role=User.Role.KARTREKKER)
    assert_signed_out(client)
    assert client.login(email=partner.email, password=TEST_PASSWORD)
    response = client.get(PAGE)
    assert response.status_code == 200
    assert response.wsgi_request.user.role == User.Role.KARTREKKER


# --- A password change: the user's own session stays, others end ------------------------


def test_own_password_change_keeps_the_current_session_and_ends_the_others(partner):
    here, elsewhere = signed_in(partner), signed_in(partner)
    new_password = "Een-nieuw-wachtwoord-2019"

    response = here.post(
        reverse("password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": new_password,
            "new_password2": new_password,
        },
    )

    assert response.status_code == 302, response.content
    assert here.get(PAGE).status_code == 200
    assert_signed_out(elsewhere)


# --- Idle and absolute time-outs ---------------------------------------------------------


def shift_session(client, **seconds_ago):
    """Move the session's clocks back, as if that much time had passed."""
    session = client.session
    for key, ago in seconds_ago.items():
        session[key] = session[key] - ago
    session.save()


def follow_to_login(client):
    response = client.get(PAGE, follow=True)
    assert response.redirect_chain[0][0].startswith(LOGIN)
    assert not response.wsgi_request.user.is_authenticated
    return response


def test_a_session_idle_for_longer_than_the_time_out_ends_with_a_message(partner, settings):
    client = signed_in(partner)
    shift_session(client, **{LAST_ACTIVITY_AT: settings.SESSION_IDLE_TIMEOUT_SECONDS + 1})

    response = follow_to_login(client)

    assert IDLE_MESSAGE in response.text
    assert_signed_out(client)  # and it stays ended


def test_a_session_used_within_the_idle_time_out_goes_on(partner, settings):
    client = signed_in(partner)
    shift_session(client, **{LAST_ACTIVITY_AT: settings.SESSION_IDLE_TIMEOUT_SECONDS - 60})
    assert client.get(PAGE).status_code == 200
    # That request counted as activity: the clock starts again from now.
    shift_session(client, **{LAST_ACTIVITY_AT: settings.SESSION_IDLE_TIMEOUT_SECONDS - 60})
    assert client.get(PAGE).status_code == 200


def test_a_session_older_than_its_maximum_age_ends_however_active(partner, settings):
    client = signed_in(partner)
    shift_session(client, **{SIGNED_IN_AT: settings.SESSION_MAX_AGE_SECONDS + 1})

    response = follow_to_login(client)

    assert MAX_AGE_MESSAGE in response.text


def test_the_time_outs_are_settings(partner, settings):
    settings.SESSION_IDLE_TIMEOUT_SECONDS = 600
    client = signed_in(partner)
    shift_session(client, **{LAST_ACTIVITY_AT: 601})
    assert IDLE_MESSAGE in follow_to_login(client).text


def test_the_last_activity_is_written_at_most_once_a_minute(partner):
    client = signed_in(partner)

    response = client.get(PAGE)
    assert not response.wsgi_request.session.modified  # no session write per request

    shift_session(client, **{LAST_ACTIVITY_AT: 61})
    before = client.session[LAST_ACTIVITY_AT]
    response = client.get(PAGE)
    assert response.wsgi_request.session.modified
    assert client.session[LAST_ACTIVITY_AT] > before


def test_signing_in_starts_both_clocks(partner, client):
    response = client.post(LOGIN, {"username": partner.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    session = client.session
    assert session[SIGNED_IN_AT] == session[LAST_ACTIVITY_AT]
