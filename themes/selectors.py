"""Functions that read data for the themes app: pages, exports, the dashboard, the digest.

Every list of activities starts from :func:`visible_activities`, which applies the same
rule as ``themes.view_activity``; each selector owns its joins and prefetches so that a
page issues the same number of queries whatever the number of activities.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from landerd_portal.fragments import EVERYTHING, VOCABULARY, cached_lookup, theme_area
from partners.models import Organisation, User
from partners.rules import audience, led_theme_ids
from programme.phases.models import Phase

from .models import (
    Activity,
    ActivityPhoto,
    HealthDimension,
    TargetGroup,
    Theme,
    Village,
    WorkingGroup,
    WorkingGroupCollaboration,
)
from .rules import visible_activities_q

DASHBOARD_RECENT = 5
THEME_PAGE_RECENT = 10


def visible_activities(*, user: User) -> QuerySet[Activity]:
    return Activity.objects.filter(visible_activities_q(user))


def _for_rows(queryset: QuerySet[Activity]) -> QuerySet[Activity]:
    """What a row in a list of activities shows: theme, owner and villages."""
    return queryset.select_related("theme", "owner_organisation").prefetch_related("villages")


def _filtered(queryset: QuerySet[Activity], filters: dict) -> QuerySet[Activity]:
    """Apply the list filters; each one narrows the result, so they combine."""
    if theme := filters.get("theme"):
        queryset = queryset.filter(theme=theme)
    if village := filters.get("village"):
        queryset = queryset.filter(
            Exists(
                Activity.villages.through.objects.filter(activity=OuterRef("pk"), village=village)
            )
        )
    if target_group := filters.get("target_group"):
        queryset = queryset.filter(
            Exists(
                Activity.target_groups.through.objects.filter(
                    activity=OuterRef("pk"), targetgroup=target_group
                )
            )
        )
    if dimension := filters.get("health_dimension"):
        queryset = queryset.filter(
            Exists(
                Activity.health_dimensions.through.objects.filter(
                    activity=OuterRef("pk"), healthdimension=dimension
                )
            )
        )
    if organisation := filters.get("organisation"):
        # Organised it, or took part: both count as "activities of" an organisation.
        took_part = Activity.organisations.through.objects.filter(
            activity=OuterRef("pk"), organisation=organisation
        )
        queryset = queryset.filter(Q(owner_organisation=organisation) | Exists(took_part))
    if phase := filters.get("phase"):
        queryset = queryset.filter(date__gte=phase.start_date, date__lte=phase.end_date)
    if date_from := filters.get("date_from"):
        queryset = queryset.filter(Q(end_date__gte=date_from) | Q(date__gte=date_from))
    if date_to := filters.get("date_to"):
        queryset = queryset.filter(date__lte=date_to)
    if status := filters.get("status"):
        queryset = queryset.filter(status=status)
    if text := (filters.get("q") or "").strip():
        queryset = queryset.filter(
            Q(title__icontains=text) | Q(description__icontains=text) | Q(quote__icontains=text)
        )
    return queryset


def activities_for_list(*, user: User, filters: dict) -> QuerySet[Activity]:
    """The activities the user may see that match the filters, newest first (paginate it)."""
    return _for_rows(_filtered(visible_activities(user=user), filters)).order_by("-date", "-pk")


def activities_for_export(*, user: User, filters: dict) -> QuerySet[Activity]:
    """Like the list, with everything an export row needs."""
    return (
        _filtered(visible_activities(user=user), filters)
        .select_related("theme", "owner_organisation", "effort")
        .prefetch_related("villages", "target_groups", "health_dimensions", "organisations")
        .order_by("-date", "-pk")
    )


def activity_for_detail(*, pk: int) -> Activity:
    """One activity with all it shows; raises Activity.DoesNotExist. Permission is the view's."""
    return (
        Activity.objects.select_related(
            "theme", "owner_organisation", "effort__goal", "created_by", "updated_by", "builds_on"
        )
        .prefetch_related(
            "villages",
            # Who took the approach up: published activities only, as on the spread page.
            Prefetch(
                "taken_up_by",
                queryset=Activity.objects.filter(status=Activity.Status.PUBLISHED).order_by(
                    "date", "pk"
                ),
                to_attr="published_take_ups",
            ),
            "target_groups",
            "health_dimensions",
            "organisations",
            Prefetch("photos", queryset=ActivityPhoto.objects.order_by("uploaded_at", "pk")),
        )
        .get(pk=pk)
    )


