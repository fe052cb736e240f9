"""The report's charts: drawn from the data `phase_report_data` gathered (never a query).

Each is a `landerd_portal.charts.Figure`; the PDF templates write it as
``<figure><img src="data:image/svg+xml;base64,…" alt="…"><figcaption>…</figcaption></figure>``
(the tagged PDF takes the ``alt`` as the Figure's alternative text) with its numbers in a
table right after it.
"""

from django.utils.translation import gettext as _

from landerd_portal import charts


def report_figures(data):
    """{name: Figure} for the summary and finances chapters, and per theme (by pk) the
    coverage of positive health; empty when the data has no figure data."""
    figure_data = data.figure_data
    if figure_data is None:
        return {}
    period = _("%(phase)s, %(start)s – %(end)s") % {
        "phase": data.phase.name,
        "start": data.period_start.strftime("%d-%m-%Y"),
        "end": data.period_end.strftime("%d-%m-%Y"),
    }
    activities, reach = charts.timeline_figures(
        timeline=figure_data.timeline, key="rapport-tijdlijn", period_label=period
    )
    figures = {
        "activities": activities,
        "reach": reach,
        "villages": charts.village_figure(
            rows=figure_data.villages, key="rapport-dorpen", period_label=period
        ),
        "health": charts.health_figure(
            coverage=figure_data.health, key="rapport-gezondheid", period_label=period
        ),
        "theme_health": {
            theme_pk: charts.health_figure(
                coverage=coverage, key=f"rapport-gezondheid-{theme_pk}", period_label=period
            )
            for theme_pk, coverage in figure_data.health_per_theme.items()
            if coverage.total_activities
        },
    }
    goals_with_progress = [
        (section.theme.name, progress.goal.title, progress.progress)
        for section in data.themes
        for progress in section.goals
        if progress.progress is not None
    ]
    if goals_with_progress:
        figures["indicators"] = charts.indicator_progress_figure(
            goals=goals_with_progress, key="rapport-indicatoren", period_label=period
        )
    if data.spread and data.spread["approach_count"]:
        figures["spread"] = charts.spread_figure(
            approaches=[
                (
                    row["approach"].origin.title,
                    ", ".join(str(village) for village in row["approach"].steps[0].villages),
                    [str(village) for step in row["take_ups"] for village in step.new_villages],
                )
                for row in data.spread["rows"]
            ],
            key="rapport-verspreiding",
            period_label=period,
        )
    if data.kijkglas:
        previous = data.kijkglas["previous_phase"]
        figures["kijkglas"] = charts.kijkglas_figure(
            elements=data.kijkglas["elements"],
            key="rapport-kijkglas",
            phase_label=data.phase.name,
            previous_label=previous.name if previous else None,
        )
    if figure_data.budgets:
        figures["budget"] = charts.budget_figure(rows=figure_data.budgets, key="rapport-budget")
    return figures
