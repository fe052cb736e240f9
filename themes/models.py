"""Themes, their working groups, the villages, and the activities partners log."""

import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from landerd_portal.concurrency import VersionedModel
from landerd_portal.fields import DESCRIPTION_MAX_LENGTH, NOTE_MAX_LENGTH, BoundedTextField


class Village(models.Model):
    """A village (dorpskern) of Landerd: Zeeland, Schaijk or Reek."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("korte naam"), unique=True)

    class Meta:
        verbose_name = _("dorpskern")
        verbose_name_plural = _("dorpskernen")
        ordering = ["name"]

    def __str__(self):
        return self.name


class TargetGroup(models.Model):
    """Who an activity is for (jeugd, ouders, ...). A fixed list, loaded by migration."""

    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("naam"), max_length=100)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")
        ordering = ["order"]

    def __str__(self):
        return self.name


class HealthDimension(models.Model):
    """One of the six dimensions of positive health. A fixed list, loaded by migration."""

    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("naam"), max_length=100)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("dimensie van positieve gezondheid")
        verbose_name_plural = _("dimensies van positieve gezondheid")
        ordering = ["order"]

    def __str__(self):
        return self.name


class Theme(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(_("korte naam"), unique=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    ambition = BoundedTextField(_("ambitie"), max_length=DESCRIPTION_MAX_LENGTH, blank=True)

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("themes:theme_detail", kwargs={"slug": self.slug})


class WorkingGroup(models.Model):
    """The werkgroep of one theme, led by its kartrekker."""

    theme = models.OneToOneField(
        Theme, verbose_name=_("thema"), related_name="working_group", on_delete=models.CASCADE
    )
    name = models.CharField(_("naam"), max_length=200)
    kartrekker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kartrekker"),
        related_name="led_working_groups",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leden"),
        related_name="working_groups",
        blank=True,
    )
    organisations = models.ManyToManyField(
        "partners.Organisation",
        verbose_name=_("deelnemende organisaties"),
        related_name="working_groups",
        blank=True,
    )

    history = HistoricalRecords(m2m_fields=[members, organisations])

    class Meta:
        verbose_name = _("werkgroep")
        verbose_name_plural = _("werkgroepen")
        ordering = ["theme__order"]

    def __str__(self):
        return self.name


class ActivityQuerySet(models.QuerySet):
    def published_in_period(self, *, period_start, period_end, theme=None):
        """Published activities that took place (started) within the period, of one theme
        or all: what the figures, the network and the phase report count."""
        activities = self.filter(
            status=Activity.Status.PUBLISHED, date__gte=period_start, date__lte=period_end
        )
        return activities.filter(theme=theme) if theme is not None else activities


class Activity(VersionedModel):
    """Something partners did for a theme, as they log it in the portal."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Concept")
        PUBLISHED = "published", _("Gepubliceerd")

    objects = ActivityQuerySet.as_manager()

    theme = models.ForeignKey(
        Theme, verbose_name=_("thema"), related_name="activities", on_delete=models.PROTECT
    )
    title = models.CharField(_("titel"), max_length=200)
    date = models.DateField(_("datum"), db_index=True)
    end_date = models.DateField(
        _("einddatum"), null=True, blank=True, help_text=_("Alleen bij een periode.")
    )
    # Times matter to residents who want to come (the public agenda and its feed); for the
    # partners' own records a date is enough, so both stay optional.
    start_time = models.TimeField(_("begintijd"), null=True, blank=True)
    end_time = models.TimeField(_("eindtijd"), null=True, blank=True)
    villages = models.ManyToManyField(
        Village, verbose_name=_("dorpskernen"), related_name="activities", blank=True
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("doelgroepen"), related_name="activities", blank=True
    )
    health_dimensions = models.ManyToManyField(
        HealthDimension,
        verbose_name=_("dimensies van positieve gezondheid"),
        related_name="activities",
        blank=True,
    )
    owner_organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("eigenaar"),
        related_name="owned_activities",
        on_delete=models.PROTECT,
    )
    organisations = models.ManyToManyField(
        "partners.Organisation",
        verbose_name=_("betrokken organisaties"),
        related_name="activities",
        blank=True,
    )
    reach = models.PositiveIntegerField(_("bereik (aantal inwoners)"), null=True, blank=True)
    volunteers = models.PositiveIntegerField(_("aantal vrijwilligers"), null=True, blank=True)
    description = BoundedTextField(
        _("korte beschrijving"), max_length=DESCRIPTION_MAX_LENGTH, blank=True
    )
    quote = BoundedTextField(_("citaat"), max_length=NOTE_MAX_LENGTH, blank=True)
    quote_attribution = models.CharField(
        _("citaat van"),
        max_length=200,
        blank=True,
        help_text=_("Een rol of organisatie, nooit de naam van een inwoner."),
    )
    # A quote is often a resident's words: it leaves the portal (the report to the council)
    # only when someone recorded that the person agreed. Without consent it stays internal.
    quote_consent = models.BooleanField(
        _("toestemming voor het citaat"),
        default=False,
        help_text=_("De persoon gaf toestemming om het citaat te gebruiken."),
    )
    quote_consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("toestemming vastgelegd door"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    quote_consent_at = models.DateTimeField(_("toestemming vastgelegd op"), null=True, blank=True)
    effort = models.ForeignKey(
        "programme.Effort",
        verbose_name=_("inspanning (DIN)"),
        related_name="activities",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    # A practice spreading between villages (issue 16): this activity takes up an approach
    # that an earlier, published activity (of any organisation) started elsewhere.
    builds_on = models.ForeignKey(
        "self",
        verbose_name=_("voortbouwend op"),
        related_name="taken_up_by",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # The organisation's choice to invite residents: a published activity with this on is
    # in the public agenda (/agenda/) and its feed. Off by default; drafts never.
    is_public = models.BooleanField(
        _("in de openbare agenda"),
        default=False,
        help_text=_(
            "Inwoners zien dan zonder inloggen op /agenda/ en in de agenda-feed: de titel, "
            "datum en tijd, het thema, de dorpskernen, de doelgroepen, je organisatie, de "
            "korte beschrijving en de foto's waarvoor toestemming is vastgelegd. Nooit het "
            "bereik, het aantal vrijwilligers, citaten of de inspanning uit de DIN. Een "
            "concept komt er nooit in."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gewijzigd door"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    history = HistoricalRecords(
        m2m_fields=[villages, target_groups, health_dimensions, organisations]
    )

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["theme", "status", "date"]),
            # The list's visibility rule (published, or a draft of one's own organisation)
            # and its newest-first order: each half of the OR from its own index.
            models.Index(fields=["status", "date"], name="activity_status_date_idx"),
            models.Index(
                fields=["owner_organisation", "status", "date"],
                name="activity_owner_status_date_idx",
            ),
            # A theme's summary (count and reach of what a user may see), index-only.
            models.Index(
                fields=["theme", "status", "owner_organisation", "reach"],
                name="activity_theme_summary_idx",
            ),
            # The DIN goal tree counts activities per effort, in total and within a phase.
            models.Index(fields=["effort", "date"], name="activity_effort_date_idx"),
            # The public agenda: public, published and from today on.
            models.Index(
                fields=["date"],
                name="activity_public_date_idx",
                condition=models.Q(is_public=True, status="published"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("date")),
                name="activity_end_after_start",
                violation_error_message=_("De einddatum ligt vóór de begindatum."),
            ),
            models.CheckConstraint(
                condition=models.Q(quote_consent=False) | models.Q(quote_consent_at__isnull=False),
                name="activity_quote_consent_recorded",
                violation_error_message=_("Bij toestemming hoort wanneer die is vastgelegd."),
            ),
            models.CheckConstraint(
                condition=models.Q(end_time__isnull=True) | models.Q(start_time__isnull=False),
                name="activity_end_time_needs_start",
                violation_error_message=_("Vul ook de begintijd in."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("themes:activity_detail", kwargs={"pk": self.pk})

    @property
    def quote_may_be_published(self):
        """Whether the quote may leave the portal: there is one and the person agreed."""
        return bool(self.quote.strip()) and self.quote_consent

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def is_in_public_agenda(self):
        return self.is_public and self.is_published

    def get_public_url(self):
        return reverse("themes:agenda_detail", kwargs={"pk": self.pk})


def activity_photo_path(instance, filename):
    # The stored name never comes from the uploader: photos are re-encoded to JPEG. A
    # random token makes it unguessable, so a leaked storage path reveals nothing else.
    suffix = PurePosixPath(filename).suffix.lower()
    return f"activiteiten/{instance.activity_id}/{secrets.token_urlsafe(16)}{suffix}"


class ActivityPhoto(models.Model):
    """A photo of an activity. Only kept with consent of the people in it."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activiteit"), related_name="photos", on_delete=models.CASCADE
    )
    image = models.ImageField(_("foto"), upload_to=activity_photo_path)
    alt_text = models.CharField(_("beschrijving van de foto"), max_length=250, blank=True)
    consent = models.BooleanField(
        _("toestemming"),
        default=False,
        help_text=_("De mensen op de foto gaven toestemming voor gebruik."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geüpload door"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    uploaded_at = models.DateTimeField(_("geüpload op"), auto_now_add=True)

    class Meta:
        verbose_name = _("foto")
        verbose_name_plural = _("foto's")
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consent=True),
                name="activity_photo_requires_consent",
                violation_error_message=_("Een foto wordt alleen bewaard met toestemming."),
            )
        ]

    def __str__(self):
        return self.alt_text or self.image.name

    def get_file_url(self):
        """The photo's address for <img>: a view that checks who may see the activity."""
        return reverse("themes:photo_file", kwargs={"pk": self.pk})

    def download_name(self):
        """The readable name the file gets when saved, e.g. buurtlunch-foto-12.jpg."""
        suffix = PurePosixPath(self.image.name).suffix.lower() or ".jpg"
        return f"{slugify(self.activity.title)[:60] or 'activiteit'}-foto-{self.pk}{suffix}"


class KartrekkerDigest(models.Model):
    """One monthly e-mail to a theme's kartrekker: which period it covered and when it went.

    The next digest starts where the last one ended, and a period is sent once: running
    the task again for the same period changes nothing.
    """

    working_group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("werkgroep"),
        related_name="digests",
        on_delete=models.CASCADE,
    )
    period_start = models.DateTimeField(_("vanaf"))
    period_end = models.DateTimeField(_("tot"))
    recipient = models.EmailField(_("ontvanger"), blank=True)
    activity_count = models.PositiveIntegerField(_("aantal nieuwe activiteiten"), default=0)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("maandoverzicht voor de kartrekker")
        verbose_name_plural = _("maandoverzichten voor de kartrekkers")
        ordering = ["-period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["working_group", "period_end"], name="one_digest_per_period"
            )
        ]

    def __str__(self):
        return f"{self.working_group} – {self.period_end:%Y-%m-%d}"


class CollaborationForm(models.TextChoices):
    """The five forms of collaboration (Common Eye, 'Samenwerkingsvormen'; seed 000)."""

    GEMEENSCHAPPELIJK = "gemeenschappelijk", _("Gemeenschappelijke ambitie")
    EXTERN_OPGELEGD = "extern_opgelegd", _("Extern opgelegde ambitie")
    OPGELEGD = "opgelegd", _("Opgelegde ambitie")
    EIGEN = "eigen", _("Eigen ambitie")
    GEDEELD = "gedeeld", _("Gedeelde ambities")


class WorkingGroupCollaboration(models.Model):
    """How a working group collaborates in one phase, and why (one record per phase)."""

    working_group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("werkgroep"),
        related_name="collaborations",
        on_delete=models.CASCADE,
    )
    phase = models.ForeignKey(
        "programme.Phase",
        verbose_name=_("fase"),
        related_name="working_group_collaborations",
        on_delete=models.PROTECT,
    )
    form = models.CharField(
        _("samenwerkingsvorm"), max_length=30, choices=CollaborationForm.choices
    )
    reason = models.CharField(_("waarom deze vorm"), max_length=500)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("samenwerkingsvorm van een werkgroep")
        verbose_name_plural = _("samenwerkingsvormen van werkgroepen")
        ordering = ["working_group", "phase__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["working_group", "phase"],
                name="one_collaboration_form_per_working_group_per_phase",
            )
        ]

    def __str__(self):
        return f"{self.working_group} – {self.phase}: {self.get_form_display()}"


# The residents' quick polls live in their own area; collected here so that Django and the
# migrations find them as themes.<Model>.
from themes.polls.models import Poll, PollAnswer  # noqa: E402

__all__ = [
    "Activity",
    "ActivityPhoto",
    "HealthDimension",
    "CollaborationForm",
    "KartrekkerDigest",
    "Poll",
    "PollAnswer",
    "TargetGroup",
    "Theme",
    "Village",
    "WorkingGroup",
    "WorkingGroupCollaboration",
]
