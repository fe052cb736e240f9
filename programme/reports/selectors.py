"""Read what phase reports need: every number in a report, and the reports themselves.

`phase_report_data` is the one place where a report's figures are computed. The PDF, the
CSV and the pages about a report all use it (pages show the figures a version was built
with, stored on the version as `summary`). Only published material goes in: published
activities, published reflections, decisions of meetings that were not drafts, and open
questions; drafts and reflections shared only with partners never appear. Quotes go in
only with consent: an activity's quote when the person agreed (`publishable_quotes`), a
reflection's quote once the person quoted approved it.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations

from django.db.models import Count, Max, Prefetch, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from learning_history.models import Question, Reflection
from learning_history.selectors import kijkglas_report_section, self_analysis_report_section
from partners.models import Organisation
from programme.din.network_selectors import partnership_network
from programme.din.selectors import indicator_progress
from programme.din.sustainability_selectors import sustainability_rows
from programme.meetings.selectors import decisions_in_period
from programme.models import (
    Effort,
    Goal,
    IndicatorValue,
    NetworkEntry,
    Phase,
    PhaseReport,
)
from programme.phases.selectors import budget_phase_out, current_phase, previous_phase
from themes import figures as theme_figures
from themes.models import Activity, ActivityPhoto, Theme, Village
from themes.polls.selectors import report_poll_results
from themes.spread import spread_in_period

# How many activities a theme chapter lists before it refers to the annex, and how many
# quotes and photos it shows as examples of impact.
THEME_ACTIVITY_LIMIT = 40
THEME_QUOTE_LIMIT = 4
THEME_PHOTO_LIMIT = 3
ANNEX_CHUNK_SIZE = 250


# --- Activities of a period --------------------------------------------------------------


@dataclass(frozen=True)
class AnnexRow:
    """One activity as the annex and the CSV list it."""

    pk: int
    date: datetime.date
    end_date: datetime.date | None
    theme: str
    title: str
    villages: str
    owner: str
    partners: str
    reach: int | None
    volunteers: int | None
    target_groups: str
    health_dimensions: str
    effort: str

    @property
    def organisations(self):
        return ", ".join(name for name in (self.owner, self.partners) if name)


def annex_rows(*, period_start, period_end, chunk_size=ANNEX_CHUNK_SIZE):
    """Every published activity of the period, oldest first, in lists of `chunk_size`.

    A generator: the database is read in chunks (with the M2M names prefetched per chunk)
    so that memory stays flat however many activities a phase has.
    """
    queryset = (
        Activity.objects.published_in_period(period_start=period_start, period_end=period_end)
        .select_related("theme", "owner_organisation", "effort")
        .prefetch_related("villages", "organisations", "target_groups", "health_dimensions")
        .order_by("date", "theme__order", "title", "pk")
    )
    chunk = []
    for activity in queryset.iterator(chunk_size=chunk_size):
        chunk.append(
            AnnexRow(
                pk=activity.pk,
                date=activity.date,
                end_date=activity.end_date,
                theme=activity.theme.name,
                title=activity.title,
                villages=", ".join(v.name for v in activity.villages.all()),
                owner=activity.owner_organisation.name,
                partners=", ".join(
                    o.name
                    for o in activity.organisations.all()
                    if o.pk != activity.owner_organisation_id
                ),
                reach=activity.reach,
                volunteers=activity.volunteers,
                target_groups=", ".join(g.name for g in activity.target_groups.all()),
                health_dimensions=", ".join(d.name for d in activity.health_dimensions.all()),
                effort=activity.effort.title if activity.effort else "",
            )
        )
        if len(chunk) >= chunk_size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def publishable_quotes(activities):
    """The activities whose quote may leave the portal: the person quoted gave consent.

    A quote is often a resident's words; without recorded consent it stays internal.
    """
    return activities.exclude(quote="").filter(quote_consent=True)


def quotes_without_consent_count(*, period_start, period_end) -> int:
    """How many published activities of the period have a quote the report leaves out
    for lack of consent (one query), so the programme team can ask for it in time."""
    return (
        Activity.objects.published_in_period(period_start=period_start, period_end=period_end)
        .exclude(quote="")
        .filter(quote_consent=False)
        .count()
    )


# --- The report's content ----------------------------------------------------------------


@dataclass
class Figures:
    """Counts of one period, compared across phases in the summary."""

    activities: int = 0
    reach: int = 0
    volunteers: int = 0
    organisations: int = 0
    per_theme: dict = field(default_factory=dict)  # theme pk -> {"activities", "reach"}
    per_village: dict = field(default_factory=dict)  # village pk (or None) -> {...}
    pairs: Counter = field(default_factory=Counter)  # (org pk, org pk) -> activities


@dataclass
class GoalProgress:
    goal: Goal
    level: int
    latest_value: Decimal | None
    activities_in_period: int
    efforts: list
    # Baseline → target covered by the latest value in the period, 0–100 (issue 16).
    progress: int | None = None


@dataclass
class ThemeSection:
    theme: Theme
    activities: int
    reach: int
    previous_activities: int | None
    goals: list
    listed_activities: list
    unlisted_count: int
    quotes: list
    photos: list
    working_group_organisations: list
    polls: list = field(default_factory=list)  # themes.polls.selectors.PollResult, counts only


@dataclass
class PairRow:
    first: str
    second: str
    activities: int
    is_new: bool


@dataclass
class PhaseReportData:
    phase: Phase
    period_start: datetime.date
    period_end: datetime.date
    previous_phase: Phase | None
    figures: Figures
    previous_figures: Figures | None
    themes: list
    villages: list  # rows: {"name", "activities", "reach", "previous_activities"}
    goal_totals: dict
    signatories: list
    pairs: list
    new_pair_count: int | None
    decisions: list
    reflections_by_kind: list  # [(label, [reflection, ...])]
    open_questions: list
    self_analysis: dict | None  # learning_history.selectors.self_analysis_report_section
    kijkglas: dict | None  # learning_history.selectors.kijkglas_report_section
    budgets: list
    phase_years: list
    # The data of the report's charts (`report_figure_data`); drawn by documents/figures.py.
    figure_data: "ReportFigureData | None" = None
    # The drawn network (programme.din.network_selectors.Network) and the sustainability
    # indicator up to this phase (programme.din.sustainability_selectors rows).
    network: object = None
    sustainability: list = field(default_factory=list)
    # Practices spreading between villages in the period (themes.spread.spread_in_period).
    spread: dict | None = None

    @property
    def programme(self):
        return self.phase.programme

    @property
    def budget_total(self) -> Decimal:
        return sum((budget.amount for budget in self.budgets), Decimal("0"))

    @property
    def comparison_label(self):
        return self.previous_phase.name if self.previous_phase else ""

    def summary(self):
        """The key figures as plain data: stored on a version and shown on its page."""
        previous = self.previous_figures
        return {
            "period_start": self.period_start.isoformat(),
            "period_end": self.period_end.isoformat(),
            "previous_phase": self.comparison_label,
            "activities": self.figures.activities,
            "reach": self.figures.reach,
            "volunteers": self.figures.volunteers,
            "organisations": self.figures.organisations,
            "previous_activities": previous.activities if previous else None,
            "previous_reach": previous.reach if previous else None,
            "themes": [
                {
                    "name": section.theme.name,
                    "activities": section.activities,
                    "reach": section.reach,
                    "previous_activities": section.previous_activities,
                }
                for section in self.themes
            ],
            "villages": self.villages,
            "goals": self.goal_totals,
            "pairs": len(self.pairs),
            "new_pairs": self.new_pair_count,
            "decisions": len(self.decisions),
            "reflections": sum(len(items) for _, items in self.reflections_by_kind),
            "open_questions": len(self.open_questions),
            "network": self.network.summary() if self.network is not None else None,
            "sustainability": [
                {
                    "phase": row.phase.name,
                    "fte": str(row.fte) if row.fte is not None else None,
                    **{share.key: share.percent for share in row.shares},
                }
                for row in self.sustainability
            ],
            "spread_approaches": self.spread["approach_count"] if self.spread else 0,
            "spread_take_ups": self.spread["take_ups"] if self.spread else 0,
        }


def _figures(*, period_start, period_end):
    activities = Activity.objects.published_in_period(
        period_start=period_start, period_end=period_end
    )
    figures = Figures()
    totals = activities.aggregate(n=Count("pk"), reach=Sum("reach"), volunteers=Sum("volunteers"))
    figures.activities = totals["n"] or 0
    figures.reach = totals["reach"] or 0
    figures.volunteers = totals["volunteers"] or 0
    for row in activities.values("theme").annotate(n=Count("pk"), reach=Sum("reach")):
        figures.per_theme[row["theme"]] = {"activities": row["n"], "reach": row["reach"] or 0}

    village_links = Activity.villages.through.objects.filter(activity__in=activities)
    for row in village_links.values("village").annotate(
        n=Count("activity"), reach=Sum("activity__reach")
    ):
        figures.per_village[row["village"]] = {"activities": row["n"], "reach": row["reach"] or 0}
    without_village = activities.filter(villages__isnull=True).aggregate(
        n=Count("pk"), reach=Sum("reach")
    )
    if without_village["n"]:
        figures.per_village[None] = {
            "activities": without_village["n"],
            "reach": without_village["reach"] or 0,
        }

    # Who worked with whom: the owner and the other organisations of each activity.
    involved = defaultdict(set)
    for activity_id, owner_id in activities.values_list("pk", "owner_organisation_id"):
        involved[activity_id].add(owner_id)
    partner_links = Activity.organisations.through.objects.filter(activity__in=activities)
    for activity_id, organisation_id in partner_links.values_list("activity_id", "organisation_id"):
        involved[activity_id].add(organisation_id)
    organisations = set()
    for members in involved.values():
        organisations |= members
        for pair in combinations(sorted(members), 2):
            figures.pairs[pair] += 1
    figures.organisations = len(organisations)
    return figures


def _previous_execution_phase(phase):
    """The phase before this one, when it was also an execution phase (one to compare)."""
    previous = previous_phase(phase)
    if previous and previous.kind == Phase.Kind.UITVOERING:
        return previous
    return None


def _goal_progress(*, themes, period_start, period_end):
    """Per theme: its goals (sub-goals after their parent) with efforts and network."""
    in_period = Q(
        activities__status=Activity.Status.PUBLISHED,
        activities__date__gte=period_start,
        activities__date__lte=period_end,
    )
    efforts = (
        Effort.objects.select_related("lead_organisation")
        .annotate(activities_in_period=Count("activities", filter=in_period, distinct=True))
        .prefetch_related(
            Prefetch("network", queryset=NetworkEntry.objects.select_related("organisation"))
        )
        .order_by("order", "pk")
    )
    goals = list(
        Goal.objects.filter(theme__in=themes)
        .prefetch_related(Prefetch("efforts", queryset=efforts))
        .order_by("theme__order", "order", "pk")
    )
    latest_values = _latest_indicator_values(goals=goals, until=period_end)
    children = defaultdict(list)
    for goal in goals:
        children[goal.parent_id].append(goal)

    per_theme = defaultdict(list)

    def add(goal, level):
        goal_efforts = list(goal.efforts.all())
        per_theme[goal.theme_id].append(
            GoalProgress(
                goal=goal,
                level=level,
                latest_value=latest_values.get(goal.pk),
                activities_in_period=sum(e.activities_in_period for e in goal_efforts),
                efforts=goal_efforts,
                progress=indicator_progress(
                    baseline=goal.baseline, target=goal.target, current=latest_values.get(goal.pk)
                ),
            )
        )
        for child in children.get(goal.pk, []):
            add(child, level + 1)

    goal_ids = {goal.pk for goal in goals}
    for goal in goals:
        if goal.parent_id is None or goal.parent_id not in goal_ids:
            add(goal, 0)
    return per_theme


def _latest_indicator_values(*, goals, until):
    """The last measured value of each goal's indicator on or before `until`."""
    latest = {}
    values = (
        IndicatorValue.objects.filter(goal__in=goals, date__lte=until, value__isnull=False)
        .order_by("goal", "-date", "-pk")
        .values_list("goal_id", "value")
    )
    for goal_id, value in values:
        latest.setdefault(goal_id, value)
    return latest


