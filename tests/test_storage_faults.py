"""A full disk or a read-only media folder ends in a message beside the file field.

The storage below fails the way a full disk does: the file is created, then writing
fails with ENOSPC (FileSystemStorage leaves the empty file behind). The page must come
back with the reason and everything typed, and leave neither a row nor a file.
"""

import errno
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programme.models import AgendaAttachment
from tests.factories import AgendaItemFactory, PartnerMeetingFactory
from tests.themes.conftest import png
from themes.models import Activity, ActivityPhoto

pytestmark = pytest.mark.django_db


class FullDiskStorage(FileSystemStorage):
    """Every file it is given is created empty, then the disk is full."""

    def _save(self, name, content):
        path = Path(self.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
        raise OSError(errno.ENOSPC, "No space left on device", str(path))


class FillsUpAfterOneFileStorage(FullDiskStorage):
    """The first file fits, the next one does not."""

    saved = 0

    def _save(self, name, content):
        if FillsUpAfterOneFileStorage.saved == 0:
            FillsUpAfterOneFileStorage.saved += 1
            return FileSystemStorage._save(self, name, content)
        return super()._save(name, content)


def use_storage(settings, storage_class):
    storage_class.saved = 0
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.{storage_class.__name__}"},
    }


def files_in(folder):
    return sorted(str(p.relative_to(folder)) for p in Path(folder).rglob("*") if p.is_file())


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


def test_a_photo_on_a_full_disk_is_a_message_beside_the_field_with_the_input_kept(
    client, partner, theme, settings, caplog
):
    use_storage(settings, FullDiskStorage)
    client.force_login(partner)
    response = client.post(
        reverse("themes:activity_create"),
        {**activity_post(theme), "photos": png(), "photo_consent": "on"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "De foto kon niet worden opgeslagen" in form.errors["photos"][0]
    assert "kies de foto opnieuw" in form.errors["photos"][0]
    page = response.content.decode()
    assert 'value="Wandelen met ouderen"' in page
    assert "Elke woensdag een rondje door Zeeland." in page
    assert not Activity.objects.exists()
    assert not ActivityPhoto.objects.exists()
    assert files_in(settings.MEDIA_ROOT) == []
    failures = [r for r in caplog.records if "event=upload_failed" in r.getMessage()]
    assert len(failures) == 1
    assert f"user={partner.pk}" in failures[0].getMessage()


def test_when_the_second_photo_does_not_fit_the_first_is_removed_too(
    client, partner, theme, settings
):
    use_storage(settings, FillsUpAfterOneFileStorage)
    client.force_login(partner)
    response = client.post(
        reverse("themes:activity_create"),
        {
            **activity_post(theme),
            "photos": [png("een.png"), png("twee.png")],
            "photo_consent": "on",
        },
    )
    assert "photos" in response.context["form"].errors
    assert not Activity.objects.exists()
    assert not ActivityPhoto.objects.exists()
    assert files_in(settings.MEDIA_ROOT) == []


def test_an_edit_that_cannot_store_its_photo_keeps_the_activity_and_its_photos(
    client, partner, theme, settings
):
    client.force_login(partner)
    client.post(
        reverse("themes:activity_create"),
        {**activity_post(theme), "photos": png(), "photo_consent": "on"},
    )
    activity = Activity.objects.get()
    kept = activity.photos.get()
    stored = files_in(settings.MEDIA_ROOT)
    assert len(stored) == 1

    use_storage(settings, FullDiskStorage)
    response = client.post(
        reverse("themes:activity_update", args=[activity.pk]),
        {
            **activity_post(theme, title="Nieuwe titel"),
            "version": activity.version,
            "remove_photos": [kept.pk],
            "photos": png("nieuw.png"),
            "photo_consent": "on",
        },
    )
    assert "De foto kon niet worden opgeslagen" in response.context["form"].errors["photos"][0]
    assert 'value="Nieuwe titel"' in response.content.decode()
    activity.refresh_from_db()
    assert activity.title == "Wandelen met ouderen"
    assert list(activity.photos.all()) == [kept]
    assert files_in(settings.MEDIA_ROOT) == stored


def test_an_attachment_on_a_full_disk_is_a_message_beside_the_field_and_nothing_is_kept(
    client, programmateam, settings
):
    meeting = PartnerMeetingFactory()
    item = AgendaItemFactory(meeting=meeting, title="Begroting")
    use_storage(settings, FullDiskStorage)
    client.force_login(programmateam)
    response = client.post(
        reverse("programme:agenda_item_update", kwargs={"pk": meeting.pk, "item": item.pk}),
        {"upload": "1", "file": SimpleUploadedFile("begroting.pdf", b"%PDF-1.4 begroting")},
    )
    assert response.status_code == 400
    errors = response.context["attachment_form"].errors["file"]
    assert "De bijlage kon niet worden opgeslagen" in errors[0]
    assert "kies het bestand dan opnieuw" in errors[0]
    assert "De bijlage kon niet worden opgeslagen" in response.content.decode()
    assert not AgendaAttachment.objects.exists()
    assert files_in(settings.MEDIA_ROOT) == []
