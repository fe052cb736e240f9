"""The phase-report pages at /rapportages/: start a build, follow it, publish, download.

Views stay thin: the build runs in the Celery worker (services.request_report_build only
queues it), permissions come from programme/rules.py (through PortalPermissionMixin),
figures from the stored summary.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView

from landerd_portal.media import serve_file
from landerd_portal.view_base import PortalPermissionMixin
from landerd_portal.view_helpers import add_service_errors, is_htmx
from programme.models import PhaseReport
from programme.reports import agreement, selectors, services
from programme.reports.documents.agreement import agreement_docx, agreement_pdf
from programme.reports.forms import AgreementForm, ReportBuildForm, ReportPublishForm

CONTENT_TYPES = {"pdf": "application/pdf", "csv": "text/csv; charset=utf-8"}
POLL_SECONDS = 2


class ReportObjectMixin:
    """Fetch the version from the URL once; rules checks `view_report` etc. against it."""

    def get_object(self, queryset=None):
        if not hasattr(self, "_report"):
            self._report = get_object_or_404(
                selectors.reports_with_people(PhaseReport.objects.all()), pk=self.kwargs["pk"]
            )
        return self._report

    def get_permission_object(self):
        return self.get_object()


def report_card_context(user, report):
    [report] = selectors.with_build_progress([report])
    return {
        "report": report,
        "can_publish": user.has_perm("programme.publish_report"),
        "can_restart": user.has_perm("programme.restart_report"),
        "poll_seconds": POLL_SECONDS,
    }


class ReportListView(PortalPermissionMixin, ListView):
    """The programme team: every version, a build form; griffie and observers: published."""

    permission_required = "programme.view_reports"
    template_name = "programme/reports/report_list.html"
    context_object_name = "reports"
    paginate_by = 20
    form = None

    def get_queryset(self):
        return selectors.reports_for_user(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        can_build = user.has_perm("programme.build_report")
        phase = selectors.report_phase() if can_build else None
        if can_build and self.form is None:
            self.form = ReportBuildForm(initial={"phase": phase.pk if phase else None})
        if phase is not None:
            # What a build of the current phase would leave out (one query).
            period_start, period_end = selectors.default_period(phase=phase)
            context["quotes_without_consent"] = selectors.quotes_without_consent_count(
                period_start=period_start, period_end=period_end
            )
        # The cards say whether a build waits for the broker or is stuck (two queries).
        context["reports"] = selectors.with_build_progress(context["reports"])
        if user.has_perm("programme.download_agreement"):
            context["agreement_form"] = agreement_form(phase)
        context.update(
            form=self.form,
            can_build=can_build,
            can_publish=user.has_perm("programme.publish_report"),
            can_restart=user.has_perm("programme.restart_report"),
            poll_seconds=POLL_SECONDS,
        )
        return context


class ReportBuildView(ReportListView):
    """POST: queue a new version. Errors are shown on the list page, next to the fields."""

    permission_required = "programme.build_report"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.form = ReportBuildForm(request.POST)
        if self.form.is_valid():
            try:
                report = services.request_report_build(
                    phase=self.form.cleaned_data["phase"],
                    requested_by=request.user,
                    period_start=self.form.cleaned_data["period_start"],
                    period_end=self.form.cleaned_data["period_end"],
                )
            except ValidationError as error:
                add_service_errors(self.form, error)
            else:
                announce_build(request, report)
                return redirect(f"{reverse('programme:report_list')}#rapportage-{report.pk}")
        self.object_list = self.get_queryset()
        context = self.get_context_data()
        return self.render_to_response(context, status=400)


def announce_build(request, report):
    """Tell honestly what happens next: built now, or once the broker is back."""
    if services.build_is_waiting_for_broker(report=report):
        messages.warning(
            request,
            _(
                "Versie %(version)s van %(phase)s is aangevraagd; de rapportage wordt gemaakt "
                "zodra de achtergrondverwerking weer bereikbaar is."
            )
            % {"version": report.version, "phase": report.phase.name},
        )
    else:
        messages.success(
            request,
            _(
                "Versie %(version)s van %(phase)s wordt gemaakt. De status hieronder "
                "verandert vanzelf."
            )
            % {"version": report.version, "phase": report.phase.name},
        )


class ReportDetailView(ReportObjectMixin, PortalPermissionMixin, DetailView):
    """One version: its status, files, checksum and the figures it was built with."""

    permission_required = "programme.view_report"
    template_name = "programme/reports/report_detail.html"
    context_object_name = "report"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(report_card_context(self.request.user, self.object))
        if self.request.user.has_perm("programme.build_report"):
            context["quotes_without_consent"] = selectors.quotes_without_consent_count(
                period_start=self.object.period_start, period_end=self.object.period_end
            )
        return context


class ReportStatusView(ReportObjectMixin, PortalPermissionMixin, DetailView):
    """The small fragment htmx polls while a version is queued or being built."""

    permission_required = "programme.view_report"
    template_name = "programme/reports/_report_card_body.html"

    def get(self, request, *args, **kwargs):
        if not is_htmx(request):
            return redirect(self.get_object().get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return report_card_context(self.request.user, self.get_object())


class ReportPublishView(ReportObjectMixin, PortalPermissionMixin, DetailView):
    """GET: the preview of what goes to the griffie (the key figures, what deserves a
    second look, who is e-mailed). POST: publish, only with the explicit confirmation."""

    permission_required = "programme.publish_report"
    template_name = "programme/reports/report_publish.html"
    context_object_name = "report"

    def get_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        return ReportPublishForm(data, report=self.object)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=form or self.get_form(),
            preview=selectors.publish_preview(report=self.object),
        )
        return context

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            services.check_publishable(self.object)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect(self.object.get_absolute_url())
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        self.object = report = self.get_object()
        form = self.get_form()
        if form.is_valid():
            try:
                services.publish_report(
                    report=report,
                    published_by=request.user,
                    supersedes=form.cleaned_data.get("supersedes"),
                    supersede_reason=form.cleaned_data.get("supersede_reason", ""),
                )
            except ValidationError as error:
                if not hasattr(error, "error_dict"):  # e.g. published meanwhile
                    messages.error(request, " ".join(error.messages))
                    return redirect(report.get_absolute_url())
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Versie %(version)s is gepubliceerd. De griffie krijgt hierover een e-mail.")
                    % {"version": report.version},
                )
                return redirect(report.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ReportRestartView(ReportObjectMixin, PortalPermissionMixin, View):
    """POST: build a failed or stuck version again, from its page or the list."""

    permission_required = "programme.restart_report"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        report = self.get_object()
        try:
            report = services.restart_report_build(report=report, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            announce_build(request, report)
        return redirect(report.get_absolute_url())


class ReportDownloadView(ReportObjectMixin, PortalPermissionMixin, View):
    """The PDF or CSV of a finished version, under its public file name."""

    permission_required = "programme.view_report"

    def get(self, request, *args, **kwargs):
        extension = self.kwargs["extension"]
        report = self.get_object()
        if extension not in CONTENT_TYPES or not report.has_files:
            raise Http404(_("Dit bestand bestaat niet (meer)."))
        stored = report.pdf if extension == "pdf" else report.csv
        if not stored:
            raise Http404(_("Dit bestand bestaat niet (meer)."))
        # Versions are immutable, but an unpublished one may be withdrawn from view.
        return serve_file(
            request,
            stored,
            filename=report.download_name(extension),
            content_type=CONTENT_TYPES[extension],
            cache_control="private, no-store",
        )


# --- The collaboration agreement ------------------------------------------------------------

AGREEMENT_FORMATS = {
    "pdf": ("application/pdf", agreement_pdf),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        agreement_docx,
    ),
}


def agreement_form(phase):
    """The download form on /rapportages/, set to the current phase and PDF (one query)."""
    return AgreementForm(
        initial={"fase": phase.slug if phase else None, "formaat": "pdf"},
        phases=agreement.agreement_phases(),
    )


class AgreementDownloadView(PortalPermissionMixin, View):
    """The collaboration agreement of a phase (`?fase=<slug>`, default the current phase) as
    PDF or, with `?formaat=docx`, as Word file; made from the portal's data on request (a
    few pages: about a second). A phase that does not exist is said on /rapportages/."""

    permission_required = "programme.download_agreement"

    def get(self, request, *args, **kwargs):
        current = agreement.agreement_phase()
        form = AgreementForm(
            {
                "fase": request.GET.get("fase") or (current.slug if current else ""),
                "formaat": request.GET.get("formaat") or "pdf",
            },
            phases=agreement.agreement_phases(),
        )
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
            return redirect(reverse("programme:report_list") + "#overeenkomst")
        phase = agreement.agreement_phase(slug=form.cleaned_data["fase"])
        extension = form.cleaned_data["formaat"]
        content_type, make = AGREEMENT_FORMATS[extension]
        language = translation.get_language() or "nl"
        document = make(data=agreement.agreement_data(phase=phase), language_code=language[:2])
        response = HttpResponse(document, content_type=content_type)
        filename = f"samenwerkingsovereenkomst-{phase.slug}.{extension}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        return response
