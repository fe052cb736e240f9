"""Sample measurements of the DIN goals' indicators, one at the end of each execution year.

Plausible, not real: the GGD-jeugdmonitor did not measure every year, and the counts of
visitors and volunteers are the kind of figures the working groups keep. In 2020 fewer
people could meet, so the meeting counts dip; by 2021 the partners enter the figures
themselves.
"""

import datetime
from decimal import Decimal

TEAM = "programmateam@demo.example"
GGD = "partner2@demo.example"
ONS = "partner@demo.example"
KARTREKKER = "kartrekker@demo.example"

# goal title -> (unit, baseline, target): the indicator in numbers (issue 16).
INDICATOR_FIGURES = {
    "Jongeren beginnen later met drinken": ("%", Decimal("44"), Decimal("30")),
    "Verenigingen schenken verantwoord": ("verenigingen", Decimal("0"), Decimal("7")),
    "Jonge ouders vinden steun dichtbij": ("kernen", Decimal("1"), Decimal("3")),
    "Opvoedvragen worden vroeg besproken": ("gesprekken", Decimal("0"), Decimal("50")),
    "Mantelzorgers worden eerder gezien": ("mantelzorgers", Decimal("190"), Decimal("300")),
    "Mantelzorgers kunnen even op adem komen": ("deelnemers", Decimal("200"), Decimal("250")),
    "Inwoners ontmoeten elkaar in hun eigen kern": ("bezoekers", Decimal("400"), Decimal("600")),
    "Signalen van eenzaamheid komen bij de juiste persoon": (
        "signalen",
        Decimal("10"),
        Decimal("50"),
    ),
}

# goal title -> [(date, value, note, entered by)], oldest first.
INDICATOR_VALUES = {
    "Jongeren beginnen later met drinken": [
        (datetime.date(2019, 11, 29), Decimal("41"), "GGD-jeugdmonitor, klas 2 en 4", TEAM),
        (datetime.date(2020, 12, 4), Decimal("39"), "Tussenmeting op de scholen van Optimus", TEAM),
        (datetime.date(2021, 12, 3), Decimal("35"), "GGD-jeugdmonitor, klas 2 en 4", GGD),
    ],
    "Verenigingen schenken verantwoord": [
        (datetime.date(2019, 12, 2), Decimal("1"), "", TEAM),
        (datetime.date(2020, 12, 1), Decimal("3"), "Afsprakenkaart ondertekend", TEAM),
        (datetime.date(2021, 12, 1), Decimal("6"), "Na de training voor barvrijwilligers", GGD),
    ],
    "Jonge ouders vinden steun dichtbij": [
        (datetime.date(2019, 12, 16), Decimal("2"), "Schaijk en Zeeland", TEAM),
        (datetime.date(2020, 12, 14), Decimal("3"), "Reek is erbij gekomen", TEAM),
        (datetime.date(2021, 12, 13), Decimal("3"), "De moeders organiseren het zelf", ONS),
    ],
    "Opvoedvragen worden vroeg besproken": [
        (datetime.date(2019, 12, 20), Decimal("9"), "Proef van zeven weken", TEAM),
        (datetime.date(2020, 12, 18), Decimal("24"), "Telefonisch spreekuur", TEAM),
        (datetime.date(2021, 12, 15), Decimal("41"), "Zeeland en Schaijk", ONS),
    ],
    "Mantelzorgers worden eerder gezien": [
        (datetime.date(2019, 12, 9), Decimal("212"), "Aanmeldingen bij het steunpunt", TEAM),
        (datetime.date(2020, 12, 7), Decimal("247"), "Veel via de belronde van de praktijk", TEAM),
        (datetime.date(2021, 12, 6), Decimal("268"), "", KARTREKKER),
    ],
    "Mantelzorgers kunnen even op adem komen": [
        (datetime.date(2019, 11, 29), Decimal("232"), "", TEAM),
        (
            datetime.date(2020, 11, 30),
            Decimal("166"),
            "Attentie aan huis in plaats van een middag",
            TEAM,
        ),
        (datetime.date(2021, 11, 29), Decimal("255"), "", KARTREKKER),
    ],
    "Inwoners ontmoeten elkaar in hun eigen kern": [
        (datetime.date(2019, 9, 6), Decimal("575"), "Zomerkalender in drie kernen", TEAM),
        (datetime.date(2020, 9, 4), Decimal("410"), "Kleinere groepen, vooral buiten", TEAM),
        (
            datetime.date(2021, 9, 3),
            Decimal("520"),
            "Georganiseerd door de zorgcoöperaties",
            KARTREKKER,
        ),
    ],
    "Signalen van eenzaamheid komen bij de juiste persoon": [
        (datetime.date(2019, 12, 2), Decimal("23"), "", TEAM),
        (datetime.date(2020, 12, 1), Decimal("31"), "Ook de bellers van de belcirkel", TEAM),
        (datetime.date(2021, 12, 1), Decimal("44"), "", KARTREKKER),
    ],
}
