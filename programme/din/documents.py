"""The partnership network drawn as SVG, from the data a selector hands over.

No JavaScript, no layout engine at request time: every organisation has a fixed place on
a circle (all organisations, sorted by name), so the picture of one phase or theme can be
laid beside another and an organisation is found in the same spot. Ties are lines whose
width grows with their weight; new ties differ in pattern as well as colour, organisations
that dropped out are hollow and dashed, bridges between themes have a double ring, so the
drawing reads without colour. Only presentation attributes, never ``style`` (the page's
Content-Security-Policy forbids inline styles). The pages show the same data as a table.

Public entry points: :func:`network_svg` and :func:`network_description`.
"""

import math

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from landerd_portal import charts

# Small enough that a 390 px phone shows the names at about 10 px, wide enough for a
# two-line name of 14 characters, or one long word ("Programmabureau"), beside the circle.
WIDTH = 700
CENTRE_X = 350
CENTRE_Y = 270
RADIUS = 140
LABEL_GAP = 16
FONT_SIZE = 20
LINE_HEIGHT = 22
LEGEND_TOP = CENTRE_Y + RADIUS + 80
LEGEND_ROW = 32

INK = "#1f2a27"
MUTED = "#5f6b67"  # 5.4:1 on white
TIE = "#6f8b84"
NEW_TIE = "#b4420f"  # 5.3:1 on white
NODE = "#0b5e55"


def _fmt(number):
    return f"{number:.1f}"


def _label_lines(name, limit=14):
    """Split a long name over two lines at the space nearest its middle."""
    if len(name) <= limit or " " not in name:
        return [name]
    spaces = [i for i, char in enumerate(name) if char == " "]
    cut = min(spaces, key=lambda i: abs(i - len(name) / 2))
    return [name[:cut], name[cut + 1 :]]


def _positions(slots):
    """Each organisation's place on the circle: slot order (by name), from the top."""
    count = max(len(slots), 1)
    positions = {}
    for index, slot in enumerate(slots):
        angle = -math.pi / 2 + 2 * math.pi * index / count
        positions[slot["pk"]] = angle
    return positions


def _point(angle, distance=RADIUS):
    return CENTRE_X + distance * math.cos(angle), CENTRE_Y + distance * math.sin(angle)


def _node_radius(node):
    return 8 + min(node.weight, 24) * 0.5


def _tie_width(tie):
    return 1.5 + min(tie.weight, 10) * 1.2


