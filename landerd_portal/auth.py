"""Authentication backends of the portal."""

from axes.backends import AxesStandaloneBackend


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
