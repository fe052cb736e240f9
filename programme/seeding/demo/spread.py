"""Practices spreading between villages (issue 16): which sample activity builds on which.

Seed 001 names the zomerkalender and the netwerk jonge moeders as approaches that went
from one village to the others; the opvoedspreekuur and the belcirkel followed later.
Each pair is (later activity, the earlier activity it builds on), by title.
"""

from themes.models import Activity

from ..rows import upsert

BUILDS_ON = [
    ("Zomerkalender Schaijk", "Zomerkalender Zeeland"),
    ("Zomerkalender Reek", "Zomerkalender Zeeland"),
    ("Zomerkalender 2020 in de buitenlucht", "Zomerkalender Reek"),
    (
        "Zomerkalender 2021, gedragen door de zorgcoöperaties",
        "Zomerkalender 2020 in de buitenlucht",
    ),
    ("Netwerk jonge moeders Zeeland", "Start netwerk jonge moeders Schaijk"),
    ("Netwerk jonge moeders Reek van start", "Netwerk jonge moeders Zeeland"),
    ("Netwerk jonge moeders: de moeders nemen het over", "Netwerk jonge moeders Reek van start"),
    ("Opvoedspreekuur in de bibliotheek Schaijk", "Opvoedspreekuur in de bibliotheek"),
    ("Belcirkel uitgebreid naar Reek", "Belcirkel voor ouderen die alleen wonen"),
]


def seed_spread() -> None:
    """Link the sample activities that took up an approach from another village."""
    # Titles are the sample activities' natural key (seed_activities looks them up so).
    titles = {title for pair in BUILDS_ON for title in pair}
    activities = {
        activity.title: activity
        for activity in Activity.objects.filter(title__in=titles).order_by("-pk")
    }
    for later, earlier in BUILDS_ON:
        upsert(
            Activity, lookup={"pk": activities[later].pk}, values={"builds_on": activities[earlier]}
        )
