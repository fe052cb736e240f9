"""Changes to partner meetings: agendas, proposals, publication, minutes and actions.

Only the programme team edits meetings and agendas; partners and kartrekkers propose
items. Every function checks the permission itself (the views check it as well), so a
refused change raises ``PermissionDenied`` and saves nothing. Changes to a published
agenda are recorded as ``AgendaChange`` rows, which every reader sees.
"""

import datetime
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from landerd_portal.audit import delete_by, save_by
from landerd_portal.concurrency import claim
from landerd_portal.logs import log_event
from landerd_portal.outbox import enqueue_on_commit
from landerd_portal.permissions import require_permission
from landerd_portal.text import mail_subject
from landerd_portal.uploads import store_upload, undo_uploads
from partners.models import User
from programme.meetings import selectors, suggestions
from programme.models import (
    ActionItem,
    AgendaAttachment,
    AgendaChange,
    AgendaItem,
    AgendaProposal,
    Decision,
    DismissedSuggestion,
    PartnerMeeting,
)

# The task (in tasks.py) that sends a published agenda's e-mail, enqueued by name.
PUBLICATION_EMAIL_TASK = "programme.send_agenda_published_email"

MAX_ATTACHMENT_SIZE = 10 * 1024 * 1024  # 10 MB: a long PDF or a slide deck, not a video

MEETING_FIELDS = [
    "title",
    "starts_at",
    "duration_minutes",
    "location",
    "video_link",
    "chair",
    "proposal_deadline",
]
AGENDA_ITEM_FIELDS = [
    "kind",
    "title",
    "text",
    "presenter",
    "minutes_allotted",
    "theme",
    "goal",
    "question",
]


def _record_change(*, meeting, actor, description):
    """After publication, every change to the agenda is written down for the readers."""
    if meeting.is_published:
        AgendaChange.objects.create(meeting=meeting, changed_by=actor, description=description)
        return True
    return False


# --- Meetings -----------------------------------------------------------------------------


@transaction.atomic
def meeting_create(*, actor: User, data: dict) -> PartnerMeeting:
    require_permission(actor, "programme.manage_meetings")
    meeting = PartnerMeeting(**{name: data.get(name) for name in MEETING_FIELDS if name in data})
    meeting.full_clean()
    save_by(actor, meeting)
    return meeting


@transaction.atomic
def meeting_update(
    *, meeting: PartnerMeeting, actor: User, data: dict, version: int | None = None
) -> PartnerMeeting:
    """Change a meeting's details, unless someone saved them after ``version``."""
    require_permission(actor, "programme.manage_meetings", meeting)
    claim(meeting, version)
    changed = []
    for name in MEETING_FIELDS:
        if name in data and getattr(meeting, name) != data[name]:
            setattr(meeting, name, data[name])
            changed.append(str(PartnerMeeting._meta.get_field(name).verbose_name))
    meeting.full_clean()
    save_by(actor, meeting)
    if changed:
        _record_change(
            meeting=meeting,
            actor=actor,
            description=_("Gegevens van het overleg gewijzigd: %(fields)s.")
            % {"fields": ", ".join(changed)},
        )
    return meeting


@transaction.atomic
def meeting_publish(*, meeting: PartnerMeeting, actor: User) -> PartnerMeeting:
    """Publish the agenda; partners get an e-mail once the transaction has committed."""
    require_permission(actor, "programme.manage_meetings", meeting)
    meeting = PartnerMeeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_published:
        raise ValidationError(_("Deze agenda is al gepubliceerd."))
    if not meeting.agenda_items.exists():
        raise ValidationError(_("Zet eerst minstens één punt op de agenda."))
    meeting.status = PartnerMeeting.Status.PUBLISHED
    meeting.published_at = timezone.now()
    save_by(actor, meeting, update_fields=["status", "published_at"])
    log_event("agenda_published", user=actor, obj=meeting)

    # The e-mail is stored in the outbox with the publication: if the broker is down the
    # agenda is still published at once and beat hands the e-mail over later (it sends once).
    enqueue_on_commit(PUBLICATION_EMAIL_TASK, meeting.pk)
    return meeting


