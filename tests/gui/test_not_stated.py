"""What a report does not state (未填报) is a state of its own — not a zero, not a blank printed in the
report, not unread: a 2021 report that prints （六）其他处理 as one row reads it into the （六） total
and leaves its sub-rows not stated; confirm-table accepts them; one key marks a cell, a row or a
column so (one undo takes the group back); the exports and the 核查单 print 未填报."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any

import pytest

from core import checks, pipeline, vocab
from core.tables import read
from gui.tables.tableview import TableView

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import make_samples as ms  # noqa: E402

SUBS = ("r6_1", "r6_2", "r6_3")


def six_as_one_row(blank_row: str = "") -> str:
    """A 2021-format report whose table 三 prints （六）其他处理 as one row (the sub-rows summed);
    ``blank_row`` printed with every cell empty."""
    t3: dict[str, list[Any]] = {k: list(v) for k, v in ms.Y2023.items()}
    one = [sum(t3[k][i] for k in SUBS) for i in range(7)]
    if blank_row:
        t3[blank_row] = [" "] * 7
    text = ms.tables_plain(ms.T2_2023, t3, ms.T4_2023)
    lines = [
        ln
        for ln in text.splitlines()
        if not any(ln.startswith(f"| {lab} ") for lab, k in ms.ROWS_T3 if k in SUBS)
    ]
    at = next(i for i, ln in enumerate(lines) if ln.startswith("| （七）总计"))
    lines.insert(at, "| （六）其他处理 | " + " | ".join(map(str, one)) + " |")
    head = "示例区人民政府2023年政府信息公开工作年度报告\n\n一、总体情况\n本年主动公开政府信息1,286条。\n\n"
    return head + "\n".join(lines) + "\n" + ms.closing(2023)


@pytest.fixture
def report(tmp_path: Path) -> Path:
    p = tmp_path / "示例区人民政府2023年政府信息公开工作年度报告.txt"
    p.write_text(six_as_one_row(), encoding="utf-8")
    return p


def test_six_printed_as_one_row_is_the_total_and_its_sub_rows_are_not_stated(report: Path) -> None:
    from core.documents import load

    values = read(load(report), with_unread=True)
    assert values["t3.r6.natural"].value == sum(ms.Y2023[k][0] for k in SUBS)
    assert all(values[f"t3.{s}.natural"].kind == vocab.NOT_STATED for s in SUBS)
    assert all(values[f"t3.{s}.total"].value is None for s in SUBS)  # never an invented zero
    ex = pipeline.analyse(report)
    by = {(c.rule, c.subject): c for c in ex.checks}
    assert by[("t3.results_total", "natural")].status == checks.PASS  # summed with the （六） total
    assert ("t3.row_total", "r6_1") not in by  # nothing stated: nothing to check
    assert not ex.unread


@pytest.fixture
def view(qtbot: Any, tmp_path: Path, report: Path) -> Any:
    from core.store import Workspace

    ws = Workspace.open(tmp_path / "ws.sqlite", "审核员甲")
    rid = ws.add_report(pipeline.analyse(report))
    v = TableView()
    qtbot.addWidget(v)
    v.set_workspace(ws)
    v.load_report(rid)
    yield v, ws, rid
    ws.close()


def _t3(v: TableView) -> Any:
    k = next(i for i, m in enumerate(v.models) if m.grid.key == "t3")
    v.tabs.setCurrentIndex(k)
    return v.models[k], v.views[k]


def test_the_table_shows_the_total_row_and_the_sub_rows_not_stated_and_confirms_the_table(view: Any) -> None:
    v, ws, rid = view
    m, _ = _t3(v)
    assert m.grid.cell_of("t3.r6.natural") is not None and m.grid.cell_of("t3.r6_1.natural") is not None
    assert m.data(m.index(*m.grid.cell_of("t3.r6_1.natural"))) == "未填报"
    assert v.confirm("table")
    assert all(val.status == "confirmed" for k, val in ws.indicators(rid).items() if k.startswith("t3."))


def test_one_key_marks_a_row_left_empty_not_stated_and_one_undo_takes_it_back(
    qtbot: Any, tmp_path: Path
) -> None:
    from core.store import Workspace

    p = tmp_path / "示例区人民政府2023年政府信息公开工作年度报告.txt"
    p.write_text(six_as_one_row(blank_row="r5_2"), encoding="utf-8")
    ws = Workspace.open(tmp_path / "ws.sqlite", "审核员甲")
    rid = ws.add_report(pipeline.analyse(p))
    v = TableView()
    qtbot.addWidget(v)
    v.set_workspace(ws)
    v.load_report(rid)
    m, gv = _t3(v)
    row = [f"t3.r5_2.{c}" for c in ("natural", "business", "total")]
    before = {k: ws.indicators(rid)[k].kind for k in row}
    assert checks.to_fill(row, ws.indicators(rid)) == row  # confirm-table would be refused
    assert not v.confirm("table")
    gv.setCurrentIndex(m.index(*m.grid.cell_of("t3.r5_2.natural")))
    n = len(ws.events(rid))
    assert v.mark_not_stated("row")
    assert len(ws.events(rid)) == n + 1  # one event for the row
    assert all(ws.indicators(rid)[k].kind == vocab.NOT_STATED for k in row)
    assert v.confirm("table")  # accepted now
    ws.undo(rid)
    ws.undo(rid)
    assert {k: ws.indicators(rid)[k].kind for k in row} == before  # the whole row back at once
    ws.close()


def test_ctrl_delete_marks_the_cell_and_the_exports_and_the_record_print_it(
    view: Any, qtbot: Any, tmp_path: Path
) -> None:
    from core.export import record, to_csv
    from gui.shell.actions import SPECS

    v, ws, rid = view
    spec = next(s for s in SPECS if s.id == "not_stated_cell")
    assert "Ctrl+Del" in spec.keys
    m, gv = _t3(v)
    gv.setCurrentIndex(m.index(*m.grid.cell_of("t3.r5_2.business")))
    assert v.mark_not_stated("cell")
    out = tmp_path / "o.csv"
    to_csv(ws, out, [rid])
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = {r[4]: r for r in csv.reader(f)}
    assert rows["t3.r5_2.business"][6] == "未填报"
    assert rows["t3.r6_1.natural"][6] == "未填报"
    [rec] = record.load(ws, [rid])
    assert "未填报" in record.html([rec])


def test_tab_walks_the_value_cells_and_wraps_inside_the_table(view: Any, qtbot: Any) -> None:
    from PySide6.QtCore import Qt

    v, _ws, _rid = view
    v.show()
    qtbot.waitExposed(v)
    v.activateWindow()
    m, gv = _t3(v)
    order = sorted(m.grid.ids)
    gv.setFocus()
    qtbot.waitUntil(gv.hasFocus)
    gv.setCurrentIndex(m.index(*order[6]))  # the last cell of the first row (总计)
    qtbot.keyClick(gv, Qt.Key.Key_Tab)
    assert (gv.currentIndex().row(), gv.currentIndex().column()) == order[7]  # the next row's first
    assert gv.hasFocus()
    gv.setCurrentIndex(m.index(*order[-1]))
    qtbot.keyClick(gv, Qt.Key.Key_Tab)
    assert (gv.currentIndex().row(), gv.currentIndex().column()) == order[0]  # wraps in the table
    qtbot.keyClick(gv, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert (gv.currentIndex().row(), gv.currentIndex().column()) == order[-1]
    assert gv.hasFocus()
