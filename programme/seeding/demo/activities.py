"""Sample activities of the three execution years, on all four themes.

The rows are tables per year (:mod:`.activities_2019`, :mod:`.activities_2020`,
:mod:`.activities_2021`); this module writes them.
"""

import datetime
from zoneinfo import ZoneInfo

from themes.models import Activity, HealthDimension, TargetGroup, Village

from ..rows import upsert
from .accounts import KARTREKKER_THEME
from .activities_2019 import ACTIVITIES_2019
from .activities_2020 import ACTIVITIES_2020
from .activities_2021 import ACTIVITIES_2021

SAMPLE_ACTIVITIES = [*ACTIVITIES_2019, *ACTIVITIES_2020, *ACTIVITIES_2021]
AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# Who logged a sample activity: the demo partner of the owning organisation where there
# is one, the programme team otherwise.
LOGGED_BY = {"ons-welzijn": "partner@demo.example", "ggd": "partner2@demo.example"}


def _consent_recorded_at(day: datetime.date) -> datetime.datetime:
    """When the demo records a quote's consent: at noon on the activity's day."""
    return datetime.datetime.combine(day, datetime.time(12, 0), tzinfo=AMSTERDAM)


def seed_activities(*, users, themes, organisations, efforts) -> None:
    """Create or update the sample activities (by title) with their villages and links."""
    villages = Village.objects.in_bulk(field_name="slug")
    groups = TargetGroup.objects.in_bulk(field_name="code")
    dimensions = HealthDimension.objects.in_bulk(field_name="code")

    for row in SAMPLE_ACTIVITIES:
        creator = users[LOGGED_BY.get(row["owner"], "programmateam@demo.example")]
        if row["theme"] == KARTREKKER_THEME and row["owner"] == "ons-welzijn":
            creator = users["kartrekker@demo.example"]
        # A quote reaches the report only with recorded consent; the rows say when a
        # quoted person was not asked (yet), so the report's warning has something to show.
        consent = bool(row["quote"]) and row.get("consent", True)
        activity, _ = upsert(
            Activity,
            lookup={"title": row["title"]},
            values={
                "theme": themes[row["theme"]],
                "date": row["date"],
                "end_date": row["end"],
                "owner_organisation": organisations[row["owner"]],
                "reach": row["reach"],
                "volunteers": row["volunteers"],
                "description": row["description"],
                "quote": row["quote"],
                "quote_attribution": row["attribution"],
                "quote_consent": consent,
                "quote_consent_by": creator if consent else None,
                "quote_consent_at": _consent_recorded_at(row["date"]) if consent else None,
                "effort": efforts[row["effort"]] if row["effort"] else None,
                "status": row["status"],
                "created_by": creator,
                "updated_by": creator,
            },
        )
        # set() only adds and removes the difference, so a re-run sends no m2m signals.
        activity.villages.set([villages[s] for s in row["villages"]])
        activity.target_groups.set([groups[c] for c in row["groups"]])
        activity.health_dimensions.set([dimensions[c] for c in row["dimensions"]])
        activity.organisations.set([organisations[s] for s in row["organisations"]])
