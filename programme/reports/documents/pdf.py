"""Render a phase report as PDF: in parts, each its own WeasyPrint document, then joined.

One WeasyPrint document holding thousands of table rows takes minutes and gigabytes
(layout cost grows faster than the row count). So every chapter, and the annex in chunks
of a few hundred rows, is rendered on its own and written to a temporary file straight
away; pypdf joins the files. Memory stays flat as the data grows.

Page numbers run on across the parts: each part starts its page counter where the
previous one ended. The table of contents is rendered last, when every part's first page
is known; it is rendered once beforehand with placeholder numbers to learn its length.
"""

import base64
import io
import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from pypdf import PdfWriter
from pypdf.generic import NameObject, TextStringObject

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


@dataclass
class RenderedPart:
    path: Path
    title: str  # empty: no entry in the table of contents (annex continuation chunks)
    first_page: int
    pages: int


class PdfRenderer:
    """Renders the parts of one report into `workdir` and joins them."""

    def __init__(self, *, report, data, annex_chunks, workdir):
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        self.report = report
        self.data = data
        self.workdir = Path(workdir)
        # Lists of annex rows, read lazily, so that 10,000 activities never sit in memory.
        self.annex_chunks = annex_chunks
        self.font_config = FontConfiguration()
        # Parsed once and shared by every part: parsing the stylesheet is not free.
        self.stylesheet = CSS(filename=str(CSS_PATH), font_config=self.font_config)
        self.parts: list[RenderedPart] = []
        self.built_at = timezone.localtime()

    # --- helpers -------------------------------------------------------------------------

    def _context(self, **extra):
        return {
            "report": self.report,
            "data": self.data,
            "phase": self.data.phase,
            "programme": self.data.programme,
            "built_at": self.built_at,
            **extra,
        }

    def _render(self, template, *, first_page, name, **context):
        from weasyprint import HTML

        html = render_to_string(template, self._context(first_page=first_page, **context))
        document = HTML(string=html, base_url=str(settings.BASE_DIR)).render(
            stylesheets=[self.stylesheet], font_config=self.font_config
        )
        path = self.workdir / f"{name}.pdf"
        document.write_pdf(path)
        pages = len(document.pages)
        del document
        return path, pages

    def _add(self, template, *, title, name, **context):
        first_page = self._next_page
        path, pages = self._render(template, first_page=first_page, name=name, **context)
        self.parts.append(RenderedPart(path=path, title=title, first_page=first_page, pages=pages))
        self._next_page += pages

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
                    "alt": photo.alt_text,
                    "activity": photo.activity.title,
                }
            )
        return photos

    # --- the document --------------------------------------------------------------------

    def toc_entries(self, placeholder=False):
        return [
            {"title": part.title, "page": "" if placeholder else part.first_page}
            for part in self.parts
            if part.title
        ]

    def build(self, output_path):
        """Render every part and join them into `output_path`; returns the page count."""
        cover_path, cover_pages = self._render(
            "programme/reports/pdf/cover.html", first_page=1, name="00-cover"
        )
        # The table of contents' length, from a dry run with every entry but no numbers.
        titles = self._chapter_titles()
        toc_probe, toc_pages = self._render(
            "programme/reports/pdf/toc.html",
            first_page=cover_pages + 1,
            name="01-toc-probe",
            entries=[{"title": title, "page": 999} for title in titles],
        )
        toc_probe.unlink()
        self._next_page = cover_pages + toc_pages + 1

        data = self.data
        self._add("programme/reports/pdf/summary.html", title=_("Samenvatting"), name="10-summary")
        for number, section in enumerate(data.themes, start=1):
            self._add(
                "programme/reports/pdf/theme.html",
                title=_("Thema: %(name)s") % {"name": section.theme.name},
                name=f"20-theme-{number:02d}",
                section=section,
                chapter=number + 1,
                photos=self._photos(section),
            )
        chapter = len(data.themes) + 2
        self._add(
            "programme/reports/pdf/partnership.html",
            title=_("Het partnerschap"),
            name="30-partnership",
            chapter=chapter,
        )
        self._add(
            "programme/reports/pdf/learning.html",
            title=_("Leergeschiedenis"),
            name="40-learning",
            chapter=chapter + 1,
        )
        self._add(
            "programme/reports/pdf/finances.html",
            title=_("Financiën"),
            name="50-finances",
            chapter=chapter + 2,
            budget_total=data.budget_total,
        )
        annex_total = data.figures.activities
        for index, rows in enumerate(self.annex_chunks):
            self._add(
                "programme/reports/pdf/annex.html",
                title=_("Bijlage: alle activiteiten") if index == 0 else "",
                name=f"60-annex-{index:04d}",
                lines=[annex_line(row) for row in rows],
                first_chunk=index == 0,
                annex_total=annex_total,
            )
        if annex_total == 0:
            self._add(
                "programme/reports/pdf/annex.html",
                title=_("Bijlage: alle activiteiten"),
                name="60-annex-0000",
                lines=[],
                first_chunk=True,
                annex_total=0,
            )

        toc_path, final_toc_pages = self._render(
            "programme/reports/pdf/toc.html",
            first_page=cover_pages + 1,
            name="01-toc",
            entries=self.toc_entries(),
        )
        if final_toc_pages != toc_pages:  # pragma: no cover - same entries, same length
            raise RuntimeError("De inhoudsopgave veranderde van lengte tijdens het maken.")
        return self._join(
            [(cover_path, ""), (toc_path, _("Inhoud"))]
            + [(part.path, part.title) for part in self.parts],
            output_path,
        )

    def _chapter_titles(self):
        return (
            [_("Samenvatting")]
            + [_("Thema: %(name)s") % {"name": s.theme.name} for s in self.data.themes]
            + [_("Het partnerschap"), _("Leergeschiedenis"), _("Financiën")]
            + [_("Bijlage: alle activiteiten")]
        )

    def _join(self, files, output_path):
        writer = PdfWriter()
        for path, title in files:
            writer.append(str(path), outline_item=title or None)
            path.unlink()
        data = self.data
        writer.add_metadata(
            {
                "/Title": _("%(programme)s – fasenrapportage %(phase)s")
                % {"programme": data.programme.name, "phase": data.phase.name},
                "/Author": data.programme.name,
                "/Subject": _("Versie %(version)s") % {"version": self.report.version},
            }
        )
        writer.page_mode = "/UseOutlines"
        # The joined file keeps no catalogue of its parts: say its language again.
        writer._root_object[NameObject("/Lang")] = TextStringObject("nl-NL")
        with open(output_path, "wb") as handle:
            writer.write(handle)
        pages = len(writer.pages)
        writer.close()
        return pages


def render_report_pdf(*, report, data, annex_chunks, workdir, output_path):
    """Render the report's PDF to `output_path`; returns the number of pages.

    `data` is the report's `PhaseReportData`; `annex_chunks` yields lists of annex rows
    (`AnnexRow`), in order. Nothing here reads the database.
    """
    renderer = PdfRenderer(report=report, data=data, annex_chunks=annex_chunks, workdir=workdir)
    return renderer.build(output_path)
