"""Pages of the learning history and the self-analysis. Thin: forms validate, services act."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, TemplateView

from landerd_portal.view_base import PortalPermissionMixin, ServiceFormView
from landerd_portal.view_helpers import slug_from_query
from programme.phases.selectors import current_phase
from themes.models import Theme

from . import selectors, services
from .forms import (
    KijkglasRatingForm,
    LearningHistoryFilterForm,
    PhaseFilterForm,
    QuestionForm,
    QuestionStatusForm,
    QuoteApprovalForm,
    ReflectionForm,
    SelfAnalysisForm,
)
from .models import Question, Reflection, SelfAnalysis


def chosen_phase(request):
    """The phase picked with ?fase=slug, else the current phase."""
    values, _form = PhaseFilterForm.chosen(request.GET, fase=current_phase)
    return values["fase"]


def index_url(phase=None, theme=None, anchor=""):
    url = reverse("learning_history:index")
    query = []
    if phase is not None:
        query.append(f"fase={phase.slug}")
    if theme is not None:
        query.append(f"thema={theme.slug}")
    return url + ("?" + "&".join(query) if query else "") + anchor


class LearningHistoryView(PortalPermissionMixin, TemplateView):
    """The learning history of one phase, in two columns."""

    permission_required = "learning_history.view_learning_history"
    template_name = "learning_history/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        values, filter_form = LearningHistoryFilterForm.chosen(self.request.GET, fase=current_phase)
        phase, theme = values["fase"], values["thema"]
        context.update(phase=phase, theme=theme, filter_form=filter_form)
        if phase is not None:
            context.update(self.lazy_history(phase, theme))
        return context

    def lazy_history(self, phase, theme):
        """The columns as callables the template calls (Django calls a callable variable)
        only when it renders them: inside a cached part (index.html) that is only when
        the part is not in the cache, so a cached page costs none of their queries."""
        loaded = {}

        def column(name):
            def read():
                if not loaded:
                    loaded.update(
                        selectors.learning_history(user=self.request.user, phase=phase, theme=theme)
                    )
                return loaded[name]

            return read

        return {name: column(name) for name in ("story", "quotes", "reflections", "questions")}


class ReflectionDetailView(PortalPermissionMixin, DetailView):
    permission_required = "learning_history.view_reflection"
    template_name = "learning_history/reflection_detail.html"
    context_object_name = "reflection"

    def get_queryset(self):
        return Reflection.objects.select_related(
            "phase", "theme", "author", "organisation", "quote_approver"
        )


class ReflectionCreateView(ServiceFormView):
    permission_required = "learning_history.add_reflection"
    form_class = ReflectionForm
    template_name = "learning_history/reflection_form.html"
    cancel_url = reverse_lazy("learning_history:index")

    def get_title(self):
        return _("Reflectie schrijven")

    def get_initial(self):
        initial = {"phase": current_phase()}
        slug = slug_from_query(self.request, "thema")
        if slug:
            initial["theme"] = Theme.objects.filter(slug=slug).first()
        return initial

    def perform(self, form):
        return services.reflection_create(
            author=self.request.user,
            data=form.cleaned_data,
            share="share" in self.request.POST,
        )

    def get_success_message(self, reflection):
        if reflection.visibility == Reflection.Visibility.SHARED:
            return _("Je reflectie is gedeeld met de partners.")
        return _("Je reflectie is opgeslagen als concept. Alleen jij ziet hem nog.")

    def get_success_url_for(self, reflection):
        return index_url(reflection.phase, anchor=f"#reflectie-{reflection.pk}")


class ReflectionUpdateView(ServiceFormView):
    permission_required = "learning_history.change_reflection"
    form_class = ReflectionForm
    template_name = "learning_history/reflection_form.html"

    def get_object(self):
        return get_object_or_404(Reflection, pk=self.kwargs["pk"])

    def get_title(self):
        return _("Reflectie bewerken")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def perform(self, form):
        # The ModelForm already copied the values onto the instance; the service re-checks.
        return services.reflection_update(
            user=self.request.user,
            reflection=Reflection.objects.get(pk=self.object.pk),
            data=form.cleaned_data,
            version=form.expected_version,
        )

    def get_success_message(self, reflection):
        return _("De reflectie is bijgewerkt.")

    def get_success_url_for(self, reflection):
        return index_url(reflection.phase, anchor=f"#reflectie-{reflection.pk}")

    def get_cancel_url(self):
        return index_url(self.object.phase, anchor=f"#reflectie-{self.object.pk}")


class ReflectionVisibilityView(PortalPermissionMixin, View):
    """Share, publish or withdraw a reflection (a POST from the buttons on its card)."""

    # Any signed-in user: a reflection they may not read is not found (404), and the
    # service refuses (403) a change they may not make.
    permission_required = ()

    def post(self, request, pk):
        reflection = get_object_or_404(Reflection.objects.select_related("phase"), pk=pk)
        if not request.user.has_perm("learning_history.view_reflection", reflection):
            raise Http404
        visibility = request.POST.get("visibility", "")
        try:
            services.reflection_set_visibility(
                user=request.user, reflection=reflection, visibility=visibility
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            labels = {
                Reflection.Visibility.DRAFT: _("De reflectie is weer een concept."),
                Reflection.Visibility.SHARED: _("De reflectie is gedeeld met de partners."),
                Reflection.Visibility.PUBLISHED: _(
                    "De reflectie is gepubliceerd en gaat mee in de fasenrapportage."
                ),
            }
            messages.success(request, labels[visibility])
        return redirect(index_url(reflection.phase, anchor=f"#reflectie-{reflection.pk}"))


class QuoteApproveView(ServiceFormView):
    permission_required = "learning_history.approve_quote"
    form_class = QuoteApprovalForm
    template_name = "learning_history/quote_approve.html"

    def get_object(self):
        return get_object_or_404(
            Reflection.objects.select_related("author", "phase", "theme"), pk=self.kwargs["pk"]
        )

    def get_title(self):
        return _("Citaat goedkeuren")

    def get_initial(self):
        return {"quote": self.object.quote}

    def perform(self, form):
        return services.quote_approve(
            user=self.request.user, reflection=self.object, quote=form.cleaned_data["quote"]
        )

    def get_success_message(self, reflection):
        if reflection.quote_corrected:
            return _("Dank je wel. Het citaat is verbeterd en goedgekeurd.")
        return _("Dank je wel. Het citaat is goedgekeurd.")

    def get_success_url_for(self, reflection):
        return reverse("dashboard")

    def get_cancel_url(self):
        return reverse("dashboard")


class QuestionCreateView(ServiceFormView):
    permission_required = "learning_history.add_question"
    form_class = QuestionForm
    template_name = "form_page.html"
    cancel_url = reverse_lazy("learning_history:index")

    def get_title(self):
        return _("Vraag voor de volgende fase stellen")

    def get_initial(self):
        return {"phase": current_phase()}

    def perform(self, form):
        return services.question_create(user=self.request.user, data=form.cleaned_data)

    def get_success_message(self, question):
        return _("Je vraag is toegevoegd.")

    def get_success_url_for(self, question):
        return index_url(question.phase, anchor=f"#vraag-{question.pk}")


class QuestionUpdateView(ServiceFormView):
    permission_required = "learning_history.change_question"
    form_class = QuestionStatusForm
    template_name = "form_page.html"

    def get_object(self):
        return get_object_or_404(Question.objects.select_related("phase"), pk=self.kwargs["pk"])

    def get_title(self):
        return _("Status van de vraag bijwerken")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def perform(self, form):
        return services.question_update(
            user=self.request.user,
            question=Question.objects.get(pk=self.object.pk),
            data=form.cleaned_data,
        )

    def get_success_message(self, question):
        return _("De vraag is bijgewerkt.")

    def get_success_url_for(self, question):
        return index_url(question.phase, anchor=f"#vraag-{question.pk}")

    def get_cancel_url(self):
        return index_url(self.object.phase, anchor=f"#vraag-{self.object.pk}")


# --- Self-analysis ----------------------------------------------------------------------


class SelfAnalysisView(PortalPermissionMixin, TemplateView):
    """The partnership in web diagrams: averages with spread, this phase and the previous."""

    permission_required = "learning_history.view_self_analyses"
    template_name = "learning_history/self_analysis.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        values, filter_form = PhaseFilterForm.chosen(self.request.GET, fase=current_phase)
        phase = values["fase"]
        context.update(phase=phase, filter_form=filter_form)
        if phase is None:
            return context
        context.update(selectors.self_analysis_overview(phase=phase))
        if user.has_perm("learning_history.fill_self_analysis"):
            # Only roles that score their organisation see its own scores (not the griffie
            # or an observer whose account names an organisation).
            own = selectors.self_analysis_for(phase=phase, organisation=user.organisation)
            context["own"] = own
            if own is not None:
                context["own_svg"] = selectors.organisation_radar(self_analysis=own)
                context["own_rows"] = selectors.table_rows([selectors.scores_of(own)])
        if user.has_perm("learning_history.run_joint_self_analysis"):
            context["scored"] = selectors.organisations_scored(phase=phase)
        return context


class SelfAnalysisDetailView(PortalPermissionMixin, DetailView):
    """One scoring's web diagram (an organisation's own, or the joint one)."""

    permission_required = "learning_history.view_self_analysis"
    template_name = "learning_history/self_analysis_detail.html"
    context_object_name = "self_analysis"

    def get_queryset(self):
        return SelfAnalysis.objects.select_related("phase", "organisation").prefetch_related(
            "scores"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["svg"] = selectors.organisation_radar(self_analysis=self.object)
        context["rows"] = selectors.table_rows([selectors.scores_of(self.object)])
        context["score_headers"] = [_("Score")]
        return context


class SelfAnalysisFillView(ServiceFormView):
    """An organisation scores the 17 characteristics for the current phase."""

    permission_required = "learning_history.fill_self_analysis"
    form_class = SelfAnalysisForm
    template_name = "learning_history/self_analysis_form.html"
    joint = False

    def dispatch(self, request, *args, **kwargs):
        self.phase = chosen_phase(request)
        if self.phase is None and request.user.is_authenticated:
            messages.error(request, _("Er is nog geen fase om de zelfanalyse voor in te vullen."))
            return redirect("learning_history:self_analysis")
        return super().dispatch(request, *args, **kwargs)

    @property
    def organisation(self):
        return None if self.joint else self.request.user.organisation

    def get_existing(self):
        return selectors.self_analysis_for(phase=self.phase, organisation=self.organisation)

    def get_title(self):
        if self.joint:
            return _("Gezamenlijke scoring van het partnerschap")
        return _("Zelfanalyse van %(organisation)s") % {"organisation": self.organisation}

    def get_initial(self):
        return selectors.scores_of(self.get_existing())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(phase=self.phase, existing=self.get_existing(), joint=self.joint)
        return context

    def perform(self, form):
        return services.self_analysis_save(
            user=self.request.user,
            phase=self.phase,
            organisation=self.organisation,
            scores=form.cleaned_data,
        )

    def get_success_message(self, self_analysis):
        return _("De zelfanalyse is opgeslagen.")

    def get_success_url_for(self, self_analysis):
        return reverse("learning_history:self_analysis_detail", kwargs={"pk": self_analysis.pk})

    def get_cancel_url(self):
        return reverse("learning_history:self_analysis")


class JointSelfAnalysisFillView(SelfAnalysisFillView):
    permission_required = "learning_history.run_joint_self_analysis"
    joint = True


# --- The kijkglas (issue 16) --------------------------------------------------------------


class KijkglasView(PortalPermissionMixin, TemplateView):
    """Where the partnership stands per element of the kijkglas, and how it moved."""

    permission_required = "learning_history.view_kijkglas"
    template_name = "learning_history/kijkglas.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        values, filter_form = PhaseFilterForm.chosen(self.request.GET, fase=current_phase)
        phase = values["fase"]
        context.update(phase=phase, filter_form=filter_form)
        if phase is None:
            return context
        context.update(selectors.kijkglas_overview(phase=phase))
        if user.has_perm("learning_history.rate_kijkglas"):
            context["may_rate"] = True
            context["own"] = selectors.kijkglas_rating_for(
                phase=phase, organisation=user.organisation
            )
        return context


class KijkglasRateView(ServiceFormView):
    """A partner rates the kijkglas statements for their organisation, for one phase."""

    permission_required = "learning_history.rate_kijkglas"
    form_class = KijkglasRatingForm
    template_name = "learning_history/kijkglas_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.phase = chosen_phase(request)
        if self.phase is None and request.user.is_authenticated:
            messages.error(request, _("Er is nog geen fase om het kijkglas voor in te vullen."))
            return redirect("learning_history:kijkglas")
        return super().dispatch(request, *args, **kwargs)

    def get_existing(self):
        if not hasattr(self, "_existing"):
            self._existing = selectors.kijkglas_rating_for(
                phase=self.phase, organisation=self.request.user.organisation
            )
        return self._existing

    def get_title(self):
        return _("Kijkglas van %(organisation)s") % {"organisation": self.request.user.organisation}

    def get_initial(self):
        existing = self.get_existing()
        return existing.initial if existing else {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(phase=self.phase, existing=self.get_existing())
        return context

    def perform(self, form):
        return services.kijkglas_rate(
            user=self.request.user,
            phase=self.phase,
            organisation=self.request.user.organisation,
            scores=form.scores(),
        )

    def get_success_message(self, rating):
        return _("Het kijkglas is opgeslagen.")

    def get_success_url_for(self, rating):
        return f"{reverse('learning_history:kijkglas')}?fase={self.phase.slug}"

    def get_cancel_url(self):
        return reverse("learning_history:kijkglas")
