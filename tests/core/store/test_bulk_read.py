"""The exports' bulk reads agree with the per-report reads, number by number and reviewer by reviewer."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
from store_helpers import extraction

from core import export
from core.store import Workspace


def _two(ws: Workspace) -> tuple[int, int]:
    return ws.add_report(extraction(year=2022)), ws.add_report(extraction(issuer="乙县人民政府"))


def test_bulk_reads_match_the_per_report_reads(ws: Workspace) -> None:
    a, b = _two(ws)
    figs, inds, texts = ws.all_figures(), ws.all_indicators(), ws.texts()
    assert set(figs) == set(inds) == set(texts) == {a, b}
    for rid in (a, b):
        assert texts[rid] == ws.document(rid).text
        one = ws.figures(rid)
        assert [(f.id, f.start, f.end, f.text, f.label, f.status) for f in figs[rid]] == [
            (f.id, f.start, f.end, f.text, f.label, f.status) for f in one
        ]
        assert [f.value for f in figs[rid]] == [f.value for f in one]
        per = ws.indicators(rid)
        assert list(inds[rid]) == list(per)
        assert all((v.kind, v.value, v.raw, v.status) == (per[k].kind, per[k].value, per[k].raw, per[k].status)
                   for k, v in inds[rid].items())  # fmt: skip
    assert set(ws.all_figures([b])) == {b} and ws.texts([a]) == {a: texts[a]}


def test_report_names_name_the_reports_the_list_shows(ws: Workspace) -> None:
    """The comparison's choice of reports reads names only; they are the report list's."""
    _two(ws)
    assert [tuple(n) for n in ws.report_names()] == [
        (r.id, r.path, r.title, r.issuer, r.year) for r in ws.reports()
    ]


def test_values_are_int_when_whole_and_float_otherwise_exactly(ws: Workspace) -> None:
    a, _ = _two(ws)
    n1, n2 = (f.id for f in ws.figures(a) if f.source == "text")
    huge = Decimal("1234567890123456789012")  # too long for SQLite's 64-bit integers
    ws.correct(n1, Decimal("12.50"))
    ws.correct(n2, huge)
    ws.set_indicator_value(a, "t3.new.natural", Decimal(-3))
    ws.set_indicator_value(a, "t3.r1.natural", Decimal("0.1"))
    figs = {f.id: f for f in ws.all_figures([a])[a]}
    assert figs[n1].value == 12.5 and figs[n1].original_value == 120 and type(figs[n1].original_value) is int
    assert figs[n2].value == int(huge) and type(figs[n2].value) is int
    inds = ws.all_indicators([a])[a]
    assert inds["t3.new.natural"].value == -3 and type(inds["t3.new.natural"].value) is int
    assert inds["t3.r1.natural"].value == 0.1
    assert inds["t3.new.total"].value == 35 and type(inds["t3.new.total"].value) is int
    assert inds["t3.carried_in.natural"].value is None and inds["t3.new.business"].value == 0


def test_last_reviewer_ignores_undone_actions(ws: Workspace) -> None:
    a, b = _two(ws)
    n1, n2 = (f.id for f in ws.figures(a) if f.source == "text")
    ws.confirm(n1)
    ws.reviewer = "李四"
    ws.correct(n1, Decimal(121))
    ws.confirm(n2)
    ws.undo()
    who = ws.last_reviewers()
    assert who[a][f"figure:{n1}"] == "李四" and f"figure:{n2}" not in who[a]
    assert b not in who and ws.last_reviewers([b]) == {}


def test_xlsx_shows_fractions_negative_and_huge_numbers_as_typed(ws: Workspace, tmp_path: Path) -> None:
    a, _ = _two(ws)
    n1, n2 = (f.id for f in ws.figures(a) if f.source == "text")
    ws.correct(n1, Decimal("12.5"))
    ws.correct(n2, Decimal(10) ** 20)
    ws.set_indicator_value(a, "t3.new.natural", Decimal("-3"))
    out = tmp_path / "x.xlsx"
    export.to_xlsx(ws, out)
    wb = openpyxl.load_workbook(out)
    figs = wb["数字明细"]
    values = {figs.cell(r, 7).value: figs.cell(r, 7).number_format for r in range(2, figs.max_row + 1)}
    assert values[12.5] == "#,##0.0#####" and values[10**20] == "#,##0"
    s = wb["指标数据"]
    col = [c.value for c in s[2]].index("t3.new.natural") + 1
    assert s.cell(3, col).value == -3 and s.cell(3, col).fill.fgColor.rgb.endswith("FFF2CC")


def test_figures_without_table_cells_leave_out_only_linked_figures(ws: Workspace) -> None:
    a, b = _two(ws)
    ws.add(a, 0, 2, Decimal(7), unit="件", label="补录")
    every, narrative = ws.all_figures(), ws.all_figures(in_tables=False)
    for rid in (a, b):
        linked = {v.figure_id for v in ws.indicators(rid).values() if v.figure_id is not None}
        assert linked and all(f.source == "table" for f in every[rid] if f.id in linked)
        assert narrative[rid] == [f for f in every[rid] if f.id not in linked]
    assert [f.source for f in narrative[a]] == ["manual", "text", "text"]
    assert ws.all_figures([b], in_tables=False) == {b: narrative[b]}
