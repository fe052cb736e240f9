"""The eleven organisations that signed the programme plan (seed 001), as partners.

Names and order are those of seed 001; the kind of each organisation follows seed 000
where it says, and the contribution texts are ours. Loaded by :func:`.programme.seed_programme`.
"""

import datetime

from partners.models import Organisation, ParticipationLevel

from .rows import upsert

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


def seed_signatories() -> None:
    """Create or bring up to date the signatory organisations, found by their slug."""
    for slug, name, kind, contribution in SIGNATORIES:
        upsert(
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
