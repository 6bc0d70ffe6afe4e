"""The workspace file: connection settings, schema, version and migrations, error wording.

One SQLite file per workspace (WAL, foreign keys). ``schema_version`` holds one row; a file of a
newer version is refused, an older one is copied to ``NAME.bak-vN`` and then migrated in place.
"""

from __future__ import annotations

import dataclasses
import errno
import logging
import os
import re
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import StoreError
from core.messages import NAME_MAX
from core.store import columns
from core.store.columns import TABLES, Table

if TYPE_CHECKING:
    import sqlite_utils
    import sqlite_utils.db

SCHEMA_VERSION = 7
# The oldest version this program reads as it is, without migrating: opened read-only (the command-line
# export, a read-only folder) it is read, not refused. Version 2 added a column (reports.issuer_key) and
# version 3 the hash chain, so older files must be migrated first; a migration that only adds an index
# leaves this as it is. Version 4 added the report list's counts (report_summary) and an index: a
# version-3 file opened read-only is read, its counts worked out from its rows (core/store/reading.py).
# Version 5 stores the figures, indicator values and checks coded (core/store/terms.py) behind views of
# the same names and columns, so a version-3 or -4 file still reads as it is. Version 6 stores less of
# the same rows behind the same views (core/store/inherit.py): a version-5 file reads through its own.
# Version 7 stores the figures clustered by report and a table cell's indicator value in its figure's
# row, behind the same views again; an older file opened read-only finds a figure by id as it did.
READS_FROM_VERSION = 3
APPLICATION_ID = 0x48454341  # "HECA": marks the file as a Hecha workspace
BUSY_TIMEOUT_MS = 5000
SQLITE_MAGIC = b"SQLite format 3\x00"

# MIGRATIONS[v] turns a version-v workspace into version v+1. It runs inside one transaction with
# foreign keys off (checked before the commit), so a step may rebuild a table: ``database(conn)`` gives
# sqlite-utils, whose ``table.transform(...)`` changes types, defaults, NOT NULL or drops columns, and
# ``table.add_column(...)`` adds one (a table stored WITHOUT ROWID, which ``transform`` does not know,
# is rebuilt as ``_cluster`` does). Declare the new shape in core/store/columns.py as well.


def _to_version_2(conn: sqlite3.Connection) -> None:
    """Version 2: each report keeps its issuer's ``issuer_key``, indexed with its year, so the
    previous-year query is one index lookup instead of working out the key of every report of a year;
    and figures are indexed by (report_id, status), so the report list counts each report's figures and
    pending figures from the index alone instead of reading every figure row."""
    from core.documents.meta import issuer_key

    conn.execute("ALTER TABLE reports ADD COLUMN issuer_key TEXT")
    rows = conn.execute("SELECT id, issuer FROM reports").fetchall()
    conn.executemany("UPDATE reports SET issuer_key = ? WHERE id = ?", [(issuer_key(i), r) for r, i in rows])
    conn.execute("CREATE INDEX reports_year_issuer_key ON reports (year, issuer_key)")
    conn.execute("CREATE INDEX IF NOT EXISTS figures_report_status ON figures (report_id, status)")


def _to_version_3(conn: sqlite3.Connection) -> None:
    """Version 3, a sign-off that can be proved: figure and event ids are never reused (AUTOINCREMENT);
    each review event carries the hash chain (``hash``) and 已完成 / 复核通过 the digest they signed
    (``digest``: the report's state now, for the locking step of each locked report); each report keeps
    the digest of its state as imported (``sealed``: today's state with every reviewed item put back as
    its first event found it); the reviewers' names, as stored, become the first workspace events."""
    from core.store import ledger, verify

    conn.execute("ALTER TABLE reports ADD COLUMN sealed TEXT")
    conn.execute("ALTER TABLE review_events ADD COLUMN digest TEXT")
    conn.execute("ALTER TABLE review_events ADD COLUMN hash TEXT")
    for t in (columns.FIGURES, columns.REVIEW_EVENTS):
        autoincrement(conn, t.name)
    d = database(conn)
    for t in (columns.WORKSPACE_EVENTS, columns.LEDGER):
        _create(d, t)
        if t.autoincrement:
            autoincrement(conn, t.name)
    for (rid,) in conn.execute("SELECT id FROM reports").fetchall():
        conn.execute("UPDATE reports SET sealed = ? WHERE id = ?", (verify.baseline_digest(conn, rid), rid))
        lock = verify.locking_event(conn, rid)
        if lock is not None:
            conn.execute("UPDATE review_events SET digest = ? WHERE id = ?", (ledger.digest(conn, rid), lock))
    ledger.rebuild_chain(conn, "review_events")
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'workspace_settings'").fetchone():
        for key, value in conn.execute("SELECT key, value FROM workspace_settings ORDER BY key").fetchall():
            if value:
                ledger.append(conn, "workspace_events", {"key": key, "old": "", "new": value})


