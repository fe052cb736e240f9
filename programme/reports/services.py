"""Phase reports: request a build, build it (in the worker), publish it.

A build is a new version: `request_report_build` creates the version row and, in the same
transaction, the outbox message that asks a worker to build it (landerd_portal/outbox.py),
so the request survives a broker that is down. The task only fills that row in
(`build_report`), so a retried or redelivered task never makes a second version. The files
are rendered in a local folder named after the version and stored in Django's default
storage only when complete; the row points at them (with their checksums and status
`ready`) in the same step. A published version never changes.

A worker that dies mid-build leaves the version `building`: the sweeper
(`sweep_stuck_builds`, beat) queues it again a bounded number of times, then marks it
failed; the programme team can restart it (`restart_report_build`).
"""

import contextlib
import datetime
import hashlib
import logging
import re
import shutil
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.mail import send_mail
from django.db import DatabaseError, InterfaceError, OperationalError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from landerd_portal.audit import save_by
from landerd_portal.fragments import REPORTS, content_changed
from landerd_portal.logs import log_event
from landerd_portal.outbox import enqueue_on_commit
from landerd_portal.permissions import require_permission
from landerd_portal.text import mail_subject
from partners.models import User
from programme.models import Phase, PhaseReport, phase_report_path
from programme.reports.documents.annex_csv import ActivitiesCsvWriter
from programme.reports.documents.pdf import render_report_pdf
from programme.reports.selectors import (
    BUILD_TASK,
    annex_rows,
    build_progress,
    default_period,
    griffie_recipients,
    phase_report_data,
    stuck_builds,
)

logger = logging.getLogger(__name__)

# Errors worth another try: the database or a storage/network service that hiccupped.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


class TransientBuildError(Exception):
    """The build failed for a reason that may pass; the task retries it."""


# --- Requesting a build --------------------------------------------------------------------


__all__ = ["BUILD_TASK"]  # the task's name, kept in selectors so that both can use it


@transaction.atomic
def request_report_build(
    *,
    phase: Phase,
    requested_by: User | None = None,
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
    enqueue: bool = True,
) -> PhaseReport:
    """Create the next version of `phase`'s report (status queued) and enqueue its build.

    `requested_by` is None for builds the system starts (beat, the command). A build that
    is already queued or running for the same phase and period is returned instead of a
    second one, so a double click does not make two versions; a stuck one does not count.
    The build message is stored with the version: if the broker is down, it is sent later.
    """
    if requested_by is not None:
        require_permission(
            requested_by,
            "programme.build_report",
            message=_("Je mag geen fasenrapportage laten maken."),
        )
    default_start, default_end = default_period(phase=phase, today=timezone.localdate())
    period_start = period_start or default_start
    period_end = period_end or default_end
    errors = {}
    if period_end < period_start:
        errors["period_end"] = _("De periode eindigt vóór het begin.")
    if period_start < phase.start_date or period_end > phase.end_date:
        errors.setdefault(
            "period_start",
            _("De periode moet binnen de fase vallen (%(start)s – %(end)s).")
            % {
                "start": phase.start_date.strftime("%d-%m-%Y"),
                "end": phase.end_date.strftime("%d-%m-%Y"),
            },
        )
    if errors:
        raise ValidationError(errors)

    # Lock the phase so that two requests at once cannot pick the same version number.
    Phase.objects.select_for_update().get(pk=phase.pk)
    in_progress = PhaseReport.objects.filter(
        phase=phase,
        period_start=period_start,
        period_end=period_end,
        status__in=[PhaseReport.Status.QUEUED, PhaseReport.Status.BUILDING],
    ).order_by("-version")
    progress = build_progress(reports=in_progress)
    for report in in_progress:
        if not progress[report.pk].stuck:
            return report
    latest = PhaseReport.objects.filter(phase=phase).aggregate(latest=Max("version"))["latest"]
    report = PhaseReport(
        phase=phase,
        version=(latest or 0) + 1,
        period_start=period_start,
        period_end=period_end,
        status=PhaseReport.Status.QUEUED,
        requested_by=requested_by,
    )
    report.full_clean()
    report.save()
    if enqueue:
        enqueue_on_commit(BUILD_TASK, report.pk)
    return report


def build_is_waiting_for_broker(*, report: PhaseReport) -> bool:
    """Whether the version's build request is still in the outbox (the broker was down)."""
    return build_progress(reports=[report])[report.pk].waiting_for_broker


