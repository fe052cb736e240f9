"""The DIN pages: goals, efforts and network per theme and across themes, and export."""

import csv

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from landerd_portal import charts
from landerd_portal.fragments import (
    ACTIVITIES,
    DIN,
    EVERYTHING,
    VOCABULARY,
    cached_html_many,
    cached_lookup,
    render_part,
)
from landerd_portal.spreadsheets import spreadsheet_safe
from landerd_portal.view_base import PortalPermissionMixin, ServiceFormView
from partners.rules import audience
from programme.din import (
    documents,
    network_selectors,
    selectors,
    services,
    sustainability_selectors,
)
from programme.din.forms import (
    EffortForm,
    GoalForm,
    IndicatorValueForm,
    NetworkEntryForm,
    NetworkFilterForm,
)
from programme.models import Effort, Goal, NetworkEntry
from programme.phases.selectors import (
    all_phases,
    budget_phase_out,
    current_phase,
    previous_phase,
)
from themes.models import Theme


def din_anchor(theme, obj=None):
    url = reverse("programme:din_theme", kwargs={"slug": theme.slug})
    if isinstance(obj, Goal):
        return f"{url}#doel-{obj.pk}"
    if isinstance(obj, Effort):
        return f"{url}#inspanning-{obj.pk}"
    return url


class DinView(PortalPermissionMixin, TemplateView):
    """The DIN across all themes, as two parts kept rendered until what they show changes:
    the goal trees per audience (their links depend on role, organisation and led themes),
    and the sustainability indicator, the same for every reader, which alone counts
    activities: logging one leaves the goal trees cached."""

    permission_required = "programme.view_din"
    template_name = "programme/din/din.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.request
        context["sustainability_part"], context["content"] = cached_html_many(
            request,
            [
                (
                    "din-sustainability",
                    (),
                    lambda: render_part(
                        request,
                        "programme/din/_din_sustainability.html",
                        {"sustainability": sustainability_selectors.cached_sustainability_rows()},
                    ),
                    (DIN, ACTIVITIES, VOCABULARY),
                ),
                (
                    "din",
                    audience(request.user),
                    lambda: render_part(request, "programme/din/_din.html", self.din_context()),
                    (DIN, VOCABULARY),
                ),
            ],
        )
        return context

    def din_context(self):
        phase, themes = selectors.cached_din_by_theme()
        return {
            "phase": phase,
            "themes": themes,
            # The budgets are phases' data, in EVERYTHING, which every part depends on.
            "budget_figure": cached_lookup("din-budget-figure", budget_figure, areas=(EVERYTHING,)),
            "programme_progress": selectors.programme_progress(themes),
        }


def budget_figure():
    """The budget and programme-management FTE per year: the means the partnership has
    to learn to do without (one query); None before any budget is recorded."""
    rows = budget_phase_out()
    return charts.budget_figure(rows=rows, key="din-budget") if rows else None


class DinThemeView(PortalPermissionMixin, TemplateView):
    """The DIN of one theme, where its kartrekker keeps it up to date."""

    permission_required = "programme.view_din"
    template_name = "programme/din/din_theme.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        theme = get_object_or_404(Theme, slug=self.kwargs["slug"])
        phase, themes = selectors.din_by_theme(themes=[theme])
        context.update(
            theme=theme,
            phase=phase,
            goals=themes[0].goals,
            theme_progress=themes[0].progress,
            may_edit=self.request.user.has_perm("programme.edit_din", theme),
        )
        return context


# The DIN's forms share one page layout; each saves through one service and returns to
# the goal or effort it was opened from.
DIN_FORM_TEMPLATE = "form_page.html"


class GoalCreateView(ServiceFormView):
    template_name = DIN_FORM_TEMPLATE
    permission_required = "programme.add_goal"
    form_class = GoalForm

    def get_object(self):
        return get_object_or_404(Theme, slug=self.kwargs["slug"])

    @property
    def title(self):
        return _("Doel toevoegen aan %(theme)s") % {"theme": self.object}

    success_message = property(lambda self: _("Het doel is toegevoegd."))

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "theme": self.object}

    def perform(self, form):
        return services.goal_create(
            user=self.request.user, theme=self.object, data=form.cleaned_data
        )

    def get_success_url_for(self, goal):
        return din_anchor(goal.theme, goal)

    def get_cancel_url(self):
        return din_anchor(self.object)


