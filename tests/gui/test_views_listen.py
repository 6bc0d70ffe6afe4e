"""The docks listen to the review controller: they refresh on its signals, re-read only what a
``Change`` names, and Undo/Redo are enabled only while the review log has something to undo/redo."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtGui import QKeySequence
from tablecheck_fixtures import DOCX

from gui.tables.tableview import Role


def _count_reads(ws: Any, monkeypatch: pytest.MonkeyPatch, names: tuple[str, ...]) -> dict[str, int]:
    reads = dict.fromkeys(names, 0)
    for name in names:
        real = getattr(ws, name)

        def counted(*args: Any, _real: Any = real, _name: str = name) -> Any:
            reads[_name] += 1
            return _real(*args)

        monkeypatch.setattr(ws, name, counted)
    return reads


def test_docks_refresh_on_the_change_applied_signal(win: Any) -> None:
    w, ids = win
    wb = w.workbench
    m = wb.tables.models[1]
    pos = m.grid.cell_of("t3.new.natural")
    assert m.data(m.index(*pos)) == "41"
    assert all(c.status != "fail" for c in wb.checks.model.checks())
    # a change made behind the views' back shows once the controller announces it
    change = w.ws.set_indicator_value(ids[DOCX], "t3.new.natural", Decimal(40))
    assert m.data(m.index(*pos)) == "41"
    w.review.change_applied.emit(change)
    assert m.data(m.index(*pos)) == "40"
    first = wb.checks.model.check(0)
    assert (first.rule, first.subject, first.status) == ("t3.row_total", "new", "fail")
    assert not wb.checks.summary.text().startswith("未通过 0")


def test_docks_follow_the_workspace_the_review_opens(win: Any, tmp_path: Any) -> None:
    from core.store import Workspace

    w, _ids = win
    wb = w.workbench
    assert wb.checks.model.rowCount() > 0
    w.set_workspace(Workspace.open(tmp_path / "empty.sqlite", "审核员乙"))
    assert wb.tables.ws is w.ws and wb.checks.ws is w.ws and wb.compare.ws is w.ws
    assert wb.checks.model.rowCount() == 0 and wb.tables.values == {}


def test_undo_and_redo_are_enabled_only_when_there_is_something_to_undo_or_redo(win: Any) -> None:
    w, ids = win
    undo, redo = w.actions_by_id["undo"], w.actions_by_id["redo"]
    for action, key in ((undo, QKeySequence.StandardKey.Undo), (redo, QKeySequence.StandardKey.Redo)):
        assert all(k in action.shortcuts() for k in QKeySequence.keyBindings(key))
    assert not undo.isEnabled() and not redo.isEnabled()  # nothing reviewed in this workspace yet
    f = w.review.current()
    assert f is not None and f.status == "pending"
    w.review.confirm_current()
    assert undo.isEnabled() and not redo.isEnabled()
    undo.trigger()
    assert next(x for x in w.ws.figures(ids[DOCX]) if x.id == f.id).status == "pending"
    assert not undo.isEnabled() and redo.isEnabled()
    redo.trigger()
    assert next(x for x in w.ws.figures(ids[DOCX]) if x.id == f.id).status == "confirmed"
    assert undo.isEnabled() and not redo.isEnabled()
    undo.trigger()
    assert redo.isEnabled()
    # an edit in the tables dock is a review action too: it can be undone, and nothing is left to redo
    m = w.workbench.tables.models[1]
    assert m.setData(m.index(*m.grid.cell_of("t3.new.natural")), "40")
    assert undo.isEnabled() and not redo.isEnabled()


def test_a_change_that_moves_no_check_does_not_re_read_the_checks(
    win: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    w, _ids = win
    wb = w.workbench
    reads = _count_reads(w.ws, monkeypatch, ("checks", "figures"))
    f = w.review.current()
    assert f is not None
    with (
        qtbot.assertNotEmitted(wb.checks.model.modelAboutToBeReset),
        qtbot.waitSignal(w.review.change_applied) as sig,
    ):
        w.review.confirm_current()
    assert sig.args[0].figure_ids == (f.id,) and not sig.args[0].checks_changed
    assert reads == {"checks": 0, "figures": 1}  # the figure list re-read its figures, nothing more
    # marking the report done moves no figure and no check: neither is read again (what is left open
    # is done on purpose, with a reason)
    from gui.signoff import signoff

    monkeypatch.setattr(signoff, "ask_reason", lambda *_a: "其余数字留待下一轮")
    with (
        qtbot.assertNotEmitted(wb.checks.model.modelAboutToBeReset),
        qtbot.assertNotEmitted(w.model.dataChanged),
    ):
        w.review.set_report_status("done")
    assert reads == {"checks": 0, "figures": 1}
    assert w.reports.model.report(w.reports.model.row_of(w.review.report_id)).status == "done"
    w.ws.reopen(w.review.report_id, "再核表三")  # done locks the report: opened again to edit
    # an edit that fails a check: the checks are read again, and the panel shows it
    m = wb.tables.models[1]
    with qtbot.waitSignal(wb.checks.model.modelReset):
        assert m.setData(m.index(*m.grid.cell_of("t3.new.natural")), "40")
    assert reads["checks"] >= 1
    assert wb.checks.model.check(0).status == "fail"


def test_table_confirm_keys_are_registry_actions_that_fire_in_the_tables(win: Any, qtbot: Any) -> None:
    from PySide6.QtCore import Qt

    w, ids = win
    wb = w.workbench
    a = w.actions_by_id["confirm_row"]
    assert a.shortcut().toString() == "Ctrl+Alt+R"
    assert "Ctrl+Alt+R" in wb.tables.buttons["row"].toolTip()
    w.actions_by_id["show_tables"].trigger()
    qtbot.waitUntil(wb.tables_dock.isVisible)
    wb.tables.tabs.setCurrentIndex(1)
    m, view = wb.tables.models[1], wb.tables.views[1]
    view.setCurrentIndex(m.index(*m.grid.cell_of("t3.new.business")))
    view.setFocus()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    qtbot.keyClick(view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    inds = w.ws.indicators(ids[DOCX])
    assert all(inds[f"t3.new.{c}"].status == "confirmed" for c in ("natural", "business", "total"))
    assert inds["t3.carried_in.natural"].status == "pending"
    assert m.data(m.index(*m.grid.cell_of("t3.new.total")), Role.Status) == "confirmed"
    # the figure list shows the linked table figure confirmed too, and Undo can take it back
    fid = inds["t3.new.total"].figure_id
    row = w.model.row_of(fid)
    assert row is not None and w.model.figure(row).status == "confirmed"
    assert w.actions_by_id["undo"].isEnabled()
    # the same keys in the figure list do nothing: they belong to the tables
    w.actions_by_id["undo"].trigger()
    w.table.setFocus()
    qtbot.keyClick(
        w.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    assert w.ws.indicators(ids[DOCX])["t3.new.business"].status == "pending"
