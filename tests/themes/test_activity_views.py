"""Logging, changing and finding activities through the pages, as a partner uses them."""

import datetime

import pytest
from django.urls import reverse
from PIL import Image

from tests.factories import ActivityFactory, OrganisationFactory, PhaseFactory, ThemeFactory
from tests.themes.conftest import jpeg_with_gps
from themes.models import Activity, ActivityPhoto, TargetGroup

pytestmark = pytest.mark.django_db


def activity_post(theme, **overrides):
    data = {
        "title": "Wandelen met ouderen",
        "theme": theme.pk,
        "date": "2019-06-12",
        "description": "Elke woensdag een rondje door Zeeland.",
        "reach": "14",
        "volunteers": "3",
        "action": "publish",
    }
    data.update(overrides)
    return data


def test_partner_logs_a_published_activity_for_their_organisation(
    client, partner, theme, villages, effort
):
    client.force_login(partner)
    ouderen = TargetGroup.objects.get(code="ouderen")
    response = client.post(
        reverse("themes:activity_create"),
        activity_post(
            theme,
            villages=[villages["Zeeland"].pk],
            target_groups=[ouderen.pk],
            effort=effort.pk,
            quote="Ik kom nu elke week buiten.",
            quote_attribution="een deelnemer",
        ),
    )
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == activity.get_absolute_url()
    assert activity.status == Activity.Status.PUBLISHED
    assert activity.owner_organisation == partner.organisation
    assert activity.created_by == partner and activity.updated_by == partner
    assert list(activity.villages.all()) == [villages["Zeeland"]]
    assert activity.effort == effort
    assert {record.history_user for record in activity.history.all()} == {partner}


def test_save_as_draft_keeps_the_activity_a_concept(client, partner, theme):
    client.force_login(partner)
    client.post(reverse("themes:activity_create"), activity_post(theme, action="draft"))
    assert Activity.objects.get().status == Activity.Status.DRAFT


def test_new_activity_form_preselects_theme_and_own_organisation(client, partner, theme):
    client.force_login(partner)
    response = client.get(reverse("themes:activity_create"), {"thema": theme.slug})
    form = response.context["form"]
    assert form["theme"].value() == theme.pk
    assert form["organisations"].value() == [partner.organisation_id]
    assert "owner_organisation" not in form.fields