# --- Building ------------------------------------------------------------------------------


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _claim(report_id):
    """Mark the version as building; None when there is nothing (more) to do.

    A version another worker took up less than the hard time limit ago is left to it: that
    worker may still be running (a message can come twice: the outbox and beat racing, the
    sweeper's re-queue and the broker's redelivery after a crash). After the time limit no
    worker runs it any more, so the version is taken over.
    """
    with transaction.atomic():
        report = (
            PhaseReport.objects.select_for_update().select_related("phase").filter(pk=report_id)
        ).first()
        if report is None:
            logger.warning("Phase report %s no longer exists; nothing to build", report_id)
            return None
        if report.status not in (PhaseReport.Status.QUEUED, PhaseReport.Status.BUILDING):
            # Ready, published or failed: a redelivered or retried task has nothing to do.
            return None
        if report.status == PhaseReport.Status.BUILDING:
            taken_up = report.history.order_by("-history_date").values_list(
                "history_date", flat=True
            )[:1]
            limit = datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
            if taken_up and timezone.now() - taken_up[0] < limit:
                logger.info("Phase report %s is being built by another worker", report_id)
                return None
        report.status = PhaseReport.Status.BUILDING
        report.failure_reason = ""
        report.save(update_fields=["status", "failure_reason"])
        return report


def _store(report, local_path, extension):
    """Upload a complete local file under the version's final name; returns that name."""
    name = phase_report_path(report, report.download_name(extension))
    # A file under this name can only be left over from an interrupted attempt of this
    # very version (the row never pointed at it): replace it rather than keep a copy.
    if default_storage.exists(name):
        default_storage.delete(name)
    with open(local_path, "rb") as handle:
        return default_storage.save(name, File(handle, name=Path(name).name))


def _written_to(csv_writer, chunks):
    """Each chunk of annex rows, once written to the CSV: one read of the activities
    (seconds for 10,000) feeds both the PDF's annex and the CSV."""
    for rows in chunks:
        csv_writer(rows)
        yield rows


def build_report(*, report_id: int) -> PhaseReport | None:
    """Render and store the files of a queued version, then mark it ready.

    Idempotent: returns early when the version is no longer queued or building. On a
    transient error the version goes back to `queued` and TransientBuildError is raised
    for the task to retry; any other error marks it `failed` with a readable reason.
    Nothing is visible until both files are stored and the row points at them.
    """
    report = _claim(report_id)
    if report is None:
        return None
    stored = []
    try:
        with _work_folder(report.pk) as workdir:
            with translation.override(settings.LANGUAGE_CODE):
                data = phase_report_data(
                    phase=report.phase,
                    period_start=report.period_start,
                    period_end=report.period_end,
                )
                pdf_path = workdir / report.download_name("pdf")
                csv_path = workdir / report.download_name("csv")
                chunks = annex_rows(
                    period_start=report.period_start,
                    period_end=report.period_end,
                    chunk_size=settings.REPORT_ANNEX_CHUNK_SIZE,
                )
                with ActivitiesCsvWriter(csv_path) as csv_writer:
                    page_count = render_report_pdf(
                        report=report,
                        data=data,
                        annex_chunks=_written_to(csv_writer, chunks),
                        workdir=workdir,
                        output_path=pdf_path,
                    )
                summary = data.summary()
            checksum, csv_checksum = _sha256(pdf_path), _sha256(csv_path)
            stored.append(_store(report, pdf_path, "pdf"))
            stored.append(_store(report, csv_path, "csv"))
        with transaction.atomic():
            current = PhaseReport.objects.select_for_update().get(pk=report.pk)
            if current.status != PhaseReport.Status.BUILDING:
                raise RuntimeError(_("De versie veranderde van status tijdens het maken."))
            current.pdf.name, current.csv.name = stored
            current.checksum, current.csv_checksum = checksum, csv_checksum
            current.page_count = page_count
            current.summary = summary
            current.status = PhaseReport.Status.READY
            current.finished_at = timezone.now()
            current.save()
        return current
    except TRANSIENT_ERRORS as error:
        _discard(stored)
        _set_status(report.pk, PhaseReport.Status.QUEUED, "")
        raise TransientBuildError(str(error)) from error
    except Exception as error:  # noqa: BLE001 - every other failure is recorded on the row
        logger.exception("Building phase report %s failed", report.pk)
        _discard(stored)
        mark_report_failed(report_id=report.pk, reason=failure_reason(error))
        return None


