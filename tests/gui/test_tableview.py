"""The table view: the DOCX sample's 表二/表三/表四 as official grids, clicks, edits, confirm at once."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from typing import Any

import docx
import pytest
from tablecheck_fixtures import DOCX, SAMPLES, sample_ws  # noqa: F401

from gui.tables.tableview import GridModel, Role, TableView, parse_cell


def _docx_tables() -> list[list[list[str]]]:
    """Each Word table as rows of cell texts, a horizontally merged cell once."""
    d = docx.Document(str(SAMPLES / DOCX))
    out = []
    for t in d.tables:
        rows = []
        for r in t.rows:
            seen: list[Any] = []
            cells = []
            for c in r.cells:
                if c._tc not in seen:
                    seen.append(c._tc)
                    cells.append(c.text.strip())
            rows.append(cells)
        out.append(rows)
    return out


def _grid_text(m: GridModel) -> list[list[str]]:
    return [[m.data(m.index(r, c)) or "" for c in range(m.columnCount())] for r in range(m.rowCount())]


@pytest.fixture
def view(qtbot: Any, sample_ws: Any) -> tuple[TableView, Any, int]:  # noqa: F811
    ws, ids = sample_ws
    v = TableView()
    qtbot.addWidget(v)
    v.set_workspace(ws)
    v.load_report(ids[DOCX])
    v.resize(1100, 800)
    v.show()
    return v, ws, ids[DOCX]


def test_table_grid_shows_the_docx_reports_three_tables_with_their_values(
    view: Any, qtmodeltester: Any
) -> None:
    v, _ws, _rid = view
    t2, t3, t4 = _docx_tables()
    assert [v.tabs.tabText(k) for k in range(v.tabs.count())] == [
        "表二 主动公开",
        "表三 依申请公开",
        "表四 复议诉讼",
    ]
    for m in v.models:
        qtmodeltester.check(m)
    # 表二: every labelled row of the Word table has the same values in the grid row with that label
    g2 = _grid_text(v.models[0])
    rows2 = {r[0]: [x for x in r[1:] if x] for r in g2}
    checked = 0
    for row in t2:
        label, values = row[0], row[1:]
        if label in ("规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费"):
            assert rows2[label] == values, label
            checked += 1
    assert checked == 6
    # 表三: 25 body rows, seven values each, in the official order
    g3 = _grid_text(v.models[1])
    body = t3[3:]
    assert len(body) == 25
    for k, row in enumerate(body):
        assert g3[3 + k][3:10] == row[-7:], row[0]
    assert g3[3][0] == "一、本年新收政府信息公开申请数量"
    # 表四: the one value row of fifteen cells
    g4 = _grid_text(v.models[2])
    assert g4[3] == t4[-1]
    assert v.value_at("t3", "t3.new.total") == "45"
    assert v.value_at("t2", "t2.fees.amount") == "10.35"


def test_table_headers_are_merged_as_in_the_official_form(view: Any) -> None:
    v, _ws, _rid = view
    t3 = v.views[1]
    assert (t3.rowSpan(0, 0), t3.columnSpan(0, 0)) == (3, 3)  # the 勾稽关系 note
    assert t3.columnSpan(0, 3) == 7  # 申请人情况
    assert t3.columnSpan(1, 4) == 5  # 法人或其他组织
    assert t3.rowSpan(5, 0) == 22  # 三、本年度办理结果 over （一）…（七）
    t4 = v.views[2]
    assert t4.columnSpan(0, 5) == 10  # 行政诉讼
    assert t4.rowSpan(1, 0) == 2  # 结果维持 under 行政复议


def test_table_badges_show_row_and_column_sums(view: Any) -> None:
    v, ws, rid = view
    m = v.models[1]
    grid = m.grid
    row_badge = next(p for p, s in grid.badges.items() if s.total == "t3.new.total")
    assert m.data(m.index(*row_badge)) == "Σ 45 ✓"
    ws.set_indicator_value(rid, "t3.new.natural", Decimal(40))
    v.refresh()
    assert m.data(m.index(*row_badge)) == "Σ 44 ≠ 45 ✗"
    col_badge = next(p for p, s in grid.badges.items() if s.total == "t3.r7_total.total")
    assert m.data(m.index(*col_badge)) == "Σ 44 ✓"


def test_table_badges_read_the_values_not_the_formula_text(view: Any) -> None:
    """The formula is worded for people: rewording it (another language, another layout) leaves the Σ
    badges as they were, since they read the check's cells and values."""
    from dataclasses import replace

    v, ws, rid = view
    ws.set_indicator_value(rid, "t3.new.natural", Decimal(40))
    v.refresh()
    m = v.models[1]
    row_badge = next(p for p, s in m.grid.badges.items() if s.total == "t3.new.total")
    assert m.data(m.index(*row_badge)) == "Σ 44 ≠ 45 ✗"
    reworded = [
        replace(c, formula=f"sum of the parts against the total ({c.status})") for c in ws.checks(rid)
    ]
    m.set_values(dict(v.values), reworded)
    assert m.data(m.index(*row_badge)) == "Σ 44 ≠ 45 ✗"


