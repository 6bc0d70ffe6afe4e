"""The columns of each workspace table are declared once (core/store/columns.py): the schema a new
workspace gets, the rows the store inserts and the row types it returns all follow that declaration."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from store_helpers import extraction

from core.errors import StoreError
from core.store import Workspace, codec, db, inherit, terms
from core.store.columns import CHECKS, CODED_TABLES, FIGURES, INDICATOR_VALUES, REPORTS, REVIEW_EVENTS
from core.store.rows import EventRow, FigureRow, FigureTuple, IndicatorRow, IndicatorTuple, ReportRow

# The schema of format version 1 exactly as the previous release wrote it, by hand: workspaces made
# by it are in use, and a new workspace of the same version must have the same tables.
VERSION_1 = """
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE reports (
    id INTEGER PRIMARY KEY, path TEXT NOT NULL, sha256 TEXT NOT NULL UNIQUE, format TEXT NOT NULL,
    title TEXT, issuer TEXT, year INTEGER, encoding TEXT, status TEXT NOT NULL DEFAULT 'unreviewed',
    imported_at TEXT NOT NULL, text TEXT NOT NULL, tables TEXT NOT NULL DEFAULT '[]',
    pages TEXT NOT NULL DEFAULT '[]', char_pages BLOB, char_pages_type TEXT, char_boxes BLOB,
    char_boxes_type TEXT, warnings TEXT NOT NULL DEFAULT '[]');
CREATE INDEX reports_issuer_year ON reports (issuer, year);
CREATE INDEX reports_status ON reports (status);
CREATE TABLE originals (report_id INTEGER PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
    data BLOB NOT NULL);
CREATE TABLE figures (
    id INTEGER PRIMARY KEY, report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, value TEXT, original_value TEXT,
    unit TEXT, multiplier TEXT, qualifier TEXT, label TEXT NOT NULL DEFAULT '', indicator TEXT,
    confidence REAL NOT NULL DEFAULT 0.5, rule TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT 'text',
    status TEXT NOT NULL DEFAULT 'pending');
CREATE INDEX figures_report ON figures (report_id, start);
CREATE TABLE indicator_values (
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE, indicator TEXT NOT NULL,
    kind TEXT NOT NULL, value TEXT, raw TEXT NOT NULL DEFAULT '', start INTEGER, "end" INTEGER,
    confidence REAL NOT NULL DEFAULT 0.9, status TEXT NOT NULL DEFAULT 'pending', figure_id INTEGER,
    original_kind TEXT, original_value TEXT, PRIMARY KEY (report_id, indicator));
CREATE TABLE checks (
    id INTEGER PRIMARY KEY, report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    rule TEXT NOT NULL, subject TEXT NOT NULL, status TEXT NOT NULL, severity TEXT NOT NULL,
    formula TEXT NOT NULL DEFAULT '', cells TEXT NOT NULL DEFAULT '[]');
CREATE INDEX checks_report ON checks (report_id);
CREATE TABLE accepted_checks (
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE, rule TEXT NOT NULL,
    subject TEXT NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (report_id, rule, subject));
CREATE TABLE review_events (
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, reviewer TEXT NOT NULL DEFAULT '',
    report_id INTEGER NOT NULL REFERENCES reports (id), target TEXT NOT NULL, action TEXT NOT NULL,
    old TEXT NOT NULL DEFAULT '', new TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '',
    undone INTEGER NOT NULL DEFAULT 0, undoes INTEGER REFERENCES review_events (id),
    before_state TEXT NOT NULL DEFAULT '{}', after_state TEXT NOT NULL DEFAULT '{}');
CREATE INDEX review_events_report ON review_events (report_id, id);
"""
# Version 2: each report keeps its issuer's key for the previous-year query, and the report list's
# counts read an index of the figures instead of the figure rows.
VERSION_2 = (
    VERSION_1
    + """