@transaction.atomic
def meeting_mark_held(*, meeting: PartnerMeeting, actor: User) -> PartnerMeeting:
    require_permission(actor, "programme.manage_meetings", meeting)
    if not meeting.is_published:
        raise ValidationError(_("Publiceer de agenda voordat je het overleg afsluit."))
    meeting.status = PartnerMeeting.Status.HELD
    save_by(actor, meeting, update_fields=["status"])
    return meeting


def agenda_published_recipients():
    """Everyone who reads the agenda as a partner: active partner and kartrekker users."""
    return User.objects.filter(
        is_active=True, role__in=[User.Role.PARTNER, User.Role.KARTREKKER]
    ).exclude(email="")


def meeting_send_publication_email(*, meeting_id: int) -> int:
    """Tell the partners the agenda is out. Sends once; returns the number of e-mails."""
    with transaction.atomic():
        meeting = PartnerMeeting.objects.select_for_update().filter(pk=meeting_id).first()
        if meeting is None or meeting.publication_mailed_at or not meeting.is_published:
            return 0
        agenda = selectors.agenda_for_meeting(meeting=meeting)
        url = f"{settings.PORTAL_URL}{meeting.get_absolute_url()}"
        with translation.override(settings.LANGUAGE_CODE):
            context = {"meeting": meeting, "agenda": agenda, "url": url}
            subject = mail_subject(
                render_to_string("programme/meetings/email/agenda_published_subject.txt", context)
            )
            body = render_to_string("programme/meetings/email/agenda_published.txt", context)
        messages = [
            EmailMessage(subject=subject, body=body, to=[email])
            for email in agenda_published_recipients().values_list("email", flat=True)
        ]
        # Sending inside the transaction: if the mail server fails, nothing is marked and
        # the task's retry sends again; the row lock keeps a second worker from doubling.
        sent = get_connection().send_messages(messages) if messages else 0
        meeting.publication_mailed_at = timezone.now()
        meeting.save(update_fields=["publication_mailed_at"])
    return sent or 0


# --- Agenda items -------------------------------------------------------------------------


def _next_order(meeting):
    highest = meeting.agenda_items.aggregate(highest=Max("order"))["highest"]
    return 0 if highest is None else highest + 1


@transaction.atomic
def agenda_item_create(
    *, meeting: PartnerMeeting, actor: User, data: dict, suggestion_key: str = ""
) -> AgendaItem:
    require_permission(actor, "programme.manage_meetings", meeting)
    if meeting.status == PartnerMeeting.Status.HELD:
        raise ValidationError(_("Dit overleg is al gehouden; de agenda ligt vast."))
    item = AgendaItem(
        meeting=meeting,
        order=_next_order(meeting),
        suggestion_key=suggestion_key,
        **{name: data.get(name) for name in AGENDA_ITEM_FIELDS if name in data},
    )
    item.text = item.text or ""
    item.changed_after_publication = meeting.is_published
    item.full_clean()
    save_by(actor, item)
    _record_change(
        meeting=meeting,
        actor=actor,
        description=_("Agendapunt toegevoegd: %(title)s.") % {"title": item.title},
    )
    return item


@transaction.atomic
def agenda_item_update(
    *, item: AgendaItem, actor: User, data: dict, version: int | None = None
) -> AgendaItem:
    """Change an agenda item, unless someone saved it after ``version``."""
    meeting = item.meeting
    require_permission(actor, "programme.manage_meetings", meeting)
    claim(item, version)
    changed = []
    for name in AGENDA_ITEM_FIELDS:
        if name in data and getattr(item, name) != data[name]:
            setattr(item, name, data[name])
            changed.append(str(AgendaItem._meta.get_field(name).verbose_name))
    item.full_clean()
    if changed and _record_change(
        meeting=meeting,
        actor=actor,
        description=_("Agendapunt %(title)s gewijzigd: %(fields)s.")
        % {"title": item.title, "fields": ", ".join(changed)},
    ):
        item.changed_after_publication = True
    save_by(actor, item)
    return item


