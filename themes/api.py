"""The themes app in the REST API: activities (list, detail, log, change), themes, villages.

Nothing here decides anew what the web decides: the list takes the web list's filter form
(``ActivityFilterForm``: ``?thema=``, ``?dorp=``, …) and selector; a new or changed
activity goes through the web's ``ActivityForm`` (the same checks and Dutch messages) and
then the same service (``activity_create`` / ``activity_update``), so permissions, history,
the edit version (``version``: 409 when someone saved in between) and the one-time token
(``Idempotency-Key`` header: the same key again returns the activity it made) behave as on
the web. Permissions are the rules of ``themes/rules.py``.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from landerd_portal import concurrency
from landerd_portal.api import validation_detail
from partners.models import Organisation
from programme.models import Effort

from . import selectors, services
from .forms import ActivityFilterForm, ActivityForm
from .models import Activity, HealthDimension, TargetGroup, Theme, Village
from .views import NOT_ALLOWED_TO_CHANGE

IDEMPOTENCY_HEADER = "Idempotency-Key"


# --- Serializers -----------------------------------------------------------------------


class ThemeSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:theme-detail", lookup_field="slug")
    working_group = serializers.CharField(
        source="working_group.name", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = Theme
        fields = ["slug", "name", "ambition", "working_group", "url"]


class VillageSerializer(serializers.ModelSerializer):
    class Meta:
        model = Village
        fields = ["slug", "name"]


class PhotoSerializer(serializers.Serializer):
    url = serializers.SerializerMethodField(
        help_text="Het bestand, met dezelfde toegang als de activiteit."
    )
    alt_text = serializers.CharField()

    def get_url(self, photo) -> str:
        return self.context["request"].build_absolute_uri(photo.get_file_url())


class ActivitySerializer(serializers.ModelSerializer):
    """An activity as the API shows it, and what a client sends to log or change one.

    Related things by their short names (slugs, codes), the DIN effort by its id.
    """

    url = serializers.HyperlinkedIdentityField(view_name="api:activity-detail")
    web_url = serializers.SerializerMethodField()
    theme = serializers.SlugRelatedField(slug_field="slug", queryset=Theme.objects.all())
    villages = serializers.SlugRelatedField(
        slug_field="slug", many=True, required=False, queryset=Village.objects.all()
    )
    target_groups = serializers.SlugRelatedField(
        slug_field="code", many=True, required=False, queryset=TargetGroup.objects.all()
    )
    health_dimensions = serializers.SlugRelatedField(
        slug_field="code", many=True, required=False, queryset=HealthDimension.objects.all()
    )
    organisations = serializers.SlugRelatedField(
        slug_field="slug", many=True, required=False, queryset=Organisation.objects.all()
    )
    owner_organisation = serializers.SlugRelatedField(
        slug_field="slug",
        required=False,
        queryset=Organisation.objects.all(),
        help_text=gettext_lazy(
            "Alleen bij een nieuwe activiteit, en alleen voor het programmateam; anders de "
            "organisatie van wie haar vastlegt."
        ),
    )
    effort = serializers.PrimaryKeyRelatedField(
        required=False, allow_null=True, queryset=Effort.objects.all()
    )
    status = serializers.ChoiceField(
        choices=Activity.Status.choices,
        required=False,
        help_text=gettext_lazy("‘published’ publiceert, ‘draft’ bewaart als concept."),
    )
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=gettext_lazy(
            "De versie waarvan je wijziging uitgaat: verplicht bij wijzigen. Heeft iemand "
            "intussen opgeslagen, dan komt 409 terug en wordt er niets opgeslagen."
        ),
    )
    photos = PhotoSerializer(many=True, read_only=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "url",
            "web_url",
            "title",
            "theme",
            "date",
            "end_date",
            "start_time",
            "end_time",
            "status",
            "is_public",
            "description",
            "villages",
            "target_groups",
            "health_dimensions",
            "owner_organisation",
            "organisations",
            "reach",
            "volunteers",
            "quote",
            "quote_attribution",
            "quote_consent",
            "effort",
            "photos",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def get_web_url(self, activity) -> str:
        return self.context["request"].build_absolute_uri(activity.get_absolute_url())


# --- Through the web's form and services -----------------------------------------------


def _form_values(values: dict) -> dict:
    """Validated API values as the web form posts them: primary keys and ISO dates."""
    posted = {}
    for name, value in values.items():
        if isinstance(value, list | tuple):
            posted[name] = [item.pk for item in value]
        elif hasattr(value, "pk"):
            posted[name] = value.pk
        elif value is None:
            posted[name] = ""
        elif hasattr(value, "isoformat"):
            posted[name] = value.isoformat()
        else:
            posted[name] = value
    return posted


def _saved_values(activity: Activity) -> dict:
    """What the form would show for the saved activity (the base of a partial update)."""
    return {
        **{field: getattr(activity, field) for field in services.ACTIVITY_FIELDS},
        **{field: list(getattr(activity, field).all()) for field in services.ACTIVITY_M2M_FIELDS},
    }


def _validated_form(*, user, values: dict, instance=None, version=None, token=None):
    """The web's ActivityForm, filled with the API's values; its errors as a 400."""
    data = _form_values(values)
    if instance is not None and version is not None:
        data[concurrency.VERSION_FIELD] = str(version)
    if token is not None:
        data[concurrency.TOKEN_FIELD] = str(token)
    form = ActivityForm(data=data, user=user, instance=instance)
    if not form.is_valid():
        raise serializers.ValidationError(validation_detail(_form_errors(form)))
    return form


def _form_errors(form):
    return ValidationError(form.errors.as_data())


def _idempotency_key(request):
    value = request.headers.get(IDEMPOTENCY_HEADER)
    if not value:
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        raise serializers.ValidationError(
            {IDEMPOTENCY_HEADER: [_("Gebruik een UUID als Idempotency-Key.")]}
        ) from None


# --- Views -----------------------------------------------------------------------------

FILTER_PARAMETERS = [
    OpenApiParameter("zoek", str, description="Zoekt in titel, beschrijving en citaat."),
    OpenApiParameter("thema", str, description="Korte naam van een thema."),
    OpenApiParameter("dorp", str, description="Korte naam van een dorpskern."),
    OpenApiParameter("doelgroep", str, description="Code van een doelgroep."),
    OpenApiParameter("organisatie", str, description="Korte naam van een organisatie."),
    OpenApiParameter("fase", str, description="Korte naam van een fase."),
    OpenApiParameter("van", OpenApiTypes.DATE, description="Vanaf deze datum."),
    OpenApiParameter("tot", OpenApiTypes.DATE, description="Tot en met deze datum."),
    OpenApiParameter("status", str, enum=Activity.Status.values, description="draft of published."),
]


@extend_schema_view(
    list=extend_schema(
        parameters=FILTER_PARAMETERS,
        description=(
            "De activiteiten die je mag zien, nieuwste eerst, met de filters van de lijst op "
            "het web. Een ongeldige filterwaarde wordt genegeerd, zoals op het web."
        ),
    ),
    create=extend_schema(
        parameters=[
            OpenApiParameter(
                IDEMPOTENCY_HEADER,
                OpenApiTypes.UUID,
                OpenApiParameter.HEADER,
                description=(
                    "Een UUID: dezelfde sleutel nog eens geeft de activiteit die hij maakte (200)."
                ),
            )
        ],
        responses={201: ActivitySerializer, 200: ActivitySerializer},
    ),
)
class ActivityViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ActivitySerializer
    # The rules of the web views of the same thing (themes/views.py).
    permission_required = {
        "list": "themes.view_activity_pages",
        "create": "themes.add_activity",
    }
    object_permission_required = {
        "retrieve": "themes.view_activity",
        "update": "themes.change_activity",
        "partial_update": "themes.change_activity",
    }
    permission_denied_messages = {
        "create": gettext_lazy("Je mag geen activiteiten vastleggen."),
        "update": NOT_ALLOWED_TO_CHANGE,
        "partial_update": NOT_ALLOWED_TO_CHANGE,
    }

    def get_queryset(self):
        filters = ActivityFilterForm(self.request.GET, user=self.request.user).filters()
        return selectors.activities_for_list(user=self.request.user, filters=filters)

    def get_object(self):
        try:
            activity = selectors.activity_for_detail(pk=self.kwargs["pk"])
        except (Activity.DoesNotExist, ValueError, TypeError):
            raise Http404(_("Deze activiteit bestaat niet.")) from None
        self.check_object_permissions(self.request, activity)
        return activity

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(
            self.get_queryset().prefetch_related(
                "target_groups", "health_dimensions", "organisations", "photos"
            )
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        publish = values.pop("status", Activity.Status.DRAFT) == Activity.Status.PUBLISHED
        values.pop("version", None)
        user = request.user
        token = _idempotency_key(request)
        if token is not None:
            earlier = concurrency.earlier_submission(token=token, user=user)
            if earlier is not None:
                return self._earlier(earlier)
        form = _validated_form(user=user, values=values, token=token)
        try:
            with transaction.atomic():
                activity = services.activity_create(
                    author=user,
                    data=form.activity_data(),
                    publish=publish,
                    owner_organisation=form.cleaned_data.get("owner_organisation"),
                )
                if token is not None:
                    concurrency.record_submission(token=token, user=user, result=activity)
        except concurrency.AlreadySubmitted:
            return self._earlier(concurrency.earlier_submission(token=token, user=user))
        return self._activity_response(activity, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        activity = self.get_object()
        serializer = self.get_serializer(activity, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        status_value = values.pop("status", activity.status)
        version = values.pop("version", None)
        values.pop("owner_organisation", None)  # never changes after logging (as on the web)
        form = _validated_form(
            user=request.user,
            values={**_saved_values(activity), **values},
            instance=activity,
            version=version,
        )
        services.activity_update(
            activity=form.instance,
            editor=request.user,
            data=form.activity_data(),
            publish=status_value == Activity.Status.PUBLISHED,
            version=form.expected_version,
        )
        return self._activity_response(activity, status.HTTP_200_OK)

    def _activity_response(self, activity, code):
        fresh = selectors.activity_for_detail(pk=activity.pk)
        return Response(self.get_serializer(fresh).data, status=code)

    def _earlier(self, submission):
        """The key was used before: answer with what it made, as the first time did."""
        made = submission.content_object if submission is not None else None
        if made is None:
            raise serializers.ValidationError(
                {IDEMPOTENCY_HEADER: [_("Deze sleutel is al eens gebruikt.")]}
            )
        return self._activity_response(made, status.HTTP_200_OK)


class ThemeViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ThemeSerializer
    lookup_field = "slug"
    permission_required = {"list": "themes.view_theme_pages", "retrieve": "themes.view_theme_pages"}

    def get_queryset(self):
        return Theme.objects.select_related("working_group").order_by("order", "name")


class VillageViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = VillageSerializer
    permission_required = {"list": "themes.view_activity_pages"}

    def get_queryset(self):
        return Village.objects.order_by("name")


router = SimpleRouter()
router.register("activiteiten", ActivityViewSet, basename="activity")
router.register("themas", ThemeViewSet, basename="theme")
router.register("dorpskernen", VillageViewSet, basename="village")
urlpatterns = router.urls
