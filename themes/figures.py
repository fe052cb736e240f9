"""Selectors for the figures a council member reads at a glance: one per figure, used by
the web pages (theme page, DIN, dashboard) and by the phase report alike, so the chart on a
page and in the PDF show the same numbers.

Only published activities count (what the council may see), started within the period.
Each selector reads with a fixed number of queries and returns plain data; drawing is
`landerd_portal.charts`' job.

Positive health: an activity may serve several dimensions; it then counts, with all its
reach, for each of them (so the dimensions' totals add up to more than the whole). A
dimension gets **little attention** when fewer activities serve it than half the average
over the six dimensions (`LITTLE_ATTENTION_SHARE`); the pages say so beside the figure.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from landerd_portal.fragments import ACTIVITIES, VOCABULARY, cached_lookup, theme_area

from .models import Activity, HealthDimension, Village
from .selectors import all_themes

LITTLE_ATTENTION_SHARE = Decimal("0.5")
# Up to this many months the timeline has a point per month; longer periods per quarter.
MONTHLY_UP_TO = 18


# --- Activities and reach per theme over the period -------------------------------------


@dataclass
class TimelineSeries:
    name: str
    activities: list  # one number per bucket
    reach: list

    @property
    def total_activities(self):
        return sum(self.activities)


@dataclass
class Timeline:
    labels: list  # "jan 2019" or "K1 2019"
    by_quarter: bool
    series: list = field(default_factory=list)  # TimelineSeries per theme

    short_labels: list = field(default_factory=list)  # "jan" when the period is one year

    @property
    def is_empty(self):
        return not any(s.total_activities for s in self.series)


def _months(start, end):
    month = start.replace(day=1)
    while month <= end:
        yield month
        month = (month + datetime.timedelta(days=32)).replace(day=1)


def _bucket_of(month, by_quarter):
    return (month.year, (month.month - 1) // 3) if by_quarter else (month.year, month.month)


def _bucket_label(bucket, by_quarter):
    year, part = bucket
    if by_quarter:
        return _("K%(quarter)s %(year)s") % {"quarter": part + 1, "year": year}
    return date_format(datetime.date(year, part, 1), "b Y")


def activity_timeline(*, period_start, period_end, theme=None) -> Timeline:
    """Activities and reach per theme (or of one theme) per month, or per quarter when the
    period is long; two queries."""
    months = list(_months(period_start, period_end))
    by_quarter = len(months) > MONTHLY_UP_TO
    buckets = list(dict.fromkeys(_bucket_of(month, by_quarter) for month in months))
    index = {bucket: position for position, bucket in enumerate(buckets)}
    themes = [theme] if theme is not None else all_themes()
    series = {
        t.pk: TimelineSeries(name=t.name, activities=[0] * len(buckets), reach=[0] * len(buckets))
        for t in themes
    }
    rows = (
        Activity.objects.published_in_period(
            period_start=period_start, period_end=period_end, theme=theme
        )
        .annotate(month=TruncMonth("date"))
        .values("theme", "month")
        .annotate(n=Count("pk"), reach=Sum("reach"))
    )
    for row in rows:
        position = index[_bucket_of(row["month"], by_quarter)]
        series[row["theme"]].activities[position] += row["n"]
        series[row["theme"]].reach[position] += row["reach"] or 0
    labels = [_bucket_label(bucket, by_quarter) for bucket in buckets]
    one_year = len({year for year, _part in buckets}) == 1
    return Timeline(
        labels=labels,
        by_quarter=by_quarter,
        series=list(series.values()),
        short_labels=[label.rsplit(" ", 1)[0] for label in labels] if one_year else labels,
    )


# --- Reach per village ----------------------------------------------------------------------


@dataclass
class VillageRow:
    name: str
    activities: int
    reach: int


def village_reach(*, period_start, period_end) -> list[VillageRow]:
    """Per village: activities held there and the residents they reached (an activity in
    two villages counts in both); activities without a village last. Three queries."""
    activities = Activity.objects.published_in_period(
        period_start=period_start, period_end=period_end
    )
    in_period = Q(
        activities__status=Activity.Status.PUBLISHED,
        activities__date__gte=period_start,
        activities__date__lte=period_end,
    )
    rows = [
        VillageRow(name=village.name, activities=village.n, reach=village.total_reach or 0)
        for village in Village.objects.annotate(
            n=Count("activities", filter=in_period),
            total_reach=Sum("activities__reach", filter=in_period),
        ).order_by("name")
    ]
    without = activities.filter(villages__isnull=True).aggregate(n=Count("pk"), reach=Sum("reach"))
    if without["n"]:
        rows.append(
            VillageRow(
                name=_("Zonder dorpskern"), activities=without["n"], reach=without["reach"] or 0
            )
        )
    return rows


# --- Coverage of the six dimensions of positive health --------------------------------------


@dataclass
class DimensionRow:
    code: str
    name: str
    activities: int
    reach: int
    little_attention: bool = False


@dataclass
class HealthCoverage:
    rows: list
    total_activities: int  # published activities in the period (with or without a dimension)
    without_dimension: int
    average: Decimal  # activities per dimension, on average
    threshold: Decimal  # below this: little attention

    @property
    def little_attention(self):
        return [row for row in self.rows if row.little_attention]


def health_coverage(*, period_start, period_end, theme=None) -> HealthCoverage:
    """Per dimension of positive health: the activities that serve it and their reach;
    the dimensions below half the average marked. Two queries."""
    in_period = Q(
        activities__status=Activity.Status.PUBLISHED,
        activities__date__gte=period_start,
        activities__date__lte=period_end,
    )
    if theme is not None:
        in_period &= Q(activities__theme=theme)
    rows = [
        DimensionRow(
            code=dimension.code,
            name=dimension.name,
            activities=dimension.n,
            reach=dimension.total_reach or 0,
        )
        for dimension in HealthDimension.objects.annotate(
            n=Count("activities", filter=in_period),
            total_reach=Sum("activities__reach", filter=in_period),
        ).order_by("order")
    ]
    totals = Activity.objects.published_in_period(
        period_start=period_start, period_end=period_end, theme=theme
    ).aggregate(
        n=Count("pk", distinct=True),
        without=Count("pk", filter=Q(health_dimensions__isnull=True), distinct=True),
    )
    average = Decimal(sum(row.activities for row in rows)) / len(rows) if rows else Decimal("0")
    threshold = average * LITTLE_ATTENTION_SHARE
    for row in rows:
        row.little_attention = average > 0 and row.activities < threshold
    return HealthCoverage(
        rows=rows,
        total_activities=totals["n"],
        without_dimension=totals["without"],
        average=average,
        threshold=threshold,
    )


# --- The theme page and the programme team's dashboard ----------------------------------


def theme_panel(*, theme):
    """The theme's charts over the current phase: activities and reach per month, and the
    coverage of positive health. Published activities only, as in the report (4 queries)."""
    from landerd_portal import charts
    from programme.phases.selectors import current_phase

    phase = current_phase()
    if phase is None:
        return None
    period = {"period_start": phase.start_date, "period_end": phase.end_date}
    key = f"thema-{theme.slug}"
    return {
        "phase": phase,
        "timeline": charts.timeline_figures(
            timeline=activity_timeline(**period, theme=theme),
            key=key,
            period_label=phase.name,
        ),
        "health": charts.health_figure(
            coverage=health_coverage(**period, theme=theme),
            key=f"{key}-gezondheid",
            period_label=phase.name,
        ),
    }


def cached_theme_panel(*, theme):
    """``theme_panel``, the same for every reader: kept per version of the theme's
    activities and of the names it shows, also when page parts are not cached."""
    return cached_lookup(
        "theme-figures",
        lambda: theme_panel(theme=theme),
        vary=(theme.pk,),
        areas=(theme_area(theme.pk), VOCABULARY),
    )


def dashboard_panel(*, user):
    """The programme in charts for the programme team: activities per theme over the
    current phase, reach per village, positive health and the budget phase-out; None for
    everyone else (they see the theme pages). The same for every member of the team, so
    kept per version of the activities and names it shows, also when page parts are not
    cached."""
    if not user.is_authenticated or not user.has_perm("themes.view_figures_panel"):
        return None
    return cached_lookup("dashboard-figures", _dashboard_figures, areas=(ACTIVITIES, VOCABULARY))


def _dashboard_figures():
    """Six queries (the phases, budgets and themes are kept per version)."""
    from landerd_portal import charts
    from programme.phases.selectors import budget_phase_out, current_phase

    phase = current_phase()
    if phase is None:
        return None
    period = {"period_start": phase.start_date, "period_end": phase.end_date}
    budgets = budget_phase_out(programme_id=phase.programme_id)
    timeline = charts.timeline_figures(
        timeline=activity_timeline(**period), key="dashboard", period_label=phase.name
    )
    return {
        "figures_phase": phase,
        "figures": [
            timeline[0],
            charts.health_figure(
                coverage=health_coverage(**period),
                key="dashboard-gezondheid",
                period_label=phase.name,
            ),
            charts.village_figure(
                rows=village_reach(**period), key="dashboard-dorpen", period_label=phase.name
            ),
            timeline[1],
            *([charts.budget_figure(rows=budgets, key="dashboard-budget")] if budgets else []),
        ],
    }
