"""The user's own API keys: make one (shown once), see when each was used, revoke one.

Views stay thin: the form validates, ``partners.services`` makes or revokes the key and
checks the rules of ``partners/rules.py``.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from landerd_portal.view_base import PortalPermissionMixin
from landerd_portal.view_helpers import add_service_errors

from . import selectors, services
from .forms import ApiTokenForm
from .models import ApiToken


class ApiTokenListView(PortalPermissionMixin, TemplateView):
    permission_required = "partners.manage_api_tokens"
    template_name = "partners/api_tokens.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ApiTokenForm())
        context["tokens"] = list(selectors.api_tokens_of(user=self.request.user))
        return context

    def post(self, request, *args, **kwargs):
        form = ApiTokenForm(request.POST)
        if form.is_valid():
            try:
                token, key = services.api_token_create(
                    user=request.user, name=form.cleaned_data["name"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                # The key is in this answer only, never in a redirect, a message or the
                # session: it cannot be read back, so no cache may keep it either.
                response = self.render_to_response(
                    self.get_context_data(form=ApiTokenForm(), new_token=token, new_key=key)
                )
                response["Cache-Control"] = "no-store"
                return response
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ApiTokenRevokeView(PortalPermissionMixin, View):
    permission_required = "partners.revoke_api_token"

    def get_permission_object(self):
        if not hasattr(self, "_token"):
            self._token = ApiToken.objects.filter(pk=self.kwargs["pk"]).first()
            if self._token is None:
                raise Http404(_("Deze API-sleutel bestaat niet."))
        return self._token

    def post(self, request, *args, **kwargs):
        token = self.get_permission_object()
        try:
            services.api_token_revoke(token=token, user=request.user)
        except PermissionDenied as refusal:
            return self.refused(str(refusal))
        messages.success(
            request,
            _("De sleutel ‘%(name)s’ is ingetrokken: hij werkt niet meer.") % {"name": token.name},
        )
        return redirect("partners:api_tokens")
