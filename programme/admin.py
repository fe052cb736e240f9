"""Admin for the programme, its phases and budget, the DIN, partner meetings and reports."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    ActionItem,
    AgendaAttachment,
    AgendaChange,
    AgendaItem,
    AgendaProposal,
    Budget,
    Decision,
    DismissedSuggestion,
    Effort,
    Goal,
    IndicatorValue,
    NetworkEntry,
    PartnerMeeting,
    Phase,
    PhaseReport,
    Programme,
)


class SystemRecordAdmin(admin.ModelAdmin):
    """Records the portal writes itself (logs, markers): to look at or delete, not edit."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


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


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 0
    fields = ("date", "value", "note", "entered_by", "created_at")
    readonly_fields = ("entered_by", "created_at")


@admin.register(Goal)
class GoalAdmin(SimpleHistoryAdmin):
    list_display = ("title", "theme", "parent", "indicator", "target", "current_value", "order")
    list_filter = ("theme",)
    list_select_related = ("theme", "parent")
    search_fields = ("title", "description", "indicator")
    autocomplete_fields = ("theme", "parent")
    inlines = [EffortInline, IndicatorValueInline]

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, IndicatorValue) and instance.entered_by_id is None:
                instance.entered_by = request.user
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ("goal", "date", "value", "note", "entered_by")
    list_filter = ("goal__theme",)
    list_select_related = ("goal", "entered_by")
    search_fields = ("goal__title", "value", "note")
    date_hierarchy = "date"
    autocomplete_fields = ("goal",)
    readonly_fields = ("entered_by", "created_at")

    def save_model(self, request, obj, form, change):
        if not change and obj.entered_by_id is None:
            obj.entered_by = request.user
        super().save_model(request, obj, form, change)


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
    readonly_fields = ("publication_mailed_at",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [AgendaItemInline, DecisionInline, ActionItemInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ("title", "meeting", "order", "kind", "presenter", "theme")
    list_filter = ("kind", "theme", "meeting")
    list_select_related = ("meeting", "presenter", "theme")
    search_fields = ("title", "text", "notes", "meeting__title")
    autocomplete_fields = ("meeting", "presenter", "theme", "goal", "question")
    readonly_fields = ("suggestion_key",)


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


@admin.register(AgendaProposal)
class AgendaProposalAdmin(admin.ModelAdmin):
    list_display = ("title", "meeting", "proposer", "wished_kind", "status", "created_at")
    list_filter = ("status", "wished_kind", "meeting")
    list_select_related = ("meeting", "proposer")
    search_fields = ("title", "reason", "proposer__email", "meeting__title")
    autocomplete_fields = ("meeting", "proposer", "agenda_item")
    readonly_fields = ("created_at",)


@admin.register(AgendaAttachment)
class AgendaAttachmentAdmin(admin.ModelAdmin):
    """Attachments are uploaded in the portal, which checks what a file really is."""

    list_display = ("name", "agenda_item", "meeting", "content_type", "size", "uploaded_at")
    list_filter = ("content_type",)
    list_select_related = ("agenda_item__meeting", "uploaded_by")
    search_fields = ("name", "agenda_item__title", "agenda_item__meeting__title")
    readonly_fields = (
        "agenda_item",
        "file",
        "content_type",
        "size",
        "uploaded_by",
        "uploaded_at",
    )

    @admin.display(description=_("partneroverleg"), ordering="agenda_item__meeting__starts_at")
    def meeting(self, obj):
        return obj.agenda_item.meeting

    def has_add_permission(self, request):
        return False


@admin.register(DismissedSuggestion)
class DismissedSuggestionAdmin(SystemRecordAdmin):
    """Deleting one lets the portal suggest it again."""

    list_display = ("title", "meeting", "key", "dismissed_by", "dismissed_at")
    list_filter = ("meeting",)
    list_select_related = ("meeting", "dismissed_by")
    search_fields = ("title", "key")


@admin.register(AgendaChange)
class AgendaChangeAdmin(SystemRecordAdmin):
    list_display = ("description", "meeting", "changed_by", "changed_at")
    list_filter = ("meeting",)
    list_select_related = ("meeting", "changed_by")
    search_fields = ("description", "meeting__title")
    date_hierarchy = "changed_at"


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
