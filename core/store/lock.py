"""The sign-off lock: a report marked done (已完成) or approved (复核通过) refuses every review action
until it is reopened with a reason (core/store/signoff.py). Called inside the write transaction from
review's action frame (``review.act``) and from undo/redo (``history.guard``), so a refused step
records nothing."""

from __future__ import annotations

import sqlite3

from core import messages, vocab
from core.errors import StoreError


def report_name(conn: sqlite3.Connection, report_id: int, fallback: str) -> str:
    """The report's file as shown in messages; ``fallback`` (the workspace) when it is not stored."""
    r = conn.execute("SELECT path FROM reports WHERE id = ?", (report_id,)).fetchone()
    return messages.shown_name(r[0]) if r else messages.shown_name(fallback)


def refuse_if_locked(conn: sqlite3.Connection, report_id: int) -> None:
    """Raise ``StoreError`` naming the file when the report is locked (done or approved)."""
    r = conn.execute("SELECT status, path FROM reports WHERE id = ?", (report_id,)).fetchone()
    if r is not None and r[0] in vocab.LOCKED_STATUSES:
        raise StoreError(f"{messages.shown_name(r[1])}: {messages.LOCKED}")
