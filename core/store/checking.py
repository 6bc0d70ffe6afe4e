"""Re-running the checks of a report on its stored values (after an import or any review change)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from decimal import Decimal

from core.checks import run
from core.model import CheckResult, Figure, IndicatorValue
from core.store import codec
from core.store.columns import CHECKS


def values(conn: sqlite3.Connection, report_id: int) -> dict[str, IndicatorValue]:
    rows = conn.execute(
        'SELECT indicator, kind, value, raw, start, "end", confidence FROM indicator_values '
        "WHERE report_id = ? ORDER BY rowid",
        (report_id,),
    ).fetchall()
    return {
        r[0]: IndicatorValue(
            id=r[0],
            kind=r[1],
            value=codec.text_dec(r[2]),
            raw=r[3],
            start=r[4],
            end=r[5],
            confidence=r[6],
        )
        for r in rows
    }


def rerun(conn: sqlite3.Connection, report_id: int) -> bool:
    """Re-run core.checks on the current values and store the results (inside the caller's transaction)."""
    figs = tuple(
        Figure(
            start=r[0], end=r[1], text=r[2], value=Decimal(r[3]), unit=r[4], label=r[5],
            indicator=r[6], confidence=r[7], rule=r[8], source=r[9],
        )
        for r in conn.execute(
            'SELECT start, "end", text, value, unit, label, indicator, confidence, rule, source FROM figures '
            "WHERE report_id = ? AND status != 'rejected' AND value IS NOT NULL ORDER BY start",
            (report_id,),
        )
    )  # fmt: skip
    prev = None
    r = conn.execute("SELECT issuer, year FROM reports WHERE id = ?", (report_id,)).fetchone()
    if r and r[0] and r[1] is not None:
        p = conn.execute(
            "SELECT id FROM reports WHERE issuer = ? AND year = ? ORDER BY id DESC LIMIT 1",
            (r[0], r[1] - 1),
        ).fetchone()
        if p:
            prev = values(conn, int(p[0]))
    results = run(values(conn, report_id), figs, previous=prev)
    conn.execute("DELETE FROM checks WHERE report_id = ?", (report_id,))
    insert(conn, report_id, results)
    return True


def insert(conn: sqlite3.Connection, report_id: int, results: Iterable[CheckResult]) -> None:
    """Store check results (``CheckResult``s) of a report."""
    names = [c for c in CHECKS.names if c != "id"]
    rows = (codec.check_row(report_id, k) for k in results)
    conn.executemany(CHECKS.insert_sql(names), ([row[c] for c in names] for row in rows))


def recheck_neighbours(
    conn: sqlite3.Connection, report_id: int, issuer: str | None, year: int | None
) -> None:
    """The cross-year carry check links a report to the same issuer's previous year: when either of
    the pair arrives, re-run the checks of the later report so the carry check is there at once."""
    if not issuer or year is None:
        return
    for y, target in ((year - 1, report_id), (year + 1, None)):
        other = conn.execute(
            "SELECT id FROM reports WHERE issuer = ? AND year = ? AND id != ? ORDER BY id DESC LIMIT 1",
            (issuer, y, report_id),
        ).fetchone()
        if other:
            rerun(conn, target if target is not None else int(other[0]))
