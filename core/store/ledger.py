"""The tamper-evident review log and the digest a sign-off is bound to.

Every review event carries ``hash`` = sha256 of the previous event's hash and this event's fields (a
hash chain, as git and certificate-transparency logs keep): an event edited, deleted or inserted
outside Hecha breaks the chain from there on. The ``ledger`` table holds each chain's head (its last
hash and length), so deleting the last event is seen too. The workspace-level events (the reviewers'
names, ``workspace_events``) form a second chain.

``digest`` is the sha256 of a report's decided state — every figure's value and status, every
indicator value, every check result and every accepted check — which 已完成 and 复核通过 store, so an
approval names exactly the state approved. ``sealed`` is the digest of the state as imported (checks
aside: they are derived), kept with the report; ``core/store/verify.py`` replays the events on it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from operator import itemgetter
from typing import Any

from core.store.clock import now_iso
from core.store.columns import FIGURES, INDICATOR_VALUES

# The fields of a review event the chain covers (``undone`` is derived from the undo/redo events and
# checked by the replay; it is the only column that changes after an event is written).
EVENT_FIELDS = (
    "id", "at", "reviewer", "report_id", "target", "action", "old", "new", "reason", "undoes",
    "before_state", "after_state", "digest",
)  # fmt: skip
WORKSPACE_EVENT_FIELDS = ("id", "at", "reviewer", "key", "old", "new")
CHAINS = {"review_events": EVENT_FIELDS, "workspace_events": WORKSPACE_EVENT_FIELDS}


def link(prev: str | None, values: Iterable[Any]) -> str:
    """The hash of one event after ``prev`` (None for the first)."""
    body = json.dumps(list(values), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{prev or ''}\x1e{body}".encode()).hexdigest()


def next_id(conn: sqlite3.Connection, table: str) -> int:
    """The next id of ``table`` (an AUTOINCREMENT table): never one used before, even if deleted."""
    r = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
    top = conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
    return max(int(r[0]) if r and r[0] is not None else 0, int(top)) + 1


def head(conn: sqlite3.Connection, chain: str) -> tuple[str | None, int]:
    r = conn.execute("SELECT head, n FROM ledger WHERE name = ?", (chain,)).fetchone()
    return (r[0], int(r[1])) if r else (None, 0)


def _set_head(conn: sqlite3.Connection, chain: str, h: str | None, n: int) -> None:
    conn.execute(
        "INSERT INTO ledger (name, head, n) VALUES (?, ?, ?) "
        "ON CONFLICT (name) DO UPDATE SET head = excluded.head, n = excluded.n",
        (chain, h, n),
    )


def append(conn: sqlite3.Connection, chain: str, row: Mapping[str, Any]) -> int:
    """Insert one event into ``chain`` (inside the caller's transaction), chained to the previous one;
    returns its id. ``row`` holds the chain's fields but ``id`` (``at`` defaults to now)."""
    fields = CHAINS[chain]
    eid = next_id(conn, chain)
    values = {**{f: None for f in fields}, "at": now_iso(), **row, "id": eid}
    for f in ("reviewer", "old", "new", "reason"):
        if f in values and values[f] is None:
            values[f] = ""
    if chain == "review_events":
        values["before_state"] = values["before_state"] or "{}"
        values["after_state"] = values["after_state"] or "{}"
    prev, n = head(conn, chain)
    h = link(prev, (values[f] for f in fields))
    cols = [*fields, "hash"]
    conn.execute(
        f"INSERT INTO {chain} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
        [*(values[f] for f in fields), h],
    )
    _set_head(conn, chain, h, n + 1)
    return eid


def rebuild_chain(conn: sqlite3.Connection, chain: str) -> None:
    """Hash every event of ``chain`` in id order and store the head (the migration that brings the
    chain to a workspace whose events had none)."""
    fields = CHAINS[chain]
    prev: str | None = None
    n = 0
    rows = conn.execute(f"SELECT {', '.join(fields)} FROM {chain} ORDER BY id").fetchall()
    for r in rows:
        prev = link(prev, r)
        n += 1
        conn.execute(f"UPDATE {chain} SET hash = ? WHERE id = ?", (prev, r[0]))
    _set_head(conn, chain, prev, n)


def head_problem(conn: sqlite3.Connection) -> str | None:
    """The cheap check run at every open: each chain's last event hashes onto the one before and is
    the head the ledger holds, and the chain is as long as the ledger says. None when sound."""
    for chain, fields in CHAINS.items():
        h, n = head(conn, chain)
        count = conn.execute(f"SELECT count(*) FROM {chain}").fetchone()[0]
        last = conn.execute(
            f"SELECT {', '.join(fields)}, hash FROM {chain} ORDER BY id DESC LIMIT 2"
        ).fetchall()
        what = "审核记录" if chain == "review_events" else "审核人姓名记录"
        if count != n:
            return f"{what}共 {count} 条，与记录链登记的 {n} 条不符（有记录在核查之外被删除或添加）"
        if not last:
            continue
        prev = last[1][-1] if len(last) > 1 else None
        if link(prev, last[0][:-1]) != last[0][-1] or last[0][-1] != h:
            return f"{what} #{last[0][0]} 在核查之外被改动（哈希链断开）"
    return None


def foreign_objects(conn: sqlite3.Connection) -> list[str]:
    """Triggers and views in the file that Hecha did not create: each one was planted by someone else.
    Hecha's own (core/store/terms.py, format 5) are recognised by their exact SQL, so one of them
    changed is planted too. A file of an older format has none of its own."""
    from core.store import terms

    version = conn.execute("SELECT max(version) FROM schema_version").fetchone()[0]
    ours = terms.expected(version) if version is not None and version >= terms.SINCE_VERSION else {}
    return [
        f"{'触发器' if t == 'trigger' else '视图'} {n}"
        for t, n, sql in conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'view') ORDER BY name"
        )
        if ours.get(n) != sql
    ]


