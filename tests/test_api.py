"""The REST API (/api/v1/) used as an outside script uses it: with a personal API key.

The key is made on the user's settings page and shown once; only its digest is stored.
A script lists, logs and changes activities within the user's permissions, through the
same form and services as the web: the same Dutch messages, the edit version (409), the
one-time key against double rows, and the history.
"""

import hashlib
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from partners.models import ApiToken
from partners.services import api_token_create, api_token_revoke
from tests.factories import (
    ActivityFactory,
    EffortFactory,
    GoalFactory,
    ThemeFactory,
    VillageFactory,
)
from themes.forms import ActivityForm
from themes.models import Activity

ACTIVITIES = "/api/v1/activiteiten/"


def api_client(user, name="script"):
    """A client that sends ``user``'s new API key with every request, as a script would."""
    _token, key = api_token_create(user=user, name=name)
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def new_activity(theme, **extra):
    return {
        "title": "Wandelen met de buurt",
        "theme": theme.slug,
        "date": "2026-03-12",
        "description": "Elke donderdag een rondje door Reek.",
        **extra,
    }


# --- Keys --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_key_is_stored_only_as_its_digest(partner):
    token, key = api_token_create(user=partner, name="website")
    token.refresh_from_db()
    assert key.startswith(f"ld_{token.prefix}_")
    assert token.digest == hashlib.sha256(key.encode()).hexdigest()
    # Not the key, nor its secret part, in the row or in its history.
    secret = key.split("_", 2)[2]  # after "ld_<prefix>_"
    rows = [ApiToken.objects.filter(pk=token.pk).values()[0], *token.history.values()]
    assert not any(secret in str(value) for row in rows for value in row.values())


