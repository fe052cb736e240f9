"""Admin for the partner organisations and the people who sign in with their e-mail."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.forms import UserChangeForm as BaseUserChangeForm
from django.db import models
from django.utils.translation import gettext_lazy as _

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
class OrganisationAdmin(admin.ModelAdmin):
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
class UserAdmin(DjangoUserAdmin):
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

    @admin.display(description=_("naam"), ordering="last_name")
    def full_name(self, obj):
        return obj.get_full_name()
