"""The xlsx is written as a stream: rows in order on every sheet, merged ranges kept, the same workbook
whatever the batch size, the tables of many reports on 报告表格 sheets, memory that does not grow with
the reports, nothing left behind when the export stops half-way."""

from __future__ import annotations

import contextlib
import re
import subprocess
import sys
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter
from store_helpers import extraction

from core import export
from core.export import lists, stream, xlsx
from core.store import Workspace

ROOT = Path(__file__).resolve().parents[3]


def _reviewed(ws: Workspace, n: int) -> list[int]:
    ids = [
        ws.add_report(extraction(issuer=f"第{k}区人民政府", year=2020 + k % 4, salt=str(k))) for k in range(n)
    ]
    for rid in ids[::2]:
        t = next(f for f in ws.figures(rid) if f.source == "table")
        ws.correct(t.id, Decimal(36))
        ws.accept_check(rid, "t3.row_total", "new", "原报告如此")
    return ids


def _content(path: Path) -> dict[str, Any]:
    """Every sheet's cell values, merged ranges, comments and row heights, as openpyxl reads them."""
    wb = openpyxl.load_workbook(path)
    out: dict[str, Any] = {"names": wb.sheetnames}
    for s in wb.worksheets:
        out[s.title] = (
            {c.coordinate: c.value for row in s.iter_rows() for c in row if c.value is not None},
            sorted(str(m) for m in s.merged_cells.ranges),
            {c.coordinate: c.comment.text for row in s.iter_rows() for c in row if c.comment},
            {k: d.height for k, d in s.row_dimensions.items() if d.height},
        )
    return out


def test_band_writes_in_row_order_and_refuses_a_row_already_left(tmp_path: Path) -> None:
    wb = xlsxwriter.Workbook(str(tmp_path / "b.xlsx"), {"constant_memory": True})
    ws = wb.add_worksheet("s")
    band = stream.Band(stream.Rows(ws))
    band.number(3, 1, 7)
    band.merge(1, 0, 3, 0, "纵向合并", wb.add_format({"border": 1}))
    band.string(1, 2, "第二行")
    band.height(2, 30)
    band.comment(3, 1, "批注", {})
    band.flush()
    band.string(0, 0, "已经写过的行")
    with pytest.raises(RuntimeError, match="第 1 行"):
        band.flush()
    wb.close()
    s = openpyxl.load_workbook(tmp_path / "b.xlsx")["s"]
    assert [str(m) for m in s.merged_cells.ranges] == ["A2:A4"]
    assert (s["A2"].value, s["C2"].value, s["B4"].value) == ("纵向合并", "第二行", 7)
    assert s["B4"].comment.text == "批注" and s.row_dimensions[3].height == 30


def test_every_sheet_has_its_rows_in_order_and_each_cell_once(ws: Workspace, tmp_path: Path) -> None:
    _reviewed(ws, 3)
    out = tmp_path / "x.xlsx"
    export.to_xlsx(ws, out)
    with zipfile.ZipFile(out) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(sheets) == 10
        vertical = 0
        for name in sheets:
            xml = z.read(name).decode()
            rows = [int(r) for r in re.findall(r'<row r="(\d+)"', xml)]
            assert rows == sorted(set(rows)), name
            cells = re.findall(r'<c r="([A-Z]+\d+)"', xml)
            assert len(cells) == len(set(cells)), name
            for a, b in re.findall(r'<mergeCell ref="[A-Z]+(\d+):[A-Z]+(\d+)"', xml):
                vertical += a != b
        assert vertical > 0  # the report sheets' and 指标数据's merged ranges over several rows survive


