"""A photo chosen before a mistake elsewhere in the activity form is kept, not lost.

It waits under tijdelijk/<user>/<token> (landerd_portal.pending_uploads), is shown as a
thumbnail to its uploader only, can be dropped, still needs consent, and is saved with the
activity on the next successful submit; abandoned ones are swept away.
"""

import datetime
import os
import re
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from landerd_portal import pending_uploads
from tests.factories import ActivityFactory
from tests.themes.conftest import jpeg_with_gps, png
from themes.models import Activity

pytestmark = pytest.mark.django_db


def activity_post(theme, **overrides):
    return {
        "title": "Wandelen met ouderen",
        "theme": theme.pk,
        "date": "2019-06-12",
        "description": "Elke woensdag een rondje door Zeeland.",
        "reach": "14",
        "volunteers": "3",
        "action": "publish",
        **overrides,
    }


def kept_files(media_root):
    folder = Path(media_root) / pending_uploads.PREFIX
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def returned_form(client, theme, **fields):
    """Send the form without a title (a mistake) and with a photo; the form comes back."""
    response = client.post(
        reverse("themes:activity_create"),
        {**activity_post(theme, title=""), "photos": png("zomer.png"), **fields},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "title" in form.errors
    return response, form


def kept_value(form):
    return form["kept_photos"].value()


def test_a_photo_chosen_before_an_error_is_kept_and_shown_as_a_thumbnail(
    client, partner, theme, settings
):
    client.force_login(partner)
    response, form = returned_form(client, theme, photo_consent="on")
    files = kept_files(settings.MEDIA_ROOT)
    assert len(files) == 1
    assert files[0].parent.name == str(partner.pk)  # tied to the user
    assert len(files[0].name) == 32  # an unguessable token, not the chosen name
    with Image.open(files[0]) as image:
        assert image.format == "JPEG"  # re-encoded like every photo
    page = response.content.decode()
    token = files[0].name
    assert reverse("kept_file", kwargs={"token": token}) in page
    assert "Niet meer gebruiken: zomer.png" in page
    assert 'name="photo_consent"' in page and "checked" in page
    assert not Activity.objects.exists()


def test_the_kept_photo_is_saved_with_the_activity_on_the_next_submit(
    client, partner, theme, settings, django_capture_on_commit_callbacks
):
    client.force_login(partner)
    _response, form = returned_form(client, theme, photo_consent="on")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("themes:activity_create"),
            {**activity_post(theme), "kept_photos": kept_value(form), "photo_consent": "on"},
        )
    assert response.status_code == 302
    activity = Activity.objects.get()
    photo = activity.photos.get()
    assert photo.consent
    assert client.get(photo.get_file_url()).status_code == 200
    assert kept_files(settings.MEDIA_ROOT) == []  # the temporary copy is gone


def test_a_kept_photo_is_kept_on_an_edit_too(
    client, partner, theme, settings, django_capture_on_commit_callbacks
):
    activity = ActivityFactory(theme=theme, owner_organisation=partner.organisation)
    client.force_login(partner)
    url = reverse("themes:activity_update", args=[activity.pk])
    post = {**activity_post(theme), "version": activity.version}
    response = client.post(url, {**post, "title": "", "photos": png(), "photo_consent": "on"})
    form = response.context["form"]
    assert "title" in form.errors
    assert len(kept_files(settings.MEDIA_ROOT)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {**post, "kept_photos": kept_value(form), "photo_consent": "on"}
        )
    assert response.status_code == 302
    assert activity.photos.count() == 1
    assert kept_files(settings.MEDIA_ROOT) == []


def test_the_kept_photo_is_served_only_to_its_uploader(
    client, partner, other_partner, programmateam, theme, settings
):
    client.force_login(partner)
    returned_form(client, theme, photo_consent="on")
    token = kept_files(settings.MEDIA_ROOT)[0].name
    url = reverse("kept_file", kwargs={"token": token})
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private"
    for someone_else in (other_partner, programmateam):
        client.force_login(someone_else)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_a_kept_photo_of_another_user_cannot_be_smuggled_into_a_form(
    client, partner, other_partner, theme, settings
):
    client.force_login(partner)
    _response, form = returned_form(client, theme, photo_consent="on")
    client.force_login(other_partner)
    response = client.post(
        reverse("themes:activity_create"),
        {**activity_post(theme), "kept_photos": kept_value(form), "photo_consent": "on"},
    )
    assert response.status_code == 302
    assert not Activity.objects.get().photos.exists()


