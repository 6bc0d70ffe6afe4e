"""Which report of a workspace is the same issuer's other year: the one query behind the cross-year
carry check (re-run when either year arrives or changes) and the comparison's default partner.

One issuer written two ways across years (苏州市吴中区人民政府 / 吴中区人民政府, 市政府办公室 /
市人民政府办公室) is one issuer: the query compares ``issuer_key`` (core.documents.meta) of the reports of
the year asked for only — SQLite picks that year's rows, and the key is worked out for those alone
(``issuer_key`` is cached), so a workspace of a thousand reports costs a handful of calls per query,
not one per report (the query runs for every report imported and every re-check).

``core.documents`` (with its dozens of patterns) is imported on the first such query, not when the
workspace opens: the program starts without it."""

from __future__ import annotations

import sqlite3


def report_of_year(conn: sqlite3.Connection, issuer: str | None, year: int | None) -> int | None:
    """The report ``issuer`` (however written) published for ``year`` (the last imported when there
    are several)."""
    from core.documents.meta import issuer_key

    key = issuer_key(issuer)
    if not key or year is None:  # no issuer (or only spaces and marks): no partner
        return None
    for rid, other in conn.execute("SELECT id, issuer FROM reports WHERE year = ? ORDER BY id DESC", (year,)):
        if issuer_key(other) == key:
            return int(rid)
    return None


def previous_report(conn: sqlite3.Connection, report_id: int) -> int | None:
    """The same issuer's report of the year before ``report_id``'s; None when there is none."""
    r = conn.execute("SELECT issuer, year FROM reports WHERE id = ?", (report_id,)).fetchone()
    if r is None or r[1] is None:
        return None
    return report_of_year(conn, r[0], r[1] - 1)
