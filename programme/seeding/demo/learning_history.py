"""Sample learning history of the three execution years: reflections and open questions.

The story the three years tell: 2019 inspires and connects, 2020 keeps going at a
distance with half the programme management, and in 2021 the partners carry the work
without a programme manager, and ask what stays once the programme period is over.
"""

import datetime
from zoneinfo import ZoneInfo

from learning_history.models import Question, Reflection

from ..rows import upsert

FIRST_PHASE = "fase-1-2019"
SECOND_PHASE = "fase-2-2020"
THIRD_PHASE = "fase-3-2021"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# When the quoted people approved the wording of the quotes, per phase.
QUOTES_APPROVED_AT = {
    FIRST_PHASE: datetime.datetime(2019, 10, 1, 12, 0, tzinfo=AMSTERDAM),
    SECOND_PHASE: datetime.datetime(2020, 11, 2, 12, 0, tzinfo=AMSTERDAM),
    THIRD_PHASE: datetime.datetime(2021, 11, 1, 12, 0, tzinfo=AMSTERDAM),
}
Visibility = Reflection.Visibility
ReflectionKind = Reflection.Kind

# (author email, theme slug or None, kind, text, quote, visibility)
REFLECTIONS_2019 = [
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
QUESTIONS_2019 = [
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

REFLECTIONS_2020 = [
    (
        "kartrekker@demo.example",
        "eenzaamheid",
        ReflectionKind.WHAT_HAPPENED,
        "Toen samenkomen niet kon, begonnen de zorgcoöperaties binnen een week een "
        "belcirkel. De contacten uit de zomerkalender van 2019 bleken goud waard: we "
        "wisten wie we moesten bellen.",
        "We kenden elkaar al, dus we hoefden niet te vergaderen over wie wat deed.",
        Visibility.PUBLISHED,
    ),
    (
        "partner@demo.example",
        "opvoeding",
        ReflectionKind.WHAT_WORKED,
        "Het netwerk jonge moeders bleef bestaan doordat de moeders een eigen appgroep "
        "hadden. In Reek startte het netwerk zelfs dit jaar.",
        "",
        Visibility.PUBLISHED,
    ),
    (
        "programmateam@demo.example",
        None,
        ReflectionKind.WHAT_DID_NOT,
        "Met een halve programmamanager bleef het partneroverleg te veel een overleg van "
        "het programma. Voorstellen kwamen nog vooral van ons, niet van de partners.",
        "",
        Visibility.PUBLISHED,
    ),
    (
        "partner2@demo.example",
        "preventie-drugs-alcohol",
        ReflectionKind.SURPRISE,
        "Online kwamen er andere ouders naar de ouderavond dan in de aula: meer vaders, "
        "en ouders uit Reek die anders niet naar Zeeland rijden.",
        "",
        Visibility.SHARED,
    ),
    (
        "partner@demo.example",
        "mantelzorg",
        ReflectionKind.WHAT_WORKED,
        "De belronde van de huisartsenpraktijk vond mantelzorgers die zichzelf nooit zo "
        "noemden. Dat willen we niet kwijt als de crisis voorbij is.",
        "",
        Visibility.DRAFT,
    ),
]

QUESTIONS_2020 = [
    (
        "Welke organisatie neemt in 2021 de coördinatie van de zomerkalender over?",
        "eenzaamheid",
        "kartrekker@demo.example",
    ),
    (
        "Hoe houden we de online ouderavond erbij als er weer in de aula kan worden afgesproken?",
        "preventie-drugs-alcohol",
        "partner2@demo.example",
    ),
    (
        "Wie zit het partneroverleg voor als er geen programmamanager meer is?",
        None,
        "programmateam@demo.example",
    ),
    (
        "Hoe leggen we vast wat de partners in natura bijdragen, nu het budget kleiner wordt?",
        None,
        "partner@demo.example",
    ),
]

REFLECTIONS_2021 = [
    (
        "kartrekker@demo.example",
        "eenzaamheid",
        ReflectionKind.WHAT_HAPPENED,
        "De zorgcoöperaties maakten de zomerkalender zonder iemand van het programma. Het "
        "werd de drukste tot nu toe. De werkgroep is nu vooral een plek om te ruilen wat "
        "werkt.",
        "Niemand vroeg meer wie het ging regelen; we deden het gewoon.",
        Visibility.PUBLISHED,
    ),
    (
        "partner2@demo.example",
        "preventie-drugs-alcohol",
        ReflectionKind.WHAT_WORKED,
        "Sinds de lessen in groep 8 door de eigen leerkrachten worden gegeven, hoort "
        "preventie bij het lesprogramma van Optimus en niet meer bij een project.",
        "",
        Visibility.PUBLISHED,
    ),
    (
        "programmateam@demo.example",
        None,
        ReflectionKind.SURPRISE,
        "Zonder programmamanager zijn de partners niet minder gaan doen. Het partneroverleg "
        "wisselt nu van voorzitter en de agenda komt van de werkgroepen.",
        "",
        Visibility.PUBLISHED,
    ),
    (
        "partner@demo.example",
        None,
        ReflectionKind.WHAT_DID_NOT,
        "Wat niet vanzelf ging: het bijhouden van cijfers. Zonder programmamanager vult "
        "niemand vanzelf de metingen in de DIN in; dat moesten we als werkgroep afspreken.",
        "",
        Visibility.SHARED,
    ),
    (
        "kartrekker@demo.example",
        "mantelzorg",
        ReflectionKind.WHAT_WORKED,
        "De doorverwijzing van de huisarts naar de mantelzorgconsulent is een vaste "
        "werkwijze geworden, zonder extra geld.",
        "",
        Visibility.DRAFT,
    ),
]

# Questions for after the programme period: open when the last phase ends.
QUESTIONS_2021 = [
    (
        "Hoe blijven de partners elkaar ontmoeten nu het programma is afgelopen?",
        None,
        "programmateam@demo.example",
    ),
    (
        "Wie houdt de metingen van de DIN bij als er geen programmateam meer is?",
        None,
        "partner@demo.example",
    ),
    (
        "Kan de belcirkel een vaste voorziening van de zorgcoöperaties worden?",
        "eenzaamheid",
        "kartrekker@demo.example",
    ),
]

REFLECTIONS = {
    FIRST_PHASE: REFLECTIONS_2019,
    SECOND_PHASE: REFLECTIONS_2020,
    THIRD_PHASE: REFLECTIONS_2021,
}
QUESTIONS = {
    FIRST_PHASE: QUESTIONS_2019,
    SECOND_PHASE: QUESTIONS_2020,
    THIRD_PHASE: QUESTIONS_2021,
}


def seed_reflections(*, phases, users, themes) -> None:
    """Create or update the sample reflections of every execution phase, by their text."""
    for slug, rows in REFLECTIONS.items():
        _seed_reflections(phase=phases[slug], rows=rows, users=users, themes=themes)


def _seed_reflections(*, phase, rows, users, themes) -> None:
    for email, theme, kind, text, quote, visibility in rows:
        author = users[email]
        upsert(
            Reflection,
            lookup={"phase": phase, "text": text},
            values={
                "theme": themes[theme] if theme else None,
                "author": author,
                "organisation": author.organisation,
                "kind": kind,
                "quote": quote,
                # The quoted person (here the author) approved the wording: only
                # approved quotes may appear in published material.
                "quote_approver": author if quote else None,
                "quote_approved_at": QUOTES_APPROVED_AT[phase.slug] if quote else None,
                "visibility": visibility,
            },
        )


def seed_questions(*, phases, users, themes) -> dict[str, Question]:
    """Create or update the sample questions of every execution phase; by their text.

    Only who asked what: which meeting took a question up is the meetings' to say.
    """
    questions = {}
    for slug, rows in QUESTIONS.items():
        for text, theme, email in rows:
            questions[text], _ = upsert(
                Question,
                lookup={"phase": phases[slug], "text": text},
                values={"theme": themes[theme] if theme else None, "raised_by": users[email]},
            )
    return questions
