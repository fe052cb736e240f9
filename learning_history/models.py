"""The learning history: reflections in the partners' own words, and open questions."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from landerd_portal.concurrency import VersionedModel
from landerd_portal.fields import (
    DESCRIPTION_MAX_LENGTH,
    LONG_TEXT_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    BoundedTextField,
)

from .instrument import CHARACTERISTIC_CHOICES, MAX_SCORE, MIN_SCORE


class Reflection(VersionedModel):
    class Kind(models.TextChoices):
        WHAT_HAPPENED = "happened", _("Wat er gebeurde")
        WHAT_WORKED = "worked", _("Wat werkte")
        WHAT_DID_NOT = "did_not_work", _("Wat niet werkte")
        SURPRISE = "surprise", _("Wat verraste")

    class Visibility(models.TextChoices):
        DRAFT = "draft", _("Concept")
        SHARED = "shared", _("Gedeeld met partners")
        PUBLISHED = "published", _("Gepubliceerd")

    phase = models.ForeignKey(
        "programme.Phase",
        verbose_name=_("fase"),
        related_name="reflections",
        on_delete=models.PROTECT,
    )
    theme = models.ForeignKey(
        "themes.Theme",
        verbose_name=_("thema"),
        related_name="reflections",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        related_name="reflections",
        on_delete=models.PROTECT,
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("organisatie"),
        related_name="reflections",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    text = BoundedTextField(_("reflectie"), max_length=LONG_TEXT_MAX_LENGTH)
    quote = BoundedTextField(_("citaat"), max_length=NOTE_MAX_LENGTH, blank=True)
    quote_approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("citaat goed te keuren door"),
        related_name="quotes_to_approve",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    quote_approved_at = models.DateTimeField(_("citaat goedgekeurd op"), null=True, blank=True)
    # Set when the person quoted corrected the wording before approving it.
    quote_corrected = models.BooleanField(_("citaat gecorrigeerd"), default=False)
    visibility = models.CharField(
        _("zichtbaarheid"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.DRAFT,
        db_index=True,
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reflectie")
        verbose_name_plural = _("reflecties")
        ordering = ["phase__order", "kind", "created_at"]

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return reverse("learning_history:reflection_detail", kwargs={"pk": self.pk})

    @property
    def has_quote(self):
        return bool(self.quote.strip())

    @property
    def quote_is_approved(self):
        return self.has_quote and self.quote_approved_at is not None

    @property
    def quote_is_pending(self):
        return self.has_quote and self.quote_approved_at is None


class Question(models.Model):
    """A question the learning history raises for the next phase."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ADDRESSED = "addressed", _("Besproken")
        ANSWERED = "answered", _("Beantwoord")

    phase = models.ForeignKey(
        "programme.Phase",
        verbose_name=_("fase"),
        related_name="questions",
        on_delete=models.PROTECT,
    )
    theme = models.ForeignKey(
        "themes.Theme",
        verbose_name=_("thema"),
        related_name="questions",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    text = BoundedTextField(_("vraag"), max_length=NOTE_MAX_LENGTH)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gesteld door"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    addressed_in = models.ForeignKey(
        "programme.PartnerMeeting",
        verbose_name=_("besproken in"),
        related_name="questions_addressed",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    answer = BoundedTextField(_("antwoord"), max_length=DESCRIPTION_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vraag voor de volgende fase")
        verbose_name_plural = _("vragen voor de volgende fase")
        ordering = ["phase__order", "status", "created_at"]

    def __str__(self):
        return self.text[:80]


class SelfAnalysis(models.Model):
    """One scoring of the self-analysis instrument (seed 003, chapter 9) in one phase.

    An organisation scores itself once per phase; a scoring without an organisation is
    the joint scoring the programme team runs with the whole partnership.
    """

    phase = models.ForeignKey(
        "programme.Phase",
        verbose_name=_("fase"),
        related_name="self_analyses",
        on_delete=models.PROTECT,
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("organisatie"),
        related_name="self_analyses",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("Leeg bij de gezamenlijke scoring van het partnerschap."),
    )
    filled_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingevuld door"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("zelfanalyse")
        verbose_name_plural = _("zelfanalyses")
        ordering = ["phase__order", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["phase", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="one_self_analysis_per_organisation_per_phase",
                violation_error_message=_(
                    "Deze organisatie heeft de zelfanalyse voor deze fase al ingevuld."
                ),
            ),
            models.UniqueConstraint(
                fields=["phase"],
                condition=models.Q(organisation__isnull=True),
                name="one_joint_self_analysis_per_phase",
                violation_error_message=_("Voor deze fase is al een gezamenlijke scoring."),
            ),
        ]

    def __str__(self):
        who = self.organisation or _("Gezamenlijke scoring")
        return f"{who} – {self.phase}"

    @property
    def is_joint(self):
        return self.organisation_id is None


class Score(models.Model):
    """The score (1–5) of one characteristic in one self-analysis."""

    self_analysis = models.ForeignKey(
        SelfAnalysis, verbose_name=_("zelfanalyse"), related_name="scores", on_delete=models.CASCADE
    )
    characteristic = models.CharField(_("kenmerk"), max_length=40, choices=CHARACTERISTIC_CHOICES)
    value = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(MIN_SCORE), MaxValueValidator(MAX_SCORE)]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["self_analysis", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["self_analysis", "characteristic"], name="one_score_per_characteristic"
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=MIN_SCORE, value__lte=MAX_SCORE),
                name="score_between_one_and_five",
                violation_error_message=_("Een score ligt tussen 1 en 5."),
            ),
        ]

    def __str__(self):
        return f"{self.get_characteristic_display()}: {self.value}"


