"""In a real Chromium: a partner sees the photo of another organisation's published
activity on its page, served through the checked address (landerd_portal/media.py)."""

import pytest

from tests.conftest import sign_in
from tests.factories import ActivityFactory
from tests.test_media import add_photo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_partner_sees_the_photo_of_a_published_activity(page, organisation, other_partner):
    activity = ActivityFactory(owner_organisation=organisation, published=True)
    photo = add_photo(activity)

    sign_in(page, other_partner)
    page.goto(activity.get_absolute_url())
    image = page.get_by_role("img", name="De buurtlunch")
    image.scroll_into_view_if_needed()  # the photo loads lazily
    assert image.get_attribute("src") == photo.get_file_url()
    # Polled from here: wait_for_function evaluates in the page, which the CSP forbids.
    for _ in range(100):
        if image.evaluate("img => img.complete"):
            break
        page.wait_for_timeout(100)
    assert image.evaluate("img => img.naturalWidth") == 40