def _theme_examples(*, theme, period_start, period_end):
    activities = Activity.objects.published_in_period(
        period_start=period_start, period_end=period_end, theme=theme
    )
    quotes = list(
        publishable_quotes(activities)
        .select_related("owner_organisation")
        .order_by("-reach", "date", "pk")[:THEME_QUOTE_LIMIT]
    )
    photos = list(
        ActivityPhoto.objects.filter(activity__in=activities, consent=True)
        .select_related("activity")
        .order_by("activity__date", "pk")[:THEME_PHOTO_LIMIT]
    )
    listed = list(
        activities.select_related("owner_organisation")
        .prefetch_related("villages", "organisations")
        .order_by("-reach", "date", "pk")[:THEME_ACTIVITY_LIMIT]
    )
    listed.sort(key=lambda a: (a.date, a.pk))
    return quotes, photos, listed


def phase_report_data(*, phase, period_start, period_end) -> PhaseReportData:
    """Everything a phase report says about `phase` in the period, except the annex rows
    (read those with `annex_rows`, in chunks)."""
    phase = Phase.objects.select_related("programme").get(pk=phase.pk)
    previous = _previous_execution_phase(phase)
    figures = _figures(period_start=period_start, period_end=period_end)
    previous_figures = (
        _figures(period_start=previous.start_date, period_end=previous.end_date)
        if previous
        else None
    )

    themes = list(
        Theme.objects.select_related("working_group")
        .prefetch_related("working_group__organisations")
        .order_by("order", "name")
    )
    goals_per_theme = _goal_progress(
        themes=themes, period_start=period_start, period_end=period_end
    )
    polls = report_poll_results(period_start=period_start, period_end=period_end)
    sections = []
    for theme in themes:
        counts = figures.per_theme.get(theme.pk, {"activities": 0, "reach": 0})
        quotes, photos, listed = _theme_examples(
            theme=theme, period_start=period_start, period_end=period_end
        )
        working_group = getattr(theme, "working_group", None)
        sections.append(
            ThemeSection(
                theme=theme,
                activities=counts["activities"],
                reach=counts["reach"],
                previous_activities=(
                    previous_figures.per_theme.get(theme.pk, {}).get("activities", 0)
                    if previous_figures
                    else None
                ),
                goals=goals_per_theme.get(theme.pk, []),
                listed_activities=listed,
                unlisted_count=max(counts["activities"] - len(listed), 0),
                quotes=quotes,
                photos=photos,
                working_group_organisations=(
                    [o.name for o in working_group.organisations.all()] if working_group else []
                ),
                polls=polls.get(theme.pk, []),
            )
        )

    village_names = dict(Village.objects.values_list("pk", "name"))
    villages = []
    for village_id, name in sorted(village_names.items(), key=lambda item: item[1]):
        counts = figures.per_village.get(village_id, {"activities": 0, "reach": 0})
        villages.append(
            {
                "name": name,
                "activities": counts["activities"],
                "reach": counts["reach"],
                "previous_activities": (
                    previous_figures.per_village.get(village_id, {}).get("activities", 0)
                    if previous_figures
                    else None
                ),
            }
        )
    if None in figures.per_village:
        villages.append(
            {
                "name": _("Zonder dorpskern"),
                **figures.per_village[None],
                "previous_activities": (
                    previous_figures.per_village.get(None, {}).get("activities", 0)
                    if previous_figures
                    else None
                ),
            }
        )

    all_goals = [progress for section in sections for progress in section.goals]
    all_efforts = [effort for progress in all_goals for effort in progress.efforts]
    goal_totals = {
        "goals": len(all_goals),
        "goals_with_activity": sum(1 for p in all_goals if p.activities_in_period),
        "efforts": len(all_efforts),
        "efforts_done": sum(1 for e in all_efforts if e.status == Effort.Status.DONE),
        "efforts_running": sum(1 for e in all_efforts if e.status == Effort.Status.RUNNING),
    }

    organisation_names = dict(Organisation.objects.values_list("pk", "name"))
    previous_pairs = set(previous_figures.pairs) if previous_figures else None
    pairs = sorted(
        (
            PairRow(
                first=organisation_names[a],
                second=organisation_names[b],
                activities=count,
                is_new=previous_pairs is not None and (a, b) not in previous_pairs,
            )
            for (a, b), count in figures.pairs.items()
        ),
        key=lambda row: (-row.activities, row.first, row.second),
    )

    reflections = (
        Reflection.objects.filter(phase=phase, visibility=Reflection.Visibility.PUBLISHED)
        .select_related("theme", "organisation")
        .order_by("kind", "created_at", "pk")
    )
    grouped = defaultdict(list)
    for reflection in reflections:
        grouped[reflection.kind].append(reflection)
    reflections_by_kind = [
        (label, grouped[value]) for value, label in Reflection.Kind.choices if grouped[value]
    ]

    budgets = budget_phase_out(programme_id=phase.programme_id)
    return PhaseReportData(
        phase=phase,
        period_start=period_start,
        period_end=period_end,
        previous_phase=previous,
        figures=figures,
        previous_figures=previous_figures,
        themes=sections,
        villages=villages,
        goal_totals=goal_totals,
        signatories=list(
            Organisation.objects.filter(signed_programme_plan_on__isnull=False).order_by("name")
        ),
        pairs=pairs,
        new_pair_count=(
            sum(1 for pair in pairs if pair.is_new) if previous_pairs is not None else None
        ),
        decisions=list(decisions_in_period(start=period_start, end=period_end)),
        reflections_by_kind=reflections_by_kind,
        open_questions=list(
            Question.objects.filter(phase=phase, status=Question.Status.OPEN)
            .select_related("theme")
            .order_by("theme__order", "created_at", "pk")
        ),
        self_analysis=self_analysis_report_section(phase=phase),
        kijkglas=kijkglas_report_section(phase=phase),
        budgets=budgets,
        phase_years=list(range(phase.start_date.year, phase.end_date.year + 1)),
        spread=spread_in_period(period_start=period_start, period_end=period_end),
        figure_data=report_figure_data(
            themes=themes, period_start=period_start, period_end=period_end, budgets=budgets
        ),
        network=partnership_network(
            period_start=period_start,
            period_end=period_end,
            previous_period=(previous.start_date, previous.end_date) if previous else None,
        ),
        sustainability=[row for row in sustainability_rows() if row.phase.order <= phase.order],
    )


