"""Admin for phase reports: shown, never edited (the worker builds them)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
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
        "pdf_file",
        "csv_file",
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
        "superseded_by",
        "supersede_reason",
        "superseded_at",
    )
    fieldsets = (
        (None, {"fields": ("phase", "version", "period_start", "period_end", "status")}),
        (
            _("Resultaat"),
            {
                "fields": (
                    "pdf_file",
                    "csv_file",
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
                    "superseded_by",
                    "supersede_reason",
                    "superseded_at",
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

    # The files through the portal's download view (the same rules as the report page),
    # never a /media/ address: media are not served directly.
    @admin.display(description=_("PDF"))
    def pdf_file(self, obj):
        return self._download_link(obj, obj.pdf, "pdf")

    @admin.display(description=_("CSV"))
    def csv_file(self, obj):
        return self._download_link(obj, obj.csv, "csv")

    @staticmethod
    def _download_link(obj, field, extension):
        if not field:
            return "–"
        url = reverse("programme:report_download", args=[obj.pk, extension])
        return format_html('<a href="{}">{}</a>', url, obj.download_name(extension))