def test_a_kept_photo_can_be_dropped(
    client, partner, theme, settings, django_capture_on_commit_callbacks
):
    client.force_login(partner)
    _response, form = returned_form(client, theme, photo_consent="on")
    token = kept_files(settings.MEDIA_ROOT)[0].name
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("themes:activity_create"),
            {**activity_post(theme), "kept_photos": kept_value(form), "drop_kept_photos": [token]},
        )
    assert response.status_code == 302
    assert not Activity.objects.get().photos.exists()
    assert kept_files(settings.MEDIA_ROOT) == []


def test_a_photo_dropped_while_the_form_comes_back_again_is_removed_at_once(
    client, partner, theme, settings
):
    client.force_login(partner)
    _response, form = returned_form(client, theme, photo_consent="on")
    token = kept_files(settings.MEDIA_ROOT)[0].name
    response = client.post(
        reverse("themes:activity_create"),
        {
            **activity_post(theme, title=""),
            "kept_photos": kept_value(form),
            "drop_kept_photos": [token],
        },
    )
    assert "title" in response.context["form"].errors
    assert kept_files(settings.MEDIA_ROOT) == []
    assert "Niet meer gebruiken" not in response.content.decode()


def test_a_kept_photo_still_needs_consent(client, partner, theme, settings):
    client.force_login(partner)
    _response, form = returned_form(client, theme)  # no consent ticked
    response = client.post(
        reverse("themes:activity_create"),
        {**activity_post(theme), "kept_photos": kept_value(form)},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "toestemming" in form.errors["photo_consent"][0]
    assert not Activity.objects.exists()
    # Still kept, so ticking consent is all it takes.
    assert len(kept_files(settings.MEDIA_ROOT)) == 1
    response = client.post(
        reverse("themes:activity_create"),
        {**activity_post(theme), "kept_photos": kept_value(form), "photo_consent": "on"},
    )
    assert response.status_code == 302
    assert Activity.objects.get().photos.count() == 1


def test_a_photo_without_consent_is_kept_for_when_consent_is_ticked(
    client, partner, theme, settings
):
    client.force_login(partner)
    response = client.post(
        reverse("themes:activity_create"), {**activity_post(theme), "photos": png()}
    )
    assert "photo_consent" in response.context["form"].errors
    assert len(kept_files(settings.MEDIA_ROOT)) == 1


def test_the_kept_photo_has_no_location_left(client, partner, theme, settings):
    client.force_login(partner)
    client.post(
        reverse("themes:activity_create"),
        {**activity_post(theme, title=""), "photos": jpeg_with_gps(), "photo_consent": "on"},
    )
    data = kept_files(settings.MEDIA_ROOT)[0].read_bytes()
    assert b"TestCam" not in data and b"Exif" not in data


def test_a_changed_signature_keeps_nothing(client, partner, theme, settings):
    client.force_login(partner)
    _response, form = returned_form(client, theme, photo_consent="on")
    value = kept_value(form)
    tampered = re.sub(r"^.", lambda m: "A" if m.group() != "A" else "B", value)
    response = client.post(
        reverse("themes:activity_create"),
        {**activity_post(theme), "kept_photos": tampered, "photo_consent": "on"},
    )
    assert response.status_code == 302
    assert not Activity.objects.get().photos.exists()


def test_abandoned_kept_photos_are_swept_after_a_day(client, partner, theme, settings):
    client.force_login(partner)
    returned_form(client, theme, photo_consent="on")
    returned_form(client, theme, photo_consent="on")
    old, recent = kept_files(settings.MEDIA_ROOT)
    day_ago = time.time() - 25 * 3600
    os.utime(old, (day_ago, day_ago))
    call_command("sweep_kept_uploads", stdout=open(os.devnull, "w"))
    assert kept_files(settings.MEDIA_ROOT) == [recent]
    assert pending_uploads.sweep(older_than=datetime.timedelta(0)) == 1
    assert kept_files(settings.MEDIA_ROOT) == []


def test_the_sweep_runs_on_beat(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["kept-uploads-sweep"]
    assert entry["task"] == "landerd_portal.sweep_kept_uploads"
