"""What the portal suggests for a meeting's agenda, and why.

Read from what happened since the previous meeting: theme updates with new activities,
open questions of the learning history, DIN goals that went quiet, partners' proposals
and action items that fall due. A suggestion the programme team dismissed is not shown
again; an accepted one becomes an agenda item (see services).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from learning_history.models import Question
from partners.models import User
from programme.meetings.selectors import DEFAULT_PERIOD, proposals_waiting
from programme.models import (
    ActionItem,
    AgendaItem,
    AgendaProposal,
    DismissedSuggestion,
    Effort,
    Goal,
    PartnerMeeting,
)
from themes.models import Activity, Theme


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
