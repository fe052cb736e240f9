"""What every part of the REST API (``/api/v1/``) shares: permissions, errors, pages, schema.

Each app keeps its serializers and viewsets in its own ``api.py``; ``landerd_portal.api_urls``
finds them by name. Who may do what is never decided here: a viewset names, per action,
the rules permission the web view of the same thing uses (``permission_required``) and,
for one object, the one checked on it (``object_permission_required``), and
:class:`RulesPermission` asks ``user.has_perm`` (the apps' ``rules.py``). An action named
in neither is refused: a new action has to say who may use it.

Errors read as on the web, in Dutch: a service's ``ValidationError`` becomes 400 with the
messages per field, its ``PermissionDenied`` 403 with its reason, an ``EditConflict`` 409.
The schema's side of this is ``landerd_portal.api_schema``.
"""

import logging

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import exceptions, pagination, permissions
from rest_framework.response import Response
from rest_framework.settings import api_settings

from .concurrency import EditConflict
from .logs import log_event

NON_FIELD_KEY = api_settings.NON_FIELD_ERRORS_KEY


# --- Permissions -----------------------------------------------------------------------


class RulesPermission(permissions.BasePermission):
    """The view's rules permission for the current action (``landerd_portal.api``)."""

    def has_permission(self, request, view):
        if _has_no_handler(view):
            return True  # nothing will run: DRF answers 405 Method Not Allowed
        action = _action(view)
        required = getattr(view, "permission_required", {})
        by_object = getattr(view, "object_permission_required", {})
        if action not in required and action not in by_object:
            return False  # fail closed: an action nobody thought about
        permission = required.get(action)
        self.message = _denied_message(view, action)
        return permission is None or request.user.has_perm(permission)

    def has_object_permission(self, request, view, obj):
        permission = getattr(view, "object_permission_required", {}).get(_action(view))
        self.message = _denied_message(view, _action(view))
        return permission is None or request.user.has_perm(permission, obj)


def _has_no_handler(view):
    action_map = getattr(view, "action_map", None)
    return action_map is not None and view.request.method.lower() not in action_map


def _action(view):
    # Plain APIViews have no action; they use the HTTP method in lower case.
    return getattr(view, "action", None) or view.request.method.lower()


def _denied_message(view, action):
    messages = getattr(view, "permission_denied_messages", {})
    return str(messages.get(action) or _("Je hebt geen toestemming om dit te doen."))


# --- Errors ----------------------------------------------------------------------------


def validation_detail(error: DjangoValidationError) -> dict:
    """A Django ValidationError (a service's, a form's) as DRF's ``{field: [messages]}``."""
    if hasattr(error, "error_dict"):
        return {
            (NON_FIELD_KEY if field == NON_FIELD_ERRORS else field): messages
            for field, messages in error.message_dict.items()
        }
    return {NON_FIELD_KEY: error.messages}


def edit_conflict_response(conflict: EditConflict) -> Response:
    current = conflict.current
    return Response(
        {
            "detail": _(
                "Iemand anders heeft dit intussen gewijzigd (nu versie %(version)s). Er is "
                "niets opgeslagen: haal de nieuwe versie op en stuur je wijziging opnieuw."
            )
            % {"version": current.version},
            "version": current.version,
        },
        status=409,
    )


def exception_handler(exc, context):
    """DRF's handler, after turning the services' exceptions into DRF's, reasons kept."""
    if isinstance(exc, EditConflict):
        return edit_conflict_response(exc)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(validation_detail(exc))
    elif isinstance(exc, DjangoPermissionDenied) and str(exc):
        exc = exceptions.PermissionDenied(str(exc))
    # Imported here: rest_framework.views reads these settings (this module) on import.
    from rest_framework.views import exception_handler as drf_exception_handler

    response = drf_exception_handler(exc, context)
    if response is not None and response.status_code == 403:
        request = context.get("request")
        log_event(
            "refused",
            user=getattr(request, "user", None),
            level=logging.WARNING,
            path=getattr(request, "path", ""),
        )
    return response


# --- Pages -----------------------------------------------------------------------------


class PortalPagination(pagination.PageNumberPagination):
    """``?page=2``, as on the web; 25 per page, or ``?per_page=`` up to 100."""

    page_size = 25
    page_size_query_param = "per_page"
    max_page_size = 100
    page_query_description = "Het nummer van de pagina (vanaf 1)."
    page_size_query_description = "Hoeveel per pagina (hoogstens 100; standaard 25)."
