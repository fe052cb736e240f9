"""An attachment chosen in the agenda item form before a mistake is kept for the next submit.

It waits under tijdelijk/<user>/<token> (landerd_portal.pending_uploads) and is added to
the item when the form is sent again without errors; the document checks still apply.
"""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from landerd_portal import pending_uploads
from programme.models import AgendaItem
from tests.factories import AgendaItemFactory, PartnerMeetingFactory

pytestmark = pytest.mark.django_db


def kept_files(media_root):
    folder = Path(media_root) / pending_uploads.PREFIX
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def item_post(**overrides):
    return {"kind": "informeren", "title": "Begroting 2020", "minutes_allotted": "15", **overrides}


@pytest.fixture
def meeting(db):
    return PartnerMeetingFactory()


def test_an_attachment_kept_after_an_error_is_added_on_the_next_submit(
    client, programmateam, meeting, settings, django_capture_on_commit_callbacks
):
    client.force_login(programmateam)
    url = reverse("programme:agenda_item_create", kwargs={"pk": meeting.pk})
    response = client.post(
        url,
        item_post(
            title="",
            attachment=SimpleUploadedFile("begroting.pdf", b"%PDF-1.4 begroting"),
        ),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "title" in form.errors
    assert len(kept_files(settings.MEDIA_ROOT)) == 1
    page = response.content.decode()
    assert "Niet meer gebruiken: begroting.pdf" in page
    assert 'enctype="multipart/form-data"' in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, item_post(kept_attachment=form["kept_attachment"].value()))
    assert response.status_code == 302
    item = AgendaItem.objects.get(meeting=meeting, title="Begroting 2020")
    attachment = item.attachments.get()
    assert attachment.name == "begroting.pdf"
    assert attachment.content_type == "application/pdf"
    assert attachment.file.read() == b"%PDF-1.4 begroting"
    assert kept_files(settings.MEDIA_ROOT) == []


def test_an_attachment_chosen_with_a_valid_form_is_added_at_once(client, programmateam, meeting):
    client.force_login(programmateam)
    item = AgendaItemFactory(meeting=meeting)
    response = client.post(
        reverse("programme:agenda_item_update", kwargs={"pk": meeting.pk, "item": item.pk}),
        item_post(
            version=item.version,
            attachment=SimpleUploadedFile("notitie.pdf", b"%PDF-1.4 notitie"),
        ),
    )
    assert response.status_code == 302
    assert item.attachments.get().name == "notitie.pdf"


def test_a_disguised_attachment_is_not_kept_and_says_why(client, programmateam, meeting, settings):
    client.force_login(programmateam)
    response = client.post(
        reverse("programme:agenda_item_create", kwargs={"pk": meeting.pk}),
        item_post(title="", attachment=SimpleUploadedFile("begroting.pdf", b"#!/bin/sh")),
    )
    form = response.context["form"]
    assert "Dit soort bestand kan niet als bijlage" in form.errors["attachment"][0]
    assert kept_files(settings.MEDIA_ROOT) == []


def test_a_kept_attachment_can_be_dropped(
    client, programmateam, meeting, settings, django_capture_on_commit_callbacks
):
    client.force_login(programmateam)
    url = reverse("programme:agenda_item_create", kwargs={"pk": meeting.pk})
    response = client.post(
        url,
        item_post(title="", attachment=SimpleUploadedFile("a.pdf", b"%PDF-1.4 a")),
    )
    form = response.context["form"]
    token = kept_files(settings.MEDIA_ROOT)[0].name
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            item_post(kept_attachment=form["kept_attachment"].value(), drop_kept_attachment=token),
        )
    assert response.status_code == 302
    assert not AgendaItem.objects.get(meeting=meeting).attachments.exists()
    assert kept_files(settings.MEDIA_ROOT) == []
