"""``hecha verify``: replay the review log and check that the workspace is what it says.

Checks, in order: no trigger or view planted in the file; each hash chain (review events, the
reviewers' names) unbroken and as long as the ledger says; every event's ``undone`` flag as its undo
and redo events leave it; per report, every event found what the one before it left (``before_state``
equals the replayed state), the tables equal the replay, the state before the first event of each item
is the report as imported (``sealed``), and a locked report's data is the one its 已完成 / 复核通过
signed (``digest``); the reviewers' names are the last ones their events set. The first problem names
the first bad event.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from core import vocab
from core.store import ledger


@dataclass
class Result:
    problems: list[str] = field(default_factory=list)
    events: int = 0
    reports: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _event_name(row: dict[str, Any]) -> str:
    action = vocab.REVIEW_ACTIONS.get(row["action"], row["action"])
    who = row["reviewer"] or "未署名"
    return f"审核记录 #{row['id']}（{row['at']} {who} {action}）"


def locking_event(conn: sqlite3.Connection, report_id: int) -> int | None:
    """The event that locked the report as it is now (its latest 已完成 or 复核通过), when locked."""
    r = conn.execute("SELECT status FROM reports WHERE id = ?", (report_id,)).fetchone()
    if r is None or r[0] not in vocab.LOCKED_STATUSES:
        return None
    e = conn.execute(
        "SELECT id FROM review_events WHERE report_id = ? AND undone = 0 AND "
        "((action = 'set_report_status' AND new = 'done') OR action = 'approve') ORDER BY id DESC LIMIT 1",
        (report_id,),
    ).fetchone()
    return int(e[0]) if e else None


def _replay(
    events: list[dict[str, Any]],
) -> tuple[dict[str, Any], dict[str, Any], dict[str, int], str | None]:
    """(first state of each key, last state of each key, the last event of each key, the first
    inconsistency) of one report's events."""
    first: dict[str, Any] = {}
    cur: dict[str, Any] = {}
    last: dict[str, int] = {}
    bad: str | None = None
    for e in events:
        before = json.loads(e["before_state"] or "{}")
        after = json.loads(e["after_state"] or "{}")
        for k, v in before.items():
            if k not in cur:
                first[k] = cur[k] = v
            elif cur[k] != v and bad is None:
                bad = f"{_event_name(e)}记录的修改前状态与此前的记录不符（{_key_name(k)}）：它改动了别人此后的修改或被改写"
        for k, v in after.items():
            cur[k] = v
            last[k] = e["id"]
    return first, cur, last, bad


def _key_name(key: str) -> str:
    kind, _, ident = key.partition(":")
    return {"figure": "数字 #", "indicator": "指标 ", "accept": "接受的检查 ", "report": "报告状态"}.get(
        kind, ""
    ) + ("" if kind == "report" else ident.replace("\t", " "))


def baseline_digest(conn: sqlite3.Connection, report_id: int) -> str:
    """The digest of the report as imported: its state now with every item its events touched put
    back as the first event found it."""
    events = _events(conn, report_id)
    first, _cur, _last, _bad = _replay(events)
    return ledger.digest_of(_baseline(ledger.state_rows(conn, report_id), first))


def _baseline(now: dict[str, Any], first: dict[str, Any]) -> dict[str, Any]:
    base = dict(now)
    for k, v in first.items():
        if k == "report":
            continue
        if v is None:
            base.pop(k, None)
        else:
            base[k] = v
    return base


def _events(conn: sqlite3.Connection, report_id: int | None = None) -> list[dict[str, Any]]:
    return list(_each_event(conn, report_id))


def _each_event(conn: sqlite3.Connection, report_id: int | None = None) -> Iterator[dict[str, Any]]:
    """The events (of ``report_id``, or all) in order, read one at a time."""
    cols = (*ledger.EVENT_FIELDS, "undone", "hash")
    where = "" if report_id is None else " WHERE report_id = ?"
    cur = conn.execute(
        f"SELECT {', '.join(cols)} FROM review_events{where} ORDER BY id",
        () if report_id is None else (report_id,),
    )
    return (dict(zip(cols, r, strict=True)) for r in cur)


def _chain(conn: sqlite3.Connection, chain: str, label: str, rows: Iterable[dict[str, Any]]) -> str | None:
    fields = ledger.CHAINS[chain]
    prev: str | None = None
    prev_id = 0
    count = 0
    for r in rows:
        count += 1
        if r["id"] != prev_id + 1 and prev_id:
            gap = f"#{prev_id + 1}" if r["id"] == prev_id + 2 else f"#{prev_id + 1}–#{r['id'] - 1}"
            return f"{label} {gap} 被删除（哈希链在 #{r['id']} 处断开）"
        if ledger.link(prev, (r[f] for f in fields)) != r["hash"]:
            name = _event_name(r) if chain == "review_events" else f"{label} #{r['id']}"
            return f"{name}在核查之外被改动、插入或其前一条被删除（哈希链在此断开）"
        prev, prev_id = r["hash"], r["id"]
    h, n = ledger.head(conn, chain)
    if n != count or h != prev:
        return f"{label}的最后 {max(0, n - count)} 条被删除，或记录链登记被改动（共 {count} 条，登记 {n} 条）"
    return None


