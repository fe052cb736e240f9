"""Admin for the programme, its phases and its yearly budgets."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Budget, Phase, Programme


class BudgetInline(admin.TabularInline):
    model = Budget
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ("name", "municipality")
    search_fields = ("name", "municipality")
    inlines = [BudgetInline]


@admin.register(Phase)
class PhaseAdmin(SimpleHistoryAdmin):
    list_display = ("name", "programme", "kind", "order", "start_date", "end_date")
    list_filter = ("programme", "kind")
    list_select_related = ("programme",)
    search_fields = ("name", "motto", "description")
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("order",)


@admin.register(Budget)
class BudgetAdmin(SimpleHistoryAdmin):
    list_display = ("year", "programme", "amount", "programme_management_fte", "note")
    list_filter = ("programme",)
    list_select_related = ("programme",)
    search_fields = ("note", "programme__name")
    ordering = ("year",)
