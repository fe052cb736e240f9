"""Published phase reports in the REST API: what each version is, and where its files are.

The files come from the portal's own download view (``programme:report_download``), which
checks ``programme.view_report`` again: ``/api/v1/rapportages/<id>/bestand/pdf/`` hands
the request, with the user its API key opened, to that view (a script has no session);
``web_downloads`` are the view's own addresses, for a browser. Only published
versions are listed, for everyone who may open ``/rapportages/`` (``programme.view_reports``).
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.routers import SimpleRouter

from programme.models import PhaseReport

from . import selectors
from .views import ReportDownloadView


class PhaseReportSerializer(serializers.ModelSerializer):
    phase = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    phase_name = serializers.CharField(source="phase.name", read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:phase-report-detail")
    web_url = serializers.SerializerMethodField()
    downloads = serializers.SerializerMethodField()
    web_downloads = serializers.SerializerMethodField()

    class Meta:
        model = PhaseReport
        fields = [
            "id",
            "url",
            "web_url",
            "phase",
            "phase_name",
            "version",
            "period_start",
            "period_end",
            "published_at",
            "page_count",
            "checksum",
            "csv_checksum",
            "downloads",
            "web_downloads",
        ]

    def get_web_url(self, report) -> str:
        return self.context["request"].build_absolute_uri(report.get_absolute_url())

    def get_downloads(self, report) -> dict[str, str]:
        """{"pdf": url, "csv": url} of the files this version has, for an API key."""
        return self._links(report, "api:phase-report-file")

    def get_web_downloads(self, report) -> dict[str, str]:
        """The same files at the portal's download view, for a signed-in browser."""
        return self._links(report, "programme:report_download")

    def _links(self, report, route):
        request = self.context["request"]
        return {
            extension: request.build_absolute_uri(
                reverse(route, kwargs={"pk": report.pk, "extension": extension})
            )
            for extension, stored in (("pdf", report.pdf), ("csv", report.csv))
            if stored
        }


class PhaseReportViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PhaseReportSerializer
    permission_required = {
        "list": "programme.view_reports",
        "retrieve": "programme.view_reports",
        "file": "programme.view_reports",
    }
    object_permission_required = {
        "retrieve": "programme.view_report",
        "file": "programme.view_report",
    }

    def get_queryset(self):
        return selectors.reports_for_user(user=self.request.user).filter(
            status=PhaseReport.Status.PUBLISHED
        )

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            (200, "text/csv"): OpenApiTypes.BINARY,
        },
        description="Het bestand (PDF of CSV) van een gepubliceerde versie.",
    )
    @action(detail=True, url_path=r"bestand/(?P<extension>pdf|csv)", url_name="file")
    def file(self, request, pk=None, extension=None):
        report = self.get_object()  # published only, and the rule on this version
        # The web's download view checks the rule once more and serves the file as it
        # always does; DRF gave the underlying request the user the API key opened.
        return ReportDownloadView.as_view()(request._request, pk=report.pk, extension=extension)


router = SimpleRouter()
router.register("rapportages", PhaseReportViewSet, basename="phase-report")
urlpatterns = router.urls
