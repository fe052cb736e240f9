"""The collaboration agreement (programme plan) of a phase, as tagged PDF and as Word file.

The text is written once, as an outline of blocks (headings, paragraphs, lists, tables and
"to write" notes) that follows the sections of the template for a collaboration agreement
across organisations (seed 004), filled from `AgreementData`
(programme/reports/agreement.py). `agreement_pdf` sets the outline in HTML for WeasyPrint
(PDF/UA-1, through landerd_portal/pdf.py); `agreement_docx` writes the same outline with
python-docx, because the partners edit the text before they sign it. Where the portal
knows nothing, a block says so and asks the programme team to write it. Nothing here reads
the database.
"""

import io
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from landerd_portal import charts
from landerd_portal.pdf import html_to_accessible_pdf
from landerd_portal.text import counted, figure_with_unit

CSS_PATH = Path(settings.BASE_DIR) / "templates/programme/reports/agreement/agreement.css"

# --- The outline --------------------------------------------------------------------------


@dataclass
class Heading:
    level: int  # 1 chapter, 2 section, 3 subsection
    text: str
    kind: str = "heading"


@dataclass
class Paragraph:
    text: str
    label: str = ""  # a bold lead-in ("Bijdrage: ...")
    kind: str = "paragraph"


@dataclass
class Bullets:
    items: list
    kind: str = "bullets"


@dataclass
class Table:
    headers: list
    rows: list
    kind: str = "table"
    widths: list = field(default_factory=list)  # relative widths, for both documents
    css_class: str = ""

    @property
    def percentages(self):
        total = sum(self.widths)
        return [round(100 * width / total, 1) for width in self.widths]


@dataclass
class ToWrite:
    """A part of the template the portal cannot fill: the programme team writes it."""

    text: str
    kind: str = "to_write"


def _date(value):
    return date_format(value, "j F Y") if value else ""


def _money(amount):
    return f"€ {intcomma(int(round(amount)))}"


def _fte(value):
    return _("%(fte)s fte") % {"fte": charts.fte_text(value)}


def _period(start, end):
    return _("%(start)s tot en met %(end)s") % {"start": _date(start), "end": _date(end)}


def _join(names):
    names = [str(name) for name in names if name]
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s en %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def title(data):
    return _("Programmaplan en samenwerkingsovereenkomst – %(phase)s") % {"phase": data.phase.name}


def _ambition(data):
    phase, programme = data.phase, data.programme
    blocks = [Heading(1, _("1. Maatschappelijke ambitie")), Heading(2, _("1.1 Onze ambitie"))]
    blocks.append(Paragraph(programme.goal_statement))
    if phase.motto:
        blocks.append(Paragraph(phase.motto, label=_("Motto van deze fase")))
    if phase.description:
        blocks.append(Paragraph(phase.description))
    ambitions = [
        f"{theme_din.theme.name}: {theme_din.theme.ambition}"
        for theme_din in data.din
        if theme_din.theme.ambition
    ]
    if ambitions:
        blocks.append(Paragraph(_("De partners werken aan thema's, elk met een eigen ambitie:")))
        blocks.append(Bullets(ambitions))
    blocks.append(Heading(2, _("1.2 Wie worden hier beter van?")))
    if data.target_groups:
        blocks.append(
            Paragraph(
                _("In %(phase)s bereikten de activiteiten van de partners deze groepen:")
                % {"phase": phase.name}
            )
        )
        blocks.append(Bullets([group.name for group in data.target_groups]))
    if data.villages:
        blocks.append(
            Paragraph(
                _("De activiteiten vonden plaats in %(villages)s.")
                % {"villages": _join(village.name for village in data.villages)}
            )
        )
    if not data.target_groups and not data.villages:
        blocks.append(
            ToWrite(
                _(
                    "Welke groepen inwoners worden beter van dit programma? Het portaal kent "
                    "nog geen gepubliceerde activiteiten in deze fase."
                )
            )
        )
    blocks.append(Heading(2, _("1.3 Onderdeel van een groter geheel")))
    blocks.append(
        ToWrite(
            _(
                "Van welk groter geheel of welke bredere ambitie maakt dit programma deel uit "
                "(bijvoorbeeld het beleid van de gemeente voor het sociaal domein)? Waarom "
                "verdient het geld, aandacht en voorrang?"
            )
        )
    )
    return blocks


