"""Nothing lost, nothing stuck: builds and agenda e-mails survive a dead worker or broker.

Real worker processes (prefork, so a main process and a child, as in production) and the
real broker; the time limits are shortened for the test through the environment the
workers read and the settings this process reads.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.urls import reverse

from landerd_portal import outbox
from landerd_portal.celery import app
from landerd_portal.models import OutboxMessage
from programme.meetings import services as meeting_services
from programme.models import PartnerMeeting, PhaseReport
from programme.reports import services
from programme.seeding.synthetic import add_synthetic_activities
from tests.factories import (
    AgendaItemFactory,
    EffortFactory,
    OrganisationFactory,
    PartnerMeetingFactory,
    VillageFactory,
)

pytestmark = pytest.mark.worker

ROOT = Path(__file__).resolve().parent.parent.parent
CLOSED_PORT = "redis://127.0.0.1:9/0"  # nothing listens on port 9
TIME_LIMIT = 20  # seconds, instead of 15 minutes
STUCK_AFTER = 25


def start_worker(settings, log_path, **env_overrides):
    """A `celery worker` with a prefork pool of one child, on the test database."""
    database = settings.DATABASES["default"]
    env = {
        **os.environ,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        ),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        **{key: str(value) for key, value in env_overrides.items()},
    }
    log = open(log_path, "ab")  # noqa: SIM115 - the process writes to it until stopped
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "celery", "-A", "landerd_portal", "worker"),
            *("--pool", "prefork", "--concurrency", "1", "--loglevel", "INFO"),
            *("--without-gossip", "--without-mingle", "--without-heartbeat"),
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    log.close()
    deadline = time.monotonic() + 60
    while not app.control.ping(timeout=1):
        if process.poll() is not None or time.monotonic() > deadline:
            stop(process)
            raise RuntimeError(f"The Celery worker did not start; see {log_path}")
    return process


def children_of(pid):
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except FileNotFoundError:
        return []
    return [int(child) for child in found]


def kill_hard(process):
    """SIGKILL the worker's main process and its pool child: nothing gets to clean up."""
    children = children_of(process.pid)
    assert children, "the prefork worker has no child"
    for pid in [process.pid, *children]:
        os.kill(pid, signal.SIGKILL)
    process.wait(timeout=10)
    for pid in children:
        while Path(f"/proc/{pid}").exists() and "Z" not in _state(pid):
            time.sleep(0.05)


