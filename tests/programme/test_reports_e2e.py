"""The council clerk downloads a phase report that a real Celery worker built.

The programme team starts a build in the browser and watches the status change without
reloading; the worker (a separate process, through Redis) builds it; the team publishes;
the griffie signs in, downloads PDF and CSV and the PDF says what it should.
"""

import re
from decimal import Decimal

import pytest
from django.core import mail
from pypdf import PdfReader

from learning_history.models import Question
from programme.models import PhaseReport
from tests.conftest import assert_accessible, sign_in
from tests.factories import (
    ActivityFactory,
    BudgetFactory,
    GoalFactory,
    PhaseFactory,
    QuestionFactory,
    ReflectionFactory,
    UserFactory,
    VillageFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.worker]


@pytest.fixture
def phase_with_content(transactional_db, theme, organisation, other_organisation):
    phase = PhaseFactory()
    for year, amount, fte in [(2019, 58400, 1), (2020, 48400, Decimal("0.5")), (2021, 19200, 0)]:
        BudgetFactory(
            programme=phase.programme, year=year, amount=amount, programme_management_fte=fte
        )
    activity = ActivityFactory(
        published=True,
        theme=theme,
        title="Zomerkalender voor ouderen",
        owner_organisation=organisation,
        reach=120,
        villages=[VillageFactory(name="Schaijk")],
    )
    activity.organisations.add(other_organisation)
    ActivityFactory(theme=theme, title="Conceptactiviteit die geheim blijft")
    GoalFactory(theme=theme, title="Minder eenzame ouderen")
    author = UserFactory(organisation=organisation)
    ReflectionFactory(phase=phase, author=author, published=True, text="Samen doen werkte goed.")
    ReflectionFactory(phase=phase, author=author, shared=True, text="Alleen gedeelde reflectie.")
    QuestionFactory(phase=phase, text="Hoe borgen we dit zonder programmamanager?")
    QuestionFactory(phase=phase, text="Al beantwoord", status=Question.Status.ANSWERED)
    return phase


def test_griffie_downloads_the_report_the_worker_built(
    celery_worker_process, phase_with_content, programmateam, griffie, page, tmp_path
):
    # The programme team starts a build and sees it become ready without reloading.
    sign_in(page, programmateam)
    page.goto("/rapportages/")
    page.get_by_label("Fase", exact=True).select_option(label=phase_with_content.name)
    page.get_by_label("Periode tot en met").fill("2019-12-31")
    page.get_by_role("button", name="Rapportage maken").click()
    report = PhaseReport.objects.get()
    card = page.locator(f"#rapportage-{report.pk}")
    # A marker on the window survives only if nobody reloads the page: htmx swaps fragments.
    page.evaluate("() => { window.notReloaded = true; }")
    card.locator("[data-status='ready']").wait_for(timeout=120_000)
    assert page.evaluate("() => window.notReloaded") is True
    report.refresh_from_db()
    assert report.status == PhaseReport.Status.READY, report.failure_reason
    card.get_by_text("Controle voor de integriteit").click()
    assert report.checksum in card.inner_text()
    assert_accessible(page, "reports-list-programmateam")

    # Publishing goes through the preview and an explicit confirmation.
    card.get_by_role("link", name=re.compile("Publiceren voor de griffie")).click()
    page.get_by_label("Ik heb de voorvertoning gecontroleerd").check()
    page.get_by_role("button", name="Publiceren voor de griffie").click()
    page.get_by_text("is gepubliceerd").wait_for()
    assert [m.to for m in mail.outbox] == [[griffie.email]]
    page.get_by_role("button", name="Uitloggen").click()

    # The griffie sees the published version and downloads both files.
    sign_in(page, griffie)
    page.goto("/rapportages/")
    assert_accessible(page, "reports-list-griffie")
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name=re.compile("PDF downloaden")).click()
    assert pdf_download.value.suggested_filename == "samen-landerd-fase-1-2019-v1.pdf"
    pdf_path = tmp_path / "rapportage.pdf"
    pdf_download.value.save_as(pdf_path)
    with page.expect_download() as csv_download:
        page.get_by_role("link", name=re.compile("Activiteiten als CSV")).click()
    assert csv_download.value.suggested_filename == "samen-landerd-fase-1-2019-v1.csv"
    csv_path = tmp_path / "activiteiten.csv"
    csv_download.value.save_as(csv_path)

    text = "\n".join(page.extract_text() for page in PdfReader(pdf_path).pages)
    for expected in [
        "Uitvoering fase 1 (2019)",
        "Eenzaamheid",
        "Zomerkalender voor ouderen",
        "Minder eenzame ouderen",
        "€ 58.400",
        "€ 48.400",
        "€ 19.200",
        "Samen doen werkte goed.",
        "Hoe borgen we dit zonder programmamanager?",
    ]:
        assert expected in text, expected
    for absent in [
        "Conceptactiviteit die geheim blijft",
        "Alleen gedeelde reflectie.",
        "Al beantwoord",
    ]:
        assert absent not in text, absent
    csv_text = csv_path.read_text(encoding="utf-8-sig")
    assert "Zomerkalender voor ouderen" in csv_text and "Conceptactiviteit" not in csv_text

    page.get_by_role("link", name=re.compile("versie 1")).first.click()
    page.get_by_role("heading", name="Kerncijfers in deze versie").wait_for()
    assert "Activiteiten" in page.locator(".report-figures").inner_text()
    assert_accessible(page, "reports-detail-griffie")
