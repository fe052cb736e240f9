"""Forms of the themes app: logging an activity and filtering the list."""

from crispy_forms.bootstrap import StrictButton
from crispy_forms.layout import HTML, Column, Div, Field, Layout, Row
from django import forms
from django.urls import reverse_lazy
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from landerd_portal.concurrency import SafeSubmitFormMixin
from landerd_portal.forms import CrispyFormMixin, Details, Section, quick_choices
from landerd_portal.pending_uploads import KeptUploads
from partners.models import Organisation
from programme.models import Effort, Phase

from . import selectors
from .models import (
    Activity,
    ActivityPhoto,
    HealthDimension,
    TargetGroup,
    Theme,
    Village,
    WorkingGroupCollaboration,
)
from .photos import MAX_PHOTO_BYTES, check_photo
from .services import NO_PUBLISHED_ACTIVITY
from .spread import builds_on_candidates


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class MultiplePhotoInput(forms.FileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Zero or more photos in one input; each is checked by its content."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultiplePhotoInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        cleaned = [super(MultiplePhotoField, self).clean(file, initial) for file in files]
        errors = []
        for file in cleaned:
            try:
                check_photo(file)
            except forms.ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise forms.ValidationError(errors)
        return cleaned


def _choices(name, css_class="choice-grid"):
    """A radio or checkbox group, its options side by side where the screen allows."""
    return Field(name, wrapper_class=css_class)


class ChoiceFold(Div):
    """A long checkbox list folded into a ``<details>`` whose summary names what is chosen,
    with a filter field that static/js/choice-filter.js enhances (the plain list without
    JavaScript). Open when the field has an error."""

    template = "%s/layout/choice_fold.html"

    def __init__(self, summary, name, *, filter_label, **kwargs):
        super().__init__(_choices(name), **kwargs)
        self.summary = summary
        self.name = name
        self.filter_label = filter_label
        self.filter_id = f"{name}-filter"

    def render(self, form, context, **kwargs):
        bound = form[self.name]
        chosen = {str(value) for value in (bound.value() or [])}
        self.chosen = [str(label) for value, label in bound.field.choices if str(value) in chosen]
        self.open = bool(bound.errors)
        return super().render(form, context, **kwargs)


class ActivityForm(SafeSubmitFormMixin, CrispyFormMixin, forms.ModelForm):
    """Log or change an activity: what, when, where, for whom, with whom, and its photos.

    The quote's attribution and the photos' consent are checked by the services, which the
    view shows next to those fields (one rule, one place, one message).
    """

    photos = MultiplePhotoField(
        label=_("Foto's"),
        required=False,
        help_text=_("JPEG of PNG, hoogstens %(mb)s MB per foto. Locatiegegevens halen we eraf.")
        % {"mb": MAX_PHOTO_BYTES // (1024 * 1024)},
    )
    photo_alt_text = forms.CharField(
        label=_("Wat is er op de foto te zien?"),
        required=False,
        max_length=250,
        help_text=_("Voor wie de foto niet kan zien. Noem geen namen van inwoners."),
    )
    photo_consent = forms.BooleanField(
        label=_("De mensen op de foto gaven toestemming voor gebruik"),
        required=False,
    )
    remove_photos = forms.ModelMultipleChoiceField(
        label=_("Foto's die er al bij staan"),
        queryset=ActivityPhoto.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    builds_on_search = forms.CharField(
        label=_("Zoek de activiteit waarop deze voortbouwt"),
        required=False,
        max_length=100,
        help_text=_(
            "Begon de aanpak eerder, misschien in een ander dorp of bij een andere "
            "organisatie? Zoek op titel, organisatie, dorp of nummer."
        ),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    class Meta:
        model = Activity
        fields = [
            "title",
            "theme",
            "date",
            "end_date",
            "start_time",
            "end_time",
            "villages",
            "target_groups",
            "health_dimensions",
            "owner_organisation",
            "organisations",
            "reach",
            "volunteers",
            "description",
            "quote",
            "quote_attribution",
            "quote_consent",
            "effort",
            "is_public",
            "builds_on",
        ]
        labels = {
            "builds_on": _("Nummer van de activiteit waarop deze voortbouwt"),
            "date": _("Datum (of begindatum)"),
            "reach": _("Bereik: aantal inwoners"),
            "owner_organisation": _("Organisatie die de activiteit vastlegt"),
            "effort": _("Hoort bij inspanning uit de DIN"),
            "quote_consent": _("De persoon gaf toestemming om het citaat te gebruiken"),
            "is_public": _("Zet deze activiteit in de openbare agenda voor inwoners"),
        }
        help_texts = {
            "end_date": _("Alleen invullen als het een periode was."),
            "start_time": _("Voor de openbare agenda: hoe laat het begint."),
            "reach": _("Een schatting is goed."),
            "quote": _("Iets wat een deelnemer of professional zei."),
            "quote_attribution": _("Bijvoorbeeld ‘een mantelzorger’ of ‘de huisarts’."),
            "quote_consent": _(
                "Zonder toestemming mag het citaat blijven staan, maar het blijft intern: het "
                "komt niet in de rapportage aan de gemeenteraad."
            ),
        }
        widgets = {
            "theme": forms.RadioSelect,
            "date": DateInput,
            "end_date": DateInput,
            "start_time": TimeInput,
            "end_time": TimeInput,
            "villages": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "health_dimensions": forms.CheckboxSelectMultiple,
            "organisations": forms.CheckboxSelectMultiple,
            "reach": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
            "volunteers": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "quote": forms.Textarea(attrs={"rows": 2}),
            "builds_on": forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"}),
        }
        error_messages = {"builds_on": {"invalid_choice": NO_PUBLISHED_ACTIVITY}}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        fields = self.fields
        fields["theme"].queryset = Theme.objects.order_by("order", "name")
        fields["theme"].empty_label = None
        fields["villages"].queryset = Village.objects.order_by("name")
        fields["target_groups"].queryset = TargetGroup.objects.order_by("order")
        fields["health_dimensions"].queryset = HealthDimension.objects.order_by("order")
        fields["organisations"].queryset = Organisation.objects.order_by("name")
        fields["organisations"].label = _("Betrokken organisaties")
        fields["description"].required = True
        fields["description"].label = _("Korte beschrijving")

        if self.instance.pk or not user.has_perm("themes.choose_activity_owner"):
            # Partners log for their own organisation; the owner never changes afterwards.
            del fields["owner_organisation"]
        else:
            fields["owner_organisation"].queryset = Organisation.objects.order_by("name")
            fields["owner_organisation"].initial = user.organisation_id

        photos = self.instance.photos.all() if self.instance.pk else ActivityPhoto.objects.none()
        if photos:
            fields["remove_photos"].queryset = photos
        else:
            del fields["remove_photos"]
        if not self.instance.pk and user.organisation_id and not self.is_bound:
            fields["organisations"].initial = [user.organisation_id]
        # Photos chosen before a mistake elsewhere stay (landerd_portal.pending_uploads).
        self.kept_photos = KeptUploads(
            self, "photos", user=user, label=_("Foto's die je al koos"), thumbnails=True
        )

        self._limit_efforts()
        self._offer_builds_on()

    def get_layout(self):
        fields = self.fields
        return Layout(
            "title",
            # Choosing a theme swaps the effort field for one with only that theme's efforts.
            Div(
                _choices("theme"),
                data_hx_get=reverse_lazy("themes:activity_effort_options"),
                data_hx_trigger="change",
                data_hx_include="[name='theme']",
                data_hx_target="#effort-field",
            ),
            Row(
                Column("date", css_class="col-sm-6"),
                Column("end_date", css_class="col-sm-6"),
                css_class="g-3",
            ),
            Row(
                Column("start_time", css_class="col-6"),
                Column("end_time", css_class="col-6"),
                css_class="g-3",
            ),
            "description",
            Section(
                _("Waar en voor wie"),
                _choices("villages"),
                _choices("target_groups"),
                _choices("health_dimensions"),
                heading_id="waar-titel",
            ),
            Section(
                _("Met wie en hoeveel"),
                *(["owner_organisation"] if "owner_organisation" in fields else []),
                ChoiceFold(
                    _("Betrokken organisaties"),
                    "organisations",
                    filter_label=_("Zoek een organisatie"),
                ),
                Row(
                    Column("reach", css_class="col-sm-6"),
                    Column("volunteers", css_class="col-sm-6"),
                    css_class="g-3",
                ),
                heading_id="wie-titel",
            ),
            Section(
                _("Citaat en DIN"),
                "quote",
                "quote_attribution",
                "quote_consent",
                Div("effort", css_id="effort-field"),
                heading_id="citaat-titel",
            ),
            Section(
                _("Voortbouwend op"),
                *self._builds_on_layout(),
                heading_id="voortbouwend-titel",
            ),
            Section(
                _("Foto's"),
                *(
                    [Field("remove_photos", template="bootstrap5/layout/photo_checkboxes.html")]
                    if "remove_photos" in fields
                    else []
                ),
                *(
                    [Field("drop_kept_photos", template="bootstrap5/layout/kept_uploads.html")]
                    if "drop_kept_photos" in fields
                    else []
                ),
                "photos",
                "photo_alt_text",
                "photo_consent",
                heading_id="fotos-titel",
            ),
            Section(
                _("Openbare agenda"),
                "is_public",
                heading_id="openbaar-titel",
            ),
        )

    def _offer_builds_on(self):
        """Any organisation's published activity; the service checks the rest (not itself,
        not a later one) so that the rule lives in one place."""
        field = self.fields["builds_on"]
        field.queryset = Activity.objects.filter(status=Activity.Status.PUBLISHED)
        field.help_text = _("Wordt ingevuld als je hierboven een activiteit kiest.")
        query = self.data.get(self.add_prefix("builds_on_search"), "") if self.is_bound else ""
        self.builds_on_query = query.strip()[:100]
        # Shown in the page itself when the search was sent without JavaScript.
        self.builds_on_suggestions = builds_on_candidates(
            query=self.builds_on_query, exclude=self.instance.pk
        )

    def _builds_on_layout(self):
        options = reverse_lazy("themes:activity_builds_on_options")
        return [
            Field(
                "builds_on_search",
                data_hx_get=options,
                data_hx_trigger="input changed delay:400ms, search",
                data_hx_target="#builds-on-suggestions",
                data_hx_swap="outerHTML",
                data_hx_include="this",
            ),
            # Without JavaScript this sends the form back to the page (nothing is saved);
            # with htmx it only fetches the matches.
            StrictButton(
                _("Zoeken"),
                type="submit",
                name="zoek_voortbouwend",
                value="1",
                css_class="btn-outline-primary mb-3",
                data_hx_get=options,
                data_hx_include="#id_builds_on_search",
                data_hx_target="#builds-on-suggestions",
                data_hx_swap="outerHTML",
            ),
            HTML(
                '{% include "themes/_builds_on_suggestions.html" with '
                "candidates=form.builds_on_suggestions query=form.builds_on_query %}"
            ),
            Div("builds_on", css_id="builds-on-field"),
        ]

    def selected_theme(self):
        """The theme the form is about: the one posted, else the initial or saved one."""
        field = self.fields["theme"]
        value = self.data.get(self.add_prefix("theme")) if self.is_bound else None
        if value in (None, ""):
            value = self.initial.get("theme") or self.instance.theme_id
        if isinstance(value, Theme):
            return value
        try:
            return field.queryset.get(pk=value) if value not in (None, "") else None
        except (Theme.DoesNotExist, ValueError, TypeError):
            return None

    def _limit_efforts(self):
        """Offer only the efforts of the chosen theme; without a theme, all grouped by theme."""
        field = self.fields["effort"]
        field.empty_label = _("Geen (of weet ik niet)")
        efforts = Effort.objects.select_related("goal__theme").order_by(
            "goal__theme__order", "goal__order", "order", "pk"
        )
        theme = self.selected_theme()
        if theme is not None:
            field.queryset = efforts.filter(goal__theme=theme)
            return
        field.queryset = efforts
        groups = {}
        for effort in efforts:
            groups.setdefault(effort.goal.theme.name, []).append((effort.pk, effort.title))
        field.choices = [("", field.empty_label), *groups.items()]

    def clean(self):
        cleaned = super().clean()
        date, end_date = cleaned.get("date"), cleaned.get("end_date")
        if date and end_date and end_date < date:
            self.add_error("end_date", _("De einddatum ligt vóór de begindatum."))
        start_time, end_time = cleaned.get("start_time"), cleaned.get("end_time")
        if end_time and not start_time:
            self.add_error("start_time", _("Vul ook de begintijd in."))
        elif start_time and end_time and end_time <= start_time and not end_date:
            self.add_error("end_time", _("De eindtijd ligt vóór de begintijd."))
        return cleaned

    def activity_data(self):
        """The cleaned values the services take as `data`."""
        return {
            key: value
            for key, value in self.cleaned_data.items()
            if key
            not in {
                "photos",
                "photo_alt_text",
                "photo_consent",
                "remove_photos",
                "kept_photos",
                "drop_kept_photos",
                "owner_organisation",
                "builds_on_search",
            }
        }


class ActivityFilterForm(CrispyFormMixin, forms.Form):
    """The filters of the activity list. Dutch parameter names, so shared links read well."""

    # Shown at once; the others fold away under "Meer filters" unless one of them is in use.
    MAIN_FILTERS = ("zoek", "thema", "dorp")

    zoek = forms.CharField(label=_("Zoeken"), required=False, max_length=200)
    thema = forms.ModelChoiceField(
        label=_("Thema"), queryset=Theme.objects.none(), to_field_name="slug", required=False
    )
    dorp = forms.ModelChoiceField(
        label=_("Dorpskern"), queryset=Village.objects.none(), to_field_name="slug", required=False
    )
    doelgroep = forms.ModelChoiceField(
        label=_("Doelgroep"),
        queryset=TargetGroup.objects.none(),
        to_field_name="code",
        required=False,
    )
    gezondheid = forms.ModelChoiceField(
        label=_("Positieve gezondheid"),
        queryset=HealthDimension.objects.none(),
        to_field_name="code",
        required=False,
    )
    organisatie = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.none(),
        to_field_name="slug",
        required=False,
    )
    fase = forms.ModelChoiceField(
        label=_("Fase"), queryset=Phase.objects.none(), to_field_name="slug", required=False
    )
    van = forms.DateField(label=_("Vanaf"), required=False, widget=DateInput)
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle")), *Activity.Status.choices],
    )

    FILTER_KEYS = {
        "zoek": "q",
        "thema": "theme",
        "dorp": "village",
        "doelgroep": "target_group",
        "gezondheid": "health_dimension",
        "organisatie": "organisation",
        "fase": "phase",
        "van": "date_from",
        "tot": "date_to",
        "status": "status",
    }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thema"].queryset = Theme.objects.order_by("order", "name")
        self.fields["dorp"].queryset = Village.objects.order_by("name")
        self.fields["doelgroep"].queryset = TargetGroup.objects.order_by("order")
        self.fields["gezondheid"].queryset = HealthDimension.objects.order_by("order")
        self.fields["organisatie"].queryset = Organisation.objects.order_by("name")
        self.fields["fase"].queryset = Phase.objects.order_by("order")
        # The options from a cached list (no query per page), read only when the form is
        # rendered (the API filters with this form too); the querysets above only check a
        # chosen value.
        for name in ("thema", "dorp", "doelgroep", "gezondheid", "organisatie", "fase"):
            field = self.fields[name]
            field.empty_label = _("Alle")
            quick_choices(field, self.choices_of(name))  # a callable: read when rendered
        quick_choices(self.fields["status"], self.fields["status"].choices)
        if not user.has_perm("themes.add_activity"):
            # Only people who can have drafts may filter on them.
            del self.fields["status"]

    @cached_property
    def filter_choices(self):
        return selectors.activity_filter_choices()

    def choices_of(self, name):
        return lambda: [("", _("Alle")), *self.filter_choices[name]]

    def get_layout(self):
        return Layout(
            *self.MAIN_FILTERS,
            Details(
                _("Meer filters"),
                "doelgroep",
                "gezondheid",
                "organisatie",
                "fase",
                Row(
                    Column("van", css_class="col-6"),
                    Column("tot", css_class="col-6"),
                    css_class="g-2",
                ),
                *(["status"] if "status" in self.fields else []),
                open=self.more_filters_active(),
            ),
        )

    def configure_helper(self, helper):
        helper.form_method = "get"
        # Every filter is optional, so no "(niet verplicht)" on each; an invalid value is
        # ignored rather than reported (see filters()).
        helper.hide_optional_marker = True
        helper.form_show_errors = False

    def more_filters_active(self):
        main = {self.FILTER_KEYS[name] for name in self.MAIN_FILTERS}
        return bool(set(self.filters()) - main)

    def filters(self):
        """The valid filters as the selectors' keyword names; invalid ones are ignored."""
        if not self.is_bound:
            return {}
        self.is_valid()  # fills cleaned_data with the fields that are valid
        return {
            self.FILTER_KEYS[name]: value
            for name, value in self.cleaned_data.items()
            if value not in (None, "")
        }


class CollaborationFormForm(CrispyFormMixin, forms.ModelForm):
    """The form of collaboration (seed 000) of a working group in a phase, with a reason."""

    class Meta:
        model = WorkingGroupCollaboration
        fields = ["phase", "form", "reason"]
        labels = {"form": _("Hoe werkt de werkgroep samen?")}
        widgets = {
            "form": forms.RadioSelect,
            "reason": forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
        }
        help_texts = {
            "reason": _("In een paar zinnen: waarom past deze vorm nu bij de werkgroep?"),
            "form": _(
                "De vijf samenwerkingsvormen uit het kijkglasmodel (bijlage 3 van het "
                "programmaplan)."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = Phase.objects.order_by("order")
        self.fields["phase"].empty_label = None
        self.fields["form"].choices = [c for c in self.fields["form"].choices if c[0]]
        self.fields["reason"].error_messages["required"] = _(
            "Schrijf in een paar zinnen waarom deze vorm past."
        )