@pytest.mark.django_db
def test_the_settings_page_shows_a_new_key_once(partner):
    client = Client()
    client.force_login(partner)
    page = reverse("partners:api_tokens")
    made = client.post(page, {"name": "agenda op de website"})
    assert made.status_code == 200
    assert made["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(user=partner)
    key = made.context["new_key"]
    assert key in made.text and token.prefix in key
    again = client.get(page)
    assert "agenda op de website" in again.text
    assert key not in again.text
    assert f"ld_{token.prefix}_…" in again.text
    # The key works, for its user.
    assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get(ACTIVITIES).status_code == 200


@pytest.mark.django_db
def test_a_key_without_a_name_is_refused_next_to_the_field(partner):
    client = Client()
    client.force_login(partner)
    response = client.post(reverse("partners:api_tokens"), {"name": "  "})
    assert response.status_code == 400
    message = response.context["form"].errors["name"][0]
    assert message in response.text
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_a_revoked_key_an_unknown_key_and_a_switched_off_user_get_401(partner, theme):
    token, key = api_token_create(user=partner, name="oud")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert client.get(ACTIVITIES).status_code == 200
    api_token_revoke(token=token, user=partner)
    refused = client.get(ACTIVITIES)
    assert refused.status_code == 401
    assert "ingetrokken" in refused.json()["detail"]
    assert refused["WWW-Authenticate"].startswith("Bearer")

    _token, other_key = api_token_create(user=partner, name="nieuw")
    forged = other_key[:-4] + "AAAA"
    assert Client(HTTP_AUTHORIZATION=f"Bearer {forged}").get(ACTIVITIES).status_code == 401
    assert Client().get(ACTIVITIES).status_code == 401

    partner.is_active = False
    partner.save()
    assert Client(HTTP_AUTHORIZATION=f"Bearer {other_key}").get(ACTIVITIES).status_code == 401


@pytest.mark.django_db
def test_only_the_owner_revokes_a_key_and_both_steps_are_in_the_history(partner, other_partner):
    token, _key = api_token_create(user=partner, name="website")
    intruder = Client()
    intruder.force_login(other_partner)
    url = reverse("partners:api_token_revoke", kwargs={"pk": token.pk})
    assert intruder.post(url).status_code == 403
    token.refresh_from_db()
    assert token.is_active

    owner = Client()
    owner.force_login(partner)
    assert owner.post(url).status_code == 302
    token.refresh_from_db()
    assert not token.is_active
    history = list(token.history.order_by("history_date"))
    assert [record.history_type for record in history] == ["+", "~"]
    assert all(record.history_user == partner for record in history)
    assert history[-1].revoked_at is not None


@pytest.mark.django_db
def test_last_use_is_stamped(partner, theme):
    token, key = api_token_create(user=partner, name="website")
    assert token.last_used_at is None
    Client(HTTP_AUTHORIZATION=f"Bearer {key}").get(ACTIVITIES)
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert token.history.count() == 1  # using a key is no change


# --- An outside script --------------------------------------------------------------------


@pytest.mark.django_db
def test_a_script_lists_creates_and_updates_activities_within_its_permissions(
    partner, other_partner, organisation, other_organisation, theme
):
    own_draft = ActivityFactory(theme=theme, owner_organisation=organisation, title="Eigen")
    others_draft = ActivityFactory(
        theme=theme, owner_organisation=other_organisation, title="Concept van een ander"
    )
    others_published = ActivityFactory(
        theme=theme, owner_organisation=other_organisation, published=True, title="Gepubliceerd"
    )
    script = api_client(partner)

    listed = script.get(ACTIVITIES).json()
    titles = {row["title"] for row in listed["results"]}
    assert titles == {"Eigen", "Gepubliceerd"}
    assert listed["count"] == 2

    created = script.post(
        ACTIVITIES,
        new_activity(theme, status="published", reach=40),
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    activity = Activity.objects.get(pk=body["id"])
    assert activity.owner_organisation == organisation
    assert activity.is_published and activity.reach == 40
    assert activity.created_by == partner
    assert activity.history.get().history_user == partner
    assert body["version"] == 1

    changed = script.patch(
        f"{ACTIVITIES}{activity.pk}/",
        {"reach": 55, "version": body["version"]},
        content_type="application/json",
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["reach"] == 55 and changed.json()["version"] == 2
    activity.refresh_from_db()
    assert activity.reach == 55 and activity.updated_by == partner
    assert activity.title == "Wandelen met de buurt"  # what was not sent stays
    assert activity.history.latest().history_user == partner

    # Outside its permissions: another organisation's activities, even published ones.
    for other in (others_published, others_draft):
        refused = script.patch(
            f"{ACTIVITIES}{other.pk}/",
            {"title": "Overgenomen", "version": other.version},
            content_type="application/json",
        )
        assert refused.status_code == 403
        assert "niet wijzigen" in refused.json()["detail"]
        other.refresh_from_db()
        assert other.title != "Overgenomen"
    assert script.get(f"{ACTIVITIES}{others_draft.pk}/").status_code == 403
    assert script.get(f"{ACTIVITIES}{own_draft.pk}/").status_code == 200


@pytest.mark.django_db
def test_readers_without_contribution_rights_may_not_log(observer, griffie, theme):
    for user in (observer, griffie):
        response = api_client(user).post(
            ACTIVITIES, new_activity(theme), content_type="application/json"
        )
        assert response.status_code == 403
        assert response.json()["detail"] == "Je mag geen activiteiten vastleggen."
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_an_update_from_an_old_version_is_refused_with_409_and_nothing_saved(
    partner, organisation, theme
):
    activity = ActivityFactory(theme=theme, owner_organisation=organisation, reach=10)
    script = api_client(partner)
    url = f"{ACTIVITIES}{activity.pk}/"
    assert (
        script.patch(
            url, {"reach": 20, "version": activity.version}, content_type="application/json"
        ).status_code
        == 200
    )
    stale = script.patch(
        url, {"reach": 30, "version": activity.version}, content_type="application/json"
    )
    assert stale.status_code == 409
    assert stale.json()["version"] == activity.version + 1
    assert "niets opgeslagen" in stale.json()["detail"]
    activity.refresh_from_db()
    assert activity.reach == 20
    # Without a version we cannot tell: refused as on the web.
    missing = script.patch(url, {"reach": 40}, content_type="application/json")
    assert missing.status_code == 400
    assert "onvolledig" in missing.json()["non_field_errors"][0]


@pytest.mark.django_db
def test_the_same_idempotency_key_makes_one_activity(partner, theme):
    script = api_client(partner)
    key = str(uuid.uuid4())
    first = script.post(
        ACTIVITIES, new_activity(theme), content_type="application/json", HTTP_IDEMPOTENCY_KEY=key
    )
    again = script.post(
        ACTIVITIES, new_activity(theme), content_type="application/json", HTTP_IDEMPOTENCY_KEY=key
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert Activity.objects.count() == 1


@pytest.mark.django_db
def test_bad_input_gets_the_webs_dutch_messages_per_field(partner, theme):
    other_theme = ThemeFactory(name="Mantelzorg", slug="mantelzorg")
    effort = EffortFactory(goal=GoalFactory(theme=other_theme))
    script = api_client(partner)
    response = script.post(
        ACTIVITIES,
        new_activity(
            theme,
            description="",
            date="2026-03-12",
            end_date="2026-03-01",
            quote="Fijn!",
        ),
        content_type="application/json",
    )
    assert response.status_code == 400
    errors = response.json()
    assert errors["description"] == [
        str(ActivityForm.base_fields["title"].error_messages["required"])
    ]
    assert errors["end_date"] == ["De einddatum ligt vóór de begindatum."]

    response = script.post(
        ACTIVITIES, new_activity(theme, effort=effort.pk), content_type="application/json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["effort"]  # only the theme's efforts, as on the web

    response = script.post(
        ACTIVITIES, new_activity(theme, quote="Fijn!"), content_type="application/json"
    )
    assert response.status_code == 400
    assert "van wie het citaat is" in response.json()["quote_attribution"][0]  # the service's
    assert not Activity.objects.exists()

    unknown = script.post(
        ACTIVITIES, new_activity(theme, villages=["atlantis"]), content_type="application/json"
    )
    assert unknown.status_code == 400
    assert "atlantis" in unknown.json()["villages"][0]


@pytest.mark.django_db
def test_the_list_takes_the_web_lists_filters(partner, organisation, theme):
    reek, zeeland = VillageFactory(name="Reek", slug="reek"), VillageFactory(name="Zeeland")
    in_reek = ActivityFactory(theme=theme, owner_organisation=organisation, title="In Reek")
    in_reek.villages.set([reek])
    ActivityFactory(theme=theme, owner_organisation=organisation).villages.set([zeeland])
    other_theme = ThemeFactory(name="Opvoeding", slug="opvoeding")
    ActivityFactory(theme=other_theme, owner_organisation=organisation, title="Opvoeden")
    script = api_client(partner)

    assert [row["title"] for row in script.get(ACTIVITIES, {"dorp": "reek"}).json()["results"]] == [
        "In Reek"
    ]
    by_theme = script.get(ACTIVITIES, {"thema": "opvoeding"}).json()
    assert [row["title"] for row in by_theme["results"]] == ["Opvoeden"]
    # An unknown value is ignored, as on the web.
    assert script.get(ACTIVITIES, {"dorp": "atlantis"}).json()["count"] == 3
    web = Client()
    web.force_login(partner)
    assert "In Reek" in web.get(reverse("themes:activity_list"), {"dorp": "reek"}).text


@pytest.mark.django_db
def test_the_list_takes_a_fixed_number_of_queries(
    partner, organisation, theme, django_assert_max_num_queries
):
    script = api_client(partner)
    village = VillageFactory()
    for _ in range(30):
        ActivityFactory(theme=theme, owner_organisation=organisation).villages.set([village])
    with django_assert_max_num_queries(12):
        response = script.get(ACTIVITIES, {"per_page": 100})
    assert len(response.json()["results"]) == 30


@pytest.mark.django_db
def test_the_browser_session_works_and_needs_the_csrf_token(partner, theme):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(partner)
    assert browser.get(ACTIVITIES).status_code == 200
    refused = browser.post(ACTIVITIES, new_activity(theme), content_type="application/json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    browser.get(reverse("partners:api_tokens"))  # sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    made = browser.post(
        ACTIVITIES, new_activity(theme), content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert made.status_code == 201


@pytest.mark.django_db
def test_published_reports_link_to_the_permission_checked_download(griffie, phase):
    from django.core.files.base import ContentFile

    from tests.factories import PhaseReportFactory

    published = PhaseReportFactory(phase=phase, published=True)
    published.pdf.save("rapport.pdf", ContentFile(b"%PDF-1.4 rapport"))
    PhaseReportFactory(phase=phase, ready=True)  # not published: never listed
    script = api_client(griffie)
    rows = script.get("/api/v1/rapportages/").json()["results"]
    assert [row["id"] for row in rows] == [published.pk]
    # With the key: the portal's download view serves it, after its own check.
    download = script.get(rows[0]["downloads"]["pdf"])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content if download.streaming else [download.content])
    assert Client().get(rows[0]["downloads"]["pdf"]).status_code == 401
    # In a browser: the download view's own address.
    web_url = rows[0]["web_downloads"]["pdf"]
    assert web_url.endswith(
        reverse("programme:report_download", kwargs={"pk": published.pk, "extension": "pdf"})
    )
    web = Client()
    web.force_login(griffie)
    assert web.get(web_url).status_code == 200
    assert Client().get(web_url).status_code == 302  # signed out: the login page


def test_the_schema_and_the_docs_page_are_served(db):
    schema = Client().get("/api/schema/")
    assert schema.status_code == 200
    text = schema.content.decode()
    for path in ("/api/v1/activiteiten/", "/api/v1/din/doelen/", "/api/v1/rapportages/"):
        assert path in text
    docs = Client().get(reverse("api:docs"))
    assert docs.status_code == 200
    assert "swagger-ui-bundle.js" in docs.text
    assert "<script>" not in docs.text
