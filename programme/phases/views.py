"""The phases page: the programme's phases with their budgets, and a form for the next one."""

from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from landerd_portal.view_base import PortalPermissionMixin, ServiceFormView
from programme.phases import selectors, services
from programme.phases.forms import PhaseForm

PHASES_ONLY_FOR_TEAM = gettext_lazy("Alleen het programmateam beheert de fasen.")


class PhaseListView(PortalPermissionMixin, TemplateView):
    permission_required = "programme.manage_phases"
    permission_denied_message = PHASES_ONLY_FOR_TEAM
    template_name = "programme/phases/phase_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            phases=selectors.phases_with_budgets(),
            current=selectors.current_phase(),
            programme_has_ended=selectors.programme_has_ended(),
        )
        return context


class PhaseCreateView(ServiceFormView):
    permission_required = "programme.manage_phases"
    permission_denied_message = PHASES_ONLY_FOR_TEAM
    template_name = "form_page.html"
    form_class = PhaseForm
    title = gettext_lazy("Nieuwe fase toevoegen")
    intro = gettext_lazy(
        "Een nieuwe fase begint na de laatste fase. Vanaf de begindatum is het de huidige "
        "fase van het DIN, de leergeschiedenis en de rapportages."
    )
    cancel_url = reverse_lazy("programme:phase_list")
    extra_context = {"submit_label": gettext_lazy("Fase toevoegen")}

    def get_initial(self):
        last = selectors.last_phase()
        if last is None:
            return {}
        start = last.end_date.replace(year=last.end_date.year + 1, month=1, day=1)
        return {"start_date": start, "end_date": start.replace(month=12, day=31)}

    def perform(self, form):
        return services.phase_create(user=self.request.user, **form.cleaned_data)

    def get_success_message(self, phase):
        return _("%(phase)s is toegevoegd.") % {"phase": phase.name}

    def get_success_url_for(self, phase):
        return reverse("programme:phase_list")
