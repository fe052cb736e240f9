"""Forms of the learning history. They validate fields; services.py acts.

Rules that involve more than one field (a quote needs an approver, an addressed question
needs its meeting) are checked once, in services.py; the views show those errors next to
the fields.
"""

from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from landerd_portal.concurrency import SafeSubmitFormMixin
from landerd_portal.forms import CrispyFormMixin, Group, quick_choices
from partners.models import User
from programme.models import PartnerMeeting, Phase
from programme.phases.selectors import all_phases
from themes.models import Theme
from themes.selectors import all_themes

from .instrument import AREAS, SCALE
from .models import KijkglasElement, KijkglasStatement, Question, Reflection


class PhaseFilterForm(CrispyFormMixin, forms.Form):
    """Which phase a page shows (``?fase=<slug>``). Read with :meth:`chosen`: a missing or
    unknown value (a stale link, a typo, a NUL byte) means the default, never an error."""

    fase = forms.ModelChoiceField(
        label=_("Fase"),
        queryset=Phase.objects.order_by("order"),
        to_field_name="slug",
        required=False,
        empty_label=None,
    )
    column_class = "col-sm-8 col-md-6"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The options from the lookups kept per version, written in one pass: no query
        # and no template per option. The querysets only check a chosen value.
        quick_choices(self.fields["fase"], [(phase.slug, phase.name) for phase in all_phases()])

    def get_layout(self):
        return Layout(*(Div(name, css_class=self.column_class) for name in self.fields))

    def configure_helper(self, helper):
        helper.form_method = "get"
        helper.hide_optional_marker = True
        helper.form_show_errors = False

    @classmethod
    def chosen(cls, query, **defaults):
        """The valid values in `query`, and an unbound form that shows them.

        A missing or invalid value takes its default from `defaults`: a function, called
        only when needed (the current phase costs a query).
        """
        bound = cls(query)
        bound.is_valid()  # cleaned_data holds the valid fields only
        values = {}
        for name in bound.fields:
            value = bound.cleaned_data.get(name)
            if value is None and name in defaults:
                value = defaults[name]()
            values[name] = value
        return values, cls(initial=values)


class LearningHistoryFilterForm(PhaseFilterForm):
    """The learning history of one phase, of all themes or one (``?fase=&thema=``)."""

    thema = forms.ModelChoiceField(
        label=_("Thema"),
        queryset=Theme.objects.order_by("order", "name"),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle thema’s"),
    )
    column_class = "col-sm-5"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        themes = [(theme.slug, theme.name) for theme in all_themes()]
        quick_choices(self.fields["thema"], [("", self.fields["thema"].empty_label), *themes])


def _partner_users():
    return (
        User.objects.filter(
            is_active=True,
            role__in=[User.Role.PARTNER, User.Role.KARTREKKER, User.Role.PROGRAMMATEAM],
        )
        .select_related("organisation")
        .order_by("first_name", "last_name", "email")
    )


class PartnerUserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        if user.organisation:
            return f"{user} ({user.organisation})"
        return str(user)


