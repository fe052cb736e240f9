"""Read the learning history: the two-column page, the dashboard panel, the self-analysis."""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Max, Min, Q, Sum
from django.utils.translation import gettext as _

from partners.models import User
from partners.rules import is_contributor, led_theme_ids
from programme.phases.selectors import previous_phase

from .instrument import AREAS, CHARACTERISTICS
from .models import (
    KijkglasElement,
    KijkglasRating,
    KijkglasScore,
    KijkglasStatement,
    Question,
    Reflection,
    Score,
    SelfAnalysis,
)
from .radar import radar_svg

DASHBOARD_LIMIT = 5


def visible_reflections(*, user):
    """The reflections this user may read; the same rule as view_reflection in rules.py."""
    reflections = Reflection.objects.select_related(
        "phase", "theme", "author", "organisation", "quote_approver"
    )
    if not user.is_authenticated or not user.is_active:
        return reflections.none()
    role = user.role
    if role == User.Role.PROGRAMMATEAM:
        return reflections
    mine = Q(author=user) | (Q(quote_approver=user) & ~Q(quote=""))
    if role == User.Role.KARTREKKER:
        return reflections.filter(
            mine | ~Q(visibility=Reflection.Visibility.DRAFT) | Q(theme_id__in=led_theme_ids(user))
        )
    if role == User.Role.PARTNER:
        return reflections.filter(mine | ~Q(visibility=Reflection.Visibility.DRAFT))
    if role == User.Role.OBSERVER:
        return reflections.filter(visibility=Reflection.Visibility.PUBLISHED)
    return reflections.none()


def learning_history(*, user, phase, theme=None):
    """The learning history of one phase (and theme) in two columns.

    Left: the story (what happened) and the approved quotes in the partners' own words.
    Right: the reflections on it (what worked, what did not, what surprised) and the
    questions it raises for the next phase.
    """
    reflections = visible_reflections(user=user).filter(phase=phase).order_by("created_at", "pk")
    questions = Question.objects.filter(phase=phase).select_related("theme", "addressed_in")
    if theme is not None:
        reflections = reflections.filter(theme=theme)
        questions = questions.filter(theme=theme)
    reflections = list(reflections)
    story = [r for r in reflections if r.kind == Reflection.Kind.WHAT_HAPPENED]
    quotes = [r for r in reflections if r.quote_is_approved]
    return {
        "story": story,
        "quotes": quotes,
        "reflections": [r for r in reflections if r.kind != Reflection.Kind.WHAT_HAPPENED],
        "questions": list(questions.order_by("status", "created_at", "pk")),
    }


def reflections_to_curate(*, user):
    """Shared reflections waiting to be published by this kartrekker or programme team."""
    shared = Reflection.objects.filter(visibility=Reflection.Visibility.SHARED).select_related(
        "phase", "theme", "organisation"
    )
    if user.role == User.Role.PROGRAMMATEAM:
        return shared
    if user.role == User.Role.KARTREKKER:
        return shared.filter(theme_id__in=led_theme_ids(user))
    return shared.none()


def quotes_to_approve(*, user):
    """Quotes waiting for this user's approval; the same rule as approve_quote in rules.py."""
    if not is_contributor(user):
        return Reflection.objects.none()
    return (
        Reflection.objects.filter(quote_approver=user, quote_approved_at__isnull=True)
        .exclude(quote="")
        .select_related("author", "phase", "theme")
        .order_by("created_at")
    )


def dashboard_panel(*, user):
    """Quotes waiting for this user's approval and reflections for them to curate."""
    if not user.is_authenticated:
        return None
    quotes = list(quotes_to_approve(user=user)[: DASHBOARD_LIMIT + 1])
    curate = list(reflections_to_curate(user=user).order_by("created_at")[: DASHBOARD_LIMIT + 1])
    if not quotes and not curate:
        return None
    return {
        "quotes_to_approve": quotes[:DASHBOARD_LIMIT],
        "more_quotes": len(quotes) > DASHBOARD_LIMIT,
        "reflections_to_curate": curate[:DASHBOARD_LIMIT],
        "more_reflections": len(curate) > DASHBOARD_LIMIT,
    }


# --- Self-analysis ----------------------------------------------------------------------


def _one_decimal(value):
    return Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def scores_of(self_analysis):
    """{characteristic code: score} of one scoring."""
    if self_analysis is None:
        return {}
    return {score.characteristic: score.value for score in self_analysis.scores.all()}


