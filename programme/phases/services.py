"""Change the programme's phases: the programme team adds the next phase in the portal.

A new phase comes after the last one (it never overlaps another), gets the next order
and a slug of its own; its budget, when given, is recorded for the year it starts in.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from landerd_portal.audit import save_by
from landerd_portal.permissions import require_permission
from programme.phases.models import Budget, Phase, Programme


def _unique_slug(name: str) -> str:
    base = slugify(name)[:40] or "fase"
    slug, number = base, 2
    while Phase.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _check_dates(*, start_date: datetime.date, end_date: datetime.date, last: Phase | None):
    if end_date < start_date:
        raise ValidationError(
            {"end_date": _("De einddatum ligt vóór de begindatum.")}, code="end_before_start"
        )
    if last is not None and start_date <= last.end_date:
        raise ValidationError(
            {
                "start_date": _(
                    "Een nieuwe fase begint na de laatste fase: %(phase)s eindigt op %(end)s."
                )
                % {"phase": last.name, "end": date_format(last.end_date, "j F Y")}
            },
            code="before_last_phase",
        )
    overlapping = Phase.objects.filter(start_date__lte=end_date, end_date__gte=start_date)
    if overlapping.exists():
        raise ValidationError(
            {
                "start_date": _("Deze periode overlapt met %(phase)s.")
                % {"phase": overlapping.order_by("order").first().name}
            },
            code="overlap",
        )


@transaction.atomic
def phase_create(
    *,
    user,
    name: str,
    kind: str,
    start_date: datetime.date,
    end_date: datetime.date,
    motto: str = "",
    description: str = "",
    budget_amount: Decimal | None = None,
    programme_management_fte: Decimal | None = None,
) -> Phase:
    """Add a phase after the last one; with an amount, also that year's budget."""
    require_permission(
        user, "programme.manage_phases", None, _("Alleen het programmateam voegt fasen toe.")
    )
    # Lock the phases so that two people adding a phase at once cannot both pass the
    # date checks against the same last phase.
    last = Phase.objects.select_for_update().order_by("-order").first()
    _check_dates(start_date=start_date, end_date=end_date, last=last)
    programme = last.programme if last else Programme.objects.order_by("pk").first()
    if programme is None:
        raise ValidationError(_("Er is nog geen programma om een fase aan toe te voegen."))

    year = start_date.year
    if budget_amount is not None and Budget.objects.filter(programme=programme, year=year).exists():
        raise ValidationError(
            {"budget_amount": _("Voor %(year)s is al een budget vastgelegd.") % {"year": year}},
            code="budget_exists",
        )

    phase = Phase(
        programme=programme,
        slug=_unique_slug(name),
        name=name,
        kind=kind,
        order=(last.order + 1) if last else 1,
        start_date=start_date,
        end_date=end_date,
        motto=motto,
        description=description,
    )
    phase.full_clean()
    save_by(user, phase)

    if budget_amount is not None:
        budget = Budget(
            programme=programme,
            year=year,
            amount=budget_amount,
            programme_management_fte=programme_management_fte or Decimal("0"),
            note=_("Vastgelegd bij het toevoegen van %(phase)s.") % {"phase": name},
        )
        budget.full_clean()
        save_by(user, budget)
    return phase
