"""Forms of the learning history. They validate fields; services.py acts."""

from django import forms
from django.utils.translation import gettext_lazy as _

from partners.models import User
from programme.models import PartnerMeeting, Phase
from themes.models import Theme

from .instrument import AREAS, SCALE
from .models import Question, Reflection


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


class ReflectionForm(forms.ModelForm):
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

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("quote") or "").strip() and not cleaned.get("quote_approver"):
            self.add_error(
                "quote_approver",
                forms.ValidationError(
                    _("Kies wie het citaat moet goedkeuren: de persoon die je citeert."),
                    code="approver_required",
                ),
            )
        return cleaned


class QuoteApprovalForm(forms.Form):
    quote = forms.CharField(
        label=_("Het citaat"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Klopt het zo? Verbeter de woorden als dat nodig is, en keur het dan goed."),
    )


class QuestionForm(forms.ModelForm):
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


class QuestionStatusForm(forms.ModelForm):
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

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if status == Question.Status.ADDRESSED and not cleaned.get("addressed_in"):
            self.add_error(
                "addressed_in",
                forms.ValidationError(
                    _("Kies het partneroverleg waarin de vraag is besproken."), code="required"
                ),
            )
        if status == Question.Status.ANSWERED and not (cleaned.get("answer") or "").strip():
            self.add_error(
                "answer",
                forms.ValidationError(_("Schrijf het antwoord op de vraag."), code="required"),
            )
        return cleaned


class SelfAnalysisForm(forms.Form):
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

    def areas(self):
        """The areas with their bound fields, for a fieldset per area."""
        return [
            {"area": area, "fields": [self[c.code] for c in area.characteristics]} for area in AREAS
        ]
