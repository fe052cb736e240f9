"""Nothing typed is lost, in a real Chromium: a photo chosen before a mistake is still there
(as a thumbnail) after the form comes back, and is saved once the mistake is fixed; and
leaving a half-filled activity form asks first."""

import io

import pytest
from PIL import Image

from tests.conftest import assert_accessible, sign_in
from themes.models import Activity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _expect():
    return pytest.importorskip("playwright.sync_api").expect


def photo_payload():
    image = Image.new("RGB", (120, 80), (30, 140, 110))
    output = io.BytesIO()
    image.save(output, format="JPEG")
    return {"name": "wandeling.jpg", "mimeType": "image/jpeg", "buffer": output.getvalue()}


def fill_all_but_the_title(page):
    page.get_by_label("Eenzaamheid").check()
    page.get_by_label("Datum (of begindatum)").fill("2019-06-12")
    page.get_by_label("Korte beschrijving").fill("Elke woensdag een rondje door het dorp.")
    page.get_by_label("Bereik: aantal inwoners").fill("14")
    page.locator("input[type=file]").set_input_files(photo_payload())
    page.get_by_label("Wat is er op de foto te zien?").fill("Wandelaars op de dijk")
    page.get_by_label("De mensen op de foto gaven toestemming").check()


def test_a_photo_chosen_before_an_error_is_saved_once_the_error_is_fixed(
    phone_page, live_server, theme, partner
):
    expect = _expect()
    page = phone_page  # 390 px wide: the thumbnail must fit and pass axe there too
    sign_in(page, partner)
    page.goto("/activiteiten/nieuw/")
    fill_all_but_the_title(page)
    page.get_by_role("button", name="Publiceren").click()

    expect(page.locator("#id_title_error")).to_be_visible()
    thumbnail = page.get_by_role("img", name="Gekozen foto wandeling.jpg")
    expect(thumbnail).to_be_visible()
    assert thumbnail.evaluate("img => img.complete && img.naturalWidth > 0")
    expect(page.get_by_label("Niet meer gebruiken: wandeling.jpg")).not_to_be_checked()
    expect(page.get_by_label("De mensen op de foto gaven toestemming")).to_be_checked()
    assert Activity.objects.count() == 0
    assert_accessible(page, "themes-activity-kept-photo-phone")

    page.get_by_label("Titel").fill("Wandelen met ouderen in Reek")
    page.get_by_role("button", name="Publiceren").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Wandelen met ouderen in Reek")
    shown = page.get_by_role("img", name="Wandelaars op de dijk")
    expect(shown).to_have_count(1)
    shown.scroll_into_view_if_needed()
    loaded = "img => img.complete && img.naturalWidth > 0"
    page.wait_for_function(loaded, arg=shown.element_handle())
    activity = Activity.objects.get()
    assert activity.photos.count() == 1


def test_leaving_a_changed_activity_form_asks_first(page, live_server, theme, partner):
    expect = _expect()
    sign_in(page, partner)
    page.goto("/activiteiten/nieuw/")
    dialogs = []

    def stay(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    page.get_by_label("Titel").fill("Wandelen met ouderen")
    page.get_by_role("link", name="Annuleren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Activiteit toevoegen")
    assert dialogs == ["beforeunload"]
    assert page.get_by_label("Titel").input_value() == "Wandelen met ouderen"

    # Sending the form is not leaving it: no question then.
    page.get_by_role("button", name="Opslaan als concept").click()
    expect(page.locator("#id_description_error")).to_be_visible()
    assert dialogs == ["beforeunload"]


def test_an_untouched_activity_form_is_left_without_a_question(page, live_server, partner):
    expect = _expect()
    sign_in(page, partner)
    page.goto("/activiteiten/nieuw/")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Annuleren").click()
    expect(page).to_have_url(f"{live_server.url}/activiteiten/")
    assert dialogs == []
