"""Read the sustainability indicator: does the partnership carry itself, phase by phase?

Seed 001 asks: if the programme manager were gone, would the collaboration collapse? The
programme-management capacity goes from 1 to 0.5 to 0 fte, so per phase three shares
say how much of the work rests on the partners themselves:

- activities: the share of the phase's published activities whose owner is neither the
  municipality (an organisation of the kind "gemeente") nor an organisation of a member
  of the programme team (a user with the role "programmateam");
- efforts: the share of the DIN efforts worked on in the phase (a published activity of
  the phase is linked to them) whose lead organisation is a partner in that sense;
- working groups: the share of the working groups whose kartrekker works for a partner.

Efforts and working groups are taken as they stood at the end of the phase (today for
the running phase), from their history; where the history does not reach back that far,
as they stand now. Seven queries (the phases and budgets are kept per version), whatever
the number of phases and activities.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from landerd_portal.fragments import ACTIVITIES, DIN, VOCABULARY, cached_lookup
from partners.models import Organisation, User
from programme.models import Effort, Phase
from programme.phases.selectors import all_phases, budgets_of_phase, current_phase
from themes.models import Activity, WorkingGroup

DEFINITION = _(
    "Draagt het partnerschap zichzelf? Per fase drie aandelen: de activiteiten met een "
    "partner als eigenaar (niet de gemeente of de organisatie van het programmateam), de "
    "inspanningen waaraan in de fase is gewerkt met een partner als trekker, en de "
    "werkgroepen met een kartrekker van een partner. Inspanningen en werkgroepen zoals ze "
    "er aan het eind van de fase bij stonden. Daarnaast: de fte programmamanagement van "
    "die fase."
)


@dataclass
class Share:
    key: str
    part: int
    total: int

    @property
    def percent(self):
        """Rounded percentage, or None when there is nothing to share."""
        return round(100 * self.part / self.total) if self.total else None


@dataclass
class PhaseSustainability:
    phase: Phase
    fte: Decimal | None
    activities: Share
    efforts: Share
    working_groups: Share
    is_current: bool = False

    @property
    def shares(self):
        return [self.activities, self.efforts, self.working_groups]


def programme_side_organisation_ids() -> set:
    """The municipality and the organisations of the programme team's members (one query)."""
    return set(
        Organisation.objects.filter(
            Q(kind=Organisation.Kind.GEMEENTE) | Q(members__role=User.Role.PROGRAMMATEAM)
        ).values_list("pk", flat=True)
    )


def _end_of(day):
    """The first moment after ``day`` in the portal's time zone: history before it counts."""
    return timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(1), datetime.time())
    )


def _state_at(history, current, moment):
    """{pk: value} as of ``moment``: the last history record before it, else the current.

    ``history`` is a list of (pk, value, history_date, history_type), oldest first.
    Objects deleted before the moment, or created after it, drop out.
    """
    state = {}
    recorded = set()
    for pk, value, when, kind in history:
        if when >= moment:
            break
        recorded.add(pk)
        if kind == "-":
            state.pop(pk, None)
        else:
            state[pk] = value
    for pk, value in current.items():
        if pk not in recorded:
            state[pk] = value
    return state


def sustainability_by_phase(*, today=None) -> list[PhaseSustainability]:
    """The indicator for every phase that has begun, oldest first."""
    today = today or timezone.localdate()
    current = current_phase(today=today)
    phases = [phase for phase in all_phases() if phase.start_date <= today]
    if not phases:
        return []
    programme_side = programme_side_organisation_ids()

    in_phase = Case(
        *[When(date__gte=p.start_date, date__lte=p.end_date, then=Value(p.pk)) for p in phases],
        default=None,
        output_field=IntegerField(),
    )
    activities = (
        Activity.objects.filter(status=Activity.Status.PUBLISHED)
        .annotate(phase_id=in_phase)
        .exclude(phase_id=None)
    )
    owners = defaultdict(int)  # (phase pk, owned by the programme side) -> activities
    efforts_per_phase = {}
    # One pass over the activities for both (a few hundred groups at most).
    for phase_id, owner_id, effort_id, count in (
        activities.values("phase_id", "owner_organisation_id", "effort_id")
        .annotate(n=Count("pk"))
        .values_list("phase_id", "owner_organisation_id", "effort_id", "n")
        .order_by()
    ):
        owners[(phase_id, owner_id in programme_side)] += count
        if effort_id is not None:
            efforts_per_phase.setdefault(phase_id, set()).add(effort_id)
    effort_ids = set().union(*efforts_per_phase.values()) if efforts_per_phase else set()

    current_leads = dict(
        Effort.objects.filter(pk__in=effort_ids).values_list("pk", "lead_organisation_id")
    )
    lead_history = list(
        Effort.history.filter(id__in=effort_ids)
        .order_by("history_date", "history_id")
        .values_list("id", "lead_organisation_id", "history_date", "history_type")
    )
    current_kartrekkers = dict(WorkingGroup.objects.values_list("pk", "kartrekker_id"))
    kartrekker_history = list(
        WorkingGroup.history.order_by("history_date", "history_id").values_list(
            "id", "kartrekker_id", "history_date", "history_type"
        )
    )
    kartrekker_ids = {k for k in current_kartrekkers.values() if k} | {
        row[1] for row in kartrekker_history if row[1]
    }
    organisation_of = dict(
        User.objects.filter(pk__in=kartrekker_ids).values_list("pk", "organisation_id")
    )

    def is_partner(organisation_id):
        return organisation_id is not None and organisation_id not in programme_side

    rows = []
    for phase in phases:
        moment = _end_of(min(phase.end_date, today))
        leads = _state_at(lead_history, current_leads, moment)
        active_efforts = efforts_per_phase.get(phase.pk, set())
        kartrekkers = _state_at(kartrekker_history, current_kartrekkers, moment)
        by_partner = owners[(phase.pk, False)]
        rows.append(
            PhaseSustainability(
                phase=phase,
                fte=_phase_fte(phase),
                activities=Share("activities", by_partner, by_partner + owners[(phase.pk, True)]),
                efforts=Share(
                    "efforts",
                    sum(1 for pk in active_efforts if is_partner(leads.get(pk))),
                    len(active_efforts),
                ),
                working_groups=Share(
                    "working_groups",
                    sum(
                        1 for user in kartrekkers.values() if is_partner(organisation_of.get(user))
                    ),
                    len(kartrekkers),
                ),
                is_current=current is not None and phase.pk == current.pk,
            )
        )
    return rows


def _phase_fte(phase):
    """The programme-management fte of the phase's years (their mean), or None."""
    values = [budget.programme_management_fte for budget in budgets_of_phase(phase)]
    return sum(values) / len(values) if values else None


def sustainability_rows(*, today=None) -> list[PhaseSustainability]:
    """The phases worth showing: those with activities or a programme-management budget
    (the phases before the portal, with neither, would show only dashes)."""
    return [
        row
        for row in sustainability_by_phase(today=today)
        if row.activities.total or row.fte is not None
    ]


def cached_sustainability_rows():
    """``sustainability_rows()``, the same for every reader: kept per version of what it
    counts (the DIN's efforts, the activities, organisations and working groups), also
    when page parts are not cached."""
    return cached_lookup("sustainability", sustainability_rows, areas=(DIN, ACTIVITIES, VOCABULARY))


def dashboard_panel(*, user):
    """The programme team's dashboard: the indicator per phase, the current one marked."""
    if not user.is_authenticated or not user.has_perm("programme.view_sustainability_panel"):
        return None
    rows = cached_sustainability_rows()
    return {"sustainability": rows} if rows else None
