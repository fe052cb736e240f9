"""Phase reports: what goes in, how a build succeeds, fails and retries, who sees what."""

import datetime
import io
import time
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import OperationalError
from django.urls import reverse
from pypdf import PdfReader

from landerd_portal.models import OutboxMessage
from learning_history.models import Question
from programme.models import PhaseReport
from programme.reports.selectors import dashboard_panel, phase_report_data
from programme.reports.services import (
    BUILD_TASK,
    build_report,
    publish_report,
    request_builds_for_ended_phases,
    request_report_build,
)
from programme.reports.tasks import build_phase_report
from tests.factories import (
    ActivityFactory,
    BudgetFactory,
    DecisionFactory,
    GoalFactory,
    PartnerMeetingFactory,
    PhaseReportFactory,
    QuestionFactory,
    ReflectionFactory,
    UserFactory,
    VillageFactory,
)


@pytest.fixture
def programme_content(phase, theme, organisation, other_organisation):
    """Published and unpublished material of phase 1 (2019), as the report should sort it."""
    for year, amount, fte in [(2019, 58400, 1), (2020, 48400, Decimal("0.5")), (2021, 19200, 0)]:
        BudgetFactory(
            programme=phase.programme, year=year, amount=amount, programme_management_fte=fte
        )
    zeeland = VillageFactory(name="Zeeland")
    published = ActivityFactory(
        published=True,
        theme=theme,
        title="Zomerkalender voor ouderen",
        owner_organisation=organisation,
        reach=120,
        quote="Eindelijk kwam ik weer eens buiten.",
        quote_attribution="Deelnemer",
        quote_consented=True,
        villages=[zeeland],
    )
    published.organisations.add(other_organisation)
    ActivityFactory(published=True, theme=theme, title="Wandelgroep Reek", reach=30)
    ActivityFactory(theme=theme, title="Conceptactiviteit die geheim blijft")
    ActivityFactory(
        published=True, theme=theme, title="Activiteit uit 2020", date=datetime.date(2020, 3, 1)
    )
    GoalFactory(theme=theme, title="Minder eenzame ouderen", unit="%", baseline=40, target=30)
    author = UserFactory(organisation=organisation)
    ReflectionFactory(phase=phase, author=author, published=True, text="Samen doen werkte goed.")
    ReflectionFactory(phase=phase, author=author, shared=True, text="Alleen gedeelde reflectie.")
    ReflectionFactory(phase=phase, author=author, text="Concept van een reflectie.")
    QuestionFactory(phase=phase, text="Hoe borgen we dit zonder programmamanager?")
    QuestionFactory(phase=phase, text="Beantwoorde vraag", status=Question.Status.ANSWERED)
    held = PartnerMeetingFactory(
        starts_at=datetime.datetime(2019, 10, 1, 14, tzinfo=datetime.UTC), status="held"
    )
    DecisionFactory(meeting=held, text="We gaan door met de zomerkalender.")
    draft_meeting = PartnerMeetingFactory(
        starts_at=datetime.datetime(2019, 11, 1, 14, tzinfo=datetime.UTC)
    )
    DecisionFactory(meeting=draft_meeting, text="Besluit uit een concept-overleg.")
    return phase


def pdf_text(report):
    with report.pdf.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


def build(phase, **kwargs):
    report = request_report_build(phase=phase, enqueue=False, **kwargs)
    build_report(report_id=report.pk)
    report.refresh_from_db()
    return report


# --- What the report holds ----------------------------------------------------------------


def test_report_figures_count_only_published_activities_of_the_period(programme_content):
    data = phase_report_data(
        phase=programme_content,
        period_start=datetime.date(2019, 1, 1),
        period_end=datetime.date(2019, 12, 31),
    )
    assert data.figures.activities == 2
    assert data.figures.reach == 150
    assert data.figures.organisations == 3  # two owners plus the partner of the first
    assert [d.text for d in data.decisions] == ["We gaan door met de zomerkalender."]
    assert [q.text for q in data.open_questions] == ["Hoe borgen we dit zonder programmamanager?"]
    reflections = [r.text for _, items in data.reflections_by_kind for r in items]
    assert reflections == ["Samen doen werkte goed."]


