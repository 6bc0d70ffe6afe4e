"""Format 6 stores a table cell once: an indicator value takes its value, raw text, span and original
value from its figure instead of holding them again (core/store/inherit.py). A format-5 workspace
migrates to it (a backup kept, the file smaller) and reads, exports and verifies exactly as before;
every review step reads back what it wrote, a figure's change never moves an indicator value that did
not change with it, and a migration cut off (kill -9) or a damaged file leaves the format-5 file as it
was."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from test_columns import _make_version_5
from test_stored_once import _outputs, _reviewed

from core import textzip
from core.errors import StoreError
from core.store import Workspace, codec, db, inherit
from core.store.columns import FIGURES, INDICATOR_VALUES

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = ROOT / "resources" / "samples"


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[int]]:
    p = tmp_path_factory.mktemp("made") / "w.sqlite"
    return p, _reviewed(p)


def _version_5(made: tuple[Path, list[int]], folder: Path) -> Path:
    old = folder / "old.sqlite"
    shutil.copy(made[0], old)
    _make_version_5(old)
    c = sqlite3.connect(old)
    c.execute("VACUUM")  # as a format-5 program leaves it
    c.close()
    return old


def _cells_bytes(p: Path) -> int:
    """The bytes of the pages holding figures and indicator values (their tables and indexes)."""
    c = sqlite3.connect(p)
    n = c.execute(
        "SELECT sum(d.pgsize) FROM dbstat d JOIN sqlite_master m ON m.name = d.name "
        "WHERE m.tbl_name IN ('figure_rows', 'indicator_value_rows')"
    ).fetchone()[0]
    c.close()
    return int(n)


def _rows(conn: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every figure and indicator value as the readers see them, with each value's type."""
    out = {}
    for t, order in ((FIGURES, "id"), (INDICATOR_VALUES, "report_id, indicator")):
        rows = conn.execute(f"SELECT {t.column_list()} FROM {t.name} ORDER BY {order}").fetchall()
        out[t.name] = [tuple((v, type(v).__name__) for v in r) for r in rows]
    return out


def test_a_format_5_workspace_reads_exports_and_verifies_the_same_after_the_migration(
    made: tuple[Path, list[int]], tmp_path: Path
) -> None:
    ids = made[1]
    old = _version_5(made, tmp_path)
    size5, cells5 = old.stat().st_size, _cells_bytes(old)
    with Workspace.open(old, readonly=True) as ws:  # read as it is, through its own views
        before = _outputs(ws, tmp_path / "before", ids)
        rows5 = ws._session.read(_rows)
        assert ws.verify().ok
    with Workspace.open(old, reviewer="张三") as ws:  # migrated to format 6
        after = _outputs(ws, tmp_path / "after", ids)
        assert ws._session.read(_rows) == rows5
        assert ws.verify().ok
    for key in before:
        assert after[key] == before[key], key
    assert old.stat().st_size < size5 and _cells_bytes(old) < cells5 * 0.85, (_cells_bytes(old), cells5)
    backup = sqlite3.connect(tmp_path / "old.sqlite.bak-v5")
    assert backup.execute("SELECT version FROM schema_version").fetchone()[0] == 5
    backup.close()
    c = sqlite3.connect(old)
    assert c.execute("SELECT version FROM schema_version").fetchone()[0] == db.SCHEMA_VERSION >= 6
    # each report's text deflated, read back as it was (the document, search, exports and record above)
    assert c.execute("SELECT count(*) FROM reports WHERE typeof(text) = 'blob'").fetchone()[0] == len(ids)
    # the checks kept together by report: no rowid table, no index by report
    assert (
        "WITHOUT ROWID" in c.execute("SELECT sql FROM sqlite_master WHERE name = 'check_rows'").fetchone()[0]
    )
    assert c.execute("SELECT count(*) FROM sqlite_master WHERE name = 'checks_report'").fetchone()[0] == 0
    # the cells are held once: most indicator values take their value from their figure, kept in the
    # figure's own row (format 7) or in a row of their own that holds no value
    taken, linked = c.execute(
        "SELECT coalesce(sum(same & 1 AND value IS NULL), 0), count(figure_id) FROM indicator_value_rows"
    ).fetchone()
    kept = c.execute("SELECT count(*) FROM figure_rows WHERE cell_kind IS NOT NULL").fetchone()[0]
    assert kept > linked, (kept, linked)
    assert taken + kept > (linked + kept) * 0.8, (taken, kept, linked)
    c.close()