@dataclass
class ReportFigureData:
    """What the report's charts show, from the same selectors as the web pages' charts."""

    timeline: object  # themes.figures.Timeline
    villages: list  # themes.figures.VillageRow
    health: object  # themes.figures.HealthCoverage
    health_per_theme: dict  # theme pk -> HealthCoverage
    budgets: list


def report_figure_data(*, themes, period_start, period_end, budgets) -> ReportFigureData:
    """The charts' data: 5 queries plus 2 per theme (a handful of themes)."""
    period = {"period_start": period_start, "period_end": period_end}
    return ReportFigureData(
        timeline=theme_figures.activity_timeline(**period),
        villages=theme_figures.village_reach(**period),
        health=theme_figures.health_coverage(**period),
        health_per_theme={
            theme.pk: theme_figures.health_coverage(**period, theme=theme) for theme in themes
        },
        budgets=budgets,
    )


# --- Reports and who sees them ------------------------------------------------------------


def default_period(*, phase, today=None):
    """A build's default period: the phase so far (the whole phase once it has ended)."""
    today = today or timezone.localdate()
    return phase.start_date, min(max(today, phase.start_date), phase.end_date)


def report_phase():
    """The phase the portal reports on by default: the current one (see the DIN)."""
    return current_phase()


def reports_with_people(reports):
    """What a report card names: phase, who asked and published, and the versions that
    replace or are replaced by each (one query more for the latter)."""
    return reports.select_related(
        "phase", "requested_by", "published_by", "superseded_by"
    ).prefetch_related(
        Prefetch(
            "supersedes",
            queryset=PhaseReport.objects.order_by("version"),
            to_attr="replaced_versions",
        )
    )


