"""The programme itself: its goal statement, phases and budget."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from landerd_portal.fields import DESCRIPTION_MAX_LENGTH, BoundedTextField


class Programme(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    goal_statement = BoundedTextField(_("doelstelling"), max_length=DESCRIPTION_MAX_LENGTH)
    municipality = models.CharField(_("gemeente"), max_length=200)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programma")
        verbose_name_plural = _("programma's")

    def __str__(self):
        return self.name


class Phase(models.Model):
    class Kind(models.TextChoices):
        INITIATIE = "initiatie", _("Initiatie")
        DEFINITIE = "definitie", _("Definitie")
        UITVOERING = "uitvoering", _("Uitvoering")

    programme = models.ForeignKey(
        Programme, verbose_name=_("programma"), related_name="phases", on_delete=models.CASCADE
    )
    slug = models.SlugField(_("korte naam"), unique=True)
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(_("volgorde"))
    start_date = models.DateField(_("begindatum"))
    end_date = models.DateField(_("einddatum"))
    motto = models.CharField(_("motto"), max_length=200, blank=True)
    description = BoundedTextField(_("beschrijving"), max_length=DESCRIPTION_MAX_LENGTH, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fase")
        verbose_name_plural = _("fasen")
        ordering = ["order"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="phase_end_after_start",
                violation_error_message=_("De einddatum ligt vóór de begindatum."),
            )
        ]

    def __str__(self):
        return self.name

    def contains(self, day):
        return self.start_date <= day <= self.end_date


class Budget(models.Model):
    """The programme's budget and programme-management capacity for one year."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programma"), related_name="budgets", on_delete=models.CASCADE
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    amount = models.DecimalField(_("bedrag (€)"), max_digits=12, decimal_places=2)
    programme_management_fte = models.DecimalField(
        _("programmamanagement (fte)"), max_digits=4, decimal_places=2
    )
    note = models.CharField(_("toelichting"), max_length=250, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgetten")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="one_budget_per_year")
        ]

    def __str__(self):
        return f"{self.year}: € {self.amount}"
