"""Read what the collaboration agreement needs (seed 004: the template for a programme plan
and collaboration agreement across organisations), for one phase.

`agreement_data` gathers, in a fixed number of queries, what the portal knows for each
section of the template: the social ambition, the partnership (signatories with their
participation level, contribution, core values and interests), the goal tree and
indicators (DIN), the phasing, the funding (budgets, programme-management FTE and the
network's contributions), the organisation (partner meeting, programme team, working
groups and kartrekkers) and, as input for the risks, the open questions of the learning
history. The documents (programme/reports/documents/agreement_*.py) receive this and never
query; what the portal cannot know they mark for the programme team to write.
"""

from dataclasses import dataclass

from django.db.models import Prefetch

from learning_history.models import Question
from partners.models import Organisation, ParticipationLevel, User
from programme.din.selectors import din_by_theme
from programme.models import Budget, NetworkEntry, PartnerMeeting, Phase
from programme.phases.selectors import all_phases, current_phase
from themes.models import Activity, TargetGroup, Village, WorkingGroup


@dataclass
class AgreementData:
    phase: Phase
    phases: list  # every phase of the programme, oldest first
    din: list  # ThemeDin per theme: theme (with its ambition) and its goal tree
    organisations: list  # signatories first, each with participation level etc.
    participation_levels: list  # (value, label) of the five levels, in order
    target_groups: list  # reached by published activities in the phase
    villages: list  # idem
    budgets: list
    phase_years: list
    contributions: list  # NetworkEntry rows with organisation and effort (and goal, theme)
    working_groups: list
    programme_team: list  # active users of the programme team
    meetings: list  # partner meetings held or planned in the phase (not drafts)
    open_questions: list  # learning history: open questions of the phase (risks input)

    @property
    def programme(self):
        return self.phase.programme

    @property
    def signatories(self):
        return [organisation for organisation in self.organisations if organisation.is_signatory]

    @property
    def other_organisations(self):
        return [o for o in self.organisations if not o.is_signatory]

    @property
    def budget_total(self):
        return sum(budget.amount for budget in self.budgets)


def agreement_phase(*, slug=None):
    """The phase of `?fase=<slug>`, or the current phase without one; None when the slug
    names no phase (the view says so) or there are no phases at all."""
    if slug:
        return Phase.objects.select_related("programme").filter(slug=slug).first()
    phase = current_phase()
    return Phase.objects.select_related("programme").get(pk=phase.pk) if phase else None


def agreement_phases():
    """The phases to choose from on /rapportages/ (kept in the cache with every phase)."""
    return all_phases()


def agreement_data(*, phase) -> AgreementData:
    in_phase = {
        "activities__status": Activity.Status.PUBLISHED,
        "activities__date__gte": phase.start_date,
        "activities__date__lte": phase.end_date,
    }
    _, din = din_by_theme(phase=phase)
    organisations = sorted(
        Organisation.objects.order_by("name"),
        key=lambda organisation: not organisation.is_signatory,  # stable: signatories first
    )
    return AgreementData(
        phase=phase,
        phases=list(Phase.objects.filter(programme=phase.programme).order_by("order")),
        din=din,
        organisations=organisations,
        participation_levels=list(ParticipationLevel.choices),
        target_groups=list(TargetGroup.objects.filter(**in_phase).distinct().order_by("order")),
        villages=list(Village.objects.filter(**in_phase).distinct().order_by("name")),
        budgets=list(Budget.objects.filter(programme=phase.programme).order_by("year")),
        phase_years=list(range(phase.start_date.year, phase.end_date.year + 1)),
        contributions=list(
            NetworkEntry.objects.select_related("organisation", "effort__goal__theme").order_by(
                "organisation__name", "contribution_kind", "effort__goal__theme__order", "pk"
            )
        ),
        working_groups=list(
            WorkingGroup.objects.select_related("theme", "kartrekker__organisation")
            .prefetch_related(
                Prefetch("organisations", queryset=Organisation.objects.order_by("name"))
            )
            .order_by("theme__order", "theme__name")
        ),
        programme_team=list(
            User.objects.filter(role=User.Role.PROGRAMMATEAM, is_active=True)
            .select_related("organisation")
            .order_by("last_name", "first_name", "email")
        ),
        meetings=list(
            PartnerMeeting.objects.filter(
                starts_at__date__gte=phase.start_date, starts_at__date__lte=phase.end_date
            )
            .exclude(status=PartnerMeeting.Status.DRAFT)
            .order_by("starts_at")
        ),
        open_questions=list(
            Question.objects.filter(phase=phase, status=Question.Status.OPEN)
            .select_related("theme")
            .order_by("theme__order", "created_at", "pk")
        ),
    )
