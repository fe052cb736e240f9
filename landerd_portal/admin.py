"""Beheer sees the outbox: background work that waits for the broker, and why."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from landerd_portal import outbox
from landerd_portal.models import OutboxMessage


class SentFilter(admin.SimpleListFilter):
    title = _("doorgegeven")
    parameter_name = "doorgegeven"

    def lookups(self, request, model_admin):
        return [("nee", _("Nog niet")), ("ja", _("Ja"))]

    def queryset(self, request, queryset):
        if self.value() == "nee":
            return queryset.filter(sent_at__isnull=True)
        if self.value() == "ja":
            return queryset.filter(sent_at__isnull=False)
        return queryset


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["task_name", "args", "created_at", "sent_at", "attempts", "last_error"]
    list_filter = [SentFilter, "task_name"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "task_id",
        "task_name",
        "args",
        "created_at",
        "sent_at",
        "attempts",
        "last_error",
    ]
    actions = ["hand_over_now"]

    def has_add_permission(self, request):
        return False  # messages come from the services, with the change that asks for them

    @admin.action(description=_("Nu aan de achtergrondverwerking doorgeven"))
    def hand_over_now(self, request, queryset):
        handed = sum(
            outbox.hand_over(pk)
            for pk in queryset.filter(sent_at__isnull=True).values_list("pk", flat=True)
        )
        self.message_user(request, _("%(count)s bericht(en) doorgegeven.") % {"count": handed})
