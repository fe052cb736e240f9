"""Forms of the DIN pages. They validate fields; the services in services/din.py act."""

from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from landerd_portal.concurrency import SafeSubmitFormMixin
from landerd_portal.forms import CrispyFormMixin
from partners.models import Organisation
from programme.models import Effort, Goal, IndicatorValue, NetworkEntry

NOT_A_NUMBER = _("Vul een getal in, zonder eenheid (die staat apart). Een komma mag: 12,5.")


def _amount_widget():
    # Text, not type=number: Dutch figures use a decimal comma ("7,2"), which the form
    # reads because the field is localized.
    return forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})


class GoalForm(SafeSubmitFormMixin, CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = Goal
        fields = [
            "title",
            "parent",
            "description",
            "indicator",
            "unit",
            "baseline",
            "target",
            "order",
        ]
        localized_fields = ["baseline", "target"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "indicator": forms.Textarea(attrs={"rows": 2}),
            "baseline": _amount_widget(),
            "target": _amount_widget(),
        }
        help_texts = {
            "parent": _("Kies een hoofddoel als dit doel daar een onderdeel van is."),
            "indicator": _("Waaraan zie je dat het doel dichterbij komt? Wat meet je, en hoe?"),
            "unit": _("Bijvoorbeeld %, deelnemers of verenigingen."),
            "baseline": _("Het getal bij de start, bijvoorbeeld 40 of 12,5."),
            "target": _("Het getal dat jullie willen bereiken; lager dan de nulmeting mag."),
        }
        error_messages = {
            "baseline": {"invalid": NOT_A_NUMBER},
            "target": {"invalid": NOT_A_NUMBER},
        }

    def clean(self):
        cleaned = super().clean()
        baseline, target = cleaned.get("baseline"), cleaned.get("target")
        if baseline is not None and target is not None and baseline == target:
            self.add_error(
                "target",
                forms.ValidationError(
                    _("De streefwaarde is gelijk aan de nulmeting: zo is er geen voortgang."),
                    code="no_distance",
                ),
            )
        return cleaned

    def __init__(self, *args, theme, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Goal.objects.filter(theme=theme).order_by("order", "pk")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["parent"].empty_label = _("Geen (hoofddoel)")
        # The service checks the whole instance; the form only needs to know the theme.
        self.instance.theme = theme


class EffortForm(SafeSubmitFormMixin, CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = Effort
        fields = ["title", "description", "status", "lead_organisation", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, goal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_organisation"].empty_label = _("Nog geen trekker")
        self.instance.goal = goal


class IndicatorValueForm(SafeSubmitFormMixin, CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = IndicatorValue
        fields = ["date", "value", "note"]
        localized_fields = ["value"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "value": _amount_widget(),
        }
        help_texts = {
            "value": _("Een getal, bijvoorbeeld 55 of 7,2."),
            "note": _("Waar komt het getal vandaan? Bijvoorbeeld ‘GGD-jeugdmonitor’."),
        }
        error_messages = {"value": {"invalid": NOT_A_NUMBER}}

    def __init__(self, *args, goal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"].required = True
        if goal.unit:
            self.fields["value"].label = _("Waarde (%(unit)s)") % {"unit": goal.unit}


class NetworkEntryForm(SafeSubmitFormMixin, CrispyFormMixin, forms.Form):
    """Join an effort's network. Partners only for their own organisation."""

    organisation = forms.ModelChoiceField(
        label=_("Organisatie"), queryset=Organisation.objects.order_by("name")
    )
    contribution_kind = forms.ChoiceField(
        label=_("Soort bijdrage"),
        choices=NetworkEntry.ContributionKind.choices,
        widget=forms.RadioSelect,
    )
    contribution = forms.CharField(
        label=_("Wat dragen jullie bij?"),
        max_length=300,
        required=False,
        help_text=_("Bijvoorbeeld: 4 uur per maand, een zaal, contacten met scholen."),
    )

    def __init__(self, *args, may_choose_organisation, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_choose_organisation:
            # A partner adds their own organisation; the service checks it again.
            self.fields["organisation"].queryset = Organisation.objects.filter(
                pk=getattr(organisation, "pk", None)
            )
            self.fields["organisation"].initial = organisation
            self.fields["organisation"].empty_label = None


class NetworkFilterForm(CrispyFormMixin, forms.Form):
    """Phase and theme of the network page (``?fase=&thema=``), from lists already read.

    An unknown value is no error to report beside the field: the page falls back to the
    current phase or all themes and says so above the drawing.
    """

    fase = forms.ChoiceField(label=_("Fase"), required=False)
    thema = forms.ChoiceField(label=_("Thema"), required=False)

    def __init__(self, *args, phases, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fase"].choices = [(p.slug, p.name) for p in phases]
        self.fields["thema"].choices = [
            ("", _("Alle thema’s")),
            *((t.slug, t.name) for t in themes),
        ]

    def get_layout(self):
        return Layout(
            Row(
                Column("fase", css_class="col-12 col-sm-6"),
                Column("thema", css_class="col-12 col-sm-6"),
                css_class="g-2",
            )
        )

    def configure_helper(self, helper):
        helper.form_method = "get"
        helper.hide_optional_marker = True
        helper.form_show_errors = False
