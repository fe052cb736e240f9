"""Sessions that end: after a while without activity, and after a fixed time in any case.

Django keeps a session for ``SESSION_COOKIE_AGE`` from its last save and has no idle
time-out. This middleware signs a user out after ``SESSION_IDLE_TIMEOUT_SECONDS`` without
a request, and ``SESSION_MAX_AGE_SECONDS`` after signing in whatever they do, and sends
them to the login page with a message saying why. The time of the last request is written
to the session at most once per ``SESSION_ACTIVITY_RESOLUTION_SECONDS``: a session is not
saved (to the database and the cache) on every request.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _

SIGNED_IN_AT = "portal_signed_in_at"
LAST_ACTIVITY_AT = "portal_last_activity_at"


def start_session_clock(sender, request, user, **kwargs):
    """A sign-in starts both clocks (connected in ``landerd_portal.apps``)."""
    if request is None or not hasattr(request, "session"):
        return
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_ACTIVITY_AT] = now


def connect_session_signals():
    user_logged_in.connect(start_session_clock, dispatch_uid="portal-session-clock")


class SessionTimeoutMiddleware:
    """Between the authentication and message middleware's work and the view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            ended = self.session_ended(request.session)
            if ended:
                logout(request)
                messages.info(request, ended)
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)

    @staticmethod
    def session_ended(session):
        """Why the session is over (a message for the login page), or ``""``; else note now."""
        now = int(time.time())
        signed_in_at = session.get(SIGNED_IN_AT)
        last_activity_at = session.get(LAST_ACTIVITY_AT)
        if signed_in_at is None or last_activity_at is None:
            # A session from before this middleware, or one made without a sign-in
            # request: its clocks start now.
            session[SIGNED_IN_AT] = signed_in_at or now
            session[LAST_ACTIVITY_AT] = now
            return ""
        if now - last_activity_at >= settings.SESSION_IDLE_TIMEOUT_SECONDS:
            return _("Je was een tijd niet actief; log opnieuw in.")
        if now - signed_in_at >= settings.SESSION_MAX_AGE_SECONDS:
            return _("Je bent al lang ingelogd; log voor de zekerheid opnieuw in.")
        if now - last_activity_at >= settings.SESSION_ACTIVITY_RESOLUTION_SECONDS:
            session[LAST_ACTIVITY_AT] = now
        return ""