def test_an_import_stores_what_a_write_through_the_views_stores(tmp_path: Path) -> None:
    """The import encodes its rows in Python, a review step through the triggers' SQL: the same rule,
    so rewriting every row as it reads changes no stored byte."""
    with Workspace.open(tmp_path / "w.sqlite") as ws:
        ws.import_paths([str(SAMPLES)], workers=1)
        c = ws._conn
        stored = [c.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in _STORED]
        assert c.execute(f"SELECT count(*) FROM figure_rows WHERE {inherit.SAME}").fetchone()[0]  # used
        # and table cells' values are kept in their figures' rows (format 7)
        assert c.execute("SELECT count(*) FROM figure_rows WHERE cell_kind IS NOT NULL").fetchone()[0]
        c.execute("BEGIN")
        c.execute("UPDATE indicator_values SET status = status")
        c.execute("UPDATE figures SET status = status")
        c.execute("COMMIT")
        assert [c.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in _STORED] == stored


_STORED = ("figure_rows", "indicator_value_rows")


def _hold_everything(conn: sqlite3.Connection) -> None:
    """Make every stored row hold each of its columns itself (as format 5 did), as the views read it."""
    conn.execute("BEGIN")
    inds = conn.execute(f"SELECT {INDICATOR_VALUES.column_list()} FROM indicator_values").fetchall()
    figs = conn.execute(f"SELECT {FIGURES.column_list()} FROM figures").fetchall()
    for r in figs:
        d = dict(zip(FIGURES.names, r, strict=True))
        conn.execute(
            "UPDATE figure_rows SET text = ?, original_value = ?, same = 0 WHERE id = ?",
            (d["text"], d["original_value"], d["id"]),
        )
    for r in inds:
        d = dict(zip(INDICATOR_VALUES.names, r, strict=True))
        conn.execute(
            'UPDATE indicator_value_rows SET value = ?, raw = ?, start = ?, "end" = ?, original_value = ?, '
            "original_kind = (SELECT id FROM terms WHERE text = ?), same = 0 "
            "WHERE report_id = ? AND indicator = (SELECT id FROM terms WHERE text = ?)",
            (d["value"], d["raw"], d["start"], d["end"], d["original_value"], d["original_kind"],
             d["report_id"], d["indicator"]),
        )  # fmt: skip
    conn.execute("COMMIT")


def test_every_review_step_reads_back_as_if_each_row_held_its_own_columns(tmp_path: Path) -> None:
    """The same review steps on two copies, one storing each cell once and one whose rows hold every
    column themselves (as format 5 did): after each step both read the same figures and indicator
    values, and undoing every step brings back the rows as imported."""
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    with Workspace.open(a, reviewer="张三") as ws:
        ids = ws.import_paths([str(SAMPLES)], workers=1).report_ids
        imported = ws._session.read(_rows)
    shutil.copy(a, b)
    c = sqlite3.connect(b, isolation_level=None)
    _hold_everything(c)
    c.close()
    lean, full = Workspace.open(a, reviewer="张三"), Workspace.open(b, reviewer="张三")
    try:
        assert lean._session.read(_rows) == full._session.read(_rows) == imported
        rid = next(r for r in ids if any(v.figure_id for v in lean.indicators(r).values()))
        linked = [v for v in lean.indicators(rid).values() if v.figure_id is not None and v.value is not None]
        v0, v1, v2 = linked[0], linked[1], linked[2]
        loose = next(
            f for f in lean.figures(rid) if f.value is not None and f.id not in {v.figure_id for v in linked}
        )
        steps = [
            lambda ws: ws.correct(v0.figure_id, v0.value + 5),  # the figure and its cell
            lambda ws: ws.set_indicator_value(rid, v1.indicator, v1.value + 2),  # the cell and its figure
            lambda ws: ws.set_indicator_value(rid, v2.indicator, None, "not_applicable"),  # the cell alone
            lambda ws: ws.set_indicator(v2.figure_id, None),  # the figure's indicator, not the cell's
            lambda ws: ws.correct(v2.figure_id, Decimal(0)),
            lambda ws: ws.correct(v0.figure_id, v0.value),  # back to what was read: confirmed
            lambda ws: ws.reject(loose.id),
            lambda ws: ws.confirm_indicators(rid, [v1.indicator, v2.indicator]),
            lambda ws: ws.add(rid, loose.start, loose.end, Decimal(3), unit="件"),
        ]
        for k, step in enumerate(steps):
            step(lean)
            step(full)
            assert lean._session.read(_rows) == full._session.read(_rows), k
        while lean.undo() is not None:
            full.undo()
            assert lean._session.read(_rows) == full._session.read(_rows)
        assert lean._session.read(_rows) == imported
        assert lean.verify().ok and full.verify().ok
    finally:
        lean.close()
        full.close()


