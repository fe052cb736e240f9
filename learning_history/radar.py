"""Web (radar) diagrams of self-analysis scores, drawn on the server as SVG.

No JavaScript and no chart library: the SVG is a string that a page includes inline and
that the phase report can embed as is. Each series differs in line pattern and marker
shape as well as in colour, so it reads without colour; the numbers are on every marker
(``data-characteristic`` / ``data-value``) and the pages show them as a table too.

Public entry point: :func:`radar_svg`.
"""

import math
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .instrument import AREAS, CHARACTERISTICS, MAX_SCORE

WIDTH = 820
CENTRE_X = 410
CENTRE_Y = 250
RADIUS = 200
LABEL_GAP = 16
DEFAULT_DESCRIPTION = gettext_noop(
    "Webdiagram van de zelfanalyse: per kenmerk een score van 1 tot 5. "
    "De cijfers staan ook in de tabel bij dit diagram."
)


@dataclass(frozen=True)
class SeriesStyle:
    colour: str
    dash: str  # stroke-dasharray; "" is a solid line
    marker: str  # circle, square or triangle
    name: str  # how the legend describes the line, for readers without colour


# Colours pass 3:1 against white; line pattern and marker shape carry the difference too.
STYLES = (
    SeriesStyle("#0b5e55", "", "circle", gettext_noop("doorgetrokken lijn, rondjes")),
    SeriesStyle("#a1232f", "9 5", "square", gettext_noop("gestreepte lijn, vierkantjes")),
    SeriesStyle("#4b3a8f", "2 4", "triangle", gettext_noop("gestippelde lijn, driehoekjes")),
)


def _point(index, value, count):
    angle = -math.pi / 2 + 2 * math.pi * index / count
    distance = RADIUS * float(value) / MAX_SCORE
    return CENTRE_X + distance * math.cos(angle), CENTRE_Y + distance * math.sin(angle)


def _fmt(number):
    return f"{number:.1f}"


def _value_text(value):
    return f"{float(value):.1f}".rstrip("0").rstrip(".")


def _marker(shape, x, y, colour, extra="", title=""):
    """A marker element: circle, square or triangle, with optional attributes and title."""
    common = f'fill="{colour}" stroke="#fff" stroke-width="1"{extra}'
    inner = f"<title>{title}</title>" if title else ""
    if shape == "square":
        return (
            f'<rect x="{_fmt(x - 4.5)}" y="{_fmt(y - 4.5)}" width="9" height="9" {common}>'
            f"{inner}</rect>"
        )
    if shape == "triangle":
        points = (
            f"{_fmt(x)},{_fmt(y - 6)} {_fmt(x + 5.5)},{_fmt(y + 4)} {_fmt(x - 5.5)},{_fmt(y + 4)}"
        )
        return f'<polygon points="{points}" {common}>{inner}</polygon>'
    return f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="4.5" {common}>{inner}</circle>'


def _polygon_points(values, codes):
    count = len(codes)
    return " ".join(
        "{},{}".format(*map(_fmt, _point(index, values[code], count)))
        for index, code in enumerate(codes)
        if values.get(code) is not None
    )


