"""Forms of the quick polls: a resident's answer, and a working group's new poll."""

from crispy_forms.layout import Field, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from landerd_portal.fields import NOTE_MAX_LENGTH
from landerd_portal.forms import CrispyFormMixin

from ..forms import DateInput
from .models import MAX_OPTIONS, MIN_OPTIONS, Poll


class PollAnswerForm(CrispyFormMixin, forms.Form):
    """One question: pick an answer and, where the poll allows, say why."""

    keuze = forms.TypedChoiceField(
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een antwoord."),
            "invalid_choice": _("Kies een van de antwoorden."),
        },
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Alleen de werkgroep leest dit; het wordt nooit openbaar. Noem geen namen of "
            "andere gegevens waaraan iemand te herkennen is."
        ),
    )

    def __init__(self, *args, poll, **kwargs):
        super().__init__(*args, **kwargs)
        self.poll = poll
        self.fields["keuze"].label = _("Je antwoord")
        self.fields["keuze"].choices = poll.choices()
        if poll.kind == Poll.Kind.SCALE:
            self.fields["keuze"].help_text = _("1 is het laagst, 5 het hoogst.")
        if not poll.allow_text:
            del self.fields["toelichting"]

    def get_layout(self):
        wrapper = "choice-grid" if self.poll.kind == Poll.Kind.SCALE else ""
        return Layout(Field("keuze", wrapper_class=wrapper), *self.fields.keys() - {"keuze"})


class PollForm(CrispyFormMixin, forms.ModelForm):
    """A new poll for a theme. The service checks the answers and the end date."""

    class Meta:
        model = Poll
        fields = ["question", "kind", "options", "allow_text", "closes_on"]
        labels = {
            "question": _("Vraag aan inwoners"),
            "kind": _("Hoe antwoorden inwoners?"),
            "options": _("Antwoorden"),
            "allow_text": _("Inwoners mogen een toelichting geven"),
            "closes_on": _("Open tot en met"),
        }
        help_texts = {
            "question": _("Eén korte vraag, bijvoorbeeld ‘Voel je je weleens eenzaam?’"),
            "options": _(
                "Eén antwoord per regel, %(min)s tot %(max)s. Alleen bij ‘Kiezen uit een paar "
                "antwoorden’."
            )
            % {"min": MIN_OPTIONS, "max": MAX_OPTIONS},
            "allow_text": _(
                "Een toelichting leest alleen de werkgroep; het wordt nooit openbaar en je "
                "kunt haar verwijderen."
            ),
        }
        widgets = {
            "kind": forms.RadioSelect,
            "options": forms.Textarea(attrs={"rows": 4}),
            "closes_on": DateInput,
        }

    def get_layout(self):
        return Layout("question", Field("kind", wrapper_class="choice-grid"), *self.Meta.fields[2:])
