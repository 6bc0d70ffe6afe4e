"""Undo and redo from the review-event log, and re-running the checks after every change."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from core.model import IndicatorValue
from core.store import codec, queries
from core.store.rows import FIGURE_COLUMNS, Change

if TYPE_CHECKING:
    from pathlib import Path

INDICATOR_COLS = [
    "report_id",
    "indicator",
    "kind",
    "value",
    "raw",
    "start",
    "end",
    "confidence",
    "status",
    "figure_id",
    "original_kind",
    "original_value",
]
HISTORY_ACTIONS = ("undo", "redo")


def _q(col: str) -> str:
    return f'"{col}"'


def snapshot(conn: sqlite3.Connection, report_id: int, key: str) -> Any:
    kind, _, ident = key.partition(":")
    if kind == "figure":
        cur = conn.execute(
            f"SELECT {', '.join(map(_q, FIGURE_COLUMNS))} FROM figures WHERE id = ?", (int(ident),)
        )
        r = cur.fetchone()
        return dict(zip(FIGURE_COLUMNS, r, strict=True)) if r else None
    if kind == "indicator":
        cur = conn.execute(
            f"SELECT {', '.join(map(_q, INDICATOR_COLS))} FROM indicator_values WHERE report_id = ? AND indicator = ?",
            (report_id, ident),
        )
        r = cur.fetchone()
        return dict(zip(INDICATOR_COLS, r, strict=True)) if r else None
    if kind == "accept":
        rule, _, subject = ident.partition("\t")
        r = conn.execute(
            "SELECT reason FROM accepted_checks WHERE report_id = ? AND rule = ? AND subject = ?",
            (report_id, rule, subject),
        ).fetchone()
        return {"reason": r[0]} if r else None
    if kind == "report":
        r = conn.execute("SELECT status FROM reports WHERE id = ?", (report_id,)).fetchone()
        return {"status": r[0]} if r else None
    raise ValueError(key)


def restore(conn: sqlite3.Connection, report_id: int, key: str, state: Any) -> None:
    kind, _, ident = key.partition(":")
    if kind in ("figure", "indicator"):
        table, cols = (
            ("figures", FIGURE_COLUMNS) if kind == "figure" else ("indicator_values", INDICATOR_COLS)
        )
        where, params = (
            ("id = ?", (int(ident),))
            if kind == "figure"
            else (
                "report_id = ? AND indicator = ?",
                (report_id, ident),
            )
        )
        conn.execute(f"DELETE FROM {table} WHERE {where}", params)
        if state is not None:
            conn.execute(
                f"INSERT INTO {table} ({', '.join(map(_q, cols))}) VALUES ({', '.join('?' * len(cols))})",
                [state[c] for c in cols],
            )
    elif kind == "accept":
        rule, _, subject = ident.partition("\t")
        conn.execute(
            "DELETE FROM accepted_checks WHERE report_id = ? AND rule = ? AND subject = ?",
            (report_id, rule, subject),
        )
        if state is not None:
            conn.execute(
                "INSERT INTO accepted_checks (report_id, rule, subject, reason) VALUES (?, ?, ?, ?)",
                (report_id, rule, subject, state["reason"]),
            )
    elif kind == "report" and state is not None:
        conn.execute("UPDATE reports SET status = ? WHERE id = ?", (state["status"], report_id))


class HistoryMixin:
    path: Path
    reviewer: str
    _conn: sqlite3.Connection
    _lock: threading.RLock
    _write: Callable[..., Any]

    def _change(self, report_id: int, before: dict[str, Any], after: dict[str, Any], event_id: int) -> Change:
        """What really changed: the keys whose state differs, and whether the re-run checks (or an
        acceptance) differ from the stored ones, so a view re-reads only that."""
        keys = [k for k in before if before[k] != after.get(k)]
        checks_changed = self._rerun_checks(report_id)
        return Change(
            report_id=report_id,
            figure_ids=tuple(int(k[7:]) for k in keys if k.startswith("figure:")),
            indicator_ids=tuple(k[10:] for k in keys if k.startswith("indicator:")),
            checks_changed=checks_changed or any(k.startswith("accept:") for k in keys),
            report_changed="report" in keys,
            event_id=event_id,
        )

    # ---- checks --------------------------------------------------------------------------------
    def _values(self, report_id: int) -> dict[str, IndicatorValue]:
        rows = self._conn.execute(
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

    def _rerun_checks(self, report_id: int) -> bool:
        """Re-run core.checks on the current values and store the results; False when they are the
        ones already stored (an edit that moves no check)."""
        from core.checks import run

        c = self._conn
        figs = tuple(
            codec.model_figure(r)
            for r in c.execute(
                f"SELECT {', '.join(map(_q, codec.MODEL_FIGURE_COLUMNS))} FROM figures "
                "WHERE report_id = ? AND status != 'rejected' AND value IS NOT NULL ORDER BY start",
                (report_id,),
            )
        )
        previous = queries.previous_report(c, report_id)
        prev = self._values(previous) if previous is not None else None
        results = run(self._values(report_id), figs, previous=prev)
        cols = ("report_id", "rule", "subject", "status", "severity", "formula", "cells")
        rows = [codec.check_row(report_id, k) for k in results]
        stored = c.execute(
            f"SELECT {', '.join(cols)} FROM checks WHERE report_id = ? ORDER BY rowid", (report_id,)
        ).fetchall()
        if stored == [tuple(r[k] for k in cols) for r in rows]:
            return False
        c.execute("DELETE FROM checks WHERE report_id = ?", (report_id,))
        for row in rows:
            c.execute(
                "INSERT INTO checks (report_id, rule, subject, status, severity, formula, cells) "
                "VALUES (:report_id, :rule, :subject, :status, :severity, :formula, :cells)",
                row,
            )
        return True

    # ---- undo / redo ---------------------------------------------------------------------------
    def _guard_history(self, event_id: int) -> None:
        """Raise ``StoreError`` when undoing or redoing ``event_id`` is not allowed (the sign-off lock,
        core/store/signoff.py); inside the write transaction."""

    # Undo and redo are each reviewer's own: the latest action of this reviewer (in ``report_id`` when
    # given, the report in view), never another reviewer's action in another report. A workspace
    # opened without a reviewer name (one person, scripts) undoes the latest action of anyone.
    _MINE = "(? = '' OR e.reviewer = ?) AND (? IS NULL OR e.report_id = ?)"

    def _undo_target(self, report_id: int | None = None) -> int | None:
        r = self._conn.execute(
            f"SELECT e.id FROM review_events e WHERE {self._MINE} AND e.undone = 0 "
            "AND e.action NOT IN ('undo', 'redo') ORDER BY e.id DESC LIMIT 1",
            (self.reviewer, self.reviewer, report_id, report_id),
        ).fetchone()
        return int(r[0]) if r else None

    def _redo_target(self, report_id: int | None = None) -> int | None:
        for action, target, undone in self._conn.execute(
            "SELECT e.action, e.undoes, t.undone FROM review_events e LEFT JOIN review_events t "
            f"ON t.id = e.undoes WHERE {self._MINE} ORDER BY e.id DESC",
            (self.reviewer, self.reviewer, report_id, report_id),
        ):
            if action not in ("undo", "redo"):
                return None
            if action == "undo" and undone:
                return int(target)
        return None

    def can_undo(self, report_id: int | None = None) -> bool:
        with self._lock:
            return self._undo_target(report_id) is not None

    def can_redo(self, report_id: int | None = None) -> bool:
        with self._lock:
            return self._redo_target(report_id) is not None

    def undo(self, report_id: int | None = None) -> Change | None:
        """Undo this reviewer's latest action not yet undone (in ``report_id`` when given); else None."""
        return self._history("undo", report_id)

    def redo(self, report_id: int | None = None) -> Change | None:
        """Redo this reviewer's most recently undone action, if they did nothing new since; else None."""
        return self._history("redo", report_id)

    def _history(self, action: str, in_report: int | None = None) -> Change | None:
        from core.store.workspace import now_iso

        def tx() -> Change | None:
            c = self._conn
            eid = self._undo_target(in_report) if action == "undo" else self._redo_target(in_report)
            if eid is None:
                return None
            self._guard_history(eid)
            report_id, old, new, before, after = c.execute(
                "SELECT report_id, old, new, before_state, after_state FROM review_events WHERE id = ?",
                (eid,),
            ).fetchone()
            state = json.loads(before if action == "undo" else after)
            for key, value in state.items():
                restore(c, report_id, key, value)
            c.execute("UPDATE review_events SET undone = ? WHERE id = ?", (1 if action == "undo" else 0, eid))
            cur = c.execute(
                """INSERT INTO review_events (at, reviewer, report_id, target, action, old, new, reason, undoes,
                   before_state, after_state) VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?)""",
                (now_iso(), self.reviewer, report_id, f"event:{eid}", action,
                 new if action == "undo" else old, old if action == "undo" else new, eid,
                 after if action == "undo" else before, before if action == "undo" else after),
            )  # fmt: skip
            other = json.loads(after if action == "undo" else before)
            return self._change(report_id, other, state, int(cur.lastrowid or 0))

        result: Change | None = self._write(tx)
        return result
