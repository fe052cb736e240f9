"""Render a phase report as one tagged PDF (PDF/UA-1) with one structure tree.

The report is one HTML document (report.html: cover, contents, chapters and the first
chunk of the annex), laid out by WeasyPrint and written as a tagged PDF; its table of
contents takes the page numbers from the layout. The annex after its first chunk is laid
out in chunks of a few hundred activities, each its own WeasyPrint document whose page
numbers continue where the pages before it ended, written to its own tagged file at once:
one document with thousands of rows costs far more time and memory (WeasyPrint's layout
cost grows faster than the row count, and it keeps every laid-out page until it writes).
The chunks' pages and structure elements are then copied into the report's file
(`append_tagged_pdf`, landerd_portal/pdf.py), so that the file has one structure tree in
reading order, while memory stays flat as the data grows.
"""

import base64
import io
import logging
from pathlib import Path

import pikepdf
from django.conf import settings
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from landerd_portal.pdf import append_tagged_pdf, render_html, write_accessible_pdf
from programme.reports.documents.figures import report_figures

logger = logging.getLogger(__name__)

CSS_PATH = Path(settings.BASE_DIR) / "templates" / "programme" / "reports" / "pdf" / "report.css"
PHOTO_MAX_PIXELS = 900

# The annex line's hanging part (see "Annex" in report.css): widths of Liberation Sans.
NBSP = "\u00a0"
ANNEX_GAP = NBSP * 4
ANNEX_REACH_DIGITS = 4


def annex_line(row):
    """One activity of the annex as one line of plain text (no inline boxes: they cost).

    "dd-mm-jjjj", the reach right-aligned in four digits' width (two no-break spaces are one
    digit wide), the name, then theme · villages · organisations.
    """
    reach = "–" if row.reach is None else str(row.reach)
    pad = NBSP * 2 * max(ANNEX_REACH_DIGITS - len(reach), 0)
    details = " · ".join(part for part in (row.theme, row.villages, row.organisations) if part)
    return f"{row.date:%d-%m-%Y}{ANNEX_GAP}{pad}{reach}{ANNEX_GAP}{row.title} – {details}"


class PdfRenderer:
    """Lays out the report and the later chunks of its annex, and writes them as one PDF."""

    def __init__(self, *, report, data, annex_chunks, workdir):
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        self.report = report
        self.data = data
        # Lists of annex rows, read lazily, so that 10,000 activities never sit in memory.
        self.annex_chunks = iter(annex_chunks)
        self.workdir = Path(workdir)
        self.font_config = FontConfiguration()
        # Parsed once and shared by every part: parsing the stylesheet is not free.
        self.stylesheet = CSS(filename=str(CSS_PATH), font_config=self.font_config)
        self.built_at = timezone.localtime()
        # The charts, drawn once and shared by the chapters that show them.
        self.figures = report_figures(data)

    def _context(self, **extra):
        return {
            "report": self.report,
            "data": self.data,
            "phase": self.data.phase,
            "programme": self.data.programme,
            "built_at": self.built_at,
            "annex_total": self.data.figures.activities,
            # The PDF's /Lang: the language the build runs in (the services set it).
            "language_code": (translation.get_language() or "nl")[:2],
            "figures": self.figures,
            **extra,
        }

    def _render(self, template, **context):
        html = render_to_string(template, self._context(**context))
        return render_html(html, stylesheets=[self.stylesheet], font_config=self.font_config)

    def _photos(self, section):
        """Photos as data URIs, scaled down: read from storage, never from a URL."""
        from PIL import Image

        photos = []
        for photo in section.photos:
            try:
                with default_storage.open(photo.image.name, "rb") as handle:
                    image = Image.open(handle)
                    image.thumbnail((PHOTO_MAX_PIXELS, PHOTO_MAX_PIXELS))
                    buffer = io.BytesIO()
                    image.convert("RGB").save(buffer, "JPEG", quality=82)
            except (OSError, ValueError):
                logger.warning("Photo %s could not be read; left out of the report", photo.pk)
                continue
            photos.append(
                {
                    "src": "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode(),
                    # A figure without alternative text fails PDF/UA: say at least what of.
                    "alt": photo.alt_text
                    or _("Foto bij %(activity)s") % {"activity": photo.activity.title},
                    "activity": photo.activity.title,
                }
            )
        return photos

    def toc_entries(self):
        """The chapters, with the ids report.html gives them (for links and page numbers)."""
        return (
            [{"id": "samenvatting", "title": _("Samenvatting")}]
            + [
                {"id": f"thema-{number}", "title": _("Thema: %(name)s") % {"name": s.theme.name}}
                for number, s in enumerate(self.data.themes, start=1)
            ]
            + [
                {"id": "partnerschap", "title": _("Het partnerschap")},
                {"id": "leergeschiedenis", "title": _("Leergeschiedenis")},
                {"id": "financien", "title": _("Financiën")},
                {"id": "bijlage", "title": _("Bijlage: alle activiteiten")},
            ]
        )

    def build(self, output_path):
        """Lay out the report and write it to `output_path`; returns the page count."""
        data = self.data
        theme_chapters = [
            {
                "section": section,
                "chapter": number + 1,
                "id": f"thema-{number}",
                "photos": self._photos(section),
                "health_figure": self.figures.get("theme_health", {}).get(section.theme.pk),
            }
            for number, section in enumerate(data.themes, start=1)
        ]
        first_rows = next(self.annex_chunks, [])
        document = self._render(
            "programme/reports/pdf/report.html",
            first_page=1,
            toc_entries=self.toc_entries(),
            theme_chapters=theme_chapters,
            partnership_chapter=len(data.themes) + 2,
            lines=[annex_line(row) for row in first_rows],
        )
        pages = len(document.pages)
        main_path = self.workdir / "report.pdf"
        write_accessible_pdf(document, main_path)
        del document  # the laid-out pages: written, no longer needed in memory
        parts = []
        with pikepdf.open(main_path) as pdf:
            try:
                for index, rows in enumerate(self.annex_chunks):
                    document = self._render(
                        "programme/reports/pdf/annex_part.html",
                        first_page=pages + 1,
                        lines=[annex_line(row) for row in rows],
                    )
                    part_path = self.workdir / f"annex-{index:04d}.pdf"
                    write_accessible_pdf(document, part_path)
                    pages += len(document.pages)
                    del document
                    parts.append(pikepdf.open(part_path))
                    append_tagged_pdf(pdf, parts[-1])
                pdf.save(output_path)
            finally:
                for part in parts:
                    part.close()
        return pages


def render_report_pdf(*, report, data, annex_chunks, output_path, workdir):
    """Render the report's PDF to `output_path`; returns the number of pages.

    `data` is the report's `PhaseReportData`; `annex_chunks` yields lists of annex rows
    (`AnnexRow`), in order. Nothing here reads the database.
    """
    renderer = PdfRenderer(report=report, data=data, annex_chunks=annex_chunks, workdir=workdir)
    return renderer.build(output_path)
