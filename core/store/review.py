"""Review actions on a workspace, each one transaction that appends one review event.

Each action records the state of everything it touches before and after (core/store/history.py), so
it can be undone and redone from the log; the first action on an unreviewed report puts it in review;
the report's checks are re-run after every action. Functions take the open ``Session`` and the
reviewer's name and return the ``Change``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from core import checks, messages, vocab
from core.errors import OpenItemsError, StoreError
from core.model import Figure
from core.store import codec, figure_ids, history, ledger, lock
from core.store.rows import REPORT_STATUSES, Change
from core.store.session import Session

Mutate = Callable[[sqlite3.Connection, "Recorder"], tuple[str, str]]  # → the event's old and new wording


class Recorder:
    """Collects the before state of everything an action touches, then its after state."""

    def __init__(self, conn: sqlite3.Connection, report_id: int) -> None:
        self.conn = conn
        self.report_id = report_id
        self.before: dict[str, Any] = {}

    def touch(self, key: str) -> None:
        if key not in self.before:
            self.before[key] = history.snapshot(self.conn, self.report_id, key)

    def new(self, key: str) -> None:
        self.before.setdefault(key, None)

    def after(self) -> dict[str, Any]:
        return {k: history.snapshot(self.conn, self.report_id, k) for k in self.before}


def _show(v: Decimal | None) -> str:
    return "" if v is None else (codec.dec_text(v) or "")


# ---- the frame every action runs in ------------------------------------------------------------
def act(
    s: Session, reviewer: str, report_id: int, target: str, action: str, mutate: Mutate, reason: str = ""
) -> Change:
    def tx(c: sqlite3.Connection) -> Change:
        if c.execute("SELECT 1 FROM reports WHERE id = ?", (report_id,)).fetchone() is None:
            raise s.missing("报告", report_id)
        if action not in vocab.SIGNOFF_ACTIONS:  # the sign-off steps move the lock (signoff.py)
            lock.refuse_if_locked(c, report_id)
        rec = Recorder(c, report_id)
        old, new = mutate(c, rec)
        status = c.execute("SELECT status FROM reports WHERE id = ?", (report_id,)).fetchone()[0]
        if action != "set_report_status" and status == "unreviewed":
            rec.touch("report")
            c.execute("UPDATE reports SET status = 'in_review' WHERE id = ?", (report_id,))
        after = rec.after()
        # 已完成 and 复核通过 sign the report's decided state: its digest goes into the event
        signed = ledger.digest(c, report_id) if status in vocab.LOCKED_STATUSES else None
        eid = ledger.append(
            c,
            "review_events",
            {
                "reviewer": reviewer,
                "report_id": report_id,
                "target": target,
                "action": action,
                "old": old,
                "new": new,
                "reason": reason,
                "before_state": json.dumps(rec.before, ensure_ascii=False),
                "after_state": json.dumps(after, ensure_ascii=False),
                "digest": signed,
            },
        )
        return history.change(c, report_id, rec.before, after, eid)

    return s.write(tx)


def _figure_row(s: Session, c: sqlite3.Connection, figure_id: int) -> dict[str, Any]:
    r = history.snapshot(c, 0, f"figure:{figure_id}")
    if r is None:
        raise s.missing("数字", figure_id)
    return dict(r)


def _report_of(s: Session, figure_id: int) -> int:
    rid = s.read(lambda c: figure_ids.report_of(c, figure_id))
    if rid is None:
        raise s.missing("数字", figure_id)
    return rid


def _linked_indicator(c: sqlite3.Connection, report_id: int, figure_id: int) -> str | None:
    """The indicator value the figure fills: an indicator value links only to a figure of its own
    report, so it is looked for among that report's (through their key, no index by figure; the
    first in key order, as the index by figure gave it)."""
    r = c.execute(
        "SELECT indicator FROM indicator_values WHERE report_id = ? AND figure_id = ?",
        (report_id, figure_id),
    ).fetchone()
    return r[0] if r else None


def _on_figure(s: Session, reviewer: str, figure_id: int, action: str, mutate: Mutate) -> Change:
    return act(s, reviewer, _report_of(s, figure_id), f"figure:{figure_id}", action, mutate)


# ---- figures -----------------------------------------------------------------------------------
def confirm(s: Session, reviewer: str, figure_id: int) -> Change:
    def mutate(c: sqlite3.Connection, rec: Recorder) -> tuple[str, str]:
        f = _figure_row(s, c, figure_id)
        rec.touch(f"figure:{figure_id}")
        status = f["status"] if f["status"] in ("corrected", "added") else "confirmed"
        c.execute(
            "UPDATE figures SET status = ? WHERE report_id = ? AND id = ?",
            (status, f["report_id"], figure_id),
        )
        ind = _linked_indicator(c, f["report_id"], figure_id)
        if ind:
            rec.touch(f"indicator:{ind}")
            c.execute(
                "UPDATE indicator_values SET status = 'confirmed' WHERE report_id = ? AND indicator = ? "
                "AND status = 'pending'",
                (f["report_id"], ind),
            )
        return f["status"], status

    return _on_figure(s, reviewer, figure_id, "confirm", mutate)


def confirm_figures(s: Session, reviewer: str, report_id: int, figure_ids: Iterable[int]) -> Change:
    """Confirm the figures of ``figure_ids`` still to check (a paragraph's), in one review event: one
    undo takes them all back."""
    ids = list(dict.fromkeys(figure_ids))
    if not ids:
        raise StoreError(f"{messages.shown_name(s.path)}: 没有要确认的数字")

    def mutate(c: sqlite3.Connection, rec: Recorder) -> tuple[str, str]:
        n = 0
        for fid in ids:
            f = _figure_row(s, c, fid)
            if f["report_id"] != report_id or f["status"] != "pending":
                continue
            rec.touch(f"figure:{fid}")
            c.execute(
                "UPDATE figures SET status = 'confirmed' WHERE report_id = ? AND id = ?", (report_id, fid)
            )
            ind = _linked_indicator(c, report_id, fid)
            if ind:
                rec.touch(f"indicator:{ind}")
                c.execute(
                    "UPDATE indicator_values SET status = 'confirmed' WHERE report_id = ? AND indicator = ? "
                    "AND status = 'pending'",
                    (report_id, ind),
                )
            n += 1
        return "", f"{n} 个数字已确认"

    return act(s, reviewer, report_id, "figures:" + ",".join(map(str, ids)), "confirm", mutate)


def correct(s: Session, reviewer: str, figure_id: int, value: Decimal) -> Change:
    value = Decimal(value)

    def mutate(c: sqlite3.Connection, rec: Recorder) -> tuple[str, str]:
        f = _figure_row(s, c, figure_id)
        rec.touch(f"figure:{figure_id}")
        orig = codec.text_dec(f["original_value"])
        status = "added" if f["status"] == "added" else ("confirmed" if orig == value else "corrected")
        c.execute(
            "UPDATE figures SET value = ?, status = ? WHERE report_id = ? AND id = ?",
            (codec.dec_text(value), status, f["report_id"], figure_id),
        )
        ind = _linked_indicator(c, f["report_id"], figure_id)
        if ind:
            _set_indicator(c, rec, f["report_id"], ind, value, None)
        return _show(codec.text_dec(f["value"])), _show(value)

    return _on_figure(s, reviewer, figure_id, "correct", mutate)


def reject(s: Session, reviewer: str, figure_id: int) -> Change:
    def mutate(c: sqlite3.Connection, rec: Recorder) -> tuple[str, str]:
        f = _figure_row(s, c, figure_id)
        rec.touch(f"figure:{figure_id}")
        c.execute(
            "UPDATE figures SET status = 'rejected' WHERE report_id = ? AND id = ?",
            (f["report_id"], figure_id),
        )
        return f["status"], "rejected"

    return _on_figure(s, reviewer, figure_id, "reject", mutate)


def add(
    s: Session,
    reviewer: str,
    report_id: int,
    start: int,
    end: int,
    value: Decimal,
    unit: str | None = None,
    label: str = "",
    indicator: str | None = None,
) -> Change:
    value = Decimal(value)

    def mutate(c: sqlite3.Connection, rec: Recorder) -> tuple[str, str]:
        stored = c.execute("SELECT text FROM reports WHERE id = ?", (report_id,)).fetchone()
        text = codec.unpack_text(stored[0])[start:end] if stored and end > start else ""
        fid = figure_ids.next_id(c)  # never an id a figure had before (a redo restores it)
        rec.new(f"figure:{fid}")
        added = Figure(start=start, end=end, text=text, value=value, unit=unit, label=label,
                       indicator=indicator, confidence=1.0, rule="manual", source="manual")  # fmt: skip
        row = {**codec.figure_row(report_id, added), "id": fid, "original_value": None, "status": "added"}
        history.restore(c, report_id, f"figure:{fid}", row)
        return "", _show(value)

    return act(s, reviewer, report_id, "figure:new", "add", mutate)


def set_indicator(s: Session, reviewer: str, figure_id: int, indicator: str | None) -> Change:
    def mutate(c: sqlite3.Connection, rec: Recorder) -> tuple[str, str]:
        f = _figure_row(s, c, figure_id)
        rec.touch(f"figure:{figure_id}")
        c.execute(
            "UPDATE figures SET indicator = ? WHERE report_id = ? AND id = ?",
            (indicator, f["report_id"], figure_id),
        )
        return f["indicator"] or "", indicator or ""

    return _on_figure(s, reviewer, figure_id, "set_indicator", mutate)


# ---- indicators --------------------------------------------------------------------------------
def _set_indicator(
    c: sqlite3.Connection,
    rec: Recorder,
    report_id: int,
    indicator: str,
    value: Decimal | None,
    kind: str | None,
) -> tuple[str, str]:
    key = f"indicator:{indicator}"
    rec.touch(key)
    old = rec.before[key]
    kind = codec.kind_of(value, kind)
    v = codec.dec_text(value)
    if old is None:
        c.execute(
            """INSERT INTO indicator_values (report_id, indicator, kind, value, raw, status)
               VALUES (?, ?, ?, ?, '', 'corrected')""",
            (report_id, indicator, kind, v),
        )
        return "", _show(value) or kind
    same = old["original_kind"] == kind and codec.text_dec(old["original_value"]) == value
    c.execute(
        "UPDATE indicator_values SET kind = ?, value = ?, status = ? WHERE report_id = ? AND indicator = ?",
        (kind, v, "confirmed" if same else "corrected", report_id, indicator),
    )
    return _show(codec.text_dec(old["value"])) or old["kind"], _show(value) or kind


def set_indicator_value(
    s: Session, reviewer: str, report_id: int, indicator: str, value: Decimal | None, kind: str = "number"
) -> Change:
    value = None if value is None else Decimal(value)

    def mutate(c: sqlite3.Connection, rec: Recorder) -> tuple[str, str]:
        old, new = _set_indicator(c, rec, report_id, indicator, value, kind)
        r = c.execute(
            "SELECT figure_id FROM indicator_values WHERE report_id = ? AND indicator = ?",
            (report_id, indicator),
        ).fetchone()
        if r and r[0] is not None and value is not None:
            f = history.snapshot(c, report_id, f"figure:{r[0]}")
            if f is not None:
                rec.touch(f"figure:{r[0]}")
                orig = codec.text_dec(f["original_value"])
                c.execute(
                    "UPDATE figures SET value = ?, status = ? WHERE report_id = ? AND id = ?",
                    (codec.dec_text(value), "confirmed" if orig == value else "corrected", report_id, r[0]),
                )
        return old, new

    return act(s, reviewer, report_id, f"indicator:{indicator}", "set_indicator_value", mutate)


def mark_not_stated(s: Session, reviewer: str, report_id: int, indicator_ids: Iterable[str]) -> Change:
    """Mark the cells of ``indicator_ids`` as not stated by the report (未填报), in one review event
    (one undo takes them all back)."""
    ids = list(dict.fromkeys(indicator_ids))
    if not ids:
        raise StoreError(f"{messages.shown_name(s.path)}: 没有要标为未填报的单元格")

    def mutate(c: sqlite3.Connection, rec: Recorder) -> tuple[str, str]:
        for ind in ids:
            _set_indicator(c, rec, report_id, ind, None, vocab.NOT_STATED)
        return "", f"{len(ids)} 项{vocab.NOT_STATED_SHOWN}"

    return act(s, reviewer, report_id, "indicators:" + ",".join(ids), "set_indicator_value", mutate)


def confirm_indicators(s: Session, reviewer: str, report_id: int, indicator_ids: Iterable[str]) -> Change:
    ids = list(dict.fromkeys(indicator_ids))

    def mutate(c: sqlite3.Connection, rec: Recorder) -> tuple[str, str]:
        for ind in ids:
            r = c.execute(
                "SELECT status, figure_id FROM indicator_values WHERE report_id = ? AND indicator = ?",
                (report_id, ind),
            ).fetchone()
            if r is None:
                continue
            rec.touch(f"indicator:{ind}")
            if r[0] == "pending":
                c.execute(
                    "UPDATE indicator_values SET status = 'confirmed' WHERE report_id = ? AND indicator = ?",
                    (report_id, ind),
                )
            if r[1] is not None:
                rec.touch(f"figure:{r[1]}")
                c.execute(
                    "UPDATE figures SET status = 'confirmed' WHERE report_id = ? AND id = ? AND status = 'pending'",
                    (report_id, r[1]),
                )
        tied = _confirm_tied_figures(c, rec, report_id)
        return "", f"{len(ids)} 项已确认" + (f"，正文数字 {tied} 个随表确认" if tied else "")

    return act(s, reviewer, report_id, "indicators:" + ",".join(ids), "confirm_indicators", mutate)


def _confirm_tied_figures(c: sqlite3.Connection, rec: Recorder, report_id: int) -> int:
    """Confirm, in the same event, the narrative figures still to check that a passing check ties to
    table cells now all confirmed (``core.checks.tied_figures``); how many."""
    done = [
        r[0]
        for r in c.execute(
            "SELECT indicator FROM indicator_values WHERE report_id = ? AND status IN ('confirmed', 'corrected')",
            (report_id,),
        )
    ]
    results = [
        _Check(r[0], r[1], r[2], tuple(json.loads(r[3])))
        for r in c.execute(
            "SELECT rule, subject, status, cells FROM checks WHERE report_id = ?", (report_id,)
        )
    ]
    n = 0
    for start in dict.fromkeys(checks.tied_figures(results, done)):
        for (fid,) in c.execute(
            "SELECT id FROM figures WHERE report_id = ? AND start = ? AND source = 'text' AND status = 'pending'",
            (report_id, start),
        ).fetchall():
            rec.touch(f"figure:{fid}")
            c.execute(
                "UPDATE figures SET status = 'confirmed' WHERE report_id = ? AND id = ?", (report_id, fid)
            )
            n += 1
    return n


@dataclass(frozen=True)
class _Check:
    rule: str
    subject: str
    status: str
    cells: tuple[str, ...]


def accept_check(s: Session, reviewer: str, report_id: int, rule: str, subject: str, reason: str) -> Change:
    if not reason or not reason.strip():
        raise StoreError(f"{messages.shown_name(s.path)}: 接受未通过的检查必须填写理由")

    def mutate(c: sqlite3.Connection, rec: Recorder) -> tuple[str, str]:
        key = f"accept:{rule}\t{subject}"
        rec.touch(key)
        history.restore(c, report_id, key, {"reason": reason.strip()})
        return "", "accepted"

    return act(
        s, reviewer, report_id, f"check:{rule}:{subject}", "accept_check", mutate, reason=reason.strip()
    )


def set_report_status(s: Session, reviewer: str, report_id: int, status: str, override: str = "") -> Change:
    """Set the report's status; 已完成 only with nothing left open, or with an ``override`` reason."""
    if status not in REPORT_STATUSES:
        raise StoreError(f"{messages.shown_name(s.path)}: 未知的报告状态 {status!r}")
    if status in ("approved", "returned"):  # the second reviewer's, with its rules (signoff.py)
        raise StoreError(
            f"{messages.shown_name(s.path)}: {messages.status_by_signoff(vocab.REPORT_STATUSES[status])}"
        )

    def mutate(c: sqlite3.Connection, rec: Recorder) -> tuple[str, str]:
        rec.touch("report")
        old = rec.before["report"]["status"] if rec.before["report"] else ""
        if old in vocab.LOCKED_STATUSES and old != status:  # reopened only with a reason
            lock.refuse_if_locked(c, report_id)
        if status == "done" and old != "done":
            guard_open(c, s, report_id, override)
        c.execute("UPDATE reports SET status = ? WHERE id = ?", (status, report_id))
        return old, status

    reason = override.strip() if status == "done" else ""
    return act(s, reviewer, report_id, f"report:{report_id}", "set_report_status", mutate, reason=reason)


def guard_open(c: sqlite3.Connection, s: Session, report_id: int, override: str) -> None:
    """Refuse 已完成 / 复核通过 while something is left open, unless overridden with a reason."""
    n = ledger.open_items(c, report_id)
    if any(n) and not override.strip():
        raise OpenItemsError(
            f"{lock.report_name(c, report_id, messages.shown_name(s.path))}: {messages.open_refused(*n)}", n
        )