def _organisation_blocks(organisation):
    blocks = [Heading(3, organisation.name)]
    missing = []
    for label, text in [
        (_("Bijdrage"), organisation.contribution),
        (_("Kernwaarden"), organisation.core_values),
        (_("Belangen"), organisation.interests),
    ]:
        if text:
            blocks.append(Paragraph(text, label=label))
        else:
            missing.append(label.lower())
    blocks.append(
        Paragraph(organisation.get_participation_level_display(), label=_("Participatieniveau"))
    )
    if missing:
        blocks.append(
            ToWrite(
                _("Nog in te vullen door de organisatie: %(parts)s.") % {"parts": _join(missing)}
            )
        )
    return blocks


LEVEL_EXPLANATIONS = {
    "informeren": gettext_lazy(
        "De organisatie wordt op de hoogte gehouden; het programma bepaalt agenda en besluiten."
    ),
    "raadplegen": gettext_lazy(
        "De organisatie is gesprekspartner; wat zij inbrengt weegt mee, zonder dat het "
        "programma zich eraan bindt."
    ),
    "adviseren": gettext_lazy(
        "De organisatie draagt problemen en oplossingen aan; het programma legt uit wat het "
        "met haar advies doet."
    ),
    "co-creatie": gettext_lazy(
        "De organisatie maakt agenda en plannen samen met de andere partners en besluit mee."
    ),
    "zelfontwikkeling": gettext_lazy(
        "De organisatie ontwikkelt en besluit zelf, binnen vooraf afgesproken randvoorwaarden."
    ),
}


def _partnership(data):
    blocks = [
        Heading(1, _("2. Samenwerkingsverband")),
        Heading(2, _("2.1 Hoe we de ambitie samen waarmaken")),
        Paragraph(
            _(
                "De partners werken als gelijkwaardige partners. Hun inhoudelijke agenda is de "
                "DIN: de doelen, de inspanningen om ze te bereiken en het netwerk van "
                "organisaties dat elke inspanning draagt (hoofdstuk 4). Per thema trekt een "
                "werkgroep met een kartrekker het werk."
            )
        ),
        ToWrite(
            _(
                "Welke strategie kiezen de partners, en welke rol spelen overheid, "
                "maatschappelijke organisaties, ondernemers, onderwijs en inwoners?"
            )
        ),
        Heading(2, _("2.2 De partners en hun participatieniveau")),
    ]
    if data.signatories:
        blocks.append(
            Table(
                [_("Organisatie"), _("Soort"), _("Participatieniveau"), _("Ondertekend op")],
                [
                    [
                        organisation.name,
                        organisation.get_kind_display(),
                        organisation.get_participation_level_display(),
                        _date(organisation.signed_programme_plan_on),
                    ]
                    for organisation in data.signatories
                ],
                widths=[4, 3, 3, 2],
            )
        )
    else:
        blocks.append(ToWrite(_("Er zijn nog geen ondertekenaars vastgelegd.")))
    blocks.append(Paragraph(_("De vijf participatieniveaus:")))
    blocks.append(
        Bullets(
            [
                f"{label}: {LEVEL_EXPLANATIONS[value]}"
                for value, label in data.participation_levels
                if value in LEVEL_EXPLANATIONS
            ]
        )
    )
    for organisation in data.signatories:
        blocks.extend(_organisation_blocks(organisation))
    if data.other_organisations:
        blocks.append(Heading(3, _("Ook betrokken, (nog) niet ondertekend")))
        blocks.append(
            Bullets(
                [
                    f"{o.name} ({o.get_participation_level_display().lower()})"
                    for o in data.other_organisations
                ]
            )
        )
    blocks.append(Heading(2, _("2.3 Regie en besluitvorming")))
    blocks.append(
        Paragraph(
            _(
                "Het partneroverleg, met één vertegenwoordiger per partnerorganisatie, stuurt "
                "het programma: het neemt de besluiten en maakt middelen vrij. Het "
                "programmateam voert de regie over de voortgang en bereidt het partneroverleg "
                "voor (zie 4.5)."
            )
        )
    )
    return blocks


