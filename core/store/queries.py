"""Which report of a workspace is the same issuer's other year: the one query behind the cross-year
carry check (re-run when either year arrives or changes) and the comparison's default partner."""

from __future__ import annotations

import sqlite3


def report_of_year(conn: sqlite3.Connection, issuer: str | None, year: int | None) -> int | None:
    """The report ``issuer`` published for ``year`` (the last imported when there are several)."""
    if not issuer or year is None:
        return None
    r = conn.execute(
        "SELECT id FROM reports WHERE issuer = ? AND year = ? ORDER BY id DESC LIMIT 1", (issuer, year)
    ).fetchone()
    return int(r[0]) if r else None


def previous_report(conn: sqlite3.Connection, report_id: int) -> int | None:
    """The same issuer's report of the year before ``report_id``'s; None when there is none."""
    r = conn.execute("SELECT issuer, year FROM reports WHERE id = ?", (report_id,)).fetchone()
    if r is None or r[1] is None:
        return None
    return report_of_year(conn, r[0], r[1] - 1)
