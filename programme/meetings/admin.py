"""Admin for partner meetings: agenda, decisions, action items, proposals, attachments,
and the records the portal keeps itself (dismissed suggestions, agenda changes)."""

from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    ActionItem,
    AgendaAttachment,
    AgendaChange,
    AgendaItem,
    AgendaProposal,
    Decision,
    DismissedSuggestion,
    PartnerMeeting,
)


class SystemRecordAdmin(admin.ModelAdmin):
    """Records the portal writes itself (logs, markers): to look at or delete, not edit."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


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
class PartnerMeetingAdmin(SimpleHistoryAdmin):
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
class AgendaItemAdmin(SimpleHistoryAdmin):
    list_display = ("title", "meeting", "order", "kind", "presenter", "theme")
    list_filter = ("kind", "theme", "meeting")
    list_select_related = ("meeting", "presenter", "theme")
    search_fields = ("title", "text", "notes", "meeting__title")
    autocomplete_fields = ("meeting", "presenter", "theme", "goal", "question")
    readonly_fields = ("suggestion_key",)


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "meeting", "agenda_item", "theme")
    list_filter = ("theme", "meeting")
    list_select_related = ("meeting", "agenda_item", "theme")
    search_fields = ("text", "meeting__title")
    autocomplete_fields = ("meeting", "agenda_item", "theme")


@admin.register(ActionItem)
class ActionItemAdmin(SimpleHistoryAdmin):
    list_display = ("description", "meeting", "owner", "due_date", "done")
    list_filter = ("done", "meeting")
    list_select_related = ("meeting", "owner")
    search_fields = ("description", "meeting__title")
    autocomplete_fields = ("meeting", "agenda_item", "owner")


@admin.register(AgendaProposal)
class AgendaProposalAdmin(SimpleHistoryAdmin):
    list_display = ("title", "meeting", "proposer", "wished_kind", "status", "created_at")
    list_filter = ("status", "wished_kind", "meeting")
    list_select_related = ("meeting", "proposer")
    search_fields = ("title", "reason", "proposer__email", "meeting__title")
    autocomplete_fields = ("meeting", "proposer", "agenda_item")
    readonly_fields = ("created_at",)


@admin.register(AgendaAttachment)
class AgendaAttachmentAdmin(SimpleHistoryAdmin):
    """Attachments are uploaded in the portal, which checks what a file really is."""

    list_display = ("name", "agenda_item", "meeting", "content_type", "size", "uploaded_at")
    list_filter = ("content_type",)
    list_select_related = ("agenda_item__meeting", "uploaded_by")
    search_fields = ("name", "agenda_item__title", "agenda_item__meeting__title")
    exclude = ("file",)  # shown as `download`: media are not served directly
    readonly_fields = (
        "agenda_item",
        "download",
        "content_type",
        "size",
        "uploaded_by",
        "uploaded_at",
    )

    @admin.display(description=_("partneroverleg"), ordering="agenda_item__meeting__starts_at")
    def meeting(self, obj):
        return obj.agenda_item.meeting

    @admin.display(description=_("bestand"))
    def download(self, obj):
        """Through the portal's download view (its rules), never a /media/ address."""
        url = reverse("programme:attachment_download", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.name)

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
