"""The REST API's addresses: ``/api/v1/`` (the apps' parts, found by name), the OpenAPI
schema ``/api/schema/`` and its browsable description ``/api/docs/``.

The project imports no app: each app's ``api.py`` holds its viewsets and its own
``urlpatterns``, included here by module name, all in the ``api`` namespace.
"""

from django.http import JsonResponse
from django.urls import include, path, re_path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework import permissions
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

app_name = "api"

# The apps' parts of the API, by module name (each has `urlpatterns`).
API_MODULES = ("partners.api", "themes.api", "themes.agenda.api", "programme.api")


class ApiRootView(APIView):
    """What the API offers: each list, by its address."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        lists = {}
        for module in API_MODULES:
            for pattern in include(module)[0].urlpatterns:
                name = getattr(pattern, "name", None) or ""
                if name.endswith("-list"):
                    lists[name.removesuffix("-list")] = reverse(f"api:{name}", request=request)
        return Response(
            {
                **lists,
                "schema": reverse("api:schema", request=request),
                "docs": reverse("api:docs", request=request),
            }
        )


class ApiDocsView(TemplateView):
    """Swagger UI from our own static files (drf-spectacular-sidecar), in the portal's
    layout; static/js/api-docs.js starts it, so the page needs no inline script."""

    template_name = "api_docs.html"
    extra_context = {"title": _("API-beschrijving")}


@csrf_exempt  # it changes nothing; a PUT to a wrong address gets this 404 too
def not_found(request, *args, **kwargs):
    """Any other address under /api/v1/: a 404 in JSON, as the API's other answers."""
    return JsonResponse({"detail": gettext("Niet gevonden.")}, status=404)


urlpatterns = [
    path("v1/", ApiRootView.as_view(), name="root"),
    *(path("v1/", include(module)) for module in API_MODULES),
    re_path(r"^v1/", not_found),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", ApiDocsView.as_view(), name="docs"),
]
