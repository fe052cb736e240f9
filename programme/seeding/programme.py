"""The real programme, from its seed documents: the programme and its goal statement, the
villages, the four themes with their working groups, the five phases and the budgets.

The facts come from the programme's own documents in ``seeds/`` beside the design page:
000 is the advice that closed the initiation phase (June 2017), 001 the council proposal
on the learning history of phase 1 (November 2019), 002 the page on the programmatic
approach, 004 the template with the five participation levels. Ambitions and
descriptions are written here in our own words. The signatories are in
:mod:`.organisations`.
"""

import datetime
from decimal import Decimal

from django.db import transaction

from programme.models import Budget, Phase, Programme
from themes.models import Theme, Village, WorkingGroup

from .kijkglas import seed_kijkglas_statements
from .organisations import seed_signatories
from .rows import upsert

PROGRAMME_NAME = "Samen Landerd, Samen Beter"
MUNICIPALITY = "Gemeente Landerd"
# Seed 002, "Programmatische aanpak", verbatim.
GOAL_STATEMENT = (
    "Landerd als een vitale gemeenschap waar de bewoners een betere (positieve) gezondheid ervaren."
)

# The dorpskernen of Landerd (seed 001 is signed "Zeeland, 5 november 2019"; seed 000
# asks for attention per dorpskern).
VILLAGES = [("zeeland", "Zeeland"), ("schaijk", "Schaijk"), ("reek", "Reek")]

# The four themes in the order of seed 001. The ambitions are our summaries.
THEMES = [
    (
        "preventie-drugs-alcohol",
        "Preventie drugs & alcohol",
        "Jongeren in Landerd groeien op in een omgeving waarin niet drinken en niet "
        "gebruiken gewoon is, en ouders, scholen en verenigingen praten daar samen over.",
    ),
    (
        "opvoeding",
        "Opvoeding",
        "Ouders in Landerd voelen zich gesteund bij het opvoeden en weten elkaar en de "
        "professionals in hun eigen dorp te vinden.",
    ),
    (
        "mantelzorg",
        "Mantelzorg",
        "Mantelzorgers worden gezien, weten waar ze terechtkunnen en houden het zorgen "
        "voor een ander vol.",
    ),
    (
        "eenzaamheid",
        "Eenzaamheid",
        "Iedere inwoner van Landerd heeft iemand om op terug te vallen en kan meedoen in "
        "de eigen dorpskern.",
    ),
]

PhaseKind = Phase.Kind

# (slug, name, kind, start, end, motto, description)
PHASES = [
    (
        "initiatie",
        "Initiatiefase",
        PhaseKind.INITIATIE,
        # Seed 000: an internal initiation from January to May 2017 and an external one
        # from May to July, closed by the advice of 27 June 2017. Start and end are the
        # months it names; the exact days are ours.
        datetime.date(2017, 1, 1),
        datetime.date(2017, 7, 31),
        "",
        "Verkenning met een dwarsdoorsnede van partners: is er draagvlak voor een "
        "integrale preventieagenda vanuit positieve gezondheid, en wat vraagt "
        "samenwerken in Landerd?",
    ),
    (
        "definitie",
        "Definitiefase",
        PhaseKind.DEFINITIE,
        # Seed 000 planned this phase for Q3–Q4 2017; seed 001 says it took two years to
        # reach a signed programme plan and that execution began in 2019. The end date
        # is therefore an approximation: the day before the first execution year.
        datetime.date(2017, 8, 1),
        datetime.date(2018, 12, 31),
        "",
        "Samen met de partners de DIN, het programmaplan en het eerste faseplan opbouwen, "
        "tot het programmaplan door 11 organisaties is ondertekend.",
    ),
    (
        "fase-1-2019",
        "Uitvoering fase 1 (2019)",
        PhaseKind.UITVOERING,
        datetime.date(2019, 1, 1),
        datetime.date(2019, 12, 31),
        # Seed 001: "Het thema van deze fase was 'inspireren en verbinden'."
        "Inspireren en verbinden",
        "Het eerste uitvoeringsjaar: de werkgroepen voeren activiteiten uit op de vier "
        "thema's en het partnerschap groeit door elkaar te ontmoeten en samen te doen.",
    ),
    (
        "fase-2-2020",
        "Uitvoering fase 2 (2020)",
        PhaseKind.UITVOERING,
        # The execution phases follow the budget years of seed 001.
        datetime.date(2020, 1, 1),
        datetime.date(2020, 12, 31),
        "",
        "Met de vragen uit de leergeschiedenis werken de partners toe naar een "
        "samenwerking die de eigen organisaties kunnen dragen; het programmamanagement "
        "halveert.",
    ),
    (
        "fase-3-2021",
        "Uitvoering fase 3 (2021)",
        PhaseKind.UITVOERING,
        datetime.date(2021, 1, 1),
        datetime.date(2021, 12, 31),
        "",
        "Zonder programmamanager: de partners zetten de preventieagenda voort vanuit hun "
        "eigen organisaties.",
    ),
]

# Seed 001, "Financiën": amounts in euro and programme-management capacity in FTE.
BUDGETS = [
    (2019, Decimal("58400.00"), Decimal("1.00"), "Eerste uitvoeringsjaar."),
    (2020, Decimal("48400.00"), Decimal("0.50"), "Conform begroting 2020."),
    (2021, Decimal("19200.00"), Decimal("0.00"), "Conform begroting 2020."),
]


@transaction.atomic
def seed_programme() -> Programme:
    """Load programme, signatories, villages, themes, working groups, phases and budgets."""
    programme, _ = upsert(
        Programme,
        lookup={"name": PROGRAMME_NAME},
        values={"goal_statement": GOAL_STATEMENT, "municipality": MUNICIPALITY},
    )

    seed_signatories()

    for slug, name in VILLAGES:
        upsert(Village, lookup={"slug": slug}, values={"name": name})

    for order, (slug, name, ambition) in enumerate(THEMES, start=1):
        theme, _ = upsert(
            Theme,
            lookup={"slug": slug},
            values={"name": name, "order": order, "ambition": ambition},
        )
        # Only the name: the kartrekker and members are the programme's to change.
        upsert(WorkingGroup, lookup={"theme": theme}, values={"name": f"Werkgroep {name}"})

    for order, (slug, name, kind, start, end, motto, description) in enumerate(PHASES, 1):
        upsert(
            Phase,
            lookup={"slug": slug},
            values={
                "programme": programme,
                "name": name,
                "kind": kind,
                "order": order,
                "start_date": start,
                "end_date": end,
                "motto": motto,
                "description": description,
            },
        )

    for year, amount, fte, note in BUDGETS:
        upsert(
            Budget,
            lookup={"programme": programme, "year": year},
            values={"amount": amount, "programme_management_fte": fte, "note": note},
        )
    # The kijkglas statements the partners prioritised (seed 000, bijlage 4).
    seed_kijkglas_statements()
    return programme
