"""Sample partner meetings of the three execution years, with agenda, decisions and actions.

One meeting in the autumn of 2019, two a year after that. The programme team chairs until
the programme management stops; in 2021 the kartrekkers and partners take turns. Each
meeting takes up a question of the learning history, which is then marked as discussed.
"""

import datetime
from zoneinfo import ZoneInfo

from learning_history.models import Question
from programme.models import ActionItem, AgendaItem, Decision, PartnerMeeting

from ..rows import upsert
from .learning_history import QUESTIONS_2019, QUESTIONS_2020

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
AgendaKind = AgendaItem.Kind
TEAM = "programmateam@demo.example"
KARTREKKER = "kartrekker@demo.example"
PARTNER = "partner@demo.example"
PARTNER2 = "partner2@demo.example"
ONLINE = "Online (videoverbinding)"


def _at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=AMSTERDAM)


# A meeting: title (natural key), start, minutes, location, chair, proposal deadline,
# published; agenda items (title, kind, minutes, presenter, theme slug, question text,
# text); decisions (text, agenda item index, theme slug); actions (description, agenda
# item index, owner, due date, done).
MEETINGS = [
    dict(
        title="Partneroverleg oktober 2019",
        starts_at=_at(2019, 10, 15, 15, 0),
        minutes=120,
        location="Gemeentehuis Landerd, Zeeland",
        chair=TEAM,
        deadline=_at(2019, 10, 1, 17, 0),
        published=_at(2019, 10, 8, 9, 0),
        agenda=[
            ("Opening en terugblik op de zomer", AgendaKind.INFORMEREN, 10, TEAM, None, None,
             "Korte ronde: wat viel op in de zomerkalender en bij de werkgroepen?"),
            ("Leergeschiedenis fase 1: eerste opbrengst", AgendaKind.BESPREKEN, 40, TEAM, None,
             None, "Bespreking van de reflecties die de partners tot nu toe hebben gedeeld."),
            ("Voortzetting na de afbouw van het programmamanagement", AgendaKind.BESPREKEN, 30,
             KARTREKKER, "eenzaamheid", QUESTIONS_2019[0][0],
             "Welke activiteiten kunnen de organisaties in 2020 zelf dragen?"),
            ("Begroting 2020 en inzet in fase 2", AgendaKind.BESLUITEN, 20, TEAM, None, None,
             "Voorstel aan het college: doorgaan conform de begroting 2020."),
        ],
        decisions=[
            ("Het partneroverleg adviseert het college het programma voort te zetten "
             "conform de begroting 2020: € 48.400 en 0,5 fte programmamanagement.", 3, None),
        ],
        actions=[
            ("Per werkgroep in kaart brengen welke activiteiten een organisatie in 2020 zelf "
             "voortzet.", 2, TEAM, datetime.date(2019, 12, 15), False),
        ],
    ),
    dict(
        title="Partneroverleg februari 2020",
        starts_at=_at(2020, 2, 11, 15, 0),
        minutes=120,
        location="Bibliotheek Landerd, Zeeland",
        chair=TEAM,
        deadline=_at(2020, 1, 28, 17, 0),
        published=_at(2020, 2, 4, 9, 0),
        agenda=[
            ("Fase 2: van programma naar partnerschap", AgendaKind.INFORMEREN, 15, TEAM, None,
             None, "Wat verandert er nu het programmamanagement naar 0,5 fte gaat?"),
            ("Als een werkgroep haar trekker verliest", AgendaKind.BESPREKEN, 30, KARTREKKER,
             None, QUESTIONS_2019[1][0],
             "Voorstel: elke werkgroep een tweede trekker uit een andere organisatie."),
            ("Activiteiten van de werkgroepen in 2020", AgendaKind.BESLUITEN, 30, TEAM, None,
             None, "Welke activiteiten kiezen de werkgroepen, en in welke kernen?"),
        ],
        decisions=[
            ("Elke werkgroep kiest naast de kartrekker een tweede trekker uit een andere "
             "organisatie.", 1, None),
            ("De werkgroepen voeren in 2020 in elke dorpskern minstens één activiteit uit.",
             2, None),
        ],
        actions=[
            ("Tweede trekker per werkgroep doorgeven aan het programmateam.", 1, KARTREKKER,
             datetime.date(2020, 3, 15), True),
        ],
    ),
    dict(
        title="Partneroverleg oktober 2020",
        starts_at=_at(2020, 10, 20, 15, 0),
        minutes=90,
        location=ONLINE,
        chair=TEAM,
        deadline=_at(2020, 10, 6, 17, 0),
        published=_at(2020, 10, 13, 9, 0),
        agenda=[
            ("Wat bleef overeind dit jaar", AgendaKind.INFORMEREN, 15, TEAM, None, None,
             "Korte ronde per werkgroep: wat ging door, wat ging anders?"),
            ("Begroting 2021", AgendaKind.BESLUITEN, 30, TEAM, None, None,
             "Voorstel aan het college: € 19.200 voor 2021, zonder programmamanagement."),
            ("Het partneroverleg zonder programmamanager", AgendaKind.BESPREKEN, 30, TEAM, None,
             QUESTIONS_2020[2][0], "Wie zit voor, wie maakt de agenda, wie nodigt uit?"),
        ],
        decisions=[
            ("Het partneroverleg adviseert het college de begroting 2021 vast te stellen: "
             "€ 19.200, zonder programmamanagement.", 1, None),
            ("Vanaf 2021 zitten de kartrekkers en partners het partneroverleg bij toerbeurt "
             "voor.", 2, None),
        ],
        actions=[
            ("Rooster van voorzitters voor 2021 maken.", 2, KARTREKKER,
             datetime.date(2020, 12, 1), True),
        ],
    ),
    dict(
        title="Partneroverleg maart 2021",
        starts_at=_at(2021, 3, 16, 15, 0),
        minutes=90,
        location=ONLINE,
        chair=KARTREKKER,
        deadline=_at(2021, 3, 2, 17, 0),
        published=_at(2021, 3, 9, 9, 0),
        agenda=[
            ("Afspraken voor een jaar zonder programmamanager", AgendaKind.BESPREKEN, 40,
             KARTREKKER, None, None, "Wat deed de programmamanager, en wie doet dat nu?"),
            ("Zomerkalender 2021", AgendaKind.BESLUITEN, 20, KARTREKKER, "eenzaamheid",
             QUESTIONS_2020[0][0], "Voorstel: de zorgcoöperaties coördineren de kalender."),
            ("Metingen in de DIN bijhouden", AgendaKind.BESPREKEN, 20, PARTNER2, None, None,
             "Wie voert de metingen van de doelen in, en wanneer?"),
        ],
        decisions=[
            ("De zorgcoöperaties coördineren de zomerkalender 2021; ONS Welzijn helpt met de "
             "publiciteit.", 1, "eenzaamheid"),
            ("Elke werkgroep voert in december zelf de metingen van haar doelen in de DIN in.",
             2, None),
        ],
        actions=[
            ("Metingen van 2021 in de DIN invoeren, per werkgroep.", 2, PARTNER2,
             datetime.date(2021, 12, 15), True),
        ],
    ),
    dict(
        title="Partneroverleg november 2021",
        starts_at=_at(2021, 11, 23, 15, 0),
        minutes=120,
        location="Bibliotheek Landerd, Zeeland",
        chair=PARTNER,
        deadline=_at(2021, 11, 9, 17, 0),
        published=_at(2021, 11, 16, 9, 0),
        agenda=[
            ("Leergeschiedenis fase 3: wat blijft", AgendaKind.BESPREKEN, 45, PARTNER, None,
             None, "De reflecties van dit jaar, en wat we de gemeenteraad willen meegeven."),
            ("Bijdragen in natura zichtbaar maken", AgendaKind.BESPREKEN, 30, PARTNER, None,
             QUESTIONS_2020[3][0], "Uren, ruimte en vrijwilligers staan nu in het netwerk "
             "van de DIN; is dat genoeg?"),
            ("Na 2021: elkaar blijven ontmoeten", AgendaKind.BESLUITEN, 45, KARTREKKER, None,
             None, "Voorstel: twee keer per jaar een partneroverleg, bij toerbeurt."),
        ],
        decisions=[
            ("De leergeschiedenis van fase 3 gaat met de fasenrapportage naar de "
             "gemeenteraad.", 0, None),
            ("Na de programmaperiode komen de partners twee keer per jaar bijeen, bij "
             "toerbeurt georganiseerd door een van hen.", 2, None),
        ],
        actions=[
            ("Het eerste partneroverleg van 2022 plannen en de partners uitnodigen.", 2,
             PARTNER, datetime.date(2022, 1, 31), False),
        ],
    ),
]  # fmt: skip