def self_analysis_for(*, phase, organisation=None):
    """An organisation's scoring in a phase (or the joint one without organisation)."""
    if phase is None:
        return None
    return (
        SelfAnalysis.objects.filter(phase=phase, organisation=organisation)
        .select_related("organisation", "phase", "filled_in_by")
        .prefetch_related("scores")
        .first()
    )


def partnership_results(*, phase):
    """Per characteristic: average, lowest and highest score over the organisations.

    The joint scoring is not part of it: it is a view of its own, not one more partner.
    Returns ``{"count": organisations that scored, "average": {...}, "min": {...},
    "max": {...}}``; empty dicts when nobody scored yet.
    """
    if phase is None:
        return {"count": 0, "average": {}, "min": {}, "max": {}}
    scores = Score.objects.filter(
        self_analysis__phase=phase, self_analysis__organisation__isnull=False
    )
    rows = scores.values("characteristic").annotate(
        average=Avg("value"), low=Min("value"), high=Max("value")
    )
    count = SelfAnalysis.objects.filter(phase=phase, organisation__isnull=False).aggregate(
        n=Count("pk")
    )["n"]
    return {
        "count": count,
        "average": {row["characteristic"]: _one_decimal(row["average"]) for row in rows},
        "min": {row["characteristic"]: row["low"] for row in rows},
        "max": {row["characteristic"]: row["high"] for row in rows},
    }


def table_rows(columns):
    """Rows for the accessible table under a diagram: one per characteristic, by area.

    ``columns`` is a list of {code: value} dicts; each row has area, number, label,
    question and the values in column order (None where missing).
    """
    rows = []
    number = 0
    for area in AREAS:
        for characteristic in area.characteristics:
            number += 1
            rows.append(
                {
                    "area": area,
                    "number": number,
                    "characteristic": characteristic,
                    "values": [column.get(characteristic.code) for column in columns],
                }
            )
    return rows


def self_analysis_overview(*, phase):
    """Everything the self-analysis page shows about the partnership for one phase."""
    results = partnership_results(phase=phase)
    earlier = previous_phase(phase)
    earlier_results = partnership_results(phase=earlier) if earlier else None
    joint = self_analysis_for(phase=phase, organisation=None)
    overview = {
        "phase": phase,
        "previous_phase": earlier,
        "results": results,
        "previous_results": earlier_results,
        "joint": joint,
        "score_headers": [_("Score")],
    }
    if results["count"]:
        label = _("Gemiddelde van de organisaties")
        overview["partnership_svg"] = radar_svg(
            series=[{"label": label, "values": results["average"]}],
            band={
                "label": _("Spreiding: laagste tot hoogste score"),
                "min": results["min"],
                "max": results["max"],
            },
            title=_("Het partnerschap in %(phase)s: gemiddelde en spreiding") % {"phase": phase},
            id_prefix="radar-partnerschap",
        )
        overview["partnership_headers"] = [_("Gemiddelde"), _("Laagste"), _("Hoogste")]
        overview["partnership_rows"] = table_rows(
            [results["average"], results["min"], results["max"]]
        )
    if results["count"] and earlier_results and earlier_results["count"]:
        overview["comparison_svg"] = radar_svg(
            series=[
                {"label": str(phase), "values": results["average"]},
                {"label": str(earlier), "values": earlier_results["average"]},
            ],
            title=_("Gemiddelde in %(phase)s tegenover %(previous)s")
            % {"phase": phase, "previous": earlier},
            id_prefix="radar-vergelijking",
        )
        overview["comparison_headers"] = [str(phase), str(earlier)]
        overview["comparison_rows"] = table_rows([results["average"], earlier_results["average"]])
    if joint is not None:
        overview["joint_svg"] = organisation_radar(
            self_analysis=joint, id_prefix="radar-gezamenlijk"
        )
        overview["joint_rows"] = table_rows([scores_of(joint)])
    return overview


def organisation_radar(*, self_analysis, id_prefix="radar-organisatie"):
    """The web diagram of one scoring (an organisation's or the joint one)."""
    who = self_analysis.organisation or _("Gezamenlijke scoring")
    return radar_svg(
        series=[{"label": str(who), "values": scores_of(self_analysis)}],
        title=_("Zelfanalyse van %(who)s in %(phase)s")
        % {"who": who, "phase": self_analysis.phase},
        id_prefix=id_prefix,
    )


