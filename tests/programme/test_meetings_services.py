"""Preparing, publishing and following up a partner meeting: the rules in the services."""

import datetime
import io
import zipfile

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfReader

from landerd_portal import outbox
from landerd_portal.models import OutboxMessage
from learning_history.models import Question
from programme.meetings import documents, selectors, services, suggestions
from programme.meetings.tasks import send_agenda_published_email
from programme.models import AgendaChange, AgendaItem, AgendaProposal, PartnerMeeting
from tests.factories import (
    ActionItemFactory,
    ActivityFactory,
    AgendaItemFactory,
    AgendaProposalFactory,
    EffortFactory,
    GoalFactory,
    PartnerMeetingFactory,
    QuestionFactory,
    UserFactory,
)
from themes.models import Activity

pytestmark = pytest.mark.django_db

NOW = timezone.now()


@pytest.fixture
def last_meeting(db):
    return PartnerMeetingFactory(
        title="Partneroverleg maart",
        starts_at=NOW - datetime.timedelta(days=30),
        status=PartnerMeeting.Status.HELD,
    )


@pytest.fixture
def meeting(last_meeting):
    return PartnerMeetingFactory(
        title="Partneroverleg mei",
        starts_at=NOW + datetime.timedelta(days=14),
        proposal_deadline=NOW + datetime.timedelta(days=7),
    )


def keys(meeting):
    return {suggestion.key for suggestion in suggestions.suggestions_for_meeting(meeting=meeting)}


def suggestion(meeting, key):
    return suggestions.find_suggestion(meeting=meeting, key=key)


# --- Suggestions --------------------------------------------------------------------------


def test_theme_with_new_activities_since_last_meeting_suggests_an_update_by_its_kartrekker(
    meeting, theme, kartrekker, organisation
):
    ActivityFactory.create_batch(2, theme=theme, owner_organisation=organisation, published=True)
    found = suggestion(meeting, f"theme:{theme.pk}")
    assert found.presenter == kartrekker
    assert "kartrekker" in found.title
    assert "2 nieuwe activiteiten sinds het vorige partneroverleg" in found.reason


def test_theme_without_new_activities_is_not_suggested(meeting, last_meeting, theme, organisation):
    old = ActivityFactory(theme=theme, owner_organisation=organisation, published=True)
    Activity.objects.filter(pk=old.pk).update(
        created_at=last_meeting.starts_at - datetime.timedelta(days=1)
    )
    ActivityFactory(theme=theme, owner_organisation=organisation)  # a draft does not count
    assert f"theme:{theme.pk}" not in keys(meeting)


def test_open_questions_from_the_learning_history_are_suggested_answered_ones_not(meeting):
    open_question = QuestionFactory(text="Hoe houden we vrijwilligers vast?")
    answered = QuestionFactory(status=Question.Status.ANSWERED)
    found = suggestion(meeting, f"question:{open_question.pk}")
    assert found.title == "Hoe houden we vrijwilligers vast?"
    assert "leergeschiedenis" in found.reason
    assert f"question:{answered.pk}" not in keys(meeting)


def test_goal_without_effort_or_recent_activity_is_suggested_with_its_reason(
    meeting, theme, organisation
):
    bare_goal = GoalFactory(theme=theme, title="Minder eenzame ouderen")
    quiet_goal = GoalFactory(theme=theme)
    quiet_effort = EffortFactory(goal=quiet_goal)
    quiet_effort.history.update(history_date=NOW - datetime.timedelta(days=200))
    ActivityFactory(
        theme=theme,
        owner_organisation=organisation,
        effort=quiet_effort,
        date=(NOW - datetime.timedelta(days=100)).date(),
    )
    busy_goal = GoalFactory(theme=theme)
    busy_effort = EffortFactory(goal=busy_goal)
    busy_effort.history.update(history_date=NOW - datetime.timedelta(days=200))
    ActivityFactory(
        theme=theme, owner_organisation=organisation, effort=busy_effort, date=NOW.date()
    )

    assert "nog geen inspanning" in suggestion(meeting, f"goal:{bare_goal.pk}").reason
    assert "Geen activiteit" in suggestion(meeting, f"goal:{quiet_goal.pk}").reason
    assert f"goal:{busy_goal.pk}" not in keys(meeting)