class GoalUpdateView(ServiceFormView):
    template_name = DIN_FORM_TEMPLATE
    permission_required = "programme.change_goal"
    form_class = GoalForm

    def get_object(self):
        return get_object_or_404(Goal.objects.select_related("theme"), pk=self.kwargs["pk"])

    @property
    def title(self):
        return _("Doel bewerken")

    success_message = property(lambda self: _("Het doel is bijgewerkt."))

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "theme": self.object.theme, "instance": self.object}

    def perform(self, form):
        return services.goal_update(
            user=self.request.user,
            goal=self.object,
            data=form.cleaned_data,
            version=form.expected_version,
        )

    def get_cancel_url(self):
        return din_anchor(self.object.theme, self.object)


class IndicatorValueCreateView(ServiceFormView):
    template_name = DIN_FORM_TEMPLATE
    permission_required = "programme.add_indicator_value"
    form_class = IndicatorValueForm

    def get_object(self):
        return get_object_or_404(Goal.objects.select_related("theme"), pk=self.kwargs["pk"])

    @property
    def title(self):
        return _("Meting invoeren voor “%(goal)s”") % {"goal": self.object}

    success_message = property(lambda self: _("De meting is opgeslagen."))

    def get_initial(self):
        return {"date": timezone.localdate()}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "goal": self.object}

    def perform(self, form):
        return services.indicator_value_add(
            user=self.request.user, goal=self.object, **form.cleaned_data
        )

    def get_cancel_url(self):
        return din_anchor(self.object.theme, self.object)


class EffortCreateView(ServiceFormView):
    template_name = DIN_FORM_TEMPLATE
    permission_required = "programme.add_effort"
    form_class = EffortForm

    def get_object(self):
        return get_object_or_404(Goal.objects.select_related("theme"), pk=self.kwargs["pk"])

    @property
    def title(self):
        return _("Inspanning toevoegen aan “%(goal)s”") % {"goal": self.object}

    success_message = property(lambda self: _("De inspanning is toegevoegd."))

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "goal": self.object}

    def perform(self, form):
        return services.effort_create(
            user=self.request.user, goal=self.object, data=form.cleaned_data
        )

    def get_success_url_for(self, effort):
        return din_anchor(self.object.theme, effort)

    def get_cancel_url(self):
        return din_anchor(self.object.theme, self.object)


class EffortUpdateView(ServiceFormView):
    template_name = DIN_FORM_TEMPLATE
    permission_required = "programme.change_effort"
    form_class = EffortForm

    def get_object(self):
        return get_object_or_404(Effort.objects.select_related("goal__theme"), pk=self.kwargs["pk"])

    @property
    def title(self):
        return _("Inspanning bewerken")

    success_message = property(lambda self: _("De inspanning is bijgewerkt."))

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "goal": self.object.goal, "instance": self.object}

    def perform(self, form):
        return services.effort_update(
            user=self.request.user,
            effort=self.object,
            data=form.cleaned_data,
            version=form.expected_version,
        )

    def get_cancel_url(self):
        return din_anchor(self.object.goal.theme, self.object)


class NetworkJoinView(ServiceFormView):
    template_name = DIN_FORM_TEMPLATE
    permission_required = "programme.join_network"
    form_class = NetworkEntryForm

    def get_object(self):
        return get_object_or_404(Effort.objects.select_related("goal__theme"), pk=self.kwargs["pk"])

    @property
    def title(self):
        return _("Meedoen aan “%(effort)s”") % {"effort": self.object}

    success_message = property(lambda self: _("Het netwerk van de inspanning is bijgewerkt."))

    def get_form_kwargs(self):
        user = self.request.user
        return {
            **super().get_form_kwargs(),
            "may_choose_organisation": user.has_perm("programme.edit_din", self.object),
            "organisation": user.organisation,
        }

    def perform(self, form):
        return services.network_join(
            user=self.request.user, effort=self.object, **form.cleaned_data
        )

    def get_cancel_url(self):
        return din_anchor(self.object.goal.theme, self.object)


