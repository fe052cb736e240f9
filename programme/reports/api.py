"""Published phase reports in the REST API: what each version is, and where its files are.

The file links lead to the portal's own download view (``programme:report_download``),
which checks ``programme.view_report`` again for whoever follows them. Only published
versions are listed, for everyone who may open ``/rapportages/`` (``programme.view_reports``).
"""

from django.urls import reverse
from rest_framework import serializers, viewsets
from rest_framework.routers import SimpleRouter

from programme.models import PhaseReport

from . import selectors


class PhaseReportSerializer(serializers.ModelSerializer):
    phase = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    phase_name = serializers.CharField(source="phase.name", read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:phase-report-detail")
    web_url = serializers.SerializerMethodField()
    downloads = serializers.SerializerMethodField()

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
        ]

    def get_web_url(self, report) -> str:
        return self.context["request"].build_absolute_uri(report.get_absolute_url())

    def get_downloads(self, report) -> dict[str, str]:
        """{"pdf": url, "csv": url} of the files this version has."""
        request = self.context["request"]
        return {
            extension: request.build_absolute_uri(
                reverse(
                    "programme:report_download",
                    kwargs={"pk": report.pk, "extension": extension},
                )
            )
            for extension, stored in (("pdf", report.pdf), ("csv", report.csv))
            if stored
        }


class PhaseReportViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PhaseReportSerializer
    permission_required = {"list": "programme.view_reports", "retrieve": "programme.view_reports"}
    object_permission_required = {"retrieve": "programme.view_report"}

    def get_queryset(self):
        return selectors.reports_for_user(user=self.request.user).filter(
            status=PhaseReport.Status.PUBLISHED
        )


router = SimpleRouter()
router.register("rapportages", PhaseReportViewSet, basename="phase-report")
urlpatterns = router.urls
