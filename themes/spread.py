"""Selectors for practices spreading between villages (issue 16): which approach started
where, and which villages took it up later ("voortbouwend op").

An *approach* is a published activity that builds on nothing (its origin) with every
published activity that builds on it, directly or through others, in date order. A step
of the approach is a *take-up* when it reaches a village that no earlier step reached;
an approach has *spread* when it has at least one take-up. Only published activities
count: they are what every reader of the portal may see, so a figure is the same for all.
Every function reads with a fixed number of queries (the links, the chain activities,
their villages) and builds the approaches in Python.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from landerd_portal.fragments import ACTIVITIES, VOCABULARY, cached_lookup

from .models import Activity

SEARCH_MIN_LENGTH = 2
SEARCH_LIMIT = 8


@dataclass
class Step:
    activity: Activity
    villages: list
    new_villages: list = field(default_factory=list)
    is_origin: bool = False

    @property
    def is_take_up(self):
        return not self.is_origin and bool(self.new_villages)


@dataclass
class Approach:
    steps: list

    @property
    def origin(self):
        return self.steps[0].activity

    @property
    def take_ups(self):
        return [step for step in self.steps if step.is_take_up]

    @property
    def villages(self):
        """Every village the approach reached, in the order it reached them."""
        return [village for step in self.steps for village in step.new_villages]


def _chain_activities():
    """Published activities that build on another or that another builds on."""
    published = Activity.objects.filter(status=Activity.Status.PUBLISHED)
    # The links first, from the builds-on index (a handful of rows), then those activities
    # by number: a join with DISTINCT, or an OR of two subqueries, reads every published
    # activity (25 ms at 50,000).
    links = published.filter(builds_on__isnull=False).values_list("pk", "builds_on_id")
    return list(
        published.filter(pk__in={pk for link in links for pk in link})
        .select_related("theme", "owner_organisation")
        .prefetch_related("villages")
        .order_by("date", "pk")
    )


def _approaches(activities):
    by_id = {activity.pk: activity for activity in activities}
    followers = {}
    for activity in activities:
        if activity.builds_on_id in by_id and activity.builds_on_id != activity.pk:
            followers.setdefault(activity.builds_on_id, []).append(activity)
    origins = [a for a in activities if a.builds_on_id not in by_id or a.builds_on_id == a.pk]
    approaches = []
    for origin in origins:
        members, todo, seen = [], [origin], set()
        while todo:
            activity = todo.pop()
            if activity.pk in seen:
                continue
            seen.add(activity.pk)
            members.append(activity)
            todo.extend(followers.get(activity.pk, []))
        members.sort(key=lambda a: (a.date, a.pk))
        reached, steps = set(), []
        for activity in members:
            villages = sorted(activity.villages.all(), key=lambda v: v.name)
            # The origin's villages are where the approach started, not where it spread to.
            new = [v for v in villages if v.pk not in reached]
            reached.update(v.pk for v in villages)
            steps.append(
                Step(
                    activity=activity,
                    villages=villages,
                    new_villages=new,
                    is_origin=activity is origin,
                )
            )
        approaches.append(Approach(steps=steps))
    return approaches


def spread_approaches(*, theme=None):
    """The approaches that were taken up in another village, newest take-up first.

    With ``theme``, only approaches that started in that theme.
    """
    spread = [a for a in _approaches(_chain_activities()) if a.take_ups]
    if theme is not None:
        spread = [a for a in spread if a.origin.theme_id == theme.pk]
    spread.sort(key=lambda a: (a.take_ups[-1].activity.date, a.origin.pk), reverse=True)
    return spread


def spread_counts_by_theme():
    """How many approaches that started in each theme were taken up in another village:
    ``{theme id: count}``, kept per version of the activities (an approach crosses themes)
    and of the vocabulary (villages), also when page parts are not cached: reading every
    chain again for one number on the theme page would grow with the data."""

    def count():
        counts = {}
        for approach in spread_approaches():
            counts[approach.origin.theme_id] = counts.get(approach.origin.theme_id, 0) + 1
        return counts

    return cached_lookup("spread-counts", count, areas=(ACTIVITIES, VOCABULARY))


def spread_in_period(*, period_start, period_end):
    """Take-ups dated in the period, per approach (for the phase report): ``rows`` of
    ``{"approach", "take_ups"}`` (only the period's take-ups), oldest origin first."""
    rows = []
    for approach in spread_approaches():
        in_period = [
            step for step in approach.take_ups if period_start <= step.activity.date <= period_end
        ]
        if in_period:
            rows.append({"approach": approach, "take_ups": in_period})
    rows.sort(key=lambda row: (row["approach"].origin.date, row["approach"].origin.pk))
    return {
        "rows": rows,
        "approach_count": len(rows),
        "take_ups": sum(len(row["take_ups"]) for row in rows),
    }


def published_activity(pk):
    """The published activity numbered ``pk`` (a string from a form or link), or None."""
    if not str(pk).isdigit():
        return None
    return Activity.objects.filter(pk=pk, status=Activity.Status.PUBLISHED).first()


def builds_on_candidates(*, query, exclude=None):
    """Published activities whose number, title, organisation or village matches ``query``
    (any organisation's), for choosing what an activity builds on. At most SEARCH_LIMIT."""
    query = (query or "").strip()
    if len(query) < SEARCH_MIN_LENGTH and not query.isdigit():
        return []
    matches = (
        Q(title__icontains=query)
        | Q(owner_organisation__name__icontains=query)
        | Q(villages__name__icontains=query)
    )
    if query.isdigit():
        matches |= Q(pk=int(query))
    found = Activity.objects.filter(matches, status=Activity.Status.PUBLISHED)
    if exclude is not None:
        found = found.exclude(pk=exclude)
    ids = found.order_by().values("pk").distinct()
    return list(
        Activity.objects.filter(pk__in=ids)
        .select_related("owner_organisation")
        .prefetch_related("villages")
        .order_by("-date", "-pk")[:SEARCH_LIMIT]
    )
