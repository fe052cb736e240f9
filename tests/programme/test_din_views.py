"""DIN routes per role: who reads, who edits, and that a refused change saves nothing."""

import pytest
from django.urls import reverse

from programme.models import Goal, NetworkEntry
from tests.factories import EffortFactory, GoalFactory, NetworkEntryFactory, ThemeFactory

pytestmark = pytest.mark.django_db

READ_ROUTES = ["programme:din", "programme:din_network", "programme:din_export"]


@pytest.mark.parametrize("route", READ_ROUTES)
@pytest.mark.parametrize(
    "role,status",
    [
        ("partner", 200),
        ("kartrekker", 200),
        ("programmateam", 200),
        ("observer", 200),
        ("griffie", 403),
    ],
)
def test_who_may_read_the_din(client, request, route, role, status):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse(route)).status_code == status


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(reverse("programme:din"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    "role,status",
    [("kartrekker", 200), ("programmateam", 200), ("partner", 403), ("observer", 403)],
)
def test_who_may_open_the_edit_forms_of_a_theme(client, request, theme, role, status):
    goal = GoalFactory(theme=theme)
    effort = EffortFactory(goal=goal)
    client.force_login(request.getfixturevalue(role))
    for url in [
        reverse("programme:din_goal_create", args=[theme.slug]),
        reverse("programme:din_goal_update", args=[goal.pk]),
        reverse("programme:din_indicator_value_create", args=[goal.pk]),
        reverse("programme:din_effort_create", args=[goal.pk]),
        reverse("programme:din_effort_update", args=[effort.pk]),
    ]:
        assert client.get(url).status_code == status, url


def test_kartrekker_of_another_theme_is_refused_and_nothing_is_saved(client, kartrekker):
    other = ThemeFactory(name="Opvoeding", slug="opvoeding")
    goal = GoalFactory(theme=other, title="Sterke ouders")
    client.force_login(kartrekker)
    response = client.post(
        reverse("programme:din_goal_update", args=[goal.pk]), {"title": "Anders", "order": 0}
    )
    assert response.status_code == 403
    goal.refresh_from_db()
    assert goal.title == "Sterke ouders"


def test_bad_input_is_shown_next_to_the_field_and_kept(client, kartrekker, theme):
    client.force_login(kartrekker)
    response = client.post(
        reverse("programme:din_goal_create", args=[theme.slug]),
        {"title": "", "unit": "deelnemers", "baseline": "12,5", "order": 0},
    )
    assert response.status_code == 200
    assert "Dit veld is verplicht." in response.content.decode()
    assert 'value="deelnemers"' in response.content.decode()
    assert 'value="12,5"' in response.content.decode()
    assert not Goal.objects.exists()


def test_partner_joins_an_effort_only_with_their_own_organisation(
    client, partner, other_partner, theme
):
    effort = EffortFactory(goal=GoalFactory(theme=theme))
    client.force_login(partner)
    url = reverse("programme:din_network_join", args=[effort.pk])
    response = client.post(
        url, {"organisation": other_partner.organisation.pk, "contribution_kind": "hours"}
    )
    assert response.status_code == 200  # the other organisation is not a valid choice
    assert not NetworkEntry.objects.exists()
    response = client.post(
        url, {"organisation": partner.organisation.pk, "contribution_kind": "hours"}
    )
    assert response.status_code == 302
    assert NetworkEntry.objects.get().organisation == partner.organisation


def test_partner_cannot_remove_another_organisation_from_the_network(
    client, partner, other_partner, theme
):
    entry = NetworkEntryFactory(organisation=other_partner.organisation)
    client.force_login(partner)
    response = client.post(reverse("programme:din_network_leave", args=[entry.pk]))
    assert response.status_code == 403
    assert NetworkEntry.objects.filter(pk=entry.pk).exists()


def test_theme_page_include_renders_the_goal_tree(theme, partner, rf):
    from django.template.loader import render_to_string

    from programme.din.selectors import goals_for_theme

    GoalFactory(theme=theme, title="Minder eenzaamheid", indicator="Score op de eenzaamheidsschaal")
    request = rf.get("/")
    request.user = partner
    html = render_to_string(
        "programme/din/_goal_tree.html",
        {"goals": goals_for_theme(theme=theme), "user": partner},
        request=request,
    )
    assert "Minder eenzaamheid" in html
    assert "Score op de eenzaamheidsschaal" in html