def _state(pid):
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2]
    except FileNotFoundError:
        return "Z"


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def wait_for(condition, *, timeout, interval=0.2, each=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if each:
            each()
        if condition():
            return True
        time.sleep(interval)
    return False


def status_of(report):
    report.refresh_from_db()
    return report.status


@pytest.fixture
def short_limits(settings, tmp_path):
    """The same shortened limits for the workers (environment) and this process (settings)."""
    work_dir = tmp_path / "werkmappen"
    settings.CELERY_TASK_TIME_LIMIT = TIME_LIMIT
    settings.REPORT_BUILD_STUCK_AFTER_SECONDS = STUCK_AFTER
    settings.REPORT_WORK_DIR = work_dir
    return {
        "CELERY_TASK_TIME_LIMIT": TIME_LIMIT,
        "CELERY_TASK_SOFT_TIME_LIMIT": TIME_LIMIT - 2,
        "CELERY_BROKER_VISIBILITY_TIMEOUT": STUCK_AFTER,
        "REPORT_BUILD_STUCK_AFTER_SECONDS": STUCK_AFTER,
        "REPORT_WORK_DIR": work_dir,
    }


@pytest.fixture
def phase_with_many_activities(transactional_db, phase, theme, organisation, other_organisation):
    """Enough published activities that a build takes some seconds: time to kill it."""
    EffortFactory(goal__theme=theme)
    OrganisationFactory()
    for name in ("Zeeland", "Schaijk", "Reek"):
        VillageFactory(name=name)
    add_synthetic_activities(count=1500)
    return phase


def test_worker_killed_mid_build_leaves_no_stuck_version_and_no_folder(
    settings, short_limits, phase_with_many_activities, tmp_path
):
    log_path = tmp_path / "worker.log"
    worker = start_worker(settings, log_path, **short_limits)
    try:
        report = services.request_report_build(phase=phase_with_many_activities)
        folder = services.work_folder(report.pk)
        assert wait_for(
            lambda: status_of(report) == PhaseReport.Status.BUILDING and folder.exists(),
            timeout=60,
            interval=0.05,
        ), log_path.read_text()
        kill_hard(worker)
    finally:
        stop(worker)
    killed_at = time.monotonic()
    assert status_of(report) == PhaseReport.Status.BUILDING
    assert folder.exists()  # what a SIGKILL leaves behind

    # A worker starts again; beat's sweeper runs (here: every second, in this process).
    worker = start_worker(settings, log_path, **short_limits)
    try:
        finished = wait_for(
            lambda: status_of(report) in (PhaseReport.Status.READY, PhaseReport.Status.FAILED),
            timeout=STUCK_AFTER + 90,
            interval=1,
            each=services.sweep_stuck_builds,
        )
        assert finished, log_path.read_text()[-4000:]
        assert report.status == PhaseReport.Status.READY, report.failure_reason
        assert time.monotonic() - killed_at < STUCK_AFTER + 90
        assert not folder.exists()
        assert list(short_limits["REPORT_WORK_DIR"].iterdir()) == []

        # The next build is not blocked: a new version is made.
        newer = services.request_report_build(phase=phase_with_many_activities)
        assert newer.version == report.version + 1
        assert wait_for(lambda: status_of(newer) == PhaseReport.Status.READY, timeout=90)
        assert list(short_limits["REPORT_WORK_DIR"].iterdir()) == []
    finally:
        stop(worker)


def test_build_requested_while_the_broker_is_down_answers_at_once_and_is_built_later(
    client, settings, short_limits, celery_worker_process, phase, programmateam
):
    broker_url = settings.CELERY_BROKER_URL
    settings.CELERY_BROKER_URL = CLOSED_PORT
    client.force_login(programmateam)

    started = time.monotonic()
    response = client.post(reverse("programme:report_build"), {"phase": phase.pk}, follow=True)
    assert time.monotonic() - started < 2

    assert "de rapportage wordt gemaakt zodra de achtergrondverwerking weer bereikbaar is" in (
        response.content.decode()
    )
    report = PhaseReport.objects.get()
    assert report.status == PhaseReport.Status.QUEUED
    assert OutboxMessage.objects.get().sent_at is None
    # Not stuck while it waits for the broker, however long that takes.
    assert services.sweep_stuck_builds()["requeued"] == []

    # The broker is back: beat's outbox sweep hands the request over; the worker builds it.
    settings.CELERY_BROKER_URL = broker_url
    assert outbox.send_unsent() == 1
    assert wait_for(lambda: status_of(report) == PhaseReport.Status.READY, timeout=90), (
        report.failure_reason
    )
    assert OutboxMessage.objects.get().sent_at is not None


def test_agenda_published_while_the_broker_is_down_is_mailed_once_when_it_is_back(
    transactional_db, client, settings, tmp_path, programmateam, partner
):
    meeting = PartnerMeetingFactory(title="Partneroverleg oktober")
    AgendaItemFactory(meeting=meeting, title="Opening")
    broker_url = settings.CELERY_BROKER_URL
    settings.CELERY_BROKER_URL = CLOSED_PORT
    client.force_login(programmateam)

    started = time.monotonic()
    response = client.post(reverse("programme:meeting_publish", args=[meeting.pk]))
    assert time.monotonic() - started < 2
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == PartnerMeeting.Status.PUBLISHED
    assert meeting.publication_mailed_at is None

    # The broker is back. The message is handed over by beat and, to show a double
    # delivery does no harm, once more by hand; a worker sends the e-mail once.
    settings.CELERY_BROKER_URL = broker_url
    assert outbox.send_unsent() == 1
    app.send_task(meeting_services.PUBLICATION_EMAIL_TASK, args=[meeting.pk], ignore_result=True)
    log_path = tmp_path / "worker.log"
    worker = start_worker(settings, log_path)
    try:
        assert wait_for(
            lambda: meeting.refresh_from_db() or meeting.publication_mailed_at, timeout=60
        )
        # Both deliveries are done once the worker has nothing left to do.
        assert wait_for(lambda: log_path.read_text().count("succeeded in") >= 2, timeout=60)
    finally:
        stop(worker)
    assert log_path.read_text().count(f"To: {partner.email}") == 1
