"""Read the DIN: goals, their efforts, the network carrying them and the progress made.

Progress is derived, never typed in twice: the activities partners link to an effort and
the indicator values entered over time. A goal without any activity in the current phase
is marked so that the working group sees where the work stalls.
"""

from dataclasses import dataclass, field

from django.db.models import Func, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce

from landerd_portal.fragments import DIN, VOCABULARY, cached_lookup
from partners.models import Organisation
from programme.models import Effort, Goal, IndicatorValue, NetworkEntry
from programme.phases.selectors import current_phase
from themes.models import Activity, Theme


def _activity_count(phase=None, **lookups):
    """A subquery counting the activities that match ``lookups`` (within the phase if given).

    A correlated ``COUNT`` per effort or goal, answered from the (effort, date) index,
    instead of joining every activity of the theme and counting distinct ids.
    """
    activities = Activity.objects.filter(**lookups)
    if phase is not None:
        activities = activities.filter(date__gte=phase.start_date, date__lte=phase.end_date)
    count = activities.order_by().values(one=Value(1)).annotate(n=Func("pk", function="COUNT"))
    return Coalesce(Subquery(count.values("n")[:1]), 0, output_field=IntegerField())


def _goals_queryset(phase):
    no_phase = Value(0, output_field=IntegerField())
    efforts = (
        Effort.objects.select_related("lead_organisation")
        .annotate(
            activity_count=_activity_count(effort=OuterRef("pk")),
            phase_activity_count=(
                _activity_count(phase, effort=OuterRef("pk")) if phase else no_phase
            ),
        )
        .prefetch_related(
            Prefetch("network", queryset=NetworkEntry.objects.select_related("organisation"))
        )
        .order_by("order", "pk")
    )
    return (
        Goal.objects.select_related("theme", "parent")
        .annotate(
            own_phase_activity_count=(
                _activity_count(phase, effort__goal=OuterRef("pk")) if phase else no_phase
            )
        )
        .prefetch_related(
            Prefetch("efforts", queryset=efforts),
            Prefetch(
                "indicator_values",
                queryset=IndicatorValue.objects.select_related("phase", "entered_by").order_by(
                    "-date", "-pk"
                ),
            ),
        )
        .order_by("theme__order", "order", "pk")
    )


def _build_tree(goals, phase):
    """Nest goals under their parent goals; a parent counts its sub-goals' activity."""
    by_id = {goal.pk: goal for goal in goals}
    roots = []
    for goal in goals:
        goal.subgoals = []
        goal.current_phase = phase
    for goal in goals:
        parent = by_id.get(goal.parent_id)
        if parent is not None and parent is not goal:
            parent.subgoals.append(goal)
        else:
            roots.append(goal)

    def total(goal, seen):
        seen.add(goal.pk)
        goal.phase_activity_count = goal.own_phase_activity_count + sum(
            total(child, seen) for child in goal.subgoals if child.pk not in seen
        )
        efforts = list(goal.efforts.all())
        goal.effort_count = len(efforts)
        goal.efforts_done = sum(1 for e in efforts if e.status == Effort.Status.DONE)
        values = list(goal.indicator_values.all())
        goal.latest_value = next((v for v in values if v.value is not None), None)
        goal.without_activity = phase is not None and goal.phase_activity_count == 0
        goal.own_progress = indicator_progress(
            baseline=goal.baseline,
            target=goal.target,
            current=goal.latest_value.value if goal.latest_value else None,
        )
        goal.progress = rolled_up(
            [goal.own_progress, *(getattr(child, "progress", None) for child in goal.subgoals)]
        )
        return goal.phase_activity_count

    seen = set()
    for root in roots:
        total(root, seen)
    return roots


def indicator_progress(*, baseline, target, current):
    """How far a measured value got from the baseline towards the target, 0–100 (or None).

    Works both ways: a target below the baseline ("fewer young drinkers") counts a fall
    as progress. Overshooting counts as 100, falling behind the baseline as 0.
    """
    if baseline is None or target is None or current is None or target == baseline:
        return None
    share = (current - baseline) / (target - baseline)
    return round(min(max(share, 0), 1) * 100)


def rolled_up(progresses):
    """The mean of the progress figures that are known (a parent goal's own indicator and
    its sub-goals' rolled-up progress, or a theme's top-level goals), or None."""
    known = [p for p in progresses if p is not None]
    return round(sum(known) / len(known)) if known else None


def goals_for_theme(*, theme, phase=None):
    """The theme's goal tree (top-level goals with ``subgoals``), in a fixed number of queries.

    Every goal carries ``efforts`` (annotated with ``activity_count`` and
    ``phase_activity_count``, with their ``network``), ``indicator_values`` (newest
    first), ``latest_value``, ``phase_activity_count`` and ``without_activity``.
    """
    phase = phase or current_phase()
    return _build_tree(list(_goals_queryset(phase).filter(theme=theme)), phase)


def cached_goals_for_theme(*, theme):
    """:func:`goals_for_theme` for the current phase, kept until the DIN changes.

    Its counts (activities per effort and goal) take a correlated count per effort over
    every activity; only the DIN's area (goals, efforts, an activity linked to an effort)
    and the phase change them, so they are read once per version, also with page parts
    not cached.
    """
    return cached_lookup(
        f"din-goals:{theme.pk}", lambda: goals_for_theme(theme=theme), areas=(DIN, VOCABULARY)
    )


def cached_din_by_theme():
    """:func:`din_by_theme` of every theme, kept until the DIN changes (see above)."""
    return cached_lookup("din-by-theme", din_by_theme, areas=(DIN, VOCABULARY))


