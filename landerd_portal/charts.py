"""Charts drawn on the server as SVG: lines over time, horizontal bars, budget and FTE.

A document in the sense of the architecture: it receives numbers and labels and never
queries. Like the self-analysis radar (learning_history/radar.py), no JavaScript and no
chart library: each function returns an SVG string (safe, every text escaped) that a page
includes inline (``role="img"`` with ``<title>`` and ``<desc>``) and that the phase report
embeds as an image (:func:`data_uri`) inside ``<figure>`` with ``alt`` and a caption.

The Content-Security-Policy forbids style attributes, so only presentation attributes
(``fill=``, ``stroke=``, ``font-size=``) are used. Series differ in line pattern and marker
shape as well as in colour, so a chart reads without colour; the pages and the report put
the numbers in a table beside every chart. The drawing is narrow (360 units) so that its
text stays readable when a phone shows it at full width.
"""

import base64
import math
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

WIDTH = 360
FONT = 'font-family="Liberation Sans, Arial, sans-serif"'
TEXT = "#1d2623"
MUTED = "#4a5550"
GRID = "#c9d3cf"


@dataclass(frozen=True)
class SeriesStyle:
    colour: str
    dash: str  # stroke-dasharray; "" is a solid line
    marker: str


# Colours pass 3:1 against white; the line pattern and the marker carry the difference too.
STYLES = (
    SeriesStyle("#0b5e55", "", "circle"),
    SeriesStyle("#a1232f", "9 5", "square"),
    SeriesStyle("#4b3a8f", "2 4", "triangle"),
    SeriesStyle("#7a4f00", "12 4 2 4", "diamond"),
)
BAR_COLOUR = "#0b5e55"
MARKED_COLOUR = "#a1232f"


def number(value, decimals=None):
    """A number as the Dutch (or English) reader writes it: 1.340, 0,5."""
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def fte_text(value):
    """1, 0,5, 0,25 (fte): decimals only where there are any (the field keeps two)."""
    value = Decimal(str(value))
    places = max(0, -value.normalize().as_tuple().exponent)
    return number(value, places)


def _f(value):
    return f"{value:.1f}".rstrip("0").rstrip(".")


def axis(value, *, whole=True, steps=4):
    """The top of an axis and its ticks: a round step (1, 2 or 5 times a power of ten, at
    least 1 for counts) so that the ticks read as whole numbers; at least one step."""
    value = max(float(value), 0)
    rough = value / steps if value else 1
    power = 10 ** math.floor(math.log10(rough))
    step = next(f * power for f in (1, 2, 5, 10) if rough <= f * power)
    if whole:
        step = max(step, 1)
    top = max(math.ceil(value / step), 1) * step
    count = round(top / step)
    return top, [step * index for index in range(count + 1)]


def _open(*, height, title, description, id_prefix, css_class):
    title_id, desc_id = f"{id_prefix}-titel", f"{id_prefix}-beschrijving"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {css_class}" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" data-chart="{escape(id_prefix)}">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(description)}</desc>',
        f'<rect width="{WIDTH}" height="{height}" fill="#fff"/>',
    ]


def _text(x, y, content, *, size=13, fill=TEXT, anchor="", extra=""):
    """A text element; `content` is escaped here."""
    anchor = f' text-anchor="{anchor}"' if anchor else ""
    return (
        f'<text x="{_f(x)}" y="{_f(y)}" font-size="{size}" fill="{fill}"{anchor}{extra} {FONT}>'
        f"{escape(content)}</text>"
    )


