"""Bounds at the cause: spans and skips clamped to the grid a table can have, a PDF's inflated size
measured before PDFium is given it — each red-team case within 30 s and 1 GB, the text around kept."""

from __future__ import annotations

import time
from pathlib import Path

import bombs
import pytest
from hostile_helpers import hecha_measured, one_clean_line

SECONDS = 30
PEAK_MB = 1024


def _docx_table(path: Path, *, span: int | None = None, before: int | None = None) -> None:
    """A report with table 三's first rows; one cell spans ``span`` columns, one row skips ``before``."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = Document()
    d.add_paragraph("某区2023年政府信息公开工作年度报告")
    d.add_paragraph("本年新收政府信息公开申请 37 件。")
    t = d.add_table(rows=3, cols=3)
    for r, row in enumerate([("项目", "自然人", "总计"), ("本年新收", "30", "37"), ("上年结转", "4", "5")]):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    if span is not None:
        g = OxmlElement("w:gridSpan")
        g.set(qn("w:val"), str(span))
        t.cell(0, 2)._tc.get_or_add_tcPr().append(g)
    if before is not None:
        tr_pr = t.rows[1]._tr.get_or_add_trPr()
        g = OxmlElement("w:gridBefore")
        g.set(qn("w:val"), str(before))
        tr_pr.append(g)
    d.add_paragraph("结转下年度 2 件。")
    d.save(str(path))


def _within_bounds(tmp_path: Path, p: Path) -> str:
    t0 = time.monotonic()
    r, peak_mb = hecha_measured(tmp_path, "extract", "--json", str(p), timeout=120)
    took = time.monotonic() - t0
    assert took < SECONDS, f"{took:.0f} s"
    assert 0 < peak_mb < PEAK_MB, f"peak {peak_mb:.0f} MB"
    one_clean_line(r.stderr)
    return r.stdout + r.stderr


def test_a_cell_spanning_two_billion_columns_is_read_in_seconds(tmp_path: Path) -> None:
    p = tmp_path / "跨列.docx"
    _docx_table(p, span=2147483647)
    out = _within_bounds(tmp_path, p)
    assert "37" in out and "结转下年度" in out  # the table and the text after it are read


def test_a_row_skipping_a_hundred_million_columns_is_read_in_seconds(tmp_path: Path) -> None:
    p = tmp_path / "跳列.docx"
    _docx_table(p, before=100_000_000)
    out = _within_bounds(tmp_path, p)
    assert "37" in out and "结转下年度" in out


def test_html_cells_spanning_a_hundred_thousand_rows_and_columns(tmp_path: Path) -> None:
    rows = "".join(f"<tr><td rowspan=100000 colspan=100000>{i}</td></tr>" for i in range(300))
    p = tmp_path / "跨行跨列.html"
    p.write_text(
        "<html><body><p>某区2023年政府信息公开工作年度报告</p><table>"
        + rows
        + "</table><p>本年新收申请 37 件。</p></body></html>",
        "utf-8",
    )
    assert p.stat().st_size < 20_000
    out = _within_bounds(tmp_path, p)
    assert '"value": 37' in out


def test_grid_places_bounded_whatever_the_spans() -> None:
    from core.documents.html import MAX_GRID, place

    cells = place([[("x", 0, 5), ("y", 0, 5)] for _ in range(5000)])  # each spans to the end
    assert len(cells) == 10_000
    assert sum(c.rowspan * c.colspan for c in cells) <= MAX_GRID + 10_000


def test_a_pdf_inflating_to_three_gigabytes_is_refused_before_pdfium(tmp_path: Path) -> None:
    p = tmp_path / "膨胀.pdf"
    p.write_bytes(bombs.inflating(3 << 30))
    assert p.stat().st_size < 4 << 20
    t0 = time.monotonic()
    r, peak_mb = hecha_measured(tmp_path, "extract", "--json", str(p), timeout=120)
    assert time.monotonic() - t0 < SECONDS
    assert r.returncode == 1 and peak_mb < PEAK_MB, f"peak {peak_mb:.0f} MB"
    one_clean_line(r.stderr)
    assert "膨胀.pdf" in r.stderr and "解压后超过" in r.stderr


def test_a_pdf_within_the_inflation_bounds_is_read() -> None:
    from core.documents.pdf_bounds import inflated_beyond

    assert inflated_beyond(bombs.inflating(8 << 20)) == 0
    assert inflated_beyond(bombs.inflating(300 << 20)) > 256 << 20


@pytest.mark.parametrize("target", ["/", "/usr/share"])
def test_a_link_out_of_the_chosen_folder_is_not_followed(tmp_path: Path, target: str) -> None:
    from core.store.importer import collect

    folder = tmp_path / "报告"
    (folder / "子目录").mkdir(parents=True)
    (folder / "a.txt").write_text("某区2023年报告 新收 3 件", "utf-8")
    (folder / "子目录" / "b.txt").write_text("某县2023年报告 新收 4 件", "utf-8")
    (folder / "外部").symlink_to(target)
    (folder / "子目录" / "回环").symlink_to(folder)  # a link inside: its folder is listed once
    t0 = time.monotonic()
    files, errors = collect([folder])
    assert time.monotonic() - t0 < 5
    assert sorted(Path(f).name for f in files) == ["a.txt", "b.txt"]
    [(name, reason)] = [e for e in errors if "外部" in e[0]]
    assert "链接" in reason and "所选文件夹之外" in reason
