"""The PDF loader calls PDFium through its own prototypes (core.documents.pdf_tables.direct and
unchecked): they must read exactly what pypdfium2's typed bindings read."""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from core.documents import pdf as pdf_loader
from core.documents import pdf_tables


def _page(p: object) -> None:
    from PySide6.QtCore import QLineF, QPointF, QRectF
    from PySide6.QtGui import QColor, QImage

    for y in (200, 230, 260):
        p.drawLine(QLineF(100, y, 400, y))  # type: ignore[attr-defined]
    for x in (100, 250, 400):
        p.drawLine(QLineF(x, 200, x, 260))  # type: ignore[attr-defined]
    p.drawText(QPointF(105, 220), "Item 12")  # type: ignore[attr-defined]
    p.drawText(QPointF(255, 250), "34 56")  # type: ignore[attr-defined]
    img = QImage(20, 10, QImage.Format.Format_RGB32)
    img.fill(QColor(200, 200, 200))
    p.drawImage(QRectF(100, 400, 20, 10), img)  # type: ignore[attr-defined]


def test_object_walk_matches_typed_bindings(draw_pdf: Callable[..., Path]) -> None:
    pdf = pdfium.PdfDocument(str(draw_pdf("w.pdf", _page)))
    page = pdf[0]
    typed = []
    for j in range(raw.FPDFPage_CountObjects(page.raw)):
        obj = raw.FPDFPage_GetObject(page.raw, j)
        typed.append((ctypes.cast(obj, ctypes.c_void_p).value, raw.FPDFPageObj_GetType(obj)))
    kinds = frozenset(k for _, k in typed)
    assert {raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE} <= kinds
    for wanted in (frozenset((raw.FPDF_PAGEOBJ_PATH,)), frozenset((raw.FPDF_PAGEOBJ_IMAGE,)), kinds):
        assert pdf_tables.object_types(page, wanted) == [(a, k) for a, k in typed if k in wanted]
    hs, vs = pdf_tables._segments(page, pdf_tables.Frame(page))
    assert len(hs) >= 3 and len(vs) >= 3


def test_character_boxes_match_typed_bindings(draw_pdf: Callable[..., Path]) -> None:
    pdf = pdfium.PdfDocument(str(draw_pdf("c.pdf", _page)))
    tp = pdf[0].get_textpage()
    chars, bad = pdf_loader._page_chars(tp.raw)
    rect = raw.FS_RECTF()
    want = []
    for i in range(raw.FPDFText_CountChars(tp.raw)):
        u = raw.FPDFText_GetUnicode(tp.raw, i)
        if u > 32 and raw.FPDFText_GetLooseCharBox(tp.raw, i, ctypes.byref(rect)):
            y0, y1 = sorted((rect.bottom, rect.top))
            want.append((chr(u), rect.left, y0, rect.right, y1))
    assert bad.total == 0
    assert [(c.ch, c.x0, c.y0, c.x1, c.y1) for c in chars] == want
    assert "".join(c.ch for c in chars) == "Item123456"
