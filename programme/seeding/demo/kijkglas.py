"""The kijkglas rated in two phases, and each working group's form of collaboration.

Plausible, not real. In 2020 the partners rated the statements for the first time; by
2021, with the programme manager leaving, the relationship and the process score higher
and the organisation (who carries what) lower: what the learning history says. The forms
of collaboration move from an imposed ambition towards a shared one, as seed 000 expected.
"""

from learning_history.models import (
    KijkglasElement,
    KijkglasRating,
    KijkglasScore,
    KijkglasStatement,
)
from themes.models import CollaborationForm, WorkingGroup, WorkingGroupCollaboration

from ..rows import upsert

E = KijkglasElement
RATED_PHASES = ("fase-2-2020", "fase-3-2021")
# Organisation slug -> the demo account that fills in its kijkglas (else none).
RATERS = {"ons-welzijn": "partner@demo.example", "ggd": "partner2@demo.example"}
ORGANISATIONS = [
    "ons-welzijn",
    "ggd",
    "gemeente-landerd",
    "optimus",
    "zorgcooperatie-zeeland",
    "zorgcooperatie-schaijk",
    "bibliotheek-landerd",
]
# Element -> (base score in 2020, change by 2021).
TREND = {
    E.AMBITIE: (4, 0),
    E.BELANGEN: (3, 0),
    E.RELATIE: (3, 1),
    E.ORGANISATIE: (3, -1),
    E.PROCES: (2, 1),
}

# Theme slug -> [(phase slug, form, reason)].
COLLABORATION = {
    "preventie-drugs-alcohol": [
        (
            "fase-1-2019",
            CollaborationForm.EXTERN_OPGELEGD,
            "De Drank- en Horecawet en het gemeentelijk alcoholbeleid gaven de kaders; "
            "daarbinnen zochten we wat ons bindt.",
        ),
        (
            "fase-2-2020",
            CollaborationForm.GEMEENSCHAPPELIJK,
            "Scholen, GGD en verenigingen willen allemaal dat jongeren later beginnen.",
        ),
        (
            "fase-3-2021",
            CollaborationForm.GEMEENSCHAPPELIJK,
            "De afsprakenkaart is van de verenigingen zelf geworden.",
        ),
    ],
    "opvoeding": [
        (
            "fase-1-2019",
            CollaborationForm.EIGEN,
            "ONS welzijn trok het spreekuur en haalde de anderen erbij.",
        ),
        (
            "fase-2-2020",
            CollaborationForm.GEDEELD,
            "Bibliotheek, school en consultatiebureau hebben elk hun eigen reden om mee te doen.",
        ),
        (
            "fase-3-2021",
            CollaborationForm.GEDEELD,
            "Het netwerk jonge moeders draait op de moeders zelf; wij sluiten aan.",
        ),
    ],
    "mantelzorg": [
        (
            "fase-1-2019",
            CollaborationForm.OPGELEGD,
            "Mantelzorgondersteuning is een Wmo-taak: de gemeente gaf de opdracht.",
        ),
        (
            "fase-2-2020",
            CollaborationForm.GEMEENSCHAPPELIJK,
            "Praktijk, steunpunt en zorgcoöperaties willen mantelzorgers eerder zien.",
        ),
        (
            "fase-3-2021",
            CollaborationForm.GEMEENSCHAPPELIJK,
            "Het mantelzorgcafé organiseren we om de beurt.",
        ),
    ],
    "eenzaamheid": [
        (
            "fase-1-2019",
            CollaborationForm.GEDEELD,
            "Elke kern had al iets; de zomerkalender bracht die initiatieven samen.",
        ),
        (
            "fase-2-2020",
            CollaborationForm.GEDEELD,
            "Tijdens corona deed ieder wat kon, en we hielden elkaar op de hoogte.",
        ),
        (
            "fase-3-2021",
            CollaborationForm.GEMEENSCHAPPELIJK,
            "Zonder programmaregie dragen de zorgcoöperaties de zomerkalender samen.",
        ),
    ],
}


def _score(element, organisation_index, statement_index, phase_index):
    base, change = TREND[element]
    # A little spread between organisations and statements, always within 1–5.
    wobble = (organisation_index + statement_index) % 3 - 1
    return max(1, min(5, base + wobble + change * phase_index))


def seed_kijkglas(*, phases, organisations, users) -> None:
    statements = list(KijkglasStatement.objects.order_by("order", "pk"))
    for phase_index, slug in enumerate(RATED_PHASES):
        for organisation_index, organisation_slug in enumerate(ORGANISATIONS):
            email = RATERS.get(organisation_slug)
            rating, _ = upsert(
                KijkglasRating,
                lookup={"phase": phases[slug], "organisation": organisations[organisation_slug]},
                values={"rated_by": users[email] if email else None},
            )
            for statement_index, statement in enumerate(statements):
                upsert(
                    KijkglasScore,
                    lookup={"rating": rating, "statement": statement},
                    values={
                        "value": _score(
                            statement.element, organisation_index, statement_index, phase_index
                        )
                    },
                )


def seed_collaboration_forms(*, phases, themes, users) -> None:
    # Read afresh: seed_working_groups has just set the kartrekkers.
    groups = {g.theme_id: g for g in WorkingGroup.objects.filter(theme__in=themes.values())}
    for theme_slug, records in COLLABORATION.items():
        working_group = groups[themes[theme_slug].pk]
        recorder = (
            users["kartrekker@demo.example"]
            if working_group.kartrekker_id == users["kartrekker@demo.example"].pk
            else users["programmateam@demo.example"]
        )
        for phase_slug, form, reason in records:
            upsert(
                WorkingGroupCollaboration,
                lookup={"working_group": working_group, "phase": phases[phase_slug]},
                values={"form": form, "reason": reason, "recorded_by": recorder},
            )
