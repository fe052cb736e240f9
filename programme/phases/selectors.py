"""Read the programme's phases: which one is current, which came before.

Every area needs these (the DIN marks quiet goals, reports default to the current phase,
the learning history compares with the previous one), so they live at the bottom.
"""

from django.utils import timezone

from landerd_portal.fragments import EVERYTHING, cached_lookup
from programme.phases.models import Budget, Phase


def all_phases():
    """Every phase, in order: a handful of rows that almost every page asks about, read
    once and kept in the cache until any phase changes (a change moves EVERYTHING on)."""
    return cached_lookup(
        "phases", lambda: list(Phase.objects.order_by("order", "pk")), areas=(EVERYTHING,)
    )


def phase_of_day(day, phases=None):
    """The phase that contains ``day``, or None."""
    phases = all_phases() if phases is None else phases
    return next((phase for phase in phases if phase.contains(day)), None)


def current_phase(*, today=None):
    """The phase that contains today, or the latest phase when none does (or None)."""
    return phase_of_day(today or timezone.localdate()) or last_phase()


def previous_phase(phase):
    if phase is None:
        return None
    earlier = [other for other in all_phases() if other.order < phase.order]
    return max(earlier, key=lambda other: other.order, default=None)


def last_phase():
    return max(all_phases(), key=lambda phase: phase.order, default=None)


def ended_programme(*, today=None):
    """The last phase when today lies after it (the programme period is over), else None.

    One query. When no phase contains today and the last one has ended, the last phase is
    also what ``current_phase()`` returns: the phase the pages show.
    """
    today = today or timezone.localdate()
    last = last_phase()
    return last if last is not None and last.end_date < today else None


def programme_has_ended(*, today=None) -> bool:
    """Whether today lies after the last phase: the programme period is over."""
    return ended_programme(today=today) is not None


def all_budgets():
    """Every year's budget, oldest first: kept like the phases (a budget is the phases'
    data, so a change moves EVERYTHING on)."""
    return cached_lookup(
        "budgets", lambda: list(Budget.objects.order_by("year", "pk")), areas=(EVERYTHING,)
    )


def budgets_of_phase(phase, budgets=None):
    """The budgets of the years ``phase`` spans."""
    return [
        budget
        for budget in (all_budgets() if budgets is None else budgets)
        if budget.programme_id == phase.programme_id
        and phase.start_date.year <= budget.year <= phase.end_date.year
    ]


def phases_with_budgets():
    """Every phase, oldest first, each with ``budgets``: those of the years it spans."""
    phases = list(Phase.objects.select_related("programme").order_by("order"))
    budgets = all_budgets()
    for phase in phases:
        phase.budgets = budgets_of_phase(phase, budgets)
    return phases


def budget_phase_out(*, programme_id=None):
    """The budget and programme-management FTE per year (seed 001), oldest first: the
    figure of the programme learning to carry itself."""
    return [b for b in all_budgets() if programme_id is None or b.programme_id == programme_id]
