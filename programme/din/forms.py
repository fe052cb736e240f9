"""Forms of the DIN pages. They validate fields; the services in services/din.py act."""

from django import forms
from django.utils.translation import gettext_lazy as _

from landerd_portal.concurrency import SafeSubmitFormMixin
from landerd_portal.forms import CrispyFormMixin
from partners.models import Organisation
from programme.models import Effort, Goal, IndicatorValue, NetworkEntry


class GoalForm(SafeSubmitFormMixin, CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["title", "parent", "description", "indicator", "baseline", "target", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "parent": _("Kies een hoofddoel als dit doel daar een onderdeel van is."),
            "indicator": _("Waaraan zie je dat het doel dichterbij komt?"),
            "baseline": _("De waarde bij de start, bijvoorbeeld 40% of 12 deelnemers."),
        }

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
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {"value": _("Bijvoorbeeld 55%, 18 deelnemers of 7,2.")}


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
