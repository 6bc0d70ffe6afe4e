"""A cell the program could not read is not a blank of the report: the workspace keeps it as unread,
the checks say so, and the exports write 未读出 — until a reviewer types the value."""

from __future__ import annotations

import csv
import importlib.util
from decimal import Decimal
from pathlib import Path

import openpyxl

from core import export, pipeline
from core.store import Workspace

_SPEC = importlib.util.spec_from_file_location(
    "office_reports", Path(__file__).resolve().parents[2] / "fixtures" / "office_reports.py"
)
assert _SPEC is not None and _SPEC.loader is not None
office = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(office)


def _crawled(tmp_path: Path) -> tuple[Path, dict]:
    """A crawler's copy whose 表四 digits split two ways: its 15 cells cannot be read."""
    expected = office.values_for("plain2019")
    path = tmp_path / "crawled.txt"
    path.write_text(office.run_together(expected, "2019"), encoding="utf-8")
    return path, expected


def test_unread_cells_are_stored_checked_and_exported_as_unread(ws: Workspace, tmp_path: Path) -> None:
    path, expected = _crawled(tmp_path)
    rid = ws.add_report(pipeline.analyse(path))
    values = ws.indicators(rid)
    assert values["t4.review.upheld"].kind == "unread"
    assert values["t3.r7_total.total"].value == expected["t3.r7_total.total"]
    t4 = [c for c in ws.checks(rid) if c.rule == "t4.group_total"]
    assert t4 and all(c.status == "not_checkable" and "5 个单元格未读出" in c.formula for c in t4)

    out = tmp_path / "out.csv"
    export.to_csv(ws, out, codes=True)
    rows = {
        r["indicator"]: r for r in csv.DictReader(out.open(encoding="utf-8-sig")) if r["kind"] != "figure"
    }
    assert (rows["t4.review.upheld"]["kind"], rows["t4.review.upheld"]["value"]) == ("unread", "未读出")
    blank = next(k for k, v in expected.items() if v is None and k.startswith("t3."))
    assert (rows[blank]["kind"], rows[blank]["value"]) == ("empty", "")  # a real blank stays blank

    xlsx = tmp_path / "out.xlsx"
    export.to_xlsx(ws, xlsx)
    wb = openpyxl.load_workbook(xlsx)
    sheet = wb[wb.sheetnames[4]]
    shown = [c.value for row in sheet.iter_rows() for c in row]
    assert shown.count("未读出") == 15 + 1  # the cells, and the colour key under the tables
    matrix = wb["指标数据"]
    headers = [c.value for c in matrix[2]]
    assert matrix.cell(3, headers.index("t4.review.total") + 1).value == "未读出"
    # the leader's 汇总 says 未读出 too, never a blank or a sum that silently lacks the cell
    summary = wb["汇总"]
    heads = [c.value for c in summary[3]]
    assert summary.cell(4, heads.index("行政复议") + 1).value == "未读出"


def test_a_reviewer_fills_an_unread_cell(ws: Workspace, tmp_path: Path) -> None:
    path, expected = _crawled(tmp_path)
    rid = ws.add_report(pipeline.analyse(path))
    for c in ("upheld", "corrected", "other", "pending", "total"):
        ws.set_indicator_value(rid, f"t4.review.{c}", expected[f"t4.review.{c}"], "number")
    assert ws.indicators(rid)["t4.review.total"].kind == "number"
    check = next(c for c in ws.checks(rid) if c.rule == "t4.group_total" and c.subject == "review")
    assert check.status == "pass"
    assert ws.indicators(rid)["t4.suit_direct.total"].kind == "unread"
    assert Decimal(0) not in {ws.indicators(rid)[f"t4.suit_direct.{c}"].value for c in ("upheld", "total")}