# --- The work folder ------------------------------------------------------------------------

WORK_FOLDER_PATTERN = re.compile(r"^fase-rapportage-(\d+)$")


def work_folder(report_id: int) -> Path:
    """Where a version is rendered: named after it, under REPORT_WORK_DIR, so that what a
    killed worker leaves behind is found and removed (`sweep_stuck_builds`)."""
    return Path(settings.REPORT_WORK_DIR) / f"fase-rapportage-{report_id}"


@contextlib.contextmanager
def _work_folder(report_id):
    folder = work_folder(report_id)
    # Left over from an attempt whose worker was killed: only one worker builds a version.
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def remove_abandoned_work_folders() -> list[int]:
    """Remove the work folders no running build uses; returns their versions' ids."""
    root = Path(settings.REPORT_WORK_DIR)
    if not root.is_dir():
        return []
    found = {}
    for folder in root.iterdir():
        match = WORK_FOLDER_PATTERN.match(folder.name)
        if match and folder.is_dir():
            found[int(match.group(1))] = folder
    if not found:
        return []
    building = PhaseReport.objects.filter(pk__in=found, status=PhaseReport.Status.BUILDING)
    in_use = {pk for pk, progress in build_progress(reports=building).items() if not progress.stuck}
    removed = []
    for pk, folder in sorted(found.items()):
        if pk not in in_use:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(pk)
    return removed


def failure_reason(error):
    if isinstance(error, OSError):
        what = _("Het bestand kon niet worden opgeslagen of gelezen.")
    elif isinstance(error, DatabaseError):
        what = _("De gegevens konden niet uit de database worden gelezen.")
    else:
        what = _("Er ging iets mis bij het maken van de rapportage.")
    detail = f"{type(error).__name__}: {error}".strip()
    return f"{what} ({detail[:400]})"


def _discard(names):
    for name in names:
        try:
            default_storage.delete(name)
        except Exception:  # noqa: BLE001 - best effort; the row never pointed at it
            logger.warning("Could not remove the unfinished report file %s", name)


def _set_status(report_id, status, reason):
    PhaseReport.objects.filter(
        pk=report_id, status__in=[PhaseReport.Status.QUEUED, PhaseReport.Status.BUILDING]
    ).update(status=status, failure_reason=reason)
    content_changed(REPORTS)  # an update() sends no signal; the dashboard shows the status


def mark_report_failed(*, report_id: int, reason: str) -> None:
    """Record a failed build (never on a ready or published version): no files, a reason."""
    with transaction.atomic():
        report = PhaseReport.objects.select_for_update().filter(pk=report_id).first()
        if report is None or report.status not in (
            PhaseReport.Status.QUEUED,
            PhaseReport.Status.BUILDING,
        ):
            return
        report.status = PhaseReport.Status.FAILED
        report.failure_reason = reason
        report.finished_at = timezone.now()
        report.pdf.name = ""
        report.csv.name = ""
        report.checksum = report.csv_checksum = ""
        report.save()


# --- Stuck builds: the sweeper and the restart --------------------------------------------


def _requeue(report):
    """Back to the queue with a new build message (inside the caller's transaction)."""
    report.status = PhaseReport.Status.QUEUED
    report.failure_reason = ""
    report.finished_at = None
    report.save(update_fields=["status", "failure_reason", "finished_at"])
    enqueue_on_commit(BUILD_TASK, report.pk)


