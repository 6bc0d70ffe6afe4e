"""Storing a report and reading it back, the way the review window and the exports do."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from store_helpers import extraction

from core.errors import StoreError
from core.store import Workspace


def test_report_round_trip_rebuilds_document_without_original_file(ws: Workspace) -> None:
    ex = extraction()
    rid = ws.add_report(ex, original=b"%PDF-1.7 fake bytes")
    doc = ws.document(rid)
    assert doc.text == ex.document.text
    assert doc.tables == ex.document.tables
    assert doc.pages == ex.document.pages
    assert list(doc.char_pages) == list(ex.document.char_pages)
    assert list(doc.char_boxes) == list(ex.document.char_boxes)
    assert doc.boxes(0, 3) == ex.document.boxes(0, 3)
    assert (doc.issuer, doc.year, doc.title) == ("甲市人民政府", 2023, ex.document.title)
    assert ws.original_bytes(rid) == b"%PDF-1.7 fake bytes"
    row = ws.report(rid)
    assert (row.status, row.n_figures, row.n_pending, row.n_failed) == ("unreviewed", 3, 3, 1)


def test_figures_come_back_in_document_order_with_exact_values(ws: Workspace) -> None:
    rid = ws.add_report(extraction())
    figs = ws.figures(rid)
    assert [f.start for f in figs] == sorted(f.start for f in figs)
    assert [f.value for f in figs] == [Decimal(120), Decimal(35), Decimal(35)]
    assert all(f.status == "pending" and f.original_value == f.value for f in figs)


def test_indicator_kinds_keep_blank_apart_from_zero(ws: Workspace) -> None:
    rid = ws.add_report(extraction())
    inds = ws.indicators(rid)
    assert inds["t3.carried_in.natural"].kind == "empty" and inds["t3.carried_in.natural"].value is None
    assert inds["t3.new.business"].kind == "zero" and inds["t3.new.business"].value == 0
    assert inds["t3.r1.total"].kind == "not_applicable" and inds["t3.r1.total"].raw == "/"
    table_fig = next(f for f in ws.figures(rid) if f.source == "table")
    assert inds["t3.new.total"].figure_id == table_fig.id


def test_same_file_twice_is_stored_once(ws: Workspace) -> None:
    ex = extraction()
    a = ws.add_report(ex)
    b = ws.add_report(ex)
    assert a == b
    assert ws.has_sha(ex.document.sha256)
    assert len(ws.reports()) == 1


def test_filters_and_previous_year(ws: Workspace) -> None:
    a = ws.add_report(extraction(year=2022))
    b = ws.add_report(extraction(year=2023))
    c = ws.add_report(extraction(issuer="乙县人民政府", year=2023))
    assert [r.id for r in ws.reports(year=2023)] == [b, c]
    assert [r.id for r in ws.reports(issuer="乙县人民政府")] == [c]
    assert ws.previous_report(b) == a
    assert ws.previous_report(c) is None
    ws.set_report_status(a, "done", override="试用")
    assert [r.id for r in ws.reports(status="done")] == [a]


def test_unknown_report_is_a_clear_error(ws: Workspace) -> None:
    with pytest.raises(StoreError, match="没有编号为 99 的报告"):
        ws.report(99)


def test_data_survives_reopening(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "w.sqlite") as w:
        rid = w.add_report(extraction())
        w.correct(w.figures(rid)[0].id, Decimal("121"))
    with Workspace.open(tmp_path / "w.sqlite") as w:
        assert w.figures(rid)[0].value == Decimal(121)
        assert w.integrity_ok()


def _with(ex, **values):  # type: ignore[no-untyped-def]
    import dataclasses

    from core.model import IndicatorValue

    inds = dict(ex.indicators)
    for iid, v in values.items():
        inds[iid.replace("__", ".")] = IndicatorValue(
            id=iid.replace("__", "."), kind="number", value=Decimal(v), raw=str(v)
        )
    return dataclasses.replace(ex, indicators=inds)


@pytest.mark.parametrize("order", ["last_year_first", "this_year_first"])
def test_carry_check_is_there_as_soon_as_both_years_are_imported(ws: Workspace, order: str) -> None:
    last = _with(extraction(year=2022), t3__carried_out__natural=4)
    this = _with(extraction(year=2023), t3__carried_in__natural=5)
    pair = [last, this] if order == "last_year_first" else [this, last]
    ids = [ws.add_report(ex) for ex in pair]
    this_id = ids[1] if order == "last_year_first" else ids[0]
    carry = [c for c in ws.checks(this_id) if c.rule == "cross_year.carry"]
    assert [(c.subject, c.status) for c in carry] == [("natural", "fail")]
    assert "5" in carry[0].formula and "4" in carry[0].formula


def test_the_carry_check_and_the_comparison_pick_the_same_last_year(ws: Workspace) -> None:
    first = ws.add_report(_with(extraction(year=2022), t3__carried_out__natural=4))
    again = ws.add_report(_with(extraction(year=2022, salt="re-issued"), t3__carried_out__natural=5))
    ws.add_report(_with(extraction(issuer="乙县人民政府", year=2022), t3__carried_out__natural=6))
    this = ws.add_report(_with(extraction(year=2023), t3__carried_in__natural=5))
    assert first != again and ws.previous_report(this) == again  # the last imported of that year
    carry = [c for c in ws.checks(this) if c.rule == "cross_year.carry"]
    assert [(c.subject, c.status, c.formula) for c in carry] == [("natural", "pass", "5 = 上年 5 ✓")]
