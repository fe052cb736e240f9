"""Template context shared by every page: the navigation a user's role may see."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .fragments import cached, user_area

# (url name, label, permission that shows it).
NAVIGATION = [
    ("dashboard", _("Overzicht"), None),
    ("themes:theme_list", _("Thema's"), "themes.view_theme_pages"),
    ("themes:activity_list", _("Activiteiten"), "themes.view_activity_pages"),
    ("programme:din", _("DIN"), "programme.view_din"),
    ("learning_history:index", _("Leergeschiedenis"), "learning_history.view_learning_history"),
    ("programme:meeting_list", _("Partneroverleg"), "programme.view_meetings"),
    ("programme:report_list", _("Rapportages"), "programme.view_reports"),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    # Asked on every page, and only a change of role or permissions changes the answer.
    # Once per request: every part a page renders (dashboard panels) runs the context
    # processors again.
    if not hasattr(request, "_navigation_urls"):
        request._navigation_urls = cached(
            "navigation", (user.pk,), lambda: allowed_urls(user), areas=(user_area(user.pk),)
        )
    urls = request._navigation_urls
    return {
        "navigation": [
            {"url": urls[url_name], "label": label, "active": request.path == urls[url_name]}
            for url_name, label, _permission in NAVIGATION
            if url_name in urls
        ]
    }


def allowed_urls(user):
    """{url name: url} of the menu items this user may open."""
    return {
        url_name: reverse(url_name)
        for url_name, _label, permission in NAVIGATION
        if not permission or user.has_perm(permission)
    }
