"""Phase reports to the council, built by the Celery worker."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programme.phases.models import Phase


def phase_report_path(instance, filename):
    """``rapportages/<phase>/<token>/<file>``: the token makes an unpublished version's name
    unguessable. It is keyed to the version (an HMAC of its id with the secret key), not
    drawn at random, so that a retried build stores under the same name and replaces what
    an interrupted attempt left (services._store)."""
    if instance.pk is None:
        token = secrets.token_urlsafe(16)
    else:
        token = salted_hmac(__name__ + ".phase_report_path", str(instance.pk)).hexdigest()[:32]
    return f"rapportages/{instance.phase.slug}/{token}/{filename}"


class PhaseReport(models.Model):
    """One built version of the report to the council for a phase."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("In de wachtrij")
        BUILDING = "building", _("Wordt gemaakt")
        READY = "ready", _("Klaar")
        FAILED = "failed", _("Mislukt")
        PUBLISHED = "published", _("Gepubliceerd")

    phase = models.ForeignKey(
        Phase, verbose_name=_("fase"), related_name="reports", on_delete=models.PROTECT
    )
    version = models.PositiveIntegerField(_("versie"))
    period_start = models.DateField(_("periode vanaf"))
    period_end = models.DateField(_("periode tot en met"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    pdf = models.FileField(_("PDF"), upload_to=phase_report_path, blank=True)
    csv = models.FileField(_("CSV"), upload_to=phase_report_path, blank=True)
    checksum = models.CharField(_("controlegetal (SHA-256)"), max_length=64, blank=True)
    csv_checksum = models.CharField(_("controlegetal CSV (SHA-256)"), max_length=64, blank=True)
    page_count = models.PositiveIntegerField(_("aantal pagina's"), null=True, blank=True)
    # The key figures as they were when this version was built (from the same selector
    # as the PDF), so a page about a published version shows what the council received.
    summary = models.JSONField(_("kerncijfers"), default=dict, blank=True)
    failure_reason = models.TextField(_("reden van mislukken"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gestart door"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    requested_at = models.DateTimeField(_("gestart op"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gepubliceerd door"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    # A published version never changes its files; a mistaken one is replaced by a newer
    # version of the same phase, and the griffie reads why (services.publish_report).
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("vervangen door"),
        related_name="supersedes",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    supersede_reason = models.TextField(_("reden van vervangen"), max_length=1000, blank=True)
    superseded_at = models.DateTimeField(_("vervangen op"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fase-rapportage")
        verbose_name_plural = _("fase-rapportages")
        ordering = ["phase__order", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["phase", "version"], name="one_report_per_version")
        ]

    def __str__(self):
        return f"{self.phase} v{self.version}"

    def get_absolute_url(self):
        return reverse("programme:report_detail", kwargs={"pk": self.pk})

    @property
    def is_in_progress(self):
        return self.status in (self.Status.QUEUED, self.Status.BUILDING)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def is_superseded(self):
        return self.superseded_by_id is not None

    @property
    def is_publishable(self):
        """Built and not yet published: what the council may be given."""
        return self.status == self.Status.READY and bool(self.pdf)

    @property
    def has_files(self):
        return self.status in (self.Status.READY, self.Status.PUBLISHED) and bool(self.pdf)

    def download_name(self, extension):
        """The name a downloaded file gets, e.g. samen-landerd-fase-1-2019-v3.pdf."""
        prefix = settings.REPORT_FILE_PREFIX
        return f"{prefix}-{self.phase.slug}-v{self.version}.{extension}"