def _to_version_4(conn: sqlite3.Connection) -> None:
    """Version 4, a workspace of ten thousand reports: each report's counts for the report list are
    kept in ``report_summary`` (core/store/summary.py) instead of counted over every figure and check
    at each opening and filter; indicator values are indexed by figure, the lookup each review step on
    a figure makes, and review events by action, so the report list finds the sign-off steps without
    reading every review step ever made."""
    from core.store import summary

    _create(database(conn), columns.REPORT_SUMMARY)
    conn.execute("CREATE INDEX IF NOT EXISTS indicator_values_figure ON indicator_values (figure_id)")
    conn.execute("CREATE INDEX IF NOT EXISTS review_events_action ON review_events (action, id)")
    summary.rebuild(conn)


def _to_version_5(conn: sqlite3.Connection) -> None:
    """Version 5, a smaller file: the figures, indicator values and checks are stored with each
    repeated string as the id of its one copy in ``terms``, behind views that give the same rows as
    before (core/store/terms.py), so every digest, event and export reads the same values; each
    original file is stored packed (``codec.pack_original``) with its size, and a table cell's text
    only where it is not the report's text at its span (``codec.compact_tables``). Ids, the order of the
    indicator values and the figures' next id are kept. ``migrate`` then rewrites the file without the
    freed pages (VACUUM)."""
    from core.store import terms

    d = database(conn)
    _create(d, columns.TERMS)
    every = " UNION ALL ".join(
        f'SELECT "{c}" AS text FROM {t.name}' for t in columns.CODED_TABLES for c in t.coded
    )
    conn.execute(  # the most frequent strings get the smallest ids: an id up to 127 takes one byte
        f"INSERT INTO terms (text) SELECT text FROM ({every}) WHERE text IS NOT NULL "
        "GROUP BY text ORDER BY count(*) DESC, text"
    )
    for t in columns.CODED_TABLES:
        s = terms.stored(t)
        _create_stored(conn, s, indexes=False)  # the indexes after the rows: built once, not row by row
        picks = ", ".join(
            f'(SELECT id FROM terms WHERE text = old."{c}")' if c in t.coded else f'old."{c}"'
            for c in t.names
        )
        # where the readers keep the stored order: each row's place among its report's rows
        keep = (
            (f", {terms.SEQ}", ", row_number() OVER (PARTITION BY old.report_id ORDER BY old.rowid)")
            if t.rowid
            else ("", "")
        )
        conn.execute(
            f"INSERT INTO {s.name} ({t.column_list()}{keep[0]}) SELECT {picks}{keep[1]} FROM {t.name} AS old"
        )
        if s.autoincrement:  # an id a deleted row had is never given again
            seq = conn.execute(
                "SELECT max(seq) FROM sqlite_sequence WHERE name IN (?, ?)", (s.name, t.name)
            ).fetchone()[0]
            conn.execute("DELETE FROM sqlite_sequence WHERE name IN (?, ?)", (s.name, t.name))
            if seq is not None:
                conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (s.name, seq))
        conn.execute(f"DROP TABLE {t.name}")
        for ix in s.indexes:
            d.table(s.name).create_index(ix.columns, index_name=ix.name, unique=ix.unique)
    terms.create(conn, 5)
    conn.execute("ALTER TABLE originals ADD COLUMN packing TEXT NOT NULL DEFAULT ''")
    conn.execute("ALTER TABLE originals ADD COLUMN size INTEGER")
    from core.store import codec

    # one report at a time: ten thousand originals together could be gigabytes
    for (rid,) in conn.execute("SELECT id FROM reports ORDER BY id").fetchall():
        tables, text, encoding = conn.execute(
            "SELECT tables, text, encoding FROM reports WHERE id = ?", (rid,)
        ).fetchone()
        conn.execute("UPDATE reports SET tables = ? WHERE id = ?", (codec.compact_tables(tables, text), rid))
        row = conn.execute("SELECT data FROM originals WHERE report_id = ?", (rid,)).fetchone()
        if row is not None:
            data = bytes(row[0])
            packed, packing = codec.pack_original(data, text, encoding)
            conn.execute(
                "UPDATE originals SET data = ?, packing = ?, size = ? WHERE report_id = ?",
                (packed, packing, len(data), rid),
            )