def _marker(shape, x, y, colour):
    common = f'fill="{colour}" stroke="#fff" stroke-width="1"'
    if shape == "square":
        return f'<rect x="{_f(x - 4)}" y="{_f(y - 4)}" width="8" height="8" {common}/>'
    if shape == "triangle":
        points = f"{_f(x)},{_f(y - 5.5)} {_f(x + 5)},{_f(y + 4)} {_f(x - 5)},{_f(y + 4)}"
        return f'<polygon points="{points}" {common}/>'
    if shape == "diamond":
        points = " ".join(
            f"{_f(px)},{_f(py)}"
            for px, py in ((x, y - 5.5), (x + 5.5, y), (x, y + 5.5), (x - 5.5, y))
        )
        return f'<polygon points="{points}" {common}/>'
    return f'<circle cx="{_f(x)}" cy="{_f(y)}" r="4" {common}/>'


def _legend_entry(style, x, y, label, line=True):
    dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
    parts = []
    if line:
        parts.append(
            f'<line x1="{x}" y1="{y}" x2="{x + 28}" y2="{y}" stroke="{style.colour}" '
            f'stroke-width="2.5"{dash}/>'
        )
    parts.append(_marker(style.marker, x + 14, y, style.colour))
    parts.append(
        f'<text x="{x + 36}" y="{y + 4}" font-size="13" fill="{TEXT}" {FONT}>{escape(label)}</text>'
    )
    return "".join(parts)


# --- Lines over time --------------------------------------------------------------------


def line_chart_svg(*, labels, series, title, description, id_prefix, y_label=""):
    """Lines over time: ``series`` is a list of ``(name, [number per label])``, at most four.

    The x labels are written slanted when there are many (months of a year)."""
    left, right, top, plot_height = 40, 12, 24, 170
    slanted = len(labels) > 6 and max((len(label) for label in labels), default=0) > 4
    axis_room = 50 if slanted else 24
    legend_top = top + plot_height + axis_room + 12
    height = legend_top + 22 * len(series) + 4
    plot_width = WIDTH - left - right
    maximum, ticks = axis(max((max(values, default=0) for _n, values in series), default=0))
    step_x = plot_width / max(len(labels) - 1, 1)

    def x_of(index):
        return left + (index * step_x if len(labels) > 1 else plot_width / 2)

    def y_of(value):
        return top + plot_height - plot_height * value / maximum

    parts = _open(
        height=height,
        title=title,
        description=description,
        id_prefix=id_prefix,
        css_class="chart--lines",
    )
    parts.append(f'<g stroke="{GRID}" stroke-width="1">')
    for tick in ticks:
        parts.append(
            f'<line x1="{left}" y1="{_f(y_of(tick))}" x2="{WIDTH - right}" y2="{_f(y_of(tick))}"/>'
        )
    parts.append("</g>")
    parts.append(f'<g font-size="12" fill="{MUTED}" text-anchor="end" {FONT}>')
    for tick in ticks:
        parts.append(f'<text x="{left - 6}" y="{_f(y_of(tick) + 4)}">{number(round(tick))}</text>')
    parts.append("</g>")
    if y_label:
        parts.append(_text(left, top - 10, y_label, size=12, fill=MUTED))
    parts.append(f'<g font-size="12" fill="{MUTED}" {FONT}>')
    baseline = top + plot_height
    for index, label in enumerate(labels):
        x = x_of(index)
        if slanted:
            parts.append(
                f'<text x="{_f(x)}" y="{baseline + 14}" text-anchor="end" '
                f'transform="rotate(-40 {_f(x)} {baseline + 14})">{escape(label)}</text>'
            )
        else:
            parts.append(
                f'<text x="{_f(x)}" y="{baseline + 18}" text-anchor="middle">{escape(label)}</text>'
            )
    parts.append("</g>")
    parts.append(
        f'<line x1="{left}" y1="{baseline}" x2="{WIDTH - right}" y2="{baseline}" stroke="{MUTED}"/>'
    )

    for (name, values), style in zip(series, STYLES, strict=False):
        points = " ".join(f"{_f(x_of(i))},{_f(y_of(v))}" for i, v in enumerate(values))
        dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        parts.append(
            f'<g data-series="{escape(name)}"><polyline points="{points}" fill="none" '
            f'stroke="{style.colour}" stroke-width="2.5"{dash}/>'
        )
        for index, value in enumerate(values):
            parts.append(_marker(style.marker, x_of(index), y_of(value), style.colour))
        parts.append("</g>")
    for row, ((name, _values), style) in enumerate(zip(series, STYLES, strict=False)):
        parts.append(_legend_entry(style, left, legend_top + 22 * row, name))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


