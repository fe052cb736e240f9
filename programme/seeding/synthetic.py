"""Synthetic activities for load and performance work (``seed_landerd --activities N``).

Generated from a seeded random generator, so the same seed gives the same activities,
and written in bulk: additive, not idempotent, and without history records.
"""

import datetime
import random

from django.db import transaction

from landerd_portal.fragments import content_changed
from partners.models import Organisation
from programme.models import Effort
from themes.models import Activity, HealthDimension, TargetGroup, Theme, Village

# Titles per theme, combined with a village name.
SYNTHETIC_TITLES = {
    "preventie-drugs-alcohol": [
        "Ouderavond over alcohol",
        "Alcoholvrij jongerenfeest",
        "Voorlichting in de brugklas",
        "Gesprek met een sportvereniging",
        "Training verantwoord schenken",
    ],
    "opvoeding": [
        "Ochtend netwerk jonge moeders",
        "Opvoedspreekuur",
        "Voorleesochtend voor peuters",
        "Workshop positief opvoeden",
        "Ouder-kindmiddag",
    ],
    "mantelzorg": [
        "Mantelzorgcafé",
        "Inloopspreekuur mantelzorg",
        "Wandeling voor mantelzorgers",
        "Workshop grenzen aangeven",
        "Informatiemiddag respijtzorg",
    ],
    "eenzaamheid": [
        "Activiteit zomerkalender",
        "Samen eten",
        "Koffieochtend",
        "Wandelgroep",
        "Digicafé",
        "Huisbezoek door vrijwilligers",
    ],
}
# The target groups each theme mostly reaches; another one is sometimes added.
THEME_TARGET_GROUPS = {
    "preventie-drugs-alcohol": ["jeugd", "ouders"],
    "opvoeding": ["ouders", "jeugd"],
    "mantelzorg": ["mantelzorgers", "ouderen"],
    "eenzaamheid": ["ouderen", "volwassenen"],
}
SYNTHETIC_FIRST_DAY = datetime.date(2019, 1, 1)
SYNTHETIC_DAYS = (datetime.date(2021, 12, 31) - SYNTHETIC_FIRST_DAY).days + 1


def add_synthetic_activities(*, count: int, seed: int = 2019, batch_size: int = 2000) -> int:
    """Add ``count`` generated activities (2019–2021) with their villages, target groups,
    health dimensions and organisations; returns how many were added.

    Built for volume (50,000 in seconds): rows and M2M links go in with ``bulk_create``,
    which sends no signals, so no django-simple-history rows are written. The same
    ``seed`` gives the same activities; every call adds new rows.
    """
    if count <= 0:
        return 0
    rng = random.Random(seed)
    themes = list(Theme.objects.order_by("order", "slug"))
    villages = list(Village.objects.order_by("slug").values_list("pk", "name"))
    organisations = list(Organisation.objects.order_by("slug").values_list("pk", "name"))
    groups = dict(TargetGroup.objects.order_by("code").values_list("code", "pk"))
    dimensions = list(HealthDimension.objects.order_by("code").values_list("pk", flat=True))
    if not (themes and villages and organisations and groups and dimensions):
        raise ValueError("Load the programme (seed_programme) before adding activities.")
    efforts_by_theme = {}
    for effort_id, theme_id in Effort.objects.order_by("pk").values_list("pk", "goal__theme"):
        efforts_by_theme.setdefault(theme_id, []).append(effort_id)

    links = {
        name: _through_table(name)
        for name in ("villages", "target_groups", "health_dimensions", "organisations")
    }
    added = 0
    with transaction.atomic():
        while added < count:
            size = min(batch_size, count - added)
            activities, related = [], []
            for _ in range(size):
                theme = rng.choice(themes)
                owner_id, owner_name = rng.choice(organisations)
                chosen_villages = rng.sample(villages, rng.choices((1, 2, 3), (80, 15, 5))[0])
                group_codes = {rng.choice(THEME_TARGET_GROUPS.get(theme.slug, list(groups)))}
                if rng.random() < 0.25:
                    group_codes.add(rng.choice(sorted(groups)))
                others = [pk for pk, _ in organisations if pk != owner_id]
                date = SYNTHETIC_FIRST_DAY + datetime.timedelta(days=rng.randrange(SYNTHETIC_DAYS))
                label = rng.choice(SYNTHETIC_TITLES.get(theme.slug, ["Activiteit"]))
                place = ", ".join(name for _, name in chosen_villages)
                theme_efforts = efforts_by_theme.get(theme.pk)
                activities.append(
                    Activity(
                        theme=theme,
                        title=f"{label} {chosen_villages[0][1]}",
                        date=date,
                        end_date=(
                            date + datetime.timedelta(days=rng.randint(1, 60))
                            if rng.random() < 0.15
                            else None
                        ),
                        owner_organisation_id=owner_id,
                        reach=rng.randint(5, 300),
                        volunteers=rng.randint(0, 12) if rng.random() < 0.8 else None,
                        description=f"{label} in {place}, georganiseerd door {owner_name}.",
                        effort_id=(
                            rng.choice(theme_efforts)
                            if theme_efforts and rng.random() < 0.4
                            else None
                        ),
                        status=(
                            Activity.Status.PUBLISHED
                            if rng.random() < 0.85
                            else Activity.Status.DRAFT
                        ),
                    )
                )
                related.append(
                    {
                        "villages": [pk for pk, _ in chosen_villages],
                        "target_groups": [groups[code] for code in sorted(group_codes)],
                        "health_dimensions": rng.sample(dimensions, rng.randint(1, 2)),
                        "organisations": rng.sample(others, rng.choice((0, 0, 1, 1, 2))),
                    }
                )
            Activity.objects.bulk_create(activities, batch_size=batch_size)
            if activities[0].pk is None:  # pragma: no cover - every supported backend
                raise RuntimeError("This database does not return ids from bulk_create.")
            for name, (through, link) in links.items():
                through.objects.bulk_create(
                    [
                        link(activity.pk, pk)
                        for activity, linked in zip(activities, related, strict=True)
                        for pk in linked[name]
                    ],
                    batch_size=batch_size * 2,
                )
            added += size
    content_changed()  # bulk_create sends no signals; cached pages must not miss these
    return added


def _through_table(field_name: str):
    """The through model of an Activity M2M field, and a fast maker of its rows.

    A link row is built from positional values, in the order of the model's columns:
    that skips the keyword handling of ``Model.__init__``, which otherwise dominates the
    time spent on a few hundred thousand rows.
    """
    field = Activity._meta.get_field(field_name)
    through = field.remote_field.through
    columns = [f.attname for f in through._meta.concrete_fields]
    source = columns.index(f"{field.m2m_field_name()}_id")
    target = columns.index(f"{field.m2m_reverse_field_name()}_id")
    template = [None] * len(columns)

    def link(activity_id, target_id):
        values = template.copy()
        values[source] = activity_id
        values[target] = target_id
        return through(*values)

    return through, link