def reports_for_user(*, user):
    """The versions a user may see, newest phase and version first."""
    reports = reports_with_people(PhaseReport.objects.all())
    if not user.has_perm("programme.build_report"):
        reports = reports.filter(status=PhaseReport.Status.PUBLISHED)
    return reports.order_by("-phase__order", "-version")


def dashboard_panel(*, user):
    """Griffie and observers: the latest published reports; the programme team: the
    latest build and its status. Nobody else gets a panel."""
    if not user.is_authenticated or not user.has_perm("programme.view_reports"):
        return None
    if user.has_perm("programme.build_report"):
        latest = (
            PhaseReport.objects.select_related("phase").order_by("-requested_at", "-pk").first()
        )
        return {
            "latest_report": latest,
            "published_reports": [],
            "manages_reports": True,
        }
    published = list(
        PhaseReport.objects.filter(status=PhaseReport.Status.PUBLISHED)
        .select_related("phase")
        .order_by("-published_at", "-pk")[:3]
    )
    return {
        "latest_report": None,
        "published_reports": published,
        "manages_reports": False,
    }


# --- How far a build has got ------------------------------------------------------------

# The task (in tasks.py) that builds a version, enqueued by name through the outbox.
BUILD_TASK = "programme.build_phase_report"


@dataclass(frozen=True)
class BuildProgress:
    """What the outbox and the version's history say about a build in progress.

    `handovers`: build messages stored since the version was (re)started, i.e. attempts.
    `last_sign_of_life`: the latest of the request, a hand-over to the broker and a worker
    taking the version up (every save of the row is one; the history keeps them).
    A build is stuck when nothing happened for longer than REPORT_BUILD_STUCK_AFTER_SECONDS
    and it is not waiting in the outbox for the broker to come back.
    """

    in_progress: bool
    waiting_for_broker: bool
    handovers: int
    last_sign_of_life: datetime.datetime
    stuck: bool