def test_a_figure_changed_outside_a_review_step_leaves_its_cell_as_written(tmp_path: Path) -> None:
    """Whatever writes a figure's value, text or span through the view, the indicator value that took
    them keeps them; and a figure put back as it was gives them back to take again."""
    with Workspace.open(tmp_path / "w.sqlite") as ws:
        ws.import_paths([str(SAMPLES)], workers=1)
        c = ws._conn
        rid, fid, ind = c.execute(
            "SELECT report_id, figure_id, indicator FROM indicator_values WHERE figure_id IS NOT NULL "
            "AND value IS NOT NULL LIMIT 1"
        ).fetchone()
        cell = ws.indicators(rid)[ind]
        c.execute("BEGIN")
        c.execute(
            "UPDATE figures SET value = '1', text = '一', start = start + 1, \"end\" = \"end\" + 2 WHERE id = ?",
            (fid,),
        )
        c.execute("COMMIT")
        assert ws.indicators(rid)[ind] == cell
        assert ws.figure(fid).value == Decimal(1) and ws.figure(fid).text == "一"
        c.execute("BEGIN")
        c.execute("DELETE FROM figures WHERE id = ?", (fid,))
        c.execute("COMMIT")
        assert ws.indicators(rid)[ind] == cell  # its figure gone, the cell as it was


def test_a_migration_killed_midway_leaves_the_format_5_file_and_the_next_open_migrates(
    made: tuple[Path, list[int]], tmp_path: Path
) -> None:
    ids = made[1]
    old = _version_5(made, tmp_path)
    with Workspace.open(old, readonly=True) as ws:
        before = _outputs(ws, tmp_path / "before", ids)
    killed = (
        "import os, signal, sys\n"
        "from core.store import Workspace, inherit\n"
        "real = inherit.migrate\n"
        "def cut(conn):\n"
        "    real(conn)\n"
        "    os.kill(os.getpid(), signal.SIGKILL)  # the rows rewritten, not committed\n"
        "inherit.migrate = cut\n"
        "Workspace.open(sys.argv[1])\n"
    )
    r = subprocess.run([sys.executable, "-c", killed, str(old)], cwd=ROOT, capture_output=True, timeout=120)
    assert r.returncode == -9, r.stderr
    c = sqlite3.connect(f"{old.as_uri()}?mode=ro", uri=True)
    assert c.execute("SELECT version FROM schema_version").fetchone()[0] == 5
    c.close()
    assert (tmp_path / "old.sqlite.bak-v5").exists()
    with Workspace.open(old, reviewer="张三") as ws:
        after = _outputs(ws, tmp_path / "after", ids)
        assert ws.verify().ok
    for key in before:
        assert after[key] == before[key], key


def test_a_damaged_format_5_workspace_is_refused_untouched(
    made: tuple[Path, list[int]], tmp_path: Path
) -> None:
    old = _version_5(made, tmp_path)
    c = sqlite3.connect(old)
    page = c.execute("SELECT max(pageno) FROM dbstat WHERE name = 'indicator_value_rows'").fetchone()[0]
    c.close()
    data = bytearray(old.read_bytes())
    data[(page - 1) * 4096 + 8 : (page - 1) * 4096 + 600] = os.urandom(592)
    old.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="已损坏"):
        Workspace.open(old, reviewer="张三")
    assert old.read_bytes() == bytes(data)
    assert not (tmp_path / "old.sqlite.bak-v5").exists()


