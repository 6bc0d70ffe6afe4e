"""Last year's report is found when the issuer is written another way this year."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from store_helpers import extraction

from core.model import IndicatorValue
from core.store import Workspace


def _with(ex, **values):  # type: ignore[no-untyped-def]
    inds = dict(ex.indicators)
    for iid, v in values.items():
        iid = iid.replace("__", ".")
        inds[iid] = IndicatorValue(id=iid, kind="number", value=Decimal(v), raw=str(v))
    return dataclasses.replace(ex, indicators=inds)


def test_previous_year_found_across_issuer_variants(ws: Workspace) -> None:
    last = ws.add_report(extraction(issuer="苏州市吴中区人民政府", year=2022))
    this = ws.add_report(extraction(issuer="吴中区人民政府", year=2023))
    other = ws.add_report(extraction(issuer="苏州市相城区人民政府", year=2023))
    assert ws.previous_report(this) == last
    assert ws.previous_report(other) is None


def test_office_written_with_and_without_renmin(ws: Workspace) -> None:
    last = ws.add_report(extraction(issuer="市人民政府办公室", year=2022))
    this = ws.add_report(extraction(issuer="市政府办公室", year=2023))
    assert ws.previous_report(this) == last


def test_carry_check_links_issuer_variants_and_survives_a_review_action(ws: Workspace) -> None:
    ws.add_report(_with(extraction(issuer="苏州市吴中区人民政府", year=2022), t3__carried_out__natural=4))
    this = ws.add_report(_with(extraction(issuer="吴中区人民政府", year=2023), t3__carried_in__natural=5))
    carry = [(c.subject, c.status) for c in ws.checks(this) if c.rule == "cross_year.carry"]
    assert carry == [("natural", "fail")]
    ws.correct(ws.figures(this)[0].id, Decimal("121"))  # a review action re-runs the checks
    carry = [(c.subject, c.status) for c in ws.checks(this) if c.rule == "cross_year.carry"]
    assert carry == [("natural", "fail")]
