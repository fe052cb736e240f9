"""`{% counted n _("besluit") _("besluiten") %}`: counts that read as Dutch (see text.counted)."""

from django import template

from landerd_portal.text import counted as counted_text

register = template.Library()


@register.simple_tag
def counted(number, one, many):
    return counted_text(number, one, many)