def test_partner_proposals_and_due_open_action_items_are_suggested(meeting, last_meeting, partner):
    proposal = AgendaProposalFactory(meeting=meeting, proposer=partner, title="Gezonde kantine")
    AgendaProposalFactory(meeting=meeting, proposer=partner, declined=True)
    due = ActionItemFactory(
        meeting=last_meeting, owner=partner, due_date=(NOW + datetime.timedelta(days=1)).date()
    )
    ActionItemFactory(meeting=last_meeting, owner=partner, due_date=NOW.date(), done=True)
    ActionItemFactory(
        meeting=last_meeting, owner=partner, due_date=(NOW + datetime.timedelta(days=60)).date()
    )

    found = keys(meeting)
    assert {k for k in found if k.startswith(("proposal:", "action:"))} == {
        f"proposal:{proposal.pk}",
        f"action:{due.pk}",
    }
    assert "ONS Welzijn" in suggestion(meeting, f"proposal:{proposal.pk}").reason
    assert "nog niet afgerond" in suggestion(meeting, f"action:{due.pk}").reason


def test_accepting_a_suggestion_puts_it_on_the_agenda_and_it_is_not_suggested_again(
    meeting, programmateam
):
    question = QuestionFactory(text="Wie neemt het stokje over?")
    item = services.suggestion_accept(
        meeting=meeting, actor=programmateam, key=f"question:{question.pk}"
    )
    assert item.meeting == meeting
    assert item.question == question
    assert item.kind == AgendaItem.Kind.BESPREKEN
    assert f"question:{question.pk}" not in keys(meeting)


def test_dismissed_suggestion_does_not_come_back(meeting, programmateam):
    question = QuestionFactory()
    services.suggestion_dismiss(meeting=meeting, actor=programmateam, key=f"question:{question.pk}")
    assert f"question:{question.pk}" not in keys(meeting)
    assert not meeting.agenda_items.exists()


def test_a_proposal_is_declined_with_a_reason_not_silently_dismissed(
    meeting, programmateam, partner
):
    proposal = AgendaProposalFactory(meeting=meeting, proposer=partner)
    with pytest.raises(ValidationError):
        services.suggestion_dismiss(
            meeting=meeting, actor=programmateam, key=f"proposal:{proposal.pk}"
        )
    with pytest.raises(ValidationError):
        services.proposal_decline(proposal=proposal, actor=programmateam, reason="  ")
    services.proposal_decline(
        proposal=proposal, actor=programmateam, reason="Dit past beter in de werkgroep."
    )
    proposal.refresh_from_db()
    assert proposal.status == AgendaProposal.Status.DECLINED
    assert proposal.decline_reason == "Dit past beter in de werkgroep."
    assert list(selectors.proposals_of_user(user=partner)) == [proposal]


def test_accepting_a_proposal_via_its_suggestion_marks_it_accepted(meeting, programmateam, partner):
    proposal = AgendaProposalFactory(
        meeting=meeting, proposer=partner, wished_kind=AgendaItem.Kind.BESLUITEN
    )
    item = services.suggestion_accept(
        meeting=meeting, actor=programmateam, key=f"proposal:{proposal.pk}"
    )
    proposal.refresh_from_db()
    assert proposal.status == AgendaProposal.Status.ACCEPTED
    assert proposal.agenda_item == item
    assert item.kind == AgendaItem.Kind.BESLUITEN
    assert item.presenter == partner


def test_only_the_programme_team_changes_the_agenda(meeting, partner, kartrekker, observer):
    question = QuestionFactory()
    for user in (partner, kartrekker, observer):
        with pytest.raises(PermissionDenied):
            services.suggestion_accept(meeting=meeting, actor=user, key=f"question:{question.pk}")
        with pytest.raises(PermissionDenied):
            services.agenda_item_create(
                meeting=meeting, actor=user, data={"title": "X", "kind": "informeren"}
            )
    assert not meeting.agenda_items.exists()


# --- Proposals ----------------------------------------------------------------------------


