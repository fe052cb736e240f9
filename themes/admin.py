"""Admin for the themes, their working groups, the villages and the logged activities."""

from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Activity,
    ActivityPhoto,
    HealthDimension,
    KartrekkerDigest,
    Poll,
    PollAnswer,
    TargetGroup,
    Theme,
    Village,
    WorkingGroup,
    WorkingGroupCollaboration,
)
from .photos import reencode_photo
from .selectors import photos_past_retention


@admin.register(Village)
class VillageAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(TargetGroup)
class TargetGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "order")
    search_fields = ("name", "code")
    ordering = ("order",)


@admin.register(HealthDimension)
class HealthDimensionAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "order")
    search_fields = ("name", "code")
    ordering = ("order",)


class WorkingGroupInline(admin.StackedInline):
    model = WorkingGroup
    extra = 0
    max_num = 1
    autocomplete_fields = ("kartrekker",)
    filter_horizontal = ("members", "organisations")


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("name", "order", "kartrekker")
    list_select_related = ("working_group__kartrekker",)
    search_fields = ("name", "ambition")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [WorkingGroupInline]

    @admin.display(description=_("kartrekker"))
    def kartrekker(self, obj):
        working_group = getattr(obj, "working_group", None)
        if working_group is None or working_group.kartrekker is None:
            return self.get_empty_value_display()
        return working_group.kartrekker


@admin.register(WorkingGroup)
class WorkingGroupAdmin(SimpleHistoryAdmin):
    list_display = ("name", "theme", "kartrekker")
    list_filter = ("theme",)
    list_select_related = ("theme", "kartrekker")
    search_fields = ("name", "theme__name")
    autocomplete_fields = ("theme", "kartrekker")
    filter_horizontal = ("members", "organisations")


class ActivityPhotoAdminForm(forms.ModelForm):
    """Photos uploaded in the admin are checked and re-encoded like those in the portal.

    Only the pixels are kept (a fresh JPEG with a random name): no EXIF, no GPS position.
    """

    class Meta:
        model = ActivityPhoto
        fields = ("activity", "image", "alt_text", "consent")
        # No "currently: <link>": media are not served directly; `file_link` shows it.
        widgets = {"image": forms.FileInput}

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if isinstance(image, UploadedFile):
            return reencode_photo(image)
        return image


def photo_link(photo):
    """The photo through the portal's view (the activity's rules), never a /media/ address."""
    if not photo.pk or not photo.image:
        return "–"
    return format_html('<a href="{}">{}</a>', photo.get_file_url(), photo.download_name())


class ActivityPhotoInline(admin.TabularInline):
    model = ActivityPhoto
    form = ActivityPhotoAdminForm
    extra = 0
    fields = ("file_link", "image", "alt_text", "consent", "uploaded_by", "uploaded_at")
    readonly_fields = ("file_link", "uploaded_by", "uploaded_at")

    @admin.display(description=_("foto"))
    def file_link(self, obj):
        return photo_link(obj)


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ("title", "theme", "date", "owner_organisation", "status", "reach")
    list_filter = (
        "theme",
        "status",
        "villages",
        "target_groups",
        "owner_organisation",
        "date",
    )
    date_hierarchy = "date"
    search_fields = ("title", "description")
    list_select_related = ("theme", "owner_organisation")
    autocomplete_fields = ("theme", "owner_organisation", "effort")
    filter_horizontal = ("villages", "target_groups", "health_dimensions", "organisations")
    # Consent for the quote is recorded in the portal's form (who and when, by the service);
    # the admin shows it but does not set it.
    readonly_fields = (
        "created_by",
        "created_at",
        "updated_by",
        "updated_at",
        "quote_consent",
        "quote_consent_by",
        "quote_consent_at",
    )
    inlines = [ActivityPhotoInline]
    fieldsets = (
        (None, {"fields": ("title", "theme", "status", "date", "end_date")}),
        (
            _("Wie en waar"),
            {
                "fields": (
                    "owner_organisation",
                    "organisations",
                    "villages",
                    "target_groups",
                    "health_dimensions",
                )
            },
        ),
        (
            _("Inhoud en bereik"),
            {
                "fields": (
                    "description",
                    "reach",
                    "volunteers",
                    "quote",
                    "quote_attribution",
                    "quote_consent",
                    "quote_consent_by",
                    "quote_consent_at",
                    "effort",
                )
            },
        ),
        (
            _("Gegevens"),
            {"fields": ("created_by", "created_at", "updated_by", "updated_at")},
        ),
    )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, ActivityPhoto) and instance.uploaded_by_id is None:
                instance.uploaded_by = request.user
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


class PastRetentionFilter(admin.SimpleListFilter):
    """Photos kept longer than ``PHOTO_RETENTION_DAYS``: to review, delete when not needed."""

    title = _("bewaartermijn")
    parameter_name = "bewaartermijn"

    def lookups(self, request, model_admin):
        return [("verlopen", _("ouder dan de bewaartermijn"))]

    def queryset(self, request, queryset):
        if self.value() == "verlopen":
            return queryset.filter(pk__in=photos_past_retention().values("pk"))
        return queryset


@admin.register(ActivityPhoto)
class ActivityPhotoAdmin(admin.ModelAdmin):
    form = ActivityPhotoAdminForm
    list_display = ("__str__", "activity", "consent", "uploaded_by", "uploaded_at")
    list_filter = (PastRetentionFilter, "consent", "activity__theme")
    list_select_related = ("activity", "uploaded_by")
    search_fields = ("alt_text", "activity__title")
    autocomplete_fields = ("activity",)
    readonly_fields = ("file_link", "uploaded_by", "uploaded_at")

    @admin.display(description=_("foto"))
    def file_link(self, obj):
        return photo_link(obj)

    date_hierarchy = "uploaded_at"

    def save_model(self, request, obj, form, change):
        if not change and obj.uploaded_by_id is None:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(KartrekkerDigest)
class KartrekkerDigestAdmin(admin.ModelAdmin):
    """The monthly digests are sent by a task; the admin shows them and nothing more.

    Deleting one makes the task send that period again.
    """

    list_display = (
        "working_group",
        "period_start",
        "period_end",
        "recipient",
        "activity_count",
        "sent_at",
    )
    list_filter = ("working_group",)
    list_select_related = ("working_group",)
    search_fields = ("recipient", "working_group__name")
    date_hierarchy = "period_end"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PollAnswerInline(admin.TabularInline):
    """Residents' answers, as they gave them: beheer may remove one, never rewrite it."""

    model = PollAnswer
    extra = 0
    fields = ("choice", "text", "created_at", "text_removed_by", "text_removed_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Poll)
class PollAdmin(SimpleHistoryAdmin):
    list_display = ("question", "theme", "kind", "closes_on")
    list_select_related = ("theme",)
    list_filter = ("theme", "kind")
    search_fields = ("question",)
    readonly_fields = ("created_by", "created_at")
    inlines = [PollAnswerInline]


@admin.register(WorkingGroupCollaboration)
class WorkingGroupCollaborationAdmin(SimpleHistoryAdmin):
    list_display = ("working_group", "phase", "form", "recorded_by", "updated_at")
    list_filter = ("phase", "form")
    list_select_related = ("working_group", "phase", "recorded_by")
    search_fields = ("working_group__name", "reason")
    autocomplete_fields = ("working_group", "phase", "recorded_by")
