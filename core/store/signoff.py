"""Signing a report off: the second reviewer (审核 → 复核), reopening, and the reviewers' names.

A report marked done (已完成) or approved (复核通过) is locked (core/store/lock.py): every review action
on it is refused until it is reopened with a reason. The second reviewer (复核人), named in the
workspace, approves a done report or returns it with a reason, which opens it again for the first
reviewer (审核人); whoever marked it done cannot approve it. Each step is a review event keyed
``report`` like ``set_report_status``, so undo, the audit sheet and a restart see it.

The reviewers' names are the workspace's own (table ``workspace_settings``, made on first write), so
they are entered once per workspace and every program opening it shows the same two names. Functions
take the open ``Session`` (or, for reads, its connection) and the acting reviewer's name.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from dataclasses import dataclass

from core import messages, vocab
from core.errors import StoreError
from core.store import ledger, lock, names, review
from core.store.rows import Change
from core.store.session import Session

_SETTINGS = "CREATE TABLE IF NOT EXISTS workspace_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
REVIEWER_KEY = "reviewer"
SECOND_REVIEWER_KEY = "second_reviewer"


@dataclass(frozen=True)
class Reviewers:
    """The two names a workspace holds: 审核人 and 复核人 ('' when not entered yet)."""

    reviewer: str = ""
    second_reviewer: str = ""


@dataclass(frozen=True)
class Signers:
    """Who signed one report: the first reviewer who last marked it done, the second reviewer who last
    approved or returned it ('' for none), undone steps aside."""

    reviewer: str = ""
    second_reviewer: str = ""
    returned: str = ""  # the reason the second reviewer gave, while the report stays returned


# ---- the names, once per workspace -------------------------------------------------------------
def reviewers(conn: sqlite3.Connection) -> Reviewers:
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'workspace_settings'").fetchone() is None:
        return Reviewers()
    got = dict(conn.execute("SELECT key, value FROM workspace_settings").fetchall())
    return Reviewers(got.get(REVIEWER_KEY, ""), got.get(SECOND_REVIEWER_KEY, ""))


def set_reviewers(
    s: Session, reviewer: str | None = None, second_reviewer: str | None = None, acting: str = ""
) -> Reviewers:
    """Store the first and/or second reviewer's name in the workspace (None leaves one as it is).
    The two must be different people (compared as ``names.person``); each change is a workspace event
    (by ``acting``, who made it) in the names' hash chain, so a name changed outside Hecha is found."""

    def tx(c: sqlite3.Connection) -> Reviewers:
        now = reviewers(c)
        first = now.reviewer if reviewer is None else reviewer.strip()
        second = now.second_reviewer if second_reviewer is None else second_reviewer.strip()
        if names.same(first, second):
            raise StoreError(f"{messages.shown_name(s.path)}: {messages.SAME_PERSON}")
        c.execute(_SETTINGS)
        for key, value, was in (
            (REVIEWER_KEY, first, now.reviewer),
            (SECOND_REVIEWER_KEY, second, now.second_reviewer),
        ):
            if value == was:
                continue
            c.execute(
                "INSERT INTO workspace_settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
            ledger.append(c, "workspace_events", {"reviewer": acting, "key": key, "old": was, "new": value})
        return Reviewers(first, second)

    return s.write(tx)


# ---- who signed --------------------------------------------------------------------------------
def signers(conn: sqlite3.Connection, report_ids: Collection[int] | None = None) -> dict[int, Signers]:
    """Report id → who signed it as it is now: the first reviewer whose 已完成 stands (not reopened
    since) and the second reviewer whose approval stands or who returned it (reports never signed, or
    reopened, are left out). Read for the whole report list: no digest is worked out here."""
    wanted = None if report_ids is None else set(report_ids)
    sql = (
        "SELECT report_id, action, reviewer, new, digest, reason FROM review_events WHERE undone = 0 "
        "AND action IN ('set_report_status', 'reopen', 'approve', 'return')"
    )
    if wanted is not None and len(wanted) <= 500:  # a few reports (one row of the list): by the index
        rows = conn.execute(
            sql + f" AND report_id IN ({', '.join('?' * len(wanted))}) ORDER BY id", sorted(wanted)
        ).fetchall()
    else:
        rows = conn.execute(sql + " ORDER BY id").fetchall()
    out: dict[int, Signers] = {}
    approved: dict[int, str | None] = {}
    for rid, action, who, new, signed, why in rows:
        if wanted is not None and rid not in wanted:
            continue
        got = out.get(rid, Signers())
        if action == "set_report_status" and new == "done":
            out[rid] = Signers(who, "")
            approved.pop(rid, None)
        elif action in ("set_report_status", "reopen"):
            out.pop(rid, None)
            approved.pop(rid, None)
        elif action in ("approve", "return"):
            out[rid] = Signers(got.reviewer, who, (why or "") if action == "return" else "")
            approved[rid] = signed if action == "approve" else None
    if approved:
        # an approval holds while the report stays approved: every change after it is refused by the
        # lock (a change made outside Hecha is found by ``verify``; the record checks the digest itself)
        status = dict(conn.execute("SELECT id, status FROM reports WHERE status != 'approved'").fetchall())
        for rid, signed in approved.items():
            if signed is not None and rid in status:
                out[rid] = Signers(out[rid].reviewer, "")
    return out


def return_reason(conn: sqlite3.Connection, report_id: int) -> tuple[str, str] | None:
    """(second reviewer, reason) of the return that stands on a report now returned, else None."""
    s = signers(conn, [report_id]).get(report_id)
    status = conn.execute("SELECT status FROM reports WHERE id = ?", (report_id,)).fetchone()
    if s is None or not s.returned or status is None or status[0] != "returned":
        return None
    return s.second_reviewer, s.returned


def deciders(conn: sqlite3.Connection, report_id: int) -> list[str]:
    """Everyone who made a decision on the report since its last approval (undone ones included:
    an undone step was still taken), for the four-eyes rule."""
    r = conn.execute(
        "SELECT max(id) FROM review_events WHERE report_id = ? AND action = 'approve' AND undone = 0",
        (report_id,),
    ).fetchone()
    since = int(r[0]) if r and r[0] is not None else 0
    return [
        str(w)
        for (w,) in conn.execute(
            "SELECT DISTINCT reviewer FROM review_events WHERE report_id = ? AND id > ? "
            "AND action NOT IN ('approve', 'return', 'reopen', 'check_changed')",
            (report_id, since),
        )
    ]


# ---- the actions -------------------------------------------------------------------------------
def reopen(s: Session, reviewer: str, report_id: int, reason: str) -> Change:
    """Open a done or approved report again for changes; the reason goes into the review event."""
    reason = _reason(s, report_id, reason)

    def mutate(c: sqlite3.Connection, rec: review.Recorder) -> tuple[str, str]:
        old = _status(rec)
        if old not in vocab.LOCKED_STATUSES:
            raise StoreError(
                f"{lock.report_name(c, report_id, messages.shown_name(s.path))}: {messages.REOPEN_NOT_LOCKED}"
            )
        c.execute("UPDATE reports SET status = 'in_review' WHERE id = ?", (report_id,))
        return old, "in_review"

    return review.act(s, reviewer, report_id, f"report:{report_id}", "reopen", mutate, reason=reason)


def approve(s: Session, reviewer: str, report_id: int, override: str = "") -> Change:
    """The second reviewer approves a done report (复核通过); it stays locked. Nothing may be left
    open, unless ``override`` says why."""
    return _second_look(s, reviewer, report_id, "approve", "approved", override.strip(), override)


def return_report(s: Session, reviewer: str, report_id: int, reason: str) -> Change:
    """The second reviewer returns a done report (退回) with a reason: it opens for the first reviewer."""
    return _second_look(s, reviewer, report_id, "return", "returned", _reason(s, report_id, reason), "")


def _second_look(
    s: Session, reviewer: str, report_id: int, action: str, status: str, reason: str, override: str
) -> Change:
    def mutate(c: sqlite3.Connection, rec: review.Recorder) -> tuple[str, str]:
        name = lock.report_name(c, report_id, messages.shown_name(s.path))
        old = _status(rec)
        if old != "done":
            raise StoreError(f"{name}: {messages.NOT_DONE}")
        second = reviewers(c).second_reviewer
        if not second:
            raise StoreError(f"{name}: {messages.NO_SECOND_REVIEWER}")
        for who in deciders(c, report_id):
            if names.same(reviewer, who):
                raise StoreError(f"{name}: {messages.own_work(who)}")
        if not names.same(reviewer, second):
            raise StoreError(f"{name}: {messages.not_second_reviewer(second, reviewer)}")
        if action == "approve":
            review.guard_open(c, s, report_id, override)
        c.execute("UPDATE reports SET status = ? WHERE id = ?", (status, report_id))
        return old, status

    return review.act(s, reviewer, report_id, f"report:{report_id}", action, mutate, reason=reason)


def _status(rec: review.Recorder) -> str:
    rec.touch("report")
    state = rec.before["report"]
    return str(state["status"]) if state else ""


def _reason(s: Session, report_id: int, reason: str) -> str:
    """``reason`` stripped; refused (``StoreError`` naming the report's file) when there is none."""
    if not reason or not reason.strip():
        name = s.read(lambda c: lock.report_name(c, report_id, messages.shown_name(s.path)))
        raise StoreError(f"{name}: {messages.REASON_NEEDED}")
    return reason.strip()


# ---- how a report stands signed (the record prints it) ------------------------------------------
@dataclass(frozen=True)
class Signoff:
    """One report's sign-off as it stands: ``digest`` of its decided state now; the step that locked
    it (已完成 or 复核通过: ``by``, ``at``, ``signed`` digest, the ``override`` reason when something
    was left open) and whether it still holds (``holds``: the signed digest is the digest now);
    ``open_items`` (figures not decided, unread cells, failing checks not accepted); ``check_changes``:
    check results that changed after the lock, as the events worded them."""

    digest: str
    status: str
    action: str = ""
    by: str = ""
    at: str = ""
    signed: str = ""
    override: str = ""
    holds: bool = False
    open_items: tuple[int, int, int] = (0, 0, 0)
    check_changes: tuple[str, ...] = ()


def state(conn: sqlite3.Connection, report_id: int) -> Signoff:
    from core.store import verify

    status = conn.execute("SELECT status FROM reports WHERE id = ?", (report_id,)).fetchone()
    now = ledger.digest(conn, report_id)
    opened = ledger.open_items(conn, report_id)
    lock_id = verify.locking_event(conn, report_id)
    changes = (
        tuple(
            f"{new}：{reason}"
            for new, reason in conn.execute(
                "SELECT new, reason FROM review_events WHERE report_id = ? AND action = 'check_changed' "
                "AND id > ? ORDER BY id",
                (report_id, lock_id or 0),
            )
        )
        if lock_id is not None
        else ()
    )
    if status is None or lock_id is None:
        return Signoff(now, status[0] if status else "", open_items=opened, check_changes=changes)
    action, by, at, signed, reason = conn.execute(
        "SELECT action, reviewer, at, digest, reason FROM review_events WHERE id = ?", (lock_id,)
    ).fetchone()
    # the override of 已完成, or of 复核通过 (whose own reason is its override)
    override = reason or ""
    if action == "approve" and not override:
        done = conn.execute(
            "SELECT reason FROM review_events WHERE report_id = ? AND id < ? AND undone = 0 "
            "AND action = 'set_report_status' AND new = 'done' ORDER BY id DESC LIMIT 1",
            (report_id, lock_id),
        ).fetchone()
        override = done[0] if done and done[0] else ""
    return Signoff(now, status[0], action, by, at, signed or "", override, signed == now, opened, changes)
