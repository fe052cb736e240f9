"""The learning history: reflections in the partners' own words, and open questions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Reflection(models.Model):
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
    text = models.TextField(_("reflectie"))
    quote = models.TextField(_("citaat"), blank=True)
    quote_approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("citaat goed te keuren door"),
        related_name="quotes_to_approve",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    quote_approved_at = models.DateTimeField(_("citaat goedgekeurd op"), null=True, blank=True)
    visibility = models.CharField(
        _("zichtbaarheid"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.DRAFT,
        db_index=True,
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("reflectie")
        verbose_name_plural = _("reflecties")
        ordering = ["phase__order", "kind", "created_at"]

    def __str__(self):
        return self.text[:80]


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
    text = models.TextField(_("vraag"))
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
    answer = models.TextField(_("antwoord"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("vraag voor de volgende fase")
        verbose_name_plural = _("vragen voor de volgende fase")
        ordering = ["phase__order", "status", "created_at"]

    def __str__(self):
        return self.text[:80]
