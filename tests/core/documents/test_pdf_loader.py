"""PDF loader: text and character boxes from drawn pages, ruled tables, and clear errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from core import documents
from core.documents import pdf as pdf_loader
from core.errors import LoadError

PAGE_H = 842.0
DRAWN: dict[str, float] = {}  # advances of drawn strings, measured by the painter itself


def _text_page(p: object) -> None:
    from PySide6.QtCore import QPointF

    fm = p.fontMetrics()  # type: ignore[attr-defined]
    DRAWN.update({s: fm.horizontalAdvance(s) for s in ("Total ", "Total 3119")})
    p.drawText(QPointF(100, 100), "Report 2024")  # type: ignore[attr-defined]
    p.drawText(QPointF(100, 140), "Total 3119")  # type: ignore[attr-defined]
    p.drawText(QPointF(100, 180), "10")  # type: ignore[attr-defined]
    p.drawText(QPointF(300, 180), "20")  # two columns far apart on one line


def _grid_page(p: object) -> None:
    from PySide6.QtCore import QLineF, QPointF

    xs, ys = (100, 200, 300, 400), (200, 230, 260, 290)
    for y in ys:
        p.drawLine(QLineF(xs[0], y, xs[-1], y))  # type: ignore[attr-defined]
    for x in xs:
        top = ys[1] if x == 300 else ys[0]  # no line between the two right cells of row 0: merged
        p.drawLine(QLineF(x, top, x, ys[-1]))  # type: ignore[attr-defined]
    rows = (("Item", "Sum", None), ("A", "12", "34"), ("B", "56", "78"))
    for r, row in enumerate(rows):
        for k, s in enumerate(row):
            if s:
                p.drawText(QPointF(xs[k] + 5, ys[r] + 20), s)  # type: ignore[attr-defined]


def _image_page(p: object) -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage

    img = QImage(200, 100, QImage.Format.Format_RGB32)
    img.fill(QColor(200, 200, 200))
    p.drawImage(QRectF(100, 100, 200, 100), img)  # type: ignore[attr-defined]


def test_text_lines_and_boxes_where_drawn(draw_pdf: Callable[..., Path]) -> None:
    path = draw_pdf("t.pdf", _text_page, _text_page)
    doc = documents.load(path)
    lines = doc.text.split("\n")
    assert lines[:3] == ["Report 2024", "Total 3119", "10\t20"]
    assert doc.format == "pdf"
    assert len(doc.pages) == 2
    assert doc.pages[0].width == pytest.approx(595, abs=1)
    assert len(doc.char_pages) == len(doc.text) == len(doc.char_boxes) // 4
    i = doc.text.index("3119")
    assert [doc.char_pages[k] for k in range(i, i + 4)] == [0, 0, 0, 0]
    (page, left, bottom, right, top), *_ = doc.boxes(i, i + 4)
    baseline = PAGE_H - 140
    assert page == 0
    assert bottom < baseline < top
    # where Qt put the glyphs: "Total " is drawn from x=100
    assert left == pytest.approx(100 + DRAWN["Total "], abs=2)
    assert right == pytest.approx(100 + DRAWN["Total 3119"], abs=2)
    # inserted characters carry page -1; the second page's copy is on page 1
    nl = doc.text.index("\n")
    assert doc.char_pages[nl] == -1
    j = doc.text.index("3119", i + 1)
    assert doc.boxes(j, j + 4)[0][0] == 1


def test_ruled_table_is_rebuilt_with_merged_cell(draw_pdf: Callable[..., Path]) -> None:
    doc = documents.load(draw_pdf("g.pdf", _grid_page))
    assert "Item\tSum\t\nA\t12\t34\nB\t56\t78" in doc.text
    assert len(doc.tables) == 1
    t = doc.tables[0]
    assert (t.n_rows, t.n_cols) == (3, 3)
    cells = {(c.row, c.col): c for c in t.cells}
    assert (cells[(0, 1)].text, cells[(0, 1)].colspan) == ("Sum", 2)
    assert (0, 2) not in cells  # the merged cell is not repeated
    assert doc.text.count("Sum") == 1
    for c in t.cells:
        assert doc.text[c.start : c.end] == c.text
    c56 = cells[(2, 1)]
    _, left, bottom, right, top = doc.boxes(c56.start, c56.end)[0]
    assert 200 < left < right < 300
    assert PAGE_H - 290 < bottom < top < PAGE_H - 260


def test_image_only_pdf_is_a_scan(draw_pdf: Callable[..., Path]) -> None:
    path = draw_pdf("scan.pdf", _image_page)
    with pytest.raises(LoadError, match="扫描件，无文字层") as e:
        documents.load(path)
    assert str(path) in str(e.value)


def test_scanned_pages_among_text_pages_give_a_warning(draw_pdf: Callable[..., Path]) -> None:
    doc = documents.load(draw_pdf("mixed.pdf", _text_page, _image_page))
    assert "3119" in doc.text
    assert any("第 2 页" in w and "扫描" in w for w in doc.warnings)


def test_truncated_pdf(draw_pdf: Callable[..., Path], tmp_path: Path) -> None:
    data = draw_pdf("t.pdf", _text_page, _grid_page).read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 3])
    with pytest.raises(LoadError, match="PDF 文件已损坏或不完整"):
        documents.load(cut)


def test_encrypted_pdf(encrypted_pdf: bytes, tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(encrypted_pdf)
    with pytest.raises(LoadError, match="PDF 已加密，需要密码才能打开"):
        documents.load(path)


def test_kangxi_radical_characters_are_folded() -> None:
    assert pdf_loader._FOLD[0x2F00] == "一"  # ⼀ (KANGXI RADICAL ONE) as some fonts map 一


@pytest.mark.shared
def test_corpus_pdf_text_and_boxes(shared: Path) -> None:
    doc = documents.load(shared / "corpus" / "pdf" / "huaian-2024.pdf")
    text = doc.text
    assert "3119" in text
    i = text.index("3119")
    pages = {doc.char_pages[k] for k in range(i, i + 4)}
    assert pages == {1}  # the narrative on page 2 (index 1)
    # table 三: the row of 新收 has its numbers on the label's line, in 7 columns
    row = next(ln for ln in text.split("\n") if ln.startswith("一、本年新收政府信息公开申请数量"))
    assert row.split("\t")[-7:] == ["3001", "53", "0", "0", "61", "4", "3119"]
    j = text.index("3119", text.index("一、本年新收"))
    page, left, bottom, right, top = doc.boxes(j, j + 4)[0]
    assert page == 3
    assert doc.pages[3].width / 2 < left < right < doc.pages[3].width
    assert 0 < bottom < top < doc.pages[3].height
    # footers stay as lines; table 四's 15 numbers are one row
    assert "- 4 -" in text.split("\n")
    assert "72\t64\t178\t37\t351\t13\t4\t8\t1\t26\t12\t1\t1\t6\t20" in text
    assert all(text[c.start : c.end] == c.text for t in doc.tables for c in t.cells)


def test_rotated_page_reads_as_displayed(draw_pdf: Callable[..., Path], tmp_path: Path) -> None:
    """A landscape page stored as a portrait page with /Rotate 90 and its text drawn sideways."""
    import pypdfium2 as pdfium

    def sideways(p: object) -> None:
        from PySide6.QtCore import QPointF

        p.translate(500, 700)  # type: ignore[attr-defined]
        p.rotate(-90)  # type: ignore[attr-defined]  # text runs bottom to top on the stored page
        p.drawText(QPointF(0, 0), "First 11")  # type: ignore[attr-defined]
        p.drawText(QPointF(0, 40), "Second 22")  # type: ignore[attr-defined]

    src = draw_pdf("side.pdf", sideways)
    pdf = pdfium.PdfDocument(str(src))
    pdf[0].set_rotation(90)
    out = tmp_path / "rotated.pdf"
    pdf.save(str(out))
    pdf.close()
    doc = documents.load(out)
    assert doc.text.split("\n")[:2] == ["First 11", "Second 22"]
    page = doc.pages[0]
    assert page.width > page.height  # displayed as landscape
    i = doc.text.index("11")
    _, left, bottom, right, top = doc.boxes(i, i + 2)[0]
    assert 0 < left < right < page.width
    assert 0 < bottom < top < page.height
    assert right - left > top - bottom  # two digits side by side, upright as displayed


@pytest.mark.system_font  # its fonts are not embedded (tests/conftest.py)
def test_table_drawn_inside_a_form_xobject(draw_pdf: Callable[..., Path], tmp_path: Path) -> None:
    """Some producers draw a whole page (grid included) as a form XObject placed with a transform."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(draw_pdf("g.pdf", _grid_page)))
    out = pdfium.PdfDocument.new()
    xobj = src.page_as_xobject(0, out)
    page = out.new_page(595, 842)
    obj = xobj.as_pageobject()
    obj.transform(pdfium.PdfMatrix().translate(20, -30))
    page.insert_obj(obj)
    page.gen_content()
    path = tmp_path / "form.pdf"
    out.save(str(path))
    for pdf in (out, src):
        pdf.close()
    doc = documents.load(path)
    assert "A\t12\t34\nB\t56\t78" in doc.text
    (t,) = doc.tables
    assert (t.n_rows, t.n_cols) == (3, 3)
    c = next(c for c in t.cells if c.text == "56")
    _, left, bottom, _, _ = doc.boxes(c.start, c.end)[0]
    assert 220 < left < 320  # drawn at x≈205, moved 20 to the right
    assert PAGE_H - 320 < bottom < PAGE_H - 290  # and 30 down


@pytest.mark.system_font  # its fonts are not embedded (tests/conftest.py)
def test_text_drawn_twice_for_bold_is_read_once(draw_pdf: Callable[..., Path]) -> None:
    def fake_bold(p: object) -> None:
        from PySide6.QtCore import QPointF

        for dx in (0.0, 0.4):  # some producers embolden by drawing the text again, slightly moved
            p.drawText(QPointF(100 + dx, 100), "Total 3119")  # type: ignore[attr-defined]

    doc = documents.load(draw_pdf("bold.pdf", fake_bold))
    assert doc.text == "Total 3119\n"
