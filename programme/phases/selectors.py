"""Read the programme's phases: which one is current, which came before.

Every area needs these (the DIN marks quiet goals, reports default to the current phase,
the learning history compares with the previous one), so they live at the bottom.
"""

from django.utils import timezone

from programme.phases.models import Phase


def current_phase():
    """The phase that contains today, or the latest phase when none does (or None)."""
    today = timezone.localdate()
    phase = Phase.objects.filter(start_date__lte=today, end_date__gte=today).order_by("order")
    return phase.first() or Phase.objects.order_by("-order").first()


def previous_phase(phase):
    if phase is None:
        return None
    return Phase.objects.filter(order__lt=phase.order).order_by("-order").first()
