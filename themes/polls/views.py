"""Quick polls: residents answer without an account; the working group opens them and
removes free texts. Results are on the theme page (themes/views.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, View

from landerd_portal.view_base import PortalPermissionMixin, ServiceFormView
from landerd_portal.view_helpers import add_service_errors

from ..models import Theme
from . import selectors, services, throttle
from .forms import PollAnswerForm, PollForm
from .models import Poll, PollAnswer

COOKIE_SALT = "themes.polls.answered"
COOKIE_MAX_AGE = 60 * 60 * 24 * 400  # the longest a browser keeps a cookie
TOO_MANY = gettext_lazy(
    "Vanaf dit internetadres kwamen het afgelopen uur al veel antwoorden op deze peiling. "
    "Probeer het later nog eens."
)


def answered_cookie(poll):
    return f"peiling-{poll.pk}"


@method_decorator(never_cache, name="dispatch")
class PollAnswerView(FormView):
    """``/peiling/<id>/``: the question, or a thank-you once this browser answered, or a
    note that the poll is closed. No account; one answer per browser (a signed cookie)
    and a limit per address (themes/polls/throttle.py)."""

    template_name = "themes/polls/poll_answer.html"
    form_class = PollAnswerForm

    def dispatch(self, request, *args, **kwargs):
        try:
            self.poll = selectors.poll_for_answering(pk=kwargs["pk"])
        except Poll.DoesNotExist as error:
            raise Http404(_("Deze peiling bestaat niet.")) from error
        return super().dispatch(request, *args, **kwargs)

    def already_answered(self):
        value = self.request.get_signed_cookie(
            answered_cookie(self.poll), default=None, salt=COOKIE_SALT
        )
        return value == str(self.poll.pk)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "poll": self.poll}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            poll=self.poll,
            is_open=self.poll.is_open(),
            answered=self.already_answered(),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not self.poll.is_open() or self.already_answered():
            return self.render_to_response(self.get_context_data(), status=409)
        form = self.get_form()
        if throttle.too_many_answers(request, self.poll.pk):
            form.is_valid()
            form.add_error(None, TOO_MANY)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        if not form.is_valid():
            return self.form_invalid(form)
        try:
            services.poll_answer(
                poll=self.poll,
                choice=form.cleaned_data["keuze"],
                text=form.cleaned_data.get("toelichting", ""),
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        throttle.count_answer(request, self.poll.pk)
        response = redirect(self.poll.get_absolute_url())
        response.set_signed_cookie(
            answered_cookie(self.poll),
            str(self.poll.pk),
            salt=COOKIE_SALT,
            max_age=COOKIE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
        return response


class PollCreateView(ServiceFormView):
    permission_required = "themes.add_poll"
    permission_denied_message = gettext_lazy(
        "Alleen de kartrekker van dit thema en het programmateam openen een peiling."
    )
    template_name = "form_page.html"
    form_class = PollForm
    intro = gettext_lazy(
        "Eén korte vraag aan inwoners, zonder dat ze hoeven in te loggen. Deel daarna de "
        "link; de uitkomst staat op de themapagina."
    )
    extra_context = {"submit_label": gettext_lazy("Peiling openen")}

    def get_object(self):
        return get_object_or_404(Theme, slug=self.kwargs["slug"])

    def get_title(self):
        return _("Nieuwe peiling voor %(theme)s") % {"theme": self.object.name}

    def get_cancel_url(self):
        return self.object.get_absolute_url()

    def perform(self, form):
        return services.poll_create(
            user=self.request.user, theme=self.object, data=form.cleaned_data
        )

    def get_success_message(self, poll):
        return _("De peiling staat open tot en met %(date)s. Deel de link met inwoners.") % {
            "date": poll.closes_on.strftime("%d-%m-%Y")
        }

    def get_success_url_for(self, poll):
        return self.object.get_absolute_url() + "#peilingen"


class PollTextRemoveView(PortalPermissionMixin, View):
    """Remove a resident's free text (POST from the theme page)."""

    permission_required = "themes.remove_poll_text"
    permission_denied_message = gettext_lazy(
        "Alleen de kartrekker van dit thema en het programmateam verwijderen een toelichting."
    )

    def get_permission_object(self):
        if not hasattr(self, "_answer"):
            self._answer = get_object_or_404(
                PollAnswer.objects.select_related("poll__theme"), pk=self.kwargs["pk"]
            )
        return self._answer

    def post(self, request, *args, **kwargs):
        answer = self.get_permission_object()
        try:
            services.poll_text_remove(answer=answer, user=request.user)
        except PermissionDenied as refusal:
            return self.refused(str(refusal))
        messages.success(request, _("De toelichting is verwijderd."))
        return redirect(answer.poll.theme.get_absolute_url() + "#peilingen")
