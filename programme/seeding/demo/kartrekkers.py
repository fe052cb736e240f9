"""Who led each working group in each execution year: the history the sustainability
indicator reads (programme.din.sustainability_selectors).

The working groups are created today, so their history would start today; these records
go back to the years the demo covers. In 2019 the programme manager (the programme team,
from the municipality) led every working group; in 2020 a partner took over eenzaamheid;
in 2021, without programme management, the programme team let go of the other three.
Each record is found by its working group and date, so running the seed again adds
none.
"""

import datetime
from zoneinfo import ZoneInfo

from themes.models import WorkingGroup

from .accounts import KARTREKKER_THEME

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PROGRAMME_TEAM = "programmateam@demo.example"

# (date, theme slug or None for every working group, kartrekker e-mail or None)
KARTREKKER_CHANGES = [
    (datetime.date(2019, 1, 7), None, PROGRAMME_TEAM),
    (datetime.date(2020, 1, 6), KARTREKKER_THEME, "kartrekker@demo.example"),
    (datetime.date(2021, 1, 4), "other", None),
]


def seed_kartrekker_history(*, users, themes) -> None:
    working_groups = list(WorkingGroup.objects.filter(theme__in=themes.values()))
    for day, theme_slug, email in KARTREKKER_CHANGES:
        moment = datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=AMSTERDAM)
        for working_group in working_groups:
            slug = working_group.theme.slug
            if theme_slug == "other" and slug == KARTREKKER_THEME:
                continue
            if theme_slug not in (None, "other") and slug != theme_slug:
                continue
            # Not rows.upsert: a history record has no full_clean() worth running (it
            # would ask for a history user, which the demo's back-dated records lack).
            WorkingGroup.history.model.objects.update_or_create(
                id=working_group.pk,
                history_date=moment,
                defaults={
                    "name": working_group.name,
                    "theme_id": working_group.theme_id,
                    "kartrekker": users[email] if email else None,
                    "history_type": "+" if theme_slug is None else "~",
                    "history_change_reason": "Demo: kartrekker in deze fase",
                },
            )
