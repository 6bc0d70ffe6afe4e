"""Review actions on a workspace, each one transaction with one review event; undo/redo from the log.

Every event stores the state of what it touched before and after (``before_state``/``after_state``,
JSON keyed ``figure:ID``, ``indicator:ID``, ``accept:RULE<TAB>SUBJECT``, ``report``). Undo applies
the before state and appends an ``undo`` event that marks the original undone; redo applies the after
state and appends a ``redo`` event. The log is never rewritten, so undo/redo survive a restart.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from core import messages, vocab
from core.errors import StoreError
from core.model import Figure
from core.store import codec
from core.store.history import HistoryMixin, restore, snapshot
from core.store.rows import REPORT_STATUSES, Change

if TYPE_CHECKING:
    from pathlib import Path


class _Recorder:
    """Collects the before state of everything an action touches, then its after state."""

    def __init__(self, conn: sqlite3.Connection, report_id: int) -> None:
        self.conn = conn
        self.report_id = report_id
        self.before: dict[str, Any] = {}

    def touch(self, key: str) -> None:
        if key not in self.before:
            self.before[key] = snapshot(self.conn, self.report_id, key)

    def new(self, key: str) -> None:
        self.before.setdefault(key, None)

    def after(self) -> dict[str, Any]:
        return {k: snapshot(self.conn, self.report_id, k) for k in self.before}


def _show(v: Decimal | None) -> str:
    return "" if v is None else (codec.dec_text(v) or "")


class ReviewMixin(HistoryMixin):
    """Review actions; mixed into ``Workspace`` (which provides the connection and ``_write``)."""

    path: Path
    reviewer: str
    _conn: sqlite3.Connection
    _lock: threading.RLock
    _write: Callable[..., Any]

    # ---- the frame every action runs in --------------------------------------------------------
    def _act(
        self,
        report_id: int,
        target: str,
        action: str,
        mutate: Callable[[_Recorder], tuple[str, str]],
        reason: str = "",
    ) -> Change:
        from core.store.workspace import now_iso

        def tx() -> Change:
            c = self._conn
            if c.execute("SELECT 1 FROM reports WHERE id = ?", (report_id,)).fetchone() is None:
                raise StoreError(f"{self.path}: 工作区中没有编号为 {report_id} 的报告")
            if action not in vocab.SIGNOFF_ACTIONS:
                self._refuse_if_locked(report_id)
            rec = _Recorder(c, report_id)
            old, new = mutate(rec)
            if action != "set_report_status":
                status = c.execute("SELECT status FROM reports WHERE id = ?", (report_id,)).fetchone()[0]
                if status == "unreviewed":
                    rec.touch("report")
                    c.execute("UPDATE reports SET status = 'in_review' WHERE id = ?", (report_id,))
            after = rec.after()
            cur = c.execute(
                """INSERT INTO review_events (at, reviewer, report_id, target, action, old, new, reason,
                   before_state, after_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    now_iso(),
                    self.reviewer,
                    report_id,
                    target,
                    action,
                    old,
                    new,
                    reason,
                    json.dumps(rec.before, ensure_ascii=False),
                    json.dumps(after, ensure_ascii=False),
                ),
            )
            return self._change(report_id, rec.before, after, int(cur.lastrowid or 0))

        return self._write(tx)

    def _refuse_if_locked(self, report_id: int) -> None:
        """A done (or approved) report is locked: every review action is refused until it is reopened."""
        r = self._conn.execute("SELECT status, path FROM reports WHERE id = ?", (report_id,)).fetchone()
        if r is not None and r[0] in vocab.LOCKED_STATUSES:
            raise StoreError(f"{messages.shown_path(r[1])}: {messages.LOCKED}")

    def _figure_row(self, figure_id: int) -> dict[str, Any]:
        r = snapshot(self._conn, 0, f"figure:{figure_id}")
        if r is None:
            raise StoreError(f"{self.path}: 工作区中没有编号为 {figure_id} 的数字")
        return r

    def _report_of(self, figure_id: int) -> int:
        r = self._conn.execute("SELECT report_id FROM figures WHERE id = ?", (figure_id,)).fetchone()
        if r is None:
            raise StoreError(f"{self.path}: 工作区中没有编号为 {figure_id} 的数字")
        return int(r[0])

    def _linked_indicator(self, figure_id: int) -> str | None:
        r = self._conn.execute(
            "SELECT indicator FROM indicator_values WHERE figure_id = ?", (figure_id,)
        ).fetchone()
        return r[0] if r else None

    # ---- figures -------------------------------------------------------------------------------
    def confirm(self, figure_id: int) -> Change:
        def mutate(rec: _Recorder) -> tuple[str, str]:
            f = self._figure_row(figure_id)
            rec.touch(f"figure:{figure_id}")
            status = f["status"] if f["status"] in ("corrected", "added") else "confirmed"
            self._conn.execute("UPDATE figures SET status = ? WHERE id = ?", (status, figure_id))
            ind = self._linked_indicator(figure_id)
            if ind:
                rec.touch(f"indicator:{ind}")
                self._conn.execute(
                    "UPDATE indicator_values SET status = 'confirmed' WHERE report_id = ? AND indicator = ? "
                    "AND status = 'pending'",
                    (f["report_id"], ind),
                )
            return f["status"], status

        return self._act(self._read_report_of(figure_id), f"figure:{figure_id}", "confirm", mutate)

    def _read_report_of(self, figure_id: int) -> int:
        with self._lock:
            return self._report_of(figure_id)

    def correct(self, figure_id: int, value: Decimal) -> Change:
        value = Decimal(value)

        def mutate(rec: _Recorder) -> tuple[str, str]:
            f = self._figure_row(figure_id)
            rec.touch(f"figure:{figure_id}")
            orig = codec.text_dec(f["original_value"])
            status = "added" if f["status"] == "added" else ("confirmed" if orig == value else "corrected")
            self._conn.execute(
                "UPDATE figures SET value = ?, status = ? WHERE id = ?",
                (codec.dec_text(value), status, figure_id),
            )
            ind = self._linked_indicator(figure_id)
            if ind:
                self._set_indicator(rec, f["report_id"], ind, value, None)
            return _show(codec.text_dec(f["value"])), _show(value)

        return self._act(self._read_report_of(figure_id), f"figure:{figure_id}", "correct", mutate)

    def reject(self, figure_id: int) -> Change:
        def mutate(rec: _Recorder) -> tuple[str, str]:
            f = self._figure_row(figure_id)
            rec.touch(f"figure:{figure_id}")
            self._conn.execute("UPDATE figures SET status = 'rejected' WHERE id = ?", (figure_id,))
            return f["status"], "rejected"

        return self._act(self._read_report_of(figure_id), f"figure:{figure_id}", "reject", mutate)

    def add(
        self,
        report_id: int,
        start: int,
        end: int,
        value: Decimal,
        unit: str | None = None,
        label: str = "",
        indicator: str | None = None,
    ) -> Change:
        value = Decimal(value)
        new_id: list[int] = []

        def mutate(rec: _Recorder) -> tuple[str, str]:
            text = self._conn.execute(
                "SELECT substr(text, ?, ?) FROM reports WHERE id = ?",
                (start + 1, max(0, end - start), report_id),
            ).fetchone()
            fid = int(self._conn.execute("SELECT coalesce(max(id), 0) + 1 FROM figures").fetchone()[0])
            rec.new(f"figure:{fid}")
            added = Figure(start, end, text[0] if text else "", value, unit=unit, label=label,
                           indicator=indicator, confidence=1.0, rule="manual", source="manual")  # fmt: skip
            row = {**codec.figure_row(report_id, added), "id": fid, "original_value": None, "status": "added"}
            restore(self._conn, report_id, f"figure:{fid}", row)
            new_id.append(fid)
            return "", _show(value)

        return self._act(report_id, "figure:new", "add", mutate)

    def set_indicator(self, figure_id: int, indicator: str | None) -> Change:
        def mutate(rec: _Recorder) -> tuple[str, str]:
            f = self._figure_row(figure_id)
            rec.touch(f"figure:{figure_id}")
            self._conn.execute("UPDATE figures SET indicator = ? WHERE id = ?", (indicator, figure_id))
            return f["indicator"] or "", indicator or ""

        return self._act(self._read_report_of(figure_id), f"figure:{figure_id}", "set_indicator", mutate)

    # ---- indicators ----------------------------------------------------------------------------
    def _set_indicator(
        self, rec: _Recorder, report_id: int, indicator: str, value: Decimal | None, kind: str | None
    ) -> tuple[str, str]:
        key = f"indicator:{indicator}"
        rec.touch(key)
        old = rec.before[key]
        kind = codec.kind_of(value, kind)
        v = codec.dec_text(value)
        if old is None:
            self._conn.execute(
                """INSERT INTO indicator_values (report_id, indicator, kind, value, raw, status)
                   VALUES (?, ?, ?, ?, '', 'corrected')""",
                (report_id, indicator, kind, v),
            )
            return "", _show(value) or kind
        same = old["original_kind"] == kind and codec.text_dec(old["original_value"]) == value
        self._conn.execute(
            "UPDATE indicator_values SET kind = ?, value = ?, status = ? WHERE report_id = ? AND indicator = ?",
            (kind, v, "confirmed" if same else "corrected", report_id, indicator),
        )
        return _show(codec.text_dec(old["value"])) or old["kind"], _show(value) or kind

    def set_indicator_value(
        self, report_id: int, indicator: str, value: Decimal | None, kind: str = "number"
    ) -> Change:
        value = None if value is None else Decimal(value)

        def mutate(rec: _Recorder) -> tuple[str, str]:
            old, new = self._set_indicator(rec, report_id, indicator, value, kind)
            r = self._conn.execute(
                "SELECT figure_id FROM indicator_values WHERE report_id = ? AND indicator = ?",
                (report_id, indicator),
            ).fetchone()
            if r and r[0] is not None and value is not None:
                f = snapshot(self._conn, report_id, f"figure:{r[0]}")
                if f is not None:
                    rec.touch(f"figure:{r[0]}")
                    orig = codec.text_dec(f["original_value"])
                    self._conn.execute(
                        "UPDATE figures SET value = ?, status = ? WHERE id = ?",
                        (codec.dec_text(value), "confirmed" if orig == value else "corrected", r[0]),
                    )
            return old, new

        return self._act(report_id, f"indicator:{indicator}", "set_indicator_value", mutate)

    def confirm_indicators(self, report_id: int, indicator_ids: Iterable[str]) -> Change:
        ids = list(dict.fromkeys(indicator_ids))

        def mutate(rec: _Recorder) -> tuple[str, str]:
            for ind in ids:
                r = self._conn.execute(
                    "SELECT status, figure_id FROM indicator_values WHERE report_id = ? AND indicator = ?",
                    (report_id, ind),
                ).fetchone()
                if r is None:
                    continue
                rec.touch(f"indicator:{ind}")
                if r[0] == "pending":
                    self._conn.execute(
                        "UPDATE indicator_values SET status = 'confirmed' WHERE report_id = ? AND indicator = ?",
                        (report_id, ind),
                    )
                if r[1] is not None:
                    rec.touch(f"figure:{r[1]}")
                    self._conn.execute(
                        "UPDATE figures SET status = 'confirmed' WHERE id = ? AND status = 'pending'", (r[1],)
                    )
            return "", f"{len(ids)} 项已确认"

        return self._act(report_id, "indicators:" + ",".join(ids), "confirm_indicators", mutate)

    def accept_check(self, report_id: int, rule: str, subject: str, reason: str) -> Change:
        if not reason or not reason.strip():
            raise StoreError(f"{self.path}: 接受未通过的检查必须填写理由")

        def mutate(rec: _Recorder) -> tuple[str, str]:
            key = f"accept:{rule}\t{subject}"
            rec.touch(key)
            restore(self._conn, report_id, key, {"reason": reason.strip()})
            return "", "accepted"

        return self._act(report_id, f"check:{rule}:{subject}", "accept_check", mutate, reason=reason.strip())

    def set_report_status(self, report_id: int, status: str) -> Change:
        if status not in REPORT_STATUSES:
            raise StoreError(f"{self.path}: 未知的报告状态 {status!r}")
        if status in ("approved", "returned"):  # the second reviewer's, with its rules (signoff.py)
            raise StoreError(f"{self.path}: {messages.status_by_signoff(vocab.REPORT_STATUSES[status])}")

        def mutate(rec: _Recorder) -> tuple[str, str]:
            rec.touch("report")
            old = rec.before["report"]["status"] if rec.before["report"] else ""
            if old in vocab.LOCKED_STATUSES and old != status:  # reopened only with a reason
                self._refuse_if_locked(report_id)
            self._conn.execute("UPDATE reports SET status = ? WHERE id = ?", (status, report_id))
            return old, status

        return self._act(report_id, f"report:{report_id}", "set_report_status", mutate)
