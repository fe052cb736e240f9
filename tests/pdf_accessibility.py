"""The accessibility check every PDF of the portal must pass (PDF/UA-1, WCAG for documents).

    from tests.pdf_accessibility import assert_accessible_pdf
    tree = assert_accessible_pdf(pdf_bytes, lang="nl")

Opens the file with pikepdf and checks what a screen reader and the law need: the file is
marked as tagged (MarkInfo Marked) and has a structure tree; its language; the title shown
in the window (ViewerPreferences DisplayDocTitle, and a title in the metadata); the PDF/UA
identification (pdfuaid:part in the XMP metadata); headings that start at H1 and never skip
a level; every Figure with alternative text; every Table with header cells (TH); no tagged
content left out of the tree (running headers and page numbers are artifacts), and every
page's content in it; and
bookmarks when the document has more than one heading. Returns the structure elements'
types in reading order (a list of "H1", "P", ...), with the Figures' alt texts in
`alt_texts`, for tests that look further.
"""

import io
from dataclasses import dataclass, field

import pikepdf

PDFUA_PART = "{http://www.aiim.org/pdfua/ns/id/}part"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"


@dataclass
class StructureTree:
    types: list = field(default_factory=list)  # "/H1", "/P", ... in reading order
    alt_texts: list = field(default_factory=list)
    figures_without_alt: int = 0
    tables_without_th: int = 0
    elements: set = field(default_factory=set)  # (object number, generation) of each

    @property
    def headings(self):
        return [kind for kind in self.types if kind in ("/H1", "/H2", "/H3", "/H4", "/H5", "/H6")]


def _children(element):
    kids = element.get("/K")
    if isinstance(kids, pikepdf.Array):
        return [kid for kid in kids if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]
    if isinstance(kids, pikepdf.Dictionary) and "/S" in kids:
        return [kids]
    return []


def _walk(element, tree):
    kind = str(element.get("/S"))
    if element.is_indirect:
        tree.elements.add(element.objgen)
    tree.types.append(kind)
    if kind == "/Figure":
        alt = str(element.get("/Alt", "")).strip()
        if alt:
            tree.alt_texts.append(alt)
        else:
            tree.figures_without_alt += 1
    kinds_below = []
    for child in _children(element):
        start = len(tree.types)
        _walk(child, tree)
        kinds_below.extend(tree.types[start:])
    if kind == "/Table" and "/TH" not in kinds_below:
        tree.tables_without_th += 1


def structure_tree(pdf):
    root = pdf.Root.StructTreeRoot
    tree = StructureTree()
    for element in _children(root):
        _walk(element, tree)
    return tree


def _orphans(pdf, tree):
    """Marked content whose structure element is not in the tree (PDF/UA: everything is
    either in the tree or an artifact; running headers and page numbers must be artifacts)."""
    orphans = 0
    nums = pdf.Root.StructTreeRoot.ParentTree.get("/Nums", pikepdf.Array())
    for value in list(nums)[1::2]:
        for element in value if isinstance(value, pikepdf.Array) else [value]:
            if isinstance(element, pikepdf.Dictionary) and element.objgen not in tree.elements:
                orphans += 1
    return orphans


def assert_accessible_pdf(pdf_bytes, *, lang="nl"):
    """Fail with a readable message when the PDF is not accessible; returns its tree."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        root = pdf.Root
        mark_info = root.get("/MarkInfo")
        assert mark_info is not None and bool(mark_info.get("/Marked")), "not marked as tagged"
        assert "/StructTreeRoot" in root, "no structure tree"
        assert str(root.get("/Lang", "")).lower().startswith(lang), (
            f"language {root.get('/Lang')!r}, expected {lang!r}"
        )
        preferences = root.get("/ViewerPreferences")
        assert preferences is not None and bool(preferences.get("/DisplayDocTitle")), (
            "the window does not show the document's title (DisplayDocTitle)"
        )
        metadata = pdf.open_metadata()
        assert metadata.get(PDFUA_PART) == "1", "no PDF/UA-1 identification in the XMP metadata"
        assert str(metadata.get(DC_TITLE, "")).strip(), "no title in the XMP metadata"

        tree = structure_tree(pdf)
        assert tree.types, "the structure tree is empty"
        assert tree.figures_without_alt == 0, (
            f"{tree.figures_without_alt} figure(s) without alternative text"
        )
        assert tree.tables_without_th == 0, f"{tree.tables_without_th} table(s) without TH cells"
        keys = {int(key) for key in list(root.StructTreeRoot.ParentTree.get("/Nums", []))[::2]}
        for number, page in enumerate(pdf.pages, start=1):
            key = page.obj.get("/StructParents")
            assert key is not None and int(key) in keys, f"page {number} is not in the tree"
        orphans = _orphans(pdf, tree)
        assert orphans == 0, f"{orphans} piece(s) of content tagged but not in the tree"
        levels = [int(kind[2]) for kind in tree.headings]
        assert levels and levels[0] == 1, f"the first heading is not H1: {tree.headings[:3]}"
        for previous, level in zip(levels, levels[1:], strict=False):
            assert level <= previous + 1, f"heading level skipped: H{previous} then H{level}"
        if len(levels) > 1:
            assert "/Outlines" in root, "no bookmarks"
        return tree
