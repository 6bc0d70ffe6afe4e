"""复核通过 means a second person approved exactly this state: undo, names and hand edits cannot fake
it. Each test is one way the record could be made to say something untrue, tried as an auditor would
through the store's API."""

from __future__ import annotations

import dataclasses
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from store_helpers import extraction

from core.checks import run
from core.errors import OpenItemsError, StoreError
from core.model import Extraction, IndicatorValue
from core.store import Workspace


def _open(ws: Workspace, name: str) -> Workspace:
    """The same workspace file opened by another person."""
    return Workspace.open(ws.path, reviewer=name)


def _settle(ws: Workspace, rid: int) -> None:
    """Decide every figure and accept every failing check: nothing left open."""
    for f in ws.figures(rid):
        if f.status == "pending":
            ws.confirm(f.id)
    for k in ws.checks(rid):
        if k.status == "fail" and not k.accepted:
            ws.accept_check(rid, k.rule, k.subject, "原表如此，已电话核实")


def _approved(ws: Workspace) -> int:
    """A report 张三 settled and marked done and 李四 approved."""
    ws.set_reviewers("张三", "李四")
    rid = ws.add_report(extraction())
    _settle(ws, rid)
    ws.set_report_status(rid, "done")
    with _open(ws, "李四") as li:
        li.approve(rid)
    assert ws.report(rid).status == "approved"
    return rid


# ---- an approved report changes and stays 复核通过 ---------------------------------------------------
def test_an_approved_report_corrected_after_a_reopening_never_shows_approved_with_the_new_value(
    ws: Workspace,
) -> None:
    rid = _approved(ws)
    fid = ws.figures(rid)[0].id
    ws.reopen(rid, "发布机关来函更正")
    with _open(ws, "王五") as wang:
        wang.correct(fid, Decimal(99))
    with pytest.raises(StoreError, match="不能撤销"):
        ws.undo(rid)  # 张三's reopening: undoing it would lock 王五's correction under 李四's approval
    assert ws.report(rid).status == "in_review" and ws.figure(fid).value == Decimal(99)
    assert ws.verify().ok


def test_after_approve_reopen_correct_done_the_record_and_xlsx_name_no_second_reviewer(
    ws: Workspace, tmp_path: Path
) -> None:
    import openpyxl

    from core import export
    from core.export import record

    rid = _approved(ws)
    fid = ws.figures(rid)[0].id
    ws.reopen(rid, "发布机关来函更正")
    ws.correct(fid, Decimal(121))
    ws.set_report_status(rid, "done")
    assert ws.signers()[rid].second_reviewer == ""
    [rec] = record.load(ws, [rid])
    assert rec.second_reviewer()[0] == ""
    assert "复核人：李四" not in record.html([rec])
    out = tmp_path / "x.xlsx"
    export.to_xlsx(ws, out)
    sheet = openpyxl.load_workbook(out)["汇总"]
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    h = next(i for i, r in enumerate(rows) if "复核人" in r)  # the column headers under the title
    assert rows[h + 1][rows[h].index("复核人")] in (None, "")


def test_undoing_done_is_a_reopening_and_takes_its_reason(ws: Workspace) -> None:
    rid = ws.add_report(extraction())
    _settle(ws, rid)
    ws.set_report_status(rid, "done")
    assert ws.undo_needs_reason(rid)
    with pytest.raises(StoreError, match="原因"):
        ws.undo(rid)
    assert ws.report(rid).status == "done"
    ws.undo(rid, reason="漏看了附表")
    last = ws.events(rid)[-1]
    assert (last.action, last.reason, ws.report(rid).status) == ("reopen", "漏看了附表", "in_review")


def test_a_reason_refused_names_the_report_not_the_workspace(ws: Workspace) -> None:
    """Undoing 已完成, reopening or returning without a reason is refused in a sentence that starts with
    the report's file, as every other refusal of a step on a report does (the workspace is in the title
    bar), whichever report of several it is."""
    ws.set_reviewers("张三", "李四")
    ws.add_report(extraction(issuer="乙县人民政府"))
    rid = ws.add_report(extraction())
    name = Path(ws.report(rid).path).name
    ws.set_report_status(rid, "done", override="正文另行核对")
    for refused in (lambda: ws.undo(rid), lambda: ws.undo(), lambda: ws.reopen(rid, "  ")):
        with pytest.raises(StoreError) as e:
            refused()
        assert str(e.value).startswith(f"{name}: ") and ws.path.name not in str(e.value)
    with _open(ws, "李四") as li, pytest.raises(StoreError) as e:
        li.return_report(rid, "")
    assert str(e.value).startswith(f"{name}: ")
    assert ws.report(rid).status == "done"


