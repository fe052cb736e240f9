"""Partner meetings (partneroverleg): agenda, decisions and action items."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .din import Goal


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
