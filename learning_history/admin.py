"""Admin for the learning history: reflections and the questions for the next phase."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    KijkglasRating,
    KijkglasScore,
    KijkglasStatement,
    Question,
    Reflection,
    Score,
    SelfAnalysis,
)


@admin.register(Reflection)
class ReflectionAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "phase", "theme", "kind", "visibility", "author", "created_at")
    list_filter = ("phase", "theme", "kind", "visibility")
    list_select_related = ("phase", "theme", "author")
    search_fields = ("text", "quote")
    autocomplete_fields = ("phase", "theme", "author", "organisation", "quote_approver")
    readonly_fields = ("created_at", "updated_at")
    date_hierarchy = "created_at"


@admin.register(Question)
class QuestionAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "phase", "theme", "status", "raised_by", "addressed_in")
    list_filter = ("phase", "theme", "status")
    list_select_related = ("phase", "theme", "raised_by", "addressed_in")
    search_fields = ("text", "answer")
    autocomplete_fields = ("phase", "theme", "raised_by", "addressed_in")
    readonly_fields = ("created_at",)


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0


@admin.register(SelfAnalysis)
class SelfAnalysisAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "phase", "organisation", "filled_in_by", "updated_at")
    list_filter = ("phase", "organisation")
    list_select_related = ("phase", "organisation", "filled_in_by")
    search_fields = ("organisation__name", "phase__name")
    autocomplete_fields = ("phase", "organisation", "filled_in_by")
    readonly_fields = ("created_at", "updated_at")
    inlines = [ScoreInline]


@admin.register(Score)
class ScoreAdmin(SimpleHistoryAdmin):
    list_display = ("characteristic", "value", "self_analysis")
    list_filter = ("characteristic", "value", "self_analysis__phase")
    list_select_related = ("self_analysis__phase", "self_analysis__organisation")
    search_fields = ("self_analysis__organisation__name", "characteristic")
    autocomplete_fields = ("self_analysis",)


@admin.register(KijkglasStatement)
class KijkglasStatementAdmin(SimpleHistoryAdmin):
    list_display = ("text", "element", "priority", "order")
    list_filter = ("element",)
    search_fields = ("text",)


class KijkglasScoreInline(admin.TabularInline):
    model = KijkglasScore
    extra = 0
    autocomplete_fields = ("statement",)


@admin.register(KijkglasRating)
class KijkglasRatingAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "phase", "organisation", "rated_by", "updated_at")
    list_filter = ("phase", "organisation")
    list_select_related = ("phase", "organisation", "rated_by")
    search_fields = ("organisation__name", "phase__name")
    autocomplete_fields = ("phase", "organisation", "rated_by")
    readonly_fields = ("created_at", "updated_at")
    inlines = [KijkglasScoreInline]
