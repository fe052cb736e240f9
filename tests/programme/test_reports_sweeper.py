"""A build whose worker died: the sweeper queues it again a bounded number of times, then
marks it failed; the programme team restarts a failed or stuck version from its page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from landerd_portal.models import OutboxMessage
from programme.models import PhaseReport
from programme.reports import services
from programme.reports.tasks import sweep_stuck_phase_reports
from tests.factories import PhaseReportFactory


def broker_took_everything():
    OutboxMessage.objects.filter(sent_at__isnull=True).update(sent_at=timezone.now(), attempts=1)


def later(seconds):
    return timezone.now() + datetime.timedelta(seconds=seconds)


@pytest.fixture
def stuck_after(settings):
    settings.REPORT_BUILD_STUCK_AFTER_SECONDS = 60
    settings.REPORT_BUILD_MAX_REQUEUES = 2
    return 60


def test_sweeper_requeues_a_stuck_build_twice_then_marks_it_failed(phase, stuck_after):
    report = services.request_report_build(phase=phase)
    broker_took_everything()
    PhaseReport.objects.filter(pk=report.pk).update(status=PhaseReport.Status.BUILDING)

    # Still within the limit: a worker may be building it.
    assert services.sweep_stuck_builds(now=later(stuck_after - 5))["requeued"] == []

    for attempt in (1, 2):
        swept = services.sweep_stuck_builds(now=later(stuck_after * attempt + 5))
        assert swept["requeued"] == [report.pk], attempt
        report.refresh_from_db()
        assert report.status == PhaseReport.Status.QUEUED
        broker_took_everything()
    assert OutboxMessage.objects.filter(args=[report.pk]).count() == 3

    swept = services.sweep_stuck_builds(now=later(stuck_after * 3 + 5))
    assert swept == {"requeued": [], "failed": [report.pk], "cleaned": []}
    report.refresh_from_db()
    assert report.status == PhaseReport.Status.FAILED
    assert "3 keer" in report.failure_reason and "opnieuw" in report.failure_reason
    assert report.finished_at is not None
    # A failed version blocks nothing: the next request makes a new version.
    assert services.request_report_build(phase=phase, enqueue=False).version == 2


def test_sweeper_leaves_a_build_waiting_for_the_broker_alone(phase, stuck_after):
    report = services.request_report_build(phase=phase)  # its message was never sent
    assert services.sweep_stuck_builds(now=later(stuck_after * 10))["requeued"] == []
    report.refresh_from_db()
    assert report.status == PhaseReport.Status.QUEUED


def test_sweeper_removes_work_folders_that_killed_workers_left(phase, settings, tmp_path):
    settings.REPORT_WORK_DIR = tmp_path
    ready = PhaseReportFactory(phase=phase, status=PhaseReport.Status.READY)
    building = PhaseReportFactory(phase=phase, version=2, status=PhaseReport.Status.BUILDING)
    for report in (ready, building):
        services.work_folder(report.pk).mkdir()
        (services.work_folder(report.pk) / "annex.pdf").write_bytes(b"%PDF")
    (tmp_path / "iets-anders").mkdir()

    assert sweep_stuck_phase_reports.apply().get()["cleaned"] == [ready.pk]
    assert not services.work_folder(ready.pk).exists()
    assert services.work_folder(building.pk).exists()  # a worker is building it
    assert (tmp_path / "iets-anders").exists()


def test_a_second_delivery_leaves_a_version_another_worker_builds_alone(phase, settings):
    report = PhaseReportFactory(phase=phase, status=PhaseReport.Status.BUILDING)
    assert services.build_report(report_id=report.pk) is None
    report.refresh_from_db()
    assert report.status == PhaseReport.Status.BUILDING


def test_programme_team_restarts_a_failed_version_from_its_page(client, programmateam, phase):
    report = PhaseReportFactory(
        phase=phase, status=PhaseReport.Status.FAILED, failure_reason="Worker gestopt"
    )
    client.force_login(programmateam)
    page = client.get(report.get_absolute_url()).content.decode()
    assert reverse("programme:report_restart", args=[report.pk]) in page
    assert "Opnieuw maken" in page

    response = client.post(reverse("programme:report_restart", args=[report.pk]), follow=True)

    assert response.redirect_chain == [(report.get_absolute_url(), 302)]
    report.refresh_from_db()
    assert report.status == PhaseReport.Status.QUEUED
    assert report.failure_reason == ""
    assert report.requested_by == programmateam
    assert OutboxMessage.objects.filter(args=[report.pk]).count() == 1
    assert PhaseReport.objects.count() == 1  # the same version, built again


def test_programme_team_restarts_a_stuck_version_but_not_a_running_one(
    client, programmateam, phase, settings
):
    report = PhaseReportFactory(phase=phase, status=PhaseReport.Status.BUILDING)
    client.force_login(programmateam)
    url = reverse("programme:report_restart", args=[report.pk])

    # Running (not stuck): no button, and a restart is refused with a reason.
    assert url not in client.get(report.get_absolute_url()).content.decode()
    response = client.post(url, follow=True)
    assert "kan niet opnieuw worden gestart" in response.content.decode()
    report.refresh_from_db()
    assert report.status == PhaseReport.Status.BUILDING

    settings.REPORT_BUILD_STUCK_AFTER_SECONDS = 0
    list_page = client.get(reverse("programme:report_list")).content.decode()
    assert "lijkt vast te zitten" in list_page and url in list_page
    client.post(url)
    report.refresh_from_db()
    assert report.status == PhaseReport.Status.QUEUED


@pytest.mark.parametrize("role", ["partner", "kartrekker", "griffie", "observer"])
def test_only_the_programme_team_may_restart_a_build(request, client, phase, role):
    report = PhaseReportFactory(phase=phase, status=PhaseReport.Status.FAILED)
    client.force_login(request.getfixturevalue(role))
    response = client.post(reverse("programme:report_restart", args=[report.pk]))
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == PhaseReport.Status.FAILED
    assert not OutboxMessage.objects.exists()
