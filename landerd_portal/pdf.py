"""Accessible PDF (PDF/UA-1) with WeasyPrint: the one way every PDF of the portal is written.

`render_html` lays an HTML string out; `write_accessible_pdf` writes a laid-out document
as a tagged PDF: one structure tree (headings, tables with header cells, lists, figures
with their alt text), the document's language, its title shown in the window, bookmarks
from the headings and the PDF/UA identification in the XMP metadata. A document too large
to lay out at once (the report's annex) is written in parts, joined by
`append_tagged_pdf`, which copies a tagged file's pages and structure elements into
another's; never by a plain join of the files, which keeps the pages but loses the tags.

Running headers and page numbers (CSS page-margin boxes) are written as artifacts: a
screen reader should not read "page 12" between two paragraphs. WeasyPrint 70 tags their
text as content and leaves it out of the tree, which PDF/UA does not allow, so the two
functions below (`_draw_stacking_context`, `_build_box_tree`) wrap them instead. They
are tied to WeasyPrint 70's internals, which is pinned in requirements.txt;
tests/pdf_accessibility.py checks the result on every PDF the portal makes.
"""

from django.conf import settings

PDF_VARIANT = "pdf/ua-1"

_patched = False


def _mark_margin_boxes_as_artifacts():
    """Draw page-margin boxes (running header, page number) as /Artifact content."""
    global _patched
    if _patched:
        return
    from weasyprint import draw
    from weasyprint.formatting_structure import boxes
    from weasyprint.pdf import tags

    draw_stacking_context = draw.draw_stacking_context
    build_box_tree = tags._build_box_tree

    def _draw_stacking_context(stream, stacking_context):
        if stream._tags is None or not isinstance(stacking_context.box, boxes.MarginBox):
            return draw_stacking_context(stream, stacking_context)
        with stream.artifact():
            # Nothing inside an artifact may be tagged content: switch tagging off.
            stream._tags, saved = None, stream._tags
            try:
                draw_stacking_context(stream, stacking_context)
            finally:
                stream._tags = saved

    def _build_box_tree(box, *args, **kwargs):
        if isinstance(box, boxes.MarginBox):
            return iter(())  # drawn as an artifact: nothing to put in the tree
        return build_box_tree(box, *args, **kwargs)

    # Both are looked up as module globals at call time (also by their own recursion).
    draw.draw_stacking_context = _draw_stacking_context
    tags._build_box_tree = _build_box_tree
    _patched = True


def render_html(html, *, stylesheets=(), font_config=None):
    """Lay out an HTML string (its <html lang> and <title> become the PDF's)."""
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR)).render(
        stylesheets=list(stylesheets), font_config=font_config, pdf_variant=PDF_VARIANT
    )


def write_accessible_pdf(document, target=None):
    """Write a laid-out document as a tagged PDF/UA-1 file (bytes without `target`, a path
    or file object). A document too large to lay out at once is written in parts and
    joined with :func:`append_tagged_pdf`."""
    _mark_margin_boxes_as_artifacts()
    return document.write_pdf(target, pdf_variant=PDF_VARIANT)


def html_to_accessible_pdf(html, *, stylesheets=(), target=None):
    """One HTML string as a tagged PDF/UA-1 file (bytes without `target`)."""
    return write_accessible_pdf(render_html(html, stylesheets=stylesheets), target)


def append_tagged_pdf(pdf, part):
    """Append the pages of the tagged PDF `part` to the tagged PDF `pdf`, structure and all.

    For a document too large to lay out at once (the report's annex): each part is laid out
    and written on its own, so that memory does not grow with the whole, and its pages and
    structure elements are copied in here (pikepdf/qpdf), which a plain join of the files
    would lose. Its top-level elements go under `pdf`'s Document element, in page order;
    its pages get new keys in the parent tree (after every key in use, links included).
    Both `pdf` and `part` are open `pikepdf.Pdf`s; keep `part` open until `pdf` is saved
    (qpdf copies stream data when it writes). The part must have no outlines or links of
    its own (the annex has none): those are not carried over.
    """
    import pikepdf

    root = pdf.Root.StructTreeRoot
    document = root.K[0] if isinstance(root.K, pikepdf.Array) else root.K
    nums = root.ParentTree.Nums
    next_key = max((int(key) for key in list(nums)[::2]), default=-1) + 1

    first_page = len(pdf.pages)
    pdf.pages.extend(part.pages)  # copies the pages; later copies reuse them (/Pg)
    part_root = part.Root.StructTreeRoot
    part_nums = list(part_root.ParentTree.Nums)
    new_keys = {}
    for key, value in zip(part_nums[::2], part_nums[1::2], strict=True):
        new_keys[int(key)] = next_key
        nums.append(next_key)
        if isinstance(value, pikepdf.Array):  # a page's elements, by marked-content id
            value = pikepdf.Array([pdf.copy_foreign(element) for element in value])
        else:  # an annotation's element
            value = pdf.copy_foreign(value)
        nums.append(value)
        next_key += 1
    for offset, page in enumerate(part.pages):
        copied = pdf.pages[first_page + offset]
        copied.obj.StructParents = new_keys[int(page.obj.StructParents)]
    part_document = part_root.K[0] if isinstance(part_root.K, pikepdf.Array) else part_root.K
    for kid in part_document.K:
        element = pdf.copy_foreign(kid)
        element.P = document
        document.K.append(element)
    root.ParentTreeNextKey = next_key