def _realisation(data):
    return [
        Heading(1, _("3. Wat we samen realiseren")),
        Heading(2, _("3.1 Het beeld van de realisatie")),
        ToWrite(
            _(
                "Wat realiseren de partners concreet, en wat betekent dat voor inwoners en "
                "de samenleving (ook tijdelijke nadelen)? Een beeld of tekening helpt."
            )
        ),
        Heading(2, _("3.2 Mijlpalen")),
        Paragraph(
            _("De fasen en hun looptijd staan in 4.3. %(phase)s loopt van %(period)s.")
            % {
                "phase": data.phase.name,
                "period": _period(data.phase.start_date, data.phase.end_date),
            }
        ),
        ToWrite(_("Welke publieke mijlpalen en opleveringen horen bij deze fase?")),
    ]


def _goal_lines(goals, depth=0):
    lines = []
    for goal in goals:
        prefix = "– " * depth
        lines.append(f"{prefix}{_('Doel')}: {goal.title}")
        for effort in goal.efforts.all():
            details = [effort.get_status_display().lower()]
            if effort.lead_organisation:
                details.append(_("trekker: %(name)s") % {"name": effort.lead_organisation})
            network = _join(entry.organisation.name for entry in effort.network.all())
            if network:
                details.append(_("netwerk: %(names)s") % {"names": network})
            lines.append(f"{prefix}  {_('Inspanning')}: {effort.title} ({'; '.join(details)})")
        lines.extend(_goal_lines(goal.subgoals, depth + 1))
    return lines


def _all_goals(goals):
    for goal in goals:
        yield goal
        yield from _all_goals(goal.subgoals)