class ReflectionForm(SafeSubmitFormMixin, CrispyFormMixin, forms.ModelForm):
    quote_approver = PartnerUserChoiceField(
        label=_("Wie moet het citaat goedkeuren?"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Kies de persoon die je citeert"),
        help_text=_(
            "De persoon die je citeert, ziet het citaat op het eigen overzicht en keurt het "
            "goed of verbetert het. Pas daarna kan het gepubliceerd worden."
        ),
    )

    class Meta:
        model = Reflection
        fields = ["phase", "theme", "kind", "text", "quote", "quote_approver"]
        labels = {
            "kind": _("Waarover gaat je reflectie?"),
            "text": _("Je reflectie"),
            "quote": _("Citaat in de eigen woorden van een deelnemer"),
        }
        widgets = {
            "text": forms.Textarea(attrs={"rows": 6}),
            "quote": forms.Textarea(attrs={"rows": 3}),
            "kind": forms.RadioSelect,
        }
        help_texts = {
            "theme": _("Laat leeg als je reflectie over het hele programma gaat."),
            "text": _("Wat gebeurde er, wat werkte, wat niet, wat verraste je?"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = Phase.objects.order_by("order")
        self.fields["theme"].queryset = Theme.objects.order_by("order", "name")
        self.fields["theme"].empty_label = _("Het hele programma")
        self.fields["quote_approver"].queryset = _partner_users()
        self.fields["kind"].choices = Reflection.Kind.choices  # no empty radio button


class QuoteApprovalForm(CrispyFormMixin, forms.Form):
    quote = forms.CharField(
        label=_("Het citaat"),
        max_length=Reflection._meta.get_field("quote").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Klopt het zo? Verbeter de woorden als dat nodig is, en keur het dan goed."),
    )


class QuestionForm(SafeSubmitFormMixin, CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = Question
        fields = ["phase", "theme", "text"]
        labels = {"text": _("Je vraag voor de volgende fase")}
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = Phase.objects.order_by("order")
        self.fields["theme"].queryset = Theme.objects.order_by("order", "name")
        self.fields["theme"].empty_label = _("Het hele programma")


class QuestionStatusForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = Question
        fields = ["status", "addressed_in", "answer"]
        widgets = {"status": forms.RadioSelect, "answer": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "addressed_in": _("Nodig bij de status ‘besproken’."),
            "answer": _("Nodig bij de status ‘beantwoord’."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["addressed_in"].queryset = PartnerMeeting.objects.order_by("-starts_at")
        self.fields["addressed_in"].empty_label = _("Nog niet besproken")


class SelfAnalysisForm(CrispyFormMixin, forms.Form):
    """One 1–5 choice per characteristic of the instrument, grouped by area."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for area in AREAS:
            for characteristic in area.characteristics:
                self.fields[characteristic.code] = forms.TypedChoiceField(
                    label=characteristic.label,
                    help_text=characteristic.question,
                    choices=SCALE,
                    coerce=int,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Kies een score van 1 tot 5.")},
                )

    def get_layout(self):
        """A fieldset per area, numbered, with the area's main question under its legend."""
        return Layout(
            *(
                Div(
                    Group(
                        f"{number}. {area.label}",
                        *(
                            Field(c.code, wrapper_class="choice-inline sa-scale")
                            for c in area.characteristics
                        ),
                        intro=area.main_question,
                        legend_class="h4",
                    ),
                    css_class="panel mb-4",
                )
                for number, area in enumerate(AREAS, start=1)
            )
        )


class KijkglasRatingForm(CrispyFormMixin, forms.Form):
    """One 1–5 choice per kijkglas statement, a fieldset per element of the model."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.statements = list(KijkglasStatement.objects.order_by("order", "pk"))
        for statement in self.statements:
            self.fields[f"stelling_{statement.pk}"] = forms.TypedChoiceField(
                label=statement.text,
                choices=SCALE,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Kies een score van 1 tot 5.")},
            )

    def get_layout(self):
        return Layout(
            *(
                Div(
                    Group(
                        element.label,
                        *(
                            Field(f"stelling_{s.pk}", wrapper_class="choice-inline sa-scale")
                            for s in self.statements
                            if s.element == element.value
                        ),
                        legend_class="h4",
                    ),
                    css_class="panel mb-4",
                )
                for element in KijkglasElement
                if any(s.element == element.value for s in self.statements)
            )
        )

    def clean(self):
        cleaned = super().clean()
        if not self.statements:
            raise forms.ValidationError(
                _("Er zijn nog geen stellingen om te beoordelen."), code="no_statements"
            )
        return cleaned

    def scores(self):
        """{statement id: score} for the service."""
        return {s.pk: self.cleaned_data.get(f"stelling_{s.pk}") for s in self.statements}
