"""Practices spreading between villages (issue 16, part 2): "voortbouwend op", chosen from
a search, and /activiteiten/verspreiding/ with a timeline per approach."""

import datetime
import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from programme.reports.documents.figures import report_figures
from programme.reports.selectors import phase_report_data
from tests.conftest import assert_accessible, sign_in
from tests.factories import ActivityFactory, OrganisationFactory, PhaseFactory, ThemeFactory
from tests.themes.test_activity_views import activity_post
from themes.models import Activity
from themes.spread import spread_in_period

pytestmark = pytest.mark.django_db


@pytest.fixture
def zomerkalender(villages, other_organisation):
    """An approach of another organisation, started in Zeeland and taken up in Schaijk."""
    theme = ThemeFactory(name="Eenzaamheid", slug="eenzaamheid")
    start = ActivityFactory(
        published=True,
        theme=theme,
        title="Zomerkalender Zeeland",
        date=datetime.date(2019, 7, 1),
        owner_organisation=other_organisation,
        villages=[villages["Zeeland"]],
    )
    schaijk = ActivityFactory(
        published=True,
        theme=theme,
        title="Zomerkalender Schaijk",
        date=datetime.date(2019, 7, 8),
        builds_on=start,
        villages=[villages["Schaijk"]],
    )
    return start, schaijk


def test_partner_builds_on_another_organisations_published_activity(
    client, partner, theme, zomerkalender
):
    start, _ = zomerkalender
    client.force_login(partner)
    response = client.post(
        reverse("themes:activity_create"),
        activity_post(theme, title="Zomerkalender Reek", date="2019-07-15", builds_on=start.pk),
    )
    assert response.status_code == 302
    assert Activity.objects.get(title="Zomerkalender Reek").builds_on == start


@pytest.mark.parametrize(
    "case,message",
    [
        ("draft", "Er is geen gepubliceerde activiteit met dit nummer."),
        ("missing", "Er is geen gepubliceerde activiteit met dit nummer."),
        ("later", "was later (1 juli 2019) dan deze activiteit: kies een eerdere activiteit."),
    ],
)
def test_builds_on_is_refused_next_to_the_field_and_nothing_is_saved(
    client, partner, theme, zomerkalender, case, message
):
    start, _ = zomerkalender
    draft = ActivityFactory(title="Nog een concept", date=datetime.date(2019, 1, 1))
    number = {"draft": draft.pk, "missing": 999999, "later": start.pk}[case]
    client.force_login(partner)
    response = client.post(
        reverse("themes:activity_create"),
        activity_post(theme, title="Te vroeg", date="2019-06-01", builds_on=number),
    )
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors["builds_on"])
    html = response.content.decode()
    # The message stands beside the field it is about, and what was typed is kept.
    beside = html[html.index('id="builds-on-field"') :][:3000]
    assert message.split("(")[-1][-40:] in beside.replace("&#x27;", "'")
    assert 'value="Te vroeg"' in html
    assert not Activity.objects.filter(title="Te vroeg").exists()


def test_an_activity_cannot_build_on_itself_or_in_a_circle(client, partner, zomerkalender):
    start, schaijk = zomerkalender
    schaijk.owner_organisation = partner.organisation
    schaijk.save()
    client.force_login(partner)
    url = reverse("themes:activity_update", args=[schaijk.pk])
    data = activity_post(
        schaijk.theme, title=schaijk.title, date="2019-07-08", builds_on=schaijk.pk
    )
    data["version"] = schaijk.version
    response = client.post(url, data)
    assert response.context["form"].errors["builds_on"] == [
        "Een activiteit kan niet op zichzelf voortbouwen."
    ]

    # The start cannot build on its own follower either (same day: not "later").
    start.owner_organisation = partner.organisation
    start.date = schaijk.date
    start.save()
    data = activity_post(start.theme, title=start.title, date="2019-07-08", builds_on=schaijk.pk)
    data["version"] = Activity.objects.get(pk=start.pk).version
    response = client.post(reverse("themes:activity_update", args=[start.pk]), data)
    assert response.context["form"].errors["builds_on"] == [
        "Dan bouwen de activiteiten in een kring op elkaar voort."
    ]
    assert Activity.objects.get(pk=start.pk).builds_on is None


