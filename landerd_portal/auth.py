"""Authentication backends of the portal, and django-axes' view of who is signing in."""

import ipaddress

from axes.attempts import get_cool_off_threshold
from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Sum


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' throttle for sign-ins that arrive over HTTP.

    Axes needs the request to know who is trying. Calls without one (a management
    command, the shell, the test client's ``login``) never come from the login form, so
    they are left to the next backend instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class PortalModelBackend(ModelBackend):
    """Django's own backend, with the user's organisation read in the same query.

    The signed-in user is read from the database on every request, never from the cache:
    one primary-key query, and a user who is switched off, or whose role or organisation
    changes, is refused on the next request whatever the cache holds or whether it
    answers (``partners.User.get_session_auth_hash`` ends their sessions too).
    """

    def get_user(self, user_id):
        user = (
            get_user_model()
            ._default_manager.select_related("organisation")
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None

    # The portal's pages ask django-rules (each app's rules.py), and a rule that says no
    # falls through to this backend. Django's model permissions belong to the admin, which
    # only staff may open: for everyone else they are empty, which saves two queries on
    # every page and keeps a stray admin permission from opening a portal page.
    def get_user_permissions(self, user_obj, obj=None):
        if not user_obj.is_staff:
            return set()
        return super().get_user_permissions(user_obj, obj)

    def get_group_permissions(self, user_obj, obj=None):
        if not user_obj.is_staff:
            return set()
        return super().get_group_permissions(user_obj, obj)


def client_ip_address(request):
    """The address of the browser that sent ``request`` (``AXES_CLIENT_IP_CALLABLE``).

    Behind ``TRUSTED_PROXIES`` reverse proxies every request comes from the nearest
    proxy, and each proxy appends the address it was reached from to X-Forwarded-For:
    the client is the entry that many places from the right. Entries further left were
    written by the client itself and are never believed. Without trusted proxies (the
    default) the header is ignored altogether, so nobody can pick their own address.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXIES
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        # Fewer hops than proxies: the request did not come through all of them (or a
        # proxy is misconfigured). The nearest address is the only one known to be real.
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


class PortalAxesHandler(AxesDatabaseHandler):
    """django-axes' database handler with a limit per lockout parameter.

    Axes compares the largest count over ``AXES_LOCKOUT_PARAMETERS`` with one failure
    limit. We count twice: per e-mail address and client address (``AXES_FAILURE_LIMIT``,
    what a person who mistypes meets) and per client address across all accounts
    (``AXES_ADDRESS_FAILURE_LIMIT``, higher: an office behind one address stays signed
    in, but one address trying a password on many accounts is stopped).
    """

    def get_failures(self, request, credentials=None):
        username = get_client_username(request, credentials)
        recent = AccessAttempt.objects.all()
        if settings.AXES_COOLOFF_TIME is not None:
            recent = recent.filter(attempt_time__gte=get_cool_off_threshold(request))
        from_address = recent.filter(ip_address=request.axes_ip_address)
        for_account = _failures(from_address.filter(username=username))
        if _failures(from_address) >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            return max(for_account, settings.AXES_FAILURE_LIMIT)
        return for_account

    def reset_user_attempts(self, request, credentials=None):
        """A successful sign-in forgives that account's failures from this address only.

        Axes would also delete every failure from the address (the second lockout
        parameter): a password sprayer with one account of their own could then clear
        their count by signing in to it.
        """
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(
            username=username, ip_address=request.axes_ip_address
        ).delete()
        return count


def _failures(attempts):
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