MINUTES_RANGE = (1, 240)


@transaction.atomic
def agenda_item_set_minutes(
    *, item: AgendaItem, actor: User, minutes: int, version: int | None = None
) -> AgendaItem:
    """Change only an item's minutes (the agenda builder's inline field), unless someone
    saved the item after ``version``."""
    require_permission(actor, "programme.manage_meetings", item.meeting)
    low, high = MINUTES_RANGE
    if not low <= minutes <= high:
        raise ValidationError(
            _("Kies tussen %(low)d en %(high)d minuten.") % {"low": low, "high": high},
            code="range",
        )
    return agenda_item_update(
        item=item, actor=actor, data={"minutes_allotted": minutes}, version=version
    )


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem, actor: User) -> None:
    meeting = item.meeting
    require_permission(actor, "programme.manage_meetings", meeting)
    if meeting.status == PartnerMeeting.Status.HELD:
        raise ValidationError(_("Dit overleg is al gehouden; de agenda ligt vast."))
    title = item.title
    # A proposal that led to this item goes back to waiting for a decision.
    # One save per proposal (there are few), so that each leaves a trace in its history.
    for proposal in item.proposals.all():
        proposal.status = AgendaProposal.Status.PROPOSED
        proposal.decided_at = None
        save_by(actor, proposal, update_fields=["status", "decided_at"])
    delete_by(actor, item)
    _renumber(meeting, list(meeting.agenda_items.order_by("order", "pk")))
    _record_change(
        meeting=meeting,
        actor=actor,
        description=_("Agendapunt geschrapt: %(title)s.") % {"title": title},
    )