def _label(node, angle, radius, colour):
    x, y = _point(angle, RADIUS + radius + LABEL_GAP - 8)
    cos = math.cos(angle)
    anchor = "middle" if abs(cos) < 0.2 else ("start" if cos > 0 else "end")
    lines = _label_lines(node.name)
    # Above the circle the text grows upwards, below it downwards, beside it centred.
    sin = math.sin(angle)
    if sin < -0.5:
        first_y = y - (len(lines) - 1) * LINE_HEIGHT
    elif sin > 0.5:
        first_y = y + LINE_HEIGHT * 0.8
    else:
        first_y = y + 6 - (len(lines) - 1) * LINE_HEIGHT / 2
    tspans = "".join(
        f'<tspan x="{_fmt(x)}" y="{_fmt(first_y + i * LINE_HEIGHT)}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text text-anchor="{anchor}" fill="{colour}">{tspans}</text>'


def _tie_title(tie):
    parts = [
        ngettext("%(n)s activiteit", "%(n)s activiteiten", tie.activities) % {"n": tie.activities},
        ngettext("%(n)s inspanning", "%(n)s inspanningen", tie.efforts) % {"n": tie.efforts},
    ]
    text = f"{tie.first.name} – {tie.second.name}: {', '.join(parts)}"
    if tie.is_new:
        text += f" ({_('nieuw')})"
    return escape(text)


def _legend(network, top):
    rows = [
        (
            f'<line x1="0" y1="0" x2="44" y2="0" stroke="{TIE}" stroke-width="5"/>',
            _("samenwerking (dikker: vaker samen)"),
        ),
    ]
    if network.previous is not None:
        rows.append(
            (
                f'<line x1="0" y1="0" x2="44" y2="0" stroke="{NEW_TIE}" stroke-width="5" '
                'stroke-dasharray="10 5"/>',
                _("nieuwe samenwerking (oranje, gestreept)"),
            )
        )
    rows.append(
        (
            f'<circle cx="22" cy="0" r="10" fill="{NODE}" stroke="#fff" stroke-width="2"/>'
            f'<circle cx="22" cy="0" r="14" fill="none" stroke="{NODE}" stroke-width="2"/>',
            _("brug tussen thema's (dubbele ring)"),
        )
    )
    if network.dropped_out:
        rows.append(
            (
                f'<circle cx="22" cy="0" r="10" fill="#fff" stroke="{MUTED}" stroke-width="2" '
                'stroke-dasharray="4 3"/>',
                _("niet meer actief (open, gestreept)"),
            )
        )
    parts = [f'<g class="network__legend" font-size="{FONT_SIZE - 1}" fill="{INK}">']
    for index, (symbol, text) in enumerate(rows):
        y = top + index * LEGEND_ROW
        parts.append(f'<g transform="translate(24 {y})">{symbol}</g>')
        parts.append(f'<text x="84" y="{y + 6}">{escape(text)}</text>')
    parts.append("</g>")
    return "".join(parts), len(rows)


def network_description(network):
    """A sentence or three saying what the drawing shows, for its desc and alt text."""
    text = ngettext(
        "%(n)s organisatie",
        "%(n)s organisaties",
        len(network.nodes),
    ) % {"n": len(network.nodes)}
    text += ", " + ngettext("één samenwerking", "%(n)s samenwerkingen", network.tie_count) % {
        "n": network.tie_count
    }
    text += ", " + _("dichtheid %(density)s%%.") % {"density": round(network.density * 100)}
    if network.bridges:
        text += " " + _("Bruggen tussen thema's: %(names)s.") % {
            "names": ", ".join(node.name for node in network.bridges)
        }
    if network.previous is not None:
        new = network.new_ties
        if new:
            text += " " + _("Nieuw sinds de vorige fase: %(ties)s.") % {
                "ties": "; ".join(f"{t.first.name} – {t.second.name}" for t in new)
            }
        else:
            text += " " + _("Geen nieuwe samenwerkingen sinds de vorige fase.")
        if network.dropped_out:
            text += " " + _("Niet meer actief: %(names)s.") % {
                "names": ", ".join(node.name for node in network.dropped_out)
            }
    return text


def network_svg(network, *, title, id_prefix="netwerk"):
    """Return the network of ``network`` (a network_selectors.Network) as a safe SVG string."""
    angles = _positions(network.slots)
    legend, legend_rows = _legend(network, LEGEND_TOP)
    height = LEGEND_TOP + legend_rows * LEGEND_ROW
    title_id, desc_id = f"{id_prefix}-titel", f"{id_prefix}-beschrijving"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="network" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="{title_id} {desc_id}" '
        'font-family="Helvetica, Arial, sans-serif">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(network_description(network))}</desc>',
        '<rect width="100%" height="100%" fill="#fff"/>',
        '<g class="network__ties" stroke-linecap="round">',
    ]
    # Light ties first, so that heavy and new ones stay visible on top.
    for tie in sorted(network.ties, key=lambda t: (t.is_new, t.weight)):
        x1, y1 = _point(angles[tie.first.pk])
        x2, y2 = _point(angles[tie.second.pk])
        colour, dash = (NEW_TIE, ' stroke-dasharray="12 6"') if tie.is_new else (TIE, "")
        parts.append(
            f'<line x1="{_fmt(x1)}" y1="{_fmt(y1)}" x2="{_fmt(x2)}" y2="{_fmt(y2)}" '
            f'stroke="{colour}" stroke-width="{_fmt(_tie_width(tie))}"{dash} '
            f'data-tie="{escape(tie.first.slug)} {escape(tie.second.slug)}" '
            f'data-new="{"ja" if tie.is_new else "nee"}"><title>{_tie_title(tie)}</title></line>'
        )
    parts.append("</g>")
    parts.append(f'<g class="network__nodes" font-size="{FONT_SIZE}">')
    for node in network.nodes:
        angle = angles[node.pk]
        x, y = _point(angle)
        radius = _node_radius(node)
        ring = (
            f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="{_fmt(radius + 5)}" fill="none" '
            f'stroke="{NODE}" stroke-width="2.5"/>'
            if node.is_bridge
            else ""
        )
        summary = ngettext(
            "%(name)s: %(n)s samenwerkingspartner",
            "%(name)s: %(n)s samenwerkingspartners",
            node.ties,
        ) % {"name": node.name, "n": node.ties}
        parts.append(
            f'<g data-organisation="{escape(node.slug)}"><title>{escape(summary)}</title>{ring}'
            f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="{_fmt(radius)}" fill="{NODE}" '
            'stroke="#fff" stroke-width="2"/>'
            f"{_label(node, angle, radius + (5 if node.is_bridge else 0), INK)}</g>"
        )
    for node in network.dropped_out:
        angle = angles[node.pk]
        x, y = _point(angle)
        title = _("%(name)s: niet meer actief") % {"name": node.name}
        parts.append(
            f'<g data-organisation="{escape(node.slug)}" data-dropped-out="ja">'
            f"<title>{escape(title)}</title>"
            f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="9" fill="#fff" stroke="{MUTED}" '
            'stroke-width="2" stroke-dasharray="4 3"/>'
            f"{_label(node, angle, 9, MUTED)}</g>"
        )
    parts.append("</g>")
    parts.append(legend)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 -- every text in it is escaped above