def test_an_edit_of_what_a_cell_takes_from_its_figure_is_caught(
    made: tuple[Path, list[int]], tmp_path: Path
) -> None:
    """``same`` says where a cell's value is: changing it outside Hecha changes what the cell reads,
    and the replay of the review sees it."""
    w = tmp_path / "w.sqlite"
    shutil.copy(made[0], w)
    c = sqlite3.connect(w)
    one = c.execute("SELECT min(report_id) FROM figure_rows WHERE cell_kind IS NOT NULL").fetchone()[0]
    # every cell of one report that took its value from its figure now holds 77777: a row of its own
    # instead of the figure's, and the rows of their own that took it
    c.execute(
        "INSERT INTO indicator_value_rows (report_id, indicator, kind, value, raw, confidence, status, "
        f"figure_id, seq, {inherit.SAME}) SELECT report_id, indicator, cell_kind, '77777', '', cell_confidence, "
        f"cell_status, id, cell_seq, {inherit.ALL_TAKEN} & ~1 FROM figure_rows WHERE report_id = {one} "
        "AND cell_kind IS NOT NULL"
    )
    c.execute(
        f"UPDATE figure_rows SET {', '.join(f'{x} = NULL' for x in inherit.CELL)} WHERE report_id = {one}"
    )
    c.execute(
        f"UPDATE indicator_value_rows SET {inherit.SAME} = {inherit.SAME} & ~1, value = '77777' "
        f"WHERE report_id = {one} AND {inherit.SAME} & 1"
    )
    c.commit()
    c.close()
    with Workspace.open(w, reviewer="张三") as ws:
        assert any("导入时" in x or "审核记录" in x for x in ws.verify().problems)


def test_a_report_s_text_comes_back_as_it_was_stored() -> None:
    """Deflated where that is smaller, else as it is; any text, whatever its characters."""
    long = "一、总体情况\n本机关主动公开政府信息1234条。\n" * 40 + "𠀀\u200b\r\n"
    for text in (long, "短", "", "a" * 5):
        stored = codec.pack_text(text)
        assert codec.unpack_text(stored) == text
        assert len(stored if isinstance(stored, bytes) else stored.encode()) <= len(text.encode())
    assert isinstance(codec.pack_text(long), bytes) and codec.pack_text("短") == "短"


def test_the_dictionary_texts_are_deflated_with_never_changes() -> None:
    """A text stored with it is read back with exactly these bytes: changing them would make every
    stored text unreadable (another dictionary needs another first byte)."""
    digest = hashlib.sha256(textzip.ZDICT).hexdigest()
    assert digest == "a901f987361a10465db3b0daf52623f7d8f9faeca33ff05264cbede7f258502b"


def test_a_check_written_through_the_view_comes_last_among_its_report_s(tmp_path: Path) -> None:
    """The checks are kept by report, each id its place there: one written without an id comes after
    the report's others, and is read, changed and deleted by report and id."""
    with Workspace.open(tmp_path / "w.sqlite") as ws:
        ids = ws.import_paths([str(SAMPLES)], workers=1).report_ids
        rid = ids[0]
        before, others = ws.checks(rid), [ws.checks(r) for r in ids[1:]]
        c = ws._conn
        c.execute("BEGIN")
        c.execute(
            "INSERT INTO checks (report_id, rule, subject, status, severity) VALUES (?, 't3.balance', 'x', 'fail', 'error')",
            (rid,),
        )
        c.execute("UPDATE checks SET status = 'pass' WHERE report_id = ? AND subject = 'x'", (rid,))
        c.execute("COMMIT")
        got = ws.checks(rid)
        assert got[:-1] == before and (got[-1].subject, got[-1].status) == ("x", "pass")
        assert [ws.checks(r) for r in ids[1:]] == others  # no other report's checks touched
        c.execute("BEGIN")
        c.execute("DELETE FROM checks WHERE report_id = ? AND subject = 'x'", (rid,))
        c.execute("COMMIT")
        assert ws.checks(rid) == before


def test_the_command_line_says_it_upgrades_an_older_workspace(
    made: tuple[Path, list[int]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``hecha import`` into a workspace of format 5 says on stderr that it upgrades it and where the
    backup goes (thousands of reports take seconds, which would pass in silence), then imports."""
    from core import cli

    old = _version_5(made, tmp_path)
    assert Workspace.older_format(old) == 5
    sample = next(p for p in SAMPLES.iterdir() if p.suffix == ".txt")
    capsys.readouterr()
    assert cli.main(["import", str(sample), "--db", str(old)]) == 0
    err = capsys.readouterr().err
    assert "升级为新的格式" in err and "old.sqlite.bak-v5" in err
    assert Workspace.older_format(old) is None  # upgraded: nothing said the next time
    cli.main(["import", str(sample), "--db", str(old)])
    assert "升级" not in capsys.readouterr().err
