"""Re-running the checks of a report on its stored values (after an import or any review change)."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from typing import Any

from core import vocab
from core.checks import run
from core.model import CheckResult, IndicatorValue
from core.store import codec, ledger, queries, summary
from core.store.columns import CHECKS, FIGURES
from core.store.terms import Codes

_CHECK_COLS = tuple(c for c in CHECKS.names if c != "id")


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
    """Re-run core.checks on the current values and store the results (inside the caller's
    transaction); False when they are the ones already stored (an edit that moves no check)."""
    figs = tuple(
        codec.model_figure(r)
        for r in conn.execute(
            f"SELECT {FIGURES.column_list(codec.MODEL_FIGURE_COLUMNS)} FROM figures "
            "WHERE report_id = ? AND status != 'rejected' AND value IS NOT NULL ORDER BY start",
            (report_id,),
        )
    )
    previous = queries.previous_report(conn, report_id)
    prev = values(conn, previous) if previous is not None else None
    results = run(values(conn, report_id), figs, previous=prev)
    rows = [codec.check_row(report_id, k) for k in results]
    stored = conn.execute(
        f"SELECT {CHECKS.column_list(_CHECK_COLS)} FROM checks WHERE report_id = ? ORDER BY id",
        (report_id,),
    ).fetchall()
    if stored == [tuple(r[c] for c in _CHECK_COLS) for r in rows]:
        return False
    if _locked(conn, report_id):
        _frozen(conn, report_id, stored, rows)
        return False
    conn.execute(f"DELETE FROM {CHECKS.stored_in} WHERE report_id = ?", (report_id,))
    _insert_rows(conn, rows)
    return True


def _locked(conn: sqlite3.Connection, report_id: int) -> bool:
    r = conn.execute("SELECT status FROM reports WHERE id = ?", (report_id,)).fetchone()
    return r is not None and r[0] in vocab.LOCKED_STATUSES


def _frozen(
    conn: sqlite3.Connection, report_id: int, stored: list[tuple[Any, ...]], rows: list[dict[str, Any]]
) -> None:
    """A locked report's checks stay as they were signed; a new or changed result (last year's report
    imported after the lock adds carry checks) becomes one review event both reviewers see, once."""
    idx = [_CHECK_COLS.index(c) for c in ("rule", "subject", "status", "formula")]
    old = {tuple(r[i] for i in idx[:2]): tuple(r[i] for i in idx) for r in stored}
    new = [tuple(r[c] for c in ("rule", "subject", "status", "formula")) for r in rows]
    moved = [n for n in new if old.get(n[:2]) != n]
    if not moved:
        return
    text = "；".join(
        f"{vocab.rule_name(rule)} {subject}：{vocab.CHECK_STATUSES.get(status, status)}（{formula}）"
        for rule, subject, status, formula in moved
    )
    key = hashlib.sha256(text.encode()).hexdigest()
    last = conn.execute(
        "SELECT digest FROM review_events WHERE report_id = ? AND action = 'check_changed' "
        "ORDER BY id DESC LIMIT 1",
        (report_id,),
    ).fetchone()
    if last is not None and last[0] == key:
        return
    failing = sum(1 for n in moved if n[2] == "fail")
    ledger.append(
        conn,
        "review_events",
        {
            "report_id": report_id,
            "target": f"report:{report_id}",
            "action": "check_changed",
            "new": f"锁定后有 {len(moved)} 项检查结果变化（{failing} 项未通过），未改动已签署的检查",
            "reason": text,
            "digest": key,
        },
    )


def insert(conn: sqlite3.Connection, report_id: int, results: Iterable[CheckResult]) -> None:
    """Store check results (``CheckResult``s) of a report."""
    _insert_rows(conn, [codec.check_row(report_id, k) for k in results])


def _insert_rows(conn: sqlite3.Connection, rows: list[dict[str, Any]]) -> None:
    """Store a report's check results, each with its place among them as its id (format 6 keeps a
    report's checks together, by report and id)."""
    Codes(conn).insert(
        CHECKS, ("id", *_CHECK_COLS), [[i, *(row[c] for c in _CHECK_COLS)] for i, row in enumerate(rows, 1)]
    )


def recheck_neighbours(conn: sqlite3.Connection, report_id: int, key: str, year: int | None) -> None:
    """The cross-year carry check links a report to the same issuer's previous year: when either of
    the pair arrives, re-run the checks of the later report so the carry check is there at once."""
    if year is None:
        return
    for y, target in ((year - 1, report_id), (year + 1, None)):
        other = queries.report_of_year(conn, key, y)
        if other is not None and rerun(conn, target if target is not None else other):
            summary.refresh(conn, target if target is not None else other)