def _renumber(meeting, items):
    for position, agenda_item in enumerate(items):
        if agenda_item.order != position:
            agenda_item.order = position
            agenda_item.save(update_fields=["order"])


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, actor: User, direction: str) -> AgendaItem:
    """Move an item one place up or down; the other items keep their relative order."""
    meeting = item.meeting
    require_permission(actor, "programme.manage_meetings", meeting)
    if direction not in {"up", "down"}:
        raise ValidationError(_("Kies omhoog of omlaag."))
    # Lock the meeting so two people reordering at once do not interleave.
    PartnerMeeting.objects.select_for_update().get(pk=meeting.pk)
    items = list(meeting.agenda_items.order_by("order", "pk"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(items):
        return item
    items[index], items[target] = items[target], items[index]
    _renumber(meeting, items)
    _record_change(
        meeting=meeting,
        actor=actor,
        description=_("Volgorde gewijzigd: %(title)s is nu punt %(number)d.")
        % {"title": item.title, "number": target + 1},
    )
    item.refresh_from_db()
    return item


# --- Suggestions --------------------------------------------------------------------------


@transaction.atomic
def suggestion_accept(*, meeting: PartnerMeeting, actor: User, key: str) -> AgendaItem:
    """Put a suggestion on the agenda, as it was suggested (the team can edit it after)."""
    require_permission(actor, "programme.manage_meetings", meeting)
    suggestion = suggestions.find_suggestion(meeting=meeting, key=key)
    if suggestion is None:
        raise ValidationError(_("Deze suggestie is er niet meer; vernieuw de pagina."))
    if suggestion.is_proposal:
        return proposal_accept(proposal=suggestion.proposal, actor=actor)
    return agenda_item_create(
        meeting=meeting,
        actor=actor,
        suggestion_key=suggestion.key,
        data={
            "kind": suggestion.kind,
            "title": suggestion.title,
            "text": suggestion.text or suggestion.reason,
            "presenter": suggestion.presenter,
            "minutes_allotted": suggestion.minutes,
            "theme": suggestion.theme,
            "goal": suggestion.goal,
            "question": suggestion.question,
        },
    )


@transaction.atomic
def suggestion_dismiss(*, meeting: PartnerMeeting, actor: User, key: str) -> DismissedSuggestion:
    require_permission(actor, "programme.manage_meetings", meeting)
    suggestion = suggestions.find_suggestion(meeting=meeting, key=key)
    if suggestion is None:
        raise ValidationError(_("Deze suggestie is er niet meer; vernieuw de pagina."))
    if suggestion.is_proposal:
        raise ValidationError(
            _("Een voorstel van een partner wijs je af met een reden, zodat de indiener die ziet.")
        )
    dismissed, _created = DismissedSuggestion.objects.get_or_create(
        meeting=meeting,
        key=suggestion.key,
        defaults={"title": suggestion.title[:300], "dismissed_by": actor},
    )
    return dismissed


# --- Proposals ----------------------------------------------------------------------------


@transaction.atomic
def proposal_create(
    *, meeting: PartnerMeeting, proposer: User, title: str, reason: str, wished_kind: str
) -> AgendaProposal:
    require_permission(proposer, "programme.propose_for_meeting", meeting)
    proposal = AgendaProposal(
        meeting=meeting, proposer=proposer, title=title, reason=reason, wished_kind=wished_kind
    )
    proposal.full_clean()
    save_by(proposer, proposal)
    return proposal


@transaction.atomic
def proposal_accept(*, proposal: AgendaProposal, actor: User) -> AgendaItem:
    require_permission(actor, "programme.manage_meetings", proposal.meeting)
    proposal = AgendaProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != AgendaProposal.Status.PROPOSED:
        raise ValidationError(_("Over dit voorstel is al besloten."))
    item = agenda_item_create(
        meeting=proposal.meeting,
        actor=actor,
        suggestion_key=f"proposal:{proposal.pk}",
        data={
            "kind": proposal.wished_kind,
            "title": proposal.title,
            "text": proposal.reason,
            "presenter": proposal.proposer,
            "minutes_allotted": 10,
        },
    )
    proposal.status = AgendaProposal.Status.ACCEPTED
    proposal.agenda_item = item
    proposal.decided_at = timezone.now()
    save_by(actor, proposal, update_fields=["status", "agenda_item", "decided_at"])
    return item


@transaction.atomic
def proposal_decline(*, proposal: AgendaProposal, actor: User, reason: str) -> AgendaProposal:
    require_permission(actor, "programme.manage_meetings", proposal.meeting)
    proposal = AgendaProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != AgendaProposal.Status.PROPOSED:
        raise ValidationError(_("Over dit voorstel is al besloten."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Geef een reden waarom het voorstel niet op de agenda komt.")}
        )
    proposal.status = AgendaProposal.Status.DECLINED
    proposal.decline_reason = reason
    proposal.decided_at = timezone.now()
    proposal.full_clean()
    save_by(actor, proposal, update_fields=["status", "decline_reason", "decided_at"])
    return proposal


# --- Attachments --------------------------------------------------------------------------

# Magic bytes of the documents we accept, checked on the content, never the name.
_SIGNATURES = [
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"GIF87a", "image/gif", "gif"),
    (b"GIF89a", "image/gif", "gif"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage", "doc"),
]
_OOXML = {
    "word/": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "xl/": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "ppt/": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
}
_ODF = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}


def detect_document_type(uploaded_file):
    """(content type, extension) of an accepted document, or None. Reads the content."""
    uploaded_file.seek(0)
    head = uploaded_file.read(64)
    uploaded_file.seek(0)
    for signature, content_type, extension in _SIGNATURES:
        if head.startswith(signature):
            return content_type, extension
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(uploaded_file) as archive:
                names = archive.namelist()
                if "mimetype" in names:
                    mimetype = archive.read("mimetype").strip()
                    if mimetype in _ODF:
                        return mimetype.decode(), _ODF[mimetype]
                if "[Content_Types].xml" in names:
                    for prefix, found in _OOXML.items():
                        if any(name.startswith(prefix) for name in names):
                            return found
        except (zipfile.BadZipFile, OSError, KeyError):
            return None
        finally:
            uploaded_file.seek(0)
    return None


ATTACHMENT_NOT_STORED = gettext_lazy(
    "De bijlage kon niet worden opgeslagen: het opslaan van bestanden lukt nu niet. Er is "
    "niets bewaard; probeer het later opnieuw en kies het bestand dan opnieuw, want een "
    "browser onthoudt een gekozen bestand niet."
)


def attachment_check(uploaded_file) -> tuple[str, str]:
    """(content type, extension) of a file we accept as attachment; else a ValidationError."""
    if uploaded_file.size > MAX_ATTACHMENT_SIZE:
        raise ValidationError(
            {"file": _("Het bestand is groter dan 10 MB. Maak het kleiner of deel een link.")},
            code="too_large",
        )
    detected = detect_document_type(uploaded_file)
    if detected is None:
        raise ValidationError(
            {
                "file": _(
                    "Dit soort bestand kan niet als bijlage. Kies een PDF, een afbeelding "
                    "(PNG, JPEG, GIF) of een Office- of OpenDocument-bestand."
                )
            },
            code="unsupported",
        )
    return detected


@transaction.atomic
def attachment_add(*, item: AgendaItem, actor: User, uploaded_file) -> AgendaAttachment:
    require_permission(actor, "programme.manage_meetings", item.meeting)
    content_type, extension = attachment_check(uploaded_file)
    original = (uploaded_file.name or "bijlage").rsplit("/", 1)[-1]
    stem = original.rsplit(".", 1)[0][:150] or "bijlage"
    attachment = AgendaAttachment(
        agenda_item=item,
        name=f"{stem}.{extension}",
        content_type=content_type,
        size=uploaded_file.size,
        uploaded_by=actor,
    )
    # The row, the change record and the file are kept together or not at all.
    with undo_uploads() as written:
        store_upload(
            attachment.file,
            f"bijlage.{extension}",
            uploaded_file,
            written=written,
            form_field="file",
            message=ATTACHMENT_NOT_STORED,
            user=actor,
        )
        attachment.full_clean()
        save_by(actor, attachment)
        _record_change(
            meeting=item.meeting,
            actor=actor,
            description=_("Bijlage %(name)s toegevoegd bij %(title)s.")
            % {"name": attachment.name, "title": item.title},
        )
    return attachment


# --- After the meeting --------------------------------------------------------------------


def _require_minutes(actor, meeting):
    require_permission(actor, "programme.manage_meetings", meeting)
    if not meeting.is_published:
        raise ValidationError(_("Het verslag volgt na het overleg; publiceer eerst de agenda."))


@transaction.atomic
def minutes_save(*, item: AgendaItem, actor: User, notes: str) -> AgendaItem:
    _require_minutes(actor, item.meeting)
    item.notes = notes or ""
    save_by(actor, item, update_fields=["notes"])
    return item


@transaction.atomic
def decision_create(
    *,
    meeting: PartnerMeeting,
    actor: User,
    text: str,
    theme=None,
    agenda_item: AgendaItem | None = None,
) -> Decision:
    _require_minutes(actor, meeting)
    decision = Decision(meeting=meeting, text=text, theme=theme, agenda_item=agenda_item)
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("Dit agendapunt hoort bij een ander overleg.")})
    decision.full_clean()
    save_by(actor, decision)
    return decision


@transaction.atomic
def action_item_create(
    *,
    meeting: PartnerMeeting,
    actor: User,
    description: str,
    owner: User | None,
    due_date: datetime.date | None,
    agenda_item: AgendaItem | None = None,
) -> ActionItem:
    _require_minutes(actor, meeting)
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("Dit agendapunt hoort bij een ander overleg.")})
    action = ActionItem(
        meeting=meeting,
        description=description,
        owner=owner,
        due_date=due_date,
        agenda_item=agenda_item,
    )
    action.full_clean()
    save_by(actor, action)
    return action


@transaction.atomic
def action_item_complete(*, action_item: ActionItem, actor: User) -> ActionItem:
    require_permission(actor, "programme.complete_action_item", action_item)
    if not action_item.done:
        action_item.done = True
        action_item.done_at = timezone.now()
        save_by(actor, action_item, update_fields=["done", "done_at"])
    return action_item