def activity_for_change(*, pk: int) -> Activity:
    """One activity for its edit form; raises Activity.DoesNotExist."""
    return (
        Activity.objects.select_related("theme", "owner_organisation")
        .prefetch_related("photos")
        .get(pk=pk)
    )


def themes_with_counts(*, user: User) -> QuerySet[Theme]:
    """The themes with the number and reach of the activities this user may see."""
    visible = visible_activities_q(user, prefix="activities__")
    return (
        Theme.objects.select_related("working_group__kartrekker__organisation")
        .annotate(
            activity_count=Count("activities", filter=visible),
            reach_total=Sum("activities__reach", filter=visible),
        )
        .order_by("order", "name")
    )


def activity_filter_choices() -> dict[str, list[tuple[str, str]]]:
    """The choices of the activity list's filters, {field: [(slug or code, label)]}.

    Six small tables read on every list page: kept per version of the vocabulary (and of
    EVERYTHING, which a change of phase moves on), so a page rendered anew reads none.
    """

    def read():
        return {
            "thema": [
                (slug, name)
                for slug, name in Theme.objects.order_by("order", "name").values_list(
                    "slug", "name"
                )
            ],
            "dorp": list(Village.objects.order_by("name").values_list("slug", "name")),
            "doelgroep": list(TargetGroup.objects.order_by("order").values_list("code", "name")),
            "gezondheid": list(
                HealthDimension.objects.order_by("order").values_list("code", "name")
            ),
            "organisatie": list(Organisation.objects.order_by("name").values_list("slug", "name")),
            "fase": list(Phase.objects.order_by("order").values_list("slug", "name")),
        }

    return cached_lookup("activity-filter-choices", read, areas=(VOCABULARY, EVERYTHING))


def all_themes() -> list[Theme]:
    """Every theme in order: a handful of rows, kept per version of the vocabulary."""
    return cached_lookup(
        "themes", lambda: list(Theme.objects.order_by("order", "name")), areas=(VOCABULARY,)
    )


def theme_for_detail(*, slug: str) -> Theme:
    """A theme with its working group; raises Theme.DoesNotExist."""
    members = User.objects.select_related("organisation").order_by("first_name", "last_name")
    return (
        Theme.objects.select_related("working_group__kartrekker__organisation")
        .prefetch_related(
            Prefetch("working_group__members", queryset=members),
            Prefetch(
                "working_group__organisations", queryset=Organisation.objects.order_by("name")
            ),
        )
        .get(slug=slug)
    )


def theme_activity_summary(*, user: User, theme: Theme) -> dict:
    """How many activities of the theme this user may see, and how many residents they reached."""
    return (
        visible_activities(user=user)
        .filter(theme=theme)
        .aggregate(count=Count("*"), reach=Sum("reach"))
    )


def cached_theme_activity_summary(*, user: User, theme: Theme) -> dict:
    """``theme_activity_summary``, counted once per version of the theme's activities for
    everyone with the same audience, also when page parts are not cached."""
    return cached_lookup(
        "theme-summary",
        lambda: theme_activity_summary(user=user, theme=theme),
        vary=(theme.pk, audience(user)),
        areas=(theme_area(theme.pk),),
    )


def recent_theme_activities(*, user: User, theme: Theme, limit: int = THEME_PAGE_RECENT):
    return list(
        _for_rows(visible_activities(user=user).filter(theme=theme)).order_by("-date", "-pk")[
            :limit
        ]
    )


def themes_of_user(*, user: User) -> QuerySet[Theme]:
    """The themes a person works on: as kartrekker, member, or through their organisation."""
    in_group = Q(working_group__kartrekker=user) | Q(working_group__members=user)
    if user.organisation_id:
        in_group |= Q(working_group__organisations=user.organisation_id)
    ids = Theme.objects.filter(in_group).values("pk")
    return Theme.objects.filter(pk__in=ids).order_by("order", "name")


