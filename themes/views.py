"""Views of the themes app: themes, and the activities partners log, find and export.

Views stay thin: a form validates, a service acts, a selector reads; permissions come from
``themes/rules.py`` through the portal's PortalPermissionMixin (landerd_portal.view_base).
"""

import csv
import io

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from landerd_portal.fragments import (
    ACTIVITIES,
    DIN,
    SPREAD,
    VOCABULARY,
    cached,
    cached_fragment,
    theme_area,
)
from landerd_portal.media import serve_file
from landerd_portal.spreadsheets import spreadsheet_safe
from landerd_portal.view_base import PortalPermissionMixin, ServiceFormView
from landerd_portal.view_helpers import is_htmx, slug_from_query
from partners.rules import audience
from programme.din.selectors import cached_goals_for_theme
from programme.phases.selectors import all_phases, current_phase

from . import figures, selectors, services, spread
from .forms import ActivityFilterForm, ActivityForm, CollaborationFormForm
from .models import Activity, ActivityPhoto, Theme, WorkingGroup
from .photos import reencode_photo
from .polls.selectors import theme_poll_results

ACTIVITIES_PER_PAGE = 25


class CountedPaginator(Paginator):
    """A paginator told its count, instead of asking the database for it."""

    def __init__(self, object_list, per_page, *, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.__dict__["count"] = count  # Paginator.count is a cached_property


NOT_ALLOWED_TO_CHANGE = gettext_lazy(
    "Je kunt deze activiteit niet wijzigen: dat mogen alleen de organisatie die haar "
    "vastlegde, de kartrekker van het thema en het programmateam. Er is niets opgeslagen."
)
NOT_ALLOWED_TO_DELETE = gettext_lazy(
    "Je kunt deze activiteit niet verwijderen: dat mogen alleen de organisatie die haar "
    "vastlegde, de kartrekker van het thema en het programmateam."
)


# --- Themes ------------------------------------------------------------------------------


class ThemeListView(PortalPermissionMixin, TemplateView):
    permission_required = "themes.view_theme_pages"
    template_name = "themes/theme_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["content"] = cached_fragment(
            self.request,
            "theme-list",
            audience(user),
            "themes/_theme_list.html",
            lambda: {
                "themes": selectors.themes_with_counts(user=user),
                "can_add": user.has_perm("themes.add_activity"),
            },
            areas=(ACTIVITIES, VOCABULARY),
        )
        return context


class ThemeDetailView(PortalPermissionMixin, TemplateView):
    permission_required = "themes.view_theme_pages"
    template_name = "themes/theme_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        slug = self.kwargs["slug"]
        theme = next((t for t in selectors.all_themes() if t.slug == slug), None)
        if theme is None:
            raise Http404(_("Dit thema bestaat niet."))
        theme_id, context["theme_name"] = theme.pk, theme.name
        context["content"] = cached_fragment(
            self.request,
            "theme-detail",
            (slug, audience(self.request.user)),
            "themes/_theme_detail.html",
            lambda: self.theme_context(slug),
            # Its own theme's activities only: logging one elsewhere leaves this page cached,
            # unless it is a take-up, which may count for this theme's spread (SPREAD).
            areas=(theme_area(theme_id), SPREAD, DIN, VOCABULARY),
        )
        return context

    def theme_context(self, slug):
        user = self.request.user
        theme = selectors.theme_for_detail(slug=slug)
        return {
            "theme": theme,
            "working_group": getattr(theme, "working_group", None),
            "goals": cached_goals_for_theme(theme=theme),
            "summary": selectors.cached_theme_activity_summary(user=user, theme=theme),
            "activities": selectors.recent_theme_activities(user=user, theme=theme),
            "can_add": user.has_perm("themes.add_activity"),
            "figures": figures.cached_theme_panel(theme=theme),
            "polls": theme_poll_results(user=user, theme=theme),
            "can_add_poll": user.has_perm("themes.add_poll", theme),
            "spread_count": spread.spread_counts_by_theme().get(theme.pk, 0),
            "collaborations": selectors.collaborations_for_theme(theme=theme),
            "may_record_collaboration": user.has_perm(
                "themes.record_collaboration_form", getattr(theme, "working_group", None)
            ),
        }


