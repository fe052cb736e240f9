"""Residents' quick polls: one question a working group asks residents, and their answers.

A poll belongs to a theme. Residents answer without an account (``/peiling/<id>/``); the
counts are for the partners (theme page, phase report), a resident's free text only for
the working group, which may remove it. Neither the question nor the answers name anyone.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from landerd_portal.fields import NOTE_MAX_LENGTH, BoundedTextField

SCALE = range(1, 6)
MIN_OPTIONS = 2
MAX_OPTIONS = 6


class Poll(models.Model):
    class Kind(models.TextChoices):
        OPTIONS = "options", _("Kiezen uit een paar antwoorden")
        SCALE = "scale", _("Een cijfer van 1 tot 5")

    theme = models.ForeignKey(
        "themes.Theme", verbose_name=_("thema"), related_name="polls", on_delete=models.PROTECT
    )
    question = models.CharField(_("vraag"), max_length=300)
    kind = models.CharField(
        _("soort antwoord"), max_length=20, choices=Kind.choices, default=Kind.OPTIONS
    )
    # One answer per line: a handful, fixed once residents answer (answers refer to the
    # line's number), so a poll is not edited after it opens.
    options = BoundedTextField(_("antwoorden"), max_length=NOTE_MAX_LENGTH, blank=True)
    allow_text = models.BooleanField(_("ruimte voor een toelichting"), default=False)
    closes_on = models.DateField(_("open tot en met"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("peiling")
        verbose_name_plural = _("peilingen")
        ordering = ["-closes_on", "-pk"]

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return reverse("themes:poll", kwargs={"pk": self.pk})

    def option_lines(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    def choices(self) -> list[tuple[int, str]]:
        """The answers a resident picks from: (number stored, label shown)."""
        if self.kind == self.Kind.SCALE:
            return [(value, str(value)) for value in SCALE]
        return list(enumerate(self.option_lines(), start=1))

    def is_open(self, today=None) -> bool:
        return (today or timezone.localdate()) <= self.closes_on


class PollAnswer(models.Model):
    """One resident's answer. Anonymous: no account, no address, no cookie value stored."""

    poll = models.ForeignKey(
        Poll, verbose_name=_("peiling"), related_name="answers", on_delete=models.CASCADE
    )
    choice = models.PositiveSmallIntegerField(_("antwoord"))
    text = BoundedTextField(_("toelichting"), max_length=NOTE_MAX_LENGTH, blank=True)
    text_removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("toelichting verwijderd door"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    text_removed_at = models.DateTimeField(_("toelichting verwijderd op"), null=True, blank=True)
    created_at = models.DateTimeField(_("gegeven op"), auto_now_add=True)

    # The history says who removed a text and when, but never keeps the text itself:
    # removed must mean gone.
    history = HistoricalRecords(excluded_fields=["text"])

    class Meta:
        verbose_name = _("antwoord op een peiling")
        verbose_name_plural = _("antwoorden op peilingen")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["poll", "choice"], name="pollanswer_poll_choice_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(choice__gte=1), name="pollanswer_choice_positive"
            )
        ]

    def __str__(self):
        return f"{self.poll} – {self.choice}"
