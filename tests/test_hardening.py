"""Trust (issue 11, part 6): security headers, signed cache entries, bidi control
characters, plain-text mail and the privacy statement."""

import base64
import hashlib
import pickle
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.template import loader
from django.test import Client
from django.urls import reverse

from landerd_portal import fragments
from landerd_portal.text import mail_subject, strip_bidi_controls
from programme.meetings import services as meeting_services
from tests.factories import ActivityFactory, AgendaItemFactory, PartnerMeetingFactory
from tests.themes.test_activity_views import activity_post
from themes.models import Activity

pytestmark = pytest.mark.django_db

RLO = "\u202e"


def _directives(response):
    policy = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in policy.split(";")) if part
    }


# --- Security headers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, signed_in, status",
    [
        ("/accounts/login/", False, 200),
        ("/privacy/", False, 200),
        ("/", False, 302),
        ("/", True, 200),
        ("/activiteiten/", True, 200),
        ("/bestaat-niet/", True, 404),
        ("/healthz", False, None),
    ],
)
def test_every_response_carries_the_content_security_and_permissions_policies(
    client, partner, path, signed_in, status
):
    if signed_in:
        client.force_login(partner)
    response = client.get(path)

    if status is not None:
        assert response.status_code == status
    directives = _directives(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["style-src"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["img-src"] == ["'self'", "data:"]
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions


def test_base_layout_turns_off_htmx_injected_indicator_style(client):
    response = client.get("/accounts/login/")
    assert b'<meta name="htmx-config" content=\'{"includeIndicatorStyles": false}\'>' in (
        response.content
    )


# --- The cache hands out nothing it did not sign ---------------------------------------------


def test_a_cached_part_with_a_wrong_signature_is_rendered_anew():
    key = fragments._key("part", ("vary",))
    version = fragments.content_version()
    payload = pickle.dumps("<script>alert(1)</script>")
    cache.set(key, (version, payload, "0" * 64))

    assert fragments.cached("part", ("vary",), lambda: "<p>vers</p>") == "<p>vers</p>"
    # The fresh value replaced the tampered one, and is served from the cache from now on.
    assert fragments.cached("part", ("vary",), lambda: "<p>anders</p>") == "<p>vers</p>"


def test_a_part_signed_for_another_key_or_of_another_shape_is_not_used():
    version = fragments.content_version()
    elsewhere = fragments._seal(fragments._key("other", ()), version, "<p>elders</p>")
    key = fragments._key("part", ())
    cache.set(key, elsewhere)
    assert fragments.cached("part", (), lambda: "eigen") == "eigen"

    cache.set(key, "<p>kaal</p>")
    assert fragments.cached("part", (), lambda: "opnieuw") == "opnieuw"


def test_a_tampered_activity_list_part_is_ignored_and_the_page_rendered_from_the_database(
    client, partner, theme
):
    ActivityFactory(
        title="Wandelen met ouderen",
        theme=theme,
        owner_organisation=partner.organisation,
        published=True,
    )
    client.force_login(partner)
    assert b"Wandelen met ouderen" in client.get("/activiteiten/").content
    keys = cache.keys("fragment:*")
    assert keys, "the activity list caches its parts"
    for key in keys:
        version, _payload, _signature = cache.get(key)
        forged = pickle.dumps("<p>Vervalst</p><script>alert(1)</script>")
        cache.set(key, (version, forged, fragments._signature(key, version, b"other")))

    response = client.get("/activiteiten/")

    assert b"Vervalst" not in response.content
    assert b"Wandelen met ouderen" in response.content


UNPICKLED = []


def _record_unpickling():
    UNPICKLED.append(True)
    return "kwaadaardig"


class _Payload:
    def __reduce__(self):
        return (_record_unpickling, ())


def test_the_redis_cache_never_unpickles_a_value_it_did_not_sign():
    if not hasattr(cache, "client") or not hasattr(cache.client, "get_client"):
        pytest.skip("runs against the Redis cache")
    UNPICKLED.clear()
    cache.set("gebruiker", {"naam": "echt"})
    assert cache.get("gebruiker") == {"naam": "echt"}

    redis = cache.client.get_client()
    redis.set(cache.make_key("gebruiker"), pickle.dumps(_Payload()))

    assert cache.get("gebruiker") is None
    assert UNPICKLED == []


# --- Bidirectional control characters --------------------------------------------------------


def test_strip_bidi_controls_removes_overrides_isolates_and_marks():
    text = "fac\u202etuur\u202c \u2066a\u2069 \u200eb\u200f \u202ac\u202b\u202d"
    assert strip_bidi_controls(text) == "factuur a b c"


def test_an_activity_title_with_a_right_to_left_override_is_saved_without_it(
    client, partner, theme
):
    client.force_login(partner)
    response = client.post(
        reverse("themes:activity_create"),
        activity_post(theme, title=f"Wandelen {RLO}gpj.exe", description=f"Tekst{RLO} hier"),
    )

    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.title == "Wandelen gpj.exe"
    assert activity.description == "Tekst hier"


def test_a_required_text_of_only_bidi_controls_counts_as_empty(client, partner, theme):
    client.force_login(partner)
    response = client.post(
        reverse("themes:activity_create"), activity_post(theme, title=f"{RLO}\u2066")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    assert not Activity.objects.exists()


def test_mail_subjects_lose_bidi_controls_and_line_breaks():
    assert mail_subject(f"Agenda {RLO}overleg\n(1 mei)\r\n") == "Agenda overleg (1 mei)"


# --- Plain-text mail is plain text -----------------------------------------------------------


def test_agenda_mail_of_a_meeting_with_ampersand_and_angle_brackets_is_not_html_escaped(
    partner,
):
    meeting = PartnerMeetingFactory(published=True, title=f"Tom & Jerry <b>{RLO}")
    AgendaItemFactory(meeting=meeting, title="Koffie & thee")

    assert meeting_services.meeting_send_publication_email(meeting_id=meeting.pk) == 1

    message = mail.outbox[0]
    assert message.subject.startswith("Agenda Tom & Jerry <b> (")
    assert "&amp;" not in message.subject and "&lt;" not in message.subject
    assert "Tom & Jerry <b>" in message.body
    assert "Koffie & thee" in message.body
    assert "&amp;" not in message.body


# --- Privacy statement -----------------------------------------------------------------------


def test_privacy_statement_is_public_and_linked_from_every_page_footer(partner, settings):
    settings.PHOTO_RETENTION_DAYS = 730
    anonymous = Client()
    response = anonymous.get("/privacy/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1" in content and "Privacyverklaring" in content
    assert "730 dagen" in content
    assert "programmateam" in content

    signed_in = Client()
    signed_in.force_login(partner)
    for client, path in [
        (anonymous, "/accounts/login/"),
        (signed_in, "/"),
        (anonymous, "/privacy/"),
    ]:
        page = client.get(path).content.decode()
        footer = page[page.index('<footer class="site-footer">') :]
        assert f'href="{reverse("privacy")}"' in footer


def test_the_500_pages_own_inline_style_is_allowed_by_its_hash(settings):
    html = loader.render_to_string("500.html")
    style = re.search(r"<style>(.*?)</style>", html, re.DOTALL).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    style_src = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"]
    assert f"'sha256-{digest}'" in style_src