def missing_objects(conn: sqlite3.Connection) -> list[str]:
    """Hecha's own views and triggers (format 5) that are not in the file: without them the review's
    writes would fail, so a file missing one is refused at open like a damaged one."""
    from core.store import figure_ids, terms

    version = conn.execute("SELECT max(version) FROM schema_version").fetchone()[0]
    if version is None or version < terms.SINCE_VERSION:
        return []
    there = {
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('trigger', 'view', 'table')")
    }
    # the tables the triggers write (format 7 keeps the figures' id ranges: core/store/figure_ids.py)
    tables = ["figure_id_ranges"] if version >= figure_ids.SINCE_VERSION else []
    return [
        f"{'视图' if sql.startswith('CREATE VIEW') else '触发器'} {name}"
        for name, sql in terms.expected(version).items()
        if name not in there
    ] + [f"表 {name}" for name in tables if name not in there]


# ---- the digest of a report's decided state ---------------------------------------------------------
_FIG = ("id", "value", "status", "indicator", "unit", "start", "end", "source")
_IND = ("indicator", "kind", "value", "status", "figure_id")


def state_rows(conn: sqlite3.Connection, report_id: int) -> dict[str, Any]:
    """The report's figures, indicator values and accepted checks, keyed as the review events key
    them (``figure:ID``, ``indicator:ID``, ``accept:RULE<TAB>SUBJECT``), as ``history.snapshot`` gives
    them."""
    out: dict[str, Any] = {}
    for r in conn.execute(f"SELECT {FIGURES.column_list()} FROM figures WHERE report_id = ?", (report_id,)):
        out[f"figure:{r[0]}"] = dict(zip(FIGURES.names, r, strict=True))
    for r in conn.execute(
        f"SELECT {INDICATOR_VALUES.column_list()} FROM indicator_values WHERE report_id = ?", (report_id,)
    ):
        out[f"indicator:{r[1]}"] = dict(zip(INDICATOR_VALUES.names, r, strict=True))
    for rule, subject, reason in conn.execute(
        "SELECT rule, subject, reason FROM accepted_checks WHERE report_id = ?", (report_id,)
    ):
        out[f"accept:{rule}\t{subject}"] = {"reason": reason}
    return out


