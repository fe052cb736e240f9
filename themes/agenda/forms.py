"""The public agenda's filters: village, theme, target group and a period, in Dutch
parameter names so that a shared link or a feed address reads well (``?dorp=reek``)."""

import datetime

from crispy_forms.layout import Layout
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from landerd_portal.forms import CrispyFormMixin

from ..models import TargetGroup, Theme, Village


class AgendaFilterForm(CrispyFormMixin, forms.Form):
    """GET filters; an unknown value is ignored (the agenda shows everything for it)."""

    PERIODS = [
        ("", _("Alles wat nog komt")),
        ("week", _("Deze week")),
        ("maand", _("De komende vier weken")),
    ]

    dorp = forms.ModelChoiceField(
        label=_("Dorpskern"), queryset=Village.objects.none(), to_field_name="slug", required=False
    )
    thema = forms.ModelChoiceField(
        label=_("Thema"), queryset=Theme.objects.none(), to_field_name="slug", required=False
    )
    doelgroep = forms.ModelChoiceField(
        label=_("Voor wie"),
        queryset=TargetGroup.objects.none(),
        to_field_name="code",
        required=False,
    )
    periode = forms.ChoiceField(label=_("Wanneer"), choices=PERIODS, required=False)

    KEYS = {"dorp": "village", "thema": "theme", "doelgroep": "target_group"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dorp"].queryset = Village.objects.order_by("name")
        self.fields["thema"].queryset = Theme.objects.order_by("order", "name")
        self.fields["doelgroep"].queryset = TargetGroup.objects.order_by("order")
        for name in self.KEYS:
            self.fields[name].empty_label = _("Alle")

    def get_layout(self):
        return Layout("dorp", "thema", "doelgroep", "periode")

    def configure_helper(self, helper):
        # The form tag and its button are the template's (themes/agenda/_filters.html).
        helper.form_tag = False
        helper.hide_optional_marker = True
        helper.form_show_errors = False

    def filters(self, *, today=None) -> dict:
        """The valid filters as ``public_upcoming_activities`` takes them."""
        if not self.is_bound:
            return {}
        self.is_valid()  # cleaned_data holds the valid fields; the others are left out
        data = getattr(self, "cleaned_data", {})
        filters = {key: data[name] for name, key in self.KEYS.items() if data.get(name)}
        today = today or timezone.localdate()
        period = data.get("periode")
        if period == "week":
            filters["date_to"] = today + datetime.timedelta(days=6 - today.weekday())
        elif period == "maand":
            filters["date_to"] = today + datetime.timedelta(days=27)
        return filters

    def chosen(self):
        """What the filters name, for the page's heading and the feed's name."""
        if not self.is_bound:
            return []
        data = getattr(self, "cleaned_data", {})
        return [str(data[name]) for name in self.KEYS if data.get(name)]