def radar_svg(*, series, title, description="", band=None, id_prefix="radar", characteristics=None):
    """Return an SVG web diagram (a safe string) of one or more series of scores.

    ``series``: a list of ``{"label": str, "values": {characteristic code: number}}``, at
    most three; a code without a value is left out of that series' line.
    ``band``: optional ``{"label": str, "min": {code: n}, "max": {code: n}}``, drawn as a
    hatched ring between the lowest and highest scores (the spread).
    ``id_prefix`` keeps ids unique when a page shows several diagrams.
    """
    characteristics = characteristics or CHARACTERISTICS
    codes = [c.code for c in characteristics]
    count = len(codes)
    legend_rows = len(series) + (1 if band else 0)
    height = CENTRE_Y + RADIUS + 70 + 26 * legend_rows
    title_id, desc_id = f"{id_prefix}-titel", f"{id_prefix}-beschrijving"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="radar" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="{title_id} {desc_id}" data-radar="{escape(id_prefix)}">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(description or _(DEFAULT_DESCRIPTION))}</desc>',
        "<defs>"
        f'<pattern id="{id_prefix}-arcering" width="7" height="7" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        '<rect width="7" height="7" fill="#e6f2ef"/>'
        '<line x1="0" y1="0" x2="0" y2="7" stroke="#7fb3a9" stroke-width="2"/>'
        "</pattern></defs>",
        '<rect width="100%" height="100%" fill="#fff"/>',
    ]

    # Rings for the scores 1..5 and one spoke per characteristic.
    grid = ['<g class="radar__grid" fill="none" stroke="#c9d3cf" stroke-width="1">']
    for level in range(1, MAX_SCORE + 1):
        ring = " ".join(
            "{},{}".format(*map(_fmt, _point(index, level, count))) for index in range(count)
        )
        grid.append(f'<polygon points="{ring}"/>')
    for index in range(count):
        x, y = _point(index, MAX_SCORE, count)
        grid.append(f'<line x1="{CENTRE_X}" y1="{CENTRE_Y}" x2="{_fmt(x)}" y2="{_fmt(y)}"/>')
    grid.append("</g>")
    parts.extend(grid)
    parts.append('<g class="radar__scale" font-size="11" fill="#4a5550" text-anchor="middle">')
    for level in range(1, MAX_SCORE + 1):
        x, y = _point(0, level, count)
        parts.append(f'<text x="{_fmt(x + 9)}" y="{_fmt(y + 4)}">{level}</text>')
    parts.append("</g>")

    # Area separators: a dotted spoke between the last and first characteristic of two areas.
    parts.append(
        '<g class="radar__areas" stroke="#4a5550" stroke-width="2" stroke-dasharray="1 5">'
    )
    for area in AREAS:
        first = area.characteristics[0].code
        if first in codes:
            index = codes.index(first)
            x, y = _point((index or count) - 0.5, MAX_SCORE + 0.35, count)
            parts.append(f'<line x1="{CENTRE_X}" y1="{CENTRE_Y}" x2="{_fmt(x)}" y2="{_fmt(y)}"/>')
    parts.append("</g>")

    if band:
        outer = _polygon_points(band["max"], codes)
        inner = _polygon_points(band["min"], codes)
        if outer:
            parts.append(
                f'<path class="radar__band" d="M{outer}Z M{inner}Z" '
                f'fill="url(#{id_prefix}-arcering)" fill-rule="evenodd" stroke="#7fb3a9"/>'
            )
            for code in codes:
                low, high = band["min"].get(code), band["max"].get(code)
                if low is None or high is None:
                    continue
                parts.append(
                    f'<g data-band="{code}" data-min="{_value_text(low)}" '
                    f'data-max="{_value_text(high)}"/>'
                )

    for number, item in enumerate(series):
        style = STYLES[number % len(STYLES)]
        values = item["values"]
        points = _polygon_points(values, codes)
        label = escape(item["label"])
        parts.append(f'<g class="radar__series" data-series="{label}">')
        if points:
            parts.append(
                f'<polygon points="{points}" fill="{style.colour}" fill-opacity="0.08" '
                f'stroke="{style.colour}" stroke-width="2.5" '
                f'stroke-dasharray="{style.dash or "none"}" stroke-linejoin="round"/>'
            )
        for index, characteristic in enumerate(characteristics):
            value = values.get(characteristic.code)
            if value is None:
                continue
            x, y = _point(index, value, count)
            marker_title = escape(f"{item['label']} – {characteristic.label}: {_value_text(value)}")
            extra = (
                f' data-characteristic="{characteristic.code}" data-value="{_value_text(value)}"'
            )
            parts.append(_marker(style.marker, x, y, style.colour, extra, marker_title))
        parts.append("</g>")

    # Labels around the web, numbered like the table.
    parts.append('<g class="radar__labels" font-size="12.5" fill="#1d2623">')
    for index, characteristic in enumerate(characteristics):
        angle = -math.pi / 2 + 2 * math.pi * index / count
        x = CENTRE_X + (RADIUS + LABEL_GAP) * math.cos(angle)
        y = CENTRE_Y + (RADIUS + LABEL_GAP) * math.sin(angle) + 4
        cos = math.cos(angle)
        anchor = "start" if cos > 0.1 else "end" if cos < -0.1 else "middle"
        if math.sin(angle) < -0.9:
            y -= 4
        elif math.sin(angle) > 0.9:
            y += 8
        parts.append(
            f'<text x="{_fmt(x)}" y="{_fmt(y)}" text-anchor="{anchor}">'
            f"{index + 1}. {escape(characteristic.label)}</text>"
        )
    parts.append("</g>")

    # Legend: a sample of each line with its pattern and marker, and a word for it.
    legend_y = CENTRE_Y + RADIUS + 56
    parts.append('<g class="radar__legend" font-size="13" fill="#1d2623">')
    for number, item in enumerate(series):
        style = STYLES[number % len(STYLES)]
        y = legend_y + 26 * number
        parts.append(
            f'<line x1="40" y1="{y}" x2="90" y2="{y}" stroke="{style.colour}" stroke-width="2.5" '
            f'stroke-dasharray="{style.dash or "none"}"/>'
        )
        parts.append(_marker(style.marker, 65, y, style.colour))
        parts.append(
            f'<text x="100" y="{y + 4}">{escape(item["label"])} ({escape(_(style.name))})</text>'
        )
    if band:
        y = legend_y + 26 * len(series)
        parts.append(
            f'<rect x="40" y="{y - 8}" width="50" height="16" fill="url(#{id_prefix}-arcering)" '
            'stroke="#7fb3a9"/>'
        )
        parts.append(
            f'<text x="100" y="{y + 4}">{escape(band["label"])} '
            f"({escape(_('gearceerde band'))})</text>"
        )
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every user-provided text is escaped above
