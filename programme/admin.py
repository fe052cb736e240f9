"""Admin for the programme, its phases and budget, the DIN, partner meetings and reports."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    ActionItem,
    AgendaItem,
    Budget,
    Decision,
    Effort,
    Goal,
    NetworkEntry,
    PartnerMeeting,
    Phase,
    PhaseReport,
    Programme,
)

# --- Programme, phases, budget ----------------------------------------------------------


class BudgetInline(admin.TabularInline):
    model = Budget
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("name", "municipality")
    search_fields = ("name", "municipality")
    inlines = [BudgetInline]


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    list_display = ("name", "programme", "kind", "order", "start_date", "end_date")
    list_filter = ("programme", "kind")
    list_select_related = ("programme",)
    search_fields = ("name", "motto", "description")
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("order",)


@admin.register(Budget)
class BudgetAdmin(admin.ModelAdmin):
    list_display = ("year", "programme", "amount", "programme_management_fte", "note")
    list_filter = ("programme",)
    list_select_related = ("programme",)
    search_fields = ("note", "programme__name")
    ordering = ("year",)


# --- The DIN ----------------------------------------------------------------------------


class EffortInline(admin.TabularInline):
    model = Effort
    extra = 0
    fields = ("title", "status", "lead_organisation", "order")
    autocomplete_fields = ("lead_organisation",)
    show_change_link = True


@admin.register(Goal)
class GoalAdmin(SimpleHistoryAdmin):
    list_display = ("title", "theme", "parent", "indicator", "target", "current_value", "order")
    list_filter = ("theme",)
    list_select_related = ("theme", "parent")
    search_fields = ("title", "description", "indicator")
    autocomplete_fields = ("theme", "parent")
    inlines = [EffortInline]


class NetworkEntryInline(admin.TabularInline):
    model = NetworkEntry
    extra = 0
    autocomplete_fields = ("organisation",)


@admin.register(Effort)
class EffortAdmin(SimpleHistoryAdmin):
    list_display = ("title", "goal", "theme", "status", "lead_organisation")
    list_filter = ("status", "goal__theme", "lead_organisation")
    list_select_related = ("goal__theme", "lead_organisation")
    search_fields = ("title", "description", "goal__title")
    autocomplete_fields = ("goal", "lead_organisation")
    inlines = [NetworkEntryInline]

    @admin.display(description=_("thema"), ordering="goal__theme__order")
    def theme(self, obj):
        return obj.goal.theme


@admin.register(NetworkEntry)
class NetworkEntryAdmin(SimpleHistoryAdmin):
    list_display = ("organisation", "effort", "contribution_kind", "contribution")
    list_filter = ("contribution_kind", "organisation")
    list_select_related = ("organisation", "effort")
    search_fields = ("organisation__name", "effort__title", "contribution")
    autocomplete_fields = ("effort", "organisation")


# --- Partner meetings -------------------------------------------------------------------


class AgendaItemInline(admin.StackedInline):
    model = AgendaItem
    extra = 0
    fields = (
        ("order", "kind", "minutes_allotted"),
        "title",
        "text",
        ("presenter", "theme"),
        ("goal", "question"),
        "notes",
    )
    autocomplete_fields = ("presenter", "theme", "goal", "question")
    show_change_link = True


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0
    autocomplete_fields = ("agenda_item", "theme")


class ActionItemInline(admin.TabularInline):
    model = ActionItem
    extra = 0
    autocomplete_fields = ("agenda_item", "owner")


@admin.register(PartnerMeeting)
class PartnerMeetingAdmin(admin.ModelAdmin):
    list_display = ("title", "starts_at", "status", "chair", "location")
    list_filter = ("status",)
    list_select_related = ("chair",)
    search_fields = ("title", "location")
    date_hierarchy = "starts_at"
    autocomplete_fields = ("chair",)
    inlines = [AgendaItemInline, DecisionInline, ActionItemInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ("title", "meeting", "order", "kind", "presenter", "theme")
    list_filter = ("kind", "theme", "meeting")
    list_select_related = ("meeting", "presenter", "theme")
    search_fields = ("title", "text", "notes", "meeting__title")
    autocomplete_fields = ("meeting", "presenter", "theme", "goal", "question")


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "meeting", "agenda_item", "theme")
    list_filter = ("theme", "meeting")
    list_select_related = ("meeting", "agenda_item", "theme")
    search_fields = ("text", "meeting__title")
    autocomplete_fields = ("meeting", "agenda_item", "theme")


@admin.register(ActionItem)
class ActionItemAdmin(admin.ModelAdmin):
    list_display = ("description", "meeting", "owner", "due_date", "done")
    list_filter = ("done", "meeting")
    list_select_related = ("meeting", "owner")
    search_fields = ("description", "meeting__title")
    autocomplete_fields = ("meeting", "agenda_item", "owner")


# --- Phase reports ----------------------------------------------------------------------


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
        "failure_reason",
        "requested_by",
        "requested_at",
        "finished_at",
        "published_by",
        "published_at",
    )
    fieldsets = (
        (None, {"fields": ("phase", "version", "period_start", "period_end", "status")}),
        (_("Resultaat"), {"fields": ("pdf", "csv", "checksum", "failure_reason")}),
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

    def save_model(self, request, obj, form, change):
        if not change and obj.requested_by_id is None:
            obj.requested_by = request.user
        super().save_model(request, obj, form, change)