def test_partner_proposes_until_the_deadline(meeting, partner, kartrekker):
    proposal = services.proposal_create(
        meeting=meeting,
        proposer=partner,
        title="Samenwerking met de scholen",
        reason="De scholen vragen erom.",
        wished_kind=AgendaItem.Kind.BESPREKEN,
    )
    assert proposal.status == AgendaProposal.Status.PROPOSED

    meeting.proposal_deadline = NOW - datetime.timedelta(hours=1)
    meeting.save()
    with pytest.raises(PermissionDenied):
        services.proposal_create(
            meeting=meeting,
            proposer=kartrekker,
            title="Te laat",
            reason="-",
            wished_kind="informeren",
        )
    assert AgendaProposal.objects.count() == 1


def test_observer_and_griffie_cannot_propose(meeting, observer, griffie):
    for user in (observer, griffie):
        with pytest.raises(PermissionDenied):
            services.proposal_create(
                meeting=meeting, proposer=user, title="X", reason="Y", wished_kind="informeren"
            )


# --- Ordering and timing ------------------------------------------------------------------


def test_moving_an_item_swaps_it_with_its_neighbour_and_start_times_follow(meeting, programmateam):
    meeting.starts_at = timezone.make_aware(datetime.datetime(2030, 5, 14, 19, 30))
    meeting.duration_minutes = 60
    meeting.save()
    first = AgendaItemFactory(meeting=meeting, title="Opening", minutes_allotted=5, order=0)
    second = AgendaItemFactory(meeting=meeting, title="Mantelzorg", minutes_allotted=30, order=1)
    third = AgendaItemFactory(meeting=meeting, title="Rondvraag", minutes_allotted=40, order=2)

    services.agenda_item_move(item=third, actor=programmateam, direction="up")

    agenda = selectors.agenda_for_meeting(meeting=meeting)
    assert [row.item for row in agenda.rows] == [first, third, second]
    assert [timezone.localtime(row.starts_at).strftime("%H:%M") for row in agenda.rows] == [
        "19:30",
        "19:35",
        "20:15",
    ]
    assert agenda.total_minutes == 75
    assert agenda.over_by == 15


def test_moving_the_first_item_up_changes_nothing(meeting, programmateam):
    first = AgendaItemFactory(meeting=meeting, order=0)
    second = AgendaItemFactory(meeting=meeting, order=1)
    services.agenda_item_move(item=first, actor=programmateam, direction="up")
    rows = selectors.agenda_for_meeting(meeting=meeting).rows
    assert [row.item for row in rows] == [first, second]


# --- Publishing ---------------------------------------------------------------------------


def test_publishing_mails_every_partner_and_kartrekker_once_after_commit(
    meeting,
    programmateam,
    partner,
    other_partner,
    kartrekker,
    griffie,
    observer,
    django_capture_on_commit_callbacks,
):
    UserFactory(email="vertrokken@example.org", is_active=False)
    AgendaItemFactory(meeting=meeting, title="Update Eenzaamheid")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.meeting_publish(meeting=meeting, actor=programmateam)
    # Besides the mail task, cached pages may be told after commit that the meeting changed.
    mail_tasks = [callback for callback in callbacks if callback.__qualname__.startswith("enqueue")]
    assert len(mail_tasks) == 1
    meeting.refresh_from_db()
    assert meeting.status == PartnerMeeting.Status.PUBLISHED
    assert not mail.outbox  # nothing is sent inside the web request

    send_agenda_published_email.apply(args=[meeting.pk]).get()
    send_agenda_published_email.apply(args=[meeting.pk]).get()  # a retry sends nothing new

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [partner.email, other_partner.email, kartrekker.email]
    )
    assert "Update Eenzaamheid" in mail.outbox[0].body
    assert f"/partneroverleg/{meeting.pk}/" in mail.outbox[0].body
    assert "Partneroverleg mei" in mail.outbox[0].subject


def test_an_empty_agenda_cannot_be_published(meeting, programmateam):
    with pytest.raises(ValidationError):
        services.meeting_publish(meeting=meeting, actor=programmateam)
    meeting.refresh_from_db()
    assert meeting.status == PartnerMeeting.Status.DRAFT


