"""Every PDF the portal makes is accessible (PDF/UA-1): the phase report, built by the real
worker and in-process, the agenda, and figures as h2's charts will write them.

The check itself is tests/pdf_accessibility.py. The typesetting of the report (an empty
chapter is one line, counts read as Dutch) is checked here on the same PDFs.
"""

import base64
import datetime
import io
import time

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from landerd_portal.pdf import html_to_accessible_pdf
from programme.models import PartnerMeeting, PhaseReport
from programme.reports.services import build_report, request_report_build
from tests.factories import (
    ActivityFactory,
    AgendaItemFactory,
    BudgetFactory,
    PartnerMeetingFactory,
    ThemeFactory,
    WorkingGroupFactory,
)
from tests.pdf_accessibility import assert_accessible_pdf
from themes.models import ActivityPhoto


def pdf_text(content):
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="foto.jpg")


@pytest.fixture
def report_content(phase, theme, organisation, other_organisation, partner):
    """Phase 1 with one activity of two organisations (one photo) and one empty theme."""
    activity = ActivityFactory(
        published=True,
        theme=theme,
        title="Zomerkalender voor ouderen",
        owner_organisation=organisation,
        reach=120,
    )
    activity.organisations.add(other_organisation)
    ActivityPhoto.objects.create(
        activity=activity,
        image=jpeg(),
        alt_text="Ouderen op de fiets bij de molen",
        consent=True,
        uploaded_by=partner,
    )
    BudgetFactory(programme=phase.programme, year=2019, amount=58400)
    BudgetFactory(programme=phase.programme, year=2020, amount=48400)
    quiet = ThemeFactory(name="Opvoeding", slug="opvoeding", order=99)
    WorkingGroupFactory(theme=quiet)
    return phase


def built_pdf(phase):
    report = request_report_build(
        phase=phase, period_start=phase.start_date, period_end=phase.end_date, enqueue=False
    )
    report = build_report(report_id=report.pk)
    assert report is not None and report.status == PhaseReport.Status.READY
    with report.pdf.open("rb") as handle:
        return report, handle.read()


def test_report_is_one_tagged_document_with_photos_as_figures_with_alt(report_content):
    report, content = built_pdf(report_content)
    tree = assert_accessible_pdf(content, lang="nl")
    assert "Ouderen op de fiets bij de molen" in tree.alt_texts
    assert {"/Table", "/TH", "/L", "/LI", "/Caption"} <= set(tree.types)
    # One document: one structure tree with the cover's, the chapters' and the annex's
    # headings in order, and a page count that matches the file.
    assert tree.headings.count("/H1") >= 6
    assert report.page_count == len(PdfReader(io.BytesIO(content)).pages)


def test_report_reads_as_dutch_and_an_empty_chapter_is_one_line(report_content):
    report, content = built_pdf(report_content)
    text = pdf_text(content)
    assert "In deze periode geen activiteiten op dit thema." in text
    assert "Bij activiteiten telden we één samenwerking tussen twee organisaties." in text
    assert "Het partneroverleg nam geen besluiten." in text
    assert "paar organisaties" not in text and "nam 0 besluiten" not in text
    assert "Totaal € 106.800" in text  # the budget's total, in the chapter on finances
    # The empty theme shares its page with the chapter before it: no page of its own.
    reader = PdfReader(io.BytesIO(content))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    empty = next(i for i, page in enumerate(pages) if "geen activiteiten op dit thema" in page)
    previous_chapter_ends = (
        "Voorbeelden van impact",
        "Activiteiten in deze periode",
        "Activiteiten per dimensie van positieve gezondheid",  # its health chart's caption
    )
    assert any(text in pages[empty] for text in previous_chapter_ends), pages[empty]
    # The checksum is for whoever checks integrity, not content of the document.
    assert report.checksum not in text


def test_figure_with_svg_image_and_caption_is_a_figure_with_alt():
    """How h2's charts are written: <figure><img src=data:image/svg+xml alt><figcaption>."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60">'
        '<rect width="80" height="40" fill="#0b5e55"/></svg>'
    )
    source = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    html = (
        '<html lang="nl"><head><title>Grafiek</title></head><body><h1>Bereik</h1>'
        f'<figure><img src="{source}" alt="Bereik per dorpskern: Reek 40, Zeeland 80.">'
        "<figcaption>Figuur 1. Bereik per dorpskern</figcaption></figure></body></html>"
    )
    tree = assert_accessible_pdf(html_to_accessible_pdf(html))
    assert tree.alt_texts == ["Bereik per dorpskern: Reek 40, Zeeland 80."]
    assert "/Caption" in tree.types


def test_a_figure_without_alt_text_fails_the_check():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>'
    source = "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
    html = (
        '<html lang="nl"><head><title>T</title></head><body><h1>Kop</h1>'
        f'<img src="{source}"></body></html>'
    )
    with pytest.raises(AssertionError, match="without alternative text"):
        assert_accessible_pdf(html_to_accessible_pdf(html))


def test_agenda_pdf_download_is_accessible(client, partner, programmateam):
    meeting = PartnerMeetingFactory(
        status=PartnerMeeting.Status.PUBLISHED,
        starts_at=timezone.make_aware(datetime.datetime(2030, 5, 14, 19, 30)),
    )
    AgendaItemFactory(meeting=meeting, title="Opening en mededelingen", minutes_allotted=10)
    client.force_login(partner)
    response = client.get(f"/partneroverleg/{meeting.pk}/agenda.pdf")
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    tree = assert_accessible_pdf(content, lang="nl")
    assert tree.headings[0] == "/H1" and "/TH" in tree.types
    assert "Opening en mededelingen" in pdf_text(content)


@pytest.mark.worker
def test_report_built_by_the_worker_is_accessible(celery_worker_process, report_content):
    report = request_report_build(
        phase=report_content,
        period_start=report_content.start_date,
        period_end=report_content.end_date,
    )
    deadline = time.monotonic() + 120
    while report.status not in (PhaseReport.Status.READY, PhaseReport.Status.FAILED):
        assert time.monotonic() < deadline, "the worker did not build the report in time"
        time.sleep(0.5)
        report.refresh_from_db()
    assert report.status == PhaseReport.Status.READY, report.failure_reason
    with report.pdf.open("rb") as handle:
        tree = assert_accessible_pdf(handle.read(), lang="nl")
    assert "Ouderen op de fiets bij de molen" in tree.alt_texts


def test_annex_in_parts_joins_into_one_structure_tree(report_content, theme, settings):
    """The annex laid out in chunks (here of two) and copied in: still one tree, in order."""
    settings.REPORT_ANNEX_CHUNK_SIZE = 2
    for day in range(1, 8):
        ActivityFactory(
            published=True,
            theme=theme,
            title=f"Wandeling {day:02d}",
            date=datetime.date(2019, 12, day),
        )
    report, content = built_pdf(report_content)
    tree = assert_accessible_pdf(content, lang="nl")
    reader = PdfReader(io.BytesIO(content))
    assert report.page_count == len(reader.pages)
    # Every annex page is in the parent tree under its own key, and the last activity's
    # paragraph is the last paragraph of the document's structure.
    keys = [int(page["/StructParents"]) for page in reader.pages]
    assert len(set(keys)) == len(keys)
    annex_pages = [" ".join(page.extract_text().split()) for page in reader.pages[-4:]]
    assert "Wandeling 07" in annex_pages[-1]
    # Page numbers run on across the parts: the last page says its own number.
    assert annex_pages[-1].endswith(str(len(reader.pages)))
    assert tree.types[-1] in ("/P", "/Span")
