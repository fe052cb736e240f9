"""Stored files (photos, agenda attachments, report versions) reach only those who may see
the page that links to them, through one delivery (landerd_portal/media.py).

Requests go through the real URL conf with DEBUG off (pytest-django's default), over
HTTP to the live server where it matters; nothing in MEDIA_ROOT has an address of its own.
"""

import importlib
import io
import types
import urllib.error
import urllib.request

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, clear_url_caches, resolve, reverse
from PIL import Image

from landerd_portal import urls as portal_urls
from landerd_portal.media import serve_file
from programme.meetings import services as meeting_services
from programme.models import PhaseReport, phase_report_path
from tests.factories import (
    ActivityFactory,
    AgendaItemFactory,
    PartnerMeetingFactory,
    PhaseReportFactory,
)
from themes.models import ActivityPhoto

JPEG_START = b"\xff\xd8\xff"


def jpeg_bytes(width=40, height=30):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 80, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


def add_photo(activity):
    photo = ActivityPhoto(activity=activity, consent=True, alt_text="De buurtlunch")
    photo.image.save("upload.jpg", ContentFile(jpeg_bytes()), save=True)
    return photo


def body_of(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.fixture
def published_photo(organisation):
    activity = ActivityFactory(
        owner_organisation=organisation, published=True, title="Buurtlunch Reek"
    )
    return add_photo(activity)


@pytest.fixture
def draft_photo(organisation, theme):
    return add_photo(ActivityFactory(owner_organisation=organisation, theme=theme))


# --- Activity photos ----------------------------------------------------------------------


@pytest.mark.django_db
def test_partner_of_another_organisation_gets_a_published_activitys_photo(
    client, other_partner, published_photo
):
    client.force_login(other_partner)
    response = client.get(published_photo.get_file_url())
    assert response.status_code == 200
    assert body_of(response).startswith(JPEG_START)
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("inline")
    assert (
        f'filename="buurtlunch-reek-foto-{published_photo.pk}.jpg"'
        in (response["Content-Disposition"])
    )
    assert response["Cache-Control"] == "private"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_draft_photo_is_refused_to_another_organisations_partner(
    client, other_partner, draft_photo
):
    client.force_login(other_partner)
    response = client.get(draft_photo.get_file_url())
    assert response.status_code in (403, 404)
    assert not body_of(response).startswith(JPEG_START)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["partner", "kartrekker", "programmateam", "beheer"])
def test_draft_photo_is_served_to_its_organisation_kartrekker_and_programme_team(
    client, users, draft_photo, role
):
    client.force_login(users[role])
    response = client.get(draft_photo.get_file_url())
    assert response.status_code == 200
    assert body_of(response).startswith(JPEG_START)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["griffie", "observer"])
@pytest.mark.parametrize("which", ["published", "draft"])
def test_readers_without_an_organisation_get_a_photo_as_the_activity_rule_says(
    client, users, published_photo, draft_photo, role, which
):
    photo = published_photo if which == "published" else draft_photo
    user = users[role]
    client.force_login(user)
    response = client.get(photo.get_file_url())
    if user.has_perm("themes.view_activity", photo.activity):
        assert response.status_code == 200 and body_of(response).startswith(JPEG_START)
    else:
        assert response.status_code in (403, 404)
    if which == "draft":
        assert response.status_code in (403, 404)


