"""``manage.py build_phase_report``: build a phase report through the worker, or in-process."""

import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from programme.models import Phase, PhaseReport
from programme.reports.selectors import report_phase
from programme.reports.services import build_report, request_report_build


def _date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value}") from error


class Command(BaseCommand):
    help = (
        "Build the phase report of the current phase (or --phase SLUG) as a new version. "
        "By default the Celery worker builds it; --sync builds it in this process."
    )

    def add_arguments(self, parser):
        parser.add_argument("--phase", help="Slug of the phase (default: the current phase).")
        parser.add_argument("--start", type=_date, help="First day of the period (YYYY-MM-DD).")
        parser.add_argument("--end", type=_date, help="Last day of the period (YYYY-MM-DD).")
        parser.add_argument(
            "--sync", action="store_true", help="Build in this process, without a worker."
        )

    def handle(self, *args, phase=None, start=None, end=None, sync=False, **options):
        if phase:
            try:
                phase_obj = Phase.objects.get(slug=phase)
            except Phase.DoesNotExist as error:
                slugs = ", ".join(Phase.objects.values_list("slug", flat=True))
                raise CommandError(f"No phase '{phase}'. Phases: {slugs}") from error
        else:
            phase_obj = report_phase()
            if phase_obj is None:
                raise CommandError("There are no phases; run seed_landerd first.")
        try:
            report = request_report_build(
                phase=phase_obj, period_start=start, period_end=end, enqueue=not sync
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        label = (
            f"{report.phase.slug} v{report.version} ({report.period_start} – {report.period_end})"
        )
        if not sync:
            self.stdout.write(f"Queued {label}; the worker builds it.")
            return
        self.stdout.write(f"Building {label} ...")
        build_report(report_id=report.pk)
        report.refresh_from_db()
        if report.status != PhaseReport.Status.READY:
            raise CommandError(f"Build failed: {report.failure_reason}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Ready: {report.pdf.name} ({report.page_count} pages, sha256 {report.checksum}) "
                f"and {report.csv.name}"
            )
        )
