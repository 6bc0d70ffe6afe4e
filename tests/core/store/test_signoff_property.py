"""A property of the review log: whatever two or three reviewers do over several reports — review
actions, 已完成, 复核通过, 退回, reopening, undo and redo, refused or not — after every step the
workspace verifies, no locked report changed, and every 复核通过 is bound to the report as it is.

Bounded to a few seconds; ``HECHA_PROPERTY_EXAMPLES=500`` runs more examples."""

from __future__ import annotations

import contextlib
import os
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_helpers import extraction

from core import vocab
from core.errors import StoreError
from core.store import Workspace

PEOPLE = ("张三", "李四", "王五")
OPS = (
    "confirm", "correct", "reject", "add", "accept", "set_value", "done", "done_override",
    "approve", "approve_override", "return", "reopen", "undo", "redo",
    "done_override", "approve_override", "approve_override",  # signed more often: what is at stake
)  # fmt: skip
SECOND_OPS = ("approve", "approve_override", "return")
# who acts, drawn 0-5: mostly 张三 and 王五 review and 李四 (the second reviewer) approves or returns,
# sometimes the other way round (the four-eyes rule must then refuse)
REVIEWING = (0, 0, 0, 2, 2, 1)
SECOND = (1, 1, 1, 1, 0, 2)
STEP = st.tuples(
    st.integers(0, 5),
    st.sampled_from(OPS),
    st.integers(0, 2),
    st.integers(0, 9),
    st.integers(0, 200),
)


def _do(ws: Workspace, op: str, rid: int, k: int, v: int) -> None:
    figs = ws.figures(rid)
    f = figs[k % len(figs)]
    if op == "confirm":
        ws.confirm(f.id)
    elif op == "correct":
        ws.correct(f.id, Decimal(v))
    elif op == "reject":
        ws.reject(f.id)
    elif op == "add":
        ws.add(rid, 0, 2, Decimal(v), "件", "补录")
    elif op == "accept":
        for c in ws.checks(rid):
            if c.status == "fail" and not c.accepted:
                ws.accept_check(rid, c.rule, c.subject, "原表如此")
                break
    elif op == "set_value":
        ws.set_indicator_value(rid, "t3.new.natural", Decimal(v))
    elif op in ("done", "done_override"):
        ws.set_report_status(rid, "done", override="部分留待下一轮" if op == "done_override" else "")
    elif op in ("approve", "approve_override"):
        ws.approve(rid, override="同意" if op == "approve_override" else "")
    elif op == "return":
        ws.return_report(rid, "再核")
    elif op == "reopen":
        ws.reopen(rid, "来函更正")
    elif op == "undo":
        ws.undo(rid, reason="撤销完成")
    else:
        ws.redo(rid)


@settings(
    max_examples=int(os.environ.get("HECHA_PROPERTY_EXAMPLES", "12")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(STEP, min_size=5, max_size=40))
def test_random_review_sessions_keep_the_log_provable(steps: list[tuple[int, str, int, int, int]]) -> None:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "w.sqlite"
        first = Workspace.open(path, reviewer=PEOPLE[0])
        first.set_reviewers(PEOPLE[0], PEOPLE[1])
        rids = [first.add_report(extraction(year=2020 + k, salt=str(k))) for k in range(3)]
        people = [first, *(Workspace.open(path, reviewer=p) for p in PEOPLE[1:])]
        try:
            for who, op, r, k, v in steps:
                rid = rids[r]
                who = (SECOND if op in SECOND_OPS else REVIEWING)[who]
                ws = people[who]
                locked = {
                    x: ws.signoff(x).digest for x in rids if ws.report(x).status in vocab.LOCKED_STATUSES
                }
                with contextlib.suppress(StoreError):  # a refusal records nothing
                    _do(ws, op, rid, k, v)
                res = ws.verify()
                assert res.ok, (op, PEOPLE[who], res.problems)
                for x, digest in locked.items():
                    assert ws.signoff(x).digest == digest, (op, PEOPLE[who], "a locked report changed")
                for x in rids:
                    if ws.report(x).status == "approved":
                        s = ws.signoff(x)
                        assert s.action == "approve" and s.holds and s.signed == s.digest
        finally:
            for p in people:
                p.close()


def test_a_version_2_workspace_with_a_long_history_verifies_after_the_migration(tmp_path: Path) -> None:
    """Random sessions written, then taken back to format 2 (no chain, no digests): the migration
    builds the chain and the digests, and the workspace verifies with every approval holding."""
    import random

    from test_columns import _make_version_2

    path = tmp_path / "w.sqlite"
    rng = random.Random(21)
    first = Workspace.open(path, reviewer=PEOPLE[0])
    first.set_reviewers(PEOPLE[0], PEOPLE[1])
    rids = [first.add_report(extraction(year=2020 + k, salt=str(k))) for k in range(3)]
    people = [first, *(Workspace.open(path, reviewer=p) for p in PEOPLE[1:])]
    for _ in range(120):
        op = rng.choice(OPS)
        who = (SECOND if op in SECOND_OPS else REVIEWING)[rng.randrange(6)]
        with contextlib.suppress(StoreError):
            _do(people[who], op, rids[rng.randrange(3)], rng.randrange(10), rng.randrange(200))
    approved = {r for r in rids if first.report(r).status == "approved"}
    assert approved  # the history holds an approval to carry over
    events = len(first.events())
    for p in people:
        p.close()
    _make_version_2(path)
    with Workspace.open(path, reviewer=PEOPLE[0]) as ws:
        res = ws.verify()
        assert res.ok, res.problems
        assert res.events == events
        assert {r for r in rids if ws.signoff(r).holds and ws.report(r).status == "approved"} == approved
