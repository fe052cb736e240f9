"""The partner's weekly journey in a real Chromium: sign in, log an activity with a photo,
find it again with filters; a partner of another organisation cannot change it. Every
page on the way passes axe-core, on a desktop and on a phone."""

import io
import re

import pytest
from PIL import Image

from tests.conftest import assert_accessible, sign_in
from tests.factories import EffortFactory, GoalFactory, ThemeFactory, VillageFactory
from themes.models import Activity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _expect():
    return pytest.importorskip("playwright.sync_api").expect


def photo_payload():
    image = Image.new("RGB", (120, 80), (30, 140, 110))
    output = io.BytesIO()
    image.save(output, format="JPEG")
    return {"name": "wandeling.jpg", "mimeType": "image/jpeg", "buffer": output.getvalue()}


@pytest.fixture
def programme_setup(theme, partner, other_partner, kartrekker):
    for name in ("Zeeland", "Schaijk", "Reek"):
        VillageFactory(name=name)
    ThemeFactory(name="Mantelzorg", order=3)
    theme.ambition = "Niemand in Landerd hoeft er alleen voor te staan."
    theme.save()
    theme.working_group.members.add(partner, kartrekker)
    theme.working_group.organisations.add(partner.organisation, other_partner.organisation)
    EffortFactory(goal=GoalFactory(theme=theme, title="Minder eenzaamheid onder ouderen"))
    return theme


