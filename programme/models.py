"""The programme itself: phases, budget, the DIN, partner meetings and phase reports."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Programme(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    goal_statement = models.TextField(_("doelstelling"))
    municipality = models.CharField(_("gemeente"), max_length=200)

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
    description = models.TextField(_("beschrijving"), blank=True)

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

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgetten")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="one_budget_per_year")
        ]

    def __str__(self):
        return f"{self.year}: € {self.amount}"


# --- The DIN: Doelen, Inspanningen, Netwerk ---------------------------------------------


class Goal(models.Model):
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
    description = models.TextField(_("toelichting"), blank=True)
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


class Effort(models.Model):
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
    description = models.TextField(_("toelichting"), blank=True)
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


# --- Partner meetings -------------------------------------------------------------------


class PartnerMeeting(models.Model):
    """A partneroverleg: one representative per signatory organisation."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("In voorbereiding")
        PUBLISHED = "published", _("Agenda gepubliceerd")
        HELD = "held", _("Gehouden")

    title = models.CharField(_("titel"), max_length=200)
    starts_at = models.DateTimeField(_("begint om"))
    duration_minutes = models.PositiveSmallIntegerField(_("duur (minuten)"), default=120)
    location = models.CharField(_("plaats"), max_length=200, blank=True)
    video_link = models.URLField(_("videolink"), blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voorzitter"),
        related_name="chaired_meetings",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    proposal_deadline = models.DateTimeField(
        _("agendapunten voorstellen tot"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("partneroverleg")
        verbose_name_plural = _("partneroverleggen")
        ordering = ["-starts_at"]

    def __str__(self):
        return self.title


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        INFORMEREN = "informeren", _("Informeren")
        BESPREKEN = "bespreken", _("Bespreken")
        BESLUITEN = "besluiten", _("Besluiten")

    meeting = models.ForeignKey(
        PartnerMeeting,
        verbose_name=_("partneroverleg"),
        related_name="agenda_items",
        on_delete=models.CASCADE,
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("toelichting"), blank=True)
    minutes_allotted = models.PositiveSmallIntegerField(_("minuten"), default=10)
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inleider"),
        related_name="presented_items",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    theme = models.ForeignKey(
        "themes.Theme",
        verbose_name=_("thema"),
        related_name="agenda_items",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("doel"),
        related_name="agenda_items",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    question = models.ForeignKey(
        "learning_history.Question",
        verbose_name=_("vraag"),
        related_name="agenda_items",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    notes = models.TextField(_("verslag"), blank=True)

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["meeting", "order", "pk"]

    def __str__(self):
        return self.title


class Decision(models.Model):
    meeting = models.ForeignKey(
        PartnerMeeting,
        verbose_name=_("partneroverleg"),
        related_name="decisions",
        on_delete=models.CASCADE,
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agendapunt"),
        related_name="decisions",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    text = models.TextField(_("besluit"))
    theme = models.ForeignKey(
        "themes.Theme",
        verbose_name=_("thema"),
        related_name="decisions",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["meeting", "pk"]

    def __str__(self):
        return self.text[:80]


class ActionItem(models.Model):
    meeting = models.ForeignKey(
        PartnerMeeting,
        verbose_name=_("partneroverleg"),
        related_name="action_items",
        on_delete=models.CASCADE,
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agendapunt"),
        related_name="action_items",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    description = models.CharField(_("actie"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("wie"),
        related_name="action_items",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    due_date = models.DateField(_("uiterlijk op"), null=True, blank=True)
    done = models.BooleanField(_("afgerond"), default=False)

    class Meta:
        verbose_name = _("actiepunt")
        verbose_name_plural = _("actiepunten")
        ordering = ["done", "due_date", "pk"]

    def __str__(self):
        return self.description


# --- Phase reports ----------------------------------------------------------------------


def phase_report_path(instance, filename):
    return f"rapportages/{instance.phase.slug}/{filename}"


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
