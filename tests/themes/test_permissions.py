"""Every role on every route and method of the themes pages: who may, who is refused.

Refused changes answer 403 with a reason and leave the database as it was; signed-out
visitors are sent to the login page.
"""

import pytest
from django.urls import reverse

from tests.factories import ActivityFactory
from themes.models import Activity

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "partner", "other_partner", "kartrekker", "programmateam", "griffie"]
ROLES += ["observer", "beheer"]
READERS = {"partner", "other_partner", "kartrekker", "programmateam", "observer", "beheer"}
CONTRIBUTORS = {"partner", "other_partner", "kartrekker", "programmateam", "beheer"}
# The draft and published activity below belong to `organisation` (partner and kartrekker).
OWNERS = {"partner", "kartrekker", "programmateam", "beheer"}


@pytest.fixture
def users(users):
    """The shared users per role, and a signed-out visitor."""
    return {"anonymous": None, **users}


@pytest.fixture
def published(theme, organisation):
    return ActivityFactory(theme=theme, owner_organisation=organisation, published=True)


@pytest.fixture
def draft(theme, organisation):
    return ActivityFactory(theme=theme, owner_organisation=organisation)


def request_as(client, users, role, method, url, data=None):
    if users[role] is not None:
        client.force_login(users[role])
    return getattr(client, method)(url, data or {})


def assert_outcome(response, role, allowed, ok_status=200):
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif allowed:
        assert response.status_code == ok_status, response.content[:500]
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "url_name", ["themes:theme_list", "themes:activity_list", "themes:activity_export"]
)
def test_index_pages_and_export_are_for_readers(client, users, role, url_name, published):
    kwargs = {"file_format": "csv"} if url_name == "themes:activity_export" else {}
    response = request_as(client, users, role, "get", reverse(url_name, kwargs=kwargs))
    assert_outcome(response, role, role in READERS)


@pytest.mark.parametrize("role", ROLES)
def test_theme_page_is_for_readers(client, users, role, theme):
    response = request_as(client, users, role, "get", theme.get_absolute_url())
    assert_outcome(response, role, role in READERS)


@pytest.mark.parametrize("role", ROLES)
def test_new_activity_form_is_for_contributors(client, users, role, theme):
    response = request_as(client, users, role, "get", reverse("themes:activity_create"))
    assert_outcome(response, role, role in CONTRIBUTORS)
    response = request_as(
        client, users, role, "get", reverse("themes:activity_effort_options"), {"theme": theme.pk}
    )
    assert_outcome(response, role, role in CONTRIBUTORS)


@pytest.mark.parametrize("role", ROLES)
def test_logging_an_activity_is_for_contributors(client, users, role, theme, organisation):
    data = {
        "title": "Inloop",
        "theme": theme.pk,
        "date": "2019-09-01",
        "description": "Koffie en een praatje.",
        "action": "publish",
        # Only the programme team chooses the owner; for everyone else this is ignored.
        "owner_organisation": organisation.pk,
    }
    response = request_as(client, users, role, "post", reverse("themes:activity_create"), data)
    assert_outcome(response, role, role in CONTRIBUTORS, ok_status=302)
    assert Activity.objects.filter(title="Inloop").exists() == (role in CONTRIBUTORS)


@pytest.mark.parametrize("role", ROLES)
def test_published_activity_is_read_by_readers(client, users, role, published):
    response = request_as(client, users, role, "get", published.get_absolute_url())
    assert_outcome(response, role, role in READERS)


@pytest.mark.parametrize("role", ROLES)
def test_draft_is_read_by_owner_organisation_kartrekker_and_programme_team(
    client, users, role, draft
):
    response = request_as(client, users, role, "get", draft.get_absolute_url())
    assert_outcome(response, role, role in OWNERS)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_editing_is_for_owner_organisation_kartrekker_and_programme_team(
    client, users, role, method, published, theme
):
    url = reverse("themes:activity_update", args=[published.pk])
    data = {
        "title": "Aangepast",
        "theme": theme.pk,
        "date": "2019-06-01",
        "description": "Nieuw.",
        "action": "publish",
        "version": published.version,
    }
    response = request_as(client, users, role, method, url, data)
    allowed = role in OWNERS
    assert_outcome(response, role, allowed, ok_status=200 if method == "get" else 302)
    published.refresh_from_db()
    assert (published.title == "Aangepast") == (allowed and method == "post")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_deleting_is_for_owner_organisation_kartrekker_and_programme_team(
    client, users, role, method, published
):
    url = reverse("themes:activity_delete", args=[published.pk])
    response = request_as(client, users, role, method, url)
    allowed = role in OWNERS
    assert_outcome(response, role, allowed, ok_status=200 if method == "get" else 302)
    deleted = not Activity.objects.filter(pk=published.pk).exists()
    assert deleted == (allowed and method == "post")


def test_kartrekker_edits_activities_of_their_theme_from_other_organisations(
    client, kartrekker, theme, other_organisation
):
    activity = ActivityFactory(theme=theme, owner_organisation=other_organisation)
    client.force_login(kartrekker)
    url = reverse("themes:activity_update", args=[activity.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["form"]["title"].value() == activity.title

    data = {"title": "Door de kartrekker", "theme": theme.pk, "date": "2019-06-01"}
    response = client.post(
        url, {**data, "description": "Nieuw.", "action": "publish", "version": activity.version}
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Door de kartrekker"
    assert activity.owner_organisation == other_organisation


def test_kartrekker_cannot_edit_another_themes_activity_of_another_organisation(
    client, kartrekker, other_organisation
):
    activity = ActivityFactory(owner_organisation=other_organisation, published=True)
    client.force_login(kartrekker)
    response = client.get(reverse("themes:activity_update", args=[activity.pk]))
    assert response.status_code == 403


def test_refusal_says_why(client, other_partner, published):
    client.force_login(other_partner)
    response = client.get(reverse("themes:activity_update", args=[published.pk]))
    assert "Je kunt deze activiteit niet wijzigen" in response.content.decode()


def test_list_never_shows_drafts_a_user_may_not_open(
    client, users, theme, organisation, other_organisation
):
    ActivityFactory(theme=theme, owner_organisation=organisation, title="Concept van ons")
    ActivityFactory(theme=theme, owner_organisation=other_organisation, published=True)
    for role in ("other_partner", "observer"):
        client.force_login(users[role])
        response = client.get(reverse("themes:activity_list"))
        titles = [activity.title for activity in response.context["activities"]]
        assert "Concept van ons" not in titles
        assert len(titles) == 1
    client.force_login(users["partner"])
    response = client.get(reverse("themes:activity_list"))
    assert len(response.context["activities"]) == 2


@pytest.mark.parametrize("role", ["partner", "other_partner", "kartrekker", "observer"])
def test_visible_activities_match_the_view_permission(users, role, theme, other_organisation):
    from themes.selectors import visible_activities

    activities = [
        ActivityFactory(theme=theme),
        ActivityFactory(theme=theme, published=True),
        ActivityFactory(owner_organisation=users["partner"].organisation),
        ActivityFactory(owner_organisation=other_organisation),
        ActivityFactory(owner_organisation=other_organisation, published=True),
    ]
    user = users[role]
    expected = {a.pk for a in activities if user.has_perm("themes.view_activity", a)}
    assert set(visible_activities(user=user).values_list("pk", flat=True)) == expected
