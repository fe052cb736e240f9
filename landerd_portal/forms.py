"""What every form of the portal shares: django-crispy-forms with our defaults.

Each form class carries a ``helper`` (a :class:`PortalFormHelper` with the form's
``Layout``); templates render it with ``{% crispy form %}``. The template keeps the
``<form>`` tag, the CSRF token and the buttons, because those differ per page (publish or
save as draft, where "cancel" leads); crispy lays out the fields. How a field looks (the
"(niet verplicht)" marker, the error next to it, the error summary at the top) is decided
once, in the crispy-bootstrap5 overrides under ``templates/bootstrap5/``.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.forms.utils import flatatt
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join

from .text import strip_bidi_controls


class PortalFormHelper(FormHelper):
    """crispy's helper without the ``<form>`` tag and CSRF token: the template writes those."""

    form_tag = False
    disable_csrf = True
    # Each error as its own paragraph (templates/bootstrap5/layout/field_errors_block.html).
    error_text_inline = False
    # Hidden fields a form's Layout does not name (the edit version, the one-time token of
    # landerd_portal.concurrency) are rendered all the same.
    render_hidden_fields = True


class CrispyFormMixin:
    """Give a form a ``helper`` built from :meth:`get_layout` (default: every field in order).

    ``inline_choices`` names radio or checkbox groups whose options stand side by side.
    """

    inline_choices = ()

    def get_layout(self):
        if not self.inline_choices:
            return None
        return Layout(
            *(
                Field(name, wrapper_class="choice-inline") if name in self.inline_choices else name
                for name in self.fields
            )
        )

    def clean(self):
        """Every text a user typed, without bidirectional control characters.

        Here, once, for every form of the portal; a subclass's ``clean`` calls ``super()``
        first, so it and the model see the cleaned text. A required field that held only
        such characters is empty, and said so.
        """
        cleaned = super().clean()
        for name, field in self.fields.items():
            value = cleaned.get(name)
            if not isinstance(field, forms.CharField) or not isinstance(value, str):
                continue
            stripped = strip_bidi_controls(value)
            if stripped == value:
                continue
            if field.strip:
                stripped = stripped.strip()
            if field.required and not stripped:
                error = forms.ValidationError(field.error_messages["required"], code="required")
                self.add_error(name, error)
            else:
                cleaned[name] = stripped
        return cleaned

    def configure_helper(self, helper):
        """Hook for forms that set more than the layout (e.g. no "(niet verplicht)")."""

    @cached_property
    def helper(self):
        helper = PortalFormHelper(self)
        layout = self.get_layout()
        if layout is not None:
            helper.layout = layout
        self.configure_helper(helper)
        return helper


class Section(Div):
    """A titled part of a long form: ``<section>`` with an ``<h2>`` that labels it."""

    template = "%s/layout/section.html"

    def __init__(self, title, *fields, heading_id, **kwargs):
        super().__init__(*fields, **kwargs)
        self.title = title
        self.heading_id = heading_id


class Details(Div):
    """Fields folded away under a ``<summary>``; ``open`` when one of them is in use."""

    template = "%s/layout/details.html"

    def __init__(self, summary, *fields, open=False, **kwargs):
        super().__init__(*fields, **kwargs)
        self.summary = summary
        self.open = open


class Group(Div):
    """A ``<fieldset>`` of related fields with a ``<legend>`` and an optional intro line."""

    template = "%s/layout/group.html"

    def __init__(self, legend, *fields, intro="", legend_class="", **kwargs):
        super().__init__(*fields, **kwargs)
        self.legend = legend
        self.intro = intro
        self.legend_class = legend_class


class QuickSelect(forms.Select):
    """A ``<select>`` written in one pass, instead of one template rendered per option.

    Django renders every ``<option>`` through a template include; on a filter panel with a
    few dozen options that is a good part of the page's time. Same markup, escaped by
    ``format_html``; for plain lists of choices (no option groups).
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], " selected" if option["selected"] else "", option["label"])
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options
        )


def quick_choices(field, choices):
    """Give the choice field ``field`` these ``choices`` (a list, or a callable read only
    when the form is rendered), written by :class:`QuickSelect`. For a model choice field
    the options then need no query; its queryset still checks the chosen value."""
    field.choices = choices
    field.widget = QuickSelect(choices=field.choices)
