"""The DIN in the REST API, read only: goals, efforts and the network that carries them.

Everyone who may open ``/din/`` (``programme.view_din``) may read them; ``?thema=<slug>``
narrows each list to one theme.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.routers import SimpleRouter

from landerd_portal.view_helpers import slug_from_query
from programme.models import Effort, Goal, NetworkEntry

from . import selectors

THEME_PARAMETER = OpenApiParameter("thema", str, description="Korte naam van een thema.")


class GoalSerializer(serializers.ModelSerializer):
    theme = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Goal
        fields = [
            "id",
            "theme",
            "parent",
            "title",
            "indicator",
            "unit",
            "baseline",
            "target",
            "current_value",
            "order",
        ]


class EffortSerializer(serializers.ModelSerializer):
    lead_organisation = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    theme = serializers.SlugRelatedField(source="goal.theme", slug_field="slug", read_only=True)

    class Meta:
        model = Effort
        fields = [
            "id",
            "goal",
            "theme",
            "title",
            "description",
            "status",
            "lead_organisation",
            "order",
        ]


class NetworkEntrySerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    theme = serializers.SlugRelatedField(
        source="effort.goal.theme", slug_field="slug", read_only=True
    )

    class Meta:
        model = NetworkEntry
        fields = ["id", "effort", "theme", "organisation", "contribution_kind", "contribution"]


class DinViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_required = {"list": "programme.view_din"}
    selector = None

    def get_queryset(self):
        return self.selector(theme_slug=slug_from_query(self.request, "thema"))


@extend_schema_view(list=extend_schema(parameters=[THEME_PARAMETER]))
class GoalViewSet(DinViewSet):
    serializer_class = GoalSerializer
    selector = staticmethod(selectors.goals_list)


@extend_schema_view(list=extend_schema(parameters=[THEME_PARAMETER]))
class EffortViewSet(DinViewSet):
    serializer_class = EffortSerializer
    selector = staticmethod(selectors.efforts_list)


@extend_schema_view(list=extend_schema(parameters=[THEME_PARAMETER]))
class NetworkViewSet(DinViewSet):
    serializer_class = NetworkEntrySerializer
    selector = staticmethod(selectors.network_list)


router = SimpleRouter()
router.register("din/doelen", GoalViewSet, basename="din-goal")
router.register("din/inspanningen", EffortViewSet, basename="din-effort")
router.register("din/netwerk", NetworkViewSet, basename="din-network")
urlpatterns = router.urls