ALTER TABLE reports ADD COLUMN issuer_key TEXT;
CREATE INDEX reports_year_issuer_key ON reports (year, issuer_key);
CREATE INDEX figures_report_status ON figures (report_id, status);
"""
)


def _shape(conn: sqlite3.Connection) -> dict[str, object]:
    """Per table: columns (name, type, not null, default, pk), foreign keys, and indexes (unique or not,
    columns) — what SQLite enforces, not how the CREATE statement was spelled."""
    out: dict[str, object] = {}
    for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
        cols = [r[1:] for r in conn.execute(f"PRAGMA table_info({t})")]
        fks = sorted(r[2:] for r in conn.execute(f"PRAGMA foreign_key_list({t})"))
        ixs = sorted(
            (r[2], tuple(x[2] for x in conn.execute(f"PRAGMA index_info('{r[1]}')")))
            for r in conn.execute(f"PRAGMA index_list({t})")
        )
        out[t] = (cols, fks, ixs)
    return out


def test_a_new_workspace_has_the_tables_a_migrated_one_has(tmp_path: Path) -> None:
    """A workspace made new and one the previous release made (version 2) and this one migrated have the
    same tables, columns and indexes."""
    Workspace.open(tmp_path / "new.sqlite").close()
    old = sqlite3.connect(tmp_path / "old.sqlite")
    old.executescript(VERSION_2)
    old.execute("INSERT INTO schema_version VALUES (2)")
    old.commit()
    old.close()
    Workspace.open(tmp_path / "old.sqlite").close()
    new = sqlite3.connect(tmp_path / "new.sqlite")
    old = sqlite3.connect(tmp_path / "old.sqlite")
    assert _shape(new) == _shape(old)
    # the figures clustered by report, their last id given kept where SQLite keeps an AUTOINCREMENT
    # table's (core/store/figure_ids.py)
    for c in (new, old):
        assert (
            "WITHOUT ROWID"
            in c.execute("SELECT sql FROM sqlite_master WHERE name = 'figure_rows'").fetchone()[0]
        )
        assert c.execute("SELECT count(*) FROM sqlite_sequence WHERE name = 'figure_rows'").fetchone()[0] == 1
    new.close()
    old.close()


def test_a_workspace_the_previous_release_made_opens_and_takes_reviews(tmp_path: Path) -> None:
    p = tmp_path / "old.sqlite"
    conn = sqlite3.connect(p)
    conn.executescript(VERSION_1)
    conn.execute("INSERT INTO schema_version VALUES (1)")
    conn.execute(f"PRAGMA application_id = {db.APPLICATION_ID}")
    conn.commit()
    conn.close()
    with Workspace.open(p, reviewer="张三") as ws:
        rid = ws.add_report(extraction())
        fid = ws.figures(rid)[0].id
        ws.correct(fid, Decimal("121"))
        assert ws.figure(fid).value == Decimal(121)
        assert ws.undo() is not None
        assert ws.figure(fid).value == Decimal(120)
        assert [e.action for e in ws.events()] == ["correct", "undo"]
    # migrated to version 2, the version-1 file kept beside it as it was
    backup = sqlite3.connect(tmp_path / "old.sqlite.bak-v1")
    assert backup.execute("SELECT version FROM schema_version").fetchone()[0] == 1
    assert _shape(backup) == _shape(_script(VERSION_1))
    backup.close()
    c = sqlite3.connect(p)
    assert c.execute("SELECT version FROM schema_version").fetchone()[0] == db.SCHEMA_VERSION
    Workspace.open(tmp_path / "new.sqlite").close()
    assert _shape(c) == _shape(sqlite3.connect(tmp_path / "new.sqlite"))
    c.close()


def test_migrated_reports_find_their_previous_year_however_the_issuer_was_written(tmp_path: Path) -> None:
    """Reports stored by the previous release (no stored issuer key) are linked to the same issuer's
    previous year after the migration, 吴中区人民政府 and 苏州市吴中区人民政府 alike."""
    p = tmp_path / "w.sqlite"
    with Workspace.open(p) as ws:
        old = ws.add_report(extraction(issuer="苏州市吴中区人民政府", year=2022))
        new = ws.add_report(extraction(issuer="吴中区人民政府", year=2023))
        other = ws.add_report(extraction(issuer="相城区人民政府", year=2023))
    _make_version_1(p)
    with Workspace.open(p) as ws:
        assert ws.previous_report(new) == old
        assert ws.previous_report(other) is None
    assert (tmp_path / "w.sqlite.bak-v1").exists()


def test_a_version_1_workspace_keeps_its_reports_and_history_through_the_migration(tmp_path: Path) -> None:
    """A workspace written at version 1 (made here by dropping what version 2 added) is backed up, then
    migrated: the same reports, figures and review history, and the report list's counts unchanged."""
    p = tmp_path / "w.sqlite"
    with Workspace.open(p, reviewer="张三") as ws:
        rid = ws.add_report(extraction())
        ws.confirm(ws.figures(rid)[0].id)
        before = ws.reports()
    _make_version_1(p)
    with Workspace.open(p, reviewer="张三") as ws:
        assert ws.reports() == before
        assert [e.action for e in ws.events()] == ["confirm"]
    assert (tmp_path / "w.sqlite.bak-v1").exists()
    c = sqlite3.connect(p)
    assert c.execute("SELECT version FROM schema_version").fetchone()[0] == db.SCHEMA_VERSION
    # a report's figures found through the figures' own key (report, id), not an index of their own
    assert {r[1] for r in c.execute("PRAGMA index_list(figure_rows)")} == {"sqlite_autoindex_figure_rows_1"}
    assert c.execute("SELECT report_id FROM figure_id_ranges").fetchall() == [(rid,)]
    c.close()


