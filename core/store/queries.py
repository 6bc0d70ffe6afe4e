"""Which report of a workspace is the same issuer's other year: the one query behind the cross-year
carry check (re-run when either year arrives or changes) and the comparison's default partner.

One issuer written two ways across years (苏州市吴中区人民政府 / 吴中区人民政府, 市政府办公室 /
市人民政府办公室) is one issuer: each report stores ``issuer_key`` (core.documents.meta) of its issuer
when it is imported, indexed with its year, so the query is one index lookup however many reports the
workspace holds (it runs for every report imported and every re-check). A change to the rules of
``issuer_key`` needs a migration (core/store/db.py) that works the stored keys out again."""

from __future__ import annotations

import sqlite3


def report_of_year(conn: sqlite3.Connection, key: str | None, year: int | None) -> int | None:
    """The report of the issuer whose ``issuer_key`` is ``key``, published for ``year`` (the last
    imported when there are several)."""
    if not key or year is None:  # no issuer (or only spaces and marks): no partner
        return None
    r = conn.execute("SELECT max(id) FROM reports WHERE year = ? AND issuer_key = ?", (year, key)).fetchone()
    return int(r[0]) if r and r[0] is not None else None


def previous_report(conn: sqlite3.Connection, report_id: int) -> int | None:
    """The same issuer's report of the year before ``report_id``'s; None when there is none."""
    r = conn.execute("SELECT issuer_key, year FROM reports WHERE id = ?", (report_id,)).fetchone()
    if r is None or r[1] is None:
        return None
    return report_of_year(conn, r[0], r[1] - 1)
