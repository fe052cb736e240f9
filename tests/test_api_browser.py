"""The API's two pages in Chromium: the keys' page (make a key, see it once, revoke it)
and the API description (Swagger UI from our own static files, within the CSP)."""

import pytest
from django.test import Client

from partners.models import ApiToken
from tests.conftest import ARTIFACTS, assert_accessible, sign_in
from tests.test_csp_browser import _watch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_partner_makes_a_key_sees_it_once_and_revokes_it(page, phone_page, partner, theme):
    refused = _watch(page)
    sign_in(page, partner)
    page.get_by_role("link", name="API-sleutels").first.click()
    assert page.url.endswith("/accounts/api-sleutels/")
    assert_accessible(page, "api-tokens-empty")
    page.get_by_label("Naam van de sleutel").fill("Agenda op de website")
    page.get_by_role("button", name="Sleutel maken").click()
    key = page.get_by_role("textbox", name="Sleutel", exact=True).input_value()
    assert key.startswith("ld_")
    assert_accessible(page, "api-tokens-new-key")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=ARTIFACTS / "api-tokens-1280.png", full_page=True)
    # The key works for a script, as the partner.
    assert (
        Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/activiteiten/").status_code == 200
    )

    page.goto("/accounts/api-sleutels/")  # opened again: the key is not shown again
    assert key not in page.content()
    page.get_by_role("button", name="Intrekken").click()
    page.get_by_text("is ingetrokken").wait_for()
    assert not ApiToken.objects.get().is_active
    assert (
        Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/activiteiten/").status_code == 401
    )
    assert page.evaluate("window.__cspViolations") == [] and refused == []

    sign_in(phone_page, partner)
    phone_page.goto("/accounts/api-sleutels/")
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    phone_page.screenshot(path=ARTIFACTS / "api-tokens-390.png", full_page=True)


@pytest.mark.parametrize("width", [390, 1280])
def test_the_api_description_renders_within_the_csp(page, partner, theme, width):
    refused = _watch(page)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, partner)
    response = page.goto("/api/docs/")
    assert response.status == 200
    page.locator(".swagger-ui .opblock").first.wait_for()
    page.get_by_text("/api/v1/activiteiten/").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__cspViolations") == [], page.evaluate("window.__cspViolations")
    assert refused == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page, f"api-docs-{width}")
