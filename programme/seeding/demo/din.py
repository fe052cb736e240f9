"""A sample DIN per theme: goals, the efforts towards them and the network carrying those,
as it stands at the end of 2021, with the indicators measured in each execution year."""

from programme.models import Effort, Goal, IndicatorValue, NetworkEntry, Phase
from programme.phases.selectors import phase_of_day

from ..rows import upsert
from .indicators import INDICATOR_FIGURES, INDICATOR_VALUES

Contribution = NetworkEntry.ContributionKind

# theme slug -> goals; a goal is (title, indicator, target, efforts); an effort is
# (title, status, lead organisation slug, [(organisation slug, kind, contribution)]).
DIN = {
    "preventie-drugs-alcohol": [
        (
            "Jongeren beginnen later met drinken",
            "Aandeel scholieren dat ooit alcohol dronk (GGD-jeugdmonitor)",
            "Daling ten opzichte van de vorige meting",
            [
                (
                    "Ouderavonden over alcohol en groepsdruk",
                    Effort.Status.RUNNING,
                    "ggd",
                    [
                        ("ggd", Contribution.EXPERTISE, "Voorlichter en lesmateriaal"),
                        ("optimus", Contribution.NETWORK, "Uitnodiging via de scholen"),
                    ],
                ),
                (
                    "Lessen over alcohol en groepsdruk in groep 8",
                    Effort.Status.RUNNING,
                    "optimus",
                    [
                        ("optimus", Contribution.HOURS, "Leerkrachten groep 8"),
                        ("ggd", Contribution.EXPERTISE, "Lesmateriaal en uitleg"),
                    ],
                ),
            ],
        ),
        (
            "Verenigingen schenken verantwoord",
            "Aantal verenigingen met afspraken over alcohol in de kantine",
            "Alle sportverenigingen in Landerd",
            [
                (
                    "Gesprekken met sportverenigingen over de kantine",
                    Effort.Status.DONE,
                    "gemeente-landerd",
                    [
                        ("gemeente-landerd", Contribution.HOURS, "Beleidsmedewerker"),
                        ("ggd", Contribution.EXPERTISE, "Kennis van de Drank- en Horecawet"),
                    ],
                ),
                (
                    "Training verantwoord schenken voor barvrijwilligers",
                    Effort.Status.RUNNING,
                    "ggd",
                    [
                        ("ggd", Contribution.EXPERTISE, "Trainer"),
                        ("gemeente-landerd", Contribution.MONEY, "Bijdrage in de kosten"),
                    ],
                ),
            ],
        ),
    ],
    "opvoeding": [
        (
            "Jonge ouders vinden steun dichtbij",
            "Aantal dorpskernen met een netwerk jonge moeders",
            "In alle drie de kernen",
            [
                (
                    "Netwerk jonge moeders in elke kern",
                    Effort.Status.RUNNING,
                    "ons-welzijn",
                    [
                        ("ons-welzijn", Contribution.HOURS, "Opbouwwerker, 4 uur per week"),
                        ("bibliotheek-landerd", Contribution.IN_KIND, "Ruimte en koffie"),
                    ],
                ),
                (
                    "Voorleesochtenden voor peuters en hun ouders",
                    Effort.Status.RUNNING,
                    "bibliotheek-landerd",
                    [("bibliotheek-landerd", Contribution.HOURS, "Voorleescoördinator")],
                ),
            ],
        ),
        (
            "Opvoedvragen worden vroeg besproken",
            "Aantal bezoekers van het opvoedspreekuur",
            "",
            [
                (
                    "Opvoedspreekuur in de bibliotheek",
                    Effort.Status.RUNNING,
                    "praktijk-jij-ik",
                    [
                        ("praktijk-jij-ik", Contribution.EXPERTISE, "Gesprekken met ouders"),
                        ("bibliotheek-landerd", Contribution.IN_KIND, "Spreekkamer"),
                    ],
                ),
            ],
        ),
    ],
    "mantelzorg": [
        (
            "Mantelzorgers worden eerder gezien",
            "Aantal mantelzorgers dat zich meldt bij het steunpunt",
            "Meer aanmeldingen dan in 2018",
            [
                (
                    "Mantelzorgers herkennen via de huisartsenpraktijk",
                    Effort.Status.RUNNING,
                    "huisarts-schaijk",
                    [
                        ("huisarts-schaijk", Contribution.NETWORK, "Verwijzing door de praktijk"),
                        ("ons-welzijn", Contribution.HOURS, "Mantelzorgconsulent"),
                    ],
                ),
            ],
        ),
        (
            "Mantelzorgers kunnen even op adem komen",
            "Aantal bezoekers van het mantelzorgcafé en de Dag van de Mantelzorg",
            "",
            [
                (
                    "Dag van de Mantelzorg samen organiseren",
                    Effort.Status.DONE,
                    "ons-welzijn",
                    [
                        ("ons-welzijn", Contribution.HOURS, "Organisatie"),
                        ("gemeente-landerd", Contribution.MONEY, "Bijdrage uit het budget"),
                    ],
                ),
                (
                    "Mantelzorgcafé in Schaijk",
                    Effort.Status.RUNNING,
                    "zorgcooperatie-schaijk",
                    [("zorgcooperatie-schaijk", Contribution.HOURS, "Gastvrouwen")],
                ),
            ],
        ),
    ],
    "eenzaamheid": [
        (
            "Inwoners ontmoeten elkaar in hun eigen kern",
            "Aantal deelnemers aan de zomerkalender",
            "In alle drie de kernen een zomerkalender",
            [
                (
                    "Zomerkalender in Zeeland, Schaijk en Reek",
                    Effort.Status.RUNNING,
                    "ons-welzijn",
                    [
                        ("ons-welzijn", Contribution.HOURS, "Coördinatie"),
                        ("zorgcooperatie-zeeland", Contribution.NETWORK, "Vrijwilligers"),
                        ("zorgcooperatie-schaijk", Contribution.NETWORK, "Vrijwilligers"),
                        ("bibliotheek-landerd", Contribution.IN_KIND, "Ruimte"),
                    ],
                ),
            ],
        ),
        (
            "Signalen van eenzaamheid komen bij de juiste persoon",
            "Aantal getrainde vrijwilligers",
            "",
            [
                (
                    "Training eenzaamheid herkennen voor vrijwilligers",
                    Effort.Status.DONE,
                    "ggd",
                    [
                        ("ggd", Contribution.EXPERTISE, "Trainer"),
                        ("brabantzorg", Contribution.NETWORK, "Deelnemers uit de thuiszorg"),
                    ],
                ),
                (
                    "Belcirkel voor ouderen die alleen wonen",
                    Effort.Status.RUNNING,
                    "zorgcooperatie-zeeland",
                    [
                        ("zorgcooperatie-zeeland", Contribution.NETWORK, "Vrijwillige bellers"),
                        ("zorgcooperatie-schaijk", Contribution.NETWORK, "Vrijwillige bellers"),
                        (
                            "ons-welzijn",
                            Contribution.EXPERTISE,
                            "Opvolging door de ouderenadviseur",
                        ),
                    ],
                ),
            ],
        ),
    ],
}


