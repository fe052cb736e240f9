"""Admin for phase reports: shown, never edited (the worker builds them)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import PhaseReport


@admin.register(PhaseReport)
class PhaseReportAdmin(SimpleHistoryAdmin):
    """Reports are built by the worker: what it produces is shown, never edited."""

    list_display = ("phase", "version", "status", "requested_at", "published_at")
    list_filter = ("status", "phase")
    list_select_related = ("phase",)
    search_fields = ("phase__name", "checksum")
    autocomplete_fields = ("phase",)
    readonly_fields = (
        "pdf",
        "csv",
        "checksum",
        "csv_checksum",
        "page_count",
        "summary",
        "failure_reason",
        "requested_by",
        "requested_at",
        "finished_at",
        "published_by",
        "published_at",
    )
    fieldsets = (
        (None, {"fields": ("phase", "version", "period_start", "period_end", "status")}),
        (
            _("Resultaat"),
            {
                "fields": (
                    "pdf",
                    "csv",
                    "checksum",
                    "csv_checksum",
                    "page_count",
                    "summary",
                    "failure_reason",
                )
            },
        ),
        (
            _("Gegevens"),
            {
                "fields": (
                    "requested_by",
                    "requested_at",
                    "finished_at",
                    "published_by",
                    "published_at",
                )
            },
        ),
    )

    # Builds start and versions are published from /rapportages/, where the service
    # enforces that a published version never changes; the admin only shows them.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
