"""The OpenAPI schema of the REST API (``/api/schema/``): drf-spectacular, with the errors.

Kept apart from ``landerd_portal.api``: DRF reads that module while ``rest_framework.views``
is still being imported, and drf-spectacular imports that.
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

# --- Schema ----------------------------------------------------------------------------

ErrorSerializer = inline_serializer(
    name="Error", fields={"detail": serializers.CharField(help_text="De reden, in het Nederlands.")}
)
ConflictSerializer = inline_serializer(
    name="EditConflict",
    fields={
        "detail": serializers.CharField(),
        "version": serializers.IntegerField(help_text="De versie zoals die nu is opgeslagen."),
    },
)
# Per field its messages; `non_field_errors` for the whole.
FIELD_ERRORS = OpenApiTypes.OBJECT


class PortalAutoSchema(AutoSchema):
    """drf-spectacular's schema, with the error answers every operation can give.

    So that a client (and schemathesis) knows them: 400 (bad input), 401 (no or a revoked
    key), 403 (not allowed), 404, and 409 when an update started from an older version.
    """

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        extra = {"400": FIELD_ERRORS, "404": ErrorSerializer}
        if self.get_auth():
            extra.update({"401": ErrorSerializer, "403": ErrorSerializer})
        if self.method in ("PUT", "PATCH"):
            extra["409"] = ConflictSerializer
        for code, body in extra.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(body, code, direction=direction)
        return responses
