"""The one official grid: the table view's and the report sheet's forms show the same cells, and every
sum the grid shows is the sum a check evaluates, so a badge and the checks list never disagree."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_checks import consistent, iv

from core import checks
from core.model import IndicatorValue
from core.tables.grid import COL_BADGE, ROW_BADGE, grids

VARIANTS = {
    "2021": set(),
    "2019 table 二": {"t2_2019.licensing.prev_items"},
    "2019 single （六）": {"t3.r6.total"},
}


@pytest.mark.parametrize("ids", VARIANTS.values(), ids=VARIANTS.keys())
def test_view_and_sheet_show_the_same_value_cells_and_labels(ids: set[str]) -> None:
    for view, sheet in zip(grids(ids), grids(ids, sheet=True), strict=True):
        assert sorted(view.ids.values()) == sorted(sheet.ids.values())
        badge_text = {t for t in view.text.values() if t.startswith((ROW_BADGE, COL_BADGE))}
        assert set(view.text.values()) - badge_text == set(sheet.text.values())
        assert view.heading == sheet.heading and view.heading in view.title
        assert not sheet.badges and [s.total for s in sheet.sums] == [s.total for s in view.sums]


@pytest.mark.parametrize("ids", VARIANTS.values(), ids=VARIANTS.keys())
def test_no_two_cells_overlap(ids: set[str]) -> None:
    for sheet in (False, True):
        for g in grids(ids, sheet):
            covered: dict[tuple[int, int], tuple[int, int]] = {}
            cells = [*g.text, *g.ids, *g.badges]
            for r, c in cells:
                rs, cs = g.span_of(r, c)
                for rr in range(r, r + rs):
                    for cc in range(c, c + cs):
                        assert (rr, cc) not in covered, (g.key, sheet, (r, c), covered.get((rr, cc)))
                        assert rr < g.n_rows and cc < g.n_cols
                        covered[(rr, cc)] = (r, c)


def test_every_badge_stands_for_the_check_over_the_same_cells() -> None:
    values = consistent()
    results = {(c.rule, c.subject): c for c in checks.run(values)}
    sums = [s for g in grids(values) for s in g.sums]
    assert {s.rule for s in sums} == {"t3.row_total", "t3.results_total", "t4.group_total"}
    for s in sums:
        check = results[(s.rule, s.subject)]
        assert set(check.cells) == {*s.parts, s.total}
        assert check.status == checks.PASS


def test_t3_column_sum_leaves_out_the_rows_of_the_other_format() -> None:
    t3 = grids({"t3.r6.total"})[1]
    col = next(s for s in t3.sums if s.rule == "t3.results_total" and s.subject == "natural")
    assert "t3.r6.natural" in col.parts and not any(p.startswith("t3.r6_") for p in col.parts)
    assert col.total == "t3.r7_total.natural"
    t3 = grids(())[1]
    col = next(s for s in t3.sums if s.rule == "t3.results_total" and s.subject == "natural")
    assert "t3.r6.natural" not in col.parts and "t3.r6_3.natural" in col.parts


def test_sides_reads_back_the_values_a_check_lists() -> None:
    values = consistent()
    values["t3.r1.natural"] = iv("t3.r1.natural", 40)  # row r1 and column natural no longer add up
    values["t3.r2.business"] = iv("t3.r2.business", None)  # a blank: row r2 cannot be checked
    values["t4.review.total"] = iv("t4.review.total", None)
    values["t3.new.legal"] = iv("t3.new.legal", -2)
    values["t3.carried_in.research"] = IndicatorValue(
        id="t3.carried_in.research", kind="number", value=Decimal("2.5"), raw="2.5"
    )
    seen = set()
    for c in checks.run(values):
        if c.rule not in ("t3.row_total", "t3.balance", "t3.results_total", "t4.group_total"):
            continue
        left, right = checks.sides(c, values)
        listed = [values[i].value if i in values else None for i in c.cells]
        assert list(left) == listed[: len(left)], c.formula
        if c.status == checks.PASS:  # the formula names the sum once: both sides come to it
            assert sum(left) == sum(v for v in listed[len(left) :] if v is not None) == sum(right)
        else:
            assert list(right) == listed[len(left) :], c.formula
        seen.add(c.status)
    assert seen == {checks.PASS, checks.FAIL, checks.NOT_CHECKABLE}


def test_failing_cells_leave_out_accepted_and_passing_checks() -> None:
    class Row:
        def __init__(self, status: str, cells: tuple[str, ...], accepted: bool) -> None:
            self.status, self.cells, self.accepted = status, cells, accepted

    rows = [Row("fail", ("a", "b"), False), Row("fail", ("c",), True), Row("pass", ("d",), False)]
    assert checks.failing_cells(rows) == {"a", "b"}
    values = consistent()
    values["t4.review.total"] = iv("t4.review.total", 11)
    assert checks.failing_cells(checks.run(values)) == {
        f"t4.review.{c}" for c in ("upheld", "corrected", "other", "pending", "total")
    }
