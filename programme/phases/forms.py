"""The form of the phases page: a next phase, with its budget. The service checks the dates
against the other phases; the form only checks the fields themselves."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from landerd_portal.concurrency import SafeSubmitFormMixin
from landerd_portal.fields import DESCRIPTION_MAX_LENGTH
from landerd_portal.forms import CrispyFormMixin
from programme.phases.models import Phase

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PhaseForm(SafeSubmitFormMixin, CrispyFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Naam"),
        max_length=200,
        help_text=_("Bijvoorbeeld: Uitvoering fase 4 (2022)."),
    )
    kind = forms.ChoiceField(
        label=_("Soort fase"),
        choices=Phase.Kind.choices,
        initial=Phase.Kind.UITVOERING,
        widget=forms.RadioSelect,
    )
    start_date = forms.DateField(label=_("Begindatum"), widget=DATE_WIDGET)
    end_date = forms.DateField(label=_("Einddatum"), widget=DATE_WIDGET)
    motto = forms.CharField(
        label=_("Motto"),
        max_length=200,
        required=False,
        help_text=_("Het thema van de fase, bijvoorbeeld “inspireren en verbinden”."),
    )
    description = forms.CharField(
        label=_("Beschrijving"),
        max_length=DESCRIPTION_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    budget_amount = forms.DecimalField(
        label=_("Budget (€)"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0"),
        required=False,
        help_text=_("Het budget voor het jaar waarin de fase begint."),
    )
    programme_management_fte = forms.DecimalField(
        label=_("Programmamanagement (fte)"),
        max_digits=4,
        decimal_places=2,
        min_value=Decimal("0"),
        required=False,
        help_text=_("Bijvoorbeeld 0,5. Leeg of 0 als er geen programmamanager is."),
    )
    inline_choices = ("kind",)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error(
                "end_date",
                forms.ValidationError(
                    _("De einddatum ligt vóór de begindatum."), code="end_before_start"
                ),
            )
        if cleaned.get("programme_management_fte") is not None and (
            cleaned.get("budget_amount") is None
        ):
            self.add_error(
                "budget_amount",
                forms.ValidationError(
                    _("Vul ook het budget in, of laat het programmamanagement leeg."),
                    code="fte_without_budget",
                ),
            )
        return cleaned
