"""Celery tasks for phase reports: thin wrappers that take ids and call the services."""

from celery import shared_task
from django.conf import settings

from landerd_portal.celery import retry_countdown
from programme.reports import services


@shared_task(
    bind=True,
    name=services.BUILD_TASK,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=settings.TASK_MAX_RETRIES,
)
def build_phase_report(self, report_id):
    """Build one queued version. Safe to run twice: a finished version is left alone."""
    try:
        report = services.build_report(report_id=report_id)
    except services.TransientBuildError as error:
        if self.request.retries >= self.max_retries:
            services.mark_report_failed(
                report_id=report_id,
                reason=services.failure_reason(error.__cause__ or error),
            )
            return None
        raise self.retry(exc=error, countdown=retry_countdown(self.request.retries)) from error
    return report.status if report else None


@shared_task(name="programme.build_current_phase_draft", acks_late=True)
def build_current_phase_draft():
    """Beat, monthly: a draft of the current phase so far."""
    report = services.request_scheduled_draft()
    return report.pk if report else None


@shared_task(name="programme.build_ended_phase_reports", acks_late=True)
def build_ended_phase_reports():
    """Beat, daily: the full report of a phase that has just ended."""
    return [report.pk for report in services.request_builds_for_ended_phases()]


@shared_task(name="programme.sweep_stuck_phase_reports", acks_late=True)
def sweep_stuck_phase_reports():
    """Beat, every few minutes: queue again (or fail) builds whose worker died."""
    return services.sweep_stuck_builds()
