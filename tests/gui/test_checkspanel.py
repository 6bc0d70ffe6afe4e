"""The checks panel: failing first with formula and values, the cells a check involves, accepting a
failing check with a reason (recorded in the audit trail), refresh after an edit in the table view."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from tablecheck_fixtures import DOCX, sample_ws  # noqa: F401

import gui.checks.checkspanel as checkspanel
from gui.checks.checkspanel import ChecksPanel
from gui.tables.tableview import TableView
from gui.widgets.checkrows import Role


@pytest.fixture
def panel(qtbot: Any, sample_ws: Any) -> tuple[ChecksPanel, Any, int]:  # noqa: F811
    ws, ids = sample_ws
    p = ChecksPanel()
    qtbot.addWidget(p)
    p.set_workspace(ws)
    p.load_report(ids[DOCX])
    p.show()
    return p, ws, ids[DOCX]


def _texts(p: ChecksPanel, row: int) -> list[str]:
    m = p.model
    return [m.data(m.index(row, c)) for c in range(m.columnCount())]


def test_check_panel_lists_every_check_with_formula_and_values(panel: Any, qtmodeltester: Any) -> None:
    p, ws, rid = panel
    qtmodeltester.check(p.model)
    assert p.model.rowCount() == len(ws.checks(rid)) > 40
    rows = [_texts(p, r) for r in range(p.model.rowCount())]
    assert ["通过", "一、本年新收政府信息公开申请数量", "41+3+1+0+0+0 = 45 ✓", "表三行合计"] in rows
    assert "未通过 0 · 已接受 0 · 无法核对 0" in p.summary.text()


def test_check_panel_updates_after_a_table_edit_failing_first(panel: Any, qtbot: Any) -> None:
    p, ws, rid = panel
    table = TableView()
    qtbot.addWidget(table)
    table.set_workspace(ws)
    table.load_report(rid)
    table.changed.connect(lambda _c: p.refresh())
    m = table.models[1]
    with qtbot.waitSignal(table.changed):
        m.setData(m.index(*m.grid.cell_of("t3.new.natural")), "40")
    first = _texts(p, 0)
    assert first[0] == "未通过"
    assert first[2] == "40+3+1+0+0+0 = 44 ≠ 45 ✗"
    failing = [r for r in range(p.model.rowCount()) if p.model.data(p.model.index(r, 0), Role.Failing)]
    assert failing == list(range(len(failing))) and len(failing) >= 2  # the row and its column balance
    assert p.summary.text().startswith(f"未通过 {len(failing)} ")


def test_check_selection_emits_the_cells_involved(panel: Any, qtbot: Any) -> None:
    p, ws, rid = panel
    ws.set_indicator_value(rid, "t4.review.upheld", Decimal(5))
    p.refresh()
    assert p.model.check(0).rule == "t4.group_total"
    with qtbot.waitSignal(p.cells_selected) as sig:
        p.view.setCurrentIndex(p.model.index(0, 2))
    assert set(sig.args[0]) == {
        f"t4.review.{c}" for c in ("upheld", "corrected", "other", "pending", "total")
    }
    assert p.accept_button.isEnabled()


def test_check_accept_with_reason_is_recorded_in_the_audit_trail(
    panel: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    p, ws, rid = panel
    ws.set_indicator_value(rid, "t4.review.upheld", Decimal(5))
    p.refresh()
    asked: list[Any] = []
    monkeypatch.setattr(checkspanel, "ask_reason", lambda _parent, check: asked.append(check) or None)
    p.select("t4.group_total", "review")
    events = len(ws.events(rid))
    assert not p.accept_current()  # cancelled: nothing recorded
    monkeypatch.setattr(checkspanel, "ask_reason", lambda _parent, _check: "   ")
    assert not p.accept_current()  # a reason is required
    assert len(ws.events(rid)) == events
    monkeypatch.setattr(checkspanel, "ask_reason", lambda _parent, _check: "原件如此，已电话核实")
    assert p.accept_current()
    ev = ws.events(rid)[-1]
    assert (ev.action, ev.target, ev.reason, ev.reviewer) == (
        "accept_check",
        "check:t4.group_total:review",
        "原件如此，已电话核实",
        "审核员甲",
    )
    accepted = [c for c in ws.checks(rid) if c.rule == "t4.group_total" and c.subject == "review"]
    assert accepted[0].accepted and accepted[0].reason == "原件如此，已电话核实"
    row = p.model.row_of("t4.group_total", "review")
    assert _texts(p, row)[0] == "已接受"
    assert "未通过 0 · 已接受 1" in p.summary.text()
    assert not p.accept_button.isEnabled()
    assert asked and asked[0].formula.startswith("5+0+0+0")
    assert ws.report(rid).n_failed == 0
