"""Template context shared by every page: the navigation a user's role may see."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# (url name, label, permission that shows it). Routes that later issues add appear
# here once their URL exists; a missing route is simply left out.
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
    items = []
    for url_name, label, permission in NAVIGATION:
        if permission and not user.has_perm(permission):
            continue
        try:
            url = reverse(url_name)
        except Exception:  # noqa: BLE001 - a route a later issue adds
            continue
        items.append({"url": url, "label": label, "active": request.path == url})
    return {"navigation": items}
