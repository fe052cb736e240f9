"""The base layout in a real browser: signing in and out, skip link, language, axe scans."""

import re

import pytest
from django.core import mail
from django.template import loader

from tests.conftest import assert_accessible, sign_in


def _expect():
    return pytest.importorskip("playwright.sync_api").expect


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_login_page_passes_axe_on_desktop_and_phone(page, phone_page):
    page.goto("/accounts/login/")
    _expect()(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    _expect()(page).to_have_title(re.compile(r"^Inloggen – Samen Landerd$"))
    assert_accessible(page, "login")

    phone_page.goto("/accounts/login/")
    assert_accessible(phone_page, "login-phone")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_partner_signs_in_and_lands_on_an_accessible_dashboard(page, live_server, partner):
    expect = _expect()
    sign_in(page, partner)

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Welkom, {partner.first_name}")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    navigation = page.get_by_role("navigation", name="Hoofdmenu")
    expect(navigation.get_by_role("link", name="Overzicht")).to_have_attribute(
        "aria-current", "page"
    )
    expect(page.get_by_text("ONS Welzijn").first).to_be_visible()
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    assert_accessible(page, "dashboard")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_dashboard_menu_collapses_on_a_phone_and_opens_with_the_keyboard(phone_page, partner):
    expect = _expect()
    sign_in(phone_page, partner)
    assert_accessible(phone_page, "dashboard-phone")

    menu_button = phone_page.get_by_role("button", name="Menu")
    logout = phone_page.get_by_role("button", name="Uitloggen")
    expect(menu_button).to_have_attribute("aria-expanded", "false")
    expect(logout).to_be_hidden()

    menu_button.focus()
    phone_page.keyboard.press("Enter")
    expect(menu_button).to_have_attribute("aria-expanded", "true")
    # Bootstrap swaps "collapsing" for "show" once the opening animation has finished.
    expect(phone_page.locator("#hoofdmenu")).to_have_class(re.compile(r"\bshow\b"))
    expect(logout).to_be_visible()
    assert_accessible(phone_page, "dashboard-phone-menu")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(page, partner):
    expect = _expect()
    sign_in(page, partner)

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Naar de inhoud")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()

    page.keyboard.press("Enter")
    expect(page.locator("main#inhoud")).to_be_focused()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_wrong_password_shows_a_dutch_error_and_keeps_the_email(page, live_server, partner):
    expect = _expect()
    sign_in(page, partner, password="niet-het-goede-wachtwoord")

    expect(page).to_have_url(f"{live_server.url}/accounts/login/")
    error = page.get_by_role("alert")
    expect(error).to_contain_text("Het e-mailadres of het wachtwoord klopt niet")
    expect(error).to_be_focused()
    expect(page.get_by_label("E-mailadres")).to_have_value(partner.email)
    expect(page.get_by_label("Wachtwoord")).to_have_value("")
    assert_accessible(page, "login-error")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_switching_to_english_changes_the_page_language(page, live_server, partner):
    expect = _expect()
    sign_in(page, partner)

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("button", name="English")).to_have_attribute("aria-current", "true")
    # The English catalogue is compiled and used: the navigation speaks English.
    expect(page.get_by_role("link", name="Activities", exact=True).first).to_be_visible()
    expect(page.get_by_role("link", name="Add activity").first).to_be_visible()

    page.get_by_role("button", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("link", name="Activiteiten", exact=True).first).to_be_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_logout_signs_the_partner_out(page, live_server, partner):
    expect = _expect()
    sign_in(page, partner)

    page.get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("button", name="Uitloggen")).to_have_count(0)

    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_password_reset_form_passes_axe_and_sends_a_dutch_email(page, phone_page, partner):
    expect = _expect()
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Wachtwoord vergeten?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wachtwoord vergeten")
    assert_accessible(page, "password-reset")
    phone_page.goto("/accounts/password_reset/")
    assert_accessible(phone_page, "password-reset-phone")

    page.get_by_label("E-mailadres").fill(partner.email)
    page.get_by_role("button", name="Stuur mij een link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer je e-mail")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Nieuw wachtwoord voor het partnerportaal Samen Landerd"
    assert "/accounts/reset/" in mail.outbox[0].body


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_password_change_shows_errors_next_to_the_fields(page, partner):
    expect = _expect()
    sign_in(page, partner)
    page.get_by_role("link", name="Wachtwoord wijzigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wachtwoord wijzigen")
    assert_accessible(page, "password-change")

    page.get_by_label("Oud wachtwoord").fill("niet-het-goede-wachtwoord")
    page.get_by_label("Nieuw wachtwoord", exact=True).fill("Zomer-in-Reek-2020")
    page.get_by_label("Nieuw wachtwoord bevestigen").fill("Zomer-in-Reek-2021")
    page.get_by_role("button", name="Wachtwoord opslaan").click()

    expect(page.get_by_role("alert")).to_be_focused()
    old_password = page.get_by_label("Oud wachtwoord")
    expect(old_password).to_have_attribute("aria-invalid", "true")
    expect(old_password).to_have_accessible_description(re.compile("niet juist"))
    expect(page.get_by_label("Nieuw wachtwoord bevestigen")).to_have_attribute(
        "aria-invalid", "true"
    )
    assert_accessible(page, "password-change-errors")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_unknown_page_shows_an_accessible_dutch_404(page, partner):
    expect = _expect()
    sign_in(page, partner)

    response = page.goto("/bestaat-niet/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze pagina bestaat niet")
    assert_accessible(page, "not-found")


def test_server_error_page_renders_without_request_or_database():
    html = loader.get_template("500.html").render()

    assert '<html lang="nl">' in html
    assert "Er ging iets mis" in html
