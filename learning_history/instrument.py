"""The self-analysis instrument (zelfanalyse) of the "Bondgenoten" publication, chapter 9.

Four areas with 4, 4, 5 and 4 characteristics; each characteristic is scored from 1 to 5.
The questions are our own wording of what the publication asks. The codes are stored in
the database (``Score.characteristic``): never rename one, only add.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Characteristic:
    code: str
    label: str
    question: str


@dataclass(frozen=True)
class Area:
    code: str
    label: str
    main_question: str
    characteristics: tuple[Characteristic, ...]


AREAS = (
    Area(
        "interne_organisatie",
        _("Interne organisatie"),
        _("Is de samenhang binnen de eigen organisatie op orde?"),
        (
            Characteristic(
                "io_voorbeeld",
                _("Doen wat we zeggen"),
                _("Werken we als organisatie zelf op de manier die we van anderen vragen?"),
            ),
            Characteristic(
                "io_horizontaal",
                _("Horizontale verbinding"),
                _(
                    "Werken afdelingen en domeinen binnen onze organisatie goed samen, "
                    "inhoudelijk en in de manier van werken?"
                ),
            ),
            Characteristic(
                "io_verticaal",
                _("Verticale verbinding"),
                _("Sluiten bestuur, management en uitvoering in onze organisatie op elkaar aan?"),
            ),
            Characteristic(
                "io_instellingen",
                _("Verbinding met instellingen"),
                _("Hoe integraal werken we samen met de andere organisaties in het programma?"),
            ),
        ),
    ),
    Area(
        "maatschappelijke_agenda",
        _("Maatschappelijke agenda"),
        _("Doorlopen we de maatschappelijke agenda, en levert dat een goede visie op?"),
        (
            Characteristic(
                "ma_visie",
                _("Inhoud van de visie"),
                _(
                    "Gaat onze gezamenlijke visie over effecten voor inwoners, over het "
                    "hele sociale domein heen?"
                ),
            ),
            Characteristic(
                "ma_coalitie",
                _("Coalitieaanpak"),
                _("Hebben gemeente, organisaties en inwoners de visie samen opgesteld?"),
            ),
            Characteristic(
                "ma_concreet",
                _("Concreetheid"),
                _("Zijn de effecten die we willen bereiken meetbaar beschreven?"),
            ),
            Characteristic(
                "ma_draagvlak",
                _("Draagvlak"),
                _("Voelen alle partijen zich betrokken bij de visie en dragen ze die uit?"),
            ),
        ),
    ),
    Area(
        "veranderagenda",
        _("Veranderagenda"),
        _("Doorlopen we de veranderagenda, en levert dat concrete opgaven op?"),
        (
            Characteristic(
                "va_opgaven",
                _("Opgaven volgen de visie"),
                _("Hebben we de opgaven benoemd die uit de visie voortkomen?"),
            ),
            Characteristic(
                "va_ontrafelen",
                _("Opgaven ontrafeld"),
                _("Weten we wat de aard en de omvang van elke opgave is?"),
            ),
            Characteristic(
                "va_waarde",
                _("Toegevoegde waarde"),
                _("Is duidelijk wat elke partij toevoegt en hoe de krachten verdeeld zijn?"),
            ),
            Characteristic(
                "va_vernieuwing",
                _("Mate van vernieuwing"),
                _("Brengen de opgaven echt iets nieuws, en niet het oude in een nieuw jasje?"),
            ),
            Characteristic(
                "va_inwoners",
                _("Inwoners bij de opgaven"),
                _("Denken inwoners mee bij het benoemen en uitwerken van de opgaven?"),
            ),
        ),
    ),
    Area(
        "uitvoeringsagenda",
        _("Uitvoeringsagenda"),
        _("Doorlopen we de uitvoeringsagenda, en levert dat een goed, uitvoerbaar plan op?"),
        (
            Characteristic(
                "ua_werkwijze",
                _("Werkwijze"),
                _("Werken we volgens de acht bakens van Welzijn Nieuwe Stijl?"),
            ),
            Characteristic(
                "ua_competenties",
                _("Competenties"),
                _("Is duidelijk wat professionals moeten kunnen, en werken ze ook op die manier?"),
            ),
            Characteristic(
                "ua_implementatie",
                _("Implementatie"),
                _("Is de nieuwe werkwijze voldoende ingevoerd in het dagelijkse werk?"),
            ),
            Characteristic(
                "ua_inwoners",
                _("Inwoners bij de uitvoering"),
                _("Zijn inwoners betrokken bij de uitvoering?"),
            ),
        ),
    ),
)

CHARACTERISTICS = tuple(c for area in AREAS for c in area.characteristics)
CHARACTERISTIC_CHOICES = [(c.code, c.label) for c in CHARACTERISTICS]
CHARACTERISTIC_CODES = tuple(c.code for c in CHARACTERISTICS)

MIN_SCORE = 1
MAX_SCORE = 5
SCALE = (
    (1, _("1 – helemaal niet")),
    (2, _("2 – nauwelijks")),
    (3, _("3 – gedeeltelijk")),
    (4, _("4 – grotendeels")),
    (5, _("5 – volledig")),
)
