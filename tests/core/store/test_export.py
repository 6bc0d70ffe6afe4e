"""Exports a reviewer hands on: the xlsx opens with the official layout; the CSV reads in Excel."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from store_helpers import extraction

from core import export
from core.errors import ExportError
from core.store import Workspace

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def reviewed(ws: Workspace) -> Workspace:
    a = ws.add_report(extraction(year=2022))
    ws.add_report(extraction(issuer="乙县人民政府", year=2023))
    t = next(f for f in ws.figures(a) if f.source == "table")
    ws.correct(t.id, Decimal(36))
    ws.accept_check(a, "t3.row_total", "new", "原报告如此")
    return ws


def test_xlsx_has_summary_report_sheets_figures_and_audit(reviewed: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    steps: list[tuple[int, int]] = []
    export.to_xlsx(reviewed, out, progress=lambda d, t: steps.append((d, t)))
    # a step per report, one for the lists, one for the file: the end is reached once the file is written
    assert steps == [(1, 4), (2, 4), (3, 4), (4, 4)]
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:4] == ["汇总", "图表", "说明", "检查结果"]
    assert wb.sheetnames[-3:] == ["指标数据", "数字明细", "审核记录"]
    assert len(wb.sheetnames) == 9
    s = wb["指标数据"]  # every indicator of every report, the ids under the labels
    assert s.freeze_panes == "C3"
    headers = [c.value for c in s[2]]
    col = headers.index("t3.new.total") + 1
    assert s.cell(1, col).value == "表三 一、本年新收政府信息公开申请数量 总计"
    assert s.cell(3, col).value == 36 and s.cell(4, col).value == 35
    assert s.cell(3, col).fill.fgColor.rgb.endswith("FFF2CC")  # corrected
    blank = headers.index("t3.carried_in.natural") + 1
    assert s.cell(3, blank).value is None  # blank stays blank, never 0
    sheet = wb[wb.sheetnames[4]]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    values = {c.value for row in sheet.iter_rows() for c in row if c.value is not None}
    assert {"申请人情况", "法人或其他组织", "行政复议", "行政诉讼", "（三）不予公开"} <= values
    assert any(r.startswith("D") and ":J" in r for r in merged)  # 申请人情况 spans the seven columns
    audit = wb["审核记录"]
    assert [c.value for c in audit[1]][:7] == ["编号", "时间", "审核人", "报告编号", "文件", "对象", "操作"]
    assert [audit.cell(r, 7).value for r in (2, 3)] == ["更正", "接受检查"]
    assert audit.cell(3, 10).value == "原报告如此"
    # the object named in words, the time as a clock shows it (no T, no offset)
    assert audit.cell(2, 6).value == "表三 一、本年新收政府信息公开申请数量 总计"  # a corrected table cell
    assert audit.cell(3, 6).value == "检查：表三行合计（一、本年新收政府信息公开申请数量）"
    assert "T" not in audit.cell(2, 2).value and len(audit.cell(2, 2).value) == 19
    words = [audit.cell(r, c).value for r in range(2, audit.max_row + 1) for c in (6, 7, 8, 9)]
    assert not [
        w for w in words if isinstance(w, str) and re.fullmatch(r"[a-z_:.0-9]*[a-z][a-z_:.0-9]*", w)
    ]  # no codes
    figs = wb["数字明细"]
    assert figs.max_row == 1 + 4  # narrative figures; the two table cells are on the report sheets
    assert any("收到申请35件" in (figs.cell(r, 18).value or "") for r in range(2, 6))


def test_xlsx_of_chosen_reports_only(reviewed: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "one.xlsx"
    second = reviewed.reports()[1].id
    export.to_xlsx(reviewed, out, report_ids=[second])
    wb = openpyxl.load_workbook(out)
    assert len(wb.sheetnames) == 8 and wb["审核记录"].max_row == 1
    with pytest.raises(ExportError, match="没有编号为 77"):
        export.to_xlsx(reviewed, tmp_path / "x.xlsx", report_ids=[77])
    assert not (tmp_path / "x.xlsx").exists()


def test_csv_long_form_with_bom(reviewed: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    n = export.to_csv(reviewed, out, codes=True)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    # per report its 9 indicator values and its 2 narrative figures: the table cell linked to t3.new.total
    # is its indicator value's row only, never a second time as a figure
    assert len(rows) == n == 2 * (2 + 9)
    assert list(rows[0]) == list(export.CSV_COLUMNS)
    assert not [r for r in rows if r["kind"] == "figure" and r["indicator"] == "t3.new.total"]
    total = next(r for r in rows if r["indicator"] == "t3.new.total" and r["kind"] != "figure")
    assert (total["value"], total["unit"], total["status"], total["reviewer"], total["issuer"]) == (
        "36",
        "件",
        "corrected",
        "张三",
        "甲市人民政府",
    )
    blank = next(r for r in rows if r["indicator"] == "t3.carried_in.natural")
    assert (blank["kind"], blank["value"]) == ("empty", "")
    na = next(r for r in rows if r["indicator"] == "t3.r1.total")
    assert (na["kind"], na["value"]) == ("not_applicable", "/")
    fig = next(r for r in rows if r["kind"] == "figure" and r["value"] == "120")
    assert fig["unit"] == "条" and "主动公开信息120条" in fig["context"]


def test_export_to_unwritable_place_is_a_clear_error(reviewed: Workspace, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="无法写入"):
        export.to_csv(reviewed, tmp_path / "no" / "such" / "dir.csv")
    with pytest.raises(ExportError):
        export.to_xlsx(reviewed, tmp_path / "no" / "such" / "dir.xlsx")


def _hecha(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gui.shell.app", *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )


@pytest.mark.shared
def test_corpus_import_then_csv_carries_gold(shared: Path, tmp_path: Path) -> None:
    db, out = tmp_path / "w.sqlite", tmp_path / "w.csv"
    first = _hecha("import", str(shared / "corpus"), "--db", str(db))
    assert "导入完成" in first.stdout
    again = _hecha("import", str(shared / "corpus"), "--db", str(db))
    assert "新增 0 份" in again.stdout
    r = _hecha("export", "--db", str(db), "--csv", str(out), "--csv-codes")
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    for line in (shared / "gold" / "tables.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        got = {
            r["indicator"]: r["value"] for r in rows if r["report"] == gold["doc"] and r["kind"] != "figure"
        }
        for ind, value in gold["indicators"].items():
            want = "" if value is None else str(int(value) if float(value).is_integer() else value)
            assert got.get(ind) == want, f"{gold['doc']} {ind}"
    for line in (shared / "gold" / "seeds.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        got = {
            (int(r["start"]), r["value"])
            for r in rows
            if r["report"] == gold["doc"] and r["kind"] == "figure"
        }
        for f in gold["figures"]:
            if f["kind"] == "stat":
                v = f["value"]
                want = str(int(v) if float(v).is_integer() else v)
                assert (f["start"], want) in got, f"{gold['doc']} {f['start']} {f['number']}"
