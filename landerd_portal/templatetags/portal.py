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
