"""Response headers that tell the browser what the portal's pages may do.

The Content-Security-Policy comes from django-csp (``CONTENT_SECURITY_POLICY`` in the
settings); this module adds the Permissions-Policy header, built from
``PERMISSIONS_POLICY``: a mapping of a browser feature to the origins that may use it
(an empty list: nobody, ``"self"``: the portal itself).
"""

from django.conf import settings

HEADER = "Permissions-Policy"


def permissions_policy(policy):
    """The header value for ``policy``, e.g. ``camera=(), geolocation=(self)``."""
    return ", ".join(
        f"{feature}=({' '.join(origins)})" for feature, origins in sorted(policy.items())
    )


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.value = permissions_policy(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if self.value:
            response.headers.setdefault(HEADER, self.value)
        return response
