"""Forms of the phase-report pages: starting a build."""

from django import forms
from django.utils.translation import gettext_lazy as _

from landerd_portal.forms import CrispyFormMixin
from programme.models import Phase


class ReportBuildForm(CrispyFormMixin, forms.Form):
    """Which phase to report on, and optionally a shorter period than the phase so far."""

    phase = forms.ModelChoiceField(
        label=_("Fase"),
        queryset=Phase.objects.order_by("order"),
        empty_label=None,
        error_messages={"invalid_choice": _("Kies een bestaande fase.")},
    )
    period_start = forms.DateField(
        label=_("Periode vanaf"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leeg: het begin van de fase."),
    )
    period_end = forms.DateField(
        label=_("Periode tot en met"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leeg: vandaag, of het einde van de fase als die voorbij is."),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error(
                "period_end",
                forms.ValidationError(_("De periode eindigt vóór het begin."), code="before_start"),
            )
        return cleaned


class AgreementForm(CrispyFormMixin, forms.Form):
    """Which phase's collaboration agreement, as PDF or Word (a GET form: `?fase=&formaat=`).

    `phases` are the choices (read once by the view, `agreement.agreement_phases`)."""

    FORMATS = [("pdf", _("PDF")), ("docx", _("Word (om te bewerken)"))]

    fase = forms.ChoiceField(
        label=_("Fase van de overeenkomst"),
        error_messages={
            "invalid_choice": _("Deze fase bestaat niet. Kies een fase uit de lijst."),
            "required": _("Kies een fase."),
        },
    )
    formaat = forms.ChoiceField(
        label=_("Bestand"),
        choices=FORMATS,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies PDF of Word.")},
    )
    inline_choices = ("formaat",)

    def __init__(self, *args, phases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fase"].choices = [(phase.slug, phase.name) for phase in phases]