# ---- undo crosses people and reports -------------------------------------------------------------
def test_undo_never_reverts_what_another_reviewer_did_later_to_the_same_figure(ws: Workspace) -> None:
    rid = ws.add_report(extraction())
    fid = ws.figures(rid)[0].id
    ws.confirm(fid)
    with _open(ws, "李四") as li:
        li.correct(fid, Decimal(130))
    with pytest.raises(StoreError, match="李四"):
        ws.undo(rid)
    assert ws.figure(fid).value == Decimal(130) and ws.figure(fid).status == "corrected"
    assert ws.events(rid)[-1].action == "correct" and not ws.events(rid)[-1].undone
    assert ws.verify().ok


def test_a_redone_figure_never_takes_the_id_of_a_figure_in_another_report(ws: Workspace) -> None:
    first = ws.add_report(extraction())
    ws.add(first, 0, 2, Decimal(7), "件", "补录")
    added = next(f.id for f in ws.figures(first) if f.status == "added")
    ws.undo(first)
    other = ws.add_report(extraction(salt="other"))
    n_other = len(ws.figures(other))
    assert all(f.id != added for f in ws.figures(other))  # the id stays the added figure's
    with _open(ws, "李四") as li:
        _settle(li, other)
        li.set_report_status(other, "done")
    ws.redo(first)
    assert len(ws.figures(other)) == n_other
    assert any(f.id == added and f.status == "added" for f in ws.figures(first))
    assert ws.verify().ok


# ---- the four-eyes rule ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("张三", "张三\u200b"),
        ("張三", "张三"),
        ("ZHANG SAN", "Zhang San"),
        ("ＺＨＡＮＧ　ＳＡＮ", "zhang san"),
    ],
)
def test_one_person_written_two_ways_is_one_person(ws: Workspace, first: str, second: str) -> None:
    with pytest.raises(StoreError, match="同一人"):
        ws.set_reviewers(first, second)
    ws.set_reviewers(first, "李四")
    rid = ws.add_report(extraction())
    with _open(ws, first) as a:
        _settle(a, rid)
        a.set_report_status(rid, "done")
    with _open(ws, "李四") as li:
        li.set_reviewers(reviewer="王五", second_reviewer=first + "\u200b")
    with _open(ws, second) as b, pytest.raises(StoreError, match="不能复核自己"):
        b.approve(rid)
    assert ws.report(rid).status == "done"


def test_renaming_the_reviewer_does_not_let_one_person_review_and_approve(ws: Workspace) -> None:
    ws.set_reviewers("张三", "李四")
    rid = ws.add_report(extraction())
    with _open(ws, "李四") as li:
        _settle(li, rid)  # 李四 does the first review
        li.set_reviewers(reviewer="王五")  # renames the reviewer
    with _open(ws, "王五") as wang:
        wang.set_report_status(rid, "done")  # marks done under the new name
    with _open(ws, "李四") as li, pytest.raises(StoreError, match="不能复核自己"):
        li.approve(rid)
    assert ws.report(rid).status == "done"
    conn = sqlite3.connect(ws.path)
    names = conn.execute("SELECT reviewer, key, old, new FROM workspace_events ORDER BY id").fetchall()
    conn.close()
    assert ("李四", "reviewer", "张三", "王五") in names  # the rename is an event, with who made it


# ---- done and approved with nothing checked --------------------------------------------------------
def test_done_and_approve_refuse_what_is_left_open_unless_overridden_with_a_reason(ws: Workspace) -> None:
    from core.export import record

    ws.set_reviewers("张三", "李四")
    rid = ws.add_report(extraction())
    with pytest.raises(OpenItemsError) as e:
        ws.set_report_status(rid, "done")
    assert e.value.open_items == (3, 0, 1)
    assert "3 个数字未核对" in str(e.value) and "1 项未通过的检查未接受" in str(e.value)
    assert ws.report(rid).status == "unreviewed"
    ws.set_report_status(rid, "done", override="只核对表三，正文数字不在本次范围")
    with _open(ws, "李四") as li:
        with pytest.raises(OpenItemsError):
            li.approve(rid)
        li.approve(rid, override="同意：正文数字不在本次范围")
    [rec] = record.load(ws, [rid])
    page = record.html([rec])
    assert "同意：正文数字不在本次范围" in page
    assert "3 个数字未核对" in page and "1 项未通过的检查未接受" in page
    assert ws.signoff(rid).digest in page


