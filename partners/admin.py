"""Admin for the partner organisations and the people who sign in with their e-mail."""

import json

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.forms import UserChangeForm as BaseUserChangeForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import Organisation, User


class EmailUniqueMixin:
    """Store e-mail addresses in lower case and refuse one that differs only in case.

    The manager lower-cases addresses and sign-in looks them up case-insensitively, so two
    accounts whose addresses differ only in case would make sign-in fail for both.
    """

    def clean_email(self):
        email = (self.cleaned_data.get("email") or "").strip().lower()
        others = User.objects.filter(email__iexact=email)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if email and others.exists():
            raise forms.ValidationError(
                _("Er bestaat al een gebruiker met dit e-mailadres."), code="unique"
            )
        return email


class UserCreationForm(EmailUniqueMixin, AdminUserCreationForm):
    """Django's admin creation form (a UserCreationForm) for the e-mail-login user."""

    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("email",)


class UserChangeForm(EmailUniqueMixin, BaseUserChangeForm):
    class Meta(BaseUserChangeForm.Meta):
        model = User
        fields = ("email",)


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "participation_level", "signed_programme_plan_on")
    list_filter = ("kind", "participation_level")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "website")}),
        (
            _("Samenwerkingsafspraak"),
            {
                "fields": (
                    "signed_programme_plan_on",
                    "participation_level",
                    "contribution",
                    "core_values",
                    "interests",
                )
            },
        ),
    )


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, DjangoUserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Persoonlijke gegevens"), {"fields": ("first_name", "last_name", "job_title", "phone")}),
        (_("Organisatie en rol"), {"fields": ("organisation", "role")}),
        (
            _("Rechten"),
            {
                "fields": (
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                )
            },
        ),
        (_("Belangrijke datums"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "usable_password", "password1", "password2"),
            },
        ),
    )
    list_display = ("email", "full_name", "role", "organisation", "is_active")
    list_filter = ("role", "organisation", "is_active", "is_staff")
    list_select_related = ("organisation",)
    search_fields = ("email", "first_name", "last_name")
    ordering = ("email",)
    autocomplete_fields = ("organisation",)
    readonly_fields = ("last_login", "date_joined")

    actions = ["export_personal_data", "anonymise"]

    @admin.display(description=_("naam"), ordering="last_name")
    def full_name(self, obj):
        return obj.get_full_name()

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm(services.PERMISSION):
            actions.pop("export_personal_data", None)
            actions.pop("anonymise", None)
        return actions

    @admin.action(description=_("Persoonsgegevens exporteren (JSON)"))
    def export_personal_data(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(
                request, _("Kies één persoon om diens gegevens te exporteren."), messages.WARNING
            )
            return None
        person = queryset.get()
        try:
            data = services.person_data_export(actor=request.user, person=person)
        except PermissionDenied as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return None
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        filename = f"persoonsgegevens-{person.pk}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    @admin.action(description=_("Anonimiseren (persoon vertrekt)"))
    def anonymise(self, request, queryset):
        """Asks for confirmation first: anonymising cannot be undone."""
        if request.POST.get("post") != "ja":
            return TemplateResponse(
                request,
                "admin/partners/user/anonymise_confirmation.html",
                {
                    **self.admin_site.each_context(request),
                    "title": gettext_now("Weet je het zeker?"),
                    "opts": self.opts,
                    "people": queryset,
                    "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                },
            )
        done = 0
        for person in queryset:
            try:
                services.person_anonymise(actor=request.user, person=person)
            except (PermissionDenied, ValidationError) as refused:
                message = refused.messages[0] if hasattr(refused, "messages") else str(refused)
                self.message_user(request, f"{person}: {message}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(
                request,
                gettext_now("%(count)s persoon/personen geanonimiseerd.") % {"count": done},
                messages.SUCCESS,
            )
        return None
