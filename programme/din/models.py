"""The DIN: goals (Doelen), efforts (Inspanningen) and the network carrying them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from landerd_portal.concurrency import VersionedModel
from landerd_portal.fields import DESCRIPTION_MAX_LENGTH, BoundedTextField


class Goal(VersionedModel):
    """A goal (doel) of a theme; goals form a tree through `parent`."""

    theme = models.ForeignKey(
        "themes.Theme", verbose_name=_("thema"), related_name="goals", on_delete=models.CASCADE
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("hoofddoel"),
        related_name="children",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    title = models.CharField(_("doel"), max_length=300)
    description = BoundedTextField(_("toelichting"), max_length=DESCRIPTION_MAX_LENGTH, blank=True)
    indicator = models.CharField(_("indicator"), max_length=300, blank=True)
    baseline = models.CharField(_("nulmeting"), max_length=100, blank=True)
    target = models.CharField(_("streefwaarde"), max_length=100, blank=True)
    current_value = models.CharField(_("huidige waarde"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["theme__order", "order", "pk"]

    def __str__(self):
        return self.title


class Effort(VersionedModel):
    """An effort (inspanning) towards a goal."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Gepland")
        RUNNING = "running", _("Loopt")
        DONE = "done", _("Afgerond")
        STOPPED = "stopped", _("Gestopt")

    goal = models.ForeignKey(
        Goal, verbose_name=_("doel"), related_name="efforts", on_delete=models.CASCADE
    )
    title = models.CharField(_("inspanning"), max_length=300)
    description = BoundedTextField(_("toelichting"), max_length=DESCRIPTION_MAX_LENGTH, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    lead_organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("trekkende organisatie"),
        related_name="led_efforts",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inspanning")
        verbose_name_plural = _("inspanningen")
        ordering = ["goal", "order", "pk"]

    def __str__(self):
        return self.title


class NetworkEntry(models.Model):
    """An organisation carrying an effort, and what it contributes (the N of the DIN)."""

    class ContributionKind(models.TextChoices):
        MONEY = "money", _("Geld")
        HOURS = "hours", _("Uren")
        EXPERTISE = "expertise", _("Expertise")
        NETWORK = "network", _("Netwerk")
        IN_KIND = "in_kind", _("In natura")

    effort = models.ForeignKey(
        Effort, verbose_name=_("inspanning"), related_name="network", on_delete=models.CASCADE
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("organisatie"),
        related_name="network_entries",
        on_delete=models.CASCADE,
    )
    contribution_kind = models.CharField(
        _("soort bijdrage"), max_length=20, choices=ContributionKind.choices
    )
    contribution = models.CharField(_("bijdrage"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("netwerkpartner")
        verbose_name_plural = _("netwerk")
        ordering = ["effort", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["effort", "organisation", "contribution_kind"],
                name="one_network_entry_per_kind",
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.effort}"


class IndicatorValue(models.Model):
    """A measurement of a goal's indicator on a date: progress seen over time."""

    goal = models.ForeignKey(
        Goal, verbose_name=_("doel"), related_name="indicator_values", on_delete=models.CASCADE
    )
    date = models.DateField(_("datum van de meting"))
    value = models.CharField(_("waarde"), max_length=100)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingevoerd door"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("ingevoerd op"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meting van een indicator")
        verbose_name_plural = _("metingen van indicatoren")
        ordering = ["goal", "-date", "-pk"]
        indexes = [models.Index(fields=["goal", "-date"])]

    def __str__(self):
        return f"{self.goal}: {self.value} ({self.date})"