def test_an_unread_cell_must_be_filled_or_marked_not_stated(ws: Workspace) -> None:
    ex = extraction()
    inds = {
        **ex.indicators,
        "t3.carried_in.natural": IndicatorValue(
            id="t3.carried_in.natural", kind="unread", value=None, raw="?"
        ),
    }
    rid = ws.add_report(dataclasses.replace(ex, indicators=inds, checks=tuple(run(inds, ex.figures))))
    _settle(ws, rid)
    with pytest.raises(OpenItemsError, match="1 个未读出的单元格"):
        ws.set_report_status(rid, "done")
    ws.set_indicator_value(rid, "t3.carried_in.natural", None, "empty")  # 未填报
    _settle(ws, rid)
    ws.set_report_status(rid, "done")
    assert ws.report(rid).status == "done"


# ---- a locked report's checks change with no event -------------------------------------------------
def _with_carry(ex: Extraction, key: str, value: int) -> Extraction:
    inds = {**ex.indicators, key: IndicatorValue(id=key, kind="number", value=Decimal(value), raw=str(value))}
    return dataclasses.replace(ex, indicators=inds, checks=tuple(run(inds, ex.figures)))


def test_importing_the_previous_year_leaves_an_approved_reports_checks_as_signed_and_says_so(
    ws: Workspace,
) -> None:
    ws.set_reviewers("张三", "李四")
    now = ws.add_report(_with_carry(extraction(year=2023), "t3.carried_in.natural", 5))
    _settle(ws, now)
    ws.set_report_status(now, "done")
    with _open(ws, "李四") as li:
        li.approve(now)
    signed = [(k.rule, k.subject, k.status) for k in ws.checks(now)]
    ws.add_report(_with_carry(extraction(year=2022, salt="prev"), "t3.carried_out.natural", 9))
    assert [(k.rule, k.subject, k.status) for k in ws.checks(now)] == signed
    last = ws.events(now)[-1]
    assert last.action == "check_changed" and "5 ≠ 上年 9" in last.reason
    s = ws.signoff(now)
    assert s.holds and s.check_changes and ws.report(now).status == "approved"
    assert ws.verify().ok


# ---- hand edits are invisible --------------------------------------------------------------------
def _edit(ws: Workspace, sql: str, *params: object) -> None:
    conn = sqlite3.connect(ws.path)
    conn.execute(sql, params)
    conn.commit()
    conn.close()


def test_a_value_changed_in_the_file_fails_verify_and_the_record_refuses_it(ws: Workspace) -> None:
    from core.export import record

    rid = _approved(ws)
    assert ws.verify().ok
    _edit(
        ws,
        "UPDATE indicator_values SET value = '31337' WHERE report_id = ? AND indicator = 't3.new.natural'",
        rid,
    )
    res = ws.verify()
    assert not res.ok and any("核查之外" in p for p in res.problems)
    with pytest.raises(StoreError, match="未通过校验"):
        record.load(ws, [rid])


def test_an_edited_or_deleted_event_breaks_the_chain_and_is_named(ws: Workspace) -> None:
    rid = _approved(ws)
    events = ws.events(rid)
    _edit(
        ws, "UPDATE review_events SET reviewer = '王五' WHERE id = ?", events[-1].id
    )  # the approver renamed
    res = ws.verify()
    assert not res.ok and f"#{events[-1].id}" in res.problems[0]
    # the head check at open sees the last event changed
    with Workspace.open(ws.path) as again, pytest.raises(StoreError, match="未通过校验"):
        again.require_sound()


def test_a_deleted_event_in_the_middle_is_named(ws: Workspace) -> None:
    rid = _approved(ws)
    middle = ws.events(rid)[1].id
    _edit(ws, "PRAGMA foreign_keys = OFF")
    _edit(ws, "DELETE FROM review_events WHERE id = ?", middle)
    res = ws.verify()
    assert not res.ok and f"#{middle}" in res.problems[0] and "删除" in res.problems[0]


def test_a_renamed_reviewer_in_the_settings_fails_verify(ws: Workspace) -> None:
    _approved(ws)
    _edit(ws, "UPDATE workspace_settings SET value = '王五' WHERE key = 'second_reviewer'")
    res = ws.verify()
    assert not res.ok and any("王五" in p and "改名" in p for p in res.problems)