def build_progress(*, reports, now=None) -> dict[int, BuildProgress]:
    """The progress of each version in `reports`, by id, in two queries whatever their number."""
    from django.conf import settings

    from landerd_portal.models import OutboxMessage

    now = now or timezone.now()
    reports = list(reports)
    ids = [report.pk for report in reports if report.is_in_progress]
    messages = defaultdict(list)
    saved = {}
    if ids:
        for args, created_at, sent_at in OutboxMessage.objects.filter(
            task_name=BUILD_TASK, args__0__in=ids
        ).values_list("args", "created_at", "sent_at"):
            messages[args[0]].append((created_at, sent_at))
        saved = dict(
            PhaseReport.history.filter(id__in=ids)
            .values("id")
            .annotate(latest=Max("history_date"))
            .values_list("id", "latest")
        )
    stuck_after = datetime.timedelta(seconds=settings.REPORT_BUILD_STUCK_AFTER_SECONDS)
    progress = {}
    for report in reports:
        since_request = [
            (created, sent)
            for created, sent in messages.get(report.pk, [])
            if created >= report.requested_at
        ]
        waiting = any(sent is None for _created, sent in since_request)
        signs = [report.requested_at, *(sent for _created, sent in since_request if sent)]
        if report.pk in saved:
            signs.append(saved[report.pk])
        last = max(signs)
        progress[report.pk] = BuildProgress(
            in_progress=report.is_in_progress,
            waiting_for_broker=report.is_in_progress and waiting,
            handovers=len(since_request),
            last_sign_of_life=last,
            stuck=report.is_in_progress and not waiting and now - last > stuck_after,
        )
    return progress


