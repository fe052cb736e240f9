"""The public agenda: what residents may come to, without an account.

No login and no permission check on purpose: every page here shows only what
``themes.selectors.public_upcoming_activities`` and ``public_activity_for_detail`` return,
the activities an organisation marked public, and of them only what is meant for residents
(templates/themes/agenda/). Pages are cached briefly, in the shared cache (until any data
changes) and by browsers and proxies (``Cache-Control``), and may be indexed.
"""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from landerd_portal.fragments import ACTIVITIES, VOCABULARY, cached, cached_fragment
from landerd_portal.media import serve_file

from .. import selectors
from ..models import Activity, ActivityPhoto
from . import documents
from .forms import AgendaFilterForm

PER_PAGE = 30
# How long a browser or proxy may keep a public page or the feed.
PAGE_MAX_AGE = 300
FEED_MAX_AGE = 900
# What the agenda shows: activities, and the names of themes, villages and target groups.
# "Upcoming" moves with the date, hence the day in each part's vary.
AGENDA_AREAS = (ACTIVITIES, VOCABULARY)


def public_cache(request, response, max_age):
    """Let browsers and proxies keep a public answer for a while. A signed-in user's copy
    carries their name in the header: only their own browser may keep that one."""
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, max_age=max_age)
    else:
        patch_cache_control(response, public=True, max_age=max_age)
    return response


class AgendaFilterMixin:
    def get_filter_form(self):
        if not hasattr(self, "_filter_form"):
            self._filter_form = AgendaFilterForm(self.request.GET or None)
        return self._filter_form

    def feed_query(self):
        """The feed's query string: the filters that are valid, in the page's names."""
        form = self.get_filter_form()
        filters = form.filters()
        query = self.request.GET.copy()
        for name in list(query):
            key = AgendaFilterForm.KEYS.get(name)
            if key is None or key not in filters:
                del query[name]
        return query.urlencode()


class AgendaView(AgendaFilterMixin, TemplateView):
    template_name = "themes/agenda/agenda.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        vary = (self.request.get_host(), sorted(self.request.GET.lists()), timezone.localdate())
        context["content"] = cached_fragment(
            self.request,
            "public-agenda",
            vary,
            "themes/agenda/_agenda.html",
            self.agenda_context,
            areas=AGENDA_AREAS,
        )
        return context

    def agenda_context(self):
        form = self.get_filter_form()
        activities = selectors.public_upcoming_activities(form.filters())
        page_obj = Paginator(activities, PER_PAGE).get_page(self.request.GET.get("page"))
        feed_query = self.feed_query()
        feed_path = reverse("themes:agenda_ics") + (f"?{feed_query}" if feed_query else "")
        feed_url = self.request.build_absolute_uri(feed_path)
        days = {}
        for activity in page_obj.object_list:
            days.setdefault(activity.date, []).append(activity)
        return {
            "filter_form": form,
            "chosen": form.chosen(),
            "page_obj": page_obj,
            "days": sorted(days.items()),
            "feed_url": feed_url,
            "webcal_url": "webcal://" + feed_url.split("://", 1)[1],
        }

    def render_to_response(self, context, **kwargs):
        return public_cache(
            self.request, super().render_to_response(context, **kwargs), PAGE_MAX_AGE
        )


class AgendaActivityView(TemplateView):
    template_name = "themes/agenda/activity_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            activity = selectors.public_activity_for_detail(pk=self.kwargs["pk"])
        except Activity.DoesNotExist as error:
            raise Http404(_("Deze activiteit staat niet in de openbare agenda.")) from error
        context["activity"] = activity
        return context

    def render_to_response(self, context, **kwargs):
        return public_cache(
            self.request, super().render_to_response(context, **kwargs), PAGE_MAX_AGE
        )


class AgendaPhotoView(View):
    """A photo of a public activity: only one with recorded consent."""

    def get(self, request, pk, photo):
        try:
            found = selectors.public_photo(activity_pk=pk, pk=photo)
        except ActivityPhoto.DoesNotExist as error:
            raise Http404(_("Deze foto bestaat niet.")) from error
        return serve_file(
            request, found.image, filename=found.download_name(), cache_control="public"
        )


class AgendaFeedView(AgendaFilterMixin, View):
    """The agenda as iCalendar, with the page's filters as query parameters."""

    def get(self, request):
        form = self.get_filter_form()
        filters = {key: value for key, value in form.filters().items() if key != "date_to"}
        vary = (request.get_host(), sorted(request.GET.lists()), timezone.localdate())
        body = cached(
            "public-agenda-ics", vary, lambda: self.feed(form, filters), areas=AGENDA_AREAS
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="samen-landerd-agenda.ics"'
        return public_cache(request, response, FEED_MAX_AGE)

    def feed(self, form, filters):
        name = _("Samen Landerd – activiteiten")
        if form.chosen():
            name = f"{name} ({', '.join(form.chosen())})"
        return documents.agenda_ics(
            activities=selectors.public_upcoming_activities(filters),
            withdrawn=selectors.withdrawn_public_activities(filters),
            name=name,
            url_of=lambda pk: self.request.build_absolute_uri(
                reverse("themes:agenda_detail", kwargs={"pk": pk})
            ),
        )


class AgendaSitemapView(View):
    """The agenda's pages for search engines (sitemaps.org): the agenda and every upcoming
    public activity. Only public pages; the rest of the portal is behind its login."""

    def get(self, request):
        activities = selectors.public_upcoming_activities()
        body = render_to_string(
            "themes/agenda/sitemap.xml",
            {
                "agenda_url": request.build_absolute_uri(reverse("themes:agenda")),
                "pages": [
                    (
                        request.build_absolute_uri(activity.get_public_url()),
                        activity.updated_at,
                    )
                    for activity in activities
                ],
            },
        )
        response = HttpResponse(body, content_type="application/xml; charset=utf-8")
        return public_cache(request, response, FEED_MAX_AGE)