def sweep_stuck_builds(*, now: datetime.datetime | None = None) -> dict:
    """Beat, every few minutes: find the versions whose worker died and act on them.

    A version queued or building with no sign of life for longer than
    REPORT_BUILD_STUCK_AFTER_SECONDS (and not waiting in the outbox for the broker) is queued
    again, at most REPORT_BUILD_MAX_REQUEUES times; after that it is marked failed with a
    reason the programme team can read, so it never blocks a new build. Work folders that
    killed workers left behind are removed. Returns the ids requeued, failed and cleaned.
    """
    requeued, failed = [], []
    for stuck in stuck_builds(now=now):
        with transaction.atomic():
            report = PhaseReport.objects.select_for_update().get(pk=stuck.pk)
            if not build_progress(reports=[report], now=now)[report.pk].stuck:
                continue  # a worker took it up meanwhile
            attempts = max(stuck.progress.handovers, 1)
            if attempts <= settings.REPORT_BUILD_MAX_REQUEUES:
                logger.warning("Phase report %s is stuck; queueing it again", report.pk)
                _requeue(report)
                requeued.append(report.pk)
            else:
                logger.error("Phase report %s is stuck after %s attempts", report.pk, attempts)
                mark_report_failed(
                    report_id=report.pk,
                    reason=_(
                        "Het maken stopte %(attempts)s keer zonder resultaat: de "
                        "achtergrondverwerking viel uit of liep vast. Start deze versie "
                        "opnieuw; gebeurt het weer, neem dan contact op met beheer."
                    )
                    % {"attempts": attempts},
                )
                failed.append(report.pk)
    if requeued or failed:
        content_changed(REPORTS)  # the cards show the status
    cleaned = remove_abandoned_work_folders()
    return {"requeued": requeued, "failed": failed, "cleaned": cleaned}


@transaction.atomic
def restart_report_build(*, report: PhaseReport, actor: User) -> PhaseReport:
    """Build a failed or stuck version again (the same version number); queued at once.

    A build that is still going (or waiting for the broker) cannot be restarted: that would
    only make two workers build the same version.
    """
    require_permission(
        actor,
        "programme.restart_report",
        report,
        message=_("Je mag het maken van een fasenrapportage niet opnieuw starten."),
    )
    report = PhaseReport.objects.select_for_update().select_related("phase").get(pk=report.pk)
    progress = build_progress(reports=[report])[report.pk]
    if report.status != PhaseReport.Status.FAILED and not progress.stuck:
        raise ValidationError(
            _(
                "Versie %(version)s kan niet opnieuw worden gestart: alleen een versie die "
                "mislukt is of vastzit (status: %(status)s)."
            )
            % {"version": report.version, "status": report.get_status_display()}
        )
    # The attempts count again from here: the sweeper counts the messages since the request.
    report.requested_at = timezone.now()
    report.requested_by = actor
    report.save(update_fields=["requested_at", "requested_by"])
    _requeue(report)
    return report


# --- Publishing ----------------------------------------------------------------------------


def check_publishable(report: PhaseReport) -> None:
    """Raise a ValidationError that says why ``report`` cannot be published, if it cannot."""
    if report.is_published:
        raise ValidationError(
            _("Versie %(version)s is al gepubliceerd en verandert niet meer.")
            % {"version": report.version}
        )
    if not report.is_publishable:
        raise ValidationError(
            _("Alleen een versie die klaar is kan worden gepubliceerd (status: %(status)s).")
            % {"status": report.get_status_display()}
        )


@transaction.atomic
def publish_report(
    *,
    report: PhaseReport,
    published_by: User,
    supersedes: PhaseReport | None = None,
    supersede_reason: str = "",
) -> PhaseReport:
    """Publish a ready version to the council; the griffie gets an e-mail.

    A published version is final: it cannot be published again, rebuilt or changed. A
    mistaken one is *superseded*: pass it as `supersedes` (an older published version of
    the same phase, not superseded yet) with a reason. It stays downloadable, marked as
    replaced by this version, and the griffie reads the reason on both and in the e-mail.
    """
    require_permission(
        published_by,
        "programme.publish_report",
        message=_("Je mag geen fasenrapportage publiceren."),
    )
    report = PhaseReport.objects.select_for_update().select_related("phase").get(pk=report.pk)
    check_publishable(report)
    if supersedes is not None:
        supersedes = _lock_supersedable(report=report, old=supersedes, reason=supersede_reason)
    report.status = PhaseReport.Status.PUBLISHED
    report.published_by = published_by
    report.published_at = timezone.now()
    save_by(published_by, report, update_fields=["status", "published_by", "published_at"])
    log_event("report_published", user=published_by, obj=report)
    if supersedes is not None:
        supersedes.superseded_by = report
        supersedes.supersede_reason = supersede_reason.strip()
        supersedes.superseded_at = report.published_at
        # Only these three fields: the files, checksum and figures of a published version
        # never change. The history records who replaced it, and when.
        save_by(
            published_by,
            supersedes,
            update_fields=["superseded_by", "supersede_reason", "superseded_at"],
        )
        log_event("report_superseded", user=published_by, obj=supersedes)
    transaction.on_commit(lambda: notify_griffie_of_publication(report=report))
    return report


