"""The sign-off lock: a report marked done (已完成) or approved (复核通过) refuses every review action
until it is reopened with a reason (core/store/signoff.py). Called inside the write transaction from
review's action frame (``review.act``) and from undo/redo (``history.step``), so a refused step
records nothing."""

from __future__ import annotations

import sqlite3

from core import messages, vocab
from core.errors import StoreError


def report_name(conn: sqlite3.Connection, report_id: int, fallback: str) -> str:
    """The report's file as shown in messages; ``fallback`` (the workspace) when it is not stored."""
    r = conn.execute("SELECT path FROM reports WHERE id = ?", (report_id,)).fetchone()
    return messages.shown_path(r[0]) if r else fallback


def refuse_if_locked(conn: sqlite3.Connection, report_id: int) -> None:
    """Raise ``StoreError`` naming the file when the report is locked (done or approved)."""
    r = conn.execute("SELECT status, path FROM reports WHERE id = ?", (report_id,)).fetchone()
    if r is not None and r[0] in vocab.LOCKED_STATUSES:
        raise StoreError(f"{messages.shown_path(r[1])}: {messages.LOCKED}")


def guard_history(conn: sqlite3.Connection, event_id: int) -> None:
    """Undo and redo keep the lock: a step inside a locked report is not undone or redone, and a
    sign-off step only while it is the report's latest (the first reviewer cannot undo "done" under
    an approval). Raises ``StoreError``."""
    report_id, action = conn.execute(
        "SELECT report_id, action FROM review_events WHERE id = ?", (event_id,)
    ).fetchone()
    if action not in vocab.SIGNOFF_ACTIONS:
        refuse_if_locked(conn, report_id)
        return
    later = conn.execute(
        "SELECT 1 FROM review_events WHERE report_id = ? AND id > ? AND undone = 0 AND action IN "
        f"({', '.join('?' * len(vocab.SIGNOFF_ACTIONS))})",
        (report_id, event_id, *vocab.SIGNOFF_ACTIONS),
    ).fetchone()
    if later is not None:
        raise StoreError(f"{report_name(conn, report_id, '')}: {messages.HISTORY_SIGNED}")
