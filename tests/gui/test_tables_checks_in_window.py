"""Tables, checks and comparison docked in the real main window, kept in step with the review."""

from __future__ import annotations

from typing import Any

from tablecheck_fixtures import DOCX, OFFICE_2022, OFFICE_2023

from gui.tables.tableview import Role


def test_table_edit_in_window_rechecks_and_refreshes_checks_figures_and_report(win: Any) -> None:
    w, ids = win
    wb = w.workbench
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
    wb = w.workbench
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
    wb = w.workbench
    m = wb.tables.models[2]
    wb.tables._clicked(m.index(*m.grid.cell_of("t4.review.total")))
    cur = w.review.current()
    assert cur is not None and cur.id == wb.tables.values["t4.review.total"].figure_id


def test_compare_dock_in_window_opens_last_year_when_shown(win: Any, qtbot: Any) -> None:
    w, ids = win
    wb = w.workbench
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
