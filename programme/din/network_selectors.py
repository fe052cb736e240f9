"""Read the partnership network of a period: who worked with whom, and how that changed.

Organisations are the nodes. Two organisations are tied when they took part in the same
published activity (its owner and the organisations involved) or carried the same DIN
effort (its lead organisation and its network). An effort counts in a period when a
published activity of the period is linked to it: efforts carry no dates of their own,
the work done for them does. The weight of a tie is the number of activities plus the
number of efforts the two shared.

Every figure is read with a fixed number of queries (four per period, one each for the
organisations and the themes), whatever the number of activities; the theme filter is
applied in Python so that "organisations that bridge themes" always looks across all
themes.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from partners.models import Organisation
from programme.models import Effort, NetworkEntry
from themes.models import Activity, Theme


@dataclass
class Participation:
    """Who took part in what in one period: per activity and per effort, with its theme."""

    activities: dict = field(default_factory=dict)  # activity pk -> (theme pk, {org pks})
    efforts: dict = field(default_factory=dict)  # effort pk -> (theme pk, {org pks})

    def for_theme(self, theme_id):
        if theme_id is None:
            return self
        return Participation(
            activities={k: v for k, v in self.activities.items() if v[0] == theme_id},
            efforts={k: v for k, v in self.efforts.items() if v[0] == theme_id},
        )

    def organisation_ids(self):
        ids = set()
        for _theme, members in (*self.activities.values(), *self.efforts.values()):
            ids |= members
        return ids

    def themes_per_organisation(self):
        themes = defaultdict(set)
        for theme_id, members in (*self.activities.values(), *self.efforts.values()):
            for organisation_id in members:
                themes[organisation_id].add(theme_id)
        return themes

    def ties(self):
        """(org pk, org pk) with the lower pk first -> {"activities": n, "efforts": n}."""
        ties = defaultdict(lambda: {"activities": 0, "efforts": 0})
        for kind, items in (("activities", self.activities), ("efforts", self.efforts)):
            for _theme, members in items.values():
                for pair in combinations(sorted(members), 2):
                    ties[pair][kind] += 1
        return dict(ties)


def participation(*, period_start, period_end) -> Participation:
    """Who took part in which published activities and active efforts of the period.

    Four queries: the activities, their involved organisations, the efforts they link
    to, and those efforts' network entries.
    """
    activities = Activity.objects.published_in_period(
        period_start=period_start, period_end=period_end
    )
    result = Participation()
    effort_ids = set()
    for pk, theme_id, owner_id, effort_id in activities.values_list(
        "pk", "theme_id", "owner_organisation_id", "effort_id"
    ):
        result.activities[pk] = (theme_id, {owner_id})
        if effort_id:
            effort_ids.add(effort_id)
    involved = Activity.organisations.through.objects.filter(activity__in=activities)
    for activity_id, organisation_id in involved.values_list("activity_id", "organisation_id"):
        result.activities[activity_id][1].add(organisation_id)

    efforts = Effort.objects.filter(pk__in=effort_ids)
    for pk, theme_id, lead_id in efforts.values_list(
        "pk", "goal__theme_id", "lead_organisation_id"
    ):
        result.efforts[pk] = (theme_id, {lead_id} if lead_id else set())
    entries = NetworkEntry.objects.filter(effort_id__in=effort_ids)
    for effort_id, organisation_id in entries.values_list("effort_id", "organisation_id"):
        result.efforts[effort_id][1].add(organisation_id)
    return result


@dataclass
class Node:
    pk: int
    name: str
    slug: str
    activities: int = 0  # activities and efforts it took part in
    ties: int = 0  # number of organisations it is tied to
    weight: int = 0  # sum of the weights of its ties
    is_bridge: bool = False
    is_new: bool = False  # took part in this period, not in the previous one
    themes: list = field(default_factory=list)  # names of the themes it took part in


@dataclass
class Tie:
    first: Node
    second: Node
    activities: int
    efforts: int
    is_new: bool

    @property
    def weight(self):
        return self.activities + self.efforts


@dataclass
class NetworkSummary:
    organisations: int
    ties: int
    density: float


@dataclass
class Network:
    """The network of one period (and theme), compared with the previous period."""

    nodes: list  # Node, by name: the organisations that took part in this period
    dropped_out: list  # Node, by name: in the previous period, not in this one
    ties: list  # Tie, heaviest first
    density: float
    bridges: list  # Node: organisations that took part in two or more themes
    previous: NetworkSummary | None  # None when there is nothing to compare with
    ended_ties: int = 0  # ties of the previous period that this one lacks
    slots: list = field(default_factory=list)  # every organisation, by name: stable layout

    @property
    def tie_count(self):
        return len(self.ties)

    @property
    def new_ties(self):
        return [tie for tie in self.ties if tie.is_new]

    @property
    def change(self):
        """Differences with the previous period, or None."""
        if self.previous is None:
            return None
        return {
            "organisations": len(self.nodes) - self.previous.organisations,
            "ties": self.tie_count - self.previous.ties,
            "density": self.density - self.previous.density,
            "new_ties": len(self.new_ties),
            "ended_ties": self.ended_ties,
            "dropped_out": len(self.dropped_out),
        }

    def summary(self):
        """The key figures as plain data (stored with a report version)."""
        return {
            "organisations": len(self.nodes),
            "ties": self.tie_count,
            "density": round(self.density, 3),
            "bridges": [node.name for node in self.bridges],
            "new_ties": len(self.new_ties) if self.previous else None,
            "dropped_out": [node.name for node in self.dropped_out],
        }


def density(*, organisations: int, ties: int) -> float:
    """The share of all possible ties between the organisations that exists (0 to 1)."""
    possible = organisations * (organisations - 1) / 2
    return ties / possible if possible else 0.0


def _network(current, previous, *, theme_id, organisations, theme_names):
    """Build the Network from the participation of this and the previous period."""
    themes_everywhere = current.themes_per_organisation()
    here = current.for_theme(theme_id)
    before = previous.for_theme(theme_id) if previous is not None else None
    if before is not None and not before.organisation_ids():
        before = None  # nothing recorded then: no comparison, rather than "all new"

    nodes = {}
    for pk in here.organisation_ids():
        organisation = organisations[pk]
        nodes[pk] = Node(pk=pk, name=organisation["name"], slug=organisation["slug"])
    for _theme, members in (*here.activities.values(), *here.efforts.values()):
        for pk in members:
            nodes[pk].activities += 1
    for pk, node in nodes.items():
        node.is_bridge = len(themes_everywhere[pk]) >= 2
        node.themes = sorted(theme_names[t] for t in themes_everywhere[pk])

    before_ties = before.ties() if before is not None else {}
    before_ids = before.organisation_ids() if before is not None else set()
    ties = []
    here_ties = here.ties()
    for (a, b), counts in here_ties.items():
        tie = Tie(
            first=nodes[a],
            second=nodes[b],
            activities=counts["activities"],
            efforts=counts["efforts"],
            is_new=before is not None and (a, b) not in before_ties,
        )
        ties.append(tie)
        for node in (nodes[a], nodes[b]):
            node.ties += 1
            node.weight += tie.weight
    ties.sort(key=lambda t: (-t.weight, t.first.name, t.second.name))
    if before is not None:
        for pk, node in nodes.items():
            node.is_new = pk not in before_ids
    dropped = [
        Node(
            pk=pk,
            name=organisations[pk]["name"],
            slug=organisations[pk]["slug"],
        )
        for pk in before_ids - set(nodes)
    ]
    by_name = sorted(nodes.values(), key=lambda n: n.name)
    network = Network(
        nodes=by_name,
        dropped_out=sorted(dropped, key=lambda n: n.name),
        ties=ties,
        density=density(organisations=len(nodes), ties=len(ties)),
        bridges=[node for node in by_name if node.is_bridge],
        previous=(
            NetworkSummary(
                organisations=len(before_ids),
                ties=len(before_ties),
                density=density(organisations=len(before_ids), ties=len(before_ties)),
            )
            if before is not None
            else None
        ),
        ended_ties=len(set(before_ties) - set(here_ties)),
        slots=[
            {"pk": pk, "name": value["name"]}
            for pk, value in sorted(organisations.items(), key=lambda item: item[1]["name"])
        ],
    )
    return network


def partnership_network(*, period_start, period_end, previous_period=None, theme=None):
    """The network of the period (of one theme if given), compared with ``previous_period``
    (a ``(start, end)`` pair, or None). Ten queries with a previous period, six without.
    """
    current = participation(period_start=period_start, period_end=period_end)
    previous = None
    if previous_period is not None:
        previous = participation(period_start=previous_period[0], period_end=previous_period[1])
    organisations = {
        pk: {"name": name, "slug": slug}
        for pk, name, slug in Organisation.objects.values_list("pk", "name", "slug")
    }
    theme_names = dict(Theme.objects.values_list("pk", "name"))
    theme_id = theme.pk if theme is not None else None
    return _network(
        current,
        previous,
        theme_id=theme_id,
        organisations=organisations,
        theme_names=theme_names,
    )


def phase_network(*, phase, previous=None, theme=None):
    """The network of a whole phase compared with the previous one (if given)."""
    return partnership_network(
        period_start=phase.start_date,
        period_end=phase.end_date,
        previous_period=(previous.start_date, previous.end_date) if previous else None,
        theme=theme,
    )
