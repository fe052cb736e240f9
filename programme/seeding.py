"""Load the programme "Samen Landerd, Samen Beter" into the database.

The facts (signatories, themes, villages, phases, budgets, goal statement) come from the
programme's own documents in ``seeds/`` beside the design page: 000 is the advice that
closed the initiation phase (June 2017), 001 the council proposal on the learning
history of phase 1 (November 2019), 002 the page on the programmatic approach, 004 the
template with the five participation levels. Ambitions, contributions and every piece
of demo content are written here in our own words.

Three entry points, called by the ``seed_landerd`` management command:

- :func:`seed_programme` loads the real programme. Idempotent.
- :func:`seed_demo` adds one account per role and plausible sample content. Idempotent;
  expects :func:`seed_programme` to have run.
- :func:`add_synthetic_activities` adds N generated activities in bulk. Additive.

Idempotent here means a second run writes nothing at all: rows are looked up on their
natural key and only saved when a value differs (see :func:`_upsert`), so neither the
``auto_now`` stamps nor the django-simple-history tables move on a re-run.
"""

import datetime
import random
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import check_password, make_password
from django.db import models, transaction

from landerd_portal.fragments import content_changed
from learning_history.models import Question, Reflection
from partners.models import Organisation, ParticipationLevel, User
from programme.models import (
    ActionItem,
    AgendaItem,
    Budget,
    Decision,
    Effort,
    Goal,
    NetworkEntry,
    PartnerMeeting,
    Phase,
    Programme,
)
from themes.models import Activity, HealthDimension, TargetGroup, Theme, Village, WorkingGroup

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# --- The real programme (seeds 001 and 002) ------------------------------------------

PROGRAMME_NAME = "Samen Landerd, Samen Beter"
MUNICIPALITY = "Gemeente Landerd"
# Seed 002, "Programmatische aanpak", verbatim.
GOAL_STATEMENT = (
    "Landerd als een vitale gemeenschap waar de bewoners een betere (positieve) gezondheid ervaren."
)

# Seed 001 says the 11 organisations signed the programme plan after two years of
# preparation and that 2019 was the first year of execution, but gives no date for the
# signing. 1 December 2018 stands in for "before the start of 2019".
PROGRAMME_PLAN_SIGNED_ON = datetime.date(2018, 12, 1)

Kind = Organisation.Kind

# The signatories in the order and spelling of seed 001. Seed 000 also lists
# "Zorg coöperatie Reek" among the partners consulted in 2017, but it is not one of the
# 11 that signed, so it is not loaded. The contribution texts are ours.
SIGNATORIES = [
    (
        "ggd",
        "GGD",
        Kind.GEZONDHEID,
        "Brengt kennis en cijfers over de gezondheid van inwoners in en denkt mee over "
        "voorlichting, vooral bij de preventie van alcohol- en drugsgebruik.",
    ),
    (
        "ons-welzijn",
        "ONS Welzijn",
        Kind.WELZIJN,
        "Verbindt inwoners, vrijwilligers en organisaties in de drie dorpskernen en "
        "ondersteunt initiatieven tegen eenzaamheid en voor mantelzorgers.",
    ),
    (
        "brabantzorg",
        "BrabantZorg",
        Kind.ZORG,
        "Kijkt vanuit de zorg voor ouderen mee en helpt eenzaamheid en overbelaste "
        "mantelzorgers eerder te zien.",
    ),
    (
        "gemeente-landerd",
        "Gemeente Landerd",
        Kind.GEMEENTE,
        "Initiatiefnemer van de preventieagenda: stelt het programmabudget en de "
        "programmamanagement beschikbaar en verbindt het programma met het beleid in het "
        "sociaal domein.",
    ),
    (
        "pantein",
        "Pantein",
        Kind.ZORG,
        "Denkt vanuit zorg en ondersteuning thuis mee over mantelzorg en over het op tijd "
        "signaleren van zorgen bij inwoners.",
    ),
    (
        "optimus",
        "Optimus",
        # Seed 000 describes Optimus as "primair onderwijs".
        Kind.ONDERWIJS,
        "Bereikt via de basisscholen kinderen en hun ouders en is partner bij opvoeding "
        "en bij gesprekken over groepsdruk en alcohol.",
    ),
    (
        "praktijk-jij-ik",
        "Praktijk Jij & Ik",
        # The seeds do not say what kind of practice this is; first-line care is our
        # best reading of "praktijk". Beheer can correct it in the admin.
        Kind.EERSTELIJN,
        "Brengt vanuit de eigen praktijk kennis en ervaring met ouders en kinderen in en "
        "denkt mee in de werkgroepen.",
    ),
    (
        "zorgcooperatie-zeeland",
        "Zorgcoöperatie Zeeland",
        Kind.BURGERINITIATIEF,
        "Coöperatie van en voor inwoners van Zeeland: vrijwilligers die ouderen en "
        "mantelzorgers helpen en ontmoeting in het dorp organiseren.",
    ),
    (
        "zorgcooperatie-schaijk",
        "Zorgcoöperatie Schaijk",
        Kind.BURGERINITIATIEF,
        "Coöperatie van en voor inwoners van Schaijk: brengt vrijwilligers en de vragen "
        "van oudere inwoners en mantelzorgers aan tafel.",
    ),
    (
        "huisarts-schaijk",
        "Huisarts Schaijk",
        Kind.EERSTELIJN,
        "Ziet in de spreekkamer wat inwoners bezighoudt en helpt mantelzorgers en eenzame "
        "inwoners op tijd bij de juiste ondersteuning te komen.",
    ),
    (
        "bibliotheek-landerd",
        "Bibliotheek Landerd",
        Kind.CULTUUR,
        "Biedt een laagdrempelige plek om elkaar te ontmoeten, met activiteiten rond "
        "taal, voorlezen en digitale vaardigheden.",
    ),
]

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


