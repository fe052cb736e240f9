"""Admin for the DIN: goals with their indicator values, efforts and their network."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Effort, Goal, IndicatorValue, NetworkEntry


class EffortInline(admin.TabularInline):
    model = Effort
    extra = 0
    fields = ("title", "status", "lead_organisation", "order")
    autocomplete_fields = ("lead_organisation",)
    show_change_link = True


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 0
    fields = ("date", "phase", "value", "note", "entered_by", "created_at")
    readonly_fields = ("entered_by", "created_at")


@admin.register(Goal)
class GoalAdmin(SimpleHistoryAdmin):
    list_display = ("title", "theme", "parent", "unit", "baseline", "target", "current_value")
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
class IndicatorValueAdmin(SimpleHistoryAdmin):
    list_display = ("goal", "phase", "date", "value", "note", "entered_by")
    list_filter = ("goal__theme", "phase")
    list_select_related = ("goal", "phase", "entered_by")
    search_fields = ("goal__title", "note")
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
