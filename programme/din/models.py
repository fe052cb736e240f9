"""The DIN: goals (Doelen), efforts (Inspanningen) and the network carrying them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from landerd_portal.concurrency import VersionedModel
from landerd_portal.fields import DESCRIPTION_MAX_LENGTH, NOTE_MAX_LENGTH, BoundedTextField

# Indicator figures: counts, percentages and amounts, with up to two decimals.
AMOUNT_DIGITS = {"max_digits": 12, "decimal_places": 2}


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
    # The indicator in numbers (as Akvo RSR and Decidim accountability do): what is
    # measured (the description), in which unit, from which baseline towards which target.
    indicator = BoundedTextField(
        _("omschrijving van de indicator"), max_length=NOTE_MAX_LENGTH, blank=True
    )
    unit = models.CharField(_("eenheid"), max_length=40, blank=True)
    baseline = models.DecimalField(_("nulmeting"), null=True, blank=True, **AMOUNT_DIGITS)
    target = models.DecimalField(_("streefwaarde"), null=True, blank=True, **AMOUNT_DIGITS)
    # The most recent measurement, kept by indicator_value_add (read by lists and exports).
    current_value = models.DecimalField(_("huidige waarde"), null=True, blank=True, **AMOUNT_DIGITS)
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
    """A measurement of a goal's indicator on a date, in the phase (period) it falls in."""

    goal = models.ForeignKey(
        Goal, verbose_name=_("doel"), related_name="indicator_values", on_delete=models.CASCADE
    )
    phase = models.ForeignKey(
        "programme.Phase",
        verbose_name=_("periode"),
        related_name="indicator_values",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    date = models.DateField(_("datum van de meting"))
    # Empty only for a free-text value from before the indicators had numbers: the
    # original text is then in the note (migration 0010); new measurements need a number.
    value = models.DecimalField(_("waarde"), null=True, blank=True, **AMOUNT_DIGITS)
    # Room for a 300-character note plus the original text of a migrated value.
    note = models.CharField(_("toelichting"), max_length=500, blank=True)
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
