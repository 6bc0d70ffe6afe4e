"""Signing a report off: the lock on finished reports and the second reviewer (审核 → 复核).

A report marked done (已完成) or approved (复核通过) is locked: every review action on it is refused
(``ReviewMixin._act``) until it is reopened with a reason. The second reviewer (复核人), named in the
workspace, approves a done report or returns it with a reason, which opens it again for the first
reviewer (审核人); whoever marked it done cannot approve it. Each step is a review event keyed
``report`` like ``set_report_status``, so undo, the audit sheet and a restart see it. Undo and redo keep
the lock: a step inside a locked report is not undone, and a sign-off step is undone only while it is
the report's latest (the first reviewer cannot undo "done" under an approval).

The reviewers' names are the workspace's own (table ``workspace_settings``, made on first write), so
they are entered once per workspace and every program opening it shows the same two names.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from core import messages, vocab
from core.errors import StoreError
from core.store.review import ReviewMixin, _Recorder
from core.store.rows import Change

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


class SignoffMixin(ReviewMixin):
    """Sign-off actions and the reviewers' names; mixed into ``Workspace``."""

    # ---- the names, once per workspace ---------------------------------------------------------
    def reviewers(self) -> Reviewers:
        with self._lock:
            c = self._conn
            if c.execute("SELECT 1 FROM sqlite_master WHERE name = 'workspace_settings'").fetchone() is None:
                return Reviewers()
            got = dict(c.execute("SELECT key, value FROM workspace_settings").fetchall())
        return Reviewers(got.get(REVIEWER_KEY, ""), got.get(SECOND_REVIEWER_KEY, ""))

    def set_reviewers(self, reviewer: str | None = None, second_reviewer: str | None = None) -> Reviewers:
        """Store the first and/or second reviewer's name in the workspace (None leaves one as it is).
        The two must be different people."""
        now = self.reviewers()
        first = now.reviewer if reviewer is None else reviewer.strip()
        second = now.second_reviewer if second_reviewer is None else second_reviewer.strip()
        if first and second and first == second:
            raise StoreError(f"{self.path}: {messages.SAME_PERSON}")

        def tx() -> None:
            self._conn.execute(_SETTINGS)
            for key, value in ((REVIEWER_KEY, first), (SECOND_REVIEWER_KEY, second)):
                self._conn.execute(
                    "INSERT INTO workspace_settings (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )

        self._write(tx)
        return Reviewers(first, second)

    # ---- who signed ----------------------------------------------------------------------------
    def signers(self, report_ids: Collection[int] | None = None) -> dict[int, Signers]:
        """Report id → who marked it done and who approved or returned it (reports never signed are
        left out)."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT report_id, action, reviewer, new FROM review_events WHERE undone = 0 "
                "AND action IN ('set_report_status', 'approve', 'return') ORDER BY id"
            ).fetchall()
        wanted = None if report_ids is None else set(report_ids)
        out: dict[int, Signers] = {}
        for rid, action, who, new in rows:
            if wanted is not None and rid not in wanted:
                continue
            s = out.get(rid, Signers())
            if action == "set_report_status" and new == "done":
                out[rid] = Signers(who, s.second_reviewer)
            elif action in ("approve", "return"):
                out[rid] = Signers(s.reviewer, who)
        return out

    def _done_by(self, report_id: int) -> str:
        r = self._conn.execute(
            "SELECT reviewer FROM review_events WHERE report_id = ? AND undone = 0 "
            "AND action = 'set_report_status' AND new = 'done' ORDER BY id DESC LIMIT 1",
            (report_id,),
        ).fetchone()
        return str(r[0]) if r else ""

    # ---- the actions ---------------------------------------------------------------------------
    def reopen(self, report_id: int, reason: str) -> Change:
        """Open a done or approved report again for changes; the reason goes into the review event."""
        reason = _reason(self, reason)

        def mutate(rec: _Recorder) -> tuple[str, str]:
            old = self._status(rec)
            if old not in vocab.LOCKED_STATUSES:
                raise StoreError(f"{self._report_name(report_id)}: {messages.REOPEN_NOT_LOCKED}")
            self._conn.execute("UPDATE reports SET status = 'in_review' WHERE id = ?", (report_id,))
            return old, "in_review"

        return self._act(report_id, f"report:{report_id}", "reopen", mutate, reason=reason)

    def approve(self, report_id: int) -> Change:
        """The second reviewer approves a done report (复核通过); it stays locked."""
        return self._second_look(report_id, "approve", "approved", "")

    def return_report(self, report_id: int, reason: str) -> Change:
        """The second reviewer returns a done report (退回) with a reason: it opens for the first reviewer."""
        return self._second_look(report_id, "return", "returned", _reason(self, reason))

    def _second_look(self, report_id: int, action: str, status: str, reason: str) -> Change:
        def mutate(rec: _Recorder) -> tuple[str, str]:
            name = self._report_name(report_id)
            old = self._status(rec)
            if old != "done":
                raise StoreError(f"{name}: {messages.NOT_DONE}")
            second = self.reviewers().second_reviewer
            if not second:
                raise StoreError(f"{name}: {messages.NO_SECOND_REVIEWER}")
            done_by = self._done_by(report_id)
            if self.reviewer and self.reviewer == done_by:
                raise StoreError(f"{name}: {messages.own_work(done_by)}")
            if self.reviewer != second:
                raise StoreError(f"{name}: {messages.not_second_reviewer(second, self.reviewer)}")
            self._conn.execute("UPDATE reports SET status = ? WHERE id = ?", (status, report_id))
            return old, status

        return self._act(report_id, f"report:{report_id}", action, mutate, reason=reason)

    def _status(self, rec: _Recorder) -> str:
        rec.touch("report")
        state = rec.before["report"]
        return str(state["status"]) if state else ""

    def _report_name(self, report_id: int) -> str:
        r = self._conn.execute("SELECT path FROM reports WHERE id = ?", (report_id,)).fetchone()
        return messages.shown_path(r[0]) if r else str(self.path)

    # ---- undo and redo keep the lock -----------------------------------------------------------
    def _guard_history(self, event_id: int) -> None:
        c = self._conn
        report_id, action = c.execute(
            "SELECT report_id, action FROM review_events WHERE id = ?", (event_id,)
        ).fetchone()
        if action not in vocab.SIGNOFF_ACTIONS:
            self._refuse_if_locked(report_id)
            return
        later = c.execute(
            "SELECT 1 FROM review_events WHERE report_id = ? AND id > ? AND undone = 0 AND action IN "
            f"({', '.join('?' * len(vocab.SIGNOFF_ACTIONS))})",
            (report_id, event_id, *vocab.SIGNOFF_ACTIONS),
        ).fetchone()
        if later is not None:
            raise StoreError(f"{self._report_name(report_id)}: {messages.HISTORY_SIGNED}")


def _reason(ws: SignoffMixin, reason: str) -> str:
    if not reason or not reason.strip():
        raise StoreError(f"{ws.path}: {messages.REASON_NEEDED}")
    return reason.strip()
