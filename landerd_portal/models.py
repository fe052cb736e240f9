"""The project's own tables: the outbox of background work not yet handed to the broker,
and the one-time tokens of create forms that were already submitted."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """A Celery task to be sent, written in the same transaction as the change that asks
    for it, so that a broker that is down loses nothing (a transactional outbox).

    The web process hands it to the broker right after the commit; beat sends whatever is
    still unsent (`landerd_portal.outbox`). The tasks are idempotent, so a message that is
    delivered twice does no harm.
    """

    task_id = models.UUIDField(_("taak-id"), default=uuid.uuid4, unique=True, editable=False)
    task_name = models.CharField(_("taak"), max_length=200)
    args = models.JSONField(_("argumenten"), default=list, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    sent_at = models.DateTimeField(_("doorgegeven op"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    last_error = models.TextField(_("laatste fout"), blank=True)

    class Meta:
        verbose_name = _("bericht voor de achtergrondverwerking")
        verbose_name_plural = _("berichten voor de achtergrondverwerking")
        ordering = ["created_at"]
        indexes = [
            # Beat looks for the unsent ones only; sent rows are the bulk of the table.
            models.Index(
                fields=["created_at"], condition=Q(sent_at__isnull=True), name="outbox_unsent"
            ),
            models.Index(fields=["task_name", "created_at"], name="outbox_task"),
        ]

    def __str__(self):
        return f"{self.task_name}{tuple(self.args)}"

    @property
    def is_sent(self):
        return self.sent_at is not None


class SubmittedForm(models.Model):
    """A create form's one-time token and the row it made (``landerd_portal.concurrency``).

    Recorded in the transaction that made the row; the unique token makes a second
    submission of the same form (a double tap, the back button) lead to that row instead
    of a copy.
    """

    token = models.UUIDField(_("formuliertoken"), unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verstuurd door"),
        related_name="+",
        on_delete=models.CASCADE,
    )
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("soort"), related_name="+", on_delete=models.CASCADE
    )
    object_id = models.PositiveBigIntegerField(_("id"))
    content_object = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("verstuurd formulier")
        verbose_name_plural = _("verstuurde formulieren")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.token} → {self.content_type_id}:{self.object_id}"