# --- Finding activities ------------------------------------------------------------------


class ActivityFilterMixin:
    def get_filter_form(self):
        return ActivityFilterForm(self.request.GET or None, user=self.request.user)


class ActivityListView(PortalPermissionMixin, ActivityFilterMixin, TemplateView):
    """The filterable list, as cached parts (landerd_portal.fragments) shared by everyone
    with the same audience and the same query string: the whole content, and the
    results alone for htmx."""

    permission_required = "themes.view_activity_pages"
    template_name = "themes/activity_list.html"

    def get(self, request, *args, **kwargs):
        # htmx asks for the results only when a filter changes; the page works without it.
        if is_htmx(request) and not request.headers.get("HX-Boosted"):
            return HttpResponse(
                self.part("activity-results", "themes/_activity_results.html", self.results_context)
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["content"] = self.part(
            "activity-list", "themes/_activity_list.html", self.page_context
        )
        return context

    def part(self, name, template_name, context):
        vary = (audience(self.request.user), sorted(self.request.GET.lists()))
        return cached_fragment(
            self.request, name, vary, template_name, context, areas=(ACTIVITIES, VOCABULARY)
        )

    def page_context(self):
        filter_form = self.get_filter_form()
        filters = filter_form.filters()
        return {
            **self.results_context(filter_form),
            "filter_form": filter_form,
            "more_filters_active": bool(set(filters) - {"q", "theme", "village"}),
        }

    def results_context(self, filter_form=None):
        user = self.request.user
        filters = (filter_form or self.get_filter_form()).filters()
        activities = selectors.activities_for_list(user=user, filters=filters)
        query = sorted((key, values) for key, values in self.request.GET.lists() if key != "page")
        # Counting every visible match is the list's costliest query: kept per version of
        # the activities, for everyone with the same audience and filters.
        count = cached(
            "activity-count",
            (audience(user), query),
            activities.count,
            areas=(ACTIVITIES, VOCABULARY),
            timeout=settings.LOOKUP_CACHE_SECONDS,
        )
        page_obj = CountedPaginator(activities, ACTIVITIES_PER_PAGE, count=count).get_page(
            self.request.GET.get("page")
        )
        export_query = self.request.GET.copy()
        export_query.pop("page", None)
        return {
            "filter_count": len(filters),
            "page_obj": page_obj,
            "activities": page_obj.object_list,
            "can_add": user.has_perm("themes.add_activity"),
            "can_export": user.has_perm("themes.export_activities"),
            "export_query": export_query.urlencode(),
        }


EXPORT_COLUMNS = [
    (gettext_lazy("Titel"), lambda a: a.title),
    (gettext_lazy("Thema"), lambda a: a.theme.name),
    (gettext_lazy("Datum"), lambda a: a.date),
    (gettext_lazy("Einddatum"), lambda a: a.end_date),
    (gettext_lazy("Status"), lambda a: a.get_status_display()),
    (gettext_lazy("Organisatie"), lambda a: a.owner_organisation.name),
    (
        gettext_lazy("Betrokken organisaties"),
        lambda a: ", ".join(o.name for o in a.organisations.all()),
    ),
    (gettext_lazy("Dorpskernen"), lambda a: ", ".join(v.name for v in a.villages.all())),
    (gettext_lazy("Doelgroepen"), lambda a: ", ".join(t.name for t in a.target_groups.all())),
    (
        gettext_lazy("Positieve gezondheid"),
        lambda a: ", ".join(d.name for d in a.health_dimensions.all()),
    ),
    (gettext_lazy("Bereik"), lambda a: a.reach),
    (gettext_lazy("Vrijwilligers"), lambda a: a.volunteers),
    (gettext_lazy("Beschrijving"), lambda a: a.description),
    (gettext_lazy("Citaat"), lambda a: a.quote),
    (gettext_lazy("Citaat van"), lambda a: a.quote_attribution),
    (gettext_lazy("Inspanning (DIN)"), lambda a: a.effort.title if a.effort else ""),
    (gettext_lazy("Link"), None),
]


class ActivityExportView(PortalPermissionMixin, ActivityFilterMixin, View):
    """The filtered list as CSV or XLSX: exactly the activities the user may see."""

    permission_required = "themes.export_activities"

    def rows(self):
        filters = self.get_filter_form().filters()
        activities = selectors.activities_for_export(user=self.request.user, filters=filters)
        base = self.request.build_absolute_uri("/").rstrip("/")
        for activity in activities.iterator(chunk_size=2000):
            yield [
                spreadsheet_safe(get(activity)) if get else base + activity.get_absolute_url()
                for _label, get in EXPORT_COLUMNS
            ]

    def get(self, request, file_format):
        stamp = timezone.localtime().strftime("%Y-%m-%d")
        header = [str(label) for label, _get in EXPORT_COLUMNS]
        if file_format == "csv":
            return self.csv_response(header, f"activiteiten-{stamp}.csv")
        return self.xlsx_response(header, f"activiteiten-{stamp}.xlsx")

    def csv_response(self, header, filename):
        class Echo:
            def write(self, value):
                return value

        writer = csv.writer(Echo(), delimiter=";")

        def lines():
            # A byte-order mark makes Excel read the file as UTF-8 (ë, ö, €).
            yield "\ufeff" + writer.writerow(header)
            for row in self.rows():
                yield writer.writerow(["" if value is None else value for value in row])

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def xlsx_response(self, header, filename):
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(_("Activiteiten"))
        sheet.append(header)
        for row in self.rows():
            sheet.append(row)
        output = io.BytesIO()
        workbook.save(output)
        response = HttpResponse(
            output.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class ActivityObjectMixin:
    """Load the activity once per request (the permission check and the page share it).

    Put it before the portal's view base, so that its methods come first.
    """

    selector = staticmethod(selectors.activity_for_detail)

    def get_object(self):
        if not hasattr(self, "_activity"):
            try:
                self._activity = self.selector(pk=self.kwargs["pk"])
            except Activity.DoesNotExist as error:
                raise Http404(_("Deze activiteit bestaat niet.")) from error
        return self._activity

    def get_permission_object(self):
        return self.get_object()

    def get_refused_context(self):
        """A refused change leads back to the activity, when the user may read it."""
        activity = getattr(self, "_activity", None)
        if activity is None or not self.request.user.has_perm("themes.view_activity", activity):
            return super().get_refused_context()
        return {
            "back_url": activity.get_absolute_url(),
            "back_label": _("Terug naar de activiteit"),
        }


class ActivityDetailView(ActivityObjectMixin, PortalPermissionMixin, TemplateView):
    permission_required = "themes.view_activity"
    template_name = "themes/activity_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        activity = self.get_object()
        user = self.request.user
        context.update(
            activity=activity,
            can_change=user.has_perm("themes.change_activity", activity),
            can_delete=user.has_perm("themes.delete_activity", activity),
        )
        return context


class ActivityPhotoFileView(PortalPermissionMixin, View):
    """A photo's file, for whoever may see its activity: the rule of the page showing it
    (a published activity's for every reader, a draft's for those who may change it)."""

    permission_required = "themes.view_activity"

    def get_photo(self):
        if not hasattr(self, "_photo"):
            self._photo = get_object_or_404(
                ActivityPhoto.objects.select_related("activity"), pk=self.kwargs["pk"]
            )
        return self._photo

    def get_permission_object(self):
        return self.get_photo().activity

    def get(self, request, *args, **kwargs):
        photo = self.get_photo()
        return serve_file(request, photo.image, filename=photo.download_name())


# --- Logging and changing activities -----------------------------------------------------


class ActivityFormMixin:
    template_name = "themes/activity_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def wants_publish(self):
        return self.request.POST.get("action") == "publish"

    def post(self, request, *args, **kwargs):
        # Without JavaScript the search beside "voortbouwend op" sends the whole form: show
        # it again with the matches, or with the chosen activity filled in; save nothing.
        if "zoek_voortbouwend" in request.POST or "kies_voortbouwend" in request.POST:
            return self.search_builds_on()
        return super().post(request, *args, **kwargs)

    def search_builds_on(self):
        kwargs = self.get_form_kwargs()
        chosen = self.request.POST.get("kies_voortbouwend", "")
        if chosen.isdigit():
            kwargs["data"] = kwargs["data"].copy()
            kwargs["data"]["builds_on"] = chosen
            kwargs["data"]["builds_on_search"] = ""
        form = self.get_form_class()(**kwargs)
        return self.render_to_response(self.get_context_data(form=form))

    def photo_arguments(self, form):
        # Photos kept from an earlier submit go to the service as if chosen now: consent
        # and the photo checks apply to them as to any photo.
        photos = [*(form.cleaned_data.get("photos") or []), *form.kept_photos.open_in_use()]
        return {
            "photos": photos,
            "photo_alt_text": form.cleaned_data.get("photo_alt_text", ""),
            "photo_consent": form.cleaned_data.get("photo_consent", False),
        }

    def saved(self, form, activity):
        """The activity holds its photos now: the kept copies go once that is committed."""
        transaction.on_commit(form.kept_photos.discard)
        return activity

    def form_invalid(self, form):
        self.keep_photos(form)
        return super().form_invalid(form)

    def keep_photos(self, form):
        """Keep the photos just chosen, so that the form comes back with them.

        Not when the photo field itself has an error (not a photo, or the storage is
        failing: then the message beside the field says to choose it again).
        """
        uploads = getattr(form, "cleaned_data", {}).get("photos") or []
        if uploads and "photos" not in form.errors:
            try:
                form.kept_photos.keep_new([self.reencoded(photo) for photo in uploads])
            except OSError:
                form.add_error("photos", services.PHOTO_NOT_STORED)
            except ValidationError as error:
                form.add_error("photos", error)
        form.kept_photos.refresh()

    @staticmethod
    def reencoded(photo):
        content = reencode_photo(photo)
        content.name = photo.name  # the name it was chosen under, shown beside it
        return content

    def get_success_message(self, activity):
        if activity.is_published:
            return _("De activiteit ‘%(title)s’ is gepubliceerd.") % {"title": activity.title}
        return _("De activiteit ‘%(title)s’ is als concept opgeslagen.") % {"title": activity.title}

    def get_success_url_for(self, activity):
        return activity.get_absolute_url()


class ActivityCreateView(ActivityFormMixin, ServiceFormView):
    permission_required = "themes.add_activity"
    form_class = ActivityForm

    def get_initial(self):
        initial = super().get_initial()
        slug = slug_from_query(self.request, "thema")
        if slug:
            theme = Theme.objects.filter(slug=slug).first()
            if theme is not None:
                initial["theme"] = theme
        return initial

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = None
        return kwargs

    def perform(self, form):
        activity = services.activity_create(
            author=self.request.user,
            data=form.activity_data(),
            publish=self.wants_publish(),
            owner_organisation=form.cleaned_data.get("owner_organisation"),
            **self.photo_arguments(form),
        )
        return self.saved(form, activity)

    def get_cancel_url(self):
        return reverse("themes:activity_list")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = _("Activiteit toevoegen")
        return context


class ActivityUpdateView(ActivityObjectMixin, ActivityFormMixin, ServiceFormView):
    permission_required = "themes.change_activity"
    permission_denied_message = NOT_ALLOWED_TO_CHANGE
    form_class = ActivityForm
    selector = staticmethod(selectors.activity_for_change)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.get_object()
        return kwargs

    def perform(self, form):
        activity = services.activity_update(
            activity=form.instance,
            editor=self.request.user,
            data=form.activity_data(),
            publish=self.wants_publish(),
            remove_photos=form.cleaned_data.get("remove_photos") or [],
            version=form.expected_version,
            **self.photo_arguments(form),
        )
        return self.saved(form, activity)

    def get_cancel_url(self):
        return self.get_object().get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["activity"] = self.get_object()
        context["page_title"] = _("Activiteit bewerken")
        return context


class ActivityDeleteView(ActivityObjectMixin, PortalPermissionMixin, TemplateView):
    permission_required = "themes.delete_activity"
    permission_denied_message = NOT_ALLOWED_TO_DELETE
    template_name = "themes/activity_confirm_delete.html"
    selector = staticmethod(selectors.activity_for_change)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["activity"] = self.get_object()
        return context

    def post(self, request, *args, **kwargs):
        activity = self.get_object()
        title = activity.title
        try:
            services.activity_delete(activity=activity, user=request.user)
        except PermissionDenied:
            return self.refused(NOT_ALLOWED_TO_DELETE)
        messages.success(request, _("De activiteit ‘%(title)s’ is verwijderd.") % {"title": title})
        return redirect("themes:activity_list")


class CollaborationFormRecordView(ServiceFormView):
    """The kartrekker (or the programme team) records the working group's form of
    collaboration for a phase (``?fase=``, else the current phase)."""

    permission_required = "themes.record_collaboration_form"
    form_class = CollaborationFormForm
    template_name = "form_page.html"

    def get_object(self):
        return get_object_or_404(
            WorkingGroup.objects.select_related("theme"), theme__slug=self.kwargs["slug"]
        )

    @property
    def title(self):
        return _("Samenwerkingsvorm van %(group)s") % {"group": self.object}

    success_message = property(lambda self: _("De samenwerkingsvorm is vastgelegd."))

    def get_initial(self):
        slug = slug_from_query(self.request, "fase")
        phase = next((p for p in all_phases() if p.slug == slug), None) or current_phase()
        existing = selectors.collaboration_of(working_group=self.object, phase=phase)
        if existing:
            return {"phase": phase, "form": existing.form, "reason": existing.reason}
        return {"phase": phase}

    def perform(self, form):
        return services.collaboration_form_record(
            user=self.request.user,
            working_group=self.object,
            phase=form.cleaned_data["phase"],
            form=form.cleaned_data["form"],
            reason=form.cleaned_data["reason"],
        )

    def get_cancel_url(self):
        url = reverse("themes:theme_detail", kwargs={"slug": self.object.theme.slug})
        return f"{url}#samenwerkingsvorm-titel"


class BuildsOnOptionsView(PortalPermissionMixin, TemplateView):
    """For htmx beside "voortbouwend op": the published activities matching the search
    (``builds_on_search``), or with ``kies`` the number field filled in with that one."""

    permission_required = "themes.add_activity"

    def get_template_names(self):
        if "kies" in self.request.GET:
            return ["themes/_builds_on_field.html"]
        return ["themes/_builds_on_suggestions.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        chosen = self.request.GET.get("kies", "")
        if "kies" in self.request.GET:
            activity = spread.published_activity(chosen)
            form = ActivityForm(user=self.request.user, initial={"builds_on": activity})
            context["field"] = form["builds_on"]
            context["chosen"] = activity
            if activity is not None:
                context["chosen_text"] = _("Gekozen: %(title)s (%(date)s).") % {
                    "title": activity.title,
                    "date": date_format(activity.date, "j F Y"),
                }
            return context
        query = self.request.GET.get("builds_on_search", "").strip()[:100]
        context["query"] = query
        context["candidates"] = spread.builds_on_candidates(query=query)
        return context


class SpreadView(PortalPermissionMixin, TemplateView):
    """Approaches that started in one village and were taken up in another (issue 16)."""

    permission_required = "themes.view_spread"
    template_name = "themes/spread.html"
    paginate_by = 10

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        themes = selectors.all_themes()
        slug = slug_from_query(self.request, "thema")
        theme = next((t for t in themes if t.slug == slug), None)
        approaches = spread.spread_approaches(theme=theme)
        page = Paginator(approaches, self.paginate_by).get_page(self.request.GET.get("page"))
        context.update(
            themes=themes,
            theme=theme,
            page_obj=page,
            approaches=page.object_list,
            approach_count=len(approaches),
            take_up_count=sum(len(a.take_ups) for a in approaches),
        )
        return context


class EffortOptionsView(PortalPermissionMixin, TemplateView):
    """The effort field for the chosen theme, for htmx to swap in when the theme changes."""

    permission_required = "themes.add_activity"
    template_name = "themes/_effort_options.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = ActivityForm(
            user=self.request.user, initial={"theme": self.request.GET.get("theme")}
        )
        context["field"] = form["effort"]
        return context