def _lock_supersedable(*, report, old, reason):
    """The version `report` replaces, locked; a readable error when it may not."""
    old = PhaseReport.objects.select_for_update().get(pk=old.pk)
    if (
        old.phase_id != report.phase_id
        or old.status != PhaseReport.Status.PUBLISHED
        or old.version >= report.version
    ):
        raise ValidationError(
            {
                "supersedes": _(
                    "Alleen een eerder gepubliceerde versie van dezelfde fase kan worden vervangen."
                )
            }
        )
    if old.superseded_by_id is not None:
        raise ValidationError(
            {"supersedes": _("Versie %(version)s is al vervangen.") % {"version": old.version}}
        )
    if not reason.strip():
        raise ValidationError(
            {
                "supersede_reason": _(
                    "Schrijf voor de griffie waarom de eerdere versie wordt vervangen."
                )
            }
        )
    return old


def notify_griffie_of_publication(*, report: PhaseReport) -> int:
    """E-mail every active griffie account that a version was published (and, when it
    replaces an earlier one, which and why)."""
    recipients = list(griffie_recipients().values_list("email", flat=True))
    if not recipients:
        return 0
    replaced = report.supersedes.order_by("version").first()
    with translation.override(settings.LANGUAGE_CODE):
        subject = mail_subject(
            _("Nieuwe fasenrapportage: %(phase)s, versie %(version)s")
            % {"phase": report.phase.name, "version": report.version}
        )
        replacement = ""
        if replaced is not None:
            replacement = _(
                "Deze versie vervangt versie %(old)s. Reden: %(reason)s\n"
                "Versie %(old)s blijft te downloaden, gemarkeerd als vervangen.\n\n"
            ) % {"old": replaced.version, "reason": replaced.supersede_reason}
        body = _(
            "Beste griffie,\n\n"
            "Het programmateam van Samen Landerd, Samen Beter heeft versie %(version)s van "
            "de fasenrapportage over %(phase)s gepubliceerd (periode %(start)s tot en met "
            "%(end)s).\n\n"
            "%(replacement)s"
            "Je kunt de rapportage (PDF) en de lijst van activiteiten (CSV) downloaden na "
            "inloggen op:\n%(url)s\n\n"
            "Controlegetal (SHA-256) van de PDF: %(checksum)s\n\n"
            "Met vriendelijke groet,\nHet programmateam"
        ) % {
            "version": report.version,
            "phase": report.phase.name,
            "start": report.period_start.strftime("%d-%m-%Y"),
            "end": report.period_end.strftime("%d-%m-%Y"),
            "replacement": replacement,
            "url": settings.PORTAL_URL + reverse("programme:report_detail", args=[report.pk]),
            "checksum": report.checksum,
        }
    try:
        # One message per person: griffie members do not see each other's addresses.
        for recipient in recipients:
            send_mail(subject, body, None, [recipient])
    except Exception:  # noqa: BLE001 - the publication stands; the failure is logged
        logger.exception("Could not e-mail the griffie about phase report %s", report.pk)
    return len(recipients)


# --- Periodic builds (celery beat) ---------------------------------------------------------


def request_scheduled_draft(*, today: datetime.date | None = None) -> PhaseReport | None:
    """The monthly draft: the current phase so far."""
    from programme.reports.selectors import report_phase

    phase = report_phase()
    if phase is None:
        return None
    today = today or timezone.localdate()
    start, end = default_period(phase=phase, today=today)
    return request_report_build(phase=phase, period_start=start, period_end=end)


def request_builds_for_ended_phases(*, today: datetime.date | None = None) -> list[PhaseReport]:
    """A full-phase build for each phase that ended recently and has none since it ended."""
    today = today or timezone.localdate()
    look_back = today - datetime.timedelta(days=settings.REPORT_PHASE_END_DAYS)
    started = []
    for phase in Phase.objects.filter(end_date__lt=today, end_date__gte=look_back):
        already = PhaseReport.objects.filter(
            phase=phase,
            period_start=phase.start_date,
            period_end=phase.end_date,
            requested_at__date__gt=phase.end_date,
        ).exists()
        if not already:
            started.append(
                request_report_build(
                    phase=phase, period_start=phase.start_date, period_end=phase.end_date
                )
            )
    return started
