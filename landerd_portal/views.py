"""Project-level views: the dashboard, the privacy statement and the liveness check."""

import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.defaults import permission_denied as django_permission_denied
from django.views.generic import RedirectView, TemplateView
from kombu import Connection

from .cache import PortalRedisCache
from .fragments import (
    ACTIVITIES,
    DIN,
    LEARNING_HISTORY,
    MEETINGS,
    REPORTS,
    VOCABULARY,
    cached_html_many,
    organisation_area,
    render_part,
    user_area,
)
from .logs import BROKER, CACHE, log_event
from .view_base import PortalPermissionMixin

# Each app contributes what matters to a user on the dashboard: a selector that returns
# the panel's data (a dict) or None, the template that shows it, and the areas of the data
# it shows (landerd_portal.fragments): each panel is cached on its own, so logging an
# activity leaves the meetings panel cached. By dotted path, so that the project package
# imports no app.
DASHBOARD_PANELS = [
    ("themes.selectors.dashboard_panel", "themes/_dashboard_panel.html", (ACTIVITIES,)),
    (
        "programme.meetings.selectors.dashboard_panel",
        "programme/meetings/dashboard_panel.html",
        (MEETINGS,),
    ),
    (
        "programme.reports.selectors.dashboard_panel",
        "programme/reports/_dashboard_panel.html",
        (REPORTS,),
    ),
    (
        "learning_history.selectors.dashboard_panel",
        "learning_history/_dashboard_panel.html",
        (LEARNING_HISTORY,),
    ),
    # Figures of the activities (reach, coverage) against the DIN's goals.
    ("themes.figures.dashboard_panel", "themes/_figures_dashboard_panel.html", (ACTIVITIES, DIN)),
    (
        "programme.din.sustainability_selectors.dashboard_panel",
        "programme/din/_sustainability_panel.html",
        (DIN, ACTIVITIES),
    ),
]


class DashboardView(PortalPermissionMixin, TemplateView):
    permission_required = ()  # every signed-in user has a dashboard; the panels vary
    template_name = "dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        # Besides its own area, every panel shows the user, their organisation and names.
        about_user = (user_area(user.pk), organisation_area(user.organisation_id), VOCABULARY)
        # One part per panel, all read from the cache in one round trip.
        panels = cached_html_many(
            self.request,
            [
                (
                    f"dashboard:{selector}",
                    (user.pk,),
                    lambda selector=selector, template=template: self.render_panel(
                        selector, template
                    ),
                    (*areas, *about_user),
                )
                for selector, template, areas in DASHBOARD_PANELS
            ],
        )
        context["body"] = render_to_string(
            "_dashboard_body.html",
            {"panels": [panel for panel in panels if panel]},
            request=self.request,
        )
        return context

    def render_panel(self, selector, template):
        """The panel's HTML, or "" when it has nothing for this user."""
        panel = import_string(selector)(user=self.request.user)
        if not panel:
            return ""
        context = {**panel, "panel": panel, "template": template}
        return render_part(self.request, "dashboard_panel.html", context)


# --- /healthz ---------------------------------------------------------------------------
# Each check runs in a thread of its own and the answer waits for them until one deadline:
# a service that accepts the connection and then never answers (a hung Redis) makes its
# check fail, not the request hang until the worker is killed. Every check also has short
# connect and socket time-outs of its own, so an abandoned thread ends soon after.


def database_answers():
    try:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                timeout_ms = int(settings.HEALTH_CHECK_TIMEOUT * 1000)
                cursor.execute(f"SET statement_timeout = {timeout_ms}")
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 - any failure means "not reachable"
        return False
    finally:
        # The check's thread ends here; its connection must not outlive it.
        connection.close()


def broker_answers():
    timeout = settings.HEALTH_CHECK_TIMEOUT
    options = {**settings.CELERY_BROKER_TRANSPORT_OPTIONS}
    if not settings.CELERY_BROKER_URL.startswith("filesystem"):
        options.update(socket_connect_timeout=timeout, socket_timeout=timeout)
    try:
        with Connection(
            settings.CELERY_BROKER_URL, transport_options=options, connect_timeout=timeout
        ) as conn:
            conn.ensure_connection(max_retries=1, timeout=timeout)
            if conn.transport.driver_type == "redis":
                # A connection is not an answer: a hung Redis accepts one and then says nothing.
                conn.default_channel.client.ping()
    except Exception as error:  # noqa: BLE001 - any failure means "not reachable"
        BROKER.failed(error)
        return False
    BROKER.answered()
    return True


def cache_answers():
    """Whether the shared cache stores and returns a value (a miss is not an error there)."""
    if isinstance(cache, PortalRedisCache):
        try:
            cache.client.get_client(write=True).ping()
        except Exception as error:  # noqa: BLE001 - any failure means "not reachable"
            CACHE.failed(error)
            return False
        CACHE.answered()
        return True
    key = "healthz:probe"
    cache.set(key, "ok", 10)
    return cache.get(key) == "ok"


HEALTH_CHECKS = {"database": database_answers, "broker": broker_answers, "cache": cache_answers}
# Without these the portal cannot work. Without the cache it can (pages come from the
# database, more slowly): that is reported, but does not take the web process out.
REQUIRED_CHECKS = ("database", "broker")


def run_checks(checks, deadline):
    """{name: bool} for every check; a check still running after ``deadline`` s is False."""
    results = dict.fromkeys(checks, False)

    def run(name, check):
        results[name] = bool(check())

    threads = [
        threading.Thread(target=run, args=(name, check), name=f"healthz-{name}", daemon=True)
        for name, check in checks.items()
    ]
    for thread in threads:
        thread.start()
    end = time.monotonic() + deadline
    for thread in threads:
        thread.join(max(0.0, end - time.monotonic()))
    # Read once: a check that finishes late must not change the answer under our feet.
    return {
        name: results[name] if not thread.is_alive() else False
        for (name, thread) in zip(checks, threads, strict=True)
    }


@never_cache
def healthz(request):
    checks = run_checks(HEALTH_CHECKS, settings.HEALTH_CHECK_DEADLINE)
    if not all(checks[name] for name in REQUIRED_CHECKS):
        status, code = "unavailable", 503
    else:
        status, code = ("ok" if all(checks.values()) else "degraded"), 200
    return JsonResponse({"status": status, **checks}, status=code)


def permission_denied(request, exception):
    """Django's 403 page (templates/403.html, with the refusal's reason), logged."""
    log_event(
        "refused",
        user=getattr(request, "user", None),
        level=logging.WARNING,
        path=request.path,
        reason=str(exception)[:200],
    )
    return django_permission_denied(request, exception)


class PrivacyView(TemplateView):
    """The privacy statement (AVG): what the portal keeps, why, how long, who sees it.

    Public: anyone whose data the portal may hold can read it without an account.
    """

    template_name = "privacy.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            photo_retention_days=settings.PHOTO_RETENTION_DAYS,
            photo_retention_years=round(settings.PHOTO_RETENTION_DAYS / 365, 1),
            **kwargs,
        )


class FaviconView(RedirectView):
    """``/favicon.ico``, which browsers ask for on every site whatever the page links to.

    Sent on to the SVG icon that base.html links; not permanently, because the static
    file's name carries a hash of its content in production.
    """

    permanent = False

    def get_redirect_url(self, *args, **kwargs):
        return static("img/favicon.svg")
