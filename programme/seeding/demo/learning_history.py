"""Sample learning history of the first execution year: reflections and open questions."""

import datetime
from zoneinfo import ZoneInfo

from learning_history.models import Question, Reflection

from ..rows import upsert

FIRST_PHASE = "fase-1-2019"
QUOTES_APPROVED_AT = datetime.datetime(2019, 10, 1, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
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
# The question the sample partner meeting takes up (see meeting.py).
QUESTION_FOR_MEETING = SAMPLE_QUESTIONS[0][0]


def seed_reflections(*, phase, users, themes) -> None:
    """Create or update the sample reflections on ``phase``, found by their text."""
    for email, theme, kind, text, quote, visibility in SAMPLE_REFLECTIONS:
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
                "quote_approved_at": QUOTES_APPROVED_AT if quote else None,
                "visibility": visibility,
            },
        )


def seed_questions(*, phase, users, themes) -> dict[str, Question]:
    """Create or update the sample questions on ``phase``; returns them by their text."""
    questions = {}
    for text, theme, email in SAMPLE_QUESTIONS:
        questions[text], _ = upsert(
            Question,
            lookup={"phase": phase, "text": text},
            values={"theme": themes[theme] if theme else None, "raised_by": users[email]},
        )
    return questions
