"""``Workspace``: one SQLite file holding reports, figures, indicator values, checks, review events.

Writes are serialized: each runs as one ``BEGIN IMMEDIATE`` transaction, retried while another
process holds the write lock. Reading methods return frozen rows (core/store/rows.py).
"""

from __future__ import annotations

import functools
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Collection, Iterable
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from core.errors import StoreError
from core.model import Document, Extraction
from core.store import bulk, codec, db, queries
from core.store.rows import (
    CheckRow,
    EventRow,
    FigureRow,
    FigureTuple,
    ImportResult,
    IndicatorRow,
    IndicatorTuple,
    ReportRow,
)
from core.store.signoff import SignoffMixin

if TYPE_CHECKING:
    import sqlite_utils

T = TypeVar("T")
BUSY_RETRIES = 40


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class Workspace(SignoffMixin):
    def __init__(self, path: Path, conn: sqlite3.Connection, reviewer: str, readonly: bool) -> None:
        self.path = path
        self.reviewer = reviewer
        self.readonly = readonly
        self._conn = conn
        self._lock = threading.RLock()

    @functools.cached_property
    def _db(self) -> sqlite_utils.Database:  # made on first use: sqlite_utils is slow to import
        return db.database(self._conn)

    # ---- opening and closing -------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike[str], reviewer: str = "", readonly: bool = False) -> Workspace:
        """Open (or create) the workspace at ``path``. Raises ``StoreError`` naming the file."""
        p = Path(path)
        db.check_file(p)
        if not readonly and p.exists() and not os.access(p, os.W_OK):
            raise StoreError(f"{p}: 工作区文件为只读或没有写入权限，无法保存审核结果")
        conn: sqlite3.Connection | None = None
        try:
            conn = db.connect(p, readonly)
            db.prepare(conn, p, readonly)
            if not readonly:  # fail now, not on the first review action, when the file can't be written
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("COMMIT")
        except StoreError:
            if conn is not None:
                conn.close()
            raise
        except (sqlite3.Error, OSError) as e:
            if conn is not None:
                conn.close()
            raise db.explain(p, e) from e
        return cls(p, conn, reviewer, readonly)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # ---- low level -----------------------------------------------------------------------------
    def _write(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` in one write transaction; retry while another process holds the lock."""
        if self.readonly:
            raise StoreError(f"{self.path}: 工作区以只读方式打开，无法保存")
        delay = 0.01
        with self._lock:
            for attempt in range(BUSY_RETRIES):
                try:
                    self._conn.execute("BEGIN IMMEDIATE")
                    try:
                        result = fn()
                        self._conn.execute("COMMIT")
                    except BaseException:
                        if self._conn.in_transaction:
                            self._conn.execute("ROLLBACK")
                        raise
                    return result
                except sqlite3.Error as e:
                    if db.is_busy(e) and attempt < BUSY_RETRIES - 1:
                        time.sleep(delay)
                        delay = min(delay * 2, 0.5)
                        continue
                    raise db.explain(self.path, e) from e
        raise StoreError(f"{self.path}: 工作区正被其他程序占用，请稍后重试")  # pragma: no cover

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        with self._lock:
            try:
                cur = self._conn.execute(sql, tuple(params))
                cols = [d[0] for d in cur.description]
                return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
            except sqlite3.Error as e:
                raise db.explain(self.path, e) from e

    def _one(self, sql: str, params: Iterable[Any] = ()) -> dict[str, Any] | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def integrity_ok(self) -> bool:
        return self._rows("PRAGMA integrity_check")[0]["integrity_check"] == "ok"

    # ---- import --------------------------------------------------------------------------------
    def has_sha(self, sha256: str) -> bool:
        return self._one("SELECT 1 AS x FROM reports WHERE sha256 = ?", (sha256,)) is not None

    def add_report(self, ex: Extraction, original: bytes | None = None) -> int:
        """Store one extracted report in one transaction; an already stored file returns its id."""
        rid, _ = self._add_report(ex, original)
        return rid

    def _add_report(self, ex: Extraction, original: bytes | None) -> tuple[int, bool]:
        def tx() -> tuple[int, bool]:
            c = self._conn
            old = c.execute("SELECT id FROM reports WHERE sha256 = ?", (ex.document.sha256,)).fetchone()
            if old:
                return int(old[0]), False
            row = codec.document_row(ex.document)
            row["status"] = "unreviewed"
            row["imported_at"] = now_iso()
            cols = list(row)
            cur = c.execute(
                f"INSERT INTO reports ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                [row[k] for k in cols],
            )
            rid = int(cur.lastrowid or 0)
            if original is not None:
                c.execute("INSERT INTO originals (report_id, data) VALUES (?, ?)", (rid, original))
            figs = [codec.figure_row(rid, f) for f in ex.figures]
            ids = self._insert_many("figures", figs)
            by_start = {(f.start, f.source): i for f, i in zip(ex.figures, ids, strict=True)}
            by_ind = {f.indicator: i for f, i in zip(ex.figures, ids, strict=True) if f.indicator}
            inds = []
            for v in ex.indicators.values():
                fid = by_start.get((v.start, "table")) if v.start is not None else None
                inds.append(codec.indicator_row(rid, v, fid if fid is not None else by_ind.get(v.id)))
            self._insert_many("indicator_values", inds)
            self._insert_many("checks", [codec.check_row(rid, ch) for ch in ex.checks])
            self._recheck_neighbours(rid, ex.document.issuer, ex.document.year)
            return rid, True

        return self._write(tx)

    def _recheck_neighbours(self, rid: int, issuer: str | None, year: int | None) -> None:
        """The cross-year carry check links a report to the same issuer's previous year: when either of
        the pair arrives, re-run the checks of the later report so the carry check is there at once."""
        if year is None:
            return
        for y, target in ((year - 1, rid), (year + 1, None)):
            other = queries.report_of_year(self._conn, issuer, y)
            if other is not None:
                self._rerun_checks(target if target is not None else other)

    def _insert_many(self, table: str, rows: list[dict[str, Any]]) -> list[int]:
        if not rows:
            return []
        cols = list(rows[0])
        sql = f"INSERT INTO {table} ({', '.join(repr(k) if k == 'end' else k for k in cols)}) VALUES ({', '.join('?' * len(cols))})"
        ids = []
        for r in rows:
            cur = self._conn.execute(sql, [r[k] for k in cols])
            ids.append(int(cur.lastrowid or 0))
        return ids

    def import_paths(
        self,
        paths: Iterable[str | os.PathLike[str]],
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        workers: int | None = None,
    ) -> ImportResult:
        from core.store import importer

        return importer.import_paths(self, paths, progress=progress, cancelled=cancelled, workers=workers)

    # ---- reading -------------------------------------------------------------------------------
    _REPORT_SQL = """
        SELECT r.id, r.path, r.sha256, r.format, r.title, r.issuer, r.year, r.status, r.imported_at,
          (SELECT count(*) FROM figures f WHERE f.report_id = r.id AND f.status != 'rejected') AS n_figures,
          (SELECT count(*) FROM figures f WHERE f.report_id = r.id AND f.status = 'pending') AS n_pending,
          (SELECT count(*) FROM checks k WHERE k.report_id = r.id AND k.status = 'fail'
             AND NOT EXISTS (SELECT 1 FROM accepted_checks a WHERE a.report_id = r.id
                             AND a.rule = k.rule AND a.subject = k.subject)) AS n_failed,
          json_array_length(r.warnings) AS n_warnings
        FROM reports r"""

    def reports(
        self, issuer: str | None = None, year: int | None = None, status: str | None = None
    ) -> list[ReportRow]:
        where, params = [], []
        for col, val in (("issuer", issuer), ("year", year), ("status", status)):
            if val is not None:
                where.append(f"r.{col} = ?")
                params.append(val)
        sql = self._REPORT_SQL + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY r.id"
        return [ReportRow(**r) for r in self._rows(sql, params)]

    def report(self, report_id: int) -> ReportRow:
        rows = self._rows(self._REPORT_SQL + " WHERE r.id = ?", (report_id,))
        if not rows:
            raise StoreError(f"{self.path}: 工作区中没有编号为 {report_id} 的报告")
        return ReportRow(**rows[0])

    def document(self, report_id: int) -> Document:
        r = self._one("SELECT * FROM reports WHERE id = ?", (report_id,))
        if r is None:
            raise StoreError(f"{self.path}: 工作区中没有编号为 {report_id} 的报告")
        return codec.row_document(r)

    def original_bytes(self, report_id: int) -> bytes | None:
        r = self._one("SELECT data FROM originals WHERE report_id = ?", (report_id,))
        return bytes(r["data"]) if r else None

    def figures(self, report_id: int) -> list[FigureRow]:
        rows = self._rows('SELECT * FROM figures WHERE report_id = ? ORDER BY start, "end", id', (report_id,))
        return [codec.row_figure(r) for r in rows]

    def figure(self, figure_id: int) -> FigureRow:
        r = self._one("SELECT * FROM figures WHERE id = ?", (figure_id,))
        if r is None:
            raise StoreError(f"{self.path}: 工作区中没有编号为 {figure_id} 的数字")
        return codec.row_figure(r)

    def indicators(self, report_id: int) -> dict[str, IndicatorRow]:
        rows = self._rows("SELECT * FROM indicator_values WHERE report_id = ? ORDER BY rowid", (report_id,))
        return {r["indicator"]: _indicator(r) for r in rows}

    def checks(self, report_id: int) -> list[CheckRow]:
        rows = self._rows(
            """SELECT k.*, a.reason AS reason FROM checks k LEFT JOIN accepted_checks a
               ON a.report_id = k.report_id AND a.rule = k.rule AND a.subject = k.subject
               WHERE k.report_id = ? ORDER BY k.id""",
            (report_id,),
        )
        return [
            CheckRow(
                report_id=r["report_id"],
                rule=r["rule"],
                subject=r["subject"],
                status=r["status"],
                severity=r["severity"],
                formula=r["formula"],
                cells=tuple(json.loads(r["cells"])),
                accepted=r["reason"] is not None,
                reason=r["reason"] or "",
            )
            for r in rows
        ]

    def events(self, report_id: int | None = None) -> list[EventRow]:
        cols = "id, at, reviewer, report_id, target, action, old, new, reason, undone"
        if report_id is None:
            rows = self._rows(f"SELECT {cols} FROM review_events ORDER BY id")
        else:
            rows = self._rows(
                f"SELECT {cols} FROM review_events WHERE report_id = ? ORDER BY id", (report_id,)
            )
        return [EventRow(**{**r, "undone": bool(r["undone"])}) for r in rows]

    # ---- bulk reading for the exports: one query per table (core/store/bulk.py) -------------------
    def texts(self, report_ids: Collection[int] | None = None) -> dict[int, str]:
        """Report id → canonical text, for ``report_ids`` (None: every report)."""
        return self._bulk(bulk.texts, report_ids)

    def all_figures(
        self, report_ids: Collection[int] | None = None, in_tables: bool = True
    ) -> dict[int, list[FigureTuple]]:
        """Report id → its figures in text order, as named tuples with int/float values; without the
        cells of tables 二, 三, 四 (figures an indicator value links to) when ``in_tables`` is false."""
        return self._bulk(lambda c, ids: bulk.figures(c, ids, in_tables), report_ids)

    def all_indicators(
        self, report_ids: Collection[int] | None = None
    ) -> dict[int, dict[str, IndicatorTuple]]:
        """Report id → indicator id → its value, as named tuples with int/float values."""
        return self._bulk(bulk.indicators, report_ids)

    def last_reviewers(self, report_ids: Collection[int] | None = None) -> dict[int, dict[str, str]]:
        """Report id → ``figure:ID`` / ``indicator:ID`` → who last reviewed it (undone events aside)."""
        return self._bulk(bulk.last_reviewers, report_ids)

    def _bulk(self, fn: Callable[[sqlite3.Connection, Collection[int] | None], T], ids: Any) -> T:
        with self._lock:
            try:
                return fn(self._conn, None if ids is None else set(ids))
            except sqlite3.Error as e:
                raise db.explain(self.path, e) from e

    def previous_report(self, report_id: int) -> int | None:
        """The same issuer's report of the previous year, when the workspace holds it."""
        return self._bulk(lambda c, _ids: queries.previous_report(c, report_id), None)


def _indicator(r: dict[str, Any]) -> IndicatorRow:
    return IndicatorRow(
        report_id=r["report_id"],
        indicator=r["indicator"],
        kind=r["kind"],
        value=codec.text_dec(r["value"]),
        raw=r["raw"],
        start=r["start"],
        end=r["end"],
        status=r["status"],
        figure_id=r["figure_id"],
    )