def seed_meetings(*, users, themes, questions) -> list[PartnerMeeting]:
    """The sample partner meetings, held, with their agenda and outcomes (by title)."""
    return [_seed_meeting(row, users=users, themes=themes, questions=questions) for row in MEETINGS]


def _seed_meeting(row, *, users, themes, questions) -> PartnerMeeting:
    meeting, _ = upsert(
        PartnerMeeting,
        lookup={"title": row["title"]},
        values={
            "starts_at": row["starts_at"],
            "duration_minutes": row["minutes"],
            "location": row["location"],
            "chair": users[row["chair"]],
            "proposal_deadline": row["deadline"],
            "status": PartnerMeeting.Status.HELD,
            "published_at": row["published"],
        },
    )
    items = []
    for order, (title, kind, minutes, presenter, theme, question, text) in enumerate(
        row["agenda"], 1
    ):
        item, _ = upsert(
            AgendaItem,
            lookup={"meeting": meeting, "title": title},
            values={
                "order": order,
                "kind": kind,
                "minutes_allotted": minutes,
                "presenter": users[presenter],
                "theme": themes[theme] if theme else None,
                "question": questions[question] if question else None,
                "text": text,
            },
        )
        items.append(item)
        if question:
            upsert(
                Question,
                lookup={"pk": questions[question].pk},
                values={"status": Question.Status.ADDRESSED, "addressed_in": meeting},
            )

    for text, item, theme in row["decisions"]:
        upsert(
            Decision,
            lookup={"meeting": meeting, "text": text},
            values={"agenda_item": items[item], "theme": themes[theme] if theme else None},
        )
    for description, item, owner, due, done in row["actions"]:
        upsert(
            ActionItem,
            lookup={"meeting": meeting, "description": description},
            values={
                "agenda_item": items[item],
                "owner": users[owner],
                "due_date": due,
                "done": done,
                "done_at": _at(due.year, due.month, due.day, 12, 0) if done else None,
            },
        )
    return meeting
