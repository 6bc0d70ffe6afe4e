"""Signing a report off: done locks it, reopening takes a reason, the second reviewer approves or
returns it, and undo, the event log and a restart keep all of it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from store_helpers import extraction

from core import messages
from core.errors import StoreError
from core.store import Workspace


def _done(ws: Workspace) -> tuple[int, int]:
    """A report with one figure confirmed, marked done by 张三; (report id, a pending figure id)."""
    rid = ws.add_report(extraction())
    a, b, _t = ws.figures(rid)
    ws.confirm(a.id)
    ws.set_report_status(rid, "done", override=LEFT_OPEN)
    return rid, b.id


LEFT_OPEN = "其余数字与表三检查留待下一轮核对"


def _second(ws: Workspace, name: str = "李四") -> Workspace:
    """The same workspace file opened by another person."""
    return Workspace.open(ws.path, reviewer=name)


def test_a_locked_report_refuses_every_review_action_until_reopened(ws: Workspace) -> None:
    rid, b = _done(ws)
    events = len(ws.events(rid))
    attempts = [
        lambda: ws.confirm(b),
        lambda: ws.correct(b, Decimal(7)),
        lambda: ws.reject(b),
        lambda: ws.set_indicator(b, "t3.new.total"),
        lambda: ws.add(rid, 0, 2, Decimal(1)),
        lambda: ws.set_indicator_value(rid, "t3.new.natural", Decimal(35)),
        lambda: ws.confirm_indicators(rid, ["t3.new.total"]),
        lambda: ws.accept_check(rid, "t3.row_total", "本年新收", "原表如此"),
        lambda: ws.set_report_status(rid, "in_question"),
    ]
    for attempt in attempts:
        with pytest.raises(StoreError) as e:
            attempt()
        assert messages.LOCKED in str(e.value) and "甲市人民政府-2023.pdf" in str(e.value)
    assert ws.figure(b).status == "pending" and ws.report(rid).status == "done"
    assert len(ws.events(rid)) == events  # nothing recorded for a refused action
    with pytest.raises(StoreError, match="原因"):
        ws.reopen(rid, "  ")
    ws.reopen(rid, "表三数字需再核")
    last = ws.events(rid)[-1]
    assert (last.action, last.old, last.new, last.reason) == ("reopen", "done", "in_review", "表三数字需再核")
    ws.confirm(b)
    assert ws.figure(b).status == "confirmed"
    with pytest.raises(StoreError, match="未锁定"):
        ws.reopen(rid, "再开一次")


def test_the_second_reviewer_approves_and_the_report_stays_locked(ws: Workspace) -> None:
    rid, b = _done(ws)
    ws.set_reviewers("张三", "李四")
    with pytest.raises(StoreError, match="不能复核自己"):
        ws.approve(rid)  # 张三 marked it done
    assert ws.report(rid).status == "done"
    with _second(ws) as li:
        li.approve(rid, override=LEFT_OPEN)
        assert li.report(rid).status == "approved"
        assert li.signers()[rid].reviewer == "张三" and li.signers()[rid].second_reviewer == "李四"
        with pytest.raises(StoreError, match="锁定"):
            li.confirm(b)
    with pytest.raises(StoreError, match="锁定"):
        ws.confirm(b)


def test_the_first_reviewer_cannot_approve_even_when_named_second(ws: Workspace) -> None:
    rid, _b = _done(ws)
    with pytest.raises(StoreError, match="复核人"), _second(ws) as li:
        li.approve(rid)  # no second reviewer named in the workspace yet
    with pytest.raises(StoreError, match="同一人"):
        ws.set_reviewers("张三", "张三")
    ws.set_reviewers(second_reviewer="李四")
    with _second(ws, "王五") as wang, pytest.raises(StoreError, match="李四"):
        wang.approve(rid)  # only the second reviewer named in the workspace
    assert ws.report(rid).status == "done"


def test_a_return_reopens_the_report_for_the_first_reviewer(ws: Workspace) -> None:
    rid, b = _done(ws)
    ws.set_reviewers("张三", "李四")
    with _second(ws) as li:
        with pytest.raises(StoreError, match="原因"):
            li.return_report(rid, "")
        li.return_report(rid, "表三合计与正文不符")
        ev = li.events(rid)[-1]
        assert (ev.reviewer, ev.action, ev.reason) == ("李四", "return", "表三合计与正文不符")
    assert ws.report(rid).status == "returned"
    ws.confirm(b)  # open again for the first reviewer
    with _second(ws) as li, pytest.raises(StoreError, match="已完成"):
        li.approve(rid)  # not done again yet
    ws.set_report_status(rid, "done", override=LEFT_OPEN)
    with _second(ws) as li:
        li.approve(rid, override=LEFT_OPEN)
    assert ws.report(rid).status == "approved"


def test_statuses_and_names_survive_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    with Workspace.open(path, reviewer="张三") as ws:
        rid, _b = _done(ws)
        ws.set_reviewers("张三", "李四")
    with Workspace.open(path) as again:
        assert again.reviewers().reviewer == "张三" and again.reviewers().second_reviewer == "李四"
        assert again.report(rid).status == "done"
    with Workspace.open(path, reviewer="李四") as li:
        li.approve(rid, override=LEFT_OPEN)
    with Workspace.open(path, readonly=True) as ro:
        assert ro.report(rid).status == "approved"
        assert [e.action for e in ro.events(rid)][-2:] == ["set_report_status", "approve"]
    with Workspace.open(tmp_path / "fresh.sqlite", readonly=False) as fresh:
        assert fresh.reviewers().reviewer == ""  # never a name nobody entered


def test_undo_keeps_the_lock(ws: Workspace) -> None:
    rid, b = _done(ws)
    ws.set_reviewers("张三", "李四")
    # undoing "done" is a reopen: it takes a reason, and is recorded as one
    with pytest.raises(StoreError, match="原因"):
        ws.undo(rid)
    assert ws.report(rid).status == "done"
    ws.undo(rid, reason="漏核一个数字")
    last = ws.events(rid)[-1]
    assert ws.report(rid).status == "in_review"
    assert (last.action, last.reason) == ("reopen", "漏核一个数字")
    ws.confirm(b)
    ws.set_report_status(rid, "done", override=LEFT_OPEN)
    with _second(ws) as li:
        li.approve(rid, override=LEFT_OPEN)
        # neither the first reviewer's "done" nor the approval is undone from under the lock
        with pytest.raises(StoreError, match="不能撤销"):
            ws.undo(rid)
        with pytest.raises(StoreError, match="不能撤销"):
            li.undo(rid)
        assert li.report(rid).status == "approved"
    with _second(ws, "王五") as wang:
        wang.reopen(rid, "补录遗漏")
        with pytest.raises(StoreError, match="不能撤销"):
            wang.undo(rid)  # a reopening is not undone: the report is marked done again
    # 张三's latest step, the done before the approval, is not undone across the lock
    with pytest.raises(StoreError, match="不能"):
        ws.undo(rid)
    assert ws.figure(b).status == "confirmed" and ws.report(rid).status == "in_review"


def test_the_review_record_names_the_second_reviewer_and_the_day_they_approved(ws: Workspace) -> None:
    from core.export import record

    rid, _b = _done(ws)
    ws.set_reviewers("张三", "李四")
    with _second(ws) as li:
        li.approve(rid, override=LEFT_OPEN)
        day = li.events(rid)[-1].at[:10]
        assert record.select(li) == [rid]  # approved is finished too: its record is made with the done ones
        [rec] = record.load(li, [rid])
    assert rec.second_reviewer() == ("李四", day)
    assert rec.reviewer()[0] == "张三"  # the approval is not counted as the first reviewer's work
    assert f"复核人：李四　{day}" in record.html([rec])


def test_the_exported_summary_names_both_reviewers(ws: Workspace, tmp_path: Path) -> None:
    import openpyxl

    from core import export

    rid, _b = _done(ws)
    ws.set_reviewers("张三", "李四")
    with _second(ws) as li:
        li.approve(rid, override=LEFT_OPEN)
    out = tmp_path / "核查结果.xlsx"
    export.to_xlsx(ws, out)
    sheet = openpyxl.load_workbook(out)["汇总"]
    header = [c.value for c in sheet[3]]
    row = [c.value for c in sheet[4]]
    assert row[header.index("审核状态")] == "复核通过"
    assert row[header.index("审核人")] == "张三" and row[header.index("复核人")] == "李四"