@pytest.mark.django_db
def test_built_pdf_holds_published_material_and_none_of_the_drafts(programme_content, settings):
    settings.REPORT_ANNEX_CHUNK_SIZE = 1  # several annex parts, joined
    report = build(programme_content)

    assert report.status == PhaseReport.Status.READY, report.failure_reason
    assert len(report.checksum) == 64 and len(report.csv_checksum) == 64
    text = pdf_text(report)
    for expected in [
        "Samen Landerd, Samen Beter",
        "Uitvoering fase 1 (2019)",
        "Inhoud",
        "Eenzaamheid",
        "Zomerkalender voor ouderen",
        "Wandelgroep Reek",
        "Eindelijk kwam ik weer eens buiten.",
        "Minder eenzame ouderen",
        "58.400",
        "48.400",
        "19.200",
        "Samen doen werkte goed.",
        "Hoe borgen we dit zonder programmamanager?",
        "We gaan door met de zomerkalender.",
        "ONS Welzijn",
    ]:
        assert expected in text, expected
    for absent in [
        "Conceptactiviteit die geheim blijft",
        "Activiteit uit 2020",
        "Alleen gedeelde reflectie.",
        "Concept van een reflectie.",
        "Beantwoorde vraag",
        "Besluit uit een concept-overleg.",
    ]:
        assert absent not in text, absent
    assert report.page_count == len(PdfReader(report.pdf.path).pages)

    csv_text = report.csv.open("rb").read().decode("utf-8-sig")
    assert "Zomerkalender voor ouderen" in csv_text and "Wandelgroep Reek" in csv_text
    assert "Conceptactiviteit" not in csv_text
    assert report.summary["activities"] == 2


# --- Building: failure, retries, immutability ----------------------------------------------


def test_build_that_cannot_store_its_file_fails_with_a_reason_and_no_file(
    programme_content, monkeypatch, settings
):
    def refuse(self, name, content, max_length=None):
        raise PermissionError("Permission denied: the report folder is read-only")

    monkeypatch.setattr(FileSystemStorage, "save", refuse)
    report = build(programme_content)

    assert report.status == PhaseReport.Status.FAILED
    assert "opgeslagen" in report.failure_reason and "read-only" in report.failure_reason
    assert not report.pdf and not report.csv and report.checksum == ""
    reports_folder = settings.MEDIA_ROOT / "rapportages"
    assert not reports_folder.exists() or not any(reports_folder.rglob("*.*"))


def test_failed_version_is_shown_with_its_reason_and_cannot_be_downloaded(client, programmateam):
    report = PhaseReportFactory(status=PhaseReport.Status.FAILED, failure_reason="Schijf vol.")
    client.force_login(programmateam)
    page = client.get(reverse("programme:report_list")).content.decode()
    assert "Het maken is mislukt." in page and "Schijf vol." in page
    download = reverse("programme:report_download", args=[report.pk, "pdf"])
    assert client.get(download).status_code == 404


def test_retried_task_does_not_create_a_second_version(programme_content, monkeypatch):
    report = request_report_build(phase=programme_content, enqueue=False)
    original_save = FileSystemStorage.save
    calls = {"n": 0}

    def flaky_save(self, name, content, max_length=None):
        calls["n"] += 1
        if calls["n"] == 1:
            raise ConnectionError("object storage did not answer")
        return original_save(self, name, content, max_length=max_length)

    monkeypatch.setattr(FileSystemStorage, "save", flaky_save)
    build_phase_report.apply(args=[report.pk])  # fails once, retried (eagerly), succeeds
    report.refresh_from_db()
    assert report.status == PhaseReport.Status.READY
    first_checksum = report.checksum

    build_phase_report.apply(args=[report.pk])  # redelivered: nothing more to do
    report.refresh_from_db()
    assert PhaseReport.objects.filter(phase=programme_content).count() == 1
    assert report.version == 1 and report.checksum == first_checksum