def test_bad_input_gets_dutch_messages_next_to_fields_and_keeps_what_was_typed(
    client, partner, theme
):
    client.force_login(partner)
    response = client.post(
        reverse("themes:activity_create"),
        activity_post(
            theme, date="2019-06-12", end_date="2019-06-01", reach="veel", title="Buurtsoep"
        ),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["end_date"] == ["De einddatum ligt vóór de begindatum."]
    assert errors["reach"] == ["Voer een geheel getal in."]
    html = response.content.decode()
    assert 'value="Buurtsoep"' in html
    assert "Elke woensdag een rondje door Zeeland." in html
    assert not Activity.objects.exists()


def test_effort_of_another_theme_is_refused(client, partner, theme, effort):
    client.force_login(partner)
    other_theme = ThemeFactory(name="Mantelzorg")
    response = client.post(
        reverse("themes:activity_create"), activity_post(other_theme, effort=effort.pk)
    )
    assert response.status_code == 200
    assert "effort" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_form_offers_only_the_efforts_of_the_chosen_theme(client, partner, theme, effort):
    client.force_login(partner)
    from tests.factories import EffortFactory, GoalFactory

    elsewhere = EffortFactory(goal=GoalFactory(theme=ThemeFactory(name="Opvoeding")))
    response = client.get(reverse("themes:activity_create"), {"thema": theme.slug})
    assert list(response.context["form"].fields["effort"].queryset) == [effort]
    options = client.get(reverse("themes:activity_effort_options"), {"theme": theme.pk})
    assert effort.title in options.content.decode()
    assert elsewhere.title not in options.content.decode()


def test_photo_is_stored_as_jpeg_without_exif_or_gps(client, partner, theme, gps_jpeg):
    assert Image.open(gps_jpeg).getexif().get_ifd(0x8825)  # the upload does carry GPS
    gps_jpeg.seek(0)
    client.force_login(partner)
    client.post(
        reverse("themes:activity_create"),
        {
            **activity_post(theme),
            "photos": gps_jpeg,
            "photo_alt_text": "Deelnemers op het kerkplein",
            "photo_consent": "on",
        },
    )
    photo = ActivityPhoto.objects.get()
    assert photo.consent and photo.uploaded_by == partner
    assert photo.image.name.endswith(".jpg") and "uitje" not in photo.image.name
    with Image.open(photo.image.path) as stored:
        assert stored.format == "JPEG"
        assert len(stored.getexif()) == 0
        assert "exif" not in stored.info


def test_photo_without_consent_is_not_kept_and_the_rest_of_the_form_is(
    client, partner, theme, small_png
):
    client.force_login(partner)
    response = client.post(
        reverse("themes:activity_create"), {**activity_post(theme), "photos": small_png}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "toestemming" in form.errors["photo_consent"][0]
    assert form["title"].value() == "Wandelen met ouderen"
    assert not Activity.objects.exists() and not ActivityPhoto.objects.exists()


def test_a_file_that_is_not_an_image_is_refused_whatever_its_name(client, partner, theme):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("vakantie.jpg", b"%PDF-1.4 not a photo", content_type="image/jpeg")
    client.force_login(partner)
    response = client.post(
        reverse("themes:activity_create"),
        {**activity_post(theme), "photos": fake, "photo_consent": "on"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["photos"] == [
        "vakantie.jpg is geen foto. Kies een afbeelding (bijvoorbeeld JPEG of PNG)."
    ]
    assert not Activity.objects.exists()


def test_a_photo_over_the_size_limit_is_refused(client, partner, theme, settings):
    from themes import photos

    client.force_login(partner)
    big = jpeg_with_gps(size=(400, 400))
    original = photos.MAX_PHOTO_BYTES
    photos.MAX_PHOTO_BYTES = 1000
    try:
        response = client.post(
            reverse("themes:activity_create"),
            {**activity_post(theme), "photos": big, "photo_consent": "on"},
        )
    finally:
        photos.MAX_PHOTO_BYTES = original
    assert "groter dan 10 MB" in response.context["form"].errors["photos"][0]
    assert not Activity.objects.exists()


def test_editing_records_who_changed_what(client, partner, kartrekker, theme, organisation):
    activity = ActivityFactory(theme=theme, owner_organisation=organisation, published=True)
    client.force_login(kartrekker)
    response = client.post(
        reverse("themes:activity_update", args=[activity.pk]),
        activity_post(theme, title="Wandelen met ouderen (vernieuwd)", version=activity.version),
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Wandelen met ouderen (vernieuwd)"
    assert activity.updated_by == kartrekker
    latest = activity.history.latest()
    assert latest.history_user == kartrekker
    assert latest.title == "Wandelen met ouderen (vernieuwd)"


def test_partner_of_another_organisation_cannot_edit_and_nothing_changes(
    client, other_partner, theme, organisation
):
    activity = ActivityFactory(
        theme=theme, owner_organisation=organisation, published=True, title="Origineel"
    )
    client.force_login(other_partner)
    response = client.post(
        reverse("themes:activity_update", args=[activity.pk]),
        activity_post(theme, title="Gekaapt"),
    )
    assert response.status_code == 403
    assert "alleen de organisatie die haar vastlegde" in response.content.decode()
    activity.refresh_from_db()
    assert activity.title == "Origineel"


def test_removing_a_photo_on_edit(client, partner, theme, organisation, small_png):
    client.force_login(partner)
    client.post(
        reverse("themes:activity_create"),
        {**activity_post(theme), "photos": small_png, "photo_consent": "on"},
    )
    activity = Activity.objects.get()
    photo = activity.photos.get()
    client.post(
        reverse("themes:activity_update", args=[activity.pk]),
        {**activity_post(theme), "remove_photos": [photo.pk], "version": activity.version},
    )
    assert not activity.photos.exists()


def test_owner_deletes_their_activity(client, partner, theme, organisation):
    activity = ActivityFactory(theme=theme, owner_organisation=organisation)
    client.force_login(partner)
    response = client.post(reverse("themes:activity_delete", args=[activity.pk]))
    assert response.status_code == 302
    assert not Activity.objects.filter(pk=activity.pk).exists()


# --- Finding activities ------------------------------------------------------------------


def titles(response):
    return [activity.title for activity in response.context["activities"]]


def test_filters_combine_and_are_reflected_in_the_url(client, partner, theme, villages):
    other_theme = ThemeFactory(name="Opvoeding")
    jeugd = TargetGroup.objects.get(code="jeugd")
    match = ActivityFactory(
        theme=theme, title="Soep in Reek", villages=[villages["Reek"]], published=True
    )
    match.target_groups.add(jeugd)
    ActivityFactory(theme=theme, title="Soep in Zeeland", villages=[villages["Zeeland"]])
    ActivityFactory(theme=other_theme, title="Soep elders", villages=[villages["Reek"]])
    client.force_login(partner)
    url = reverse("themes:activity_list")
    response = client.get(url, {"thema": theme.slug, "dorp": "reek", "doelgroep": "jeugd"})
    assert titles(response) == ["Soep in Reek"]
    assert client.get(url, {"zoek": "elders"}).context["activities"].__len__() == 0  # a draft
    assert titles(client.get(url, {"zoek": "reek"})) == ["Soep in Reek"]


def test_filter_by_organisation_includes_activities_it_took_part_in(client, partner, theme):
    ggd = OrganisationFactory(name="GGD Hart voor Brabant")
    own = ActivityFactory(theme=theme, owner_organisation=ggd, title="Eigen", published=True)
    joined = ActivityFactory(theme=theme, title="Meegedaan", published=True)
    joined.organisations.add(ggd)
    ActivityFactory(theme=theme, title="Anders", published=True)
    client.force_login(partner)
    response = client.get(reverse("themes:activity_list"), {"organisatie": ggd.slug})
    assert sorted(titles(response)) == sorted([own.title, joined.title])


def test_filter_by_phase_and_period(client, partner, theme):
    PhaseFactory()  # fase-1-2019
    ActivityFactory(theme=theme, date=datetime.date(2019, 5, 1), title="2019", published=True)
    ActivityFactory(theme=theme, date=datetime.date(2020, 5, 1), title="2020", published=True)
    client.force_login(partner)
    url = reverse("themes:activity_list")
    assert titles(client.get(url, {"fase": "fase-1-2019"})) == ["2019"]
    assert titles(client.get(url, {"van": "2020-01-01"})) == ["2020"]
    assert titles(client.get(url, {"tot": "2019-12-31"})) == ["2019"]


def test_htmx_filter_request_gets_only_the_results(client, partner, theme):
    ActivityFactory(theme=theme, title="Zichtbaar", published=True)
    client.force_login(partner)
    response = client.get(reverse("themes:activity_list"), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Zichtbaar" in html
    assert "<html" not in html


def test_invalid_filter_values_are_ignored_not_an_error(client, partner, theme):
    ActivityFactory(theme=theme, published=True)
    client.force_login(partner)
    response = client.get(
        reverse("themes:activity_list"), {"thema": "bestaat-niet", "van": "gisteren", "page": "x"}
    )
    assert response.status_code == 200
    assert len(response.context["activities"]) == 1


def test_list_is_paginated(client, partner, theme):
    for day in range(1, 28):
        ActivityFactory(theme=theme, date=datetime.date(2019, 3, day), published=True)
    client.force_login(partner)
    response = client.get(reverse("themes:activity_list"), {"page": 2})
    assert len(response.context["activities"]) == 2
    assert response.context["page_obj"].paginator.num_pages == 2