def verify(conn: sqlite3.Connection) -> Result:
    """Check the whole workspace (see the module's docstring)."""
    res = Result()
    planted = ledger.foreign_objects(conn)
    if planted:
        res.problems.append(f"工作区中有核查没有创建的{'、'.join(planted)}（可能在审核时改写数据）")
    lost = ledger.missing_objects(conn)
    if lost:
        res.problems.append(f"工作区中缺少核查的{'、'.join(lost)}（在核查之外被删除）")
    # the events are read as they are checked, never held all at once: a decade of reviews is large
    res.events = conn.execute("SELECT count(*) FROM review_events").fetchone()[0]
    bad = _chain(conn, "review_events", "审核记录", _each_event(conn))
    if bad:
        res.problems.append(bad)
    wcols = (*ledger.WORKSPACE_EVENT_FIELDS, "hash")
    wrows = [
        dict(zip(wcols, r, strict=True))
        for r in conn.execute(f"SELECT {', '.join(wcols)} FROM workspace_events ORDER BY id")
    ]
    bad = _chain(conn, "workspace_events", "审核人姓名记录", wrows)
    if bad:
        res.problems.append(bad)
    names: dict[str, str] = {}
    for r in wrows:
        names[r["key"]] = r["new"]
    stored = {}
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'workspace_settings'").fetchone():
        stored = {k: v for k, v in conn.execute("SELECT key, value FROM workspace_settings") if v}
    for key in sorted(set(names) | set(stored)):
        if names.get(key, "") != stored.get(key, ""):
            who = vocab.SECOND_REVIEWER if key == "second_reviewer" else vocab.REVIEWER
            res.problems.append(
                f"工作区的{who}“{stored.get(key, '')}”不是姓名记录中最后设置的“{names.get(key, '')}”"
                "（在核查之外被改名）"
            )
    undone: dict[int, int] = {}  # the undo and redo events' targets: the flag each leaves
    for action, undoes in conn.execute(
        "SELECT action, undoes FROM review_events WHERE action IN ('undo', 'redo') ORDER BY id"
    ):
        if undoes is not None:
            undone[undoes] = 1 if action == "undo" else 0
    for e in conn.execute("SELECT id, at, reviewer, action, undone FROM review_events ORDER BY id"):
        row = dict(zip(("id", "at", "reviewer", "action", "undone"), e, strict=True))
        if int(row["undone"]) != undone.get(row["id"], 0):
            res.problems.append(f"{_event_name(row)}的撤销标记与撤销、重做记录不符（在核查之外被改动）")
            break
    res.reports = conn.execute("SELECT count(*) FROM reports").fetchone()[0]
    # report by report (the report's events by its index), one report's events held at a time
    for rid, path, status, sealed in conn.execute("SELECT id, path, status, sealed FROM reports ORDER BY id"):
        name = PurePath(path.replace("\\", "/")).name
        res.problems.extend(f"{name}: {p}" for p in _report(conn, rid, status, sealed, _events(conn, rid)))
    return res


def report_problems(conn: sqlite3.Connection, report_id: int) -> list[str]:
    """The replay checks of one report (the record runs them for the reports it prints)."""
    r = conn.execute("SELECT status, sealed FROM reports WHERE id = ?", (report_id,)).fetchone()
    if r is None:
        return []
    return _report(conn, report_id, r[0], r[1], _events(conn, report_id))


def _report(
    conn: sqlite3.Connection, rid: int, status: str, sealed: str | None, events: list[dict[str, Any]]
) -> list[str]:
    out: list[str] = []
    first, cur, last, bad = _replay(events)
    if bad:
        out.append(bad)
    now = ledger.state_rows(conn, rid)
    now["report"] = {"status": status}
    by_id = {e["id"]: e for e in events}
    for k, v in cur.items():
        if now.get(k) != v:
            out.append(f"{_key_name(k)} 与{_event_name(by_id[last[k]])}之后的记录不符（在核查之外被修改）")
            break
    if first.get("report", {"status": "unreviewed"}) != {"status": "unreviewed"} or (
        "report" not in cur and status != "unreviewed"
    ):
        out.append("报告状态没有相应的审核记录（在核查之外被修改）")
    for k, v in now.items():  # an item no event touched is as extracted: name the first that is not
        if k in first or not v or k == "report" or k.startswith("accept:"):
            continue
        kind_ok = k.startswith("figure:") or v["kind"] == v["original_kind"]
        if v["status"] != "pending" or v["value"] != v["original_value"] or not kind_ok:
            out.append(f"{_key_name(k)} 的值或状态没有审核记录（在核查之外被改动，现为 {v['value']}）")
            break
    if (
        sealed is not None
        and ledger.digest_of(_baseline({k: v for k, v in now.items() if k != "report"}, first)) != sealed
    ):
        out.append("数据与导入时的数据和审核记录不符：有未经审核记录的修改（在核查之外被改动）")
    lock = locking_event(conn, rid)
    if status in vocab.LOCKED_STATUSES:
        if lock is None:
            out.append("报告已锁定，但没有相应的已完成或复核通过记录")
        elif by_id[lock]["digest"] != ledger.digest(conn, rid):
            out.append(f"数据与{_event_name(by_id[lock])}签署时的摘要不符：签署后数据被改动，签署不再有效")
    return out


def quick(conn: sqlite3.Connection) -> str | None:
    """The cheap part, run at every open: planted triggers or views, each chain's head."""
    planted = ledger.foreign_objects(conn)
    if planted:
        return f"工作区中有核查没有创建的{'、'.join(planted)}"
    return ledger.head_problem(conn)
