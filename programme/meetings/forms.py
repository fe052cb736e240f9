"""Forms for partner meetings: field checks only; the services do the rest."""

import datetime

from crispy_forms.layout import Column, Field, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from landerd_portal.concurrency import SafeSubmitFormMixin
from landerd_portal.forms import CrispyFormMixin
from landerd_portal.pending_uploads import KeptUploads
from learning_history.models import Question
from partners.models import User
from programme.meetings.selectors import action_owner_choices, most_common_agenda_kind
from programme.meetings.services import MAX_ATTACHMENT_SIZE, MINUTES_RANGE
from programme.models import ActionItem, AgendaItem, AgendaProposal, Decision, Goal
from themes.models import Theme


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        if obj.organisation_id:
            return f"{obj} ({obj.organisation})"
        return str(obj)


class MeetingForm(SafeSubmitFormMixin, CrispyFormMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    date = forms.DateField(
        label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    start_time = forms.TimeField(
        label=_("Begintijd"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    duration_minutes = forms.IntegerField(
        label=_("Duur in minuten"), min_value=15, max_value=600, initial=120
    )
    location = forms.CharField(label=_("Plaats"), max_length=200, required=False)
    video_link = forms.URLField(
        label=_("Videolink"),
        required=False,
        assume_scheme="https",
        help_text=_("Bijvoorbeeld een link naar Teams of Zoom."),
    )
    chair = PersonChoiceField(label=_("Voorzitter"), queryset=User.objects.none(), required=False)
    proposal_deadline = forms.DateField(
        label=_("Partners kunnen agendapunten voorstellen tot en met"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, meeting=None, **kwargs):
        if meeting is not None and not kwargs.get("initial"):
            starts = timezone.localtime(meeting.starts_at)
            deadline = (
                timezone.localtime(meeting.proposal_deadline).date()
                if meeting.proposal_deadline
                else None
            )
            kwargs["initial"] = {
                "title": meeting.title,
                "date": starts.date(),
                "start_time": starts.time(),
                "duration_minutes": meeting.duration_minutes,
                "location": meeting.location,
                "video_link": meeting.video_link,
                "chair": meeting.chair,
                "proposal_deadline": deadline,
            }
        super().__init__(*args, edited=meeting, **kwargs)
        self.fields["chair"].queryset = action_owner_choices()

    def get_layout(self):
        return Layout(
            "title",
            Row(
                Column("date", css_class="col-sm-6"),
                Column("start_time", css_class="col-sm-3"),
                Column(Field("duration_minutes", inputmode="numeric"), css_class="col-sm-3"),
                css_class="g-3",
            ),
            Row(
                Column("location", css_class="col-sm-6"),
                Column("video_link", css_class="col-sm-6"),
                css_class="g-3",
            ),
            "chair",
            "proposal_deadline",
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("location") and not cleaned.get("video_link"):
            self.add_error(
                "location", forms.ValidationError(_("Vul een plaats of een videolink in."), "where")
            )
        day, time = cleaned.get("date"), cleaned.get("start_time")
        deadline = cleaned.get("proposal_deadline")
        if day and deadline and deadline > day:
            self.add_error(
                "proposal_deadline",
                forms.ValidationError(
                    _("De uiterste datum voor voorstellen ligt na het overleg."), "late"
                ),
            )
        if day and time:
            cleaned["starts_at"] = timezone.make_aware(datetime.datetime.combine(day, time))
        return cleaned

    def to_data(self):
        cleaned = self.cleaned_data
        deadline = cleaned.get("proposal_deadline")
        return {
            "title": cleaned["title"],
            "starts_at": cleaned["starts_at"],
            "duration_minutes": cleaned["duration_minutes"],
            "location": cleaned.get("location") or "",
            "video_link": cleaned.get("video_link") or "",
            "chair": cleaned.get("chair"),
            # Until the end of the chosen day.
            "proposal_deadline": timezone.make_aware(
                datetime.datetime.combine(deadline, datetime.time(23, 59))
            )
            if deadline
            else None,
        }


class AgendaItemForm(SafeSubmitFormMixin, CrispyFormMixin, forms.ModelForm):
    inline_choices = ("kind",)
    presenter = PersonChoiceField(label=_("Inleider"), queryset=User.objects.none(), required=False)

    class Meta:
        model = AgendaItem
        fields = [
            "kind",
            "title",
            "text",
            "presenter",
            "minutes_allotted",
            "theme",
            "goal",
            "question",
        ]
        labels = {
            "kind": _("Soort"),
            "title": _("Titel"),
            "text": _("Korte toelichting"),
            "minutes_allotted": _("Minuten"),
            "theme": _("Thema"),
            "goal": _("Doel uit de DIN"),
            "question": _("Vraag uit de leergeschiedenis"),
        }
        widgets = {
            "kind": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 3}),
        }

    attachment = forms.FileField(
        label=_("Bijlage bij dit agendapunt"),
        required=False,
        help_text=_("PDF, afbeelding of Office-document, tot 10 MB."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # An attachment chosen before a mistake elsewhere stays (landerd_portal.pending_uploads).
        self.kept_attachments = (
            KeptUploads(self, "attachment", user=user, label=_("Bijlagen die je al koos"))
            if user is not None
            else None
        )
        self.fields["presenter"].queryset = action_owner_choices()
        # A kind is always chosen: no empty "---------" option; a new item starts as the
        # kind most items have.
        self.fields["kind"].choices = AgendaItem.Kind.choices
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("kind", most_common_agenda_kind())
        self.fields["theme"].queryset = Theme.objects.all()
        self.fields["goal"].queryset = Goal.objects.select_related("theme")
        self.fields["goal"].label_from_instance = lambda goal: f"{goal.theme} – {goal}"
        self.fields["question"].queryset = Question.objects.filter(
            status=Question.Status.OPEN
        ) | Question.objects.filter(pk=getattr(self.instance, "question_id", None) or 0)
        self.fields["minutes_allotted"].min_value = 1
        self.fields["minutes_allotted"].widget.attrs.update({"min": 1, "max": 240})

    def get_layout(self):
        return Layout(
            *(
                Field(name, wrapper_class="choice-inline")
                if name in self.inline_choices
                else Field(name, template="bootstrap5/layout/kept_uploads.html")
                if name == "drop_kept_attachment"
                else name
                for name in self.fields
            )
        )

    def clean_attachment(self):
        uploaded = self.cleaned_data.get("attachment")
        if uploaded and uploaded.size > MAX_ATTACHMENT_SIZE:
            raise forms.ValidationError(
                _("Het bestand is groter dan 10 MB. Maak het kleiner of deel een link."),
                "too_large",
            )
        return uploaded

    def clean_minutes_allotted(self):
        minutes = self.cleaned_data["minutes_allotted"]
        if minutes < 1 or minutes > 240:
            raise forms.ValidationError(_("Kies tussen 1 en 240 minuten."), "range")
        return minutes

    def to_data(self):
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class AgendaItemMinutesForm(forms.Form):
    """The agenda builder's inline minutes field (one per row), with the row's version."""

    minutes = forms.IntegerField(
        label=_("Minuten"), min_value=MINUTES_RANGE[0], max_value=MINUTES_RANGE[1]
    )
    version = forms.IntegerField(min_value=1, required=False)


class AttachmentForm(CrispyFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Bijlage toevoegen"),
        help_text=_("PDF, afbeelding of Office-document, tot 10 MB."),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > MAX_ATTACHMENT_SIZE:
            raise forms.ValidationError(
                _("Het bestand is groter dan 10 MB. Maak het kleiner of deel een link."),
                "too_large",
            )
        return uploaded


class ProposalForm(SafeSubmitFormMixin, CrispyFormMixin, forms.ModelForm):
    inline_choices = ("wished_kind",)

    class Meta:
        model = AgendaProposal
        fields = ["title", "reason", "wished_kind"]
        labels = {
            "title": _("Titel van het agendapunt"),
            "reason": _("Waarom moet dit op de agenda?"),
            "wished_kind": _("Wat vraag je van het partneroverleg?"),
        }
        widgets = {
            "reason": forms.Textarea(attrs={"rows": 4}),
            "wished_kind": forms.RadioSelect,
        }


class DeclineForm(CrispyFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        max_length=AgendaProposal._meta.get_field("decline_reason").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De indiener ziet deze reden."),
    )


class MinutesForm(CrispyFormMixin, forms.Form):
    notes = forms.CharField(
        label=_("Verslag"),
        required=False,
        max_length=AgendaItem._meta.get_field("notes").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecisionForm(CrispyFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Besluit"),
        max_length=Decision._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    theme = forms.ModelChoiceField(label=_("Thema"), queryset=Theme.objects.all(), required=False)
    agenda_item = forms.ModelChoiceField(
        label=_("Bij agendapunt"), queryset=AgendaItem.objects.none(), required=False
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.order_by("order", "pk")


class ActionItemForm(CrispyFormMixin, forms.ModelForm):
    owner = PersonChoiceField(label=_("Wie"), queryset=User.objects.none())
    agenda_item = forms.ModelChoiceField(
        label=_("Bij agendapunt"), queryset=AgendaItem.objects.none(), required=False
    )

    class Meta:
        model = ActionItem
        fields = ["description", "owner", "due_date", "agenda_item"]
        labels = {"description": _("Wat"), "due_date": _("Uiterlijk op")}
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = action_owner_choices()
        self.fields["agenda_item"].queryset = meeting.agenda_items.order_by("order", "pk")
        self.fields["due_date"].required = True