def _programme(data):
    blocks = [
        Heading(1, _("4. Programma-opzet en organisatie")),
        Heading(2, _("4.1 Doelenboom (DIN)")),
    ]
    for theme_din in data.din:
        blocks.append(Heading(3, theme_din.theme.name))
        lines = _goal_lines(theme_din.goals)
        none_yet = _("Voor dit thema zijn nog geen doelen vastgelegd.")
        blocks.append(Bullets(lines) if lines else ToWrite(none_yet))
    blocks.append(Heading(2, _("4.2 Indicatoren")))
    rows = []
    for theme_din in data.din:
        for goal in _all_goals(theme_din.goals):
            latest = goal.latest_value.value if goal.latest_value else goal.current_value
            rows.append(
                [
                    theme_din.theme.name,
                    goal.title,
                    goal.indicator or "–",
                    figure_with_unit(goal.baseline, goal.unit),
                    figure_with_unit(goal.target, goal.unit),
                    figure_with_unit(latest, goal.unit),
                ]
            )
    if rows:
        blocks.append(
            Table(
                [
                    _("Thema"),
                    _("Doel"),
                    _("Indicator"),
                    _("Nulmeting"),
                    _("Streefwaarde"),
                    _("Stand"),
                ],
                rows,
                widths=[2, 4, 4, 2, 2, 2],
            )
        )
    if not rows or any("–" in (row[2], row[4]) for row in rows):
        blocks.append(ToWrite(_("Geef elk doel een indicator, nulmeting en streefwaarde.")))

    blocks.append(Heading(2, _("4.3 Fasering")))
    blocks.append(
        Table(
            [_("Fase"), _("Soort"), _("Periode"), _("Motto")],
            [
                [
                    phase.name + (" " + _("(deze fase)") if phase.pk == data.phase.pk else ""),
                    phase.get_kind_display(),
                    _period(phase.start_date, phase.end_date),
                    phase.motto or "–",
                ]
                for phase in data.phases
            ],
            widths=[4, 2, 4, 4],
        )
    )

    blocks.append(Heading(2, _("4.4 Financiering")))
    if data.budgets:
        blocks.append(
            Table(
                [_("Jaar"), _("Budget"), _("Programmamanagement"), _("Toelichting")],
                [
                    [
                        str(budget.year)
                        + (" " + _("(deze fase)") if budget.year in data.phase_years else ""),
                        _money(budget.amount),
                        _fte(budget.programme_management_fte),
                        budget.note or "",
                    ]
                    for budget in data.budgets
                ]
                + [[_("Totaal"), _money(data.budget_total), "", ""]],
                widths=[2, 2, 3, 5],
            )
        )
        last = data.budgets[-1]
        if data.budgets[0].programme_management_fte > last.programme_management_fte:
            blocks.append(
                Paragraph(
                    _(
                        "Het programmamanagement bouwt af van %(first)s in %(first_year)s naar "
                        "%(last)s in %(last_year)s: de partners leren het programma zelf te dragen."
                    )
                    % {
                        "first": _fte(data.budgets[0].programme_management_fte),
                        "first_year": data.budgets[0].year,
                        "last": _fte(last.programme_management_fte),
                        "last_year": last.year,
                    }
                )
            )
    else:
        blocks.append(ToWrite(_("Er is nog geen budget vastgelegd.")))
    blocks.append(Heading(3, _("Bijdragen van de partners (uit het netwerk van de DIN)")))
    if data.contributions:
        blocks.append(
            Table(
                [_("Organisatie"), _("Soort bijdrage"), _("Bijdrage"), _("Voor de inspanning")],
                [
                    [
                        entry.organisation.name,
                        entry.get_contribution_kind_display(),
                        entry.contribution or "–",
                        f"{entry.effort.title} ({entry.effort.goal.theme.name})",
                    ]
                    for entry in data.contributions
                ],
                widths=[3, 2, 4, 5],
            )
        )
    else:
        blocks.append(ToWrite(_("Nog geen bijdragen van partners vastgelegd in de DIN.")))
    blocks.append(
        ToWrite(
            _(
                "Wie betaalt wat? Vul de totale begrote kosten aan, de cofinanciering en de "
                "waarde van de bijdragen in natura (uren, ruimte, materiaal)."
            )
        )
    )

    blocks.append(Heading(2, _("4.5 Programma-organisatie")))
    blocks.append(Heading(3, _("Partneroverleg")))
    if data.meetings:
        blocks.append(
            Paragraph(
                _("In %(phase)s staat het partneroverleg %(meetings)s op de agenda:")
                % {
                    "phase": data.phase.name,
                    "meetings": counted(len(data.meetings), _("keer"), _("keer")),
                }
            )
        )
        blocks.append(
            Bullets([f"{_date(meeting.starts_at)}: {meeting.title}" for meeting in data.meetings])
        )
    else:
        blocks.append(ToWrite(_("Hoe vaak komt het partneroverleg in deze fase bijeen?")))
    blocks.append(Heading(3, _("Programmateam")))
    if data.programme_team:
        blocks.append(
            Bullets(
                [
                    f"{member}" + (f" ({member.organisation})" if member.organisation else "")
                    for member in data.programme_team
                ]
            )
        )
    else:
        blocks.append(ToWrite(_("Wie vormen het programmateam?")))
    blocks.append(Heading(3, _("Werkgroepen en kartrekkers")))
    if data.working_groups:
        blocks.append(
            Table(
                [_("Thema"), _("Werkgroep"), _("Kartrekker"), _("Organisaties")],
                [
                    [
                        group.theme.name,
                        group.name,
                        (
                            f"{group.kartrekker}"
                            + (
                                f" ({group.kartrekker.organisation})"
                                if group.kartrekker.organisation
                                else ""
                            )
                            if group.kartrekker
                            else _("nog niet bekend")
                        ),
                        _join(o.name for o in group.organisations.all()) or "–",
                    ]
                    for group in data.working_groups
                ],
                widths=[3, 3, 3, 5],
            )
        )
    else:
        blocks.append(ToWrite(_("Welke werkgroepen zijn er, en wie trekt ze?")))

    blocks.append(Heading(2, _("4.6 Risico's en voorzorgsmaatregelen")))
    blocks.append(
        ToWrite(
            _(
                "Welke risico's lopen de partners, welke maatregelen nemen ze, en wie draagt "
                "welk risico? Het portaal houdt geen risico's bij."
            )
        )
    )
    if data.open_questions:
        blocks.append(
            Paragraph(
                _(
                    "Als begin: de vragen die de leergeschiedenis van %(phase)s opleverde voor "
                    "de volgende fase."
                )
                % {"phase": data.phase.name}
            )
        )
        blocks.append(
            Bullets(
                [
                    question.text + (f" ({question.theme})" if question.theme else "")
                    for question in data.open_questions
                ]
            )
        )
    return blocks


