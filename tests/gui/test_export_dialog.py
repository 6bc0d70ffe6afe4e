"""The export dialog: scope (all / completed / selected), formats, destination, progress, open folder."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from tablecheck_fixtures import DOCX, OFFICE_2022, OFFICE_2023, sample_ws  # noqa: F401

import gui.export.exportdialog as exportdialog
from gui.export.exportdialog import ExportDialog


def test_export_dialog_writes_a_workbook_whose_tables_open(
    qtbot: Any,
    sample_ws: Any,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ws, ids = sample_ws
    opened: list[str] = []
    monkeypatch.setattr(exportdialog, "open_url", lambda url: opened.append(url.toLocalFile()) or True)
    d = ExportDialog(ws, folder=str(tmp_path / "out"))
    qtbot.addWidget(d)
    d.show()
    assert d.scope["all"].isChecked() and not d.scope["selected"].isEnabled()
    assert not d.open_button.isEnabled()
    d.csv.setChecked(True)
    d.stem.setText("年报核查")
    with qtbot.waitSignal(d.exported, timeout=30000) as sig:
        qtbot.mouseClick(d.export_button, Qt.MouseButton.LeftButton)
    xlsx, csv_path = (Path(p) for p in sig.args[0])
    assert (xlsx.name, csv_path.name) == ("年报核查.xlsx", "年报核查.csv")
    wb = openpyxl.load_workbook(xlsx, read_only=True)
    assert "汇总" in wb.sheetnames and len(wb.sheetnames) >= 3 + 3
    report_rows = [r for r in wb["汇总"].iter_rows(values_only=True) if isinstance(r[0], int)]
    assert sorted(r[0] for r in report_rows) == sorted(ids.values())  # one row per report
    with open(csv_path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    new_total = [
        r for r in rows if r["指标"] == "t3.new.total" and r["报告"] == DOCX and r["类别"] != "正文数字"
    ]  # the CSV a reviewer opens is worded in Chinese
    assert [r["数值"] for r in new_total] == ["45"]
    assert d.progress.value() == d.progress.maximum()
    assert d.open_button.isEnabled()
    qtbot.mouseClick(d.open_button, Qt.MouseButton.LeftButton)
    assert opened == [str(tmp_path / "out")]


def test_export_dialog_exports_only_completed_or_selected_reports_to_check(
    qtbot: Any,
    sample_ws: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    ws, ids = sample_ws
    ws.set_report_status(ids[OFFICE_2023], "done", override="试用导出")
    d = ExportDialog(ws, selected=[ids[DOCX], ids[OFFICE_2022]], folder=str(tmp_path))
    qtbot.addWidget(d)
    assert d.scope["selected"].isChecked()
    assert d.report_ids() == [ids[DOCX], ids[OFFICE_2022]]
    d.scope["done"].setChecked(True)
    assert d.report_ids() == [ids[OFFICE_2023]]
    d.xlsx.setChecked(False)
    d.csv.setChecked(True)
    with qtbot.waitSignal(d.exported, timeout=30000) as sig:
        d.start()
    with open(sig.args[0][0], encoding="utf-8-sig", newline="") as f:
        reports = {r["报告"] for r in csv.DictReader(f)}
    assert reports == {OFFICE_2023}
    d.csv.setChecked(False)
    assert d.start() is None
    assert d.status.text() == "请至少选择一种格式"
