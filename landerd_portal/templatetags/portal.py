"""Small template helpers shared by every page: links that keep filters, form widgets,
parts of a page kept in the shared cache."""

from django import template
from django.http import QueryDict

from landerd_portal.fragments import CSRF_STAND_IN, cached_html

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


@register.tag
def cached_part(parser, token):
    """Keep the HTML between ``{% cached_part %}`` and ``{% endcached_part %}`` in the
    shared cache (landerd_portal.fragments), for whoever shares its ``vary`` values, until
    one of the areas it shows changes::

        {% cached_part "din-theme" item.theme.pk audience areas="din vocabulary" %}
          ... {% endcached_part %}

    ``vary`` must hold everything besides the data that the part depends on (permission
    checks inside it depend on the user's audience, so that goes in too).
    """
    bits = token.split_contents()[1:]
    areas = None
    if bits and bits[-1].startswith("areas="):
        areas = parser.compile_filter(bits.pop().removeprefix("areas="))
    if not bits or areas is None:
        raise template.TemplateSyntaxError('cached_part needs a name and areas="…".')
    nodelist = parser.parse(("endcached_part",))
    parser.delete_first_token()
    return CachedPartNode(nodelist, [parser.compile_filter(bit) for bit in bits], areas)


class CachedPartNode(template.Node):
    def __init__(self, nodelist, vary, areas):
        self.nodelist = nodelist
        self.vary = vary
        self.areas = areas

    def render(self, context):
        name, *vary = [value.resolve(context) for value in self.vary]

        def render_part():
            # Forms inside carry the stand-in for the CSRF token, as in render_part().
            with context.push(csrf_token=CSRF_STAND_IN):
                return str(self.nodelist.render(context))

        areas = str(self.areas.resolve(context)).split()
        return cached_html(context["request"], f"part:{name}", vary, render_part, areas=areas)
