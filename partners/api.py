"""The partners app in the REST API: the partner organisations (read only)."""

from rest_framework import mixins, serializers, viewsets
from rest_framework.routers import SimpleRouter

from .models import Organisation


class OrganisationSerializer(serializers.ModelSerializer):
    is_signatory = serializers.BooleanField(
        read_only=True, help_text="Ondertekende het programmaplan."
    )

    class Meta:
        model = Organisation
        fields = ["slug", "name", "kind", "website", "participation_level", "is_signatory"]


class OrganisationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = OrganisationSerializer
    permission_required = {"list": "partners.view_organisations"}

    def get_queryset(self):
        return Organisation.objects.order_by("name")


router = SimpleRouter()
router.register("organisaties", OrganisationViewSet, basename="organisation")
urlpatterns = router.urls