class KijkglasElement(models.TextChoices):
    """The five elements of the kijkglas model (Common Eye; seed 000, bijlage 3)."""

    AMBITIE = "ambitie", _("Ambitie")
    BELANGEN = "belangen", _("Belangen")
    RELATIE = "relatie", _("Relatie")
    ORGANISATIE = "organisatie", _("Organisatie")
    PROCES = "proces", _("Proces")


class KijkglasStatement(models.Model):
    """A statement the partners prioritised for one element of the kijkglas (seed 000,
    bijlage 4), loaded by ``seed_landerd``; partners rate it each phase."""

    element = models.CharField(_("element"), max_length=20, choices=KijkglasElement.choices)
    priority = models.PositiveSmallIntegerField(
        _("prioriteit"), help_text=_("1 is wat de partners het belangrijkst vonden.")
    )
    text = models.CharField(_("stelling"), max_length=500, unique=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("stelling uit het kijkglas")
        verbose_name_plural = _("stellingen uit het kijkglas")
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.get_element_display()}: {self.text[:60]}"


class KijkglasRating(models.Model):
    """One organisation's ratings of the kijkglas statements in one phase (one set each)."""

    phase = models.ForeignKey(
        "programme.Phase",
        verbose_name=_("fase"),
        related_name="kijkglas_ratings",
        on_delete=models.PROTECT,
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("organisatie"),
        related_name="kijkglas_ratings",
        on_delete=models.CASCADE,
    )
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingevuld door"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kijkglasbeoordeling")
        verbose_name_plural = _("kijkglasbeoordelingen")
        ordering = ["phase__order", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["phase", "organisation"],
                name="one_kijkglas_rating_per_organisation_per_phase",
                violation_error_message=_(
                    "Deze organisatie heeft het kijkglas voor deze fase al beoordeeld."
                ),
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.phase}"


class KijkglasScore(models.Model):
    """How much an organisation agrees (1–5) that a kijkglas statement holds now."""

    rating = models.ForeignKey(
        KijkglasRating,
        verbose_name=_("beoordeling"),
        related_name="scores",
        on_delete=models.CASCADE,
    )
    statement = models.ForeignKey(
        KijkglasStatement,
        verbose_name=_("stelling"),
        related_name="scores",
        on_delete=models.CASCADE,
    )
    value = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(MIN_SCORE), MaxValueValidator(MAX_SCORE)]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kijkglasscore")
        verbose_name_plural = _("kijkglasscores")
        ordering = ["rating", "statement__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["rating", "statement"], name="one_kijkglas_score_per_statement"
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=MIN_SCORE, value__lte=MAX_SCORE),
                name="kijkglas_score_between_one_and_five",
                violation_error_message=_("Een score ligt tussen 1 en 5."),
            ),
        ]

    def __str__(self):
        return f"{self.statement}: {self.value}"
