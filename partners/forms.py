"""Forms of the partners app: naming a new API key."""

from django import forms
from django.utils.translation import gettext_lazy as _

from landerd_portal.forms import CrispyFormMixin

from .models import ApiToken


class ApiTokenForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name"]
        labels = {"name": _("Naam van de sleutel")}
        help_texts = {"name": _("Waarvoor je hem gebruikt, bijvoorbeeld ‘agenda op de website’.")}
