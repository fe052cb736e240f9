"""The theme pages and the dashboard panel."""

import pytest
from django.urls import reverse

from tests.factories import ActivityFactory, GoalFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_theme_list_counts_only_the_activities_the_user_may_see(
    client, other_partner, partner, theme, organisation
):
    ActivityFactory(theme=theme, owner_organisation=organisation, reach=10)  # a draft
    ActivityFactory(theme=theme, published=True, reach=5)
    ThemeFactory(name="Opvoeding")
    client.force_login(other_partner)
    counts = {
        t.name: t.activity_count for t in client.get(reverse("themes:theme_list")).context["themes"]
    }
    assert counts == {"Eenzaamheid": 1, "Opvoeding": 0}
    client.force_login(partner)
    themes = {t.name: t for t in client.get(reverse("themes:theme_list")).context["themes"]}
    assert themes["Eenzaamheid"].activity_count == 2
    assert themes["Eenzaamheid"].reach_total == 15


def test_theme_page_shows_ambition_working_group_din_and_activities(
    client, partner, kartrekker, theme
):
    theme.ambition = "Iedereen doet mee."
    theme.save()
    theme.working_group.members.add(partner)
    theme.working_group.organisations.add(partner.organisation)
    GoalFactory(theme=theme, title="Minder eenzaamheid bij ouderen")
    ActivityFactory(theme=theme, title="Koffieochtend", published=True)
    client.force_login(partner)
    html = client.get(theme.get_absolute_url()).content.decode()
    for text in (
        "Iedereen doet mee.",
        str(kartrekker),
        str(partner),
        "Minder eenzaamheid bij ouderen",
        "Koffieochtend",
        f"/activiteiten/nieuw/?thema={theme.slug}",
    ):
        assert text in html


def test_unknown_theme_is_not_found(client, partner):
    client.force_login(partner)
    assert client.get("/themas/bestaat-niet/").status_code == 404


def test_partner_dashboard_shows_own_organisation_activities_themes_and_add_button(
    client, partner, theme, organisation
):
    theme.working_group.organisations.add(organisation)
    ActivityFactory(theme=theme, owner_organisation=organisation, title="Ons concept")
    ActivityFactory(theme=theme, title="Van een ander", published=True)
    client.force_login(partner)
    html = client.get(reverse("dashboard")).content.decode()
    assert "Activiteit toevoegen" in html
    assert "Ons concept" in html and "Van een ander" not in html
    assert "Jouw thema" in html and theme.get_absolute_url() in html


def test_kartrekker_dashboard_shows_the_latest_of_their_theme(
    client, kartrekker, theme, other_organisation
):
    ActivityFactory(theme=theme, owner_organisation=other_organisation, title="Bij mijn thema")
    client.force_login(kartrekker)
    html = client.get(reverse("dashboard")).content.decode()
    assert "Nieuw in jouw thema" in html and "Bij mijn thema" in html


def test_griffie_dashboard_has_no_activities_panel(griffie):
    from themes.selectors import dashboard_panel

    assert dashboard_panel(user=griffie) is None


def test_observer_sees_latest_published_without_add_button(client, observer, theme):
    ActivityFactory(theme=theme, title="Gepubliceerd", published=True)
    ActivityFactory(theme=theme, title="Concept")
    client.force_login(observer)
    html = client.get(reverse("dashboard")).content.decode()
    assert "Gepubliceerd" in html and "Concept</a>" not in html
    assert "Activiteit toevoegen" not in html
