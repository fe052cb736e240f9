"""Template tags of the programme's phases: what the ended-programme notice needs to know."""

from django import template

from programme.phases.selectors import ended_programme

register = template.Library()


@register.simple_tag
def programme_period():
    """Whether the programme period has ended, and the phase the pages show by default.

    Read where the notice is shown (templates/components/programme_ended.html), so the
    pages that show "the current phase" need no change of their own to carry it.
    """
    last = ended_programme()
    return {"ended": last is not None, "last_phase": last, "shown_phase": last}
