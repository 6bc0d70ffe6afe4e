"""Reading one report's rows as the frozen row types of core/store/rows.py (for the GUI and the CLI).

The exports read many reports at once through core/store/bulk.py instead.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Collection
from typing import Any

from core.errors import StoreError
from core.model import Document
from core.store import codec, figure_ids, queries
from core.store.columns import FIGURES, INDICATOR_VALUES
from core.store.rows import CheckRow, EventRow, FigureRow, IndicatorRow, ReportName, ReportRow
from core.store.session import Session

# The report list reads each report's counts from ``report_summary`` (core/store/summary.py), kept
# as the review happens; a version-3 file opened read-only has none, and is counted as before.
_REPORT_SQL = """
    SELECT r.id, r.path, r.sha256, r.format, r.title, r.issuer, r.year, r.status, r.imported_at,
      coalesce(s.n_figures, 0) AS n_figures, coalesce(s.n_pending, 0) AS n_pending,
      coalesce(s.n_failed, 0) AS n_failed, coalesce(s.n_warnings, 0) AS n_warnings
    FROM reports r LEFT JOIN report_summary s ON s.report_id = r.id"""
_COUNTED_SQL = """
    SELECT r.id, r.path, r.sha256, r.format, r.title, r.issuer, r.year, r.status, r.imported_at,
      (SELECT count(*) FROM figures f WHERE f.report_id = r.id AND f.status != 'rejected') AS n_figures,
      (SELECT count(*) FROM figures f WHERE f.report_id = r.id AND f.status = 'pending') AS n_pending,
      (SELECT count(*) FROM checks k WHERE k.report_id = r.id AND k.status = 'fail'
         AND NOT EXISTS (SELECT 1 FROM accepted_checks a WHERE a.report_id = r.id
                         AND a.rule = k.rule AND a.subject = k.subject)) AS n_failed,
      json_array_length(r.warnings) AS n_warnings
    FROM reports r"""
_INDICATOR_FIELDS = tuple(IndicatorRow.__dataclass_fields__)
_EVENT_FIELDS = tuple(EventRow.__dataclass_fields__)


def _report_sql(s: Session) -> str:
    return _REPORT_SQL if s.summary else _COUNTED_SQL


def has_sha(s: Session, sha256: str) -> bool:
    return s.one("SELECT 1 AS x FROM reports WHERE sha256 = ?", (sha256,)) is not None


def reports(s: Session, issuer: str | None, year: int | None, status: str | None) -> list[ReportRow]:
    where, params = [], []
    for col, val in (("issuer", issuer), ("year", year), ("status", status)):
        if val is not None:
            where.append(f"r.{col} = ?")
            params.append(val)
    sql = _report_sql(s) + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY r.id"
    return s.read(lambda c: _report_rows(c.execute(sql, params)))


def _report_rows(cur: sqlite3.Cursor) -> list[ReportRow]:
    """The cursor's rows as ``ReportRow``s, each made by filling its fields at once: the window lists
    every report of the workspace before its first paint, and with ten thousand reports the frozen
    dataclass's ``__init__`` (a guarded setattr per field, from a dict per row) took as long as the query."""
    names = [d[0] for d in cur.description]
    new = object.__new__
    out: list[ReportRow] = []
    for values in cur.fetchall():
        r = new(ReportRow)
        r.__dict__.update(zip(names, values, strict=True))
        out.append(r)
    return out


def report_names(s: Session) -> list[ReportName]:
    rows = s.read(
        lambda c: c.execute("SELECT id, path, title, issuer, year FROM reports ORDER BY id").fetchall()
    )
    return [ReportName._make(r) for r in rows]


def report(s: Session, report_id: int) -> ReportRow:
    rows = s.rows(_report_sql(s) + " WHERE r.id = ?", (report_id,))
    if not rows:
        raise s.missing("报告", report_id)
    return ReportRow(**rows[0])


def document(s: Session, report_id: int) -> Document:
    r = s.one("SELECT * FROM reports WHERE id = ?", (report_id,))
    if r is None:
        raise s.missing("报告", report_id)
    return codec.row_document(r)