@dataclass
class ThemeDin:
    theme: Theme
    goals: list = field(default_factory=list)

    @property
    def progress(self):
        """Where the theme stands: its top-level goals' rolled-up progress."""
        return rolled_up([goal.progress for goal in self.goals])


def programme_progress(theme_dins):
    """Where the programme stands: the mean of the themes' progress (those with figures)."""
    return rolled_up([item.progress for item in theme_dins])


def din_by_theme(*, themes=None, phase=None):
    """Every theme (or the given ones) with its goal tree; four queries plus one per kind.

    Activity counts are those of `phase` (default: the current phase)."""
    phase = phase or current_phase()
    themes = list(themes if themes is not None else Theme.objects.order_by("order", "name"))
    goals = list(_goals_queryset(phase).filter(theme__in=themes))
    per_theme = {theme.pk: ThemeDin(theme=theme) for theme in themes}
    grouped = {}
    for goal in goals:
        grouped.setdefault(goal.theme_id, []).append(goal)
    for theme_id, theme_goals in grouped.items():
        per_theme[theme_id].goals = _build_tree(theme_goals, phase)
    return phase, list(per_theme.values())


def network_matrix(*, theme=None):
    """Efforts (grouped by theme) × organisations: who carries what, across themes (or in
    one theme, if given).

    Returns the organisations (columns) and, per theme, rows of (effort, cells) where each
    cell lists that organisation's contribution kinds and whether it leads the effort.
    """
    entries = NetworkEntry.objects.select_related("organisation").order_by("contribution_kind")
    efforts = Effort.objects.select_related("goal__theme", "lead_organisation")
    if theme is not None:
        efforts = efforts.filter(goal__theme=theme)
    efforts = list(
        efforts.prefetch_related(Prefetch("network", queryset=entries)).order_by(
            "goal__theme__order", "goal__order", "goal__pk", "order", "pk"
        )
    )
    involved = set()
    for effort in efforts:
        involved.update(entry.organisation_id for entry in effort.network.all())
        if effort.lead_organisation_id:
            involved.add(effort.lead_organisation_id)
    organisations = list(Organisation.objects.filter(pk__in=involved).order_by("name"))
    groups = []
    for effort in efforts:
        theme = effort.goal.theme
        if not groups or groups[-1]["theme"] != theme:
            groups.append({"theme": theme, "rows": []})
        kinds = {}
        for entry in effort.network.all():
            kinds.setdefault(entry.organisation_id, []).append(
                entry.get_contribution_kind_display()
            )
        cells = [
            {
                "organisation": organisation,
                "kinds": kinds.get(organisation.pk, []),
                "leads": effort.lead_organisation_id == organisation.pk,
            }
            for organisation in organisations
        ]
        groups[-1]["rows"].append({"effort": effort, "cells": cells})
    totals = [
        sum(
            1
            for group in groups
            for row in group["rows"]
            if row["cells"][index]["kinds"] or row["cells"][index]["leads"]
        )
        for index in range(len(organisations))
    ]
    return {"organisations": organisations, "groups": groups, "totals": totals}


def din_export_rows():
    """One row per network entry (or per effort / goal without one), for the CSV export."""
    goals = (
        Goal.objects.select_related("theme", "parent")
        .prefetch_related(
            Prefetch(
                "efforts",
                queryset=Effort.objects.select_related("lead_organisation")
                .prefetch_related(
                    Prefetch(
                        "network",
                        queryset=NetworkEntry.objects.select_related("organisation"),
                    )
                )
                .order_by("order", "pk"),
            )
        )
        .order_by("theme__order", "order", "pk")
    )
    for goal in goals:
        goal_columns = [
            goal.theme.name,
            goal.parent.title if goal.parent else "",
            goal.title,
            goal.indicator,
            goal.unit,
            _figure(goal.baseline),
            _figure(goal.target),
            _figure(goal.current_value),
        ]
        efforts = list(goal.efforts.all())
        if not efforts:
            yield [*goal_columns, "", "", "", "", "", ""]
        for effort in efforts:
            effort_columns = [
                effort.title,
                effort.get_status_display(),
                str(effort.lead_organisation or ""),
            ]
            network = list(effort.network.all())
            if not network:
                yield [*goal_columns, *effort_columns, "", "", ""]
            for entry in network:
                yield [
                    *goal_columns,
                    *effort_columns,
                    entry.organisation.name,
                    entry.get_contribution_kind_display(),
                    entry.contribution,
                ]


# --- The DIN as plain lists (the REST API) -----------------------------------------------


def goals_list(*, theme_slug=None):
    """Every goal (of one theme), in the DIN's order."""
    goals = Goal.objects.select_related("theme").order_by("theme__order", "order", "pk")
    return goals.filter(theme__slug=theme_slug) if theme_slug else goals


def efforts_list(*, theme_slug=None):
    """Every effort (of one theme's goals), with its goal and lead organisation."""
    efforts = Effort.objects.select_related("goal__theme", "lead_organisation").order_by(
        "goal__theme__order", "goal__order", "goal_id", "order", "pk"
    )
    return efforts.filter(goal__theme__slug=theme_slug) if theme_slug else efforts


def network_list(*, theme_slug=None):
    """Who carries which effort, and with what (the N of the DIN)."""
    entries = NetworkEntry.objects.select_related("effort__goal__theme", "organisation").order_by(
        "effort__goal__theme__order", "effort_id", "organisation__name", "pk"
    )
    return entries.filter(effort__goal__theme__slug=theme_slug) if theme_slug else entries


def _figure(number):
    """A Decimal as the CSV shows it: no trailing zeros, empty when unknown."""
    return "" if number is None else format(number.normalize(), "f")