def digest_of(rows: Mapping[str, Any], checks: Iterable[tuple[Any, ...]] | None = None) -> str:
    """The digest of state rows (``state_rows``) and, when given, check results (rule, subject,
    status)."""
    figs = sorted(
        (tuple(v[c] for c in _FIG) for k, v in rows.items() if k.startswith("figure:") and v),
        key=lambda t: t[0],
    )
    inds = sorted(tuple(v[c] for c in _IND) for k, v in rows.items() if k.startswith("indicator:") and v)
    acc = sorted((k[7:], v["reason"]) for k, v in rows.items() if k.startswith("accept:") and v)
    body: list[Any] = [figs, inds, acc]
    if checks is not None:
        body.append(sorted(tuple(c) for c in checks))
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def check_rows(conn: sqlite3.Connection, report_id: int) -> list[tuple[Any, ...]]:
    return conn.execute(
        "SELECT rule, subject, status FROM checks WHERE report_id = ?", (report_id,)
    ).fetchall()


def _digest_now(conn: sqlite3.Connection, report_id: int, with_checks: bool) -> str:
    """``digest_of(state_rows(...), ...)`` read straight from the columns the digest covers, in its
    order: the same digest without building a row dict per figure (a report stored at import is
    sealed in a fraction of the time)."""
    figs = conn.execute(
        f"SELECT {FIGURES.column_list(_FIG)} FROM figures WHERE report_id = ? ORDER BY id", (report_id,)
    ).fetchall()
    inds = sorted(
        conn.execute(
            f"SELECT {INDICATOR_VALUES.column_list(_IND)} FROM indicator_values WHERE report_id = ?",
            (report_id,),
        ).fetchall()
    )
    acc = sorted(
        (f"{rule}\t{subject}", reason)
        for rule, subject, reason in conn.execute(
            "SELECT rule, subject, reason FROM accepted_checks WHERE report_id = ?", (report_id,)
        )
    )
    return _digest_body(figs, inds, acc, sorted(check_rows(conn, report_id)) if with_checks else None)


def _digest_body(figs: list[Any], inds: list[Any], acc: list[Any], checks: list[Any] | None = None) -> str:
    body: list[Any] = [figs, inds, acc]
    if checks is not None:
        body.append(checks)
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def seal_stored(
    conn: sqlite3.Connection,
    report_id: int,
    figures: tuple[Sequence[str], list[tuple[Any, ...]]],
    indicators: tuple[Sequence[str], list[tuple[Any, ...]]],
) -> None:
    """``seal`` for a report just stored from these rows ((column names, rows as inserted) of its
    figures and of its indicator values): the same digest worked out from them, not read back."""
    fig = itemgetter(*(list(figures[0]).index(c) for c in _FIG))
    ind = itemgetter(*(list(indicators[0]).index(c) for c in _IND))
    figs = sorted(map(fig, figures[1]), key=lambda t: t[0])
    inds = sorted(map(ind, indicators[1]))
    conn.execute("UPDATE reports SET sealed = ? WHERE id = ?", (_digest_body(figs, inds, []), report_id))


def digest(conn: sqlite3.Connection, report_id: int) -> str:
    """The digest of the report's decided state now: what 已完成 and 复核通过 are bound to."""
    return _digest_now(conn, report_id, with_checks=True)


def seal(conn: sqlite3.Connection, report_id: int) -> None:
    """Store the digest of the report as imported (its checks aside)."""
    conn.execute(
        "UPDATE reports SET sealed = ? WHERE id = ?", (_digest_now(conn, report_id, False), report_id)
    )


def open_items(conn: sqlite3.Connection, report_id: int) -> tuple[int, int, int]:
    """What is left open in a report: figures not decided, unread cells neither filled nor marked not
    stated, failing checks not accepted."""
    pending = conn.execute(
        "SELECT count(*) FROM figures WHERE report_id = ? AND status = 'pending'", (report_id,)
    ).fetchone()[0]
    unread = conn.execute(
        "SELECT count(*) FROM indicator_values WHERE report_id = ? AND kind = 'unread'", (report_id,)
    ).fetchone()[0]
    failing = conn.execute(
        """SELECT count(*) FROM checks k WHERE k.report_id = ? AND k.status = 'fail' AND NOT EXISTS
           (SELECT 1 FROM accepted_checks a WHERE a.report_id = k.report_id AND a.rule = k.rule
            AND a.subject = k.subject)""",
        (report_id,),
    ).fetchone()[0]
    return int(pending), int(unread), int(failing)
