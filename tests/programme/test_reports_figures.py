"""The phase report's charts (issue 14): each an image with alternative text inside a
<figure> with a caption, its numbers in a table, from the same selectors as the pages."""

import datetime
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader

from programme.models import PhaseReport
from programme.reports.documents.figures import report_figures
from programme.reports.selectors import phase_report_data
from programme.reports.services import build_report, request_report_build
from tests.factories import ActivityFactory, BudgetFactory, VillageFactory
from tests.pdf_accessibility import assert_accessible_pdf
from themes.models import HealthDimension

pytestmark = pytest.mark.django_db


@pytest.fixture
def report_world(phase, theme, organisation):
    for year, amount, fte in [(2019, 58400, 1), (2020, 48400, Decimal("0.5")), (2021, 19200, 0)]:
        BudgetFactory(
            programme=phase.programme, year=year, amount=amount, programme_management_fte=fte
        )
    schaijk = VillageFactory(name="Schaijk")
    meedoen = HealthDimension.objects.get(code="meedoen")
    for month, reach in [(3, 40), (3, 60), (7, 25)]:
        activity = ActivityFactory(
            published=True,
            theme=theme,
            owner_organisation=organisation,
            date=datetime.date(2019, month, 5),
            reach=reach,
            villages=[schaijk],
        )
        activity.health_dimensions.set([meedoen])
    return phase


def test_report_figures_carry_alt_text_with_the_key_numbers(report_world):
    data = phase_report_data(
        phase=report_world,
        period_start=datetime.date(2019, 1, 1),
        period_end=datetime.date(2019, 12, 31),
    )
    figures = report_figures(data)
    assert "Schaijk: 125 inwoners in 3 activiteiten" in figures["villages"].alt
    assert "Eenzaamheid: 3 in totaal, het meest in mrt 2019 (2)" in figures["activities"].alt
    assert "2020: € 48.400 en 0,5 fte" in figures["budget"].alt
    assert "Meedoen: 3 activiteiten, 125 bereikt" in figures["health"].alt
    # Five dimensions without any activity get little attention; Meedoen does not.
    assert "Weinig aandacht voor: " in figures["health"].alt
    assert "Meedoen" not in figures["health"].alt.split("Weinig aandacht voor: ")[1]
    assert list(figures["theme_health"]) == [data.themes[0].theme.pk]


def test_built_report_holds_the_charts_as_figures_with_alt_text(report_world, settings, tmp_path):
    report = request_report_build(phase=report_world, enqueue=False)
    build_report(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == PhaseReport.Status.READY, report.failure_reason
    with report.pdf.open("rb") as handle:
        pdf = handle.read()
    (tmp_path / "rapport.pdf").write_bytes(pdf)
    reader = PdfReader(tmp_path / "rapport.pdf")
    # Kept to be looked at (pdftoppm), like the pages' screenshots.
    settings.BASE_DIR.joinpath("test-artifacts").mkdir(exist_ok=True)
    settings.BASE_DIR.joinpath("test-artifacts", "report-with-charts.pdf").write_bytes(pdf)
    text = "\n".join(page.extract_text() for page in reader.pages)
    # The SVG is drawn as vectors with real text: its labels are in the PDF.
    for expected in [
        "Activiteiten per maand",
        "Inwoners bereikt per dorpskern",
        "Dekking van positieve gezondheid",
        "Budget per jaar",
        "Cijfers bij de figuur",
        "weinig aandacht",
        "0,5 fte",
    ]:
        assert expected in text, expected
    assert re.search(r"Schaijk\s+3\s+125", text)
    # Tagged: every chart is a Figure whose alternative text states its key numbers.
    tree = assert_accessible_pdf(pdf, lang="nl")
    alts = " | ".join(tree.alt_texts)
    for expected in [
        "Schaijk: 125 inwoners in 3 activiteiten",
        "Eenzaamheid: 3 in totaal, het meest in mrt 2019 (2)",
        "2020: € 48.400 en 0,5 fte",
        "Meedoen: 3 activiteiten, 125 bereikt",
    ]:
        assert expected in alts, expected