@pytest.mark.django_db
def test_signed_out_visitor_is_sent_to_sign_in_for_a_photo(client, published_photo):
    response = client.get(published_photo.get_file_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_photo_is_handed_to_nginx_without_a_body(client, settings, other_partner, published_photo):
    settings.MEDIA_DELIVERY = "nginx"
    settings.MEDIA_ACCEL_PREFIX = "/protected-media/"
    client.force_login(other_partner)
    response = client.get(published_photo.get_file_url())
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected-media/{published_photo.image.name}"
    assert response.content == b""
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("inline")
    assert response["Cache-Control"] == "private"


@pytest.mark.django_db
def test_nginx_never_gets_a_refused_file(client, settings, other_partner, draft_photo):
    settings.MEDIA_DELIVERY = "nginx"
    client.force_login(other_partner)
    response = client.get(draft_photo.get_file_url())
    assert response.status_code in (403, 404)
    assert "X-Accel-Redirect" not in response


@pytest.mark.django_db
def test_stored_photo_names_are_unguessable(published_photo):
    again = add_photo(published_photo.activity)
    for photo in (published_photo, again):
        folder, token_and_suffix = photo.image.name.rsplit("/", 1)
        assert folder == f"activiteiten/{photo.activity_id}"
        assert token_and_suffix.endswith(".jpg") and "upload" not in token_and_suffix
        assert len(token_and_suffix) >= 20
    assert published_photo.image.name != again.image.name


@pytest.mark.django_db
def test_nothing_in_media_root_has_an_address_of_its_own(client, programmateam, published_photo):
    client.force_login(programmateam)
    name = published_photo.image.name
    for url in (f"/media/{name}", f"/{name}", f"/bestanden/{name}", f"/protected-media/{name}"):
        assert client.get(url).status_code == 404, url


def test_no_media_route_even_in_development(settings):
    """The URL conf itself has no route for MEDIA_URL, with DEBUG on too (the live
    server's test harness serves MEDIA_URL on its own, so it cannot show this)."""
    settings.DEBUG = True
    try:
        importlib.reload(portal_urls)
        clear_url_caches()
        with pytest.raises(Resolver404):
            resolve(f"/{settings.MEDIA_URL}activiteiten/1/foto.jpg")
    finally:
        settings.DEBUG = False
        importlib.reload(portal_urls)
        clear_url_caches()


@pytest.mark.django_db
def test_activity_page_shows_photos_through_the_checked_address(
    client, other_partner, published_photo
):
    client.force_login(other_partner)
    page = client.get(published_photo.activity.get_absolute_url()).content.decode()
    assert f'src="{published_photo.get_file_url()}"' in page
    assert "/media/" not in page


@pytest.mark.django_db
def test_a_photo_whose_file_is_gone_is_not_found(client, other_partner, published_photo):
    default_storage.delete(published_photo.image.name)
    client.force_login(other_partner)
    assert client.get(published_photo.get_file_url()).status_code == 404


# --- Over HTTP, to the live server (DEBUG off) --------------------------------------------


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def http_get(url, session=None):
    """(status, headers, body) of a GET to the live server, redirects not followed."""
    opener = urllib.request.build_opener(_NoRedirects)
    request = urllib.request.Request(url)
    if session:
        request.add_header("Cookie", f"{settings.SESSION_COOKIE_NAME}={session}")
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def session_of(client, user):
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_photos_over_http_with_debug_off(live_server, client, organisation, other_partner):
    assert not settings.DEBUG
    published = add_photo(ActivityFactory(owner_organisation=organisation, published=True))
    draft = add_photo(ActivityFactory(owner_organisation=organisation))
    session = session_of(client, other_partner)

    status, headers, body = http_get(live_server.url + published.get_file_url(), session)
    assert status == 200 and body.startswith(JPEG_START)
    assert headers["Content-Type"] == "image/jpeg"
    with Image.open(io.BytesIO(body)) as image:
        assert image.size == (40, 30)

    status, _, body = http_get(live_server.url + draft.get_file_url(), session)
    assert status in (403, 404) and not body.startswith(JPEG_START)

    status, headers, _ = http_get(live_server.url + published.get_file_url())
    assert status == 302 and headers["Location"].startswith(reverse("login"))


# --- Report versions ------------------------------------------------------------------------


@pytest.fixture
def unpublished_report(phase):
    report = PhaseReportFactory(phase=phase, ready=True, checksum="c" * 64)
    for extension, body in [("pdf", b"%PDF-1.7 concept"), ("csv", b"Nummer;Titel\r\n")]:
        name = phase_report_path(report, report.download_name(extension))
        getattr(report, extension).name = default_storage.save(name, ContentFile(body))
    report.save()
    return report


@pytest.mark.django_db
def test_an_unpublished_report_is_fetched_by_no_url_but_the_programme_teams(
    client, users, unpublished_report
):
    report = unpublished_report
    name = report.pdf.name
    # Its storage name says which phase it is about, but not where it lies.
    assert name.startswith(f"rapportages/{report.phase.slug}/")
    assert name.endswith(f"/{report.download_name('pdf')}")
    assert name != f"rapportages/{report.phase.slug}/{report.download_name('pdf')}"
    guesses = [
        f"/media/{name}",
        f"/{name}",
        f"/bestanden/{name}",
        f"/protected-media/{name}",
        f"/media/rapportages/{report.phase.slug}/{report.download_name('pdf')}",
    ]
    download = reverse("programme:report_download", args=[report.pk, "pdf"])

    assert client.get(download).status_code == 302  # signed out: to the login page
    for role in ("partner", "griffie", "observer", "kartrekker", "programmateam"):
        client.force_login(users[role])
        for url in guesses:
            assert client.get(url).status_code == 404, (role, url)
        response = client.get(download)
        if role == "programmateam":
            assert response.status_code == 200
            assert body_of(response) == b"%PDF-1.7 concept"
        else:
            assert response.status_code in (403, 404), role
            assert b"concept" not in body_of(response)


@pytest.mark.django_db
def test_a_published_report_is_a_download_for_the_griffie(client, griffie, unpublished_report):
    PhaseReport.objects.filter(pk=unpublished_report.pk).update(status=PhaseReport.Status.PUBLISHED)
    client.force_login(griffie)
    response = client.get(reverse("programme:report_download", args=[unpublished_report.pk, "pdf"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_report_download_is_handed_to_nginx(client, settings, programmateam, unpublished_report):
    settings.MEDIA_DELIVERY = "nginx"
    client.force_login(programmateam)
    response = client.get(reverse("programme:report_download", args=[unpublished_report.pk, "csv"]))
    assert response["X-Accel-Redirect"] == f"/protected-media/{unpublished_report.csv.name}"
    assert response.content == b""
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{unpublished_report.download_name("csv")}"'
    )


@pytest.mark.django_db
def test_a_rebuilt_version_is_stored_under_the_same_unguessable_name(unpublished_report):
    first = phase_report_path(unpublished_report, "x.pdf")
    assert phase_report_path(unpublished_report, "x.pdf") == first
    other = PhaseReportFactory(phase=unpublished_report.phase)
    assert phase_report_path(other, "x.pdf") != first


# --- Agenda attachments -----------------------------------------------------------------------


@pytest.fixture
def draft_agenda_attachment(programmateam):
    item = AgendaItemFactory(meeting=PartnerMeetingFactory())
    return meeting_services.attachment_add(
        item=item,
        actor=programmateam,
        uploaded_file=SimpleUploadedFile("Begroting 2020.pdf", b"%PDF-1.4 concept-begroting"),
    )


@pytest.mark.django_db
def test_a_draft_agendas_attachment_is_for_the_programme_team_only(
    client, users, draft_agenda_attachment
):
    url = draft_agenda_attachment.get_absolute_url()
    name = draft_agenda_attachment.file.name
    assert "Begroting" not in name
    assert client.get(url).status_code == 302
    for role in ("partner", "other_partner", "kartrekker", "griffie", "observer", "programmateam"):
        client.force_login(users[role])
        assert client.get(f"/media/{name}").status_code == 404
        response = client.get(url)
        if role == "programmateam":
            assert response.status_code == 200
            assert body_of(response) == b"%PDF-1.4 concept-begroting"
            assert response["Content-Type"] == "application/pdf"
            assert response["Content-Disposition"] == ('attachment; filename="Begroting 2020.pdf"')
            assert response["Cache-Control"] == "private"
        else:
            assert response.status_code in (403, 404), role
            assert b"concept" not in body_of(response)


@pytest.mark.django_db
def test_a_published_agendas_attachment_reaches_partners(
    client, programmateam, other_partner, draft_agenda_attachment
):
    meeting = draft_agenda_attachment.agenda_item.meeting
    meeting.status = meeting.Status.PUBLISHED
    meeting.save()
    client.force_login(other_partner)
    assert client.get(draft_agenda_attachment.get_absolute_url()).status_code == 200


# --- Object storage ---------------------------------------------------------------------------


class SigningStorage:
    """Just enough of django-storages' S3Storage: url(name, parameters, expire)."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        self.asked = {"name": name, "parameters": parameters, "expire": expire}
        return f"https://bucket.example/{name}?signature=abc"


def test_object_storage_gets_a_redirect_to_a_short_lived_signed_url(rf, settings):
    settings.MEDIA_DELIVERY = "signed-url"
    settings.MEDIA_SIGNED_URL_SECONDS = 45
    storage = SigningStorage()
    stored = types.SimpleNamespace(name="activiteiten/1/tok.jpg", storage=storage)
    response = serve_file(rf.get("/"), stored, filename="lunch.jpg")
    assert response.status_code == 302
    assert response["Location"] == "https://bucket.example/activiteiten/1/tok.jpg?signature=abc"
    assert response["Cache-Control"] == "private, no-store"
    assert storage.asked["expire"] == 45
    assert storage.asked["parameters"]["ResponseContentType"] == "image/jpeg"
    assert storage.asked["parameters"]["ResponseContentDisposition"].startswith("inline")


def test_only_raster_images_are_shown_inline(rf, settings):
    """A stored SVG (script inside) or HTML is never rendered in the portal's origin."""
    settings.MEDIA_DELIVERY = "django"
    default_storage.save("proef/tekening.svg", ContentFile(b"<svg><script>1</script></svg>"))
    stored = types.SimpleNamespace(name="proef/tekening.svg", storage=default_storage)
    response = serve_file(rf.get("/"), stored, filename="tekening.svg")
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]
    response.close()
