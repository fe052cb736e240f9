"""Nothing lost, nothing twice, in a real Chromium.

Two people edit the same activity in two windows: the second to save sees both versions,
chooses, and nobody's change is lost silently. A create form sent twice (the back button,
a double tap) makes one activity. The conflict page passes axe-core, on a phone too.
"""

import pytest

from landerd_portal.models import SubmittedForm
from tests.conftest import assert_accessible, sign_in
from tests.factories import ActivityFactory
from themes.models import Activity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _expect():
    return pytest.importorskip("playwright.sync_api").expect


@pytest.fixture
def activity(theme, organisation, partner, kartrekker):
    return ActivityFactory(
        theme=theme,
        owner_organisation=organisation,
        published=True,
        title="Wandelen in Reek",
        description="Elke woensdag.",
        reach=14,
    )


def _second_window(browser, live_server, **options):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", **options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def test_two_people_edit_one_activity_and_the_second_sees_both_and_merges(
    page, browser, live_server, activity, partner, kartrekker
):
    expect = _expect()
    edit_url = f"/activiteiten/{activity.pk}/bewerken/"
    sign_in(page, partner)
    page.goto(edit_url)
    context, other = _second_window(browser, live_server)
    try:
        sign_in(other, kartrekker)
        other.goto(edit_url)

        # Both have the form open; the kartrekker saves first.
        other.get_by_label("Titel").fill("Wandelen met ouderen in Reek")
        other.get_by_role("button", name="Opslaan", exact=True).click()
        expect(other.get_by_role("heading", level=1)).to_contain_text(
            "Wandelen met ouderen in Reek"
        )
    finally:
        context.close()

    # The partner, unaware, changes the description and saves: not silently over it.
    page.get_by_label("Korte beschrijving").fill("Elke woensdag, ook in de vakantie.")
    page.get_by_role("button", name="Opslaan", exact=True).click()

    conflict = page.get_by_role("alert").filter(has_text="Iemand anders heeft dit")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text(str(kartrekker))
    # Both versions, field by field.
    expect(conflict).to_contain_text("Wandelen met ouderen in Reek")
    expect(conflict).to_contain_text("Wandelen in Reek")
    expect(conflict).to_contain_text("Elke woensdag, ook in de vakantie.")
    # The form still holds what the partner typed; the other title stands beside the field.
    expect(page.get_by_label("Korte beschrijving")).to_have_value(
        "Elke woensdag, ook in de vakantie."
    )
    expect(page.locator("#div_id_title")).to_contain_text(
        "Opgeslagen door de ander: Wandelen met ouderen in Reek"
    )
    activity.refresh_from_db()
    assert activity.title == "Wandelen met ouderen in Reek"
    assert activity.description == "Elke woensdag."
    assert_accessible(page, "edit-conflict")

    # Merging by hand: take the other title, keep the own description, save.
    page.get_by_label("Titel").fill("Wandelen met ouderen in Reek")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wandelen met ouderen in Reek")
    activity.refresh_from_db()
    assert (activity.title, activity.description) == (
        "Wandelen met ouderen in Reek",
        "Elke woensdag, ook in de vakantie.",
    )
    assert activity.version == 3


def test_taking_the_other_version_discards_ones_own_and_keeps_theirs(
    phone_page, browser, live_server, activity, partner, kartrekker
):
    expect = _expect()
    page = phone_page
    edit_url = f"/activiteiten/{activity.pk}/bewerken/"
    sign_in(page, partner)
    page.goto(edit_url)
    context, other = _second_window(browser, live_server)
    try:
        sign_in(other, kartrekker)
        other.goto(edit_url)
        other.get_by_label("Bereik: aantal inwoners").fill("30")
        other.get_by_role("button", name="Opslaan", exact=True).click()
        expect(other.get_by_role("heading", level=1)).to_be_visible()
    finally:
        context.close()

    page.get_by_label("Titel").fill("Een heel lange titel " * 8)
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_role("alert").filter(has_text="Iemand anders heeft dit")).to_be_visible()
    # On a phone the page fits: nothing to scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page, "edit-conflict-phone")

    page.get_by_role("link", name="jouw wijzigingen weggooien").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wandelen in Reek")
    activity.refresh_from_db()
    assert (activity.title, activity.reach, activity.version) == ("Wandelen in Reek", 30, 2)


def test_an_activity_form_sent_twice_makes_one_activity(page, theme, partner):
    expect = _expect()
    sign_in(page, partner)
    page.goto("/activiteiten/nieuw/")
    page.get_by_label("Titel").fill("Koffieochtend")
    page.get_by_label("Eenzaamheid").check()
    page.get_by_label("Datum (of begindatum)").fill("2019-06-12")
    page.get_by_label("Korte beschrijving").fill("Elke vrijdag in het dorpshuis.")
    token = page.locator("input[name=form_token]").input_value()

    # A double tap on a slow phone: the same form twice at once, racing each other.
    statuses = page.evaluate(
        """async () => {
            const form = document.querySelector("input[name=form_token]").form;
            const send = () => {
                const data = new FormData(form);
                data.set("action", "publish");
                return fetch(location.href, {method: "POST", body: data})
                    .then(response => response.status);
            };
            return Promise.all([send(), send()]);
        }"""
    )
    assert statuses == [200, 200]  # both followed their redirect to the one activity
    assert Activity.objects.count() == 1
    assert str(SubmittedForm.objects.get().token) == token

    # And the back button: the same form (the same token) sent once more.
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_text("Dit was al opgeslagen.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Koffieochtend")
    # The browser loads the form again (a fresh token) and puts back what was typed;
    # sent again unchanged, it leads to the activity already saved.
    page.go_back()
    expect(page.get_by_label("Titel")).to_have_value("Koffieochtend")
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_text("Dit was al opgeslagen.")).to_be_visible()
    assert Activity.objects.count() == 1

    # Going back to change something and send it: that is a new activity, as meant.
    page.go_back()
    page.get_by_label("Titel").fill("Koffieochtend in Schaijk")
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Koffieochtend in Schaijk")
    assert Activity.objects.count() == 2