def _annexes(data):
    return [
        Heading(1, _("5. Bijlagen")),
        ToWrite(
            _(
                "Voeg alleen toe wat echt nodig is, bijvoorbeeld: afspraken per partner (taken, "
                "verantwoordelijkheden, bevoegdheden), planning en begroting, "
                "communicatieplan, omgang met onvoorziene omstandigheden en hoe een partner de "
                "samenwerking kan opzeggen."
            )
        ),
    ]


def _signatures(data):
    return [
        Heading(1, _("Ondertekening")),
        Paragraph(
            _("Aldus overeengekomen door de partners van %(programme)s, voor %(phase)s.")
            % {"programme": data.programme.name, "phase": data.phase.name}
        ),
        Table(
            [_("Organisatie"), _("Naam en functie"), _("Datum"), _("Handtekening")],
            [[organisation.name, "", "", ""] for organisation in data.signatories]
            or [["", "", "", ""]],
            widths=[4, 4, 2, 4],
            css_class="signatures",
        ),
    ]


def agreement_outline(data):
    """The agreement as a list of blocks, in the order of the template (seed 004)."""
    return [
        *_ambition(data),
        *_partnership(data),
        *_realisation(data),
        *_programme(data),
        *_annexes(data),
        *_signatures(data),
    ]


def _intro(data):
    return _(
        "Opgesteld uit het partnerportaal op %(date)s. Wat hier staat komt uit wat de partners "
        "in het portaal vastlegden; de gemarkeerde delen „In te vullen” schrijven de partners "
        "zelf. Bewerk de Word-versie en onderteken die."
    ) % {"date": _date(timezone.localdate())}


# --- PDF ----------------------------------------------------------------------------------


def agreement_pdf(*, data, language_code="nl"):
    """The agreement as a tagged PDF (PDF/UA-1)."""
    html = render_to_string(
        "programme/reports/agreement/agreement.html",
        {
            "data": data,
            "title": title(data),
            "intro": _intro(data),
            "blocks": agreement_outline(data),
            "language_code": language_code,
        },
    )
    return html_to_accessible_pdf(html, stylesheets=[str(CSS_PATH)])


# --- Word ---------------------------------------------------------------------------------


def _docx_language(document, language_code):
    """Say the text's language in the default run properties (spelling, screen readers)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run_properties = document.styles.element.find(qn("w:docDefaults"))
    run_properties = run_properties.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = run_properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_properties.append(language)
    code = {"nl": "nl-NL", "en": "en-GB"}.get(language_code, language_code)
    language.set(qn("w:val"), code)


def _docx_table(document, block):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table = document.add_table(rows=1, cols=len(block.headers))
    table.style = "Table Grid"
    header = table.rows[0]
    # A header row that repeats on every page and that screen readers announce as such.
    header_properties = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_properties.append(repeat)
    for cell, text in zip(header.cells, block.headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(str(text)).bold = True
    for row in block.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = str(text)
    if block.widths:
        total = sum(block.widths)
        for column, width in zip(table.columns, block.widths, strict=True):
            for cell in column.cells:
                cell.width = Cm(16.5 * width / total)


def agreement_docx(*, data, language_code="nl"):
    """The agreement as an editable Word file (.docx), the same text as the PDF."""
    import docx
    from docx.enum.text import WD_COLOR_INDEX

    document = docx.Document()
    properties = document.core_properties
    properties.title = title(data)
    properties.author = data.programme.name
    properties.language = language_code
    _docx_language(document, language_code)

    document.add_heading(title(data), level=0)
    document.add_paragraph(f"{data.programme.name} · {data.programme.municipality}")
    document.add_paragraph(_intro(data))
    for block in agreement_outline(data):
        if block.kind == "heading":
            document.add_heading(block.text, level=block.level)
        elif block.kind == "paragraph":
            paragraph = document.add_paragraph()
            if block.label:
                paragraph.add_run(f"{block.label}: ").bold = True
            paragraph.add_run(block.text)
        elif block.kind == "bullets":
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        elif block.kind == "table":
            _docx_table(document, block)
            document.add_paragraph()
        elif block.kind == "to_write":
            paragraph = document.add_paragraph()
            lead = paragraph.add_run(_("In te vullen: "))
            lead.bold = True
            lead.font.highlight_color = WD_COLOR_INDEX.YELLOW
            paragraph.add_run(block.text).italic = True
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
