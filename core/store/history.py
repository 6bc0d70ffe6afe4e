"""The state a review event records, and undo/redo from the review-event log.

Every event stores the state of what it touched before and after (``before_state``/``after_state``,
JSON keyed ``figure:ID``, ``indicator:ID``, ``accept:RULE<TAB>SUBJECT``, ``report``). Undo applies
the before state and appends an ``undo`` event that marks the original undone; redo applies the after
state and appends a ``redo`` event. The log is never rewritten, so undo/redo survive a restart.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from core import messages, vocab
from core.errors import StoreError
from core.store import checking, figure_ids, ledger, lock, summary
from core.store.columns import FIGURES, INDICATOR_VALUES
from core.store.rows import Change


def snapshot(conn: sqlite3.Connection, report_id: int, key: str) -> Any:
    """The stored state of ``key`` (every column of a figure or an indicator value), or None."""
    kind, _, ident = key.partition(":")
    if kind == "figure":  # found by its report and id (report_id 0: its report looked up by its id)
        rid = report_id or figure_ids.report_of(conn, int(ident))
        r = conn.execute(
            f"SELECT {FIGURES.column_list()} FROM figures WHERE report_id = ? AND id = ?", (rid, int(ident))
        ).fetchone()
        return dict(zip(FIGURES.names, r, strict=True)) if r else None
    if kind == "indicator":
        r = conn.execute(
            f"SELECT {INDICATOR_VALUES.column_list()} FROM indicator_values WHERE report_id = ? AND indicator = ?",
            (report_id, ident),
        ).fetchone()
        return dict(zip(INDICATOR_VALUES.names, r, strict=True)) if r else None
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
    """Put ``key`` back into ``state`` (None: it did not exist)."""
    kind, _, ident = key.partition(":")
    if kind in ("figure", "indicator"):
        table = FIGURES if kind == "figure" else INDICATOR_VALUES
        where, params = (
            ("id = ? AND report_id = ?", (int(ident), report_id))  # never a figure of another report
            if kind == "figure"
            else ("report_id = ? AND indicator = ?", (report_id, ident))
        )
        conn.execute(f"DELETE FROM {table.name} WHERE {where}", params)
        if state is not None:
            conn.execute(table.insert_sql(), [state[c] for c in table.names])
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


def change(
    conn: sqlite3.Connection, report_id: int, before: dict[str, Any], after: dict[str, Any], event_id: int
) -> Change:
    """Re-run the report's checks and say what really changed: the keys whose state differs, and
    whether the re-run checks (or an acceptance) differ from the stored ones, so a view re-reads only that."""
    keys = [k for k in before if before[k] != after.get(k)]
    checks_changed = checking.rerun(conn, report_id)
    summary.refresh(conn, report_id)  # the report list's counts, in the same transaction
    return Change(
        report_id=report_id,
        figure_ids=tuple(int(k[7:]) for k in keys if k.startswith("figure:")),
        indicator_ids=tuple(k[10:] for k in keys if k.startswith("indicator:")),
        checks_changed=checks_changed or any(k.startswith("accept:") for k in keys),
        report_changed="report" in keys,
        event_id=event_id,
    )


# Undo and redo are each reviewer's own: the latest action of this reviewer (in ``report_id`` when
# given, the report in view), never another reviewer's action in another report. A workspace opened
# without a reviewer name (one person, scripts) undoes the latest action of anyone. Undo never crosses a
# sign-off step and never reverts what someone did later to the same item (``guard``).
def _mine(reviewer: str, report_id: int | None) -> tuple[str, tuple[object, ...]]:
    """The condition on ``review_events e`` for this reviewer's events (in ``report_id`` when given:
    then written so that the index of events by report finds them, not a pass over the whole log)."""
    who = "(? = '' OR person(e.reviewer) = person(?))"
    if report_id is None:
        return who, (reviewer, reviewer)
    return f"e.report_id = ? AND {who}", (report_id, reviewer, reviewer)


def undo_target(conn: sqlite3.Connection, reviewer: str, report_id: int | None = None) -> int | None:
    mine, params = _mine(reviewer, report_id)
    r = conn.execute(
        f"SELECT e.id FROM review_events e WHERE {mine} AND e.undone = 0 "
        "AND e.action NOT IN ('undo', 'redo', 'check_changed') ORDER BY e.id DESC LIMIT 1",
        params,
    ).fetchone()
    return int(r[0]) if r else None


def redo_target(conn: sqlite3.Connection, reviewer: str, report_id: int | None = None) -> int | None:
    mine, params = _mine(reviewer, report_id)
    for action, target, undone in conn.execute(
        "SELECT e.action, e.undoes, t.undone FROM review_events e LEFT JOIN review_events t "
        f"ON t.id = e.undoes WHERE {mine} AND e.action != 'check_changed' ORDER BY e.id DESC",
        params,
    ):
        if action not in ("undo", "redo"):
            return None
        if action == "undo" and undone:
            return int(target)
    return None


def is_done_step(conn: sqlite3.Connection, event_id: int) -> bool:
    """True when the event is the 已完成 that locks its report now: undoing it is a reopen."""
    r = conn.execute(
        "SELECT e.action, e.new, r.status, e.report_id FROM review_events e JOIN reports r "
        "ON r.id = e.report_id WHERE e.id = ?",
        (event_id,),
    ).fetchone()
    if r is None or r[0] != "set_report_status" or r[1] != "done" or r[2] != "done":
        return False
    latest = conn.execute(
        "SELECT max(id) FROM review_events WHERE report_id = ? AND action IN "
        f"({', '.join('?' * len(vocab.SIGNOFF_ACTIONS))})",
        (r[3], *vocab.SIGNOFF_ACTIONS),
    ).fetchone()[0]
    return bool(latest == event_id)


def guard(conn: sqlite3.Connection, event_id: int, since: int) -> None:
    """Refuse (``StoreError``) to undo or redo ``event_id`` when its report is locked, when a sign-off
    step came after ``since`` (the event itself, or the undo being redone), when it is a sign-off step,
    or when anyone changed one of its items after ``since``."""
    report_id, action, new, before = conn.execute(
        "SELECT report_id, action, new, before_state FROM review_events WHERE id = ?", (event_id,)
    ).fetchone()
    name = lock.report_name(conn, report_id, "")
    if action in vocab.SIGNOFF_ACTIONS and (action != "set_report_status" or new in vocab.LOCKED_STATUSES):
        raise StoreError(f"{name}: {messages.UNDO_SIGNOFF}")
    lock.refuse_if_locked(conn, report_id)
    before_state = json.loads(before)
    keys = set(before_state)
    # the report's first step also put it in review: undoing it would mark the report unreviewed under
    # whatever anyone did to it since
    first_step = before_state.get("report") == {"status": "unreviewed"}
    for who, other_action, other_new, undoes, state in conn.execute(
        "SELECT reviewer, action, new, undoes, before_state FROM review_events WHERE report_id = ? "
        "AND id > ? AND undone = 0 ORDER BY id",
        (report_id, since),
    ):
        if other_action in ("undo", "redo") and undoes is not None and (undoes > since or undoes == event_id):
            continue  # it cancels or brings back this step or a later one, which is judged by itself
        if other_action in ("reopen", "approve", "return") or (
            other_action == "set_report_status" and other_new in vocab.LOCKED_STATUSES
        ):
            raise StoreError(f"{name}: {messages.UNDO_PAST_LOCK}")
        if first_step or keys & set(json.loads(state)):
            raise StoreError(f"{name}: {messages.undo_depends(who)}")


def step(conn: sqlite3.Connection, reviewer: str, action: str, in_report: int | None = None) -> Change | None:
    """Undo (``action`` "undo") this reviewer's latest action not yet undone (in ``in_report`` when
    given), or redo their most recently undone one if they did nothing new since; None when there is
    none. Inside the caller's transaction."""
    eid = (
        undo_target(conn, reviewer, in_report) if action == "undo" else redo_target(conn, reviewer, in_report)
    )
    if eid is None:
        return None
    since = eid
    if action == "redo":
        since = conn.execute(
            "SELECT max(id) FROM review_events WHERE undoes = ? AND action = 'undo'", (eid,)
        ).fetchone()[0]
    guard(conn, eid, since)
    report_id, old, new, before, after = conn.execute(
        "SELECT report_id, old, new, before_state, after_state FROM review_events WHERE id = ?", (eid,)
    ).fetchone()
    state = json.loads(before if action == "undo" else after)
    for key, value in state.items():
        restore(conn, report_id, key, value)
    conn.execute("UPDATE review_events SET undone = ? WHERE id = ?", (1 if action == "undo" else 0, eid))
    new_id = ledger.append(
        conn,
        "review_events",
        {
            "reviewer": reviewer,
            "report_id": report_id,
            "target": f"event:{eid}",
            "action": action,
            "old": new if action == "undo" else old,
            "new": old if action == "undo" else new,
            "undoes": eid,
            "before_state": after if action == "undo" else before,
            "after_state": before if action == "undo" else after,
        },
    )
    other = json.loads(after if action == "undo" else before)
    return change(conn, report_id, other, state, new_id)
