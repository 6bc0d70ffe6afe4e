"""The report list's counts, kept per report as the review happens (``report_summary``).

Each report has one row: its figures (rejected ones aside), its figures still pending, its failing
checks not accepted and its load warnings. The row is worked out again, from the report's own rows
through their indexes, in the same transaction as whatever changed them (a report stored, a review
action, an undo or redo, a check re-run because the other year arrived), so the report list reads one
row per report instead of counting every figure and check of the workspace.

It is derived data: no digest, hash chain or replay covers it (core/store/ledger.py digests the
figures, indicator values and checks themselves), and ``rebuild`` works every row out again (the
migration that brings the table, ``hecha verify --repair``-style maintenance, a test comparing it).
"""

from __future__ import annotations

import sqlite3

COUNT_SQL = """
    SELECT
      (SELECT count(*) FROM figures f WHERE f.report_id = :id AND f.status != 'rejected'),
      (SELECT count(*) FROM figures f WHERE f.report_id = :id AND f.status = 'pending'),
      (SELECT count(*) FROM checks k WHERE k.report_id = :id AND k.status = 'fail'
         AND NOT EXISTS (SELECT 1 FROM accepted_checks a WHERE a.report_id = k.report_id
                         AND a.rule = k.rule AND a.subject = k.subject)),
      (SELECT json_array_length(r.warnings) FROM reports r WHERE r.id = :id)"""

_UPSERT = """
    INSERT INTO report_summary (report_id, n_figures, n_pending, n_failed, n_warnings)
    VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (report_id) DO UPDATE SET n_figures = excluded.n_figures,
      n_pending = excluded.n_pending, n_failed = excluded.n_failed, n_warnings = excluded.n_warnings"""


def counts(conn: sqlite3.Connection, report_id: int) -> tuple[int, int, int, int]:
    """The report's counts worked out from its rows (figures, checks, accepted checks, warnings)."""
    r = conn.execute(COUNT_SQL, {"id": report_id}).fetchone()
    return int(r[0]), int(r[1]), int(r[2]), int(r[3] or 0)


def refresh(conn: sqlite3.Connection, report_id: int) -> None:
    """Work the report's summary row out again, inside the caller's transaction."""
    if conn.execute("SELECT 1 FROM reports WHERE id = ?", (report_id,)).fetchone() is None:
        return
    conn.execute(_UPSERT, (report_id, *counts(conn, report_id)))


def rebuild(conn: sqlite3.Connection) -> None:
    """Every report's summary row worked out again (inside the caller's transaction)."""
    conn.execute("DELETE FROM report_summary")
    for (rid,) in conn.execute("SELECT id FROM reports ORDER BY id").fetchall():
        conn.execute(_UPSERT, (rid, *counts(conn, rid)))


def stale(conn: sqlite3.Connection) -> list[int]:
    """The reports whose summary row is missing or differs from their rows (none, when kept)."""
    kept = {
        int(r[0]): tuple(r[1:])
        for r in conn.execute(
            "SELECT report_id, n_figures, n_pending, n_failed, n_warnings FROM report_summary"
        )
    }
    ids = [int(r[0]) for r in conn.execute("SELECT id FROM reports ORDER BY id")]
    return [rid for rid in ids if kept.get(rid) != counts(conn, rid)]