def organisations_scored(*, phase):
    return (
        SelfAnalysis.objects.filter(phase=phase, organisation__isnull=False)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def self_analysis_report_section(*, phase):
    """For the phase report: the partnership's diagram (SVG string) and a short table.

    Returns None when no organisation scored in this phase. The rows give per
    characteristic its area, label and the average, lowest and highest score.
    """
    overview = self_analysis_overview(phase=phase)
    results = overview["results"]
    if not results["count"]:
        return None
    # The SVGs are built by learning_history.radar, which escapes every label itself:
    # they stay SafeStrings so templates (page and PDF) embed them as drawings.
    return {
        "svg": overview["partnership_svg"],
        "comparison_svg": overview.get("comparison_svg") or "",
        "organisations": results["count"],
        "rows": [
            {
                "area": str(row["area"].label),
                "characteristic": str(row["characteristic"].label),
                "average": row["values"][0],
                "min": row["values"][1],
                "max": row["values"][2],
            }
            for row in overview["partnership_rows"]
        ],
    }


__all__ = [
    "CHARACTERISTICS",
    "dashboard_panel",
    "learning_history",
    "organisation_radar",
    "partnership_results",
    "self_analysis_overview",
    "self_analysis_report_section",
]


# --- The kijkglas (issue 16) ---------------------------------------------------------------


def _mean(total, count):
    """A mean score with one decimal (half up, as people round), or None without scores."""
    return _one_decimal(Decimal(total) / count) if count else None


def _change(now, before):
    return None if now is None or before is None else now - before


def kijkglas_overview(*, phase):
    """Where the partnership stands per element of the kijkglas in ``phase``, and how it
    moved since the previous phase: the mean of all organisations' scores (1–5), per
    element and per statement. Four queries, whatever the number of ratings."""
    previous = previous_phase(phase)
    statements = list(KijkglasStatement.objects.order_by("order", "pk"))
    phases = [phase.pk] + ([previous.pk] if previous else [])
    sums = {
        (row["statement_id"], row["rating__phase_id"]): (row["total"], row["n"])
        for row in KijkglasScore.objects.filter(rating__phase__in=phases)
        .values("statement_id", "rating__phase_id")
        .annotate(total=Sum("value"), n=Count("pk"))
        .order_by()
    }
    rated = KijkglasRating.objects.filter(phase=phase).count()
    elements = []
    for element in KijkglasElement:
        rows, totals = [], {phase.pk: [0, 0], getattr(previous, "pk", None): [0, 0]}
        for statement in (s for s in statements if s.element == element.value):
            now = sums.get((statement.pk, phase.pk), (0, 0))
            before = sums.get((statement.pk, getattr(previous, "pk", None)), (0, 0))
            for key, (total, n) in ((phase.pk, now), (getattr(previous, "pk", None), before)):
                totals[key][0] += total
                totals[key][1] += n
            mean, previous_mean = _mean(*now), _mean(*before)
            rows.append(
                {
                    "statement": statement,
                    "mean": mean,
                    "previous_mean": previous_mean,
                    "change": _change(mean, previous_mean),
                    "count": now[1],
                }
            )
        mean = _mean(*totals[phase.pk])
        previous_mean = _mean(*totals[getattr(previous, "pk", None)]) if previous else None
        elements.append(
            {
                "element": element,
                "statements": rows,
                "mean": mean,
                "previous_mean": previous_mean,
                "change": _change(mean, previous_mean),
            }
        )
    return {"previous_phase": previous, "elements": elements, "rated_count": rated}


def kijkglas_report_section(*, phase):
    """The kijkglas for the phase report: the overview, or None when nobody rated it."""
    overview = kijkglas_overview(phase=phase)
    return overview if overview["rated_count"] else None


def kijkglas_rating_for(*, phase, organisation):
    """The organisation's rating set for the phase, with ``initial`` form values, or None."""
    if organisation is None:
        return None
    rating = (
        KijkglasRating.objects.filter(phase=phase, organisation=organisation)
        .prefetch_related("scores")
        .first()
    )
    if rating is not None:
        rating.initial = {f"stelling_{s.statement_id}": s.value for s in rating.scores.all()}
    return rating
