"""Report sheets follow each report's own format: the 2019 table 二 and single （六） row, or the 2021 ones,
side by side in one workbook; summary columns and the figures sheet keep their values and formats."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet as Sheet
from store_helpers import extraction

from core import export
from core.model import IndicatorValue
from core.store import Workspace


def _old_format(ws: Workspace) -> int:
    ex = extraction(issuer="丙区人民政府", year=2020)
    inds = dict(ex.indicators)
    inds["t2_2019.procurement.amount"] = IndicatorValue(
        id="t2_2019.procurement.amount", kind="number", value=Decimal("12.5"), raw="12.5"
    )
    inds["t3.r6.total"] = IndicatorValue(id="t3.r6.total", kind="number", value=Decimal(4), raw="4")
    return ws.add_report(dataclasses.replace(ex, indicators=inds))


def _find(sheet: Sheet, text: str) -> tuple[int, int]:
    for row in sheet.iter_rows():
        for c in row:
            if c.value == text:
                return c.row, c.column
    raise AssertionError(f"{text} not on {sheet.title}")


def _values(sheet: Sheet) -> set[object]:
    return {c.value for row in sheet.iter_rows() for c in row if c.value is not None}


def test_each_report_sheet_has_its_own_formats_tables(ws: Workspace, tmp_path: Path) -> None:
    new = ws.add_report(extraction(year=2023))
    old = _old_format(ws)
    new2 = ws.add_report(extraction(issuer="丁县人民政府", year=2023))
    out = tmp_path / "x.xlsx"
    export.to_xlsx(ws, out)
    wb = openpyxl.load_workbook(out)
    sheets = {int(name.split()[0]): wb[name] for name in wb.sheetnames[4:-3]}
    assert set(sheets) == {new, old, new2}
    for rid in (new, new2):
        v = _values(sheets[rid])
        assert {
            "本年制发件数",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "3.其他",
        } <= v
        assert "本年新制作数量" not in v and "（六）其他处理" in v  # the group heading of the three rows
    s = sheets[old]
    v = _values(s)
    assert (
        {"本年新制作数量", "政府集中采购", "采购总金额"} <= v
        and "本年制发件数" not in v
        and "3.其他" not in v
    )
    r, c = _find(s, "（六）其他处理")
    assert s.cell(r, 10).value == 4  # the 总计 column of the single （六） row
    assert any(str(m) == f"B{r}:C{r}" for m in s.merged_cells.ranges)
    r, c = _find(s, "政府集中采购")
    assert s.cell(r, 5).value == 12.5 and s.cell(r, 5).number_format == "#,##0.0#####"
    r, c = _find(s, "四、政府信息公开行政复议、行政诉讼情况")
    assert [s.cell(r + 1, k).value for k in (1, 6)] == ["行政复议", "行政诉讼"]
    assert [s.cell(r + 2, k).value for k in (6, 11)] == ["未经复议直接起诉", "复议后起诉"]
    assert s.cell(r + 4, 1).border.left.style == "thin"  # blank value cells keep the table's grid


def test_summary_columns_cover_both_formats(ws: Workspace, tmp_path: Path) -> None:
    ws.add_report(extraction(year=2023))
    old = _old_format(ws)
    out = tmp_path / "x.xlsx"
    export.to_xlsx(ws, out)
    s = openpyxl.load_workbook(out)["指标数据"]
    ids = [c.value for c in s[2]]
    assert ids.index("t2_2019.procurement.amount") < ids.index("t3.r1.total") < ids.index("t3.r6.total")
    row = next(r for r in range(3, s.max_row + 1) if s.cell(r, 1).value == old)
    assert s.cell(row, ids.index("t3.r6.total") + 1).value == 4
    assert s.cell(row, ids.index("t2_2019.procurement.amount") + 1).value == 12.5
    other = 3 if row == 4 else 4
    assert s.cell(other, ids.index("t3.r6.total") + 1).value is None
