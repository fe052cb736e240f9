"""An activity's quote leaves the portal only with the consent of the person quoted."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ActivityFactory
from tests.themes.test_activity_views import activity_post
from themes import services
from themes.models import Activity

pytestmark = pytest.mark.django_db


def quote_data(theme, **overrides):
    data = {
        "theme": theme,
        "title": "Koffieochtend",
        "date": datetime.date(2019, 6, 12),
        "description": "Koffie in het dorpshuis.",
        "quote": "Hier ken ik eindelijk mijn buren.",
        "quote_attribution": "een deelnemer",
    }
    data.update(overrides)
    return data


def test_ticking_consent_records_who_and_when(partner, theme):
    before = timezone.now()
    activity = services.activity_create(
        author=partner, data=quote_data(theme, quote_consent=True), publish=True
    )
    activity.refresh_from_db()
    assert activity.quote_consent is True
    assert activity.quote_consent_by == partner
    assert before <= activity.quote_consent_at <= timezone.now()


def test_a_quote_without_consent_is_kept_but_records_no_consent(partner, theme):
    activity = services.activity_create(author=partner, data=quote_data(theme), publish=True)
    activity.refresh_from_db()
    assert activity.quote == "Hier ken ik eindelijk mijn buren."
    assert activity.quote_consent is False
    assert activity.quote_consent_by is None and activity.quote_consent_at is None


def test_unticking_consent_clears_who_and_when(partner, kartrekker, theme):
    activity = services.activity_create(
        author=partner, data=quote_data(theme, quote_consent=True), publish=True
    )
    services.activity_update(
        activity=activity, editor=kartrekker, data={"quote_consent": False}, publish=True
    )
    activity.refresh_from_db()
    assert (activity.quote_consent, activity.quote_consent_by, activity.quote_consent_at) == (
        False,
        None,
        None,
    )


def test_consent_stays_with_its_recorder_while_the_quote_is_unchanged(partner, kartrekker, theme):
    activity = services.activity_create(
        author=partner, data=quote_data(theme, quote_consent=True), publish=True
    )
    recorded_at = Activity.objects.get(pk=activity.pk).quote_consent_at
    services.activity_update(
        activity=activity,
        editor=kartrekker,
        data={"title": "Koffieochtend Reek", "quote_consent": True},
        publish=True,
    )
    activity.refresh_from_db()
    assert activity.quote_consent_by == partner
    assert activity.quote_consent_at == recorded_at


def test_changed_wording_without_ticking_again_loses_the_consent(partner, theme):
    activity = services.activity_create(
        author=partner, data=quote_data(theme, quote_consent=True), publish=True
    )
    services.activity_update(
        activity=activity, editor=partner, data={"quote": "Iets heel anders."}, publish=True
    )
    activity.refresh_from_db()
    assert activity.quote_consent is False and activity.quote_consent_at is None


def test_the_form_ticks_consent_beside_the_quote_and_says_it_stays_internal_without(
    client, partner, theme
):
    client.force_login(partner)
    page = client.get(reverse("themes:activity_create")).content.decode()
    assert 'name="quote_consent"' in page
    assert "het blijft intern" in page

    client.post(
        reverse("themes:activity_create"),
        activity_post(
            theme,
            quote="Ik kom nu elke week buiten.",
            quote_attribution="een deelnemer",
            quote_consent="on",
        ),
    )
    activity = Activity.objects.get()
    assert activity.quote_consent and activity.quote_consent_by == partner
    assert activity.quote_consent_at is not None


def test_editing_in_the_form_without_the_tick_clears_consent(client, partner, organisation, theme):
    activity = ActivityFactory(
        theme=theme,
        owner_organisation=organisation,
        quote="Mooi initiatief.",
        quote_attribution="een buurman",
        quote_consented=True,
    )
    client.force_login(partner)
    response = client.post(
        reverse("themes:activity_update", args=[activity.pk]),
        activity_post(
            theme,
            quote="Mooi initiatief.",
            quote_attribution="een buurman",
            version=activity.version,
        ),
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.quote_consent is False and activity.quote_consent_at is None
