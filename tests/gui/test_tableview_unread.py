"""The table view shows cells the program could not read apart from blanks: 未读出 on orange, counted
in the status line as the first thing to fill; typing a value (or leaving it empty, meaning blank)
fills it."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from core import pipeline
from gui.tables.tableview import Role, TableView
from gui.widgets.style import STATUS_COLORS

_SPEC = importlib.util.spec_from_file_location(
    "office_reports", Path(__file__).resolve().parents[1] / "fixtures" / "office_reports.py"
)
assert _SPEC is not None and _SPEC.loader is not None
office = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(office)


@pytest.fixture
def view(qtbot: Any, tmp_path: Path) -> Any:
    from core.store import Workspace

    expected = office.values_for("plain2019")
    path = tmp_path / "crawled.txt"
    path.write_text(office.run_together(expected, "2019"), encoding="utf-8")  # 表四 splits two ways
    ws = Workspace.open(tmp_path / "ws.sqlite", "审核员甲")
    rid = ws.add_report(pipeline.analyse(path))
    v = TableView()
    qtbot.addWidget(v)
    v.set_workspace(ws)
    v.load_report(rid)
    yield v, ws, rid, expected
    ws.close()


def test_unread_cells_are_shown_apart_from_blanks_and_counted(view: Any) -> None:
    v, _ws, _rid, expected = view
    assert v.info.text().startswith("15 个单元格未读出")
    t4 = next(m for m in v.models if m.grid.key == "t4")
    idx = t4.index(*t4.grid.cell_of("t4.review.upheld"))
    assert t4.data(idx) == "未读出"
    assert t4.data(idx, Role.Status) == "unread"
    assert t4.data(idx, Qt.ItemDataRole.BackgroundRole).name() == STATUS_COLORS["unread"]
    t3 = next(m for m in v.models if m.grid.key == "t3")
    blank = next(k for k, val in expected.items() if val is None and k.startswith("t3."))
    assert t3.data(t3.index(*t3.grid.cell_of(blank))) == ""  # a blank of the report stays an empty cell


def test_filling_an_unread_cell_takes_it_off_the_count(view: Any, qtbot: Any) -> None:
    v, ws, rid, expected = view
    t4 = next(m for m in v.models if m.grid.key == "t4")
    with qtbot.waitSignal(v.changed):
        assert t4.setData(t4.index(*t4.grid.cell_of("t4.review.upheld")), str(expected["t4.review.upheld"]))
    with qtbot.waitSignal(v.changed):
        assert t4.setData(t4.index(*t4.grid.cell_of("t4.review.other")), "")  # empty: the reviewer says blank
    assert ws.indicators(rid)["t4.review.other"].kind == "empty"
    assert v.info.text().startswith("13 个单元格未读出")
