"""Reads for partner meetings: lists, the agenda with its timing, suggestions, dashboards.

Every function here owns its ``select_related``/``prefetch_related`` so that a page issues
a fixed number of queries however many meetings, items or suggestions there are.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from learning_history.models import Question
from partners.models import User
from programme.models import (
    ActionItem,
    AgendaChange,
    AgendaItem,
    AgendaProposal,
    Decision,
    DismissedSuggestion,
    Effort,
    Goal,
    PartnerMeeting,
)
from themes.models import Activity, Theme

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


# --- Suggestions ------------------------------------------------------------------------


@dataclass
class Suggestion:
    """Something the portal thinks the partner meeting should discuss, and why."""

    key: str
    source: str
    title: str
    reason: str
    kind: str = AgendaItem.Kind.BESPREKEN
    minutes: int = 10
    theme: Theme | None = None
    goal: Goal | None = None
    question: Question | None = None
    presenter: User | None = None
    text: str = ""
    proposal: AgendaProposal | None = None

    @property
    def is_proposal(self):
        return self.proposal is not None


def previous_meeting(*, meeting):
    return (
        PartnerMeeting.objects.filter(starts_at__lt=meeting.starts_at)
        .exclude(pk=meeting.pk)
        .order_by("-starts_at")
        .first()
    )


def _day(value):
    return date_format(timezone.localtime(value) if isinstance(value, datetime.datetime) else value)


def suggestions_for_meeting(*, meeting):
    """What the portal suggests for this meeting's agenda, each with its reason.

    Suggestions already on the agenda or dismissed for this meeting are left out.
    """
    previous = previous_meeting(meeting=meeting)
    since = previous.starts_at if previous else meeting.starts_at - DEFAULT_PERIOD
    taken = set(
        DismissedSuggestion.objects.filter(meeting=meeting).values_list("key", flat=True)
    ) | set(
        meeting.agenda_items.exclude(suggestion_key="").values_list("suggestion_key", flat=True)
    )
    suggestions = [
        *_theme_updates(since=since, previous=previous),
        *_open_questions(),
        *_quiet_goals(since=since),
        *_proposals(meeting=meeting),
        *_due_action_items(meeting=meeting),
    ]
    return [suggestion for suggestion in suggestions if suggestion.key not in taken]


def find_suggestion(*, meeting, key):
    for suggestion in suggestions_for_meeting(meeting=meeting):
        if suggestion.key == key:
            return suggestion
    return None


def _theme_updates(*, since, previous):
    new_activities = Q(
        activities__status=Activity.Status.PUBLISHED, activities__created_at__gte=since
    )
    themes = (
        Theme.objects.annotate(new_count=Count("activities", filter=new_activities))
        .filter(new_count__gt=0)
        .select_related("working_group__kartrekker")
    )
    for theme in themes:
        kartrekker = getattr(getattr(theme, "working_group", None), "kartrekker", None)
        if previous:
            reason = ngettext(
                "%(count)d nieuwe activiteit sinds het vorige partneroverleg (%(date)s).",
                "%(count)d nieuwe activiteiten sinds het vorige partneroverleg (%(date)s).",
                theme.new_count,
            ) % {"count": theme.new_count, "date": _day(since)}
        else:
            reason = ngettext(
                "%(count)d nieuwe activiteit sinds %(date)s.",
                "%(count)d nieuwe activiteiten sinds %(date)s.",
                theme.new_count,
            ) % {"count": theme.new_count, "date": _day(since)}
        yield Suggestion(
            key=f"theme:{theme.pk}",
            source=_("Werkgroep"),
            title=_("Update van de werkgroep %(theme)s door de kartrekker") % {"theme": theme},
            reason=reason,
            kind=AgendaItem.Kind.INFORMEREN,
            minutes=10,
            theme=theme,
            presenter=kartrekker,
        )


def _open_questions():
    questions = Question.objects.filter(status=Question.Status.OPEN).select_related(
        "theme", "phase"
    )
    for question in questions:
        yield Suggestion(
            key=f"question:{question.pk}",
            source=_("Leergeschiedenis"),
            title=Truncator(question.text).chars(190),
            reason=_("Open vraag uit de leergeschiedenis van %(phase)s.")
            % {"phase": question.phase},
            kind=AgendaItem.Kind.BESPREKEN,
            minutes=15,
            theme=question.theme,
            question=question,
            text=question.text,
        )


def _quiet_goals(*, since):
    """Goals without an activity or a changed effort in the last period."""
    since_day = timezone.localtime(since).date()
    recent_activity = Activity.objects.filter(effort__goal=OuterRef("pk"), date__gte=since_day)
    recent_effort = Effort.history.model.objects.filter(
        goal_id=OuterRef("pk"), history_date__gte=since
    )
    goals = (
        Goal.objects.annotate(
            effort_count=Count("efforts", distinct=True),
            has_recent_activity=Exists(recent_activity),
            has_recent_effort=Exists(recent_effort),
        )
        .filter(has_recent_activity=False, has_recent_effort=False)
        .select_related("theme")
    )
    for goal in goals:
        if goal.effort_count == 0:
            reason = _("Bij dit doel staat nog geen inspanning in de DIN.")
        else:
            reason = _(
                "Geen activiteit en geen gewijzigde inspanning bij dit doel sinds %(date)s."
            ) % {"date": _day(since)}
        yield Suggestion(
            key=f"goal:{goal.pk}",
            source=_("DIN"),
            title=_("Doel zonder beweging: %(goal)s") % {"goal": Truncator(goal.title).chars(160)},
            reason=reason,
            kind=AgendaItem.Kind.BESPREKEN,
            minutes=10,
            theme=goal.theme,
            goal=goal,
        )


def _proposals(*, meeting):
    for proposal in proposals_waiting(meeting=meeting):
        proposer = proposal.proposer
        who = str(proposer)
        if proposer.organisation:
            who = f"{who} ({proposer.organisation})"
        yield Suggestion(
            key=f"proposal:{proposal.pk}",
            source=_("Voorstel"),
            title=proposal.title,
            reason=_("Voorgesteld door %(who)s: %(why)s") % {"who": who, "why": proposal.reason},
            kind=proposal.wished_kind,
            minutes=10,
            presenter=proposer,
            text=proposal.reason,
            proposal=proposal,
        )


def _due_action_items(*, meeting):
    meeting_day = timezone.localtime(meeting.starts_at).date()
    actions = ActionItem.objects.filter(
        done=False,
        meeting__starts_at__lt=meeting.starts_at,
        due_date__lte=meeting_day,
    ).select_related("owner", "meeting")
    for action in actions:
        yield Suggestion(
            key=f"action:{action.pk}",
            source=_("Actiepunt"),
            title=_("Actiepunt: %(what)s") % {"what": Truncator(action.description).chars(170)},
            reason=_(
                "Afgesproken in %(meeting)s voor %(owner)s, uiterlijk %(date)s; nog niet afgerond."
            )
            % {
                "meeting": action.meeting,
                "owner": action.owner or _("niemand"),
                "date": _day(action.due_date),
            },
            kind=AgendaItem.Kind.INFORMEREN,
            minutes=5,
            presenter=action.owner,
        )


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
