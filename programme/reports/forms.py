"""Forms of the phase-report pages: starting a build, confirming a publication."""

from django import forms
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from landerd_portal.forms import CrispyFormMixin
from programme.models import Phase, PhaseReport
from programme.reports.selectors import supersedable_reports


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


class ReportPublishForm(CrispyFormMixin, forms.Form):
    """The explicit confirmation before a version goes to the griffie, and, when it corrects
    a published version, which one and why (the griffie reads the reason)."""

    supersedes = forms.ModelChoiceField(
        label=_("Vervangt deze versie een eerder gepubliceerde versie?"),
        queryset=PhaseReport.objects.none(),
        required=False,
        empty_label=_("Nee, niets vervangen"),
        help_text=_(
            "Kies de versie die een fout bevat. Die blijft te downloaden, gemarkeerd als "
            "vervangen, met je reden erbij."
        ),
        error_messages={"invalid_choice": _("Kies een gepubliceerde versie van deze fase.")},
    )
    supersede_reason = forms.CharField(
        label=_("Reden van vervangen"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De griffie ziet deze reden bij beide versies."),
    )
    confirm = forms.BooleanField(
        label=_("Ik heb de voorvertoning gecontroleerd en wil deze versie publiceren."),
        error_messages={
            "required": _("Vink aan dat je de voorvertoning hebt gecontroleerd."),
        },
    )

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        self.fields["supersedes"].queryset = supersedable_reports(report=report)
        self.fields["supersedes"].label_from_instance = lambda other: (
            _("Versie %(version)s (gepubliceerd %(date)s)")
            % {
                "version": other.version,
                "date": date_format(localtime(other.published_at), "j-n-Y")
                if other.published_at
                else "–",
            }
        )
        if not self.fields["supersedes"].queryset.exists():
            del self.fields["supersedes"]
            del self.fields["supersede_reason"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("supersedes") and not cleaned.get("supersede_reason"):
            self.add_error(
                "supersede_reason",
                forms.ValidationError(
                    _("Schrijf voor de griffie waarom de eerdere versie wordt vervangen."),
                    code="reason_required",
                ),
            )
        return cleaned
