"""Sign-in throttling behind a reverse proxy, per account and per address.

Behind a proxy every request comes from the proxy's address. django-axes must count by
the browser's address, which the trusted proxies put in X-Forwarded-For
(``DJANGO_TRUSTED_PROXIES``), and only when the portal is told there are proxies: otherwise
anybody could pick their own address. Five failures lock one e-mail address from one
client address; one client address trying a password on many accounts is stopped after
``AXES_ADDRESS_FAILURE_LIMIT`` failures over all of them.
"""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from landerd_portal.auth import client_ip_address
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
ALICE = "203.0.113.5"  # two browsers behind the same proxy
BOB = "198.51.100.7"
LOGIN = reverse("login")


def browser(client_address=None, remote=PROXY, forwarded=None):
    """A test client whose requests arrive from ``remote`` with X-Forwarded-For."""
    headers = {"REMOTE_ADDR": remote}
    if forwarded or client_address:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded or client_address
    return Client(**headers)


def sign_in(client, user, password=TEST_PASSWORD):
    return client.post(LOGIN, {"username": user.email, "password": password})


def signed_in(response):
    return response.status_code == 302 and "_auth_user_id" in response.client.session


@pytest.fixture
def behind_one_proxy(settings):
    settings.TRUSTED_PROXIES = 1


# --- Which address counts ----------------------------------------------------------------


def address_of(settings, proxies, remote, forwarded=None):
    settings.TRUSTED_PROXIES = proxies
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip_address(RequestFactory().get("/", **headers))


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    assert address_of(settings, 0, PROXY, ALICE) == PROXY


def test_behind_one_proxy_the_client_is_the_address_the_proxy_appended(settings):
    assert address_of(settings, 1, PROXY, ALICE) == ALICE
    # Whatever the browser wrote itself stands further left and is never believed.
    assert address_of(settings, 1, PROXY, f"1.2.3.4, {ALICE}") == ALICE


def test_behind_two_proxies_the_client_is_two_places_from_the_right(settings):
    assert address_of(settings, 2, PROXY, f"6.6.6.6, {ALICE}, 10.0.0.1") == ALICE


def test_a_missing_or_malformed_forwarded_address_falls_back_to_the_peer(settings):
    assert address_of(settings, 1, PROXY) == PROXY
    assert address_of(settings, 2, PROXY, ALICE) == PROXY
    assert address_of(settings, 1, PROXY, "not-an-address") == PROXY


# --- Per account and client address -----------------------------------------------------


def test_behind_a_proxy_a_lockout_is_for_the_forwarded_client_only(
    behind_one_proxy, partner, settings
):
    alice, bob = browser(ALICE), browser(BOB)
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(alice, partner, "fout-wachtwoord").status_code == 200
    assert sign_in(alice, partner, "fout-wachtwoord").status_code == 429

    # Locked for Alice's address, even with the right password...
    assert sign_in(alice, partner).status_code == 429
    # ...but the same account through the same proxy from elsewhere still signs in.
    assert signed_in(sign_in(bob, partner))


def test_a_browser_cannot_dodge_the_lockout_by_writing_its_own_forwarded_address(
    behind_one_proxy, partner, settings
):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        # The proxy appends Alice's real address after whatever she sent.
        sign_in(browser(forwarded=f"192.0.2.{attempt}, {ALICE}"), partner, "fout")
    assert sign_in(browser(forwarded=f"192.0.2.99, {ALICE}"), partner).status_code == 429


def test_without_trusted_proxies_a_forged_header_does_not_dodge_the_lockout(partner, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(browser(remote=ALICE, forwarded=f"192.0.2.{attempt}"), partner, "fout")
    response = sign_in(browser(remote=ALICE, forwarded="192.0.2.200"), partner)
    assert response.status_code == 429


# --- Per client address, across accounts (a password spray) ------------------------------


def test_a_password_spray_from_one_address_is_stopped(behind_one_proxy, partner, settings):
    sprayer = browser(ALICE)
    accounts = [
        UserFactory(email=f"medewerker{number}@example.org")
        for number in range(settings.AXES_ADDRESS_FAILURE_LIMIT)
    ]
    # One wrong password per account: never near any account's own limit.
    for account in accounts[:-1]:
        assert sign_in(sprayer, account, "Zomer2019!").status_code == 200
    assert sign_in(sprayer, accounts[-1], "Zomer2019!").status_code == 429

    # Every account is closed to that address now, whatever the password...
    assert sign_in(browser(ALICE), partner).status_code == 429
    # ...while other people behind the same proxy sign in as usual.
    assert signed_in(sign_in(browser(BOB), partner))


def test_colleagues_behind_one_address_who_mistype_are_not_locked_out(behind_one_proxy, settings):
    office = browser(ALICE)
    colleagues = [UserFactory() for _ in range(6)]
    # Each mistypes a few times (below their own limit): far more failures from the
    # office's address together than one account may have...
    for colleague in colleagues:
        for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
            assert sign_in(office, colleague, "tikfout").status_code == 200
    # ...and still each of them gets in with the right password.
    for colleague in colleagues:
        assert signed_in(sign_in(office, colleague))
        office.logout()


def test_signing_in_to_an_own_account_does_not_reset_the_addresss_count(
    behind_one_proxy, partner, settings
):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 10
    sprayer = browser(ALICE)
    for number in range(settings.AXES_ADDRESS_FAILURE_LIMIT - 1):
        sign_in(sprayer, UserFactory(email=f"doelwit{number}@example.org"), "Zomer2019!")
    # The sprayer's own account: a success forgives only that account's failures.
    assert signed_in(sign_in(sprayer, partner))
    sprayer.logout()
    assert sign_in(sprayer, UserFactory(email="nog1@example.org"), "Zomer2019!").status_code == 429
