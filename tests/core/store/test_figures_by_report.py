"""Format 7: the figures stored together by report and found by report and id, their ids still unique
and never given again; a table cell's value kept in its figure's row while it takes everything from it."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from store_helpers import extraction

from core.errors import StoreError
from core.store import Workspace


def _kept(ws: Workspace, report_id: int) -> int:
    """How many of the report's indicator values are kept in their figures' rows."""
    return ws._conn.execute(
        "SELECT count(*) FROM figure_rows WHERE report_id = ? AND cell_kind IS NOT NULL", (report_id,)
    ).fetchone()[0]


def _own_rows(ws: Workspace, report_id: int) -> set[str]:
    """The indicators of the report's values stored in rows of their own."""
    return {
        r[0]
        for r in ws._conn.execute(
            "SELECT t.text FROM indicator_value_rows v JOIN terms t ON t.id = v.indicator WHERE v.report_id = ?",
            (report_id,),
        )
    }


def test_a_figure_added_to_an_earlier_report_keeps_an_id_of_its_own(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "w.sqlite", reviewer="张三") as ws:
        first = ws.add_report(extraction(salt="1"))
        second = ws.add_report(extraction(salt="2"))
        top = max(f.id for f in ws.figures(second))
        assert min(f.id for f in ws.figures(second)) > max(f.id for f in ws.figures(first))
        ws.add(first, 0, 3, Decimal(7))
        added = max(f.id for f in ws.figures(first))
        assert added == top + 1
        assert ws.figure(added).report_id == first  # found from its id alone
        ws.confirm(added)
        assert ws.figure(added).status == "added"
        ws.undo(first)
        ws.undo(first)  # the figure added is gone again
        assert added not in {f.id for f in ws.figures(first)}
        with pytest.raises(StoreError, match="没有编号为"):
            ws.figure(added)
        ws.add(second, 0, 3, Decimal(8))  # the next figure gets a new id, never the one taken back
        assert max(f.id for f in ws.figures(second)) == added + 1
        assert ws.can_redo(first)
        ws.redo(first)  # the figure comes back to its report, with its own id
        assert ws.figure(added).report_id == first
        assert ws.verify().ok
        ranges = ws._conn.execute("SELECT report_id FROM figure_id_ranges ORDER BY first_id").fetchall()
        assert ranges == [(first,), (second,), (first,), (second,)]


def test_a_last_id_lowered_outside_hecha_never_gives_a_figure_an_id_in_use(tmp_path: Path) -> None:
    """``sqlite_sequence`` edited by hand: a figure added is still given an id no figure has, and no
    figure of the report is put in its place (as SQLite's own AUTOINCREMENT never reuses a rowid)."""
    p = tmp_path / "w.sqlite"
    with Workspace.open(p, reviewer="张三") as ws:
        first = ws.add_report(extraction(salt="1"))
        second = ws.add_report(extraction(salt="2"))
        before = {f.id: f for f in ws.figures(first)}
        top = max(f.id for f in ws.figures(second))
    c = sqlite3.connect(p)
    c.execute("UPDATE sqlite_sequence SET seq = 0 WHERE name = 'figure_rows'")
    c.commit()
    c.close()
    with Workspace.open(p, reviewer="张三") as ws:
        ws.add(first, 0, 3, Decimal(7))
        after = {f.id: f for f in ws.figures(first)}
        assert {k: v for k, v in after.items() if k in before} == before
        assert set(after) - set(before) == {top + 1}


def test_a_cell_kept_in_its_figure_s_row_stays_there_when_confirmed_and_leaves_when_corrected(
    tmp_path: Path,
) -> None:
    with Workspace.open(tmp_path / "w.sqlite", reviewer="张三") as ws:
        rid = ws.add_report(extraction())
        cell = next(f for f in ws.figures(rid) if f.indicator == "t3.new.total")
        before = ws.indicators(rid)
        assert before["t3.new.total"].figure_id == cell.id and before["t3.new.total"].value == Decimal(35)
        assert _kept(ws, rid) == 1 and "t3.new.total" not in _own_rows(ws, rid)
        ws.confirm(cell.id)  # the cell's status changes: it stays in the figure's row
        assert ws.indicators(rid)["t3.new.total"].status == "confirmed"
        assert _kept(ws, rid) == 1 and "t3.new.total" not in _own_rows(ws, rid)
        ws.correct(cell.id, Decimal(36))  # its figure's value changes: the cell keeps its own row
        after = ws.indicators(rid)["t3.new.total"]
        assert (after.value, after.figure_id, after.status) == (Decimal(36), cell.id, "corrected")
        assert _kept(ws, rid) == 0 and "t3.new.total" in _own_rows(ws, rid)
        ws.undo(rid)
        ws.undo(rid)
        assert ws.indicators(rid) == before
        assert ws.figures(rid)[-1].status == "pending"
        assert ws.verify().ok


def test_a_cell_kept_in_its_figure_s_row_is_not_written_twice(tmp_path: Path) -> None:
    """A second value for the same cell is refused as a second row for it always was."""
    with Workspace.open(tmp_path / "w.sqlite") as ws:
        rid = ws.add_report(extraction())
        assert _kept(ws, rid) == 1
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
            ws._conn.execute(
                "INSERT INTO indicator_values (report_id, indicator, kind) VALUES (?, 't3.new.total', 'number')",
                (rid,),
            )
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):  # as for a row of its own
            ws._conn.execute(
                "INSERT INTO indicator_values (report_id, indicator, kind) VALUES (?, 't3.new.natural', 'number')",
                (rid,),
            )


def test_a_cell_deleted_and_its_figure_deleted_leave_no_value_behind(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "w.sqlite") as ws:
        rid = ws.add_report(extraction())
        c = ws._conn
        cell = next(f for f in ws.figures(rid) if f.indicator == "t3.new.total")
        c.execute("BEGIN")
        c.execute("DELETE FROM indicator_values WHERE report_id = ? AND indicator = 't3.new.total'", (rid,))
        assert "t3.new.total" not in ws.indicators(rid) and _kept(ws, rid) == 0
        c.execute("ROLLBACK")
        c.execute("BEGIN")  # the figure goes: the value it filled keeps its own row, as it read
        c.execute("DELETE FROM figures WHERE report_id = ? AND id = ?", (rid, cell.id))
        value = ws.indicators(rid)["t3.new.total"]
        assert (value.value, value.raw, value.figure_id) == (Decimal(35), "35", cell.id)
        assert _kept(ws, rid) == 0
        c.execute("ROLLBACK")


def test_a_workspace_whose_figure_id_ranges_were_dropped_is_refused_untouched(tmp_path: Path) -> None:
    """Without them a figure named by its id alone could not be found, nor one added be kept: the file
    is refused at open, as one missing a trigger is, and left as it was."""
    p = tmp_path / "w.sqlite"
    with Workspace.open(p) as ws:
        ws.add_report(extraction())
    c = sqlite3.connect(p)
    c.execute("DROP TABLE figure_id_ranges")
    c.commit()
    c.close()
    before = p.read_bytes()
    with pytest.raises(StoreError, match="缺少核查的表 figure_id_ranges"):
        Workspace.open(p)
    assert p.read_bytes() == before