def test_a_version_1_workspace_opened_read_only_is_refused_with_what_to_do(tmp_path: Path) -> None:
    """Version 2 added a column, so a version-1 file opened read-only (the command-line export) cannot be
    read as it is: it is refused with a message naming the file, and left unchanged."""
    p = tmp_path / "w.sqlite"
    with Workspace.open(p, reviewer="张三") as ws:
        ws.add_report(extraction())
    _make_version_1(p)
    with pytest.raises(StoreError, match="只读时无法升级") as e:
        Workspace.open(p, readonly=True)
    assert str(p) in str(e.value)
    assert not (tmp_path / "w.sqlite.bak-v1").exists()
    c = sqlite3.connect(p)
    assert c.execute("SELECT version FROM schema_version").fetchone()[0] == 1
    c.close()


def _make_version_5(p: Path) -> None:
    """Turn a workspace this program wrote into what version 5 wrote: every stored figure and
    indicator value holding each of its columns itself (no ``same``, each confidence as it is), the
    views and triggers of version 5, the index of indicator values by figure, each report's text as
    it is, the checks in a rowid table."""
    conn = sqlite3.connect(p, isolation_level=None)
    conn.execute("BEGIN")
    plain = {}
    for t in CODED_TABLES:  # every column as written, read through the views of this version
        s = terms.stored(t)
        picks = ", ".join(
            f'(SELECT id FROM terms WHERE text = v."{c}")' if c in t.coded else f'v."{c}"' for c in t.names
        )
        extra = ", v.rowid" if t.rowid else ""
        plain[t.name] = conn.execute(f"SELECT {picks}{extra} FROM {t.name} v").fetchall()
    for name in terms.expected(db.SCHEMA_VERSION):
        kind = "VIEW" if name in {t.name for t in CODED_TABLES} else "TRIGGER"
        conn.execute(f'DROP {kind} IF EXISTS "{name}"')
    for t in CODED_TABLES:
        s = terms.stored(t)
        if inherit.SAME in s.names:
            conn.execute(f"DELETE FROM {s.name}")
            conn.execute(f"ALTER TABLE {s.name} DROP COLUMN {inherit.SAME}")
            cols = [*t.names, *([terms.SEQ] if t.rowid else [])]
            conn.executemany(
                f"INSERT INTO {s.name} ({', '.join(chr(34) + c + chr(34) for c in cols)}) "
                f"VALUES ({', '.join('?' * len(cols))})",
                plain[t.name],
            )
    # the checks in a rowid table with an index by report, their ids the workspace's
    v5 = terms.stored(dataclasses.replace(CHECKS, clustered=()))
    rows = conn.execute(
        f"SELECT row_number() OVER (ORDER BY report_id, id), {v5.column_list(v5.names[1:])} FROM {v5.name}"
    ).fetchall()
    conn.execute(f"DROP TABLE {v5.name}")
    db._create_stored(conn, v5)
    conn.executemany(v5.insert_sql(), rows)
    terms.create(conn, 5)
    conn.execute("CREATE INDEX indicator_values_figure ON indicator_value_rows (figure_id)")
    for rid, text in conn.execute("SELECT id, text FROM reports").fetchall():  # each text as it is
        conn.execute("UPDATE reports SET text = ? WHERE id = ?", (codec.unpack_text(text), rid))
    conn.execute("UPDATE schema_version SET version = 5")
    conn.execute("COMMIT")
    conn.close()


