"""A sample partner meeting, held in October 2019, with its agenda, a decision and an action."""

import datetime
from zoneinfo import ZoneInfo

from learning_history.models import Question
from programme.models import ActionItem, AgendaItem, Decision, PartnerMeeting

from ..rows import upsert
from .accounts import KARTREKKER_THEME

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MEETING_TITLE = "Partneroverleg oktober 2019"
AgendaKind = AgendaItem.Kind


def _amsterdam(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=AMSTERDAM)


def seed_meeting(*, users, themes, question) -> PartnerMeeting:
    """One partner meeting held in the autumn of 2019, with its agenda and outcomes."""
    team = users["programmateam@demo.example"]
    meeting, _ = upsert(
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
        item, _ = upsert(
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

    upsert(
        Decision,
        lookup={
            "meeting": meeting,
            "text": "Het partneroverleg adviseert het college het programma voort te zetten "
            "conform de begroting 2020: € 48.400 en 0,5 fte programmamanagement.",
        },
        values={"agenda_item": items[3]},
    )
    upsert(
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
    upsert(
        Question,
        lookup={"pk": question.pk},
        values={"status": Question.Status.ADDRESSED, "addressed_in": meeting},
    )
    return meeting
