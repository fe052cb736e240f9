"""Authentication backends of the portal."""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .fragments import cached


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
    """Django's own backend, with the signed-in user read from the shared cache.

    Every request asks for its user, and every page shows the user's organisation. The
    cached copy is as fresh as a page part (``landerd_portal.fragments``): saving any user
    (a new password, role or organisation, being switched off) replaces it at once, so
    Django's session check still signs out other sessions after a password change.
    """

    def get_user(self, user_id):
        user = cached("user", (user_id,), lambda: self.load_user(user_id))
        return user if user is not None and self.user_can_authenticate(user) else None

    @staticmethod
    def load_user(user_id):
        user_model = get_user_model()
        return user_model._default_manager.select_related("organisation").filter(pk=user_id).first()