def _make_version_4(p: Path) -> None:
    """Turn a workspace this program wrote into what version 4 wrote: figures, indicator values and
    checks as tables of their text (no ``terms``, no views), each original file as read."""
    _make_version_5(p)
    conn = sqlite3.connect(p, isolation_level=None)
    conn.execute("BEGIN")
    d = db.database(conn)
    for t in CODED_TABLES:
        conn.execute(f"DROP VIEW {t.name}")  # its triggers go with it
        db._create(d, t, indexes=False)
        if t.autoincrement:
            db.autoincrement(conn, t.name)
        picks = ", ".join(
            f'(SELECT text FROM terms WHERE id = s."{c}")' if c in t.coded else f's."{c}"' for c in t.names
        )
        order = " ORDER BY s.report_id, s.seq" if t.rowid else ""  # rowids in the stored order
        conn.execute(f"INSERT INTO {t.name} ({t.column_list()}) SELECT {picks} FROM {t.stored_in} s{order}")
        seq = conn.execute("SELECT max(seq) FROM sqlite_sequence WHERE name = ?", (t.stored_in,)).fetchone()[
            0
        ]
        conn.execute(f"DROP TABLE {t.stored_in}")
        if seq is not None:
            conn.execute("DELETE FROM sqlite_sequence WHERE name = ?", (t.name,))
            conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (t.name, seq))
        for ix in t.indexes:
            d.table(t.name).create_index(ix.columns, index_name=ix.name, unique=ix.unique)
    conn.execute("CREATE INDEX indicator_values_figure ON indicator_values (figure_id)")  # dropped in 6
    conn.execute("CREATE INDEX figures_report_status ON figures (report_id, status)")  # dropped in 5
    conn.execute("DROP TABLE terms")
    rows = conn.execute(
        "SELECT o.report_id, o.data, o.packing, r.text, r.encoding FROM originals o JOIN reports r ON r.id = o.report_id"
    ).fetchall()
    for rid, data, packing, text, encoding in rows:
        conn.execute(
            "UPDATE originals SET data = ? WHERE report_id = ?",
            (codec.unpack_original(data, packing, text, encoding), rid),
        )
    for rid, tables, text in conn.execute("SELECT id, tables, text FROM reports").fetchall():
        full = json.loads(tables)  # every cell with its text, as format 4 stored it
        for t in full:
            for c in t["cells"]:
                c[4] = text[c[2] : c[3]] if c[4] is None else c[4]
        conn.execute(
            "UPDATE reports SET tables = ? WHERE id = ?", (json.dumps(full, ensure_ascii=False), rid)
        )
    conn.execute("ALTER TABLE originals DROP COLUMN size")
    conn.execute("ALTER TABLE originals DROP COLUMN packing")
    conn.execute("UPDATE schema_version SET version = 4")
    conn.execute("COMMIT")
    conn.close()


def _make_version_3(p: Path) -> None:
    """Turn a workspace this program wrote into what version 3 wrote: without the report list's kept
    counts and the index of indicator values by figure."""
    _make_version_4(p)
    conn = sqlite3.connect(p)
    conn.execute("DROP TABLE report_summary")
    conn.execute("DROP INDEX indicator_values_figure")
    conn.execute("DROP INDEX review_events_action")
    conn.execute("UPDATE schema_version SET version = 3")
    conn.commit()
    conn.close()


def _make_version_2(p: Path) -> None:
    """Turn a workspace this program wrote into what version 2 wrote: without the hash chain, the
    digests and the reviewers' name events (the ids' AUTOINCREMENT stays: the migration keeps it)."""
    _make_version_3(p)
    conn = sqlite3.connect(p)
    conn.execute("DROP TABLE workspace_events")
    conn.execute("DROP TABLE ledger")
    conn.execute("ALTER TABLE reports DROP COLUMN sealed")
    conn.execute("ALTER TABLE review_events DROP COLUMN digest")
    conn.execute("ALTER TABLE review_events DROP COLUMN hash")
    conn.execute("UPDATE schema_version SET version = 2")
    conn.commit()
    conn.close()


def _make_version_1(p: Path) -> None:
    """Turn a workspace this program wrote into what the previous release wrote: without the column
    and the indexes version 2 added."""
    _make_version_2(p)
    conn = sqlite3.connect(p)
    conn.execute("DROP INDEX figures_report_status")
    conn.execute("DROP INDEX reports_year_issuer_key")
    conn.execute("ALTER TABLE reports DROP COLUMN issuer_key")
    conn.execute("UPDATE schema_version SET version = 1")
    conn.commit()
    conn.close()


def _script(sql: str) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.executescript(sql)
    return conn


def test_rows_the_store_writes_and_returns_follow_the_declared_columns() -> None:
    ex = extraction()
    assert set(codec.document_row(ex.document)) | {"id", "status", "imported_at", "sealed"} == set(
        REPORTS.names
    )
    assert set(codec.figure_row(1, ex.figures[0])) | {"id"} == set(FIGURES.names)
    v = next(iter(ex.indicators.values()))
    assert set(codec.indicator_row(1, v, None)) == set(INDICATOR_VALUES.names)
    assert set(codec.check_row(1, ex.checks[0])) | {"id"} == set(CHECKS.names)
    assert [f.name for f in dataclasses.fields(FigureRow)] == list(FIGURES.names)
    assert set(IndicatorTuple._fields) == {f.name for f in dataclasses.fields(IndicatorRow)}
    assert {f.name for f in dataclasses.fields(IndicatorRow)} <= set(INDICATOR_VALUES.names)
    assert set(FigureTuple._fields) <= set(FIGURES.names)
    assert {f.name for f in dataclasses.fields(EventRow)} <= set(REVIEW_EVENTS.names)
    assert {f.name for f in dataclasses.fields(ReportRow)} - {
        "n_figures",
        "n_pending",
        "n_failed",
        "n_warnings",
    } <= set(REPORTS.names)


