"""Partner meetings (partneroverleg): agenda, decisions and action items."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from landerd_portal.concurrency import VersionedModel
from landerd_portal.fields import (
    DESCRIPTION_MAX_LENGTH,
    MINUTES_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    BoundedTextField,
)
from programme.din.models import Goal


class PartnerMeeting(VersionedModel):
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
    # Set by the e-mail task once partners were told; makes the task idempotent.
    publication_mailed_at = models.DateTimeField(_("publicatie gemaild op"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partneroverleg")
        verbose_name_plural = _("partneroverleggen")
        ordering = ["-starts_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("programme:meeting_detail", kwargs={"pk": self.pk})

    @property
    def is_published(self):
        return self.status != self.Status.DRAFT

    @property
    def ends_at(self):
        from datetime import timedelta

        return self.starts_at + timedelta(minutes=self.duration_minutes)


class AgendaItem(VersionedModel):
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
    text = BoundedTextField(_("toelichting"), max_length=DESCRIPTION_MAX_LENGTH, blank=True)
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
    notes = BoundedTextField(_("verslag"), max_length=MINUTES_MAX_LENGTH, blank=True)
    # Which suggestion (see selectors.meetings) this item came from, so it is not
    # suggested again; empty for items the programme team wrote themselves.
    suggestion_key = models.CharField(_("suggestie"), max_length=50, blank=True)
    changed_after_publication = models.BooleanField(_("gewijzigd na publicatie"), default=False)

    history = HistoricalRecords()

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
    text = BoundedTextField(_("besluit"), max_length=DESCRIPTION_MAX_LENGTH)
    theme = models.ForeignKey(
        "themes.Theme",
        verbose_name=_("thema"),
        related_name="decisions",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    history = HistoricalRecords()

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
    done_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("actiepunt")
        verbose_name_plural = _("actiepunten")
        ordering = ["done", "due_date", "pk"]

    def __str__(self):
        return self.description


class AgendaProposal(models.Model):
    """An agenda item a partner or kartrekker proposes; the programme team decides."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Voorgesteld")
        ACCEPTED = "accepted", _("Op de agenda")
        DECLINED = "declined", _("Niet geagendeerd")

    meeting = models.ForeignKey(
        PartnerMeeting,
        verbose_name=_("partneroverleg"),
        related_name="proposals",
        on_delete=models.CASCADE,
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voorgesteld door"),
        related_name="agenda_proposals",
        on_delete=models.CASCADE,
    )
    title = models.CharField(_("titel"), max_length=200)
    reason = BoundedTextField(_("waarom"), max_length=DESCRIPTION_MAX_LENGTH)
    wished_kind = models.CharField(
        _("gewenste soort"), max_length=20, choices=AgendaItem.Kind.choices
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    decline_reason = BoundedTextField(_("reden"), max_length=NOTE_MAX_LENGTH, blank=True)
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agendapunt"),
        related_name="proposals",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("voorgesteld op"), auto_now_add=True)
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("voorstel voor de agenda")
        verbose_name_plural = _("voorstellen voor de agenda")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="declined") | ~models.Q(decline_reason=""),
                name="declined_proposal_has_reason",
                violation_error_message=_(
                    "Geef een reden waarom het voorstel niet op de agenda komt."
                ),
            )
        ]

    def __str__(self):
        return self.title


def agenda_attachment_path(instance, filename):
    # The stored name never comes from the uploader; the extension follows the content. The
    # random folder makes it unguessable; the readable name is the download's (``name``).
    token = secrets.token_urlsafe(16)
    return f"partneroverleg/{instance.agenda_item.meeting_id}/{token}/{filename}"


class AgendaAttachment(models.Model):
    """A document with an agenda item (PDF, image or office document)."""

    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agendapunt"),
        related_name="attachments",
        on_delete=models.CASCADE,
    )
    file = models.FileField(_("bestand"), upload_to=agenda_attachment_path, max_length=300)
    name = models.CharField(_("naam"), max_length=200)
    content_type = models.CharField(_("soort bestand"), max_length=100)
    size = models.PositiveIntegerField(_("grootte (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geüpload door"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    uploaded_at = models.DateTimeField(_("geüpload op"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programme:attachment_download", kwargs={"pk": self.pk})


class DismissedSuggestion(models.Model):
    """A suggestion the programme team set aside, so it is not suggested again."""

    meeting = models.ForeignKey(
        PartnerMeeting,
        verbose_name=_("partneroverleg"),
        related_name="dismissed_suggestions",
        on_delete=models.CASCADE,
    )
    key = models.CharField(_("suggestie"), max_length=50)
    title = models.CharField(_("titel"), max_length=300)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("genegeerd door"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    dismissed_at = models.DateTimeField(_("genegeerd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("genegeerde suggestie")
        verbose_name_plural = _("genegeerde suggesties")
        ordering = ["dismissed_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "key"], name="dismiss_suggestion_once")
        ]

    def __str__(self):
        return self.title


class AgendaChange(models.Model):
    """A change to an agenda after it was published, shown to everyone who reads it."""

    meeting = models.ForeignKey(
        PartnerMeeting,
        verbose_name=_("partneroverleg"),
        related_name="changes",
        on_delete=models.CASCADE,
    )
    description = models.CharField(_("wijziging"), max_length=400)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gewijzigd door"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    changed_at = models.DateTimeField(_("gewijzigd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("wijziging na publicatie")
        verbose_name_plural = _("wijzigingen na publicatie")
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return self.description
