"""Review actions: one event each, linked table values, accepted checks, undo/redo across restarts."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from store_helpers import extraction

from core.errors import StoreError
from core.store import Workspace


def _ids(ws: Workspace, rid: int) -> tuple[int, int, int]:
    a, b, t = ws.figures(rid)
    return a.id, b.id, t.id


def test_confirm_records_who_when_and_marks_report_in_review(ws: Workspace) -> None:
    rid = ws.add_report(extraction())
    a, _, _ = _ids(ws, rid)
    ch = ws.confirm(a)
    assert ch.figure_ids == (a,) and ch.report_changed and ch.event_id
    assert ws.figures(rid)[0].status == "confirmed"
    assert ws.report(rid).status == "in_review"
    [e] = ws.events(rid)
    assert (e.reviewer, e.action, e.target, e.old, e.new) == (
        "张三",
        "confirm",
        f"figure:{a}",
        "pending",
        "confirmed",
    )
    assert e.at[:2] == "20" and "T" in e.at


def test_correcting_a_table_figure_updates_its_indicator(ws: Workspace) -> None:
    rid = ws.add_report(extraction())
    _, _, t = _ids(ws, rid)
    ch = ws.correct(t, Decimal(36))
    assert ch.indicator_ids == ("t3.new.total",)
    ind = ws.indicators(rid)["t3.new.total"]
    assert (ind.value, ind.status) == (Decimal(36), "corrected")
    fig = next(f for f in ws.figures(rid) if f.id == t)
    assert (fig.value, fig.original_value, fig.status) == (Decimal(36), Decimal(35), "corrected")
    assert ws.events(rid)[-1].old == "35" and ws.events(rid)[-1].new == "36"


def test_setting_an_indicator_value_updates_the_linked_figure(ws: Workspace) -> None:
    rid = ws.add_report(extraction())
    _, _, t = _ids(ws, rid)
    ws.set_indicator_value(rid, "t3.new.total", Decimal(40))
    assert next(f for f in ws.figures(rid) if f.id == t).value == Decimal(40)
    ws.set_indicator_value(rid, "t4.review.total", Decimal(0))
    assert ws.indicators(rid)["t4.review.total"].kind == "zero"
    ws.set_indicator_value(rid, "t4.review.total", None, kind="not_applicable")
    assert ws.indicators(rid)["t4.review.total"].kind == "not_applicable"


def test_reject_add_and_set_indicator(ws: Workspace) -> None:
    rid = ws.add_report(extraction())
    a, b, _ = _ids(ws, rid)
    ws.reject(b)
    assert ws.report(rid).n_figures == 2
    ch = ws.add(rid, 0, 3, Decimal(2023), unit="年", label="年度")
    [new] = ch.figure_ids
    added = next(f for f in ws.figures(rid) if f.id == new)
    assert (added.status, added.source, added.text, added.original_value) == (
        "added",
        "manual",
        "本年度",
        None,
    )
    ws.set_indicator(a, "t2.regulations.issued")
    assert next(f for f in ws.figures(rid) if f.id == a).indicator == "t2.regulations.issued"


def test_confirm_a_whole_table_is_one_event(ws: Workspace) -> None:
    rid = ws.add_report(extraction())
    ch = ws.confirm_indicators(rid, ["t3.new.total", "t3.new.natural", "t3.carried_in.natural"])
    assert set(ch.indicator_ids) == {"t3.new.total", "t3.new.natural", "t3.carried_in.natural"}
    assert {v.status for v in ws.indicators(rid).values() if v.indicator in ch.indicator_ids} == {"confirmed"}
    assert len(ws.events(rid)) == 1
    assert next(f for f in ws.figures(rid) if f.source == "table").status == "confirmed"


def test_accepting_a_failing_check_needs_a_reason(ws: Workspace) -> None:
    rid = ws.add_report(extraction())
    with pytest.raises(StoreError, match="理由"):
        ws.accept_check(rid, "t3.row_total", "new", "  ")
    assert ws.report(rid).n_failed == 1
    ws.accept_check(rid, "t3.row_total", "new", "原报告如此")
    [c] = [c for c in ws.checks(rid) if c.rule == "t3.row_total" and c.subject == "new"]
    assert c.accepted and c.reason == "原报告如此"
    assert ws.report(rid).n_failed == 0
    assert ws.events(rid)[-1].reason == "原报告如此"


def test_bad_report_status_is_refused(ws: Workspace) -> None:
    rid = ws.add_report(extraction())
    with pytest.raises(StoreError):
        ws.set_report_status(rid, "finished")
    ws.set_report_status(rid, "in_question")
    assert ws.report(rid).status == "in_question"


def test_undo_redo_restore_values_and_keep_the_log(ws: Workspace) -> None:
    rid = ws.add_report(extraction())
    a, _, t = _ids(ws, rid)
    assert not ws.can_undo() and not ws.can_redo()
    ws.confirm(a)
    ws.correct(t, Decimal(99))
    ch = ws.undo()
    assert ch is not None and t in ch.figure_ids and "t3.new.total" in ch.indicator_ids
    assert ws.indicators(rid)["t3.new.total"].value == Decimal(35)
    assert next(f for f in ws.figures(rid) if f.id == t).status == "pending"
    ws.undo()
    assert ws.figures(rid)[0].status == "pending"
    assert ws.report(rid).status == "unreviewed"
    assert not ws.can_undo() and ws.undo() is None
    ws.redo()
    ws.redo()
    assert ws.indicators(rid)["t3.new.total"].value == Decimal(99)
    assert ws.redo() is None
    events = ws.events(rid)
    assert [e.action for e in events] == ["confirm", "correct", "undo", "undo", "redo", "redo"]
    assert not any(e.undone for e in events)


def test_new_action_clears_redo(ws: Workspace) -> None:
    rid = ws.add_report(extraction())
    a, b, _ = _ids(ws, rid)
    ws.confirm(a)
    ws.undo()
    assert ws.can_redo()
    ws.confirm(b)
    assert not ws.can_redo()
    assert [e.undone for e in ws.events(rid)] == [True, False, False]


def test_undo_of_add_removes_the_figure_and_redo_brings_it_back(ws: Workspace) -> None:
    rid = ws.add_report(extraction())
    [new] = ws.add(rid, 0, 3, Decimal(7)).figure_ids
    ws.undo()
    assert new not in {f.id for f in ws.figures(rid)}
    ws.redo()
    assert new in {f.id for f in ws.figures(rid)}


def test_undo_survives_restart(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "w.sqlite", reviewer="李四") as w:
        rid = w.add_report(extraction())
        fid = w.figures(rid)[0].id
        w.correct(fid, Decimal(5))
    with Workspace.open(tmp_path / "w.sqlite", reviewer="李四") as w:
        assert w.can_undo()
        w.undo()
        assert w.figures(rid)[0].value == Decimal(120)
    with Workspace.open(tmp_path / "w.sqlite") as w:
        assert w.can_redo()
        w.redo()
        assert w.figures(rid)[0].value == Decimal(5)


def test_accept_undo_unaccepts(ws: Workspace) -> None:
    rid = ws.add_report(extraction())
    ws.accept_check(rid, "t3.row_total", "new", "原表如此")
    ws.undo()
    assert ws.report(rid).n_failed == 1


def test_checks_rerun_after_each_action(ws: Workspace) -> None:
    rid = ws.add_report(extraction())
    assert ws.report(rid).n_failed == 1
    ch = ws.set_indicator_value(rid, "t3.new.natural", Decimal(35))
    assert ch.checks_changed
    assert ws.report(rid).n_failed == 0
    [c] = [c for c in ws.checks(rid) if c.rule == "t3.row_total" and c.subject == "new"]
    assert c.status == "pass"
    ws.undo()
    assert ws.report(rid).n_failed == 1


def test_change_says_exactly_what_moved(ws: Workspace) -> None:
    """A view re-reads only what the Change names: a confirm moves no check, a value edit does."""
    rid = ws.add_report(extraction())
    a, _, _ = _ids(ws, rid)
    ch = ws.confirm(a)
    assert ch.figure_ids == (a,) and not ch.checks_changed and not ch.indicator_ids
    ch = ws.set_report_status(rid, "done", override="其余留待下一轮")
    assert ch.report_changed and not ch.checks_changed and ch.figure_ids == () and ch.indicator_ids == ()
    ch = ws.set_report_status(rid, "done", override="其余留待下一轮")  # already done: nothing moves
    assert not ch.report_changed
    ch = ws.reopen(rid, "补核表三")  # done locks the report: opened again before the next edits
    assert ch.report_changed and not ch.checks_changed and ch.figure_ids == ()
    ch = ws.confirm_indicators(rid, ["t3.new.total"])
    assert ch.indicator_ids == ("t3.new.total",) and not ch.checks_changed
    again = ws.confirm_indicators(rid, ["t3.new.total"])  # already confirmed
    assert again.indicator_ids == () and again.figure_ids == () and not again.checks_changed
    ch = ws.set_indicator_value(rid, "t3.new.natural", Decimal(35))
    assert ch.checks_changed and ch.indicator_ids == ("t3.new.natural",)
    undone = ws.undo()
    assert undone is not None and undone.checks_changed and undone.indicator_ids == ("t3.new.natural",)
    ch = ws.accept_check(rid, "t3.row_total", "new", "原表如此")
    assert ch.checks_changed and ch.indicator_ids == ()