# --- Helpers -----------------------------------------------------------------------------


def _assign(obj: models.Model, values: dict) -> list[str]:
    """Set ``values`` on ``obj``; return the names of the fields that really changed.

    Foreign keys are compared on their id so that no related row is fetched.
    """
    changed = []
    for name, value in values.items():
        field = obj._meta.get_field(name)
        if field.many_to_one or field.one_to_one:
            current = getattr(obj, field.attname)
            new = value.pk if isinstance(value, models.Model) else value
        else:
            current = getattr(obj, name)
            new = value
        if current != new:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def _upsert(model: type[models.Model], *, lookup: dict, values: dict | None = None):
    """Create the row found by ``lookup``, or bring it up to date with ``values``.

    Unlike ``update_or_create`` this leaves an unchanged row alone, so a re-run does not
    bump ``updated_at`` or add a django-simple-history record. Returns ``(obj, created)``.
    """
    values = values or {}
    obj = model._default_manager.filter(**lookup).order_by("pk").first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        return obj, True
    changed = _assign(obj, values)
    if changed:
        obj.full_clean()
        auto_now = [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
        obj.save(update_fields=changed + auto_now)
    return obj, False


class _DemoPassword:
    """The one password of all demo accounts, hashed at most once per run.

    Hashing is slow on purpose (about half a second), and the six accounts share the
    password anyway, so they share its hash too; a stored hash is checked only once.
    """

    def __init__(self, raw: str):
        self.raw = raw
        self._matches = {}
        self._encoded = None

    def matches(self, encoded: str) -> bool:
        if encoded not in self._matches:
            self._matches[encoded] = bool(encoded) and check_password(self.raw, encoded)
        return self._matches[encoded]

    @property
    def encoded(self) -> str:
        if self._encoded is None:
            self._encoded = make_password(self.raw)
        return self._encoded


def _ensure_account(*, email: str, password: _DemoPassword, **values) -> User:
    """Create or update a demo account and make sure ``password`` signs it in."""
    user = User.objects.filter(email__iexact=email).first() or User(email=email)
    changed = _assign(user, values)
    # A fresh hash has a fresh salt: only re-hash when the password differs, so a re-run
    # with the same password leaves the account untouched.
    if not password.matches(user.password):
        user.password = password.encoded
        changed.append("password")
    if user.pk is None:
        user.save()
    elif changed:
        user.save(update_fields=changed)
    return user


# --- The real programme ------------------------------------------------------------------


@transaction.atomic
def seed_programme() -> Programme:
    """Load programme, signatories, villages, themes, working groups, phases and budgets."""
    programme, _ = _upsert(
        Programme,
        lookup={"name": PROGRAMME_NAME},
        values={"goal_statement": GOAL_STATEMENT, "municipality": MUNICIPALITY},
    )

    for slug, name, kind, contribution in SIGNATORIES:
        _upsert(
            Organisation,
            lookup={"slug": slug},
            values={
                "name": name,
                "kind": kind,
                "signed_programme_plan_on": PROGRAMME_PLAN_SIGNED_ON,
                # Seed 001: the partners chose to work as equals, which is the
                # co-creatie level of seed 004.
                "participation_level": ParticipationLevel.CO_CREATIE,
                "contribution": contribution,
            },
        )

    for slug, name in VILLAGES:
        _upsert(Village, lookup={"slug": slug}, values={"name": name})

    for order, (slug, name, ambition) in enumerate(THEMES, start=1):
        theme, _ = _upsert(
            Theme,
            lookup={"slug": slug},
            values={"name": name, "order": order, "ambition": ambition},
        )
        # Only the name: the kartrekker and members are the programme's to change.
        _upsert(WorkingGroup, lookup={"theme": theme}, values={"name": f"Werkgroep {name}"})

    for order, (slug, name, kind, start, end, motto, description) in enumerate(PHASES, 1):
        _upsert(
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
        _upsert(
            Budget,
            lookup={"programme": programme, "year": year},
            values={"amount": amount, "programme_management_fte": fte, "note": note},
        )
    return programme


# --- Demo accounts and sample content ----------------------------------------------------

Role = User.Role

# (email, first name, last name, role, organisation slug, job title)
DEMO_ACCOUNTS = [
    ("partner@demo.example", "Sanne", "van der Linden", Role.PARTNER, "ons-welzijn",
     "Opbouwwerker"),
    ("partner2@demo.example", "Joris", "Verhoeven", Role.PARTNER, "ggd",
     "Adviseur gezondheidsbevordering"),
    ("kartrekker@demo.example", "Ilse", "Hendriks", Role.KARTREKKER, "ons-welzijn",
     "Ouderenadviseur"),
    ("programmateam@demo.example", "Thomas", "de Groot", Role.PROGRAMMATEAM,
     "gemeente-landerd", "Programmamanager"),
    ("griffie@demo.example", "Eva", "Kuijpers", Role.GRIFFIE, None, "Griffier"),
    ("beheer@demo.example", "Bram", "Verbeek", Role.BEHEER, None, "Functioneel beheerder"),
]  # fmt: skip
KARTREKKER_THEME = "eenzaamheid"

# Which organisations take part in which working group (demo: the seeds do not say).
WORKING_GROUP_ORGANISATIONS = {
    "preventie-drugs-alcohol": ["ggd", "optimus", "ons-welzijn", "gemeente-landerd"],
    "opvoeding": ["optimus", "praktijk-jij-ik", "bibliotheek-landerd", "ons-welzijn"],
    "mantelzorg": [
        "ons-welzijn",
        "pantein",
        "brabantzorg",
        "huisarts-schaijk",
        "zorgcooperatie-zeeland",
        "zorgcooperatie-schaijk",
    ],
    "eenzaamheid": [
        "ons-welzijn",
        "zorgcooperatie-zeeland",
        "zorgcooperatie-schaijk",
        "bibliotheek-landerd",
        "brabantzorg",
    ],
}
WORKING_GROUP_MEMBERS = {
    "opvoeding": ["partner@demo.example"],
    "preventie-drugs-alcohol": ["partner2@demo.example"],
    "eenzaamheid": ["kartrekker@demo.example", "partner@demo.example"],
}

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
            ],
        ),
        (
            "Verenigingen schenken verantwoord",
            "Aantal verenigingen met afspraken over alcohol in de kantine",
            "Alle sportverenigingen in Landerd",
            [
                (
                    "Gesprekken met sportverenigingen over de kantine",
                    Effort.Status.PLANNED,
                    "gemeente-landerd",
                    [
                        ("gemeente-landerd", Contribution.HOURS, "Beleidsmedewerker"),
                        ("ggd", Contribution.EXPERTISE, "Kennis van de Drank- en Horecawet"),
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
                    Effort.Status.PLANNED,
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
            "",
            "",
            [
                (
                    "Dag van de Mantelzorg samen organiseren",
                    Effort.Status.DONE,
                    "ons-welzijn",
                    [
                        ("ons-welzijn", Contribution.HOURS, "Organisatie"),
                        ("gemeente-landerd", Contribution.MONEY, "Bijdrage uit het budget"),
                        ("pantein", Contribution.IN_KIND, "Vrijwilligers op de dag zelf"),
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
                    Effort.Status.DONE,
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
            ],
        ),
    ],
}

PUBLISHED = Activity.Status.PUBLISHED
DRAFT = Activity.Status.DRAFT
ALL_VILLAGES = ["zeeland", "schaijk", "reek"]

# Sample activities for 2019, the first execution year. Seed 001 names the zomerkalender
# and the netwerk jonge moeders as practices that spread from one village to the others.
# Keys: title (natural key), theme, date, end (or None), villages, target groups, health
# dimensions, owner, other organisations, reach, volunteers, description, quote,
# quote attribution, effort title (or None), status.
SAMPLE_ACTIVITIES = [
    dict(
        title="Zomerkalender Zeeland",
        theme="eenzaamheid",
        date=datetime.date(2019, 7, 1),
        end=datetime.date(2019, 8, 31),
        villages=["zeeland"],
        groups=["ouderen", "volwassenen"],
        dimensions=["meedoen", "zingeving"],
        owner="ons-welzijn",
        organisations=["zorgcooperatie-zeeland", "bibliotheek-landerd"],
        reach=320,
        volunteers=18,
        description="Elke week iets te doen in de zomer, als de clubs en verenigingen stil "
        "liggen: wandelen, samen koken, een fietstocht en een filmmiddag.",
        quote="Ik kwam voor de koffie en ging naar huis met een wandelmaatje.",
        attribution="Deelnemer zomerkalender",
        effort="Zomerkalender in Zeeland, Schaijk en Reek",
        status=PUBLISHED,
    ),
    dict(
        title="Zomerkalender Schaijk",
        theme="eenzaamheid",
        date=datetime.date(2019, 7, 8),
        end=datetime.date(2019, 8, 30),
        villages=["schaijk"],
        groups=["ouderen"],
        dimensions=["meedoen"],
        owner="zorgcooperatie-schaijk",
        organisations=["ons-welzijn"],
        reach=180,
        volunteers=11,
        description="De aanpak uit Zeeland overgenomen door vrijwilligers in Schaijk.",
        quote="We hoefden het wiel niet uit te vinden, alleen de fietsen op te pompen.",
        attribution="Vrijwilliger Zorgcoöperatie Schaijk",
        effort="Zomerkalender in Zeeland, Schaijk en Reek",
        status=PUBLISHED,
    ),
    dict(
        title="Zomerkalender Reek",
        theme="eenzaamheid",
        date=datetime.date(2019, 7, 15),
        end=datetime.date(2019, 8, 30),
        villages=["reek"],
        groups=["ouderen", "volwassenen"],
        dimensions=["meedoen", "kwaliteit-van-leven"],
        owner="ons-welzijn",
        organisations=["brabantzorg"],
        reach=75,
        volunteers=6,
        description="Een kleinere zomerkalender in Reek, met een picknick als afsluiting.",
        quote="",
        attribution="",
        effort="Zomerkalender in Zeeland, Schaijk en Reek",
        status=PUBLISHED,
    ),
    dict(
        title="Start netwerk jonge moeders Schaijk",
        theme="opvoeding",
        date=datetime.date(2019, 3, 14),
        end=None,
        villages=["schaijk"],
        groups=["ouders"],
        dimensions=["mentaal-welbevinden", "meedoen"],
        owner="ons-welzijn",
        organisations=["bibliotheek-landerd"],
        reach=14,
        volunteers=2,
        description="Eerste ochtend waarop jonge moeders elkaar ontmoeten; zij bepalen "
        "zelf de onderwerpen van de volgende keren.",
        quote="Eindelijk iemand die ook om vijf uur 's nachts wakker is.",
        attribution="Moeder in Schaijk",
        effort="Netwerk jonge moeders in elke kern",
        status=PUBLISHED,
    ),
    dict(
        title="Netwerk jonge moeders Zeeland",
        theme="opvoeding",
        date=datetime.date(2019, 9, 12),
        end=None,
        villages=["zeeland"],
        groups=["ouders"],
        dimensions=["mentaal-welbevinden"],
        owner="ons-welzijn",
        organisations=["praktijk-jij-ik"],
        reach=11,
        volunteers=1,
        description="Na Schaijk nu ook in Zeeland, met een gastspreker over slapen.",
        quote="",
        attribution="",
        effort="Netwerk jonge moeders in elke kern",
        status=PUBLISHED,
    ),
    dict(
        title="Verkennend gesprek netwerk jonge moeders Reek",
        theme="opvoeding",
        date=datetime.date(2019, 11, 5),
        end=None,
        villages=["reek"],
        groups=["ouders"],
        dimensions=["meedoen"],
        owner="ons-welzijn",
        organisations=[],
        reach=4,
        volunteers=None,
        description="Met een paar moeders uit Reek besproken of er behoefte is aan een "
        "eigen netwerk of aansluiting bij Zeeland.",
        quote="",
        attribution="",
        effort="Netwerk jonge moeders in elke kern",
        status=DRAFT,
    ),
    dict(
        title="Voorleesochtend voor peuters en hun ouders",
        theme="opvoeding",
        date=datetime.date(2019, 10, 9),
        end=None,
        villages=["schaijk"],
        groups=["ouders", "jeugd"],
        dimensions=["meedoen", "dagelijks-functioneren"],
        owner="bibliotheek-landerd",
        organisations=["praktijk-jij-ik"],
        reach=27,
        volunteers=3,
        description="Voorlezen tijdens de Nationale Voorleesdagen, met koffie voor de "
        "ouders en tijd voor vragen.",
        quote="",
        attribution="",
        effort="Voorleesochtenden voor peuters en hun ouders",
        status=PUBLISHED,
    ),
    dict(
        title="Opvoedspreekuur in de bibliotheek",
        theme="opvoeding",
        date=datetime.date(2019, 11, 1),
        end=datetime.date(2019, 12, 20),
        villages=["zeeland"],
        groups=["ouders"],
        dimensions=["mentaal-welbevinden"],
        owner="praktijk-jij-ik",
        organisations=["bibliotheek-landerd"],
        reach=None,
        volunteers=None,
        description="Proef met een wekelijks inloopspreekuur voor vragen over opvoeden.",
        quote="",
        attribution="",
        effort="Opvoedspreekuur in de bibliotheek",
        status=DRAFT,
    ),
    dict(
        title="Ouderavond 'Alcohol en je puber'",
        theme="preventie-drugs-alcohol",
        date=datetime.date(2019, 2, 20),
        end=None,
        villages=ALL_VILLAGES,
        groups=["ouders"],
        dimensions=["dagelijks-functioneren", "mentaal-welbevinden"],
        owner="ggd",
        organisations=["optimus"],
        reach=64,
        volunteers=None,
        description="Avond voor ouders van kinderen in groep 8 over de overstap naar de "
        "middelbare school, uitgaan en alcohol.",
        quote="Ik dacht dat het nog lang niet speelde. Het speelt al.",
        attribution="Ouder, groep 8",
        effort="Ouderavonden over alcohol en groepsdruk",
        status=PUBLISHED,
    ),
    dict(
        title="Alcoholvrije tienerdisco tijdens de kermis",
        theme="preventie-drugs-alcohol",
        date=datetime.date(2019, 6, 22),
        end=None,
        villages=["zeeland"],
        groups=["jeugd"],
        dimensions=["lichaamsfuncties", "meedoen"],
        owner="ons-welzijn",
        organisations=["gemeente-landerd"],
        reach=140,
        volunteers=9,
        description="Een feest voor twaalf- tot vijftienjarigen zonder alcohol, "
        "georganiseerd met jongeren uit het dorp.",
        quote="",
        attribution="",
        effort=None,
        status=PUBLISHED,
    ),
    dict(
        title="Gesprek met sportverenigingen over de kantine",
        theme="preventie-drugs-alcohol",
        date=datetime.date(2019, 5, 16),
        end=None,
        villages=ALL_VILLAGES,
        groups=["volwassenen", "jeugd"],
        dimensions=["dagelijks-functioneren"],
        owner="gemeente-landerd",
        organisations=["ggd"],
        reach=12,
        volunteers=None,
        description="Bestuurders van vijf verenigingen praten over afspraken rond "
        "alcohol schenken aan jongeren.",
        quote="",
        attribution="",
        effort="Gesprekken met sportverenigingen over de kantine",
        status=PUBLISHED,
    ),
    dict(
        title="Informatieavond over middelengebruik in Reek",
        theme="preventie-drugs-alcohol",
        date=datetime.date(2019, 10, 24),
        end=None,
        villages=["reek"],
        groups=["ouders"],
        dimensions=["mentaal-welbevinden"],
        owner="ggd",
        organisations=["ons-welzijn"],
        reach=None,
        volunteers=None,
        description="In voorbereiding: een avond voor ouders na signalen van de jongerenwerker.",
        quote="",
        attribution="",
        effort="Ouderavonden over alcohol en groepsdruk",
        status=DRAFT,
    ),
    dict(
        title="Mantelzorgcafé Schaijk",
        theme="mantelzorg",
        date=datetime.date(2019, 3, 26),
        end=None,
        villages=["schaijk"],
        groups=["mantelzorgers"],
        dimensions=["mentaal-welbevinden", "zingeving"],
        owner="zorgcooperatie-schaijk",
        organisations=["ons-welzijn", "huisarts-schaijk"],
        reach=22,
        volunteers=4,
        description="Maandelijkse ontmoeting voor mantelzorgers; deze keer met de "
        "praktijkondersteuner van de huisarts.",
        quote="Hier hoef ik niet uit te leggen waarom ik moe ben.",
        attribution="Mantelzorger in Schaijk",
        effort="Mantelzorgcafé in Schaijk",
        status=PUBLISHED,
    ),
    dict(
        title="Dag van de Mantelzorg",
        theme="mantelzorg",
        date=datetime.date(2019, 11, 8),
        end=None,
        villages=ALL_VILLAGES,
        groups=["mantelzorgers"],
        dimensions=["zingeving", "kwaliteit-van-leven"],
        owner="ons-welzijn",
        organisations=[
            "gemeente-landerd",
            "brabantzorg",
            "pantein",
            "zorgcooperatie-zeeland",
            "zorgcooperatie-schaijk",
        ],
        reach=210,
        volunteers=25,
        description="Een middag voor en over mantelzorgers uit heel Landerd, voor het "
        "eerst door alle partners samen georganiseerd.",
        quote="Het voelde als een bedankje van het hele dorp.",
        attribution="Mantelzorger in Zeeland",
        effort="Dag van de Mantelzorg samen organiseren",
        status=PUBLISHED,
    ),
    dict(
        title="Mantelzorgspreekuur in de huisartsenpraktijk",
        theme="mantelzorg",
        date=datetime.date(2019, 9, 2),
        end=datetime.date(2019, 12, 20),
        villages=["schaijk"],
        groups=["mantelzorgers", "ouderen"],
        dimensions=["dagelijks-functioneren"],
        owner="huisarts-schaijk",
        organisations=["ons-welzijn"],
        reach=31,
        volunteers=None,
        description="Elke twee weken zit de mantelzorgconsulent een ochtend in de praktijk.",
        quote="",
        attribution="",
        effort="Mantelzorgers herkennen via de huisartsenpraktijk",
        status=PUBLISHED,
    ),
    dict(
        title="Workshop 'Zorgen voor een ander, zorgen voor jezelf'",
        theme="mantelzorg",
        date=datetime.date(2019, 10, 3),
        end=None,
        villages=["zeeland"],
        groups=["mantelzorgers"],
        dimensions=["mentaal-welbevinden"],
        owner="pantein",
        organisations=[],
        reach=None,
        volunteers=None,
        description="Workshop over grenzen aangeven en hulp vragen.",
        quote="",
        attribution="",
        effort=None,
        status=DRAFT,
    ),
    dict(
        title="Samen eten in Reek",
        theme="eenzaamheid",
        date=datetime.date(2019, 4, 18),
        end=None,
        villages=["reek"],
        groups=["ouderen"],
        dimensions=["meedoen", "kwaliteit-van-leven"],
        owner="ons-welzijn",
        organisations=["brabantzorg"],
        reach=28,
        volunteers=5,
        description="Een driegangenmaaltijd in het gemeenschapshuis, gekookt door vrijwilligers.",
        quote="",
        attribution="",
        effort=None,
        status=PUBLISHED,
    ),
    dict(
        title="Training eenzaamheid herkennen voor vrijwilligers",
        theme="eenzaamheid",
        date=datetime.date(2019, 5, 21),
        end=None,
        villages=ALL_VILLAGES,
        groups=["volwassenen"],
        dimensions=["zingeving", "mentaal-welbevinden"],
        owner="ggd",
        organisations=["ons-welzijn", "zorgcooperatie-zeeland", "zorgcooperatie-schaijk"],
        reach=23,
        volunteers=23,
        description="Vrijwilligers oefenen hoe ze eenzaamheid opmerken en bespreekbaar maken.",
        quote="Ik vraag nu door, in plaats van 'goed hoor' te accepteren.",
        attribution="Vrijwilliger Zorgcoöperatie Zeeland",
        effort="Training eenzaamheid herkennen voor vrijwilligers",
        status=PUBLISHED,
    ),
    dict(
        title="Digicafé in de bibliotheek",
        theme="eenzaamheid",
        date=datetime.date(2019, 9, 3),
        end=datetime.date(2019, 12, 17),
        villages=["zeeland"],
        groups=["ouderen"],
        dimensions=["dagelijks-functioneren", "meedoen"],
        owner="bibliotheek-landerd",
        organisations=["ons-welzijn"],
        reach=46,
        volunteers=4,
        description="Wekelijkse inloop voor hulp bij tablet en telefoon, met koffie.",
        quote="",
        attribution="",
        effort=None,
        status=PUBLISHED,
    ),
    dict(
        title="Wandelgroep 'Samen op stap' Zeeland",
        theme="eenzaamheid",
        date=datetime.date(2019, 3, 4),
        end=datetime.date(2019, 12, 30),
        villages=["zeeland"],
        groups=["ouderen", "volwassenen"],
        dimensions=["lichaamsfuncties", "meedoen"],
        owner="zorgcooperatie-zeeland",
        organisations=[],
        reach=19,
        volunteers=3,
        description="Elke maandagochtend een wandeling van een uur, daarna koffie.",
        quote="",
        attribution="",
        effort=None,
        status=PUBLISHED,
    ),
]

# Who logged a sample activity: the demo partner of the owning organisation where there
# is one, the programme team otherwise.
LOGGED_BY = {"ons-welzijn": "partner@demo.example", "ggd": "partner2@demo.example"}

FIRST_PHASE = "fase-1-2019"
QUOTES_APPROVED_AT = datetime.datetime(2019, 10, 1, 12, 0, tzinfo=AMSTERDAM)
Visibility = Reflection.Visibility
ReflectionKind = Reflection.Kind

# (author email, theme slug or None, kind, text, quote, visibility)
SAMPLE_REFLECTIONS = [
    (
        "kartrekker@demo.example",
        "eenzaamheid",
        ReflectionKind.WHAT_HAPPENED,
        "De zomerkalender begon in Zeeland en werd dezelfde zomer door vrijwilligers in "
        "Schaijk en Reek overgenomen. Niemand hoefde dat te regelen: de werkgroep deelde "
        "gewoon wat werkte.",
        "Het ging als een olievlek.",
        Visibility.PUBLISHED,
    ),
    (
        "partner@demo.example",
        "opvoeding",
        ReflectionKind.WHAT_WORKED,
        "Het netwerk jonge moeders loopt omdat de moeders zelf bepalen waar het over "
        "gaat. Professionals schuiven aan als gast, niet als organisator.",
        "",
        Visibility.PUBLISHED,
    ),
    (
        "partner2@demo.example",
        None,
        ReflectionKind.WHAT_DID_NOT,
        "De werkgroepen draaien op enthousiaste mensen, niet op afspraken tussen "
        "organisaties. Valt iemand weg, dan ligt de activiteit stil.",
        "",
        Visibility.SHARED,
    ),
    (
        "programmateam@demo.example",
        "mantelzorg",
        ReflectionKind.SURPRISE,
        "Dat de huisartsenpraktijk zo snel aansloot bij de werkgroep mantelzorg hadden we "
        "niet verwacht. Via de praktijk bereikten we mantelzorgers die nergens anders in "
        "beeld waren.",
        "",
        Visibility.SHARED,
    ),
    (
        "partner2@demo.example",
        "preventie-drugs-alcohol",
        ReflectionKind.WHAT_WORKED,
        "Ouders komen eerder naar een avond op de school van hun kind dan naar een "
        "voorlichting in het gemeentehuis.",
        "",
        Visibility.DRAFT,
    ),
]

# (text, theme slug or None, raised by)
SAMPLE_QUESTIONS = [
    (
        "Hoe zetten de partners de activiteiten voort in hun eigen organisatie als er in "
        "2021 geen programmamanager meer is?",
        None,
        "programmateam@demo.example",
    ),
    (
        "Wie neemt het kartrekkerschap over als een werkgroep haar trekker verliest?",
        None,
        "kartrekker@demo.example",
    ),
    (
        "Hoe bereiken we inwoners van Reek die nog niet aan activiteiten meedoen?",
        "eenzaamheid",
        "kartrekker@demo.example",
    ),
    (
        "Welke preventieve activiteiten horen bij de wettelijke taken van de partners, en "
        "welke bij het programma?",
        "preventie-drugs-alcohol",
        "partner2@demo.example",
    ),
]
# The question the sample partner meeting takes up (see SAMPLE_MEETING).
QUESTION_FOR_MEETING = SAMPLE_QUESTIONS[0][0]

MEETING_TITLE = "Partneroverleg oktober 2019"
AgendaKind = AgendaItem.Kind


def _amsterdam(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=AMSTERDAM)


@transaction.atomic
def seed_demo(*, password: str) -> None:
    """Create the demo accounts (all with ``password``) and sample content."""
    organisations = Organisation.objects.in_bulk(field_name="slug")
    themes = Theme.objects.in_bulk(field_name="slug")
    villages = Village.objects.in_bulk(field_name="slug")
    groups = TargetGroup.objects.in_bulk(field_name="code")
    dimensions = HealthDimension.objects.in_bulk(field_name="code")
    first_phase = Phase.objects.get(slug=FIRST_PHASE)

    demo_password = _DemoPassword(password)
    users = {}
    for email, first_name, last_name, role, organisation, job_title in DEMO_ACCOUNTS:
        is_beheer = role == Role.BEHEER
        users[email] = _ensure_account(
            email=email,
            password=demo_password,
            first_name=first_name,
            last_name=last_name,
            role=role,
            organisation=organisations[organisation] if organisation else None,
            job_title=job_title,
            is_active=True,
            is_staff=is_beheer,
            is_superuser=is_beheer,
        )

    for slug, organisation_slugs in WORKING_GROUP_ORGANISATIONS.items():
        working_group = themes[slug].working_group
        working_group.organisations.add(*(organisations[s] for s in organisation_slugs))
        working_group.members.add(*(users[e] for e in WORKING_GROUP_MEMBERS.get(slug, [])))
    _upsert(
        WorkingGroup,
        lookup={"theme": themes[KARTREKKER_THEME]},
        values={"kartrekker": users["kartrekker@demo.example"]},
    )

    efforts = _seed_din(themes=themes, organisations=organisations)

    for row in SAMPLE_ACTIVITIES:
        creator = users[LOGGED_BY.get(row["owner"], "programmateam@demo.example")]
        if row["theme"] == KARTREKKER_THEME and row["owner"] == "ons-welzijn":
            creator = users["kartrekker@demo.example"]
        activity, _ = _upsert(
            Activity,
            lookup={"title": row["title"]},
            values={
                "theme": themes[row["theme"]],
                "date": row["date"],
                "end_date": row["end"],
                "owner_organisation": organisations[row["owner"]],
                "reach": row["reach"],
                "volunteers": row["volunteers"],
                "description": row["description"],
                "quote": row["quote"],
                "quote_attribution": row["attribution"],
                "effort": efforts[row["effort"]] if row["effort"] else None,
                "status": row["status"],
                "created_by": creator,
                "updated_by": creator,
            },
        )
        # set() only adds and removes the difference, so a re-run sends no m2m signals.
        activity.villages.set([villages[s] for s in row["villages"]])
        activity.target_groups.set([groups[c] for c in row["groups"]])
        activity.health_dimensions.set([dimensions[c] for c in row["dimensions"]])
        activity.organisations.set([organisations[s] for s in row["organisations"]])

    for email, theme, kind, text, quote, visibility in SAMPLE_REFLECTIONS:
        author = users[email]
        _upsert(
            Reflection,
            lookup={"phase": first_phase, "text": text},
            values={
                "theme": themes[theme] if theme else None,
                "author": author,
                "organisation": author.organisation,
                "kind": kind,
                "quote": quote,
                # The quoted person (here the author) approved the wording: only
                # approved quotes may appear in published material.
                "quote_approver": author if quote else None,
                "quote_approved_at": QUOTES_APPROVED_AT if quote else None,
                "visibility": visibility,
            },
        )

    questions = {}
    for text, theme, email in SAMPLE_QUESTIONS:
        questions[text], _ = _upsert(
            Question,
            lookup={"phase": first_phase, "text": text},
            values={"theme": themes[theme] if theme else None, "raised_by": users[email]},
        )

    _seed_meeting(users=users, themes=themes, question=questions[QUESTION_FOR_MEETING])


def _seed_din(*, themes, organisations) -> dict[str, Effort]:
    """Goals, efforts and network entries per theme; returns the efforts by title."""
    efforts = {}
    for theme_slug, goals in DIN.items():
        for goal_order, (title, indicator, target, goal_efforts) in enumerate(goals, 1):
            goal, _ = _upsert(
                Goal,
                lookup={"theme": themes[theme_slug], "title": title},
                values={"indicator": indicator, "target": target, "order": goal_order},
            )
            for order, (effort_title, status, lead, network) in enumerate(goal_efforts, 1):
                effort, _ = _upsert(
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
                    _upsert(
                        NetworkEntry,
                        lookup={
                            "effort": effort,
                            "organisation": organisations[organisation],
                            "contribution_kind": kind,
                        },
                        values={"contribution": contribution},
                    )
    return efforts


def _seed_meeting(*, users, themes, question) -> PartnerMeeting:
    """One partner meeting held in the autumn of 2019, with its agenda and outcomes."""
    team = users["programmateam@demo.example"]
    meeting, _ = _upsert(
        PartnerMeeting,
        lookup={"title": MEETING_TITLE},
        values={
            "starts_at": _amsterdam(2019, 10, 15, 15, 0),
            "duration_minutes": 120,
            "location": "Gemeentehuis Landerd, Zeeland",
            "chair": team,
            "proposal_deadline": _amsterdam(2019, 10, 1, 17, 0),
            "status": PartnerMeeting.Status.HELD,
            "published_at": _amsterdam(2019, 10, 8, 9, 0),
        },
    )
    # (title, kind, minutes, presenter, theme, question, text)
    agenda = [
        ("Opening en terugblik op de zomer", AgendaKind.INFORMEREN, 10, team, None, None,
         "Korte ronde: wat viel op in de zomerkalender en bij de werkgroepen?"),
        ("Leergeschiedenis fase 1: eerste opbrengst", AgendaKind.BESPREKEN, 40, team, None,
         None, "Bespreking van de reflecties die de partners tot nu toe hebben gedeeld."),
        ("Voortzetting na de afbouw van het programmamanagement", AgendaKind.BESPREKEN, 30,
         users["kartrekker@demo.example"], themes[KARTREKKER_THEME], question,
         "Welke activiteiten kunnen de organisaties in 2020 zelf dragen?"),
        ("Begroting 2020 en inzet in fase 2", AgendaKind.BESLUITEN, 20, team, None, None,
         "Voorstel aan het college: doorgaan conform de begroting 2020."),
    ]  # fmt: skip
    items = []
    for order, (title, kind, minutes, presenter, theme, item_question, text) in enumerate(
        agenda, 1
    ):
        item, _ = _upsert(
            AgendaItem,
            lookup={"meeting": meeting, "title": title},
            values={
                "order": order,
                "kind": kind,
                "minutes_allotted": minutes,
                "presenter": presenter,
                "theme": theme,
                "question": item_question,
                "text": text,
            },
        )
        items.append(item)

    _upsert(
        Decision,
        lookup={
            "meeting": meeting,
            "text": "Het partneroverleg adviseert het college het programma voort te zetten "
            "conform de begroting 2020: € 48.400 en 0,5 fte programmamanagement.",
        },
        values={"agenda_item": items[3]},
    )
    _upsert(
        ActionItem,
        lookup={
            "meeting": meeting,
            "description": "Per werkgroep in kaart brengen welke activiteiten een "
            "organisatie in 2020 zelf voortzet.",
        },
        values={
            "agenda_item": items[2],
            "owner": team,
            "due_date": datetime.date(2019, 12, 15),
            "done": False,
        },
    )
    _upsert(
        Question,
        lookup={"pk": question.pk},
        values={"status": Question.Status.ADDRESSED, "addressed_in": meeting},
    )
    return meeting


# --- Synthetic activities for load and performance work ----------------------------------

# Titles per theme, combined with a village name.
SYNTHETIC_TITLES = {
    "preventie-drugs-alcohol": [
        "Ouderavond over alcohol",
        "Alcoholvrij jongerenfeest",
        "Voorlichting in de brugklas",
        "Gesprek met een sportvereniging",
        "Training verantwoord schenken",
    ],
    "opvoeding": [
        "Ochtend netwerk jonge moeders",
        "Opvoedspreekuur",
        "Voorleesochtend voor peuters",
        "Workshop positief opvoeden",
        "Ouder-kindmiddag",
    ],
    "mantelzorg": [
        "Mantelzorgcafé",
        "Inloopspreekuur mantelzorg",
        "Wandeling voor mantelzorgers",
        "Workshop grenzen aangeven",
        "Informatiemiddag respijtzorg",
    ],
    "eenzaamheid": [
        "Activiteit zomerkalender",
        "Samen eten",
        "Koffieochtend",
        "Wandelgroep",
        "Digicafé",
        "Huisbezoek door vrijwilligers",
    ],
}
# The target groups each theme mostly reaches; another one is sometimes added.
THEME_TARGET_GROUPS = {
    "preventie-drugs-alcohol": ["jeugd", "ouders"],
    "opvoeding": ["ouders", "jeugd"],
    "mantelzorg": ["mantelzorgers", "ouderen"],
    "eenzaamheid": ["ouderen", "volwassenen"],
}
SYNTHETIC_FIRST_DAY = datetime.date(2019, 1, 1)
SYNTHETIC_DAYS = (datetime.date(2021, 12, 31) - SYNTHETIC_FIRST_DAY).days + 1


def add_synthetic_activities(*, count: int, seed: int = 2019, batch_size: int = 2000) -> int:
    """Add ``count`` generated activities (2019–2021) with their villages, target groups,
    health dimensions and organisations; returns how many were added.

    Built for volume (50,000 in seconds): rows and M2M links go in with ``bulk_create``,
    which sends no signals, so no django-simple-history rows are written. The same
    ``seed`` gives the same activities; every call adds new rows.
    """
    if count <= 0:
        return 0
    rng = random.Random(seed)
    themes = list(Theme.objects.order_by("order", "slug"))
    villages = list(Village.objects.order_by("slug").values_list("pk", "name"))
    organisations = list(Organisation.objects.order_by("slug").values_list("pk", "name"))
    groups = dict(TargetGroup.objects.order_by("code").values_list("code", "pk"))
    dimensions = list(HealthDimension.objects.order_by("code").values_list("pk", flat=True))
    if not (themes and villages and organisations and groups and dimensions):
        raise ValueError("Load the programme (seed_programme) before adding activities.")
    efforts_by_theme = {}
    for effort_id, theme_id in Effort.objects.order_by("pk").values_list("pk", "goal__theme"):
        efforts_by_theme.setdefault(theme_id, []).append(effort_id)

    links = {
        name: _through_table(name)
        for name in ("villages", "target_groups", "health_dimensions", "organisations")
    }
    added = 0
    with transaction.atomic():
        while added < count:
            size = min(batch_size, count - added)
            activities, related = [], []
            for _ in range(size):
                theme = rng.choice(themes)
                owner_id, owner_name = rng.choice(organisations)
                chosen_villages = rng.sample(villages, rng.choices((1, 2, 3), (80, 15, 5))[0])
                group_codes = {rng.choice(THEME_TARGET_GROUPS.get(theme.slug, list(groups)))}
                if rng.random() < 0.25:
                    group_codes.add(rng.choice(sorted(groups)))
                others = [pk for pk, _ in organisations if pk != owner_id]
                date = SYNTHETIC_FIRST_DAY + datetime.timedelta(days=rng.randrange(SYNTHETIC_DAYS))
                label = rng.choice(SYNTHETIC_TITLES.get(theme.slug, ["Activiteit"]))
                place = ", ".join(name for _, name in chosen_villages)
                theme_efforts = efforts_by_theme.get(theme.pk)
                activities.append(
                    Activity(
                        theme=theme,
                        title=f"{label} {chosen_villages[0][1]}",
                        date=date,
                        end_date=(
                            date + datetime.timedelta(days=rng.randint(1, 60))
                            if rng.random() < 0.15
                            else None
                        ),
                        owner_organisation_id=owner_id,
                        reach=rng.randint(5, 300),
                        volunteers=rng.randint(0, 12) if rng.random() < 0.8 else None,
                        description=f"{label} in {place}, georganiseerd door {owner_name}.",
                        effort_id=(
                            rng.choice(theme_efforts)
                            if theme_efforts and rng.random() < 0.4
                            else None
                        ),
                        status=(
                            Activity.Status.PUBLISHED
                            if rng.random() < 0.85
                            else Activity.Status.DRAFT
                        ),
                    )
                )
                related.append(
                    {
                        "villages": [pk for pk, _ in chosen_villages],
                        "target_groups": [groups[code] for code in sorted(group_codes)],
                        "health_dimensions": rng.sample(dimensions, rng.randint(1, 2)),
                        "organisations": rng.sample(others, rng.choice((0, 0, 1, 1, 2))),
                    }
                )
            Activity.objects.bulk_create(activities, batch_size=batch_size)
            if activities[0].pk is None:  # pragma: no cover - every supported backend
                raise RuntimeError("This database does not return ids from bulk_create.")
            for name, (through, link) in links.items():
                through.objects.bulk_create(
                    [
                        link(activity.pk, pk)
                        for activity, linked in zip(activities, related, strict=True)
                        for pk in linked[name]
                    ],
                    batch_size=batch_size * 2,
                )
            added += size
    content_changed()  # bulk_create sends no signals; cached pages must not miss these
    return added


def _through_table(field_name: str):
    """The through model of an Activity M2M field, and a fast maker of its rows.

    A link row is built from positional values, in the order of the model's columns:
    that skips the keyword handling of ``Model.__init__``, which otherwise dominates the
    time spent on a few hundred thousand rows.
    """
    field = Activity._meta.get_field(field_name)
    through = field.remote_field.through
    columns = [f.attname for f in through._meta.concrete_fields]
    source = columns.index(f"{field.m2m_field_name()}_id")
    target = columns.index(f"{field.m2m_reverse_field_name()}_id")
    template = [None] * len(columns)

    def link(activity_id, target_id):
        values = template.copy()
        values[source] = activity_id
        values[target] = target_id
        return through(*values)

    return through, link


# --- Summary -----------------------------------------------------------------------------


def seed_summary() -> dict[str, int]:
    """Row counts of what the seeding loads, for the command's closing report."""
    return {
        "organisations": Organisation.objects.count(),
        "villages": Village.objects.count(),
        "themes": Theme.objects.count(),
        "working groups": WorkingGroup.objects.count(),
        "phases": Phase.objects.count(),
        "budgets": Budget.objects.count(),
        "goals": Goal.objects.count(),
        "efforts": Effort.objects.count(),
        "network entries": NetworkEntry.objects.count(),
        "activities": Activity.objects.count(),
        "users": User.objects.count(),
        "reflections": Reflection.objects.count(),
        "questions": Question.objects.count(),
        "partner meetings": PartnerMeeting.objects.count(),
    }