def _to_version_6(conn: sqlite3.Connection) -> None:
    """Version 6, a smaller file again: an indicator value no longer holds what its figure holds (its
    value, raw text, span, original value), a figure not its original value while it is its value nor
    its text while that is its value and unit, a confidence is kept in thousandths
    (core/store/inherit.py); the views give every column back as before, so every digest, event and
    export reads the same values. The index of indicator values by figure goes: each lookup by figure
    is made within the figure's report, through the indicator values' key. ``migrate`` then rewrites
    the file without the freed pages (VACUUM). Each report's text is stored deflated where that is
    smaller (``codec.pack_text``): a report's row then no longer fills a page alone. The checks are
    stored clustered by report (``_cluster``) instead of in a rowid table with an index by report."""
    from core.store import inherit, terms

    for name in terms.expected(5):  # the views and triggers of version 5, made again below
        kind = "VIEW" if name in {t.name for t in columns.CODED_TABLES} else "TRIGGER"
        conn.execute(f'DROP {kind} IF EXISTS "{name}"')
    for table in ("figure_rows", "indicator_value_rows"):
        have = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        if inherit.SAME not in have:  # a file migrated from version 4 by this program has it already
            conn.execute(f"ALTER TABLE {table} ADD COLUMN {inherit.SAME} INTEGER NOT NULL DEFAULT 0")
    inherit.migrate(conn)
    conn.execute("DROP INDEX IF EXISTS indicator_values_figure")
    _cluster(conn, columns.CHECKS)
    terms.create(conn, 6)
    from core.store import codec

    for (rid,) in conn.execute("SELECT id FROM reports ORDER BY id").fetchall():  # one text at a time
        (text,) = conn.execute("SELECT text FROM reports WHERE id = ?", (rid,)).fetchone()
        conn.execute(
            "UPDATE reports SET text = ? WHERE id = ?", (codec.pack_text(codec.unpack_text(text)), rid)
        )


def _cluster(conn: sqlite3.Connection, t: Table) -> None:
    """Store ``t``'s rows clustered by report (``Table.clustered``), each row's id its place among its
    report's rows in the order of the ids it had; the index by report goes with the old table."""
    from core.store import terms

    s = terms.stored(t)
    _create_stored(conn, dataclasses.replace(s, name=f"{s.name}_clustered"))
    rest = [c for c in s.names if c != "id"]
    conn.execute(
        f"INSERT INTO {s.name}_clustered (id, {s.column_list(rest)}) SELECT row_number() OVER "
        f"(PARTITION BY report_id ORDER BY id), {s.column_list(rest)} FROM {s.name}"
    )
    conn.execute(f"DROP TABLE {s.name}")
    conn.execute(f"ALTER TABLE {s.name}_clustered RENAME TO {s.name}")