def dashboard_panel(*, user: User):
    """The activities part of a user's dashboard, or None for roles that do not see them.

    A partner sees their organisation's latest activities (drafts too) and their themes; a
    kartrekker also the latest of the theme they lead; the programme team and readers the
    latest published across the programme.
    """
    if not user.has_perm("themes.view_activity_pages"):
        return None
    visible = visible_activities(user=user)
    panel = {
        "can_add": user.has_perm("themes.add_activity"),
        "organisation": user.organisation,
        "organisation_activities": [],
        "led_theme_activities": [],
        "programme_activities": [],
    }
    if user.organisation_id and user.has_perm("themes.add_activity"):
        panel["organisation_activities"] = list(
            _for_rows(visible.filter(owner_organisation_id=user.organisation_id))[:DASHBOARD_RECENT]
        )
    led = led_theme_ids(user)
    if led:
        panel["led_theme_activities"] = list(
            _for_rows(visible.filter(theme_id__in=led))[:DASHBOARD_RECENT]
        )
    my_themes = list(themes_of_user(user=user))
    panel["themes"] = my_themes or all_themes()
    panel["themes_are_mine"] = bool(my_themes)
    if not user.organisation_id or not panel["themes_are_mine"]:
        panel["programme_activities"] = list(
            _for_rows(visible.filter(status=Activity.Status.PUBLISHED))[:DASHBOARD_RECENT]
        )
    return panel


# --- Monthly digest for kartrekkers ------------------------------------------------------


def digest_content(*, working_group: WorkingGroup, since, until) -> dict:
    """What the kartrekker's digest says about [since, until): new activities, silent partners."""
    new = list(
        Activity.objects.filter(
            theme_id=working_group.theme_id, created_at__gte=since, created_at__lt=until
        )
        .select_related("owner_organisation")
        .order_by("date", "pk")
    )
    active_ids = {activity.owner_organisation_id for activity in new}
    silent = [
        organisation
        for organisation in working_group.organisations.order_by("name")
        if organisation.pk not in active_ids
    ]
    return {"activities": new, "silent_organisations": silent}


def photos_past_retention() -> QuerySet[ActivityPhoto]:
    """Photos uploaded longer than ``PHOTO_RETENTION_DAYS`` ago: for beheer to review."""
    cutoff = timezone.now() - datetime.timedelta(days=settings.PHOTO_RETENTION_DAYS)
    return ActivityPhoto.objects.filter(uploaded_at__lt=cutoff)


# --- The public agenda (no login) --------------------------------------------------------

# How long the feed keeps sending an activity that left the agenda as cancelled, so that
# calendars subscribed to it drop the event.
WITHDRAWN_DAYS = 30
# The filters the public agenda and its feed take (the keys of ``_filtered``): nothing
# that could reveal what is internal (status, organisation, text search in quotes).
PUBLIC_FILTERS = ("theme", "village", "target_group", "date_from", "date_to")


def public_activities() -> QuerySet[Activity]:
    """Every activity in the public agenda: published, and marked public by its organisation."""
    return Activity.objects.filter(is_public=True, status=Activity.Status.PUBLISHED)


def public_upcoming_activities(filters: dict | None = None, *, today=None) -> QuerySet[Activity]:
    """The public agenda: public activities from today on (a period still running counts),
    soonest first. The one definition of "public and upcoming", for the page, the feed and
    the API.

    ``filters`` takes the activity list's keys, as model instances or dates: ``theme``,
    ``village``, ``target_group``, ``date_from``, ``date_to``; other keys are ignored.
    Three queries (activities, villages, target groups) whatever their number.
    """
    today = today or timezone.localdate()
    filters = {key: value for key, value in (filters or {}).items() if key in PUBLIC_FILTERS}
    upcoming = public_activities().filter(Q(date__gte=today) | Q(end_date__gte=today))
    return (
        _filtered(upcoming, filters)
        .select_related("theme", "owner_organisation")
        .prefetch_related("villages", "target_groups")
        .order_by("date", F("start_time").asc(nulls_first=True), "title", "pk")
    )


