"""Template tags that draw the partnership's charts from data a view or panel already read.

The sustainability indicator appears on /din/, on the programme team's dashboard and in
the phase report; drawing it here keeps each of those a template include, with no view
code of its own.
"""

from django import template

from landerd_portal import charts
from landerd_portal.text import figure_with_unit
from programme.din import documents

register = template.Library()


@register.simple_tag
def sustainability_chart(rows, title, id_prefix="duurzaamheid"):
    """The sustainability indicator per phase as an inline SVG (safe string)."""
    return documents.sustainability_svg(rows, title=title, id_prefix=id_prefix)


@register.simple_tag
def sustainability_chart_uri(rows, title):
    """The same chart as a data: address, for the report's <img>."""
    return charts.data_uri(documents.sustainability_svg(rows, title=title))


@register.simple_tag
def sustainability_alt(rows):
    return documents.sustainability_description(rows)


@register.simple_tag
def network_chart_uri(network, title):
    """The network drawing as a data: address, for the report's <img>."""
    return charts.data_uri(documents.network_svg(network, title=title))


@register.simple_tag
def network_alt(network):
    return documents.network_description(network)


@register.simple_tag
def din_figure(number, unit):
    """A goal's figure with its unit ("42%", "40 deelnemers"), or a dash: a tag, not an
    include, since a goal tree shows dozens of them (escaped like any variable)."""
    return figure_with_unit(number, unit)
