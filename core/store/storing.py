"""Storing one extracted report: the document, its original bytes, figures, indicator values, checks.

The caller runs ``add`` inside one write transaction, so a report is stored whole or not at all.
Rows go in with ``executemany`` and the figure ids are assigned here (the next free ones, as SQLite
would), so a report's hundreds of rows cost one statement per table.

Measured on 200 generated reports (185 figures, 175 indicator values each; storing alone, parsing
excluded, best of 4 fresh workspaces, the two ways interleaved on the same 2-core machine):
executemany 118-125 reports/s of CPU time, sqlite-utils ``insert_all`` with the same rows 66-87
reports/s (it validates every record and builds each statement in Python) — so the import, the hot
path, keeps executemany; sqlite-utils creates and migrates the schema (core/store/db.py). Wall time
there was 33-49 against 20-31 reports/s, most of it the commit's fsync.
"""

from __future__ import annotations

import sqlite3

from core.model import Extraction
from core.store import checking, codec
from core.store.clock import now_iso
from core.store.columns import FIGURES, INDICATOR_VALUES, REPORTS

_FIGURE_COLS = FIGURES.names  # with id: assigned below
_INDICATOR_COLS = INDICATOR_VALUES.names
_REPORT_COLS = tuple(c for c in REPORTS.names if c != "id")


def add(conn: sqlite3.Connection, ex: Extraction, original: bytes | None) -> tuple[int, bool]:
    """Store ``ex``; return its report id and whether it is new (a file already stored, recognised by
    its sha256, is not stored again and returns the id it has)."""
    old = conn.execute("SELECT id FROM reports WHERE sha256 = ?", (ex.document.sha256,)).fetchone()
    if old:
        return int(old[0]), False
    row = codec.document_row(ex.document)
    row["status"] = "unreviewed"
    row["imported_at"] = now_iso()
    cur = conn.execute(REPORTS.insert_sql(_REPORT_COLS), [row[k] for k in _REPORT_COLS])
    rid = int(cur.lastrowid or 0)
    if original is not None:
        conn.execute("INSERT INTO originals (report_id, data) VALUES (?, ?)", (rid, original))
    first = int(conn.execute("SELECT coalesce(max(id), 0) + 1 FROM figures").fetchone()[0])
    ids = range(first, first + len(ex.figures))
    figs = [{**codec.figure_row(rid, f), "id": i} for f, i in zip(ex.figures, ids, strict=True)]
    conn.executemany(FIGURES.insert_sql(), ([r[k] for k in _FIGURE_COLS] for r in figs))
    by_start = {(f.start, f.source): i for f, i in zip(ex.figures, ids, strict=True)}
    by_ind = {f.indicator: i for f, i in zip(ex.figures, ids, strict=True) if f.indicator}
    inds = []
    for v in ex.indicators.values():
        fid = by_start.get((v.start, "table")) if v.start is not None else None
        inds.append(codec.indicator_row(rid, v, fid if fid is not None else by_ind.get(v.id)))
    conn.executemany(INDICATOR_VALUES.insert_sql(), ([r[k] for k in _INDICATOR_COLS] for r in inds))
    checking.insert(conn, rid, ex.checks)
    checking.recheck_neighbours(conn, rid, ex.document.issuer, ex.document.year)
    return rid, True