def test_changes_after_publication_are_recorded_and_marked(meeting, programmateam):
    item = AgendaItemFactory(meeting=meeting, title="Opening", minutes_allotted=5)
    services.agenda_item_update(item=item, actor=programmateam, data={"minutes_allotted": 10})
    assert not AgendaChange.objects.exists()  # a draft changes freely

    meeting.status = PartnerMeeting.Status.PUBLISHED
    meeting.save()
    services.agenda_item_update(item=item, actor=programmateam, data={"minutes_allotted": 15})
    services.agenda_item_create(
        meeting=meeting, actor=programmateam, data={"title": "Rondvraag", "kind": "informeren"}
    )
    item.refresh_from_db()
    assert item.changed_after_publication
    descriptions = [change.description for change in selectors.agenda_changes(meeting=meeting)]
    assert descriptions == [
        "Agendapunt Opening gewijzigd: minuten.",
        "Agendapunt toegevoegd: Rondvraag.",
    ]


# --- Attachments --------------------------------------------------------------------------


def _docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "stored_as"),
    [
        ("notitie.pdf", b"%PDF-1.7\n%...\n", "notitie.pdf"),
        ("foto.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "foto.png"),
        ("voorstel.docx", _docx_bytes(), "voorstel.docx"),
        ("scan-zonder-extensie", b"\xff\xd8\xff\xe0" + b"\0" * 20, "scan-zonder-extensie.jpg"),
    ],
)
def test_attachments_are_accepted_by_their_content(
    meeting, programmateam, name, content, stored_as
):
    item = AgendaItemFactory(meeting=meeting)
    attachment = services.attachment_add(
        item=item, actor=programmateam, uploaded_file=SimpleUploadedFile(name, content)
    )
    assert attachment.name == stored_as
    assert attachment.file.read() == content


@pytest.mark.parametrize(
    "content",
    [b"MZ\x90\x00 this is a program", b"<html><script>alert(1)</script>", b"PK\x03\x04broken"],
)
def test_attachment_that_is_not_a_document_is_refused_whatever_its_name(
    meeting, programmateam, content
):
    item = AgendaItemFactory(meeting=meeting)
    with pytest.raises(ValidationError) as refused:
        services.attachment_add(
            item=item, actor=programmateam, uploaded_file=SimpleUploadedFile("agenda.pdf", content)
        )
    assert "PDF" in str(refused.value)
    assert not item.attachments.exists()


def test_attachment_over_the_size_limit_is_refused(meeting, programmateam, settings):
    item = AgendaItemFactory(meeting=meeting)
    big = SimpleUploadedFile("groot.pdf", b"%PDF-" + b"0" * services.MAX_ATTACHMENT_SIZE)
    with pytest.raises(ValidationError, match="10 MB"):
        services.attachment_add(item=item, actor=programmateam, uploaded_file=big)


# --- Documents ----------------------------------------------------------------------------


def test_ics_holds_the_meeting_in_amsterdam_time(meeting):
    meeting.starts_at = datetime.datetime(2030, 7, 2, 17, 30, tzinfo=datetime.UTC)  # 19:30 CEST
    meeting.duration_minutes = 90
    meeting.location = "Gemeentehuis Zeeland"
    meeting.save()
    AgendaItemFactory(meeting=meeting, title="Opening")

    agenda = selectors.agenda_for_meeting(meeting=meeting)
    calendar = icalendar.Calendar.from_ical(documents.meeting_ics(meeting=meeting, agenda=agenda))
    event = next(iter(calendar.walk("VEVENT")))
    start = event.decoded("dtstart")
    assert event["dtstart"].params["TZID"] == "Europe/Amsterdam"
    assert (start.hour, start.minute) == (19, 30)
    assert start.utcoffset() == datetime.timedelta(hours=2)
    assert event.decoded("dtend") - start == datetime.timedelta(minutes=90)
    assert str(event["location"]) == "Gemeentehuis Zeeland"
    assert "1. Opening" in str(event["description"])


