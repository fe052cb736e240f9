"""The public agenda in the REST API: ``/api/v1/agenda/``, without a key or a session.

The same activities as the page and the feed (``selectors.public_upcoming_activities``,
the one definition of "public and upcoming"), with the same filters (``?dorp=``,
``?thema=``, ``?doelgroep=``, ``?periode=``, read by the page's own form), and only what
the public page shows: never reach, quotes, volunteers or the DIN effort.
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.routers import SimpleRouter

from .. import selectors
from ..models import Activity
from .forms import AgendaFilterForm


class PublicActivitySerializer(serializers.ModelSerializer):
    theme = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    villages = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    target_groups = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    organisation = serializers.CharField(source="owner_organisation.name", read_only=True)
    web_url = serializers.SerializerMethodField()

    class Meta:
        model = Activity
        fields = [
            "id",
            "title",
            "date",
            "end_date",
            "start_time",
            "end_time",
            "theme",
            "villages",
            "target_groups",
            "organisation",
            "description",
            "web_url",
        ]
        read_only_fields = fields

    def get_web_url(self, activity) -> str:
        path = reverse("themes:agenda_detail", args=[activity.pk])
        return self.context["request"].build_absolute_uri(path)


FILTER_PARAMETERS = [
    OpenApiParameter("dorp", OpenApiTypes.STR, description="Dorpskern (slug), bijv. reek"),
    OpenApiParameter("thema", OpenApiTypes.STR, description="Thema (slug)"),
    OpenApiParameter("doelgroep", OpenApiTypes.STR, description="Doelgroep (code)"),
    OpenApiParameter(
        "periode", OpenApiTypes.STR, enum=["week", "maand"], description="Deze week of 4 weken"
    ),
]


@extend_schema(parameters=FILTER_PARAMETERS)
class AgendaViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Upcoming public activities, soonest first; an unknown filter value is ignored, as on
    the page."""

    serializer_class = PublicActivitySerializer
    # Public on purpose: residents' apps and municipal websites read it without an account.
    authentication_classes = []
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        return selectors.public_upcoming_activities(AgendaFilterForm(self.request.GET).filters())


router = SimpleRouter()
router.register("agenda", AgendaViewSet, basename="agenda")
urlpatterns = router.urls
