"""The residents' side of the demo: upcoming activities in the public agenda and an open
quick poll per theme with some answers.

Dated from today on, whatever today is, so that /agenda/ always has something this week
(an activity in Reek today among them). Idempotent: rows are found by title or question,
answers are only added to a poll that has none.
"""

import datetime

from django.utils import timezone

from themes.models import Activity, Poll, PollAnswer, TargetGroup, Village

from ..rows import upsert

PUBLIC_ACTIVITIES = [
    # (days from today, start, end, title, theme, owner, villages, groups, description)
    (
        0,
        "19:30",
        "21:00",
        "Samen eten in De Wis",
        "eenzaamheid",
        "ons-welzijn",
        ["reek"],
        ["ouderen", "volwassenen"],
        "Een warme maaltijd met dorpsgenoten in gemeenschapshuis De Wis. Opgeven is fijn maar "
        "niet nodig; wie slecht ter been is, kan worden opgehaald.",
    ),
    (
        1,
        "10:00",
        "11:30",
        "Koffieochtend voor mantelzorgers",
        "mantelzorg",
        "zorgcooperatie-schaijk",
        ["schaijk"],
        ["mantelzorgers"],
        "Even niet zorgen: koffie, een praatje en tips van andere mantelzorgers.",
    ),
    (
        2,
        "14:00",
        "16:00",
        "Wandelen met de buurtsportcoach",
        "eenzaamheid",
        "ons-welzijn",
        ["reek", "zeeland"],
        ["ouderen"],
        "Een rustige wandeling van een uur door het buitengebied, daarna samen koffie.",
    ),
    (
        4,
        "19:30",
        "21:30",
        "Ouderavond ‘Alcohol en je puber’",
        "preventie-drugs-alcohol",
        "ggd",
        ["zeeland"],
        ["ouders"],
        "Hoe praat je met je kind over alcohol? Een avond met een ervaringsdeskundige en de GGD.",
    ),
    (
        7,
        None,
        None,
        "Inloopmiddag opvoedvragen in de bibliotheek",
        "opvoeding",
        "bibliotheek-landerd",
        ["schaijk"],
        ["ouders"],
        "Loop binnen met je vragen over opvoeden; een opvoedadviseur is er de hele middag.",
    ),
    (
        10,
        "09:30",
        "11:00",
        "Peuter-en-ouderochtend",
        "opvoeding",
        "ons-welzijn",
        ["reek"],
        ["ouders", "jeugd"],
        "Spelen, zingen en andere ouders leren kennen, voor ouders met kinderen tot vier jaar.",
    ),
    (
        14,
        "13:30",
        "16:00",
        "Mantelzorgmiddag met workshop",
        "mantelzorg",
        "zorgcooperatie-zeeland",
        ["zeeland"],
        ["mantelzorgers"],
        "Een middag voor mantelzorgers uit heel Landerd, met een workshop over grenzen stellen.",
    ),
    (
        21,
        "20:00",
        "21:30",
        "Gesprek over eenzaamheid: ‘Zie je mij?’",
        "eenzaamheid",
        "gemeente-landerd",
        ["schaijk", "reek", "zeeland"],
        ["volwassenen", "ouderen"],
        "Een open avond over eenzaamheid in onze dorpen: wat zie je, en wat kun je doen?",
    ),
]

POLLS = [
    # (theme, question, kind, options, allow_text, answers [(choice, text)])
    (
        "preventie-drugs-alcohol",
        "Weet je waar je terechtkunt met vragen over alcohol en je kind?",
        Poll.Kind.OPTIONS,
        "Ja\nNee\nIk twijfel",
        True,
        [
            (1, ""),
            (1, ""),
            (2, "Bij de huisarts denk ik, maar ik weet het niet zeker."),
            (3, ""),
            (2, ""),
        ],
    ),
    (
        "opvoeding",
        "Hoe tevreden ben je over de steun bij het opvoeden in je dorp?",
        Poll.Kind.SCALE,
        "",
        True,
        [(4, ""), (3, "Meer activiteiten in Reek graag."), (5, ""), (4, ""), (2, "")],
    ),
    (
        "mantelzorg",
        "Wat helpt jou het meest als mantelzorger?",
        Poll.Kind.OPTIONS,
        "Even vrij (respijtzorg)\nPraten met andere mantelzorgers\nHulp bij regelwerk",
        True,
        [(1, "Een middag per week zou al veel schelen."), (2, ""), (3, ""), (1, ""), (1, "")],
    ),
    (
        "eenzaamheid",
        "Voel je je weleens eenzaam?",
        Poll.Kind.OPTIONS,
        "Nooit\nSoms\nVaak",
        True,
        [(2, ""), (1, ""), (2, "Vooral in het weekend."), (3, ""), (2, ""), (1, "")],
    ),
]


def _time(value):
    return datetime.time.fromisoformat(value) if value else None


def seed_public(*, users, themes, organisations) -> None:
    today = timezone.localdate()
    villages = Village.objects.in_bulk(field_name="slug")
    groups = TargetGroup.objects.in_bulk(field_name="code")
    creator = users["programmateam@demo.example"]
    for (
        days,
        start,
        end,
        title,
        theme,
        owner,
        village_slugs,
        group_codes,
        text,
    ) in PUBLIC_ACTIVITIES:
        activity, _ = upsert(
            Activity,
            lookup={"title": title},
            values={
                "theme": themes[theme],
                "date": today + datetime.timedelta(days=days),
                "start_time": _time(start),
                "end_time": _time(end),
                "owner_organisation": organisations[owner],
                "description": text,
                "status": Activity.Status.PUBLISHED,
                "is_public": True,
                "created_by": creator,
                "updated_by": creator,
            },
        )
        activity.villages.set([villages[slug] for slug in village_slugs])
        activity.target_groups.set([groups[code] for code in group_codes])
        activity.organisations.set([organisations[owner]])

    for theme, question, kind, options, allow_text, answers in POLLS:
        poll, _ = upsert(
            Poll,
            lookup={"theme": themes[theme], "question": question},
            values={
                "kind": kind,
                "options": options,
                "allow_text": allow_text,
                "closes_on": today + datetime.timedelta(days=28),
                "created_by": creator,
            },
        )
        if not poll.answers.exists():
            PollAnswer.objects.bulk_create(
                PollAnswer(poll=poll, choice=choice, text=text) for choice, text in answers
            )