def seed_din(*, themes, organisations, users) -> dict[str, Effort]:
    """Goals, efforts, network entries and measurements per theme; returns the efforts by
    title."""
    efforts = {}
    phases = list(Phase.objects.order_by("order"))
    for theme_slug, goals in DIN.items():
        for goal_order, (title, indicator, target, goal_efforts) in enumerate(goals, 1):
            measurements = INDICATOR_VALUES.get(title, [])
            unit, baseline_figure, target_figure = INDICATOR_FIGURES.get(title, ("", None, None))
            goal, _ = upsert(
                Goal,
                lookup={"theme": themes[theme_slug], "title": title},
                values={
                    # The target in words stays in the description, as migration 0010 does.
                    "indicator": f"{indicator}\n{target}",
                    "unit": unit,
                    "baseline": baseline_figure,
                    "target": target_figure,
                    "order": goal_order,
                    # As indicator_value_add keeps it: the most recent measurement.
                    "current_value": measurements[-1][1] if measurements else None,
                },
            )
            for date, value, note, email in measurements:
                upsert(
                    IndicatorValue,
                    lookup={"goal": goal, "date": date},
                    values={
                        "value": value,
                        "note": note,
                        "entered_by": users[email],
                        "phase": phase_of_day(date, phases),
                    },
                )
            for order, (effort_title, status, lead, network) in enumerate(goal_efforts, 1):
                effort, _ = upsert(
                    Effort,
                    lookup={"goal": goal, "title": effort_title},
                    values={
                        "status": status,
                        "lead_organisation": organisations[lead],
                        "order": order,
                    },
                )
                efforts[effort_title] = effort
                for organisation, kind, contribution in network:
                    upsert(
                        NetworkEntry,
                        lookup={
                            "effort": effort,
                            "organisation": organisations[organisation],
                            "contribution_kind": kind,
                        },
                        values={"contribution": contribution},
                    )
    return efforts
