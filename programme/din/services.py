"""Change the DIN: goals, efforts, indicator values and the network carrying efforts.

Every function checks the permission itself (rules in ``programme/rules.py``), so no
caller can skip it: kartrekkers change their own theme's DIN, the programme team all of
it, and partners may only put their own organisation on an effort's network.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from landerd_portal.audit import delete_by, save_by
from landerd_portal.concurrency import claim
from landerd_portal.permissions import require_permission
from partners.models import Organisation
from programme.models import Effort, Goal, IndicatorValue, NetworkEntry
from programme.phases.selectors import phase_of_day
from themes.models import Theme

GOAL_FIELDS = (
    "parent",
    "title",
    "description",
    "indicator",
    "unit",
    "baseline",
    "target",
    "order",
)
EFFORT_FIELDS = ("title", "description", "status", "lead_organisation", "order")


def _check_parent(goal):
    parent = goal.parent
    if parent is None:
        return
    if parent.theme_id != goal.theme_id:
        raise ValidationError({"parent": _("Het hoofddoel hoort bij een ander thema.")})
    seen = set()
    while parent is not None:
        if parent.pk == goal.pk or parent.pk in seen:
            raise ValidationError(
                {"parent": _("Een doel kan niet onder zichzelf of een eigen subdoel vallen.")}
            )
        seen.add(parent.pk)
        parent = parent.parent


@transaction.atomic
def goal_create(*, user, theme: Theme, data: dict) -> Goal:
    require_permission(
        user, "programme.add_goal", theme, _("Je mag de DIN van dit thema niet aanpassen.")
    )
    goal = Goal(theme=theme, **{name: data[name] for name in GOAL_FIELDS if name in data})
    goal.full_clean()
    _check_parent(goal)
    save_by(user, goal)
    return goal


@transaction.atomic
def goal_update(*, user, goal: Goal, data: dict, version: int | None = None) -> Goal:
    """Change a goal, unless someone saved it after ``version`` (None: no check)."""
    require_permission(user, "programme.change_goal", goal, _("Je mag dit doel niet aanpassen."))
    claim(goal, version)
    for name in GOAL_FIELDS:
        if name in data:
            setattr(goal, name, data[name])
    goal.full_clean()
    _check_parent(goal)
    save_by(user, goal)
    return goal


@transaction.atomic
def effort_create(*, user, goal: Goal, data: dict) -> Effort:
    require_permission(
        user, "programme.add_effort", goal, _("Je mag bij dit doel geen inspanning toevoegen.")
    )
    effort = Effort(goal=goal, **{name: data[name] for name in EFFORT_FIELDS if name in data})
    effort.full_clean()
    save_by(user, effort)
    return effort


@transaction.atomic
def effort_update(*, user, effort: Effort, data: dict, version: int | None = None) -> Effort:
    """Change an effort, unless someone saved it after ``version`` (None: no check)."""
    require_permission(
        user, "programme.change_effort", effort, _("Je mag deze inspanning niet aanpassen.")
    )
    claim(effort, version)
    for name in EFFORT_FIELDS:
        if name in data:
            setattr(effort, name, data[name])
    effort.full_clean()
    save_by(user, effort)
    return effort


@transaction.atomic
def indicator_value_add(
    *, user, goal: Goal, date: datetime.date, value: Decimal, note: str = ""
) -> IndicatorValue:
    """Record a measurement in the phase its date falls in; the goal's current value
    follows the most recent one."""
    require_permission(
        user,
        "programme.add_indicator_value",
        goal,
        _("Je mag voor dit doel geen meting invoeren."),
    )
    if value is None:
        raise ValidationError({"value": _("Vul de gemeten waarde in, als getal.")})
    phase = phase_of_day(date)
    if phase is None:
        raise ValidationError({"date": _("Deze datum valt in geen enkele fase van het programma.")})
    measurement = IndicatorValue(
        goal=goal, phase=phase, date=date, value=value, note=note, entered_by=user
    )
    measurement.full_clean()
    save_by(user, measurement)
    latest = goal.indicator_values.filter(value__isnull=False).order_by("-date", "-pk").first()
    if goal.current_value != latest.value:
        goal.current_value = latest.value
        save_by(user, goal, update_fields=["current_value"])
    return measurement


@transaction.atomic
def network_join(
    *,
    user,
    effort: Effort,
    organisation: Organisation,
    contribution_kind: str,
    contribution: str = "",
) -> NetworkEntry:
    """Put an organisation on an effort's network with what it contributes."""
    may_edit = user.has_perm("programme.edit_din", effort)
    if not may_edit:
        require_permission(
            user,
            "programme.join_network",
            effort,
            _("Je mag het netwerk van deze inspanning niet aanpassen."),
        )
        if organisation is None or organisation.pk != user.organisation_id:
            raise PermissionDenied(
                _("Je kunt alleen je eigen organisatie aan het netwerk toevoegen.")
            )
    entry = NetworkEntry(
        effort=effort,
        organisation=organisation,
        contribution_kind=contribution_kind,
        contribution=contribution,
    )
    entry.full_clean(validate_constraints=False)
    if NetworkEntry.objects.filter(
        effort=effort, organisation=organisation, contribution_kind=contribution_kind
    ).exists():
        raise ValidationError(
            {
                "contribution_kind": _(
                    "%(organisation)s draagt al op deze manier bij aan deze inspanning."
                )
                % {"organisation": organisation}
            }
        )
    save_by(user, entry)
    return entry


@transaction.atomic
def network_leave(*, user, entry: NetworkEntry) -> None:
    require_permission(
        user,
        "programme.leave_network",
        entry,
        _("Je mag deze organisatie niet uit het netwerk halen."),
    )
    delete_by(user, entry)
