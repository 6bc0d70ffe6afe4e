"""The format's arithmetic: each inconsistency yields exactly the failing checks it should."""

from __future__ import annotations

from decimal import Decimal

from core import checks, schema
from core.model import Figure, IndicatorValue


def iv(iid: str, v: int | None) -> IndicatorValue:
    if v is None:
        return IndicatorValue(id=iid, kind="empty", value=None)
    return IndicatorValue(id=iid, kind="zero" if v == 0 else "number", value=Decimal(v), raw=str(v))


def consistent() -> dict[str, IndicatorValue]:
    """A table 三/四 that adds up: every result row 1 per column type, totals derived."""
    parts = {"natural": 3, "business": 1, "research": 0, "nonprofit": 0, "legal": 1, "other_org": 0}
    rows = {r.key: dict(parts) for r in schema.T3_ROWS if r.key not in ("r6", "r7_total", "carried_out")}
    rows["carried_in"] = {k: 1 if k == "natural" else 0 for k in parts}
    n_results = len([r for r in schema.T3_RESULT_ROWS if r != "r6"])
    rows["r7_total"] = {k: v * n_results for k, v in parts.items()}
    rows["carried_out"] = {k: parts[k] + rows["carried_in"][k] for k in parts}
    rows["new"] = {k: rows["r7_total"][k] + rows["carried_out"][k] - rows["carried_in"][k] for k in parts}
    out = {}
    for key, cells in rows.items():
        for c, v in cells.items():
            out[f"t3.{key}.{c}"] = iv(f"t3.{key}.{c}", v)
        out[f"t3.{key}.total"] = iv(f"t3.{key}.total", sum(cells.values()))
    for g, _ in schema.T4_GROUPS:
        for c, v in zip(("upheld", "corrected", "other", "pending", "total"), (1, 2, 3, 4, 10), strict=True):
            out[f"t4.{g}.{c}"] = iv(f"t4.{g}.{c}", v)
    return out


def failing(results: list) -> set[tuple[str, str]]:
    return {(c.rule, c.subject) for c in results if c.status == "fail"}


def test_consistent_tables_pass_every_check() -> None:
    results = checks.run(consistent())
    assert failing(results) == set()
    rules = {c.rule for c in results}
    assert rules == {"t3.row_total", "t3.balance", "t3.results_total", "t4.group_total", "non_negative"}
    assert all(c.status == "pass" for c in results)
    row = next(c for c in results if c.rule == "t3.row_total" and c.subject == "new")
    assert row.formula == "66+22+0+0+22+0 = 110 ✓"


def test_one_wrong_total_fails_exactly_its_row_and_column() -> None:
    values = consistent()
    values["t3.r1.total"] = iv("t3.r1.total", 0)  # the report printed 0 instead of 5
    results = checks.run(values)
    assert failing(results) == {("t3.row_total", "r1"), ("t3.results_total", "total")}
    row = next(c for c in results if (c.rule, c.subject) == ("t3.row_total", "r1"))
    assert row.formula == "3+1+0+0+1+0 = 5 ≠ 0"
    assert row.severity == "error" and "t3.r1.total" in row.cells


def test_balance_and_table4_failures() -> None:
    values = consistent()
    values["t3.carried_out.natural"] = iv("t3.carried_out.natural", 9)
    values["t3.carried_out.total"] = iv("t3.carried_out.total", values["t3.carried_out.total"].value + 5)
    values["t4.review.total"] = iv("t4.review.total", 11)
    results = checks.run(values)
    assert failing(results) == {
        ("t3.balance", "natural"),
        ("t3.balance", "total"),
        ("t4.group_total", "review"),
    }
    g = next(c for c in results if c.rule == "t4.group_total" and c.subject == "review")
    assert g.formula == "1+2+3+4 = 10 ≠ 11"
    b = next(c for c in results if (c.rule, c.subject) == ("t3.balance", "natural"))
    assert "≠" in b.formula and "9" in b.formula


def test_blank_input_is_not_checkable_never_failed() -> None:
    values = consistent()
    values["t3.r2.legal"] = iv("t3.r2.legal", None)
    values["t3.r2.total"] = iv("t3.r2.total", 99)
    results = checks.run(values)
    row = next(c for c in results if (c.rule, c.subject) == ("t3.row_total", "r2"))
    assert row.status == "not_checkable" and "空" in row.formula
    col = next(c for c in results if (c.rule, c.subject) == ("t3.results_total", "legal"))
    assert col.status == "not_checkable"
    assert ("t3.row_total", "r2") not in failing(results)


def test_negative_and_fractional_counts() -> None:
    values = {
        "t2.licensing.decisions": IndicatorValue(
            id="t2.licensing.decisions", kind="number", value=Decimal(-3)
        ),
        "t2.penalty.decisions": IndicatorValue(
            id="t2.penalty.decisions", kind="number", value=Decimal("2.5")
        ),
        "t2.fees.amount": IndicatorValue(id="t2.fees.amount", kind="number", value=Decimal("0.092")),
        "t2_2019.licensing.delta": IndicatorValue(
            id="t2_2019.licensing.delta", kind="number", value=Decimal(-4)
        ),
    }
    assert failing(checks.run(values)) == {
        ("non_negative", "t2.licensing.decisions"),
        ("non_negative", "t2.penalty.decisions"),
    }


def test_narrative_figure_against_table_is_a_warning() -> None:
    values = consistent()
    total = values["t3.new.total"].value
    figs = [
        Figure(
            start=10, end=12, text="99", value=Decimal(99), unit="件", indicator="t3.new.total", source="text"
        ),
        Figure(
            start=30, end=32, text=str(total), value=total, unit="件", indicator="t3.new.total", source="text"
        ),
        Figure(
            start=40, end=42, text="7", value=Decimal(7), unit="件", indicator="t3.new.total", source="table"
        ),
    ]
    results = [c for c in checks.run(values, figs) if c.rule == "narrative_vs_table"]
    assert [(c.status, c.severity) for c in results] == [("fail", "warning"), ("pass", "warning")]
    assert results[0].formula == f"正文 99 ≠ 表格 {total}"
    assert "fig:10" in results[0].cells


def test_cross_year_carry_compares_last_years_carried_out() -> None:
    values = consistent()
    previous = {f"t3.carried_out.{c.key}": iv(f"t3.carried_out.{c.key}", 0) for c in schema.T3_COLUMNS}
    previous["t3.carried_out.natural"] = iv("t3.carried_out.natural", 1)
    previous["t3.carried_out.total"] = iv("t3.carried_out.total", 1)
    results = [c for c in checks.run(values, previous=previous) if c.rule == "cross_year.carry"]
    assert len(results) == 7 and all(c.status == "pass" for c in results)
    previous["t3.carried_out.total"] = iv("t3.carried_out.total", 4)
    results = checks.run(values, previous=previous)
    assert failing(results) == {("cross_year.carry", "total")}
    assert not [c for c in checks.run(values) if c.rule == "cross_year.carry"]


def test_2019_other_row_counts_in_results_total() -> None:
    values = {k: v for k, v in consistent().items() if not k.startswith("t3.r6_")}
    for c in schema.T3_COLUMNS:  # the 2019 single row holds what r6_1..3 held
        k = c.key
        v = sum(consistent()[f"t3.r6_{i}.{k}"].value for i in (1, 2, 3))
        values[f"t3.r6.{k}"] = iv(f"t3.r6.{k}", int(v))
    assert failing(checks.run(values)) == set()