class NetworkLeaveView(PortalPermissionMixin, TemplateView):
    """Confirm, then take an organisation off an effort's network."""

    permission_required = "programme.leave_network"
    template_name = "programme/din/network_leave.html"

    def get_permission_object(self):
        if not hasattr(self, "_entry"):
            self._entry = get_object_or_404(
                NetworkEntry.objects.select_related("organisation", "effort__goal__theme"),
                pk=self.kwargs["pk"],
            )
        return self._entry

    def get_context_data(self, **kwargs):
        entry = self.get_permission_object()
        return super().get_context_data(
            entry=entry, cancel_url=din_anchor(entry.effort.goal.theme, entry.effort), **kwargs
        )

    def post(self, request, *args, **kwargs):
        entry = self.get_permission_object()
        services.network_leave(user=request.user, entry=entry)
        messages.success(
            request,
            _("%(organisation)s staat niet meer in het netwerk van deze inspanning.")
            % {"organisation": entry.organisation},
        )
        return redirect(din_anchor(entry.effort.goal.theme, entry.effort))


class DinNetworkView(PortalPermissionMixin, TemplateView):
    """The partnership network of a phase (and theme), drawn and as tables, with the
    matrix of efforts × organisations as the table view of who carries what."""

    permission_required = "programme.view_din"
    template_name = "programme/din/network.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        phases, themes = all_phases(), list(Theme.objects.order_by("order", "name"))
        notices = []
        phase = _chosen(phases, self.request.GET.get("fase"))
        if phase is None:
            phase = current_phase()
            if self.request.GET.get("fase"):
                notices.append(_("Die fase bestaat niet; je ziet de huidige fase."))
        theme = _chosen(themes, self.request.GET.get("thema"))
        if theme is None and self.request.GET.get("thema"):
            notices.append(_("Dat thema bestaat niet; je ziet alle thema’s."))
        network = previous = None
        if phase is not None:
            previous = previous_phase(phase)
            network = network_selectors.phase_network(phase=phase, previous=previous, theme=theme)
        title = _("Samenwerkingsnetwerk %(phase)s") % {"phase": phase} if phase else ""
        if theme is not None:
            title += f" – {theme}"
        context.update(
            phases=phases,
            themes=themes,
            phase=phase,
            previous_phase=previous,
            theme=theme,
            notices=notices,
            network=network,
            network_svg=(
                documents.network_svg(network, title=title) if network and network.nodes else ""
            ),
            network_title=title,
            matrix=selectors.network_matrix(theme=theme),
            filter_form=NetworkFilterForm(
                initial={"fase": phase.slug if phase else "", "thema": theme.slug if theme else ""},
                phases=phases,
                themes=themes,
            ),
        )
        return context


def _chosen(items, slug):
    """The item with this slug, or None (a missing or unknown slug chooses nothing)."""
    return next((item for item in items if slug and item.slug == slug), None)


class DinExportView(PortalPermissionMixin, View):
    """The DIN as CSV: one row per network entry, separated by semicolons for Dutch Excel."""

    permission_required = "programme.export_din"

    def get(self, request, *args, **kwargs):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        filename = f"din-samen-landerd-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response.write("\ufeff")  # so that Excel reads the file as UTF-8
        writer = csv.writer(response, delimiter=";")
        writer.writerow(
            [
                _("Thema"),
                _("Hoofddoel"),
                _("Doel"),
                _("Indicator"),
                _("Eenheid"),
                _("Nulmeting"),
                _("Streefwaarde"),
                _("Huidige waarde"),
                _("Inspanning"),
                _("Status"),
                _("Trekkende organisatie"),
                _("Netwerkpartner"),
                _("Soort bijdrage"),
                _("Bijdrage"),
            ]
        )
        for row in selectors.din_export_rows():
            writer.writerow([spreadsheet_safe(value) for value in row])
        return response
