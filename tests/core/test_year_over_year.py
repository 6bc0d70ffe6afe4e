"""Year over year: what the reviewer reads in the comparison — each indicator this year and last year
in the official order, the change and its rate, large changes flagged — and the carry check."""

from __future__ import annotations

from decimal import Decimal

from core import checks
from core.compare import compare
from core.model import IndicatorValue


def iv(iid: str, v: int | str | None, kind: str = "") -> IndicatorValue:
    if v is None:
        return IndicatorValue(
            id=iid, kind=kind or "empty", value=None, raw="/" if kind == "not_applicable" else ""
        )
    d = Decimal(v)
    return IndicatorValue(id=iid, kind=kind or ("zero" if d == 0 else "number"), value=d, raw=str(v))


def values(**kw: int | str | None) -> dict[str, IndicatorValue]:
    out = {}
    for k, v in kw.items():
        iid = k.replace("__", ".")
        out[iid] = iv(iid, v)
    return out


def test_diff_rows_follow_the_official_order_with_change_and_rate() -> None:
    now = values(
        t4__review__total=3, t3__new__total=45, t2__regulations__issued=1, t2__regulations__in_force=11
    )
    before = values(t3__new__total=20, t2__regulations__issued=0, t2__regulations__in_force=10)
    c = compare(now, before)
    assert [r.indicator for r in c.rows] == [
        "t2.regulations.issued",
        "t2.regulations.in_force",
        "t3.new.total",
        "t4.review.total",
    ]
    issued, in_force, new, review = c.rows
    assert in_force.label == "表二 规章 现行有效件数"
    assert (in_force.now_text, in_force.before_text, in_force.change, in_force.pct) == ("11", "10", 1, 10)
    assert issued.change == 1 and issued.pct is None  # from 0: no rate
    assert new.change == 25 and new.pct == 125 and new.large
    assert not in_force.large and not issued.large
    assert (review.now_text, review.before_text, review.change) == ("3", "", None)
    assert c.n_changed == 4 and c.n_large == 1


def test_diff_keeps_blank_and_not_applicable_apart_from_zero() -> None:
    now = {
        "t3.new.total": iv("t3.new.total", None),
        "t3.r1.total": iv("t3.r1.total", None, "not_applicable"),
        "t3.r2.total": iv("t3.r2.total", 0),
    }
    before = {k: iv(k, 0) for k in now}
    rows = {r.indicator: r for r in compare(now, before).rows}
    assert rows["t3.new.total"].now_text == "空白"
    assert rows["t3.r1.total"].now_text == "/"
    assert rows["t3.r2.total"].now_text == "0" and not rows["t3.r2.total"].changed
    assert rows["t3.new.total"].change is None and not rows["t3.new.total"].large


def test_carry_check_is_the_one_the_stored_checks_run() -> None:
    now = values(t3__carried_in__natural=2, t3__carried_in__total=5, t3__carried_in__business=None)
    before = values(t3__carried_out__natural=2, t3__carried_out__total=4, t3__carried_out__business=1)
    carry = {k.subject: k for k in compare(now, before).carry}
    assert carry["natural"].status == checks.PASS and carry["natural"].formula == "2 = 上年 2 ✓"
    assert carry["total"].status == checks.FAIL and carry["total"].formula == "5 ≠ 上年 4"
    assert carry["business"].status == checks.NOT_CHECKABLE
    assert set(carry) == {"natural", "total", "business"}
    stored = [k for k in checks.run(now, previous=before) if k.rule == "cross_year.carry"]
    assert sorted(stored, key=lambda k: k.subject) == sorted(carry.values(), key=lambda k: k.subject)
    assert compare(now, {}).carry == ()
