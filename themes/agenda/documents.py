"""The public agenda as an iCalendar feed (RFC 5545) that phones and Outlook subscribe to.

Made from the activities and withdrawn activities handed to it (themes.selectors); nothing
here reads the database. What a subscribed calendar needs to stay right:

- a UID per activity that never changes (not the host's name: the feed may be reached
  under several), so an edited activity replaces its event instead of adding one;
- SEQUENCE (the activity's edit version) and LAST-MODIFIED, so a calendar knows which copy
  is newer;
- an activity that left the agenda comes once more, as STATUS:CANCELLED with a higher
  SEQUENCE, so the calendar removes it.

Times are Europe/Amsterdam, with its VTIMEZONE in the feed; an activity without a time is
an all-day event.
"""

import datetime
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings

PRODID = "-//Samen Landerd, Samen Beter//Openbare agenda//NL"
# How often a subscribed calendar should look again (Outlook and Apple read these).
REFRESH = datetime.timedelta(hours=6)


def activity_uid(pk: int) -> str:
    return f"activiteit-{pk}@{settings.CALENDAR_UID_DOMAIN}"


def _when(*, date, end_date, start_time, end_time, zone):
    """DTSTART and DTEND: local times with a zone, or whole days (DTEND is exclusive)."""
    last_day = end_date or date
    if start_time is None:
        return date, last_day + datetime.timedelta(days=1)
    start = datetime.datetime.combine(date, start_time, tzinfo=zone)
    if end_time is None:
        return start, None
    end = datetime.datetime.combine(last_day, end_time, tzinfo=zone)
    return start, end if end > start else None


def _event(*, uid, sequence, modified, when, summary):
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", modified)
    event.add("last-modified", modified)
    event.add("sequence", sequence)
    start, end = when
    event.add("dtstart", start)
    if end is not None:
        event.add("dtend", end)
    event.add("summary", summary)
    return event


def agenda_ics(*, activities, withdrawn, name, url_of) -> bytes:
    """The feed: ``activities`` as events, ``withdrawn`` as cancelled ones.

    ``url_of(activity_pk)`` gives the absolute address of an activity's public page.
    """
    zone = ZoneInfo(settings.TIME_ZONE)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    activities, withdrawn = list(activities), list(withdrawn)
    # Always there, also when every event is all-day: subscribers expect the zone. Its
    # transitions from a year before the first event to a year after the last.
    days = [item.date for item in [*activities, *withdrawn]] or [datetime.date.today()]
    calendar.add_component(
        icalendar.Timezone.from_tzid(
            settings.TIME_ZONE,
            first_date=min(days) - datetime.timedelta(days=366),
            last_date=max(days) + datetime.timedelta(days=366),
        )
    )
    for activity in activities:
        url = url_of(activity.pk)
        event = _event(
            uid=activity_uid(activity.pk),
            sequence=activity.version,
            modified=activity.updated_at,
            when=_when(
                date=activity.date,
                end_date=activity.end_date,
                start_time=activity.start_time,
                end_time=activity.end_time,
                zone=zone,
            ),
            summary=activity.title,
        )
        event.add("status", "CONFIRMED")
        description = "\n\n".join(part for part in (activity.description.strip(), url) if part)
        event.add("description", description)
        villages = [village.name for village in activity.villages.all()]
        if villages:
            event.add("location", ", ".join(villages))
        event.add("categories", [activity.theme.name])
        event.add("url", url)
        calendar.add_component(event)
    for gone in withdrawn:
        event = _event(
            uid=activity_uid(gone.pk),
            sequence=gone.sequence,
            modified=gone.withdrawn_at,
            when=_when(
                date=gone.date,
                end_date=gone.end_date,
                start_time=gone.start_time,
                end_time=gone.end_time,
                zone=zone,
            ),
            summary=gone.title,
        )
        event.add("status", "CANCELLED")
        calendar.add_component(event)
    return calendar.to_ical()