def original_bytes(s: Session, report_id: int) -> bytes | None:
    """The report's original file as it was imported (unpacked)."""
    if not s.read(_packed_originals):  # a version-4 file opened read-only: stored as read
        r = s.one("SELECT data FROM originals WHERE report_id = ?", (report_id,))
        return bytes(r["data"]) if r else None
    r = s.one(
        "SELECT o.data, o.packing, r.text, r.encoding, r.path FROM originals o "
        "JOIN reports r ON r.id = o.report_id WHERE o.report_id = ?",
        (report_id,),
    )
    if r is None:
        return None
    try:
        data = codec.unpack_original(
            bytes(r["data"]), r["packing"], codec.unpack_text(r["text"]), r["encoding"]
        )
    except (ValueError, zlib.error) as e:
        raise StoreError(f"{r['path']}: 工作区中保存的原文件已损坏，无法取出（{e}）") from e
    return data


def _packed_originals(conn: sqlite3.Connection) -> bool:
    return any(r[1] == "packing" for r in conn.execute("PRAGMA table_info(originals)"))


def figures(s: Session, report_id: int) -> list[FigureRow]:
    rows = s.rows(
        f'SELECT {FIGURES.column_list()} FROM figures WHERE report_id = ? ORDER BY start, "end", id',
        (report_id,),
    )
    return [codec.row_figure(r) for r in rows]


def figure(s: Session, figure_id: int) -> FigureRow:
    rid = s.read(lambda c: figure_ids.report_of(c, figure_id))
    r = s.one(f"SELECT {FIGURES.column_list()} FROM figures WHERE report_id = ? AND id = ?", (rid, figure_id))
    if r is None:
        raise s.missing("数字", figure_id)
    return codec.row_figure(r)


def indicators(s: Session, report_id: int) -> dict[str, IndicatorRow]:
    rows = s.rows(
        f"SELECT {INDICATOR_VALUES.column_list(_INDICATOR_FIELDS)} FROM indicator_values "
        "WHERE report_id = ? ORDER BY rowid",
        (report_id,),
    )
    return {r["indicator"]: IndicatorRow(**{**r, "value": codec.text_dec(r["value"])}) for r in rows}


_CHECK_SQL = """SELECT k.*, a.reason AS reason FROM checks k LEFT JOIN accepted_checks a
           ON a.report_id = k.report_id AND a.rule = k.rule AND a.subject = k.subject"""


def _check(r: Any) -> CheckRow:
    return CheckRow(
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


def checks(s: Session, report_id: int) -> list[CheckRow]:
    rows = s.rows(f"{_CHECK_SQL} WHERE k.report_id = ? ORDER BY k.id", (report_id,))
    return [_check(r) for r in rows]


def checks_of(s: Session, report_ids: Collection[int]) -> dict[int, list[CheckRow]]:
    """Per report of ``report_ids``, its checks as ``checks`` gives them (one query for them all)."""
    rows = s.rows(
        f"{_CHECK_SQL} WHERE k.report_id IN (SELECT value FROM json_each(?)) ORDER BY k.report_id, k.id",
        (json.dumps(sorted(report_ids)),),
    )
    out: dict[int, list[CheckRow]] = {}
    for r in rows:
        out.setdefault(r["report_id"], []).append(_check(r))
    return out


def events(s: Session, report_id: int | None) -> list[EventRow]:
    cols = ", ".join(_EVENT_FIELDS)
    if report_id is None:
        rows = s.rows(f"SELECT {cols} FROM review_events ORDER BY id")
    else:
        rows = s.rows(f"SELECT {cols} FROM review_events WHERE report_id = ? ORDER BY id", (report_id,))
    return [EventRow(**{**r, "undone": bool(r["undone"])}) for r in rows]


def events_after(s: Session, after: int, limit: int) -> list[EventRow]:
    """Up to ``limit`` events with an id above ``after``, in order: the audit trail read a page at a
    time (an export of a big workspace never holds it whole)."""
    cols = ", ".join(_EVENT_FIELDS)
    rows = s.rows(f"SELECT {cols} FROM review_events WHERE id > ? ORDER BY id LIMIT ?", (after, limit))
    return [EventRow(**{**r, "undone": bool(r["undone"])}) for r in rows]


def previous_report(s: Session, report_id: int) -> int | None:
    """The same issuer's report of the previous year, when the workspace holds it."""
    return s.read(lambda c: queries.previous_report(c, report_id))
