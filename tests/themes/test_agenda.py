"""The public agenda for residents (/agenda/, /agenda.ics): what is in it, what never is,
and a feed that subscribed calendars can follow through changes and withdrawals."""

import datetime
import re

import icalendar
import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from tests.factories import ActivityFactory, EffortFactory, GoalFactory, ThemeFactory
from themes import selectors, services
from themes.agenda.documents import activity_uid
from themes.models import Activity, ActivityPhoto, TargetGroup

pytestmark = pytest.mark.django_db

AGENDA = reverse("themes:agenda")
FEED = reverse("themes:agenda_ics")
API = reverse("api:agenda-list")
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6300010000050001"
    "0d0a2db40000000049454e44ae426082"
)


def today():
    return timezone.localdate()


def days(n):
    return today() + datetime.timedelta(days=n)


def public(theme, *, villages=(), **kwargs):
    kwargs.setdefault("date", days(1))
    return ActivityFactory(theme=theme, public=True, villages=list(villages), **kwargs)


def feed(client, query=""):
    response = client.get(FEED + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def events(calendar):
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


# --- What is in the agenda -------------------------------------------------------------------


def test_agenda_shows_upcoming_public_activities_to_anyone_without_signing_in(
    client, theme, villages
):
    public(theme, title="Samen eten in Reek", villages=[villages["Reek"]])
    public(theme, title="Loopt nog", date=days(-3), end_date=days(2))
    ActivityFactory(theme=theme, title="Concept maar publiek", is_public=True, date=days(1))
    ActivityFactory(theme=theme, title="Gepubliceerd, niet publiek", published=True, date=days(1))
    public(theme, title="Al geweest", date=days(-2))

    response = client.get(AGENDA)

    assert response.status_code == 200
    page = response.text
    assert "Samen eten in Reek" in page
    assert "Loopt nog" in page
    assert "Concept maar publiek" not in page
    assert "Gepubliceerd, niet publiek" not in page
    assert "Al geweest" not in page
    # Search engines may index it, and proxies may keep it a while.
    assert 'name="robots"' not in page
    assert "public" in response["Cache-Control"]


def test_a_resident_who_follows_the_site_logo_stays_in_the_public_agenda(client, theme):
    """Not sent to a login page they have no account for."""
    activity = public(theme, title="Samen eten in Reek")
    for url in [AGENDA, reverse("themes:agenda_detail", args=[activity.pk])]:
        assert f'class="site-brand" href="{AGENDA}"' in client.get(url).text


def test_agenda_filters_by_village_theme_target_group_and_week(client, theme, villages):
    other_theme = ThemeFactory(name="Mantelzorg", slug="mantelzorg")
    ouderen = TargetGroup.objects.get(code="ouderen")
    reek_soon = public(theme, title="Reek deze week", date=today(), villages=[villages["Reek"]])
    reek_soon.target_groups.set([ouderen])
    public(theme, title="Reek later", date=days(40), villages=[villages["Reek"]])
    public(theme, title="Zeeland deze week", date=today(), villages=[villages["Zeeland"]])
    public(other_theme, title="Mantelzorg in Reek", date=today(), villages=[villages["Reek"]])

    page = client.get(AGENDA, {"dorp": "reek", "thema": "eenzaamheid", "periode": "week"}).text
    assert "Reek deze week" in page
    assert "Reek later" not in page
    assert "Zeeland deze week" not in page
    assert "Mantelzorg in Reek" not in page

    page = client.get(AGENDA, {"doelgroep": "ouderen"}).text
    assert "Reek deze week" in page
    assert "Zeeland deze week" not in page


@pytest.mark.parametrize(
    "query",
    [
        {"dorp": "atlantis"},
        {"thema": "<script>alert(1)</script>"},
        {"doelgroep": "x\x00y"},
        {"periode": "eeuwig"},
        {"page": "-1"},
        {"dorp": "reek" * 500},
    ],
)
def test_bad_filter_values_are_ignored_never_an_error(client, theme, query):
    public(theme, title="Blijft zichtbaar")
    for url in (AGENDA, FEED):
        response = client.get(url, query)
        assert response.status_code == 200, (url, query)
    assert "Blijft zichtbaar" in client.get(AGENDA, query).text


def test_a_signed_in_users_copy_is_kept_by_their_browser_only(client, partner, theme):
    public(theme)
    client.force_login(partner)
    for url in (AGENDA, FEED):
        cache_control = client.get(url)["Cache-Control"]
        assert "private" in cache_control and "public" not in cache_control


def test_sitemap_lists_the_agenda_and_its_public_activities_only(client, theme):
    shown = public(theme)
    hidden = ActivityFactory(theme=theme, published=True, date=days(1))
    response = client.get(reverse("themes:agenda_sitemap"))
    assert response.status_code == 200
    body = response.text
    assert "<loc>http://testserver/agenda/</loc>" in body
    assert f"/agenda/{shown.pk}/" in body
    assert f"/agenda/{hidden.pk}/" not in body


def test_feed_and_detail_issue_a_fixed_number_of_queries(
    client, theme, villages, partner, django_assert_max_num_queries
):
    activities = [
        public(
            theme,
            title=f"Activiteit {n}",
            villages=[villages["Reek"]],
            date=days(n % 9),
            owner_organisation=partner.organisation,
        )
        for n in range(25)
    ]
    for activity in activities[:5]:  # withdrawn ones come too, as cancelled
        services.activity_delete(activity=activity, user=partner)
    with django_assert_max_num_queries(8):
        calendar = feed(client, "?dorp=reek")
    statuses = [str(event["STATUS"]) for event in calendar.walk("VEVENT")]
    assert (statuses.count("CONFIRMED"), statuses.count("CANCELLED")) == (20, 5)
    detail = reverse("themes:agenda_detail", kwargs={"pk": activities[-1].pk})
    with django_assert_max_num_queries(8):
        assert client.get(detail).status_code == 200


def test_agenda_page_issues_a_fixed_number_of_queries(
    client, theme, villages, django_assert_max_num_queries
):
    for n in range(30):
        public(theme, title=f"Activiteit {n}", villages=[villages["Reek"]], date=days(n % 7))
    with django_assert_max_num_queries(12):
        response = client.get(AGENDA, {"dorp": "reek"})
    assert response.status_code == 200


# --- Nothing internal leaks ---------------------------------------------------------------------

SECRETS = (
    "4321",  # reach
    "Heel geheim citaat",
    "Een bezorgde buurman",
    "Huisbezoeken bij 75-plussers",  # the DIN effort
    "Concept-activiteit",
)


def secretive_activity(theme, villages):
    effort = EffortFactory(goal=GoalFactory(theme=theme), title="Huisbezoeken bij 75-plussers")
    activity = public(
        theme,
        title="Open inloop",
        villages=[villages["Reek"]],
        reach=4321,
        volunteers=77,
        quote="Heel geheim citaat",
        quote_attribution="Een bezorgde buurman",
        effort=effort,
    )
    ActivityFactory(theme=theme, title="Concept-activiteit", is_public=True, date=days(1))
    return activity


def test_public_pages_and_feed_show_nothing_internal(client, theme, villages):
    activity = secretive_activity(theme, villages)
    pages = [
        client.get(AGENDA).text,
        client.get(reverse("themes:agenda_detail", kwargs={"pk": activity.pk})).text,
        client.get(FEED).content.decode(),
        client.get(API).content.decode(),
    ]
    assert all("Open inloop" in page for page in pages)
    for page in pages:
        for secret in SECRETS:
            assert secret not in page
        assert "vrijwilliger" not in page.lower()
        assert "bereik" not in page.lower()


def test_detail_of_an_activity_that_is_not_public_is_not_found(client, theme):
    draft = ActivityFactory(theme=theme, is_public=True, date=days(1))
    internal = ActivityFactory(theme=theme, published=True, date=days(1))
    for activity in (draft, internal):
        url = reverse("themes:agenda_detail", kwargs={"pk": activity.pk})
        assert client.get(url).status_code == 404


def test_photos_are_public_only_with_their_activity(client, theme):
    shown = public(theme, title="Met foto")
    hidden = ActivityFactory(theme=theme, published=True, date=days(1))
    photos = {
        activity.pk: ActivityPhoto.objects.create(
            activity=activity, image=ContentFile(PNG, name="f.png"), alt_text="Koffie", consent=True
        )
        for activity in (shown, hidden)
    }

    detail = client.get(reverse("themes:agenda_detail", kwargs={"pk": shown.pk})).text
    photo_url = reverse(
        "themes:agenda_photo", kwargs={"pk": shown.pk, "photo": photos[shown.pk].pk}
    )
    assert photo_url in detail
    assert client.get(photo_url).status_code == 200
    hidden_url = reverse(
        "themes:agenda_photo", kwargs={"pk": hidden.pk, "photo": photos[hidden.pk].pk}
    )
    assert client.get(hidden_url).status_code == 404
    # Another activity's photo under a public activity's address: not found either.
    mixed = reverse("themes:agenda_photo", kwargs={"pk": shown.pk, "photo": photos[hidden.pk].pk})
    assert client.get(mixed).status_code == 404


# --- The feed -------------------------------------------------------------------------------------


def test_feed_parses_with_its_zone_and_stable_uids(client, theme, villages):
    timed = public(
        theme,
        title="Samen eten",
        villages=[villages["Reek"]],
        start_time=datetime.time(19, 30),
        end_time=datetime.time(21, 0),
    )
    all_day = public(theme, title="Hele dag open", date=days(3), end_date=days(4))

    calendar = feed(client)

    zones = [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")]
    assert zones == ["Europe/Amsterdam"]
    found = events(calendar)
    event = found[activity_uid(timed.pk)]
    assert activity_uid(timed.pk) == f"activiteit-{timed.pk}@samenlanderd.nl"
    start = event.decoded("DTSTART")
    assert start.hour == 19 and start.minute == 30
    assert str(start.tzinfo) == "Europe/Amsterdam"
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["LOCATION"]) == "Reek"
    assert reverse("themes:agenda_detail", kwargs={"pk": timed.pk}) in str(event["URL"])
    whole = found[activity_uid(all_day.pk)]
    assert whole.decoded("DTSTART") == days(3)
    assert whole.decoded("DTEND") == days(5)  # exclusive: the day after the last


def test_a_changed_activity_keeps_its_uid_with_a_higher_sequence(client, partner, theme):
    activity = public(
        theme, title="Koffieochtend", owner_organisation=partner.organisation, date=days(5)
    )
    before = events(feed(client))[activity_uid(activity.pk)]

    services.activity_update(
        activity=Activity.objects.get(pk=activity.pk),
        editor=partner,
        data={"title": "Koffieochtend (nieuwe tijd)", "start_time": datetime.time(10, 0)},
        publish=True,
    )

    after_feed = events(feed(client))
    assert len(after_feed) == 1
    after = after_feed[activity_uid(activity.pk)]
    assert str(after["SUMMARY"]) == "Koffieochtend (nieuwe tijd)"
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert after.decoded("LAST-MODIFIED") >= before.decoded("LAST-MODIFIED")


@pytest.mark.parametrize("how", ["no longer public", "back to draft", "deleted"])
def test_a_withdrawn_activity_comes_as_cancelled_with_its_uid(client, partner, theme, how):
    activity = public(theme, title="Gaat niet door", owner_organisation=partner.organisation)
    uid = activity_uid(activity.pk)
    sent = events(feed(client))[uid]
    activity = Activity.objects.get(pk=activity.pk)

    if how == "deleted":
        services.activity_delete(activity=activity, user=partner)
    else:
        services.activity_update(
            activity=activity,
            editor=partner,
            data={"is_public": how != "no longer public"},
            publish=how != "back to draft",
        )

    cancelled = events(feed(client))[uid]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert int(cancelled["SEQUENCE"]) > int(sent["SEQUENCE"])
    assert cancelled.decoded("DTSTART") == sent.decoded("DTSTART")
    assert str(cancelled["SUMMARY"]) == "Gaat niet door"


def test_a_withdrawn_activity_is_sent_as_cancelled_only_for_a_while(partner, theme):
    activity = public(theme, owner_organisation=partner.organisation)
    pk = activity.pk
    services.activity_delete(activity=activity, user=partner)

    assert [gone.pk for gone in selectors.withdrawn_public_activities()] == [pk]
    later = timezone.now() + datetime.timedelta(days=selectors.WITHDRAWN_DAYS + 1)
    assert selectors.withdrawn_public_activities(now=later) == []


def test_an_activity_that_was_never_public_is_never_in_the_feed(client, partner, theme):
    activity = ActivityFactory(
        theme=theme, published=True, owner_organisation=partner.organisation, date=days(2)
    )
    services.activity_delete(activity=Activity.objects.get(pk=activity.pk), user=partner)
    assert activity_uid(activity.pk) not in events(feed(client))


def test_feed_takes_the_agendas_filters(client, theme, villages):
    other = ThemeFactory(name="Mantelzorg", slug="mantelzorg")
    reek = public(theme, title="In Reek", villages=[villages["Reek"]])
    public(theme, title="In Zeeland", villages=[villages["Zeeland"]])
    public(other, title="Ander thema in Reek", villages=[villages["Reek"]])
    withdrawn_elsewhere = public(theme, title="Weg uit Zeeland", villages=[villages["Zeeland"]])
    withdrawn_elsewhere.delete()
    withdrawn_here = public(theme, title="Weg uit Reek", villages=[villages["Reek"]])
    withdrawn_here_uid = activity_uid(withdrawn_here.pk)
    withdrawn_here.delete()

    found = events(feed(client, "?dorp=reek&thema=eenzaamheid"))

    assert set(found) == {activity_uid(reek.pk), withdrawn_here_uid}
    assert str(found[withdrawn_here_uid]["STATUS"]) == "CANCELLED"
    assert "Reek" in str(feed(client, "?dorp=reek")["X-WR-CALNAME"])


def test_agenda_page_links_to_the_feed_with_its_filters(client, theme, villages):
    public(theme, villages=[villages["Reek"]])
    page = client.get(AGENDA, {"dorp": "reek", "periode": "week", "zoek": "x"}).text
    assert "webcal://testserver/agenda.ics?dorp=reek" in page
    assert "periode=week" not in page.split("webcal://", 1)[1].split('"', 1)[0]


# --- The activity form ----------------------------------------------------------------------------


def test_public_is_off_by_default_and_says_what_becomes_public(client, partner, theme):
    client.force_login(partner)
    page = client.get(reverse("themes:activity_create")).text
    checkbox = re.search(r'<input[^>]*name="is_public"[^>]*>', page)
    assert checkbox and "checked" not in checkbox.group(0)
    assert "/agenda/" in page
    assert "Nooit het bereik" in page


def test_partner_puts_an_activity_in_the_public_agenda_with_its_time(client, partner, theme):
    client.force_login(partner)
    response = client.post(
        reverse("themes:activity_create"),
        {
            "title": "Voorleesmiddag",
            "theme": theme.pk,
            "date": days(3).isoformat(),
            "start_time": "14:00",
            "end_time": "15:30",
            "description": "Voorlezen voor kinderen.",
            "is_public": "on",
            "action": "publish",
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get(title="Voorleesmiddag")
    assert activity.is_public and activity.start_time == datetime.time(14, 0)
    assert "Voorleesmiddag" in client.get(AGENDA).text


def test_an_end_time_before_the_start_is_explained_next_to_the_field(client, partner, theme):
    client.force_login(partner)
    response = client.post(
        reverse("themes:activity_create"),
        {
            "title": "Verkeerde tijd",
            "theme": theme.pk,
            "date": days(3).isoformat(),
            "start_time": "15:00",
            "end_time": "14:00",
            "description": "x",
            "action": "publish",
        },
    )
    assert response.status_code == 200
    assert "De eindtijd ligt vóór de begintijd." in response.text
    assert not Activity.objects.filter(title="Verkeerde tijd").exists()


# --- The same agenda in the REST API ----------------------------------------------------------


def test_api_agenda_lists_the_same_activities_with_the_same_filters_without_a_key(
    client, theme, villages
):
    in_reek = public(theme, title="Samen eten in Reek", villages=[villages["Reek"]])
    public(theme, title="Wandelen in Zeeland", villages=[villages["Zeeland"]])
    ActivityFactory(theme=theme, title="Gepubliceerd, niet publiek", published=True, date=days(1))

    everything = client.get(API)
    in_reek_only = client.get(API, {"dorp": "reek"})
    unknown_village = client.get(API, {"dorp": "nergens"})

    assert everything.status_code == 200
    assert {row["title"] for row in everything.json()["results"]} == {
        "Samen eten in Reek",
        "Wandelen in Zeeland",
    }
    [row] = in_reek_only.json()["results"]
    assert row["id"] == in_reek.pk
    assert row["villages"] == ["reek"]
    assert row["web_url"].endswith(reverse("themes:agenda_detail", kwargs={"pk": in_reek.pk}))
    # An unknown value is ignored, as on the page.
    assert unknown_village.json()["count"] == 2
