"""Confirming by group: the narrative figures a passing check ties to table cells are confirmed with the
table, and a paragraph's figures at once — each in one review event, so one undo takes the group back."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from core import pipeline
from core.store import Workspace
from core.textnorm import paragraph_at

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "tools"))

import make_samples as ms  # noqa: E402


@pytest.fixture
def ws_rid(tmp_path: Path) -> tuple[Workspace, int]:
    p = tmp_path / "示例区人民政府2023年政府信息公开工作年度报告.txt"
    text = ms.narrative("示例区人民政府", 2023, ms.Y2023, ms.T4_2023)
    p.write_text(
        text + ms.tables_plain(ms.T2_2023, ms.Y2023, ms.T4_2023) + ms.closing(2023), encoding="utf-8"
    )
    ws = Workspace.open(tmp_path / "ws.sqlite", "审核员甲")
    return ws, ws.add_report(pipeline.analyse(p))


def _tied(ws: Workspace, rid: int) -> set[int]:
    return {
        int(c[4:])
        for k in ws.checks(rid)
        if k.rule == "narrative_vs_table" and k.status == "pass"
        for c in k.cells
        if c.startswith("fig:")
    }


def test_confirming_the_tables_confirms_the_figures_a_passing_check_ties_to_them(
    ws_rid: tuple[Workspace, int],
) -> None:
    ws, rid = ws_rid
    tied = _tied(ws, rid)
    assert tied
    n = len(ws.events(rid))
    ws.confirm_indicators(rid, list(ws.indicators(rid)))
    assert len(ws.events(rid)) == n + 1
    figs = {f.start: f.status for f in ws.figures(rid) if f.source == "text"}
    assert all(figs[s] == "confirmed" for s in tied)
    assert any(st == "pending" for st in figs.values())  # a figure no check ties stays to check
    ws.undo(rid)
    figs = {f.start: f.status for f in ws.figures(rid) if f.source == "text"}
    assert all(figs[s] == "pending" for s in tied)  # the whole group back


def test_half_a_table_confirms_no_figure_that_needs_the_other_half(ws_rid: tuple[Workspace, int]) -> None:
    ws, rid = ws_rid
    ws.confirm_indicators(rid, [k for k in ws.indicators(rid) if k.startswith("t2.")])
    figs = {f.start: f.status for f in ws.figures(rid) if f.source == "text"}
    assert all(figs[s] == "pending" for s in _tied(ws, rid))


def test_a_paragraphs_figures_are_confirmed_in_one_event_and_undone_together(
    ws_rid: tuple[Workspace, int],
) -> None:
    ws, rid = ws_rid
    text = ws.text(rid) if hasattr(ws, "text") else ws.texts([rid])[rid]
    first = next(f for f in ws.figures(rid) if f.source == "text" and f.value == 1286)
    a, b = paragraph_at(text, first.start, first.end)
    para = [f for f in ws.figures(rid) if f.source == "text" and a <= f.start and f.end <= b]
    assert len(para) >= 5  # 1,286条 173条 86条 24场 3次 420余人次 98.5%
    assert "（二）依申请公开" not in text[a:b]  # the next paragraph is not part of it
    ws.confirm_figures(rid, [f.id for f in para])
    assert all(f.status == "confirmed" for f in ws.figures(rid) if f.id in {g.id for g in para})
    ws.undo(rid)
    assert all(f.status == "pending" for f in ws.figures(rid) if f.id in {g.id for g in para})
