"""Reads for partner meetings: lists, the agenda with its timing, dashboards (the agenda
suggestions are in suggestions.py).

Every function here owns its ``select_related``/``prefetch_related`` so that a page issues
a fixed number of queries however many meetings, items or suggestions there are.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from partners.models import User
from programme.models import (
    ActionItem,
    AgendaChange,
    AgendaItem,
    AgendaProposal,
    Decision,
    PartnerMeeting,
)

# Without an earlier meeting, "the last period" is this long before the meeting.
DEFAULT_PERIOD = datetime.timedelta(days=91)


# --- Lists ------------------------------------------------------------------------------


def meetings_for_list(*, user):
    """Upcoming and past meetings this user may see, as two querysets.

    The programme team sees drafts too; partners and kartrekkers see a draft only while
    it takes proposals (so they can propose); everyone else sees published agendas.
    """
    meetings = PartnerMeeting.objects.select_related("chair").annotate(
        item_count=Count("agenda_items", distinct=True)
    )
    if not user.has_perm("programme.manage_meetings"):
        visible = ~Q(status=PartnerMeeting.Status.DRAFT)
        if user.has_perm("programme.propose_agenda_item"):
            now = timezone.now()
            visible |= Q(starts_at__gt=now) & (
                Q(proposal_deadline__isnull=True) | Q(proposal_deadline__gte=now)
            )
        meetings = meetings.filter(visible)
    now = timezone.now()
    # A meeting counts as upcoming until it has ended (it may be under way right now).
    upcoming = meetings.filter(starts_at__gte=now - datetime.timedelta(hours=4)).order_by(
        "starts_at"
    )
    past = meetings.filter(starts_at__lt=now - datetime.timedelta(hours=4)).order_by("-starts_at")
    return upcoming, past


def proposals_of_user(*, user):
    return (
        AgendaProposal.objects.filter(proposer=user)
        .select_related("meeting")
        .order_by("-created_at")
    )


def proposals_waiting(*, meeting):
    return meeting.proposals.filter(status=AgendaProposal.Status.PROPOSED).select_related(
        "proposer__organisation"
    )


def meeting_proposals(*, meeting):
    return meeting.proposals.select_related("proposer__organisation", "agenda_item")


def meeting_queryset():
    return PartnerMeeting.objects.select_related("chair")


# --- The agenda and its timing ------------------------------------------------------------


@dataclass
class AgendaRow:
    item: AgendaItem
    number: int
    starts_at: datetime.datetime
    is_first: bool
    is_last: bool


@dataclass
class Agenda:
    meeting: PartnerMeeting
    rows: list = field(default_factory=list)
    total_minutes: int = 0

    @property
    def over_by(self):
        """Minutes the items take beyond the meeting's length (0 when it fits)."""
        return max(0, self.total_minutes - self.meeting.duration_minutes)

    @property
    def ends_at(self):
        return self.meeting.starts_at + datetime.timedelta(minutes=self.total_minutes)


def agenda_for_meeting(*, meeting):
    """The meeting's items in order, each with its running start time."""
    items = (
        meeting.agenda_items.select_related("presenter__organisation", "theme", "goal", "question")
        .prefetch_related("attachments", "decisions", "action_items__owner")
        .order_by("order", "pk")
    )
    items = list(items)
    agenda = Agenda(meeting=meeting)
    start = meeting.starts_at
    for index, item in enumerate(items):
        agenda.rows.append(
            AgendaRow(
                item=item,
                number=index + 1,
                starts_at=start,
                is_first=index == 0,
                is_last=index == len(items) - 1,
            )
        )
        start += datetime.timedelta(minutes=item.minutes_allotted)
        agenda.total_minutes += item.minutes_allotted
    return agenda


def most_common_agenda_kind():
    """The kind most agenda items have (a new item's default); "bespreken" on an empty agenda."""
    most = (
        AgendaItem.objects.values("kind")
        .annotate(count=Count("pk"))
        .order_by("-count", "kind")
        .values_list("kind", flat=True)
        .first()
    )
    return most or AgendaItem.Kind.BESPREKEN


def agenda_changes(*, meeting):
    return AgendaChange.objects.filter(meeting=meeting).select_related("changed_by")


def meeting_decisions(*, meeting):
    return Decision.objects.filter(meeting=meeting).select_related("theme", "agenda_item")


def meeting_action_items(*, meeting):
    return ActionItem.objects.filter(meeting=meeting).select_related(
        "owner__organisation", "agenda_item"
    )


def decisions_in_period(*, start, end):
    """Decisions of meetings held between two dates: what the phase report lists."""
    return (
        Decision.objects.filter(
            meeting__starts_at__date__gte=start,
            meeting__starts_at__date__lte=end,
        )
        .exclude(meeting__status=PartnerMeeting.Status.DRAFT)
        .select_related("meeting", "theme")
        .order_by("meeting__starts_at", "pk")
    )


def action_owner_choices():
    """People an action may be given to: everyone active who does the programme's work."""
    return User.objects.filter(
        is_active=True,
        role__in=[User.Role.PARTNER, User.Role.KARTREKKER, User.Role.PROGRAMMATEAM],
    ).select_related("organisation")


# --- Dashboard ----------------------------------------------------------------------------


def open_action_items_for_user(*, user):
    return (
        ActionItem.objects.filter(owner=user, done=False)
        .select_related("meeting")
        .order_by("due_date", "pk")
    )


def dashboard_panel(*, user):
    """Open actions of this user, the next published meeting and, for the programme
    team, proposals waiting for a decision. None when there is nothing to show."""
    if not user.has_perm("programme.view_meetings"):
        return None
    now = timezone.now()
    actions = list(open_action_items_for_user(user=user)[:20])
    next_meeting = (
        PartnerMeeting.objects.exclude(status=PartnerMeeting.Status.DRAFT)
        .filter(starts_at__gte=now)
        .order_by("starts_at")
        .first()
    )
    waiting = []
    if user.has_perm("programme.manage_meetings"):
        waiting = list(
            AgendaProposal.objects.filter(status=AgendaProposal.Status.PROPOSED)
            .select_related("meeting", "proposer__organisation")
            .order_by("meeting__starts_at", "created_at")[:20]
        )
    if not (actions or next_meeting or waiting):
        return None
    return {
        "open_actions": actions,
        "next_meeting": next_meeting,
        "waiting_proposals": waiting,
        "today": timezone.localdate(),
    }