def test_transient_database_error_that_persists_ends_as_failed(programme_content, monkeypatch):
    report = request_report_build(phase=programme_content, enqueue=False)

    def database_gone(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("programme.reports.services.phase_report_data", database_gone)
    monkeypatch.setattr(build_phase_report, "max_retries", 1)
    build_phase_report.apply(args=[report.pk])
    report.refresh_from_db()
    assert report.status == PhaseReport.Status.FAILED
    assert "database" in report.failure_reason


def test_published_version_never_changes(programme_content, programmateam):
    report = build(programme_content)
    publish_report(report=report, published_by=programmateam)
    report.refresh_from_db()
    checksum, name = report.checksum, report.pdf.name

    with pytest.raises(ValidationError):
        publish_report(report=report, published_by=programmateam)
    assert build_report(report_id=report.pk) is None
    report.refresh_from_db()
    assert (report.status, report.checksum, report.pdf.name) == ("published", checksum, name)
    assert build(programme_content).version == 2  # a new build is a new version


def test_only_a_ready_version_can_be_published(phase, programmateam):
    queued = PhaseReportFactory(phase=phase)
    with pytest.raises(ValidationError):
        publish_report(report=queued, published_by=programmateam)


def test_publishing_emails_every_griffie_member(
    phase, programmateam, griffie, partner, django_capture_on_commit_callbacks
):
    UserFactory(email="griffier2@example.org", griffie=True)
    report = PhaseReportFactory(phase=phase, ready=True, checksum="a" * 64)
    report.pdf.name = "rapportages/fase-1-2019/x.pdf"
    report.save()
    with django_capture_on_commit_callbacks(execute=True):
        publish_report(report=report, published_by=programmateam)
    assert sorted(m.to[0] for m in mail.outbox) == ["griffie@example.org", "griffier2@example.org"]
    assert "versie" in mail.outbox[0].subject and "a" * 64 in mail.outbox[0].body


def test_only_the_programme_team_may_request_a_build(phase, partner, griffie):
    for user in (partner, griffie):
        with pytest.raises(PermissionDenied):
            request_report_build(phase=phase, requested_by=user, enqueue=False)
    assert not PhaseReport.objects.exists()


def test_period_outside_the_phase_is_refused_with_a_message(phase, programmateam):
    with pytest.raises(ValidationError) as error:
        request_report_build(
            phase=phase,
            requested_by=programmateam,
            period_start=datetime.date(2018, 6, 1),
            period_end=datetime.date(2019, 6, 1),
            enqueue=False,
        )
    assert "binnen de fase" in str(error.value)


def test_double_request_returns_the_queued_version(phase, programmateam):
    first = request_report_build(phase=phase, requested_by=programmateam, enqueue=False)
    second = request_report_build(phase=phase, requested_by=programmateam, enqueue=False)
    assert first.pk == second.pk


def test_a_phase_that_just_ended_gets_one_full_build(phase):
    day_after = phase.end_date + datetime.timedelta(days=1)
    [report] = request_builds_for_ended_phases(today=day_after)
    assert (report.period_start, report.period_end) == (phase.start_date, phase.end_date)
    # The report requested "now" (after the end in real time) counts: no second one.
    assert request_builds_for_ended_phases(today=day_after) == []


# --- Pages and permissions ------------------------------------------------------------------

ROLES = ["partner", "kartrekker", "programmateam", "griffie", "observer", "beheer"]


@pytest.fixture
def reports_on_disk(phase, settings):
    """A published and a ready (unpublished) version, with files in storage."""
    folder = settings.MEDIA_ROOT / "rapportages" / phase.slug
    folder.mkdir(parents=True)
    made = {}
    for status, version in [("published", 1), ("ready", 2)]:
        report = PhaseReportFactory(phase=phase, version=version, status=status, checksum="c" * 64)
        for extension, body in [("pdf", b"%PDF-1.7 test"), ("csv", b"Nummer;Titel\r\n")]:
            name = f"rapportages/{phase.slug}/v{version}.{extension}"
            (settings.MEDIA_ROOT / name).write_bytes(body)
            getattr(report, extension).name = name
        report.save()
        made[status] = report
    return made


def _expected(role, route, which):
    if role is None:
        return 302  # to the login page
    if role == "beheer":
        # The administrator is a Django superuser: every permission, as in the admin.
        role = "programmateam"
    sees_reports = role in ("programmateam", "griffie", "observer")
    if route == "list":
        return 200 if sees_reports else 403
    if route in ("build", "publish"):
        return {"build": 302, "publish": 302}[route] if role == "programmateam" else 403
    if route == "status":
        # htmx asks for the fragment; others are sent to the page.
        if role == "programmateam" or (sees_reports and which == "published"):
            return 200
        return 403
    if role == "programmateam" or (sees_reports and which == "published"):
        return 200
    return 403


@pytest.mark.parametrize("role", [None, *ROLES])
def test_every_role_gets_exactly_what_it_may_on_every_route(
    request, client, role, reports_on_disk, phase
):
    if role:
        client.force_login(request.getfixturevalue(role))
    for which, report in reports_on_disk.items():
        routes = {
            "list": ("get", reverse("programme:report_list")),
            "detail": ("get", reverse("programme:report_detail", args=[report.pk])),
            "status": ("get", reverse("programme:report_status", args=[report.pk])),
            "pdf": ("get", reverse("programme:report_download", args=[report.pk, "pdf"])),
            "csv": ("get", reverse("programme:report_download", args=[report.pk, "csv"])),
        }
        for route, (method, url) in routes.items():
            response = getattr(client, method)(url, HTTP_HX_REQUEST="true")
            assert response.status_code == _expected(role, route, which), (role, route, which)
            if route in ("detail", "list") and role in ("griffie", "observer"):
                assert f"versie {reports_on_disk['ready'].version}" not in response.content.decode()

    ready = reports_on_disk["ready"]
    publish = client.post(reverse("programme:report_publish", args=[ready.pk]), {"confirm": "on"})
    assert publish.status_code == _expected(role, "publish", "ready")
    ready.refresh_from_db()
    assert ready.is_published == (role in ("programmateam", "beheer"))

    before = PhaseReport.objects.count()
    build = client.post(reverse("programme:report_build"), {"phase": phase.pk})
    assert build.status_code == _expected(role, "build", None)
    assert PhaseReport.objects.count() == before + (1 if role in ("programmateam", "beheer") else 0)


def test_downloads_have_the_right_type_and_file_name(client, griffie, reports_on_disk):
    client.force_login(griffie)
    report = reports_on_disk["published"]
    pdf = client.get(reverse("programme:report_download", args=[report.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    assert 'filename="samen-landerd-fase-1-2019-v1.pdf"' in pdf["Content-Disposition"]
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    csv = client.get(reverse("programme:report_download", args=[report.pk, "csv"]))
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="samen-landerd-fase-1-2019-v1.csv"' in csv["Content-Disposition"]
    assert (
        client.get(reverse("programme:report_download", args=[report.pk, "exe"])).status_code == 404
    )


def test_build_form_keeps_input_and_explains_a_wrong_period(client, programmateam, phase):
    client.force_login(programmateam)
    response = client.post(
        reverse("programme:report_build"),
        {"phase": phase.pk, "period_start": "2019-06-01", "period_end": "2019-05-01"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "De periode eindigt vóór het begin." in page
    assert 'value="2019-06-01"' in page
    assert not PhaseReport.objects.exists()


def test_status_fragment_polls_only_while_a_version_is_in_progress(client, programmateam, phase):
    client.force_login(programmateam)
    report = PhaseReportFactory(phase=phase)
    url = reverse("programme:report_status", args=[report.pk])
    assert 'hx-trigger="every 2s"' in client.get(url, HTTP_HX_REQUEST="true").content.decode()
    report.status = PhaseReport.Status.FAILED
    report.save()
    assert "hx-trigger" not in client.get(url, HTTP_HX_REQUEST="true").content.decode()


def test_list_page_queries_do_not_grow_with_the_number_of_versions(
    client, programmateam, phase, django_assert_max_num_queries
):
    client.force_login(programmateam)
    for version in range(1, 4):
        PhaseReportFactory(phase=phase, version=version, requested_by=programmateam)
    # 13: the page includes the ended-programme notice, which reads the last phase, the
    # collaboration agreement's form, which lists the phases, and the versions that
    # supersede others (one prefetch).
    with django_assert_max_num_queries(13) as few:
        client.get(reverse("programme:report_list"))
    for version in range(4, 20):
        PhaseReportFactory(phase=phase, version=version, requested_by=programmateam)
    with django_assert_max_num_queries(len(few)):
        client.get(reverse("programme:report_list"))


def test_dashboard_shows_griffie_published_versions_and_the_team_the_latest_build(
    griffie, programmateam, partner, reports_on_disk
):
    panel = dashboard_panel(user=griffie)
    assert panel["published_reports"] == [reports_on_disk["published"]]
    team_panel = dashboard_panel(user=programmateam)
    assert team_panel["latest_report"] == reports_on_disk["ready"]
    assert dashboard_panel(user=partner) is None


@pytest.mark.django_db
def test_report_shows_the_partnerships_self_analysis_with_its_numbers(
    phase, organisation, other_organisation
):
    from learning_history.instrument import CHARACTERISTICS
    from tests.factories import SelfAnalysisFactory

    first = CHARACTERISTICS[0]
    SelfAnalysisFactory(phase=phase, organisation=organisation, scores={first.code: 2})
    SelfAnalysisFactory(phase=phase, organisation=other_organisation, scores={first.code: 5})

    report = build(phase)

    assert report.status == PhaseReport.Status.READY, report.failure_reason
    text = pdf_text(report)
    assert "Zelfanalyse van het partnerschap" in text
    assert "2 organisaties vulden de zelfanalyse in" in text
    # Average 3.5, lowest 2, highest 5 for the first characteristic, in the table.
    assert f"{first.label}" in text
    assert "3,5" in text


@pytest.mark.django_db
def test_report_leaves_out_the_self_analysis_when_nobody_scored(phase):
    report = build(phase)
    assert report.status == PhaseReport.Status.READY, report.failure_reason
    assert "Zelfanalyse van het partnerschap" not in pdf_text(report)


@pytest.mark.django_db(transaction=True)
def test_unreachable_broker_keeps_the_request_and_says_it_is_built_later(
    client, programmateam, phase, settings
):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:9/0"  # nothing listens on port 9
    client.force_login(programmateam)

    started = time.monotonic()
    response = client.post(reverse("programme:report_build"), {"phase": phase.pk}, follow=True)
    elapsed = time.monotonic() - started

    # The request is kept: the version exists, queued, and the team is sent to its card
    # with an honest answer, at once.
    assert elapsed < 2, elapsed
    report = PhaseReport.objects.get(phase=phase)
    assert response.redirect_chain == [
        (f"{reverse('programme:report_list')}#rapportage-{report.pk}", 302)
    ]
    assert report.status == PhaseReport.Status.QUEUED
    assert not report.pdf
    page = response.content.decode()
    assert "de rapportage wordt gemaakt zodra de achtergrondverwerking weer bereikbaar is" in page
    [message] = OutboxMessage.objects.all()
    assert (message.task_name, message.args, message.sent_at) == (BUILD_TASK, [report.pk], None)
    # Asking again does not make a second version: this one is waiting, not stuck.
    client.post(reverse("programme:report_build"), {"phase": phase.pk})
    assert PhaseReport.objects.count() == 1


@pytest.mark.django_db
def test_report_csv_does_not_let_a_title_run_as_a_spreadsheet_formula(phase, theme):
    ActivityFactory(
        published=True, theme=theme, title='=HYPERLINK("http://x")', date=phase.start_date
    )
    report = build(phase)
    csv_text = report.csv.open("rb").read().decode("utf-8-sig")
    assert ";'=HYPERLINK(" in csv_text.replace('"', "")
