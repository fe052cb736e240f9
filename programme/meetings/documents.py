"""A meeting's files: the agenda as PDF and the meeting as iCalendar.

Made from the data handed to them (the meeting and its `Agenda` from the selectors);
nothing here reads the database.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from landerd_portal.pdf import html_to_accessible_pdf


def agenda_pdf(*, meeting, agenda, changes):
    """The published agenda as a tagged PDF (PDF/UA-1), from the rows the agenda page shows."""
    html = render_to_string(
        "programme/meetings/agenda_pdf.html",
        {"meeting": meeting, "agenda": agenda, "changes": changes},
    )
    return html_to_accessible_pdf(html)


def meeting_ics(*, meeting, agenda, url=""):
    """The meeting as an RFC 5545 calendar with one event in Europe/Amsterdam time."""
    from zoneinfo import ZoneInfo

    import icalendar

    amsterdam = ZoneInfo(settings.TIME_ZONE)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Samen Landerd, Samen Beter//Partnerportaal//NL")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", f"partneroverleg-{meeting.pk}@{settings.CALENDAR_UID_DOMAIN}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at.astimezone(amsterdam))
    event.add("dtend", meeting.ends_at.astimezone(amsterdam))
    event.add("summary", meeting.title)
    lines = [f"{row.number}. {row.item.title}" for row in agenda.rows]
    if url:
        lines.append("")
        lines.append(url)
    event.add("description", "\n".join(lines))
    if meeting.location:
        event.add("location", meeting.location)
    if meeting.video_link:
        event.add("url", meeting.video_link)
    elif url:
        event.add("url", url)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