def with_build_progress(reports, *, now=None):
    """The versions, each with its `progress` (for the cards)."""
    reports = list(reports)
    progress = build_progress(reports=reports, now=now)
    for report in reports:
        report.progress = progress[report.pk]
    return reports


def stuck_builds(*, now=None) -> list[PhaseReport]:
    """The versions queued or building whose build stopped: for the sweeper."""
    in_progress = PhaseReport.objects.filter(
        status__in=[PhaseReport.Status.QUEUED, PhaseReport.Status.BUILDING]
    ).select_related("phase")
    return [report for report in with_build_progress(in_progress, now=now) if report.progress.stuck]


# --- Publishing: what the programme team checks before the griffie gets a version --------

PREVIEW_LIST_LIMIT = 10


def griffie_recipients():
    """The griffie accounts that are e-mailed when a version is published (active, with
    an address): the preview names them and `notify_griffie_of_publication` mails them."""
    from partners.models import User

    return (
        User.objects.filter(role=User.Role.GRIFFIE, is_active=True)
        .exclude(email="")
        .order_by("last_name", "first_name", "email")
    )


def supersedable_reports(*, report):
    """The published versions of the same phase that `report` may replace: older, and not
    replaced already."""
    return PhaseReport.objects.filter(
        phase_id=report.phase_id,
        status=PhaseReport.Status.PUBLISHED,
        version__lt=report.version,
        superseded_by__isnull=True,
    ).order_by("-version")


