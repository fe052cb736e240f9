"""The statements the partners prioritised per element of the kijkglas model, from the
one-to-one talks of the initiation phase (seed 000, bijlage 4), as (element, priority,
statement). Priority 1 is what the partners found most important; under Relatie two
statements share priority 1, as in the source. ``seed_landerd`` loads them."""

from learning_history.models import KijkglasElement, KijkglasStatement

from .rows import upsert

E = KijkglasElement

STATEMENTS = [
    (E.AMBITIE, 1, "We willen een samenleving waarin iedereen mee kan doen."),
    (E.AMBITIE, 2, "We werken aan gezonde, duurzame en leefbare dorpskernen."),
    (E.AMBITIE, 3, "We willen zelfredzaamheid/weerbaarheid bevorderen."),
    (E.AMBITIE, 4, "We zien de inwoner van Landerd als start- en eindpunt voor onze ambitie."),
    (E.AMBITIE, 5, "We vinden dat de gezamenlijke ambitie overstijgend is aan onze eigen ambitie."),
    (
        E.BELANGEN,
        1,
        "We hebben elkaar als partners nodig om de maatschappelijke beweging mogelijk te maken.",
    ),
    (
        E.BELANGEN,
        2,
        "Onze eigen corebusiness is een ingang om verantwoordelijkheid voor de "
        "preventieagenda te nemen.",
    ),
    (
        E.BELANGEN,
        3,
        "We hebben richting en continuïteit nodig om een gezamenlijke beweging te bouwen/ "
        "te bestendigen.",
    ),
    (E.RELATIE, 1, "Een betekenisvolle relatie tussen deelnemende partners vinden we essentieel"),
    (
        E.RELATIE,
        1,
        "Een gezamenlijke ambitie betekent voor ons een andere manier van (samen)werken. Dit "
        "betekent ook een (cultuur)verandering in houding en gedrag naar elkaar en intern. "
        "Hier willen we tijd voor nemen.",
    ),
    (E.RELATIE, 2, "Eenheid van taal vinden we een voorwaarde voor succes."),
    (E.RELATIE, 3, "Organiseer betekenisvolle interactie in de dorpskern."),
    (
        E.ORGANISATIE,
        1,
        "We willen een gezamenlijke preventie-agenda voor de hele gemeente, met "
        "(mogelijkheden voor) uitwerking per dorpskern.",
    ),
    (
        E.ORGANISATIE,
        2,
        "We willen de uitvoering van het programma zo dicht mogelijk bij de inwoners organiseren.",
    ),
    (E.ORGANISATIE, 3, "We zien met elkaar dat er al veel is en willen hier op inzetten."),
    (E.ORGANISATIE, 4, "Structuur volgt inhoud"),
    (E.ORGANISATIE, 5, "We zien de gemeente in de rol van aanjager"),
    (
        E.PROCES,
        1,
        "We beseffen dat planvorming en voorbereiding noodzakelijk is voor een goede start "
        "van het programma, zodat de focus kan gaan naar de uitvoering: het doen.",
    ),
    (
        E.PROCES,
        2,
        "In de gezamenlijkheid vinden we het van belang dat iedere partner de mogelijkheid "
        "krijgt om vanuit zijn/haar tempo en dynamiek aan te sluiten.",
    ),
    (
        E.PROCES,
        3,
        "Voor gezamenlijkheid vinden we gelijkwaardigheid een voorwaarde: elke partner heeft "
        "een gelijkwaardige stem en verantwoordelijkheid in het programma",
    ),
]


def seed_kijkglas_statements() -> None:
    """Load the statements, in the order of the elements and then of their priority."""
    elements = list(KijkglasElement.values)
    ranked = sorted(
        enumerate(STATEMENTS), key=lambda item: (elements.index(item[1][0]), item[1][1], item[0])
    )
    for order, (_index, (element, priority, text)) in enumerate(ranked, 1):
        upsert(
            KijkglasStatement,
            lookup={"text": text},
            values={"element": element, "priority": priority, "order": order},
        )
