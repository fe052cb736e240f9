"""How the REST API knows who calls it: a personal API key, ``Authorization: Bearer <key>``.

The key acts as its user (the same rules as the web); a revoked key, an unknown one or one
of a user who was switched off gets 401. Keys are made and revoked by the user on
``/accounts/api-sleutels/`` (``partners.views``); see ``partners.services``.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .services import api_token_user

KEYWORDS = ("bearer", "token")


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode("latin-1").lower() not in KEYWORDS:
            return None  # no key: the session may still say who this is
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Ongeldige API-sleutel: zet na ‘Bearer’ alleen de sleutel, zonder spaties.")
            )
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError:
            key = ""
        found = api_token_user(key)
        if found is None:
            raise exceptions.AuthenticationFailed(
                _("Deze API-sleutel werkt niet (meer): hij is onbekend of ingetrokken.")
            )
        return found

    def authenticate_header(self, request):
        # A WWW-Authenticate header makes DRF answer 401 (not 403) without credentials.
        return f'{self.keyword} realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI schema (``/api/schema/``) describes the key: HTTP bearer."""

    target_class = ApiTokenAuthentication
    name = "apiSleutel"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Een persoonlijke API-sleutel, te maken op /accounts/api-sleutels/.",
        }
