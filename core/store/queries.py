"""Which report of a workspace is the same issuer's other year: the one query behind the cross-year
carry check (re-run when either year arrives or changes) and the comparison's default partner.

One issuer written two ways across years (苏州市吴中区人民政府 / 吴中区人民政府, 市政府办公室 /
市人民政府办公室) is one issuer: the query compares ``issuer_key`` (core.documents.meta), which
``core.store.db.connect`` registers as an SQLite function on every connection it opens."""

from __future__ import annotations

import sqlite3

from core.documents.meta import issuer_key


def report_of_year(conn: sqlite3.Connection, issuer: str | None, year: int | None) -> int | None:
    """The report ``issuer`` (however written) published for ``year`` (the last imported when there
    are several)."""
    if not issuer_key(issuer) or year is None:  # no issuer (or only spaces and marks): no partner
        return None
    r = conn.execute(
        "SELECT id FROM reports WHERE issuer_key(issuer) = issuer_key(?) AND year = ? ORDER BY id DESC LIMIT 1",
        (issuer, year),
    ).fetchone()
    return int(r[0]) if r else None


def previous_report(conn: sqlite3.Connection, report_id: int) -> int | None:
    """The same issuer's report of the year before ``report_id``'s; None when there is none."""
    r = conn.execute("SELECT issuer, year FROM reports WHERE id = ?", (report_id,)).fetchone()
    if r is None or r[1] is None:
        return None
    return report_of_year(conn, r[0], r[1] - 1)