def test_agenda_pdf_lists_the_items_with_start_times(meeting):
    meeting.starts_at = timezone.make_aware(datetime.datetime(2030, 5, 14, 19, 30))
    meeting.save()
    AgendaItemFactory(meeting=meeting, title="Opening en mededelingen", minutes_allotted=10)
    AgendaItemFactory(meeting=meeting, title="Update Mantelzorg", minutes_allotted=20)

    pdf = documents.agenda_pdf(
        meeting=meeting, agenda=selectors.agenda_for_meeting(meeting=meeting), changes=[]
    )
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert pdf.startswith(b"%PDF")
    assert "Opening en mededelingen" in text
    assert "19:40" in text
    assert "Update Mantelzorg" in text


# --- After the meeting --------------------------------------------------------------------


def test_action_item_shows_on_its_owners_dashboard_until_done(
    meeting, programmateam, partner, other_partner
):
    meeting.status = PartnerMeeting.Status.PUBLISHED
    meeting.save()
    action = services.action_item_create(
        meeting=meeting,
        actor=programmateam,
        description="Flyer mantelzorgdag rondsturen",
        owner=partner,
        due_date=datetime.date(2030, 6, 1),
    )
    assert selectors.dashboard_panel(user=partner)["open_actions"] == [action]

    with pytest.raises(PermissionDenied):
        services.action_item_complete(action_item=action, actor=other_partner)
    services.action_item_complete(action_item=action, actor=partner)

    panel = selectors.dashboard_panel(user=partner)  # still there: the meeting is ahead
    assert panel["open_actions"] == []


def test_decisions_are_recorded_after_publication_and_feed_the_phase_report(
    meeting, programmateam, theme
):
    with pytest.raises(ValidationError):
        services.decision_create(meeting=meeting, actor=programmateam, text="Te vroeg")
    meeting.status = PartnerMeeting.Status.PUBLISHED
    meeting.save()
    decision = services.decision_create(
        meeting=meeting, actor=programmateam, text="We starten een maatjesproject.", theme=theme
    )
    day = timezone.localtime(meeting.starts_at).date()
    assert list(selectors.decisions_in_period(start=day, end=day)) == [decision]


def test_programme_team_dashboard_lists_proposals_waiting(meeting, programmateam, partner, griffie):
    proposal = AgendaProposalFactory(meeting=meeting, proposer=partner)
    assert selectors.dashboard_panel(user=programmateam)["waiting_proposals"] == [proposal]
    partner_panel = selectors.dashboard_panel(user=partner)
    assert partner_panel is None  # a draft meeting and no actions: nothing to show
    assert selectors.dashboard_panel(user=griffie) is None


def test_agenda_is_published_even_when_the_broker_is_unreachable(
    meeting, programmateam, settings, django_capture_on_commit_callbacks
):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:9/0"  # nothing listens on port 9
    AgendaItemFactory(meeting=meeting, title="Update Eenzaamheid")

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_publish(meeting=meeting, actor=programmateam)

    meeting.refresh_from_db()
    assert meeting.status == PartnerMeeting.Status.PUBLISHED
    assert meeting.publication_mailed_at is None  # not sent, and not pretended to be
    # Kept in the outbox, with the reason it is still there.
    [message] = OutboxMessage.objects.all()
    assert (message.task_name, message.args) == (services.PUBLICATION_EMAIL_TASK, [meeting.pk])
    assert message.sent_at is None and message.attempts == 1 and message.last_error


def test_beat_hands_over_the_agenda_email_the_broker_could_not_take_and_it_goes_once(
    meeting, programmateam, partner, settings, monkeypatch, django_capture_on_commit_callbacks
):
    broker_url = settings.CELERY_BROKER_URL
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:9/0"  # nothing listens on port 9
    AgendaItemFactory(meeting=meeting, title="Update Eenzaamheid")
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_publish(meeting=meeting, actor=programmateam)
    assert not mail.outbox

    # The broker is back; beat hands the message over (here the task then runs as the
    # worker would, twice, as after a redelivery) and the partners get one e-mail.
    settings.CELERY_BROKER_URL = broker_url
    delivered = []
    monkeypatch.setattr(outbox, "_send", delivered.append)
    assert outbox.send_unsent() == 1
    assert outbox.send_unsent() == 0  # a sent message is not sent again
    for message in delivered * 2:
        send_agenda_published_email.apply(args=message.args).get()

    assert [message.to for message in mail.outbox] == [[partner.email]]
    meeting.refresh_from_db()
    assert meeting.publication_mailed_at is not None