def test_a_migration_may_rebuild_a_table_with_sqlite_utils(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A step that changes the stored figures (here: a new column with a default) and rebuilds the
    reports they belong to (``imported_at`` no longer required) keeps every row, the links to it and the
    review history; the old file is kept as a copy."""
    p = tmp_path / "w.sqlite"
    with Workspace.open(p, reviewer="张三") as ws:
        rid = ws.add_report(extraction())
        fid = ws.figures(rid)[0].id
        ws.confirm(fid)

    def rebuild_figures(conn: sqlite3.Connection) -> None:
        d = db.database(conn)
        d.table("figure_rows").add_column("note", str, not_null_default="")
        d.table("reports").transform(not_null={"imported_at": False})

    now = db.SCHEMA_VERSION  # the current format, which the test file was made in
    monkeypatch.setattr(db, "SCHEMA_VERSION", now + 1)
    monkeypatch.setitem(db.MIGRATIONS, now, rebuild_figures)
    with Workspace.open(p, reviewer="张三") as ws:
        assert [(f.id, f.status) for f in ws.figures(rid)][0] == (fid, "confirmed")
        assert len(ws.figures(rid)) == 3
        assert ws.indicators(rid)["t3.new.total"].figure_id == ws.figures(rid)[2].id
        assert ws.undo() is not None
        assert ws.figure(fid).status == "pending"
        assert ws._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1  # on again after the rebuild
    conn = sqlite3.connect(p)
    assert conn.execute("SELECT version FROM schema_version").fetchone()[0] == now + 1
    assert conn.execute("SELECT DISTINCT note FROM figure_rows").fetchall() == [("",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    assert (tmp_path / f"w.sqlite.bak-v{now}").exists()


def test_a_migration_that_breaks_the_links_is_undone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "w.sqlite"
    with Workspace.open(p) as ws:
        ws.add_report(extraction())

    def lose_reports(conn: sqlite3.Connection) -> None:
        conn.execute("DELETE FROM reports")

    now = db.SCHEMA_VERSION  # the current format, which the test file was made in
    monkeypatch.setattr(db, "SCHEMA_VERSION", now + 1)
    monkeypatch.setitem(db.MIGRATIONS, now, lose_reports)
    with pytest.raises(StoreError, match="升级") as e:
        Workspace.open(p)
    assert str(p) in str(e.value)
    conn = sqlite3.connect(p)
    assert conn.execute("SELECT version FROM schema_version").fetchone()[0] == now
    assert conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 1
    conn.close()


def test_the_rows_an_import_sends_hold_the_same_values_as_the_declared_rows() -> None:
    """The import ships each report as tuples (storing.rows_of); they must be the declared rows'
    values in column order, or a column would silently take another's value."""
    ex = extraction()
    for f in ex.figures:
        row = codec.figure_row(1, f)
        assert codec.figure_values(f) == tuple(row[c] for c in codec.FIGURE_VALUES)
    for v in ex.indicators.values():
        row = codec.indicator_row(1, v, None)
        assert codec.indicator_values(v) == tuple(row[c] for c in codec.INDICATOR_VALUE_COLS)
    for k in ex.checks:
        row = codec.check_row(1, k)
        assert codec.check_values(k) == tuple(row[c] for c in codec.CHECK_VALUES)


@pytest.mark.parametrize(
    ("value", "text"),
    [("120", "120"), ("0", "0"), ("-3", "-3"), ("1.50", "1.50"), ("12.0", "12"),
     ("1E+3", "1000"), ("0.25", "0.25"), ("-0.5", "-0.5"), ("007", "7"), ("2.50E+1", "25"),
     ("123456789012345678901234567890", "123456789012345678901234567890")],
)  # fmt: skip
def test_a_value_is_stored_as_its_exact_plain_text(value: str, text: str) -> None:
    assert codec.dec_text(Decimal(value)) == text
    assert codec.text_dec(codec.dec_text(Decimal(value))) == Decimal(value)
