"""``{% history_link obj %}``: a link to the object's audit trail, for those who may read it."""

from django import template

from landerd_portal.history import history_url

register = template.Library()


@register.inclusion_tag("history/_history_link.html", takes_context=True)
def history_link(context, obj, paragraph=False, label=""):
    """The link, or nothing; ``paragraph`` wraps it in a paragraph of its own, ``label``
    names the object for screen readers where several links share a page."""
    user = getattr(context.get("request"), "user", None) or context.get("user")
    allowed = user is not None and obj is not None and user.has_perm("partners.view_history")
    return {"url": history_url(obj) if allowed else "", "paragraph": paragraph, "label": label}