# --- Horizontal bars --------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # what is written at the end of the bar, e.g. "12 activiteiten"
    marked: bool = False  # drawn hatched and red, e.g. a dimension with little attention


def bar_chart_svg(*, bars, title, description, id_prefix, mark_legend="", maximum=None):
    """Horizontal bars, the label above each bar and its text after it; marked bars are
    hatched (not only another colour) and the legend says what the mark means. ``maximum``
    is the value of a full bar (the largest bar when not given; e.g. 5 for a 1–5 score)."""
    left, right, top, row_height = 8, 8, 8, 46
    legend = bool(mark_legend and any(bar.marked for bar in bars))
    height = top + row_height * len(bars) + (30 if legend else 4)
    maximum = maximum or max((bar.value for bar in bars), default=0) or 1
    # The bar may take 62% of the width; its text follows it.
    bar_room = (WIDTH - left - right) * 0.62
    parts = _open(
        height=height,
        title=title,
        description=description,
        id_prefix=id_prefix,
        css_class="chart--bars",
    )
    pattern = f"{id_prefix}-arcering"
    parts.append(
        f'<defs><pattern id="{pattern}" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#f6d6da"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{MARKED_COLOUR}" stroke-width="3"/>'
        "</pattern></defs>"
    )
    for index, bar in enumerate(bars):
        y = top + row_height * index
        width = bar_room * bar.value / maximum
        fill = f"url(#{pattern})" if bar.marked else BAR_COLOUR
        stroke = f' stroke="{MARKED_COLOUR}" stroke-width="1.5"' if bar.marked else ""
        parts.append(
            f'<g data-label="{escape(bar.label)}" data-value="{escape(_f(bar.value))}">'
            + _text(left, y + 14, bar.label, size=14)
            + f'<rect x="{left}" y="{y + 20}" width="{_f(max(width, 2))}" height="16" '
            f'fill="{fill}"{stroke}/>'
            + _text(
                left + max(width, 2) + 6,
                y + 33,
                bar.text,
                size=14,
                fill=MARKED_COLOUR if bar.marked else TEXT,
            )
            + "</g>"
        )
    if legend:
        y = top + row_height * len(bars) + 8
        parts.append(
            f'<rect x="{left}" y="{y}" width="22" height="14" fill="url(#{pattern})" '
            f'stroke="{MARKED_COLOUR}" stroke-width="1.5"/>' + _text(left + 30, y + 12, mark_legend)
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


# --- Budget and programme-management capacity --------------------------------------------


def budget_chart_svg(*, years, amounts, fte, title, description, id_prefix):
    """Columns for the budget per year (left axis, €) and a line for the programme
    management in FTE (right axis, 0 to the highest), each year's figures written on it."""
    left, right, top, plot_height = 62, 48, 34, 180
    legend_top = top + plot_height + 54
    height = legend_top + 48
    plot_width = WIDTH - left - right
    slot = plot_width / max(len(years), 1)
    money_max, money_ticks = axis(max((float(a) for a in amounts), default=0))
    fte_max = max(max((float(f) for f in fte), default=0), 1)

    def y_money(value):
        return top + plot_height - plot_height * float(value) / money_max

    def y_fte(value):
        # The FTE line stays below the top, clear of the amounts written above the columns.
        return top + plot_height - plot_height * float(value) / (fte_max * 1.25)

    parts = _open(
        height=height,
        title=title,
        description=description,
        id_prefix=id_prefix,
        css_class="chart--budget",
    )
    parts.append(f'<g stroke="{GRID}" stroke-width="1">')
    for tick in money_ticks:
        parts.append(
            f'<line x1="{left}" y1="{_f(y_money(tick))}" x2="{WIDTH - right}" '
            f'y2="{_f(y_money(tick))}"/>'
        )
    parts.append("</g>")
    parts.append(f'<g font-size="12" fill="{MUTED}" text-anchor="end" {FONT}>')
    for tick in money_ticks:
        parts.append(
            f'<text x="{left - 6}" y="{_f(y_money(tick) + 4)}">€ {number(round(tick))}</text>'
        )
    parts.append("</g>")
    parts.append(f'<g font-size="12" fill="{MUTED}" {FONT}>')
    for tick in (0, fte_max / 2, fte_max):
        parts.append(
            f'<text x="{WIDTH - right + 6}" y="{_f(y_fte(tick) + 4)}">{number(tick, 1)}</text>'
        )
    parts.append("</g>")
    parts.append(
        _text(left, top - 18, _("Budget (€)"), size=12, fill=MUTED)
        + _text(WIDTH - 4, top - 18, _("fte"), size=12, fill=MUTED, anchor="end")
    )
    baseline = top + plot_height
    column = min(slot * 0.5, 70)
    points = []
    for index, (year, amount, capacity) in enumerate(zip(years, amounts, fte, strict=True)):
        centre = left + slot * (index + 0.5)
        y = y_money(amount)
        parts.append(
            f'<g data-year="{year}" data-amount="{amount}" data-fte="{capacity}">'
            f'<rect x="{_f(centre - column / 2)}" y="{_f(y)}" width="{_f(column)}" '
            f'height="{_f(baseline - y)}" fill="#9cc9bf" stroke="{BAR_COLOUR}" stroke-width="1"/>'
            + _text(centre, y - 6, f"€ {number(round(float(amount)))}", size=12, anchor="middle")
            + _text(centre, baseline + 18, str(year), anchor="middle")
            + "</g>"
        )
        points.append((centre, y_fte(capacity), capacity))
    line = " ".join(f"{_f(x)},{_f(y)}" for x, y, _c in points)
    style = STYLES[1]
    parts.append(
        f'<polyline points="{line}" fill="none" stroke="{style.colour}" stroke-width="2.5" '
        f'stroke-dasharray="{style.dash}"/>'
    )
    for x, y, capacity in points:
        parts.append(_marker(style.marker, x, y, style.colour))
        # Under the year on the axis: never in the way of a column or its amount.
        parts.append(
            _text(
                x,
                baseline + 34,
                _("%(fte)s fte") % {"fte": fte_text(capacity)},
                size=12,
                fill=style.colour,
                anchor="middle",
            )
        )
    parts.append(
        f'<line x1="{left}" y1="{baseline}" x2="{WIDTH - right}" y2="{baseline}" stroke="{MUTED}"/>'
    )
    parts.append(
        f'<rect x="{left}" y="{legend_top - 6}" width="22" height="12" fill="#9cc9bf" '
        f'stroke="{BAR_COLOUR}"/>' + _text(left + 30, legend_top + 4, _("Budget per jaar"))
    )
    parts.append(_legend_entry(style, left - 3, legend_top + 24, _("Programmamanagement (fte)")))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def data_uri(svg) -> str:
    """The SVG as a data: URI, for ``<img src>`` in a PDF (WeasyPrint draws it as vector)."""
    return "data:image/svg+xml;base64," + base64.b64encode(str(svg).encode()).decode()


# --- Figures: a chart with its caption, alternative text and table -----------------------
#
# The composers below take the plain data of the figure selectors (themes/figures.py,
# programme/phases/selectors.py) and return everything a page or the report shows; the
# alternative text states the key numbers, the table holds all of them.


@dataclass
class Figure:
    key: str  # unique on a page: the ids in the SVG start with it
    title: str
    caption: str
    alt: str
    svg: str
    table_headers: list
    table_rows: list  # lists of cells; the first is the row's header
    note: str = ""  # e.g. how "little attention" is defined

    @property
    def data_uri(self):
        return data_uri(self.svg)


def _sentence(parts):
    return "; ".join(parts) + "."


def timeline_figures(*, timeline, key, period_label):
    """Two figures from a `Timeline`: activities and reach per theme per month (quarter)."""
    unit = _("kwartaal") if timeline.by_quarter else _("maand")
    # Within one year the axis says "jan", "feb": the caption names the year.
    axis_labels = timeline.short_labels or timeline.labels
    figures = []
    for measure, title, y_label in (
        ("activities", _("Activiteiten per %(unit)s") % {"unit": unit}, _("activiteiten")),
        ("reach", _("Bereik per %(unit)s") % {"unit": unit}, _("inwoners bereikt")),
    ):
        series = [(s.name, getattr(s, measure)) for s in timeline.series]
        summary = []
        for name, values in series:
            total = sum(values)
            if total:
                peak = max(range(len(values)), key=lambda i: values[i])
                summary.append(
                    _("%(name)s: %(total)s in totaal, het meest in %(label)s (%(peak)s)")
                    % {
                        "name": name,
                        "total": number(total),
                        "label": timeline.labels[peak],
                        "peak": number(values[peak]),
                    }
                )
            else:
                summary.append(_("%(name)s: geen") % {"name": name})
        alt = f"{title}, {period_label}. " + _sentence(summary)
        figures.append(
            Figure(
                key=f"{key}-{measure}",
                title=title,
                caption=_("%(title)s per thema, %(period)s.")
                % {"title": title, "period": period_label}
                if len(series) > 1
                else f"{title}, {period_label}.",
                alt=alt,
                svg=line_chart_svg(
                    labels=axis_labels,
                    series=series,
                    title=title,
                    description=alt,
                    id_prefix=f"{key}-{measure}",
                    y_label=y_label,
                ),
                # Themes as rows, the months (quarters) as columns: a short table.
                table_headers=[_("Thema"), *axis_labels, _("Totaal")],
                table_rows=[
                    [name, *(number(value) for value in values), number(sum(values))]
                    for name, values in series
                ],
            )
        )
    return figures


def village_figure(*, rows, key, period_label):
    """Reach per village (`VillageRow`s), the activities held there beside it."""
    title = _("Bereik per dorpskern")
    alt = f"{title}, {period_label}. " + _sentence(
        [
            _("%(name)s: %(reach)s inwoners in %(activities)s activiteiten")
            % {"name": row.name, "reach": number(row.reach), "activities": number(row.activities)}
            for row in rows
        ]
        or [_("geen activiteiten")]
    )
    return Figure(
        key=key,
        title=title,
        caption=_(
            "Inwoners bereikt per dorpskern, %(period)s. Een activiteit in twee dorpskernen "
            "telt in beide."
        )
        % {"period": period_label},
        alt=alt,
        svg=bar_chart_svg(
            bars=[
                Bar(
                    label=row.name,
                    value=row.reach,
                    text=_("%(reach)s (%(activities)s act.)")
                    % {"reach": number(row.reach), "activities": number(row.activities)},
                )
                for row in rows
            ],
            title=title,
            description=alt,
            id_prefix=key,
        ),
        table_headers=[_("Dorpskern"), _("Activiteiten"), _("Bereik")],
        table_rows=[[row.name, number(row.activities), number(row.reach)] for row in rows],
    )


def health_figure(*, coverage, key, period_label):
    """Coverage of the six dimensions of positive health (`HealthCoverage`), the dimensions
    with little attention marked."""
    title = _("Dekking van positieve gezondheid")
    note = _(
        "Weinig aandacht: minder activiteiten dan de helft van het gemiddelde over de zes "
        "dimensies (gemiddeld %(average)s, grens %(threshold)s). Een activiteit die meerdere "
        "dimensies dient, telt bij elk mee."
    ) % {"average": number(coverage.average, 1), "threshold": number(coverage.threshold, 1)}
    if coverage.without_dimension:
        note += " " + _("%(count)s van de %(total)s activiteiten noemen geen dimensie.") % {
            "count": number(coverage.without_dimension),
            "total": number(coverage.total_activities),
        }
    little = [row.name for row in coverage.little_attention]
    alt = (
        f"{title}, {period_label}. "
        + _sentence(
            [
                _("%(name)s: %(activities)s activiteiten, %(reach)s bereikt")
                % {
                    "name": row.name,
                    "activities": number(row.activities),
                    "reach": number(row.reach),
                }
                for row in coverage.rows
            ]
        )
        + " "
        + (
            _("Weinig aandacht voor: %(names)s.") % {"names": ", ".join(little)}
            if little
            else _("Geen dimensie krijgt weinig aandacht.")
        )
    )
    return Figure(
        key=key,
        title=title,
        caption=_("Activiteiten per dimensie van positieve gezondheid, %(period)s.")
        % {"period": period_label},
        alt=alt,
        svg=bar_chart_svg(
            bars=[
                Bar(
                    label=row.name,
                    value=row.activities,
                    text=(
                        _("%(activities)s · weinig aandacht")
                        if row.little_attention
                        else _("%(activities)s act. · %(reach)s bereikt")
                    )
                    % {"activities": number(row.activities), "reach": number(row.reach)},
                    marked=row.little_attention,
                )
                for row in coverage.rows
            ],
            title=title,
            description=alt,
            id_prefix=key,
            mark_legend=_("weinig aandacht (zie bijschrift)"),
        ),
        table_headers=[_("Dimensie"), _("Activiteiten"), _("Bereik"), _("Weinig aandacht")],
        table_rows=[
            [
                row.name,
                number(row.activities),
                number(row.reach),
                _("ja") if row.little_attention else _("nee"),
            ]
            for row in coverage.rows
        ],
        note=note,
    )


def budget_figure(*, rows, key):
    """The budget and the programme-management FTE per year: the phase-out (seed 001)."""
    title = _("Budget en programmamanagement per jaar")
    alt = f"{title}. " + _sentence(
        [
            _("%(year)s: € %(amount)s en %(fte)s fte")
            % {
                "year": row.year,
                "amount": number(round(float(row.amount))),
                "fte": fte_text(row.programme_management_fte),
            }
            for row in rows
        ]
        or [_("geen budget vastgelegd")]
    )
    return Figure(
        key=key,
        title=title,
        caption=_(
            "Het programma leert zichzelf dragen: budget en programmamanagement (fte) bouwen "
            "af van %(first)s tot %(last)s."
        )
        % {"first": rows[0].year if rows else "", "last": rows[-1].year if rows else ""},
        alt=alt,
        svg=budget_chart_svg(
            years=[row.year for row in rows],
            amounts=[row.amount for row in rows],
            fte=[row.programme_management_fte for row in rows],
            title=title,
            description=alt,
            id_prefix=key,
        ),
        table_headers=[_("Jaar"), _("Budget"), _("Programmamanagement")],
        table_rows=[
            [
                str(row.year),
                f"€ {number(round(float(row.amount)))}",
                _("%(fte)s fte") % {"fte": fte_text(row.programme_management_fte)},
            ]
            for row in rows
        ],
    )


def kijkglas_figure(*, elements, key, phase_label, previous_label=None):
    """Where the partnership stands on each element of the kijkglas: the mean score (1–5)
    of all organisations' ratings, a full bar being 5, and the change since the previous
    phase. ``elements`` as ``learning_history.selectors.kijkglas_overview`` gives them."""
    title = _("Het kijkglas: waar staat het partnerschap?")

    def change(element):
        if element["change"] is None:
            return ""
        sign = "+" if element["change"] > 0 else ""
        return f" ({sign}{number(element['change'], 1)})"

    rated = [element for element in elements if element["mean"] is not None]
    alt = f"{title} {phase_label}. " + _sentence(
        [
            _("%(element)s: %(mean)s van 5")
            % {
                "element": element["element"].label,
                "mean": number(element["mean"], 1),
            }
            + change(element)
            for element in rated
        ]
        or [_("nog geen beoordelingen")]
    )
    return Figure(
        key=key,
        title=title,
        caption=_(
            "Gemiddelde score (1–5) per element van het kijkglas, %(phase)s; tussen haakjes "
            "het verschil met de vorige fase."
        )
        % {"phase": phase_label},
        alt=alt,
        svg=bar_chart_svg(
            bars=[
                Bar(
                    label=str(element["element"].label),
                    value=float(element["mean"]),
                    text=number(element["mean"], 1) + change(element),
                )
                for element in rated
            ],
            title=title,
            description=alt,
            id_prefix=key,
            maximum=5,
        ),
        table_headers=[
            _("Element"),
            phase_label,
            previous_label or _("Vorige fase"),
            _("Verschil"),
        ],
        table_rows=[
            [
                str(element["element"].label),
                number(element["mean"], 1) if element["mean"] is not None else "–",
                number(element["previous_mean"], 1)
                if element["previous_mean"] is not None
                else "–",
                change(element).strip(" ()") or "–",
            ]
            for element in elements
        ],
    )


def indicator_progress_figure(*, goals, key, period_label):
    """How far each goal's indicator has come from its baseline to its target (0–100%),
    a full bar being the target. ``goals``: (theme name, goal title, percent) triples."""
    title = _("Op weg naar de streefwaarde")
    parts = [
        _("%(goal)s (%(theme)s): %(percent)s%%")
        % {"goal": goal, "theme": theme, "percent": number(percent)}
        for theme, goal, percent in goals
    ]
    alt = f"{title}, {period_label}. " + _sentence(parts or [_("geen doelen met cijfers")])
    return Figure(
        key=key,
        title=title,
        caption=_(
            "Per doel het deel van de weg van nulmeting naar streefwaarde dat de laatste "
            "meting tot het eind van de periode aflegde, %(period)s."
        )
        % {"period": period_label},
        alt=alt,
        svg=bar_chart_svg(
            bars=[
                Bar(label=goal, value=percent, text=f"{number(percent)}%")
                for _theme, goal, percent in goals
            ],
            title=title,
            description=alt,
            id_prefix=key,
            maximum=100,
        ),
        table_headers=[_("Doel"), _("Thema"), _("Op weg")],
        table_rows=[[goal, theme, f"{number(percent)}%"] for theme, goal, percent in goals],
    )


def spread_figure(*, approaches, key, period_label):
    """Approaches taken up in another village in the period: per approach the number of
    villages it reached anew. ``approaches``: (title, villages it began in, new villages)."""
    title = _("Aanpakken die naar een ander dorp gingen")
    parts = [
        _("%(approach)s: van %(start)s naar %(new)s")
        % {"approach": approach, "start": start, "new": ", ".join(new)}
        for approach, start, new in approaches
    ]
    alt = f"{title}, {period_label}. " + _sentence(parts or [_("geen")])
    return Figure(
        key=key,
        title=title,
        caption=_("Per aanpak het aantal dorpen waar ze in %(period)s nieuw werd overgenomen.")
        % {"period": period_label},
        alt=alt,
        svg=bar_chart_svg(
            bars=[
                Bar(label=approach, value=len(new), text=", ".join(new))
                for approach, _start, new in approaches
            ],
            title=title,
            description=alt,
            id_prefix=key,
            maximum=3,  # Zeeland, Schaijk and Reek: at most the other two, or all three
        ),
        table_headers=[_("Aanpak"), _("Begon in"), _("Nieuw in")],
        table_rows=[[approach, start, ", ".join(new)] for approach, start, new in approaches],
    )
