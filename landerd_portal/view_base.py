"""The base every app's views build on: who may open a page, and form → service → redirect.

``PortalPermissionMixin`` checks the view's ``permission_required`` with rules (each app's
``rules.py``). Signed-out visitors go to the login page; a signed-in user who may not
gets ``templates/403.html`` with the view's ``permission_denied_message`` as the reason.
Django's own 403 handler renders that same template with a ``PermissionDenied``'s
message, so a refusal raised anywhere (a service's ``require_permission``, say) reads the
same way.

``ServiceFormView`` is the shape of every form page: the form validates, ``perform`` hands
the cleaned data to one service, and the view redirects with a message. A service's
``ValidationError`` goes back to the form next to the fields it names, with everything the
user typed; its ``PermissionDenied`` becomes the 403 page with its reason.

Nothing lost, nothing twice (``landerd_portal.concurrency``): a service's ``EditConflict``
(someone saved the row since the form was opened) shows the form again, filled with what
the user typed, with the other version beside every field that differs (HTTP 409); and a
create form's one-time token is recorded with the row it made, in the same transaction,
so the same form sent again leads to that row ("Dit was al opgeslagen.").
"""

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from rules.contrib.views import PermissionRequiredMixin

from . import concurrency
from .logs import log_event
from .view_helpers import add_service_errors

REFUSED_TEMPLATE = "403.html"
NOT_ALLOWED = _("Je hebt geen toegang tot deze pagina.")
ALREADY_SAVED = _("Dit was al opgeslagen.")
SENT_BEFORE = _("Dit formulier is al eens verstuurd. Open het opnieuw om nog iets toe te voegen.")


def refused_response(request, reason, **context):
    """The 403 page with ``reason``; ``back_url`` and ``back_label`` replace the way home."""
    # "exception" is the name Django's own 403 handler gives the reason, so the template
    # has one contract for both.
    log_event("refused", user=request.user, level=logging.WARNING, path=request.path)
    return TemplateResponse(
        request, REFUSED_TEMPLATE, {"exception": str(reason), **context}, status=403
    )


class PortalPermissionMixin(PermissionRequiredMixin):
    """Refuse with a readable Dutch reason (403); signed-out visitors go to the login page.

    Set ``permission_required`` (a rules permission, or ``()`` for any signed-in user) and,
    where it helps, a ``permission_denied_message`` that says why.
    """

    permission_denied_message = NOT_ALLOWED

    def dispatch(self, request, *args, **kwargs):
        # Signed-out visitors are sent to sign in before any object is looked up, so the
        # answer (404 or login) never tells them which objects exist.
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)

    def handle_no_permission(self):
        if not self.request.user.is_authenticated:
            return super().handle_no_permission()
        return self.refused(self.get_permission_denied_message())

    def refused(self, reason):
        return refused_response(self.request, reason, **self.get_refused_context())

    def get_refused_context(self):
        """Extra context for the 403 page: e.g. ``back_url`` to the object the user may see."""
        return {}


class ServiceFormView(PortalPermissionMixin, FormView):
    """A form whose valid data goes to one service; its errors come back to the form.

    Subclasses set ``form_class``, ``template_name`` and ``permission_required``, and
    implement ``perform(form)``, which calls the service and returns what it made or
    changed. ``get_object`` names the object the permission is checked against (and the
    page is about); it is read once per request.
    """

    title = ""
    intro = ""
    success_message = ""
    success_message_level = messages.SUCCESS
    cancel_url = None

    def get_object(self):
        return None

    def get_permission_object(self):
        if not hasattr(self, "_object"):
            self._object = self.get_object()
        return self._object

    @property
    def object(self):
        return self.get_permission_object()

    def perform(self, form):
        raise NotImplementedError(f"{type(self).__name__} must call its service in perform().")

    def form_valid(self, form):
        token = getattr(form, "submission_token", None)
        if token is not None:
            earlier = concurrency.earlier_submission(token=token, user=self.request.user)
            if earlier is not None:
                return self.already_saved(earlier)
        try:
            result = self.perform_once(form, token)
        except concurrency.AlreadySubmitted:
            earlier = concurrency.earlier_submission(token=token, user=self.request.user)
            if earlier is not None:
                return self.already_saved(earlier)
            form.add_error(None, SENT_BEFORE)
            return self.form_invalid(form)
        except concurrency.EditConflict as conflict:
            return self.edit_conflict(form, conflict.current)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except PermissionDenied as refusal:
            return self.refused(str(refusal) or self.get_permission_denied_message())
        message = self.get_success_message(result)
        if message:
            messages.add_message(self.request, self.success_message_level, message)
        return redirect(self.get_success_url_for(result))

    def perform_once(self, form, token):
        """``perform``, and with a token, record it with the row in the same transaction."""
        if token is None:
            return self.perform(form)
        with transaction.atomic():
            result = self.perform(form)
            concurrency.record_submission(token=token, user=self.request.user, result=result)
        return result

    def already_saved(self, submission):
        """The form was sent before: go to what it made, as the first time would have."""
        messages.info(self.request, ALREADY_SAVED)
        made = submission.content_object
        if made is None:  # removed since
            return redirect(self.get_cancel_url() or "dashboard")
        return redirect(self.get_success_url_for(made))

    def edit_conflict(self, form, current):
        """Someone saved ``current`` after this form was opened: show both, save nothing.

        The form keeps what the user typed and now carries the new version, so saving it
        again keeps theirs; beside each field that differs stands the other version.
        """
        theirs = self.get_form_class()(**self.get_conflict_form_kwargs(current))
        found = concurrency.differences(form, theirs)
        concurrency.mark_differences(form, found)
        form.show_version(current.version)
        saved_by = getattr(current, "updated_by", None)
        context = self.get_context_data(
            form=form,
            edit_conflict={
                "differences": found,
                "saved_by": saved_by,
                "saved_by_me": saved_by is not None and saved_by == self.request.user,
                "files_dropped": bool(self.request.FILES),
                "take_theirs_url": self.get_cancel_url() or self.request.path,
            },
        )
        return self.render_to_response(context, status=409)

    def get_conflict_form_kwargs(self, current):
        """The form's arguments for the row as saved now (``current``), unbound."""
        kwargs = self.get_form_kwargs()
        kwargs.pop("data", None)
        kwargs.pop("files", None)
        if "instance" in kwargs:
            kwargs["instance"] = current
        return kwargs

    def get_success_message(self, result):
        return self.success_message

    def get_success_url_for(self, result):
        """Where to go after saving: ``success_url``, else back to where the form was opened."""
        if self.success_url:
            return self.get_success_url()
        return self.get_cancel_url()

    def get_cancel_url(self):
        return str(self.cancel_url) if self.cancel_url else None

    def get_title(self):
        return self.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=self.get_title(),
            intro=self.intro,
            object=self.object,
            cancel_url=self.get_cancel_url(),
        )
        return context