def test_a_blank_of_the_report_is_filled_by_leaving_it_empty_then_confirmed(view: Any) -> None:
    """A blank printed in the report is confirmed like any cell once the reviewer has said it is blank
    (Enter on the empty cell): it never stays a cell that can be neither filled nor confirmed."""
    v, ws, rid = view
    with sqlite3.connect(ws.path) as db:  # as a reader leaves a printed blank: empty, not reviewed yet
        db.execute(
            "UPDATE indicator_values SET kind = 'empty', value = NULL, status = 'pending'"
            " WHERE report_id = ? AND indicator = ?",
            (rid, "t4.review.upheld"),
        )
    db.close()
    v.refresh()
    v.tabs.setCurrentIndex(2)
    m = v.models[2]
    assert not v.confirm("table")  # the blank is selected first, to say it is blank
    cell = m.index(*m.grid.cell_of("t4.review.upheld"))
    assert v.views[2].currentIndex() == cell
    assert m.setData(cell, "")  # Enter on the empty cell: the reviewer says it is blank
    assert v.confirm("table")
    inds = ws.indicators(rid)
    assert inds["t4.review.upheld"].kind == "empty" and inds["t4.review.upheld"].value is None
    assert all(inds[i].status in ("confirmed", "corrected") for i in inds if i.startswith("t4."))


def test_table_cell_click_emits_the_source_span(view: Any, qtbot: Any) -> None:
    v, ws, rid = view
    m = v.models[1]
    pos = m.grid.cell_of("t3.new.total")
    assert pos is not None
    v.tabs.setCurrentIndex(1)
    with qtbot.waitSignal(v.span_clicked) as sig:
        v._clicked(m.index(*pos))
    start, end = sig.args
    assert ws.document(rid).text[start:end] == "45"


def test_table_edit_updates_the_value_status_and_checks(view: Any, qtbot: Any) -> None:
    v, ws, rid = view
    m = v.models[1]
    pos = m.grid.cell_of("t3.r1.natural")
    with qtbot.waitSignal(v.changed) as sig:
        assert m.setData(m.index(*pos), "26")
    assert sig.args[0].checks_changed
    assert ws.indicators(rid)["t3.r1.natural"].value == Decimal(26)
    assert m.data(m.index(*pos)) == "26"
    assert m.data(m.index(*pos), Role.Status) == "corrected"
    failing = [c for c in ws.checks(rid) if c.status == "fail"]
    assert {c.rule for c in failing} >= {"t3.row_total"}
    # the row's total cell is now part of a failing check: shown red while pending
    assert m.data(m.index(*m.grid.cell_of("t3.r1.total")), Role.Status) == "failing"
    # a blank is stored as empty, never as 0; junk is refused and nothing changes
    assert m.setData(m.index(*pos), "")
    assert ws.indicators(rid)["t3.r1.natural"].kind == "empty"
    n_events = len(ws.events(rid))
    assert not m.setData(m.index(*pos), "abc")
    assert len(ws.events(rid)) == n_events


def test_table_confirm_row_column_and_whole_table_in_one_event_each(view: Any) -> None:
    v, ws, rid = view
    v.tabs.setCurrentIndex(1)
    m, tv = v.models[1], v.views[1]
    tv.setCurrentIndex(m.index(*m.grid.cell_of("t3.new.business")))
    before = len(ws.events(rid))
    assert v.confirm("row")
    inds = ws.indicators(rid)
    assert all(inds[f"t3.new.{c}"].status == "confirmed" for c in ("natural", "business", "total"))
    assert inds["t3.carried_in.natural"].status == "pending"
    assert v.confirm("column")
    inds = ws.indicators(rid)
    assert inds["t3.carried_out.business"].status == "confirmed"
    assert inds["t3.carried_out.natural"].status == "pending"
    v.tabs.setCurrentIndex(2)
    assert v.confirm("table")
    inds = ws.indicators(rid)
    assert all(inds[i].status == "confirmed" for i in inds if i.startswith("t4."))
    assert len(ws.events(rid)) == before + 3
    assert m.data(m.index(*m.grid.cell_of("t3.new.total")), Role.Status) == "confirmed"


def test_table_layout_switches_to_the_2019_format() -> None:
    from core.tables.grid import grids

    ids = {"t2_2019.licensing.prev_items", "t3.r6.total", "t3.r7_total.total"}
    t2, t3, _t4 = grids(ids)
    assert "2019" in t2.title
    assert "t2_2019.procurement.amount" in t2.ids.values()
    labels = set(t3.text.values())
    assert "（六）其他处理" in labels
    assert not any(i.startswith("t3.r6_") for i in t3.ids.values())


def test_table_parse_cell_keeps_blank_and_not_applicable_apart() -> None:
    assert parse_cell("") == (None, "empty")
    assert parse_cell("/") == (None, "not_applicable")
    assert parse_cell("0") == (Decimal(0), "zero")
    assert parse_cell("1,234") == (Decimal(1234), "number")
    with pytest.raises(ValueError, match="x"):
        parse_cell("x")