def test_a_planted_trigger_is_refused_before_anything_is_written(ws: Workspace) -> None:
    rid = _approved(ws)
    ws.close()
    _edit(
        ws,
        "CREATE TRIGGER rewrite AFTER UPDATE OF status ON reports BEGIN "
        "UPDATE indicator_values SET value = '0' WHERE report_id = NEW.id; END",
    )
    before = ws.path.read_bytes()
    with pytest.raises(StoreError, match="触发器 rewrite"):
        Workspace.open(ws.path, reviewer="李四")
    assert ws.path.read_bytes() == before
    assert rid


def test_another_programs_sqlite_file_with_a_schema_version_table_is_refused_untouched(
    tmp_path: Path,
) -> None:
    p = tmp_path / "other.db"
    conn = sqlite3.connect(p)
    conn.execute("CREATE TABLE schema_version (version INTEGER)")
    conn.execute("INSERT INTO schema_version VALUES (1)")
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.commit()
    conn.close()
    before = p.read_bytes()
    with pytest.raises(StoreError, match="不是核查工作区"):
        Workspace.open(p)
    assert p.read_bytes() == before  # not switched to WAL, not migrated
    assert sorted(x.name for x in tmp_path.iterdir()) == ["other.db"]  # no backup, no WAL beside it


def test_a_version_2_workspace_gets_its_chain_and_verifies(tmp_path: Path) -> None:
    from test_columns import _make_version_2

    p = tmp_path / "w.sqlite"
    with Workspace.open(p, reviewer="张三") as ws:
        rid = _approved(ws)
        ws.add_report(extraction(salt="2"))
    _make_version_2(p)
    with Workspace.open(p, reviewer="张三") as ws:
        res = ws.verify()
        assert res.ok, res.problems
        assert ws.signoff(rid).holds and ws.signers()[rid].second_reviewer == "李四"


def test_export_refuses_a_workspace_whose_log_was_cut_short(ws: Workspace, tmp_path: Path) -> None:
    from core import export

    rid = _approved(ws)
    _edit(ws, "PRAGMA foreign_keys = OFF")
    conn = sqlite3.connect(ws.path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DELETE FROM review_events WHERE id = ?", (ws.events(rid)[-1].id,))
    conn.commit()
    conn.close()
    with Workspace.open(ws.path, readonly=True) as ro:
        for write in (
            lambda: export.to_xlsx(ro, tmp_path / "x.xlsx"),
            lambda: export.to_csv(ro, tmp_path / "x.csv"),
        ):
            with pytest.raises(StoreError, match="未通过校验"):
                write()
    assert not (tmp_path / "x.xlsx").exists() and not (tmp_path / "x.csv").exists()


def test_one_reviewer_undoes_and_redoes_their_own_steps_back_and_forth(ws: Workspace) -> None:
    rid = ws.add_report(extraction())
    a, b, _t = ws.figures(rid)
    ws.confirm(a.id)
    ws.correct(b.id, Decimal(36))
    for _ in range(2):
        assert ws.undo(rid) is not None and ws.undo(rid) is not None
        assert ws.figure(a.id).status == "pending" and ws.figure(b.id).value == Decimal(35)
        assert ws.redo(rid) is not None and ws.redo(rid) is not None
        assert ws.figure(a.id).status == "confirmed" and ws.figure(b.id).value == Decimal(36)
    assert ws.verify().ok


def test_export_refuses_an_approved_report_whose_value_was_edited_in_the_file(
    ws: Workspace, tmp_path: Path
) -> None:
    from core import export

    rid = _approved(ws)
    ws.add_report(extraction(salt="open"))
    export.to_xlsx(ws, tmp_path / "ok.xlsx")  # sound: exported
    _edit(
        ws,
        "UPDATE indicator_values SET value = '31337' WHERE report_id = ? AND indicator = 't3.new.natural'",
        rid,
    )
    with pytest.raises(StoreError, match="t3.new.natural"):
        export.to_xlsx(ws, tmp_path / "x.xlsx")
    with pytest.raises(StoreError, match="t3.new.natural"):
        export.to_csv(ws, tmp_path / "x.csv", iter([rid]))
    assert not (tmp_path / "x.xlsx").exists()


def test_undoing_the_first_step_never_marks_a_report_unreviewed_under_someone_elses_work(
    ws: Workspace,
) -> None:
    rid = ws.add_report(extraction())
    a, b, _t = ws.figures(rid)
    ws.confirm(a.id)  # the first step: the report is now in review
    with _open(ws, "李四") as li:
        li.confirm(b.id)
    with pytest.raises(StoreError, match="李四"):
        ws.undo(rid)
    assert ws.report(rid).status == "in_review" and ws.figure(a.id).status == "confirmed"