# --- The sustainability indicator --------------------------------------------------------

# Narrow, with each label above its bar, so that a 390 px phone shows it at about 12 px.
CHART_WIDTH = 420
BAR_WIDTH = 350
BAR_HEIGHT = 18
SHARE_STEP = 46  # label line, bar and gap
BLOCK_HEAD = 50  # phase name and fte
BLOCK_GAP = 18
SHARE_PATTERNS = (
    # (attribute of a row, label, colour, pattern): pattern as well as colour, to read
    # without colour; the numbers are written beside every bar.
    ("activities", gettext_noop("eigenaar activiteit"), "#0b5e55", ""),
    ("efforts", gettext_noop("trekker inspanning"), "#4b3a8f", "hatch"),
    ("working_groups", gettext_noop("kartrekker werkgroep"), "#a1232f", "dots"),
)
SHARE_SENTENCES = {
    "activities": gettext_noop("activiteiten met een partner als eigenaar"),
    "efforts": gettext_noop("inspanningen met een partner als trekker"),
    "working_groups": gettext_noop("werkgroepen met een kartrekker van een partner"),
}


def _fte_text(fte):
    if fte is None:
        return _("fte programmamanagement onbekend")
    return _("%(fte)s fte programmamanagement") % {"fte": charts.number(fte, 1)}


def sustainability_description(rows):
    parts = []
    for row in rows:
        shares = ", ".join(
            f"{_(SHARE_SENTENCES[attribute])} {_share_text(getattr(row, attribute))}"
            for attribute, *_style in SHARE_PATTERNS
        )
        parts.append(f"{row.phase.name} ({_fte_text(row.fte)}): {shares}.")
    return " ".join(parts)


def _share_text(share):
    if share.percent is None:
        return "–"
    return _("%(percent)s%% (%(part)s van %(total)s)") % {
        "percent": share.percent,
        "part": share.part,
        "total": share.total,
    }


def sustainability_svg(rows, *, title, id_prefix="duurzaamheid"):
    """Per phase three bars (the shares, 0–100 %) under the phase's programme-management fte.

    ``rows``: sustainability_selectors.PhaseSustainability objects. Each bar is the share
    with a partner (not the municipality or the programme team) in that role.
    """
    block = BLOCK_HEAD + len(SHARE_PATTERNS) * SHARE_STEP + BLOCK_GAP
    height = 10 + block * len(rows)
    title_id, desc_id = f"{id_prefix}-titel", f"{id_prefix}-beschrijving"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sustainability" '
        f'viewBox="0 0 {CHART_WIDTH} {height}" role="img" aria-labelledby="{title_id} {desc_id}" '
        'font-family="Helvetica, Arial, sans-serif" font-size="16">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(sustainability_description(rows))}</desc>',
        "<defs>"
        f'<pattern id="{id_prefix}-hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="8" height="8" fill="#4b3a8f"/>'
        '<line x1="0" y1="0" x2="0" y2="8" stroke="#fff" stroke-width="2"/></pattern>'
        f'<pattern id="{id_prefix}-dots" width="7" height="7" patternUnits="userSpaceOnUse">'
        '<rect width="7" height="7" fill="#a1232f"/><circle cx="3.5" cy="3.5" r="1.5" '
        'fill="#fff"/></pattern>'
        "</defs>",
        '<rect width="100%" height="100%" fill="#fff"/>',
    ]
    y = 10
    for row in rows:
        parts.append(
            f'<text x="0" y="{y + 18}" font-weight="bold" font-size="18" fill="{INK}">'
            f"{escape(row.phase.name)}</text>"
            f'<text x="0" y="{y + 40}" fill="{MUTED}">{escape(_fte_text(row.fte))}</text>'
        )
        bar_y = y + BLOCK_HEAD
        for attribute, label, colour, pattern in SHARE_PATTERNS:
            share = getattr(row, attribute)
            fill = f"url(#{id_prefix}-{pattern})" if pattern else colour
            width = BAR_WIDTH * (share.percent or 0) / 100
            text = f"{share.percent}%" if share.percent is not None else "–"
            parts.append(
                f'<text x="0" y="{bar_y + 13}" fill="{INK}">{escape(_(label))}</text>'
                f'<rect x="0" y="{bar_y + 20}" width="{BAR_WIDTH}" height="{BAR_HEIGHT}" '
                'fill="#eef2f1"/>'
                f'<rect x="0" y="{bar_y + 20}" width="{_fmt(width)}" height="{BAR_HEIGHT}" '
                f'fill="{fill}" stroke="{colour}" data-share="{attribute}" '
                f'data-percent="{share.percent if share.percent is not None else ""}"/>'
                f'<text x="{BAR_WIDTH + 8}" y="{bar_y + 34}" fill="{INK}" '
                f'font-weight="bold">{text}</text>'
            )
            bar_y += SHARE_STEP
        y += block
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 -- every text in it is escaped above