def public_activity_for_detail(*, pk: int) -> Activity:
    """One activity of the public agenda with what its public page shows (past ones too,
    so a shared link keeps working); raises Activity.DoesNotExist for any other."""
    return (
        public_activities()
        .select_related("theme", "owner_organisation")
        .prefetch_related(
            "villages",
            "target_groups",
            Prefetch(
                "photos",
                queryset=ActivityPhoto.objects.filter(consent=True).order_by("uploaded_at", "pk"),
                to_attr="public_photos",
            ),
        )
        .get(pk=pk)
    )


def public_photo(*, activity_pk: int, pk: int) -> ActivityPhoto:
    """A photo residents may see: with consent, of an activity in the public agenda."""
    return ActivityPhoto.objects.select_related("activity").get(
        pk=pk, activity_id=activity_pk, consent=True, activity__in=public_activities()
    )


@dataclass(frozen=True)
class WithdrawnActivity:
    """An activity that left the public agenda, as it was when it was last in it."""

    pk: int
    title: str
    date: datetime.date
    end_date: datetime.date | None
    start_time: datetime.time | None
    end_time: datetime.time | None
    sequence: int  # higher than any version the feed sent while it was public
    withdrawn_at: datetime.datetime


def _history_m2m(history, name):
    """The table where simple_history keeps a many-to-many field's values per record."""
    return history._meta.get_field(f"historicalactivity_{name}").related_model


def withdrawn_public_activities(
    filters: dict | None = None, *, today=None, now=None
) -> list[WithdrawnActivity]:
    """Activities that were in the public agenda and left it in the last ``WITHDRAWN_DAYS``
    days: no longer public, set back to draft, or deleted, in the portal or the admin.

    Read from the activities' history, which every change writes, so that no way of
    withdrawing one is missed. Matched against the filters as they were when public.
    One query.
    """
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    filters = filters or {}
    history = Activity.history.model
    since = now - datetime.timedelta(days=WITHDRAWN_DAYS)
    changed = (
        history.objects.filter(history_date__gte=since)
        .exclude(id__in=public_activities().values("pk"))
        .values("id")
    )
    matches = Q()
    if village := filters.get("village"):
        matches &= Exists(
            _history_m2m(history, "villages").objects.filter(
                history=OuterRef("pk"), village=village
            )
        )
    if target_group := filters.get("target_group"):
        matches &= Exists(
            _history_m2m(history, "target_groups").objects.filter(
                history=OuterRef("pk"), targetgroup=target_group
            )
        )
    if theme := filters.get("theme"):
        matches &= Q(theme_id=theme.pk)
    records = (
        history.objects.filter(id__in=changed)
        .annotate(
            # A deletion's record holds the last values: public then, gone now.
            was_public=Q(is_public=True, status=Activity.Status.PUBLISHED)
            & ~Q(history_type="-")
            & matches
        )
        .order_by("id", "history_date", "history_id")
        .values(
            "id",
            "history_date",
            "version",
            "was_public",
            "title",
            "date",
            "end_date",
            "start_time",
            "end_time",
        )
    )
    last_public, latest = {}, {}
    for record in records:
        latest[record["id"]] = record
        if record["was_public"]:
            last_public[record["id"]] = record
    withdrawn = []
    too_old = today - datetime.timedelta(days=WITHDRAWN_DAYS)
    for pk, public in last_public.items():
        last = latest[pk]
        if last["was_public"] or (public["end_date"] or public["date"]) < too_old:
            continue
        withdrawn.append(
            WithdrawnActivity(
                pk=pk,
                title=public["title"],
                date=public["date"],
                end_date=public["end_date"],
                start_time=public["start_time"],
                end_time=public["end_time"],
                sequence=max(last["version"], public["version"]) + 1,
                withdrawn_at=last["history_date"],
            )
        )
    return sorted(withdrawn, key=lambda item: (item.date, item.pk))


def collaboration_of(*, working_group: WorkingGroup, phase) -> WorkingGroupCollaboration | None:
    """The form of collaboration recorded for the working group in ``phase``, if any."""
    return WorkingGroupCollaboration.objects.filter(
        working_group=working_group, phase=phase
    ).first()


def collaborations_for_theme(*, theme: Theme) -> list[WorkingGroupCollaboration]:
    """The working group's form of collaboration per phase, oldest phase first (one query)."""
    return list(
        WorkingGroupCollaboration.objects.filter(working_group__theme=theme)
        .select_related("phase", "recorded_by")
        .order_by("phase__order")
    )
