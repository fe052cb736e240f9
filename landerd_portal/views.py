"""Project-level views: the dashboard and the liveness check."""

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from kombu import Connection

from .fragments import cached_html, render_part
from .view_base import PortalPermissionMixin

# Each app contributes what matters to a user on the dashboard: a selector that returns
# the panel's data (a dict) or None, and the template that shows it. By dotted path, so
# that the project package imports no app.
DASHBOARD_PANELS = [
    ("themes.selectors.dashboard_panel", "themes/_dashboard_panel.html"),
    ("programme.meetings.selectors.dashboard_panel", "programme/meetings/dashboard_panel.html"),
    ("programme.reports.selectors.dashboard_panel", "programme/reports/_dashboard_panel.html"),
    ("learning_history.selectors.dashboard_panel", "learning_history/_dashboard_panel.html"),
]


class DashboardView(PortalPermissionMixin, TemplateView):
    permission_required = ()  # every signed-in user has a dashboard; the panels vary
    template_name = "dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Everything below the greeting in one cached part: one round trip to the cache.
        context["body"] = cached_html(
            self.request, "dashboard", (self.request.user.pk,), self.render_body
        )
        return context

    def render_body(self):
        """The panels that have something for this user, then the way into the portal."""
        user = self.request.user
        rendered = []
        for selector, template in DASHBOARD_PANELS:
            panel = import_string(selector)(user=user)
            if panel:
                context = {**panel, "panel": panel, "template": template}
                rendered.append(render_part(self.request, "dashboard_panel.html", context))
        return render_part(self.request, "_dashboard_body.html", {"panels": rendered})


def database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 - any failure means "not reachable"
        return False


def broker_answers():
    try:
        with Connection(
            settings.CELERY_BROKER_URL,
            transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS,
            connect_timeout=2,
        ) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:  # noqa: BLE001 - any failure means "not reachable"
        return False


@never_cache
def healthz(request):
    checks = {"database": database_answers(), "broker": broker_answers()}
    healthy = all(checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks},
        status=200 if healthy else 503,
    )