def test_the_workbook_is_the_same_whatever_the_batch(
    ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _reviewed(ws, 5)
    export.to_xlsx(ws, tmp_path / "a.xlsx")
    monkeypatch.setattr(xlsx, "BATCH", 2)
    monkeypatch.setattr(lists, "EVENTS", 1)
    export.to_xlsx(ws, tmp_path / "b.xlsx")
    a, b = _content(tmp_path / "a.xlsx"), _content(tmp_path / "b.xlsx")
    assert a == b
    assert len(a["审核记录"][0]) > 11 * 5  # every event is listed, a page of one at a time


def test_many_reports_put_their_tables_on_report_table_sheets(
    ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _reviewed(ws, 5)
    export.to_xlsx(ws, tmp_path / "own.xlsx")
    own = openpyxl.load_workbook(tmp_path / "own.xlsx")
    monkeypatch.setattr(xlsx, "SHEETS_MAX", 2)
    monkeypatch.setattr(xlsx, "PER_SHEET", 2)
    export.to_xlsx(ws, tmp_path / "stacked.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "stacked.xlsx")
    assert wb.sheetnames[4:7] == ["报告表格", "报告表格 (2)", "报告表格 (3)"]
    assert wb.sheetnames[7:] == ["指标数据", "数字明细", "审核记录"]
    assert any(c.value == xlsx.STACKED_NOTE for row in wb["说明"].iter_rows() for c in row)
    blocks = []
    for name in wb.sheetnames[4:7]:
        s = wb[name]
        tops = [
            c.row
            for c in s["A"]
            if isinstance(c.value, str) and c.value.endswith("年政府信息公开工作年度报告")
        ]
        assert [b.id for b in s.row_breaks.brk] == [t - 1 for t in tops[1:]]  # a page per report
        blocks += [(s, t) for t in tops]
    assert len(blocks) == len(ids)
    for rid, (s, top) in zip(ids, blocks, strict=True):
        mine = next(own[n] for n in own.sheetnames if n.split()[0] == str(rid))
        for row in mine.iter_rows():
            for c in row:
                v = s.cell(c.row + top - 1, c.column).value
                if isinstance(c.value, str) and c.value.startswith(
                    "=IF("
                ):  # a 核对 formula moves with its block
                    assert re.sub(r"\d+", "", v) == re.sub(r"\d+", "", c.value)
                else:
                    assert v == c.value, (rid, c.coordinate)
        moved = {str(m) for m in s.merged_cells.ranges}
        for m in mine.merged_cells.ranges:
            m.shift(0, top - 1)
            assert str(m) in moved


def test_an_export_stopped_half_way_leaves_nothing_behind(
    ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _reviewed(ws, 4)
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    seen = []

    def broken(d: Any, fm: Any) -> Any:
        seen.append(d)
        if len(seen) == 3:
            raise KeyboardInterrupt  # the reviewer closes the program in the middle
        return iter(())

    monkeypatch.setattr(lists, "figure_rows", broken)
    with pytest.raises(KeyboardInterrupt):
        export.to_xlsx(ws, tmp_path / "out.xlsx")
    assert list(temp.iterdir()) == []  # no temporary rows of any sheet
    assert not list(tmp_path.glob("out*"))  # neither the workbook nor its part


_PEAK = """
import sys, tracemalloc
from core import export
from core.export import lists, xlsx
from core.store import Workspace
xlsx.SHEETS_MAX = 50  # on 报告表格 sheets, as a big export is
ws = Workspace.open(sys.argv[1], readonly=True)
export.to_xlsx(ws, sys.argv[2] + ".warm.xlsx")  # what a process makes once (imports, caches)
tracemalloc.start()
export.to_xlsx(ws, sys.argv[2])
print(tracemalloc.get_traced_memory()[1])
"""


@pytest.mark.slow
def test_memory_does_not_grow_with_the_reports(tmp_path: Path) -> None:
    peaks = []
    for n in (100, 400):
        with Workspace.open(tmp_path / f"{n}.sqlite", reviewer="张三") as ws:
            for k in range(n):
                ws.add_report(extraction(issuer=f"第{k}区人民政府", year=2023, salt=str(k)))
        r = subprocess.run(
            [sys.executable, "-c", _PEAK, str(tmp_path / f"{n}.sqlite"), str(tmp_path / f"{n}.xlsx")],
            cwd=ROOT, capture_output=True, text=True, timeout=600, check=True,
        )  # fmt: skip
        peaks.append(int(r.stdout.split()[-1]))
    # four times the reports, each batch as big: a report costs what is kept of it to the end (its row
    # for the batches, its merged ranges, which XlsxWriter writes at the end: about 4 KB), not its five
    # hundred cells (over 100 KB in XlsxWriter's default mode)
    per_report = (peaks[1] - peaks[0]) / 300
    assert per_report < 8 * 2**10, [p // 2**10 for p in peaks]


# ---- the rows written straight into the sheet, as XlsxWriter writes them ---------------------------------
_TEXTS = ["普通文字", "a & b < c > d", ' 前后空格 ', "制表\t换行\n", "控制\x01字符\x1f", "_x0041_ 字面", "",
          "\ufffe\uffff", "𠀀" * 20_000, "x" * 40_000, '引号"和\'撇号']  # fmt: skip
_NUMBERS = [0, 7, -3, 1234567890123, 0.1, 2.5e-9, 1e300, 3.0]


def _sheet_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml") + z.read("xl/styles.xml")


def _write(path: Path, ours: bool) -> None:
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("s")
    bold, wrap = wb.add_format({"bold": True}), wb.add_format({"text_wrap": True})
    ws.set_column(3, 3, 40, wrap)  # a cell without a format of its own takes its column's
    ws.set_default_row(16.5)
    rows: list[tuple[int, list[tuple[int, int, Any, Any]], float | None]] = []
    r = 0
    for k, t in enumerate(_TEXTS):
        rows.append((r, [(0, stream.STRING, t, bold if k % 2 else None), (3, stream.STRING, t, None)], None))
        r += 1
    for k, v in enumerate(_NUMBERS):
        rows.append((r, [(1, stream.NUMBER, v, None), (2, stream.NUMBER, v, bold)], 30.0 if k % 3 else None))
        r += 1
    rows.append(
        (
            r,
            [(0, stream.BLANK, None, bold), (1, stream.BLANK, None, None), (4, stream.BLANK, None, wrap)],
            12.0,
        )
    )
    r += 2  # a row left out
    for k, value in enumerate(["", "≠", 12, 2.5, "#N/A"]):
        rows.append(
            (r + k, [(5, stream.FORMULA, (f'=IF(A1<B{k + 1},"",SUM(C1:C{k + 2}))', value), bold)], None)
        )
    out = stream.Rows(ws)
    for row, cells, height in rows:
        if ours:
            out.row(row, cells, height)
            continue
        if height is not None:
            ws.set_row(row, height)
        for c, kind, v, f in cells:
            if kind == stream.STRING:
                ws.write_string(row, c, v, f)
            elif kind == stream.NUMBER:
                ws.write_number(row, c, v, f)
            elif kind == stream.BLANK:
                ws.write_blank(row, c, None, f)
            else:
                ws.write_formula(row, c, v[0], f, v[1])
    wb.close()


def test_rows_are_written_byte_for_byte_as_xlsxwriter_writes_them(tmp_path: Path) -> None:
    _write(tmp_path / "ours.xlsx", True)
    _write(tmp_path / "theirs.xlsx", False)
    assert _sheet_xml(tmp_path / "ours.xlsx") == _sheet_xml(tmp_path / "theirs.xlsx")
    s = openpyxl.load_workbook(tmp_path / "ours.xlsx")["s"]
    assert s["A2"].value == "a & b < c > d" and s["D1"].alignment.wrap_text
    assert s["B18"].value == 1e300 and s.row_dimensions[13].height == 30


def test_a_row_with_a_height_and_no_cell_keeps_its_height(tmp_path: Path) -> None:
    # (XlsxWriter's own constant-memory mode drops such a row: it writes a row when the next row's first
    # cell comes, and this one has none)
    wb = xlsxwriter.Workbook(str(tmp_path / "x.xlsx"), {"constant_memory": True})
    out = stream.Rows(wb.add_worksheet("s"))
    out.row(0, [(0, stream.NUMBER, 1, None)])
    out.row(1, [], 40.0)
    out.row(2, [(0, stream.NUMBER, 2, None)])
    wb.close()
    s = openpyxl.load_workbook(tmp_path / "x.xlsx")["s"]
    assert s.row_dimensions[2].height == 39.75 and s["A3"].value == 2


def test_a_row_already_written_cannot_be_written_again(tmp_path: Path) -> None:
    wb = xlsxwriter.Workbook(str(tmp_path / "x.xlsx"), {"constant_memory": True})
    out = stream.Rows(wb.add_worksheet("s"))
    out.row(3, [(0, stream.NUMBER, 1, None)])
    with pytest.raises(RuntimeError, match="第 4 行"):
        out.row(3, [(1, stream.NUMBER, 2, None)])
    wb.close()


def test_a_report_further_down_a_sheet_checks_its_own_cells(tmp_path: Path) -> None:
    """The 核对 formulas of a report's tables on a 报告表格 sheet are those of the same tables at that
    place: every cell moved down, no other number touched (ROUND(…,6), COUNT(…)<n)."""
    from core.tables import layout

    wb = xlsxwriter.Workbook(str(tmp_path / "x.xlsx"))
    fm = xlsx.Formats(wb)
    for ids in ({i for i in layout.ORDER if not i.startswith(("t2_2019.", "t3.r6."))}, set(layout.ORDER)):
        plan = xlsx._plan(ids, fm)
        for top in (0, 1, 57, 99_999):
            at = {i: (r + top, c) for i, (r, c) in plan.at.items()}
            assert plan.formulas(top) == [xlsx._check_formula(a, b, at) for a, b, _r, _c in plan.checks]
    wb.close()


def _stamped(path: Path, template: bool) -> None:
    """Two reports' blocks on one sheet, either stamped from a template with holes or written cell by
    cell: the same labels, merged headers and heights, each block's own values, a formula, a text with
    XML in it, blanks with and without a format, a cell written over the template's, the sheet's column
    format for a cell without one."""
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("s")
    head, num, mark = wb.add_format({"bold": True, "border": 1}), wb.add_format({"num_format": "#,##0"}), None
    ws.set_column(4, 4, 30, wb.add_format({"text_wrap": True}))
    band = stream.Band(stream.Rows(ws), 16.5)
    t = stream.Template()

    def same(b: Any, top: int) -> None:  # what every block holds
        b.merge(top, 0, top + 1, 1, "合并的表头", head)
        b.string(top + 2, 0, "一行的标签 & <说明>", head)
        b.string(top + 2, 4, "列格式")
        b.blank(top + 3, 1, head)
        b.height(top + 2, 40.0)

    same(t, 0)
    holes = [t.hole(2, 2), t.hole(2, 3), t.hole(3, 0), t.hole(2, 4), t.hole(4, 5)]
    for top, v in ((0, 7), (9, 12345)):
        fills = [
            (stream.NUMBER, v, num),
            (stream.STRING, f"第{v}号 <b>", None),
            (stream.BLANK, None, None),  # nothing written there
            (stream.STRING, "盖过模板", head),  # over the template's text
            (stream.FORMULA, (f"=SUM(C{top + 3}:D{top + 3})", v), mark),
        ]
        if template:
            band.stamp(t, top, [fills[k] for k in holes])
            band.blank(top + 3, 1, None)  # a blank without a format written over the template's cell
        else:
            same(band, top)
            for (r, c), (kind, x, f) in zip(((2, 2), (2, 3), (3, 0), (2, 4), (4, 5)), fills, strict=True):
                band._ops.append((top + r, c, kind, x, f))
            band.blank(top + 3, 1, None)
        band.flush()
    wb.close()


def test_a_stamped_template_writes_what_the_cells_written_one_by_one_write(tmp_path: Path) -> None:
    _stamped(tmp_path / "stamped.xlsx", True)
    _stamped(tmp_path / "cells.xlsx", False)
    assert _sheet_xml(tmp_path / "stamped.xlsx") == _sheet_xml(tmp_path / "cells.xlsx")
    s = openpyxl.load_workbook(tmp_path / "stamped.xlsx")["s"]
    assert (s["C3"].value, s["C12"].value, s["D12"].value) == (7, 12345, "第12345号 <b>")
    assert s["E3"].value == "盖过模板" and s["B4"].value is None and s["F14"].value == "=SUM(C12:D12)"
    assert sorted(str(m) for m in s.merged_cells.ranges) == ["A10:B11", "A1:B2"]
    assert s.row_dimensions[3].height == s.row_dimensions[12].height == 39.75  # (40 points in pixels)
    band = stream.Band(stream.Rows(xlsxwriter.Workbook(str(tmp_path / "x.xlsx")).add_worksheet()))
    t = stream.Template()
    for c in range(5):
        t.hole(0, c)
    with pytest.raises(ValueError, match="5 holes"):
        band.stamp(t, 0, [])


def _commented(path: Path, ours: bool) -> None:
    """Comments as the report sheets have them, and some they never have (visible, an author, texts
    with XML, control characters and spaces at the ends), through our packing or XlsxWriter's own."""
    texts = [
        "未通过：表三（自然人）1+2 = 4 ≠ 3",
        'a & b < c > "d"',
        "  前后空格  ",
        "控制\x01字符",
        "_x0041_",
    ]
    with stream.workbook(path, {}) if ours else _plain(path) as wb:
        ws = wb.add_worksheet("s")
        ws.set_column(0, 3, 20)
        for k, t in enumerate(texts):
            ws.write_number(k * 3, k % 4, k)  # (XlsxWriter's streaming fails on a comment in an empty row)
            ws.write_comment(
                k * 3, k % 4, t, {**xlsx.COMMENT, "visible": k == 1, "author": "审核人" if k == 2 else None}
            )


@contextlib.contextmanager
def _plain(path: Path) -> Any:
    import xlsxwriter.packager

    with pytest.MonkeyPatch.context() as m:  # XlsxWriter's own writers of the comments
        m.setattr(xlsxwriter.packager, "Vml", stream.Vml)
        m.setattr(xlsxwriter.packager, "Comments", stream.Comments)
        wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
        yield wb
        wb.close()


def test_comments_are_packed_byte_for_byte_as_xlsxwriter_packs_them(tmp_path: Path) -> None:
    _commented(tmp_path / "ours.xlsx", True)
    _commented(tmp_path / "theirs.xlsx", False)
    parts = ("xl/drawings/vmlDrawing1.vml", "xl/comments1.xml", "xl/worksheets/sheet1.xml")
    with zipfile.ZipFile(tmp_path / "ours.xlsx") as a, zipfile.ZipFile(tmp_path / "theirs.xlsx") as b:
        assert [a.read(p) for p in parts] == [b.read(p) for p in parts]
        assert sorted(a.namelist()) == sorted(b.namelist())
    s = openpyxl.load_workbook(tmp_path / "ours.xlsx")["s"]
    assert s["B4"].comment.text == 'a & b < c > "d"' and s["C7"].comment.author == "审核人"