def _to_version_7(conn: sqlite3.Connection) -> None:
    """Version 7, smaller again: the figures are stored clustered by report (a report's figures read
    together, without the index by report, which took as much room as a third of the rows) and found
    by report and id, their ids kept as they were (core/store/figure_ids.py: the last id given stays in
    ``sqlite_sequence``, ``figure_id_ranges`` finds a figure's report from its id); a table cell's
    indicator value that takes everything from its figure is kept in the figure's row instead of a
    row of its own (core/store/inherit.py ``CELL``). The views give every row back as before, so
    every digest, event and export reads the same values. ``migrate`` then rewrites the file without
    the freed pages (VACUUM)."""
    from core.store import figure_ids, inherit, terms

    for name in terms.expected(6):  # the views and triggers of version 6, made again below
        kind = "VIEW" if name in {t.name for t in columns.CODED_TABLES} else "TRIGGER"
        conn.execute(f'DROP {kind} IF EXISTS "{name}"')
    seq = conn.execute("SELECT max(seq) FROM sqlite_sequence WHERE name = 'figure_rows'").fetchone()[0]
    top = conn.execute("SELECT max(id) FROM figure_rows").fetchone()[0]
    s = terms.stored(columns.FIGURES)
    _create_stored(conn, dataclasses.replace(s, name="figure_rows_clustered"))
    kept = [c for c in s.names if c not in inherit.CELL]
    conn.execute(
        f"INSERT INTO figure_rows_clustered ({s.column_list(kept)}, {', '.join(inherit.CELL)}) "
        f"SELECT {', '.join(f'f.{c}' for c in s.column_list(kept).split(', '))}, "
        "v.kind, v.status, v.confidence, v.seq FROM figure_rows AS f LEFT JOIN indicator_value_rows AS v "
        f"ON v.report_id = f.report_id AND v.indicator = f.indicator AND v.figure_id = f.id "
        f"AND v.{inherit.SAME} = {inherit.ALL_TAKEN} ORDER BY f.report_id, f.id"
    )
    conn.execute(
        f"DELETE FROM indicator_value_rows WHERE {inherit.SAME} = {inherit.ALL_TAKEN} AND EXISTS (SELECT 1 "
        "FROM figure_rows_clustered AS f WHERE f.report_id = indicator_value_rows.report_id "
        "AND f.id = indicator_value_rows.figure_id AND f.indicator = indicator_value_rows.indicator "
        "AND f.cell_kind IS NOT NULL)"
    )
    conn.execute("DROP TABLE figure_rows")  # its sqlite_sequence row goes with it
    conn.execute("ALTER TABLE figure_rows_clustered RENAME TO figure_rows")
    for sql in figure_ids.raise_sqls(str(max(int(seq or 0), int(top or 0)))):
        conn.execute(sql)
    conn.execute("DROP TABLE IF EXISTS figure_id_ranges")  # worked out again from the figures
    _create(database(conn), columns.FIGURE_ID_RANGES)
    figure_ids.rebuild(conn)
    terms.create(conn, 7)


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _to_version_2,
    2: _to_version_3,
    3: _to_version_4,
    4: _to_version_5,
    5: _to_version_6,
    6: _to_version_7,
}
# The versions whose migration frees much of the file: ``migrate`` rewrites it afterwards (VACUUM).
SHRINKS = {5, 6, 7}

_ID_PK = re.compile(r'(["\[`]?\bid\b["\]`]?\s+INTEGER\s+PRIMARY\s+KEY)(?!\s+AUTOINCREMENT)', re.IGNORECASE)


def autoincrement(conn: sqlite3.Connection, table: str) -> None:
    """Rebuild ``table`` with ``id INTEGER PRIMARY KEY AUTOINCREMENT`` (its rows, indexes and ids kept),
    inside the caller's transaction: SQLite then never gives a deleted row's id to a new one."""
    sql = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()[0]
    if _ID_PK.search(sql) is None:
        return
    tmp = f"{table}_rebuilt"
    new_sql = _ID_PK.sub(r"\1 AUTOINCREMENT", sql, count=1)
    new_sql = re.sub(
        r'^CREATE TABLE\s+["\[`]?' + table + r'["\]`]?', f'CREATE TABLE "{tmp}"', new_sql, count=1
    )
    indexes = [
        r[0]
        for r in conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
            (table,),
        )
    ]
    conn.execute(new_sql)
    conn.execute(f'INSERT INTO "{tmp}" SELECT * FROM "{table}"')
    conn.execute(f'DROP TABLE "{table}"')
    conn.execute(f'ALTER TABLE "{tmp}" RENAME TO "{table}"')
    for ix in indexes:
        conn.execute(ix)


def is_ours(conn: sqlite3.Connection) -> bool:
    """True when the file's tables are a Hecha workspace's (of any version), not another program's
    file that happens to have a ``schema_version`` table."""
    # figures, indicator values and checks are views of their stored rows since version 5
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    need = {"schema_version", "reports", "figures", "indicator_values", "checks", "review_events"}
    if not need <= names:
        return False
    report_cols = {r[1] for r in conn.execute("PRAGMA table_info(reports)")}
    event_cols = {r[1] for r in conn.execute("PRAGMA table_info(review_events)")}
    return {"path", "sha256", "text", "status"} <= report_cols and {
        "before_state",
        "after_state",
        "undone",
    } <= event_cols


