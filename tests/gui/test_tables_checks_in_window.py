"""Tables, checks and comparison docked in the real main window, kept in step with the review."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tablecheck_fixtures import DOCX, OFFICE_2022, OFFICE_2023, import_samples

from gui.tableview import Role


@pytest.fixture
def win(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Any, dict[str, int]]]:
    from PySide6.QtWidgets import QDialog, QMessageBox

    from core.store import Workspace
    from gui.mainwindow import MainWindow
    from gui.settings import Settings

    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    monkeypatch.setattr(QDialog, "exec", lambda self: 0)
    settings = Settings(tmp_path / "settings.ini")
    settings.reviewer = "审核员乙"
    path = tmp_path / "ws.sqlite"
    with Workspace.open(path, "审核员乙") as ws:
        ids = import_samples(ws, [DOCX, OFFICE_2022, OFFICE_2023])
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.set_workspace(Workspace.open(path, "审核员乙"))
    w.show()
    qtbot.waitUntil(w.first_report_shown)
    w.review.load_report(ids[DOCX])
    yield w, ids
    w.close()


def test_table_edit_in_window_rechecks_and_refreshes_checks_figures_and_report(win: Any) -> None:
    w, ids = win
    wb = w.issue6
    assert wb.tables.report_id == ids[DOCX] and wb.checks.report_id == ids[DOCX]
    m = wb.tables.models[1]
    pos = m.grid.cell_of("t3.new.natural")
    fid = wb.tables.values["t3.new.natural"].figure_id
    assert m.setData(m.index(*pos), "40")
    # checks panel: failing first, with the new formula
    first = wb.checks.model.check(0)
    assert (first.rule, first.status) == ("t3.row_total", "fail")
    assert wb.checks.model.data(wb.checks.model.index(0, 2)) == "40+3+1+0+0+0 = 44 ≠ 45 ✗"
    # the linked table figure in the figure list shows the corrected value
    row = w.model.row_of(fid)
    assert row is not None and str(w.model.figure(row).value) == "40"
    assert w.ws.report(ids[DOCX]).n_failed >= 1
    # undo from the window refreshes the grid and the checks
    w.review.undo()
    assert m.data(m.index(*pos)) == "41"
    assert all(c.status != "fail" for c in wb.checks.model.checks())


def test_check_selected_in_window_highlights_cells_and_selects_the_figure(win: Any, qtbot: Any) -> None:
    w, ids = win
    wb = w.issue6
    m = wb.tables.models[1]
    m.setData(m.index(*m.grid.cell_of("t3.new.natural")), "40")
    wb.checks.select("t3.row_total", "new")
    assert m.data(m.index(*m.grid.cell_of("t3.new.total")), Role.Highlighted)
    assert not m.data(m.index(*m.grid.cell_of("t3.r1.total")), Role.Highlighted)
    assert wb.tables.tabs.currentIndex() == 1
    cur = w.review.current()
    assert cur is not None and cur.id == wb.tables.values["t3.new.total"].figure_id


def test_table_click_in_window_selects_the_cells_figure(win: Any, qtbot: Any) -> None:
    w, _ids = win
    wb = w.issue6
    m = wb.tables.models[2]
    wb.tables._clicked(m.index(*m.grid.cell_of("t4.review.total")))
    cur = w.review.current()
    assert cur is not None and cur.id == wb.tables.values["t4.review.total"].figure_id


def test_compare_dock_in_window_opens_last_year_when_shown(win: Any, qtbot: Any) -> None:
    w, ids = win
    wb = w.issue6
    w.review.load_report(ids[OFFICE_2023])
    assert wb.compare.report_id is None  # loaded lazily
    w.actions_by_id["show_compare"].trigger()
    qtbot.waitUntil(lambda: wb.compare.other_id == ids[OFFICE_2022])
    assert wb.compare.diff_model.rowCount() > 100
    assert all(c.status == "pass" for c in wb.compare.carry_model.checks())
    m = wb.tables.models[1]
    m.setData(m.index(*m.grid.cell_of("t3.carried_in.total")), "3")
    assert [c.status for c in wb.compare.carry_model.checks()][0] == "fail"
    assert "跨年结转检查未通过 1 项" in wb.compare.summary.text()
    # the checks panel also shows the carry check now that the workspace re-ran the checks
    assert any(c.rule == "cross_year.carry" and c.status == "fail" for c in wb.checks.model.checks())
