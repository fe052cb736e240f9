"""Views of the partner meeting (partneroverleg): thin; forms check, services act."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from landerd_portal.concurrency import EditConflict
from landerd_portal.media import serve_file
from landerd_portal.view_base import PortalPermissionMixin, ServiceFormView
from landerd_portal.view_helpers import add_service_errors, is_htmx
from programme.meetings import documents, forms, selectors, services, suggestions
from programme.models import ActionItem, AgendaAttachment, AgendaItem, AgendaProposal


def _message_for(request, error):
    for message in getattr(error, "messages", [str(error)]):
        messages.error(request, message)


class MeetingMixin(PortalPermissionMixin):
    """A view about one meeting (``pk`` in the URL); permission checked against it."""

    permission_required = "programme.view_meeting"

    def get_meeting(self):
        if not hasattr(self, "_meeting"):
            self._meeting = get_object_or_404(selectors.meeting_queryset(), pk=self.kwargs["pk"])
        return self._meeting

    def get_permission_object(self):
        return self.get_meeting()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meeting"] = self.get_meeting()
        context["can_manage"] = self.request.user.has_perm(
            "programme.manage_meetings", self.get_meeting()
        )
        return context

    def prepare_url(self):
        return reverse("programme:meeting_prepare", kwargs={"pk": self.get_meeting().pk})


class AgendaItemMixin(MeetingMixin):
    """A view about one agenda item (``item`` in the URL) of the meeting ``pk``."""

    permission_required = "programme.manage_meetings"

    def get_item(self):
        if not hasattr(self, "_item"):
            self._item = get_object_or_404(
                AgendaItem.objects.select_related("meeting"),
                pk=self.kwargs["item"],
                meeting_id=self.kwargs["pk"],
            )
        return self._item


# --- Reading ------------------------------------------------------------------------------


class MeetingListView(PortalPermissionMixin, TemplateView):
    permission_required = "programme.view_meetings"
    template_name = "programme/meetings/meeting_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        upcoming, past = selectors.meetings_for_list(user=user)
        context["upcoming"] = list(upcoming[:20])
        context["page_obj"] = Paginator(past, 10).get_page(self.request.GET.get("page"))
        context["can_manage"] = user.has_perm("programme.manage_meetings")
        if user.has_perm("programme.propose_agenda_item"):
            context["my_proposals"] = list(selectors.proposals_of_user(user=user)[:20])
        for meeting in context["upcoming"]:
            meeting.user_can_propose = user.has_perm("programme.propose_for_meeting", meeting)
            meeting.user_can_view = user.has_perm("programme.view_meeting", meeting)
        return context


class MeetingDetailView(MeetingMixin, TemplateView):
    template_name = "programme/meetings/meeting_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.get_meeting()
        user = self.request.user
        context["agenda"] = selectors.agenda_for_meeting(meeting=meeting)
        context["changes"] = list(selectors.agenda_changes(meeting=meeting))
        context["decisions"] = list(selectors.meeting_decisions(meeting=meeting))
        context["action_items"] = list(selectors.meeting_action_items(meeting=meeting))
        context["can_propose"] = user.has_perm("programme.propose_for_meeting", meeting)
        context["my_proposals"] = list(
            selectors.proposals_of_user(user=user).filter(meeting=meeting)
        )
        return context


class AgendaPdfView(MeetingMixin, View):
    def get(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        pdf = documents.agenda_pdf(
            meeting=meeting,
            agenda=selectors.agenda_for_meeting(meeting=meeting),
            changes=list(selectors.agenda_changes(meeting=meeting)),
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        name = slugify(meeting.title) or "agenda"
        response["Content-Disposition"] = f'attachment; filename="agenda-{name}.pdf"'
        return response


class MeetingIcsView(MeetingMixin, View):
    def get(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        url = request.build_absolute_uri(meeting.get_absolute_url())
        response = HttpResponse(
            documents.meeting_ics(
                meeting=meeting, agenda=selectors.agenda_for_meeting(meeting=meeting), url=url
            ),
            content_type="text/calendar; charset=utf-8",
        )
        name = slugify(meeting.title) or "partneroverleg"
        response["Content-Disposition"] = f'attachment; filename="{name}.ics"'
        return response


class AttachmentDownloadView(PortalPermissionMixin, View):
    """An agenda item's attachment, for whoever may see its meeting (a draft agenda's: the
    programme team only), handed over as every stored file is (landerd_portal.media)."""

    permission_required = "programme.view_meeting"

    def get_attachment(self):
        if not hasattr(self, "_attachment"):
            self._attachment = get_object_or_404(
                AgendaAttachment.objects.select_related("agenda_item__meeting"),
                pk=self.kwargs["pk"],
            )
        return self._attachment

    def get_permission_object(self):
        return self.get_attachment().agenda_item.meeting

    def get(self, request, *args, **kwargs):
        attachment = self.get_attachment()
        return serve_file(
            request,
            attachment.file,
            filename=attachment.name,
            content_type=attachment.content_type,
        )


# --- Preparing the agenda (programme team) -----------------------------------------------


class MeetingCreateView(ServiceFormView):
    permission_required = "programme.manage_meetings"
    template_name = "programme/meetings/meeting_form.html"
    form_class = forms.MeetingForm

    def perform(self, form):
        return services.meeting_create(actor=self.request.user, data=form.to_data())

    def get_success_message(self, meeting):
        return _("Het overleg is aangemaakt. Stel nu de agenda samen.")

    def get_success_url_for(self, meeting):
        return reverse("programme:meeting_prepare", kwargs={"pk": meeting.pk})


class MeetingUpdateView(MeetingMixin, ServiceFormView):
    permission_required = "programme.manage_meetings"
    template_name = "programme/meetings/meeting_form.html"
    form_class = forms.MeetingForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.get_meeting()}

    def perform(self, form):
        return services.meeting_update(
            meeting=self.get_meeting(),
            actor=self.request.user,
            data=form.to_data(),
            version=form.expected_version,
        )

    def get_conflict_form_kwargs(self, current):
        return {**super().get_conflict_form_kwargs(current), "meeting": current}

    def get_cancel_url(self):
        return self.prepare_url()

    def get_success_message(self, meeting):
        return _("De gegevens van het overleg zijn opgeslagen.")

    def get_success_url_for(self, meeting):
        return self.prepare_url()


class MeetingPrepareView(MeetingMixin, TemplateView):
    permission_required = "programme.manage_meetings"
    template_name = "programme/meetings/meeting_prepare.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.get_meeting()
        context["agenda"] = selectors.agenda_for_meeting(meeting=meeting)
        context["suggestions"] = suggestions.suggestions_for_meeting(meeting=meeting)
        context["proposals"] = list(selectors.meeting_proposals(meeting=meeting))
        context["dismissed"] = list(meeting.dismissed_suggestions.all())
        context["changes"] = list(selectors.agenda_changes(meeting=meeting))
        context["previous_meeting"] = suggestions.previous_meeting(meeting=meeting)
        return context


class _ManagePostView(MeetingMixin, View):
    """A POST-only action of the programme team that returns to the prepare page."""

    permission_required = "programme.manage_meetings"

    def act(self):  # pragma: no cover - overridden
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        try:
            self.act()
        except ValidationError as error:
            _message_for(request, error)
        return redirect(self.get_success_url())

    def get_success_url(self):
        return self.prepare_url()


class SuggestionAcceptView(_ManagePostView):
    def act(self):
        item = services.suggestion_accept(
            meeting=self.get_meeting(),
            actor=self.request.user,
            key=self.request.POST.get("key", ""),
        )
        messages.success(self.request, _("Op de agenda gezet: %(title)s") % {"title": item.title})


class SuggestionDismissView(_ManagePostView):
    def act(self):
        dismissed = services.suggestion_dismiss(
            meeting=self.get_meeting(),
            actor=self.request.user,
            key=self.request.POST.get("key", ""),
        )
        messages.info(
            self.request, _("Suggestie genegeerd: %(title)s") % {"title": dismissed.title}
        )


class MeetingPublishView(_ManagePostView):
    def act(self):
        services.meeting_publish(meeting=self.get_meeting(), actor=self.request.user)
        messages.success(
            self.request,
            _("De agenda is gepubliceerd. De partners krijgen een e-mail."),
        )

    def get_success_url(self):
        return self.get_meeting().get_absolute_url()


class AgendaItemAttachmentMixin:
    """The agenda item form's attachment: added with the item, and kept when the form
    comes back with an error (landerd_portal.pending_uploads), for the next submit."""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def add_attachments(self, form, item):
        """Add the new and the kept attachments to ``item``; call inside the transaction."""
        uploads = [form.cleaned_data.get("attachment"), *form.kept_attachments.open_in_use()]
        try:
            for uploaded in filter(None, uploads):
                services.attachment_add(item=item, actor=self.request.user, uploaded_file=uploaded)
        except ValidationError as error:
            raise _on_attachment_field(error) from error
        transaction.on_commit(form.kept_attachments.discard)
        return item

    def form_invalid(self, form):
        uploaded = getattr(form, "cleaned_data", {}).get("attachment")
        if uploaded and "attachment" not in form.errors:
            try:
                services.attachment_check(uploaded)
                form.kept_attachments.keep_new([uploaded])
            except ValidationError as error:
                add_service_errors(form, _on_attachment_field(error))
            except OSError:
                form.add_error("attachment", services.ATTACHMENT_NOT_STORED)
        if form.kept_attachments is not None:
            form.kept_attachments.refresh()
        return super().form_invalid(form)


def _on_attachment_field(error):
    """The attachment service names its field ``file``; in the agenda item form it is
    ``attachment``."""
    if hasattr(error, "error_dict") and "file" in error.error_dict:
        errors = dict(error.error_dict)
        errors["attachment"] = errors.pop("file")
        return ValidationError(errors)
    return error


class AgendaItemCreateView(AgendaItemAttachmentMixin, MeetingMixin, ServiceFormView):
    permission_required = "programme.manage_meetings"
    template_name = "programme/meetings/agenda_item_form.html"
    form_class = forms.AgendaItemForm

    @transaction.atomic
    def perform(self, form):
        item = services.agenda_item_create(
            meeting=self.get_meeting(), actor=self.request.user, data=form.to_data()
        )
        return self.add_attachments(form, item)

    def get_success_message(self, item):
        return _("Op de agenda gezet: %(title)s") % {"title": item.title}

    def get_success_url_for(self, item):
        return self.prepare_url() + "#agenda"


class AgendaItemUpdateView(AgendaItemAttachmentMixin, AgendaItemMixin, ServiceFormView):
    template_name = "programme/meetings/agenda_item_form.html"
    form_class = forms.AgendaItemForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.get_item()
        if "upload" in self.request.POST:
            kwargs.pop("data", None)
            kwargs.pop("files", None)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["item"] = self.get_item()
        context["attachments"] = list(self.get_item().attachments.all())
        context.setdefault("attachment_form", forms.AttachmentForm())
        return context

    def post(self, request, *args, **kwargs):
        if "upload" in request.POST:
            return self.upload()
        return super().post(request, *args, **kwargs)

    def upload(self):
        attachment_form = forms.AttachmentForm(self.request.POST, self.request.FILES)
        if attachment_form.is_valid():
            try:
                attachment = services.attachment_add(
                    item=self.get_item(),
                    actor=self.request.user,
                    uploaded_file=attachment_form.cleaned_data["file"],
                )
            except ValidationError as error:
                add_service_errors(attachment_form, error)
            else:
                messages.success(
                    self.request, _("Bijlage toegevoegd: %(name)s") % {"name": attachment.name}
                )
                return redirect(self.request.path)
        return self.render_to_response(
            self.get_context_data(attachment_form=attachment_form), status=400
        )

    def perform(self, form):
        # The ModelForm already wrote the new values onto the instance; the service
        # compares against a fresh copy so it can tell what changed.
        with transaction.atomic():
            item = services.agenda_item_update(
                item=AgendaItem.objects.select_related("meeting").get(pk=self.get_item().pk),
                actor=self.request.user,
                data=form.to_data(),
                version=form.expected_version,
            )
            return self.add_attachments(form, item)

    def get_cancel_url(self):
        return self.prepare_url() + "#agenda"

    def get_success_message(self, item):
        return _("Het agendapunt is opgeslagen.")

    def get_success_url_for(self, item):
        return self.prepare_url() + "#agenda"


class AgendaItemDeleteView(AgendaItemMixin, TemplateView):
    template_name = "programme/meetings/agenda_item_confirm_delete.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "item": self.get_item()}

    def post(self, request, *args, **kwargs):
        item = self.get_item()
        try:
            services.agenda_item_delete(item=item, actor=request.user)
        except ValidationError as error:
            _message_for(request, error)
        else:
            messages.success(request, _("Van de agenda gehaald: %(title)s") % {"title": item.title})
        return redirect(self.prepare_url() + "#agenda")


class AgendaItemMoveView(AgendaItemMixin, TemplateView):
    """Move an item up or down. With htmx, answers with the agenda table only."""

    template_name = "programme/meetings/_agenda_builder.html"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        direction = request.POST.get("direction", "")
        try:
            item = services.agenda_item_move(
                item=self.get_item(), actor=request.user, direction=direction
            )
        except ValidationError as error:
            if is_htmx(request):
                return HttpResponse(" ".join(error.messages), status=400)
            _message_for(request, error)
            return redirect(self.prepare_url() + "#agenda")
        if not is_htmx(request):
            return redirect(self.prepare_url() + "#agenda")
        context = self.get_context_data()
        context["agenda"] = selectors.agenda_for_meeting(meeting=self.get_meeting())
        number = next(row.number for row in context["agenda"].rows if row.item.pk == item.pk)
        context["moved_message"] = _("%(title)s staat nu op plaats %(number)d.") % {
            "title": item.title,
            "number": number,
        }
        return self.render_to_response(context)


class AgendaItemMinutesView(AgendaItemMixin, TemplateView):
    """Change an item's minutes from the agenda builder. With htmx, answers with the agenda
    table only (the new times and total); without, goes back to the builder."""

    template_name = "programme/meetings/_agenda_builder.html"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        item = self.get_item()
        form = forms.AgendaItemMinutesForm(request.POST)
        message, problem = "", ""
        if not form.is_valid():
            problem = " ".join(form.errors.get("minutes", [])) or _("Vul een aantal minuten in.")
        else:
            try:
                services.agenda_item_set_minutes(
                    item=item,
                    actor=request.user,
                    minutes=form.cleaned_data["minutes"],
                    version=form.cleaned_data["version"],
                )
                message = _("%(title)s duurt nu %(minutes)d minuten.") % {
                    "title": item.title,
                    "minutes": form.cleaned_data["minutes"],
                }
            except EditConflict:
                problem = _(
                    "Iemand anders wijzigde dit agendapunt intussen. De agenda is bijgewerkt; "
                    "kijk of je wijziging nog nodig is."
                )
            except ValidationError as error:
                problem = " ".join(error.messages)
        if not is_htmx(request):
            if problem:
                messages.error(request, problem)
            else:
                messages.success(request, message)
            return redirect(self.prepare_url() + "#agenda")
        context = self.get_context_data()
        context["agenda"] = selectors.agenda_for_meeting(meeting=self.get_meeting())
        context["moved_message"] = problem or message
        context["minutes_problem"] = {"pk": item.pk, "text": problem} if problem else None
        return self.render_to_response(context)


# --- Proposals ----------------------------------------------------------------------------


class ProposalCreateView(MeetingMixin, ServiceFormView):
    permission_required = "programme.propose_for_meeting"
    template_name = "programme/meetings/proposal_form.html"
    form_class = forms.ProposalForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["my_proposals"] = list(
            selectors.proposals_of_user(user=self.request.user).filter(meeting=self.get_meeting())
        )
        return context

    success_url = reverse_lazy("programme:meeting_list")

    def perform(self, form):
        return services.proposal_create(
            meeting=self.get_meeting(), proposer=self.request.user, **form.cleaned_data
        )

    def get_success_message(self, proposal):
        return _("Je voorstel is ingediend. Het programmateam besluit of het op de agenda komt.")


class ProposalMixin(PortalPermissionMixin):
    permission_required = "programme.manage_meetings"

    def get_proposal(self):
        if not hasattr(self, "_proposal"):
            self._proposal = get_object_or_404(
                AgendaProposal.objects.select_related("meeting", "proposer__organisation"),
                pk=self.kwargs["pk"],
            )
        return self._proposal

    def get_permission_object(self):
        return self.get_proposal().meeting

    def prepare_url(self):
        return reverse("programme:meeting_prepare", kwargs={"pk": self.get_proposal().meeting_id})


class ProposalAcceptView(ProposalMixin, View):
    def post(self, request, *args, **kwargs):
        try:
            item = services.proposal_accept(proposal=self.get_proposal(), actor=request.user)
        except ValidationError as error:
            _message_for(request, error)
        else:
            messages.success(request, _("Op de agenda gezet: %(title)s") % {"title": item.title})
        return redirect(self.prepare_url())


class ProposalDeclineView(ProposalMixin, ServiceFormView):
    template_name = "programme/meetings/proposal_decline.html"
    form_class = forms.DeclineForm
    success_message_level = messages.INFO

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["proposal"] = self.get_proposal()
        context["meeting"] = self.get_proposal().meeting
        return context

    def perform(self, form):
        return services.proposal_decline(
            proposal=self.get_proposal(),
            actor=self.request.user,
            reason=form.cleaned_data["reason"],
        )

    def get_success_message(self, proposal):
        return _("Het voorstel is afgewezen; de indiener ziet je reden.")

    def get_success_url_for(self, proposal):
        return self.prepare_url()


# --- After the meeting --------------------------------------------------------------------


class MeetingMinutesView(MeetingMixin, TemplateView):
    """Minutes per item, decisions and action items, on one page for the note-taker."""

    permission_required = "programme.manage_meetings"
    template_name = "programme/meetings/meeting_minutes.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.get_meeting()
        agenda = selectors.agenda_for_meeting(meeting=meeting)
        bound = kwargs.get("bound_minutes")
        for row in agenda.rows:
            if bound is not None and bound[0] == row.item.pk:
                row.minutes_form = bound[1]
            else:
                row.minutes_form = forms.MinutesForm(
                    initial={"notes": row.item.notes}, prefix=f"item-{row.item.pk}"
                )
        context["agenda"] = agenda
        context.setdefault("decision_form", forms.DecisionForm(meeting=meeting, prefix="decision"))
        context.setdefault("action_form", forms.ActionItemForm(meeting=meeting, prefix="action"))
        context["decisions"] = list(selectors.meeting_decisions(meeting=meeting))
        context["action_items"] = list(selectors.meeting_action_items(meeting=meeting))
        return context

    def post(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        handler = {
            "minutes": self.save_minutes,
            "decision": self.add_decision,
            "action": self.add_action,
            "held": self.mark_held,
        }.get(request.POST.get("form"))
        if handler is None:
            return redirect(request.path)
        try:
            return handler(meeting)
        except ValidationError as error:
            _message_for(request, error)
            return redirect(request.path)

    def save_minutes(self, meeting):
        item = get_object_or_404(meeting.agenda_items, pk=self.request.POST.get("item"))
        form = forms.MinutesForm(self.request.POST, prefix=f"item-{item.pk}")
        if not form.is_valid():
            return self.render_to_response(
                self.get_context_data(bound_minutes=(item.pk, form)), status=400
            )
        services.minutes_save(item=item, actor=self.request.user, notes=form.cleaned_data["notes"])
        messages.success(
            self.request, _("Verslag opgeslagen bij %(title)s.") % {"title": item.title}
        )
        return redirect(f"{self.request.path}#punt-{item.pk}")

    def add_decision(self, meeting):
        form = forms.DecisionForm(self.request.POST, meeting=meeting, prefix="decision")
        if form.is_valid():
            try:
                services.decision_create(
                    meeting=meeting, actor=self.request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(self.request, _("Het besluit is vastgelegd."))
                return redirect(f"{self.request.path}#besluiten")
        return self.render_to_response(self.get_context_data(decision_form=form), status=400)

    def add_action(self, meeting):
        form = forms.ActionItemForm(self.request.POST, meeting=meeting, prefix="action")
        if form.is_valid():
            try:
                services.action_item_create(
                    meeting=meeting, actor=self.request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(self.request, _("Het actiepunt is vastgelegd."))
                return redirect(f"{self.request.path}#acties")
        return self.render_to_response(self.get_context_data(action_form=form), status=400)

    def mark_held(self, meeting):
        services.meeting_mark_held(meeting=meeting, actor=self.request.user)
        messages.success(self.request, _("Het overleg is afgesloten."))
        return redirect(meeting.get_absolute_url())


class ActionItemDoneView(PortalPermissionMixin, View):
    permission_required = "programme.complete_action_item"

    def get_action_item(self):
        if not hasattr(self, "_action"):
            self._action = get_object_or_404(ActionItem, pk=self.kwargs["pk"])
        return self._action

    def get_permission_object(self):
        return self.get_action_item()

    def post(self, request, *args, **kwargs):
        action = self.get_action_item()
        services.action_item_complete(action_item=action, actor=request.user)
        messages.success(request, _("Afgerond: %(what)s") % {"what": action.description})
        next_url = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = reverse("dashboard")
        return redirect(next_url)