def latest_backup(path: Path) -> Path | None:
    """The newest backup beside the workspace (``NAME.bak…``, ``NAME.backup…``) that opens as a sound
    Hecha workspace, or None."""
    try:
        candidates = [
            p for p in path.parent.iterdir()
            if p.name.startswith(path.name + ".bak") and p.is_file()
        ]  # fmt: skip
    except OSError:
        return None
    for p in sorted(candidates, key=lambda p: p.stat().st_mtime, reverse=True):
        try:
            conn = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True)
            try:
                if conn.execute("PRAGMA quick_check(1)").fetchone()[0] == "ok":
                    return p
            finally:
                conn.close()
        except sqlite3.Error:
            continue
    return None


def damaged(path: Path) -> StoreError:
    """The workspace file is damaged: say so, say nothing was written, and name the backup to use."""
    backup = latest_backup(path)
    hint = (
        f"最近的完好备份是 {backup}，请关闭核查后用它替换此文件（先保留损坏的文件）"
        if backup is not None
        else "旁边没有找到完好的备份，请从您的备份中恢复此文件"
    )
    return StoreError(f"{path}: 工作区文件已损坏，为免损坏扩大未做任何写入；{hint}")


def check_integrity(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a damaged workspace at open, before anything is written into it (quick_check reads the
    whole file once; it does not compare indexes with tables, which is what makes it quick)."""
    try:
        rows = conn.execute("PRAGMA quick_check(1)").fetchall()
    except sqlite3.DatabaseError as e:
        if "malformed" in str(e).lower() or "not a database" in str(e).lower():
            raise damaged(path) from e
        raise
    if not rows or rows[0][0] != "ok":
        raise damaged(path)


def check_path(path: Path) -> None:
    """``check_integrity`` on a connection of its own (read-only), so it can run in the background
    while the workspace's own connection goes on serving the review."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    except sqlite3.Error as e:
        raise explain(path, e) from e
    try:
        check_integrity(conn, path)
    except sqlite3.Error as e:
        raise explain(path, e) from e
    finally:
        conn.close()


def explain(path: str | os.PathLike[str], e: BaseException) -> StoreError:
    """A one-line Chinese StoreError naming the workspace file for a low-level error."""
    msg = str(e).lower()
    if "malformed" in msg:
        return damaged(Path(path))
    if "not a database" in msg or "encrypted" in msg:
        reason = "不是核查工作区文件，或文件已损坏（不是有效的 SQLite 数据库）"
    elif "disk i/o error" in msg:
        reason = "磁盘读写出错（磁盘可能已满、已拔出或有故障），本次操作未保存；请检查磁盘后重试"
    elif "disk is full" in msg or "database or disk is full" in msg or getattr(e, "errno", 0) == 28:
        reason = "磁盘空间已满，本次操作未保存（之前保存的数据完好），请腾出空间后重试"
    elif "readonly" in msg or "read-only" in msg or isinstance(e, PermissionError):
        reason = "工作区文件为只读或没有写入权限，无法保存审核结果"
    elif "locked" in msg or "busy" in msg:
        reason = "工作区正被其他程序占用，请稍后重试"
    elif "unable to open" in msg:
        reason = _unopenable(Path(path))
    else:
        reason = f"工作区读写出错（{type(e).__name__}: {e}）"
    return StoreError(f"{path}: {reason}")


def _unopenable(path: Path) -> str:
    """Why SQLite could not open a workspace file, found by looking (SQLite says only that it could not)."""
    size = len(os.fsencode(path.name))
    if size > NAME_MAX - len("-journal"):  # SQLite keeps name-journal, name-wal, name-shm beside it
        return (
            f"工作区文件名过长（{size} 字节）：其旁须建立同名加 -journal 的文件，名称不能超过 "
            f"{NAME_MAX - len('-journal')} 字节（约 {(NAME_MAX - 8) // 3} 个汉字），请用较短的名称"
        )
    parent = path.parent
    if not parent.is_dir():
        return "无法打开工作区文件：所在文件夹不存在，请先建立文件夹或换一个位置"
    if not os.access(parent, os.W_OK | os.X_OK):
        return "无法打开工作区文件：没有所在文件夹的写入权限，请换一个位置"
    return "无法打开工作区文件（文件夹不存在或没有权限）"


def is_busy(e: BaseException) -> bool:
    msg = str(e).lower()
    return isinstance(e, sqlite3.OperationalError) and ("locked" in msg or "busy" in msg)


def check_file(path: Path) -> None:
    """Refuse a file that exists, is not empty and is not SQLite, before SQLite touches it."""
    try:
        st = path.stat()
    except OSError as e:
        if e.errno == errno.ENAMETOOLONG:
            raise StoreError(f"{path}: {_unopenable(path)}") from e
        return
    if stat.S_ISDIR(st.st_mode):
        raise StoreError(f"{path}: 这是文件夹，不是工作区文件")
    if not stat.S_ISREG(st.st_mode):
        raise StoreError(f"{path}: 不是普通文件（设备、管道或套接字），工作区须是磁盘上的文件")
    if st.st_size == 0:
        return
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError as e:
        raise explain(path, e) from e
    if head != SQLITE_MAGIC:
        raise StoreError(f"{path}: 不是核查工作区文件（不是 SQLite 数据库），未做任何改动")


def connect(path: Path, readonly: bool = False) -> sqlite3.Connection:
    if readonly:
        uri = path.resolve().as_uri()
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            # A read-only folder or mount: SQLite cannot make the WAL's shared-memory file beside it.
            # Nobody can write there either, so the file is read as it is (any WAL was checkpointed
            # when its last writer closed; a leftover WAL is refused rather than ignored).
            conn.close()
            wal = path.with_name(path.name + "-wal")
            if wal.exists() and wal.stat().st_size > 0:
                raise
            conn = sqlite3.connect(
                f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None, check_same_thread=False
            )
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    from core.store.names import person

    # people compared in SQL as in Python: 张三, 張三 and 张三 with a zero-width space are one person
    conn.create_function("person", 1, person, deterministic=True)
    return conn


def _version(conn: sqlite3.Connection) -> int | None:
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not names:
        return None
    if "schema_version" not in names:
        return -1
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else -1


def older_format(path: Path) -> int | None:
    """The format version of the workspace at ``path`` when opening it will upgrade it (an older
    format this program migrates), else None (this format, a new or foreign file, one it cannot read:
    ``open`` says what is wrong). Reads without changing anything."""
    try:
        conn = connect(path, readonly=True)
    except (sqlite3.Error, OSError, UnicodeDecodeError):  # damage: ``open`` says what it is
        return None
    try:
        version = _version(conn)
    except (sqlite3.Error, UnicodeDecodeError):
        return None
    finally:
        conn.close()
    return version if version is not None and 0 <= version < SCHEMA_VERSION else None


def prepare(conn: sqlite3.Connection, path: Path, readonly: bool = False, integrity: bool = True) -> None:
    """Create the schema in a new file; check and migrate an existing one. ``integrity`` false leaves
    the whole-file check (it reads every page: 1.5 s for ten thousand reports) to the caller, who runs
    ``check_path`` in the background; a file to migrate is always checked first."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = _version(conn)
    if version is None:
        if readonly:
            raise StoreError(f"{path}: 工作区是空的")
        if app_id not in (0, APPLICATION_ID):  # another program's empty database: not ours to fill
            raise StoreError(f"{path}: 这是其他程序的 SQLite 数据库，不是核查工作区，未做任何改动")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("BEGIN IMMEDIATE")
        try:
            if _version(conn) is None:  # another process may have created it meanwhile
                create_schema(conn)
                conn.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # BEGIN itself may have failed: no "cannot rollback" over the cause
                conn.execute("ROLLBACK")
            raise
        return
    if version < 0 or (app_id not in (0, APPLICATION_ID)) or not is_ours(conn):
        raise StoreError(f"{path}: 这是 SQLite 数据库，但不是核查工作区，未做任何改动")
    if version > SCHEMA_VERSION:  # first: a newer format has views and triggers this program does not know
        raise StoreError(
            f"{path}: 工作区由更新版本的核查创建（格式版本 {version}，本程序支持 {SCHEMA_VERSION}），"
            "请升级核查后再打开"
        )
    from core.store import ledger

    planted = ledger.foreign_objects(conn)
    if planted:
        raise StoreError(
            f"{path}: 工作区中有核查没有创建的{'、'.join(planted)}，它可能在审核时改写数据；"
            "为安全起见未做任何改动，请从备份恢复此文件"
        )
    lost = ledger.missing_objects(conn)
    if lost:
        raise StoreError(
            f"{path}: 工作区中缺少核查的{'、'.join(lost)}（在核查之外被删除），审核结果将无法保存；"
            "为安全起见未做任何改动，请从备份恢复此文件"
        )
    if integrity or version < SCHEMA_VERSION:
        check_integrity(conn, path)
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
    if version < SCHEMA_VERSION:
        if readonly:
            if version >= READS_FROM_VERSION:
                return
            raise StoreError(f"{path}: 工作区格式较旧（版本 {version}），只读时无法升级")
        migrate(conn, path, version)


def migrate(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """Copy the file to ``NAME.bak-vN`` (a consistent snapshot), then apply each migration.

    SQLite's backup copies the pages as this connection sees them, the WAL's included, so no checkpoint
    comes first (one fails with "table is locked" right after ``prepare`` switched a file made by an
    older tool to WAL)."""
    backup = path.with_name(f"{path.name}.bak-v{version}")
    try:
        target = sqlite3.connect(str(backup))
        with target:
            conn.backup(target)
        target.close()
    except (sqlite3.Error, OSError) as e:
        raise explain(path, e) from e
    for v in range(version, SCHEMA_VERSION):
        step = MIGRATIONS.get(v)
        if step is None:
            raise StoreError(f"{path}: 无法从格式版本 {v} 升级（缺少迁移步骤），原文件未改动")
        conn.execute("PRAGMA foreign_keys = OFF")  # a no-op inside a transaction: set before BEGIN
        conn.execute("BEGIN IMMEDIATE")
        try:
            step(conn)
            if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
                raise StoreError(f"{path}: 升级到格式版本 {v + 1} 后数据关联不一致，已撤销升级，原文件未改动")
            conn.execute("DELETE FROM schema_version")
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (v + 1,))
            conn.execute("COMMIT")
        except BaseException as e:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(e, sqlite3.Error):
                raise explain(path, e) from e
            raise
        finally:
            conn.execute("PRAGMA foreign_keys = ON")
    if any(v + 1 in SHRINKS for v in range(version, SCHEMA_VERSION)):
        try:
            conn.execute("VACUUM")
        except sqlite3.Error as e:  # the migration is committed: a file not shrunk is still sound
            logging.getLogger(__name__).warning("%s: 升级后未能压缩工作区文件（%s），不影响使用", path, e)


def create_schema(conn: sqlite3.Connection) -> None:
    """Create every table of core/store/columns.py with sqlite-utils (inside the caller's transaction)."""
    from core.store import terms

    for t in TABLES:
        _create_stored(conn, terms.stored(t) if t.coded else t)
    terms.create(conn, SCHEMA_VERSION)
    from core.store import figure_ids

    conn.execute(figure_ids.raise_sqls("0")[0])  # the figures' last id given, kept from the start


def _create_stored(conn: sqlite3.Connection, t: Table, indexes: bool = True) -> None:
    """Create ``t`` as it is stored: AUTOINCREMENT ids, WITHOUT ROWID where declared."""
    d = database(conn)
    _create(d, t, indexes=False)
    if t.without_rowid:  # empty yet: made again with the clause sqlite-utils does not write
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (t.name,))
        text = sql.fetchone()[0]
        conn.execute(f'DROP TABLE "{t.name}"')
        conn.execute(text + " WITHOUT ROWID")
    if t.autoincrement:
        autoincrement(conn, t.name)
    for ix in t.indexes if indexes else ():
        d.table(t.name).create_index(ix.columns, index_name=ix.name, unique=ix.unique)


def _create(d: sqlite_utils.Database, t: Table, indexes: bool = True) -> None:
    d.table(t.name).create(
        {c.name: c.type for c in t.columns},
        pk=_pk(t),
        not_null=[c.name for c in t.columns if c.not_null],
        defaults={c.name: c.default for c in t.columns if c.default is not None},
        foreign_keys=[_foreign_key(t, fk) for fk in t.foreign_keys],
    )
    for ix in t.indexes if indexes else ():
        d.table(t.name).create_index(ix.columns, index_name=ix.name, unique=ix.unique)


def _pk(t: Table) -> str | tuple[str, ...] | None:
    if not t.pk:
        return None
    return t.pk[0] if len(t.pk) == 1 else t.pk


def _foreign_key(t: Table, fk: columns.ForeignKey) -> sqlite_utils.db.ForeignKey:
    from sqlite_utils.db import ForeignKey

    return ForeignKey(
        t.name, fk.column, fk.table, fk.other, on_delete="CASCADE" if fk.cascade else "NO ACTION"
    )


def database(conn: sqlite3.Connection) -> sqlite_utils.Database:
    """sqlite-utils over ``conn``, for creating and migrating the schema. Imported here, when a
    workspace is created or migrated, not when the program starts (it costs ~0.1 s to import)."""
    import sqlite_utils

    return sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)