def test_partner_logs_an_activity_with_a_photo_and_finds_it(
    page, phone_page, live_server, programme_setup, partner, other_partner
):
    expect = _expect()
    theme = programme_setup

    # Dashboard: the partner's themes and a clear button to log.
    sign_in(page, partner)
    add_button = page.get_by_role("link", name="Activiteit toevoegen")
    expect(add_button).to_be_visible()
    expect(page.get_by_role("link", name="Eenzaamheid")).to_be_visible()
    assert_accessible(page, "themes-dashboard-partner")

    add_button.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Activiteit toevoegen")
    assert_accessible(page, "themes-activity-new")

    page.get_by_label("Titel").fill("Wandelen met ouderen in Reek")
    page.get_by_label("Eenzaamheid").check()
    page.get_by_label("Datum (of begindatum)").fill("2019-06-12")
    page.get_by_label("Korte beschrijving").fill("Elke woensdag een rondje door het dorp.")
    page.get_by_label("Reek").check()
    page.get_by_label("Ouderen").check()
    page.get_by_label("Bereik: aantal inwoners").fill("14")
    # htmx narrowed the DIN efforts to the chosen theme.
    expect(page.get_by_label("Hoort bij inspanning uit de DIN")).to_contain_text("Inspanning")
    page.locator("input[type=file]").set_input_files(photo_payload())
    page.get_by_label("Wat is er op de foto te zien?").fill("Wandelaars op de dijk")

    # Forgetting the consent box: a Dutch message next to it, everything else kept.
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_text("Een foto bewaren we alleen met toestemming").first).to_be_visible()
    expect(page.get_by_label("Titel")).to_have_value("Wandelen met ouderen in Reek")
    expect(page.get_by_label("Reek")).to_be_checked()
    assert Activity.objects.count() == 0
    assert_accessible(page, "themes-activity-new-error")

    # The photo was kept: no need to choose it again.
    expect(page.get_by_role("img", name="Gekozen foto wandeling.jpg")).to_be_visible()
    page.get_by_label("De mensen op de foto gaven toestemming").check()
    page.get_by_role("button", name="Publiceren").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Wandelen met ouderen in Reek")
    expect(page.get_by_role("status").or_(page.get_by_role("alert")).first).to_contain_text(
        "gepubliceerd"
    )
    expect(page.get_by_role("img", name="Wandelaars op de dijk")).to_have_count(1)
    assert_accessible(page, "themes-activity-detail")
    activity = Activity.objects.get()
    assert activity.photos.count() == 1

    # Finding it again: two filters combined, refreshed in place, reflected in the URL.
    page.goto("/activiteiten/")
    assert_accessible(page, "themes-activity-list")
    page.get_by_label("Thema").select_option(label="Eenzaamheid")
    expect(page).to_have_url(re.compile(r"thema=eenzaamheid"))
    page.get_by_label("Zoeken").fill("wandelen")
    expect(page).to_have_url(re.compile(r"zoek=wandelen"))
    results = page.locator("#resultaten")
    expect(results.get_by_role("link", name="Wandelen met ouderen in Reek")).to_be_visible()
    expect(results.get_by_role("status")).to_contain_text("1 activiteit")
    page.get_by_label("Dorpskern").select_option(label="Zeeland")
    expect(results.get_by_text("Geen activiteiten gevonden")).to_be_visible()
    assert_accessible(page, "themes-activity-list-filtered")

    # The shared link works without JavaScript's help, too.
    page.goto(f"/activiteiten/?thema={theme.slug}&dorp=reek")
    expect(results.get_by_role("link", name="Wandelen met ouderen in Reek")).to_be_visible()

    page.goto("/themas/")
    assert_accessible(page, "themes-theme-list")
    page.get_by_role("link", name="Eenzaamheid").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Eenzaamheid")
    expect(page.get_by_text("Minder eenzaamheid onder ouderen")).to_be_visible()
    expect(page.get_by_role("link", name="Wandelen met ouderen in Reek")).to_be_visible()
    assert_accessible(page, "themes-theme-detail")

    page.goto(f"/activiteiten/{activity.pk}/bewerken/")
    assert_accessible(page, "themes-activity-edit")

    # A partner of another organisation reads it but may not change it.
    sign_in(phone_page, other_partner)
    phone_page.goto(activity.get_absolute_url())
    expect(phone_page.get_by_role("heading", level=1)).to_contain_text("Wandelen met ouderen")
    expect(phone_page.get_by_role("link", name="Bewerken")).to_have_count(0)
    assert_accessible(phone_page, "themes-activity-detail-phone")
    phone_page.goto(f"/activiteiten/{activity.pk}/bewerken/")
    expect(phone_page.get_by_text("Je kunt deze activiteit niet wijzigen")).to_be_visible()
    assert_accessible(phone_page, "themes-activity-refused-phone")
    activity.refresh_from_db()
    assert activity.title == "Wandelen met ouderen in Reek"

    # On a phone the form fits the screen: nothing wider than the viewport.
    phone_page.goto("/activiteiten/nieuw/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    assert_accessible(phone_page, "themes-activity-new-phone")
    phone_page.goto("/activiteiten/")
    assert_accessible(phone_page, "themes-activity-list-phone")
    phone_page.goto("/")
    assert_accessible(phone_page, "themes-dashboard-phone")


def test_the_filter_selects_keep_the_chosen_village_and_narrow_the_list(
    page, phone_page, partner, theme, villages
):
    """The selects are written without Django's option templates (QuickSelect): choosing
    works with and without htmx, and the choice stays selected on the page it leads to."""
    from tests.conftest import ARTIFACTS
    from tests.factories import ActivityFactory

    reek = ActivityFactory(
        theme=theme,
        owner_organisation=partner.organisation,
        published=True,
        title="Koffie in Reek",
        villages=[villages["Reek"]],
    )
    ActivityFactory(
        theme=theme, owner_organisation=partner.organisation, published=True, title="Elders"
    )
    for browser_page, width in ((page, 1280), (phone_page, 390)):
        sign_in(browser_page, partner)
        browser_page.goto(f"/activiteiten/?dorp={villages['Reek'].slug}")
        browser_page.screenshot(path=ARTIFACTS / f"activity-filters-{width}.png", full_page=True)
        assert browser_page.locator("#id_dorp").input_value() == villages["Reek"].slug
        results = browser_page.locator("#resultaten")
        assert reek.title in results.inner_text()
        assert "Elders" not in results.inner_text()

    from playwright.sync_api import expect

    page.select_option("#id_dorp", "")  # htmx refreshes the results on change
    expect(page.locator("#resultaten")).to_contain_text("Elders")
