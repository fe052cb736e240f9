"""Small template helpers shared by every page: links that keep filters, form widgets."""

from django import template
from django.http import QueryDict

register = template.Library()


@register.simple_tag(takes_context=True)
def query_transform(context, **changes):
    """Return the current query string with ``changes`` applied, without the leading "?".

    Pagination and sorting links use it so that the filters a user chose survive a page
    change: ``href="?{% query_transform page=3 %}"``. A value of ``None`` or ``""``
    removes the parameter.
    """
    request = context.get("request")
    query = request.GET.copy() if request is not None else QueryDict(mutable=True)
    for key, value in changes.items():
        if value is None or value == "":
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()


@register.simple_tag
def elided_page_range(page_obj, on_each_side=1, on_ends=1):
    """The page numbers to show around the current page, with "…" for the gaps."""
    return list(
        page_obj.paginator.get_elided_page_range(
            page_obj.number, on_each_side=on_each_side, on_ends=on_ends
        )
    )


@register.simple_tag
def form_widget(bound_field, **attrs):
    """Render a field's widget with Bootstrap classes and the given extra attributes.

    Django already adds ``aria-invalid`` and ``aria-describedby`` (help text and errors);
    this only adds the styling. ``autofocus`` is dropped: it skips the heading and the
    skip link for screen-reader users and moves phones' viewport unexpectedly.
    """
    widget_type = bound_field.widget_type
    if widget_type in {"checkbox", "radioselect", "checkboxselectmultiple"}:
        css = "form-check-input"
    elif widget_type in {"select", "selectmultiple"}:
        css = "form-select"
    else:
        css = "form-control"
    css = attrs.pop("class", css)
    if bound_field.errors:
        css = f"{css} is-invalid"
    widget_attrs = {"class": css, "autofocus": False}
    # Missing template variables arrive as "": leave those attributes out entirely.
    widget_attrs.update({key: value for key, value in attrs.items() if value not in (None, "")})
    return bound_field.as_widget(attrs=widget_attrs)