@dataclass
class PublishPreview:
    """What a version will put before the council, and what deserves a second look."""

    empty_chapters: list  # chapter titles with nothing in them
    activities_without_reach: list  # a few, for the warning
    activities_without_reach_count: int
    quotes_without_consent: int
    recipients: list  # the griffie users who will be e-mailed

    @property
    def has_warnings(self):
        return bool(
            self.empty_chapters
            or self.activities_without_reach_count
            or self.quotes_without_consent
        )


def _empty_chapters(summary):
    """The chapters of a version that say nothing, read from the figures it was built with."""
    empty = [
        _("Thema: %(name)s") % {"name": theme["name"]}
        for theme in summary.get("themes", [])
        if not theme.get("activities")
    ]
    if summary and not summary.get("pairs"):
        empty.append(_("Het partnerschap"))
    if summary and not summary.get("reflections") and not summary.get("open_questions"):
        empty.append(_("Leergeschiedenis"))
    return empty


def publish_preview(*, report) -> PublishPreview:
    """Everything the preview page shows besides the version's stored key figures and the
    form (four queries, whatever the number of activities)."""
    without_reach = Activity.objects.published_in_period(
        period_start=report.period_start, period_end=report.period_end
    ).filter(Q(reach__isnull=True) | Q(reach=0))
    return PublishPreview(
        empty_chapters=_empty_chapters(report.summary or {}),
        activities_without_reach=list(
            without_reach.select_related("theme").order_by("date", "pk")[:PREVIEW_LIST_LIMIT]
        ),
        activities_without_reach_count=without_reach.count(),
        quotes_without_consent=quotes_without_consent_count(
            period_start=report.period_start, period_end=report.period_end
        ),
        recipients=list(griffie_recipients()),
    )