def test_without_javascript_the_search_shows_matches_and_the_choice_fills_the_number(
    client, partner, theme, zomerkalender
):
    start, _ = zomerkalender
    ActivityFactory(title="Zomerkalender concept", date=datetime.date(2019, 5, 1))  # a draft
    client.force_login(partner)
    url = reverse("themes:activity_create")
    typed = activity_post(theme, title="Zomerkalender Reek", builds_on_search="zomerkal")
    response = client.post(url, {**typed, "zoek_voortbouwend": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'name="kies_voortbouwend" value="{start.pk}"' in html
    assert "Zomerkalender concept" not in html  # drafts are never offered
    assert 'value="Zomerkalender Reek"' in html  # nothing typed is lost
    assert not Activity.objects.filter(title="Zomerkalender Reek").exists()

    response = client.post(url, {**typed, "kies_voortbouwend": str(start.pk)})
    assert re.search(rf'name="builds_on" value="{start.pk}"', response.content.decode())
    assert not Activity.objects.filter(title="Zomerkalender Reek").exists()


def test_htmx_suggestions_and_choice(client, partner, zomerkalender):
    start, schaijk = zomerkalender
    client.force_login(partner)
    url = reverse("themes:activity_builds_on_options")
    html = client.get(url, {"builds_on_search": "Schaijk"}).content.decode()
    assert f"nr. {schaijk.pk}" in html  # a village's name finds its activities
    assert f"?kies={schaijk.pk}" in html
    html = client.get(url, {"kies": start.pk}).content.decode()
    assert f'value="{start.pk}"' in html
    assert "Gekozen: Zomerkalender Zeeland (1 juli 2019)." in html


def _recount(activities):
    """Approaches that spread and their take-ups, straight from the rows: follow each
    published activity back to the first published one it builds on, and count the
    activities that reach a village no earlier activity of that approach reached."""
    published = {a.pk: a for a in activities if a.status == Activity.Status.PUBLISHED}

    def origin(activity):
        while activity.builds_on_id in published:
            activity = published[activity.builds_on_id]
        return activity.pk

    by_origin = {}
    for activity in published.values():
        by_origin.setdefault(origin(activity), []).append(activity)
    take_ups = {}
    for root, members in by_origin.items():
        reached = set()
        for activity in sorted(members, key=lambda a: (a.date, a.pk)):
            villages = {v.pk for v in activity.villages.all()}
            if activity.pk != root and villages - reached:
                take_ups.setdefault(root, []).append(activity)
            reached |= villages
    return take_ups


def test_the_spread_page_shows_a_timeline_per_approach_in_fixed_queries(
    client, partner, villages, zomerkalender, django_assert_max_num_queries
):
    start, schaijk = zomerkalender
    # Same village again: not a take-up. A draft follower: not shown, not counted.
    ActivityFactory(
        published=True,
        title="Zomerkalender Schaijk 2020",
        date=datetime.date(2020, 7, 1),
        builds_on=schaijk,
        villages=[villages["Schaijk"]],
    )
    ActivityFactory(
        title="Zomerkalender Reek (concept)",
        date=datetime.date(2020, 7, 2),
        builds_on=schaijk,
        villages=[villages["Reek"]],
    )
    lonely = ActivityFactory(published=True, title="Alleen in Reek", villages=[villages["Reek"]])
    ActivityFactory(
        published=True,
        title="Nog eens in Reek",
        date=datetime.date(2020, 1, 1),
        builds_on=lonely,
        villages=[villages["Reek"]],
    )
    client.force_login(partner)
    url = reverse("themes:activity_spread")
    client.get(url)
    with django_assert_max_num_queries(12):
        html = client.get(url).content.decode()

    expected = _recount(Activity.objects.prefetch_related("villages"))
    shown = re.findall(r'data-approach="(\d+)"', html)
    assert [int(pk) for pk in shown] == list(expected) == [start.pk]
    assert re.findall(r'data-step="(\d+)" data-take-up="true"', html) == [str(schaijk.pk)]
    assert "Zomerkalender Reek (concept)" not in html
    assert "Zomerkalender Schaijk 2020" in html  # in the timeline, not as a take-up
    totals = re.search(r'data-approaches="(\d+)" data-take-ups="(\d+)"', html).groups()
    assert totals == ("1", str(sum(len(t) for t in expected.values())))

    for number in range(6):  # more approaches, same number of queries
        first = ActivityFactory(published=True, villages=[villages["Zeeland"]])
        ActivityFactory(
            published=True,
            builds_on=first,
            date=datetime.date(2019, 8, number + 1),
            villages=[villages["Reek"]],
        )
    with django_assert_max_num_queries(12):
        html = client.get(url).content.decode()
    expected = _recount(Activity.objects.prefetch_related("villages"))
    totals = re.search(r'data-approaches="(\d+)" data-take-ups="(\d+)"', html).groups()
    assert totals == (str(len(expected)), str(sum(len(t) for t in expected.values())))


def test_the_theme_page_and_the_phase_report_count_the_spread(
    client, partner, villages, zomerkalender
):
    start, schaijk = zomerkalender
    client.force_login(partner)
    html = client.get(reverse("themes:theme_detail", args=[start.theme.slug])).content.decode()
    assert 'data-spread-count="1"' in html

    phase = PhaseFactory()
    data = phase_report_data(phase=phase, period_start=phase.start_date, period_end=phase.end_date)
    expected = _recount(Activity.objects.prefetch_related("villages"))
    in_phase = [
        a for t in expected.values() for a in t if phase.start_date <= a.date <= phase.end_date
    ]
    assert data.spread["take_ups"] == len(in_phase) == 1
    assert data.summary()["spread_approaches"] == 1
    # The report says which approach went where, with the period's take-ups only.
    chapter = render_to_string("programme/reports/pdf/_spread.html", {"data": data})
    assert "Zomerkalender Zeeland" in chapter
    assert "Schaijk (juli 2019" in chapter
    # ... and draws it: an image whose alternative text says where the approach went.
    figure = report_figures(data)["spread"]
    assert "Zomerkalender Zeeland: van Zeeland naar Schaijk" in figure.alt
    assert figure.table_rows == [["Zomerkalender Zeeland", "Zeeland", "Schaijk"]]
    later = spread_in_period(
        period_start=datetime.date(2020, 1, 1), period_end=datetime.date(2020, 12, 31)
    )
    assert (later["approach_count"], later["take_ups"]) == (0, 0)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_partner_chooses_what_their_activity_builds_on_with_the_search(
    page, partner, theme, villages
):
    other = OrganisationFactory(name="Zorgcoöperatie Zeeland", slug="zorgcooperatie-zeeland")
    start = ActivityFactory(
        published=True,
        theme=theme,
        title="Zomerkalender Zeeland",
        date=datetime.date(2019, 7, 1),
        owner_organisation=other,
        villages=[villages["Zeeland"]],
    )
    sign_in(page, partner)
    page.goto("/activiteiten/nieuw/")
    page.get_by_label("Titel").fill("Zomerkalender Reek")
    page.get_by_label(theme.name).check()
    page.get_by_label("Datum (of begindatum)").fill("2019-07-15")
    page.get_by_label("Korte beschrijving").fill("De aanpak uit Zeeland, nu in Reek.")
    page.get_by_label("Reek").check()
    page.get_by_label("Zoek de activiteit waarop deze voortbouwt").fill("zomerkal")
    suggestion = page.locator(".builds-on-suggestion", has_text="Zomerkalender Zeeland")
    suggestion.wait_for()
    suggestion.get_by_role("button", name="Kies").click()
    page.get_by_text("Gekozen: Zomerkalender Zeeland").wait_for()
    assert page.get_by_label("Nummer van de activiteit").input_value() == str(start.pk)
    assert_accessible(page, "activity-form-builds-on")
    page.get_by_role("button", name="Publiceren").click()
    page.get_by_text("is gepubliceerd").wait_for()
    assert page.get_by_role("link", name="Zomerkalender Zeeland").is_visible()

    page.goto("/activiteiten/verspreiding/")
    approach = page.locator(f"[data-approach='{start.pk}']")
    assert approach.get_by_text("nieuw dorp").is_visible()
    assert approach.get_by_role("link", name="Zomerkalender Reek").is_visible()
    assert_accessible(page, "spread-partner")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_programme_team_reads_the_spread_per_theme(page, programmateam, villages, zomerkalender):
    start, _ = zomerkalender
    sign_in(page, programmateam)
    page.goto(f"/themas/{start.theme.slug}/")
    page.get_by_role("link", name="Tijdlijnen van Eenzaamheid").click()
    assert page.get_by_role("heading", name="Zomerkalender Zeeland").is_visible()
    assert page.locator("#spread-thema").input_value() == "eenzaamheid"
    page.set_viewport_size({"width": 390, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= 390")
    page.screenshot(path="test-artifacts/spread-390.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path="test-artifacts/spread-1280.png", full_page=True)
    assert_accessible(page, "spread-programmateam")
