"""The comparison: last year's report chosen automatically and shown beside this year's, the indicator
diff with large changes flagged, and the cross-year carry check."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from tablecheck_fixtures import DOCX, OFFICE_2022, OFFICE_2023, sample_ws  # noqa: F401

from gui.compare.compare import CompareView


@pytest.fixture
def compare(qtbot: Any, sample_ws: Any) -> tuple[CompareView, Any, dict[str, int]]:  # noqa: F811
    ws, ids = sample_ws
    c = CompareView()
    qtbot.addWidget(c)
    c.set_workspace(ws)
    c.load_report(ids[OFFICE_2023])
    c.resize(1300, 700)
    c.show()
    return c, ws, ids


def _row(c: CompareView, indicator: str) -> list[str]:
    m = c.diff_model
    k = next(i for i, r in enumerate(m.rows()) if r.indicator == indicator)
    return [m.data(m.index(k, col)) for col in range(m.columnCount())]


def test_compare_opens_last_year_beside_this_year(compare: Any) -> None:
    c, _ws, ids = compare
    assert c.other_id == ids[OFFICE_2022]
    assert c.other.currentData() == ids[OFFICE_2022]
    assert c.this_pane.doc is not None and "2023年" in c.this_pane.doc.text
    assert c.other_pane.doc is not None and "示範市人民政府辦公室2022年" in c.other_pane.doc.text
    assert c.splitter.count() == 2


def test_compare_diff_shows_this_year_last_year_change_and_percent(compare: Any, qtmodeltester: Any) -> None:
    c, ws, ids = compare
    qtmodeltester.check(c.diff_model)
    assert _row(c, "t2.regulations.in_force") == ["表二 规章 现行有效件数", "11", "10", "+1", "+10.0%", ""]
    assert _row(c, "t2.regulations.issued")[1:5] == ["1", "0", "+1", "新增"]
    now, before = ws.indicators(ids[OFFICE_2023]), ws.indicators(ids[OFFICE_2022])
    changed = sum(1 for i in set(now) | set(before) if now[i].value != before[i].value)
    assert c.summary.text().startswith(f"{changed} 项指标有变化")
    c.only_changed.setChecked(True)
    assert c.diff_model.rowCount() == changed


def test_compare_flags_a_large_change_after_an_edit(compare: Any) -> None:
    c, ws, ids = compare
    assert not any(r.large for r in c.diff_model.rows())
    ws.set_indicator_value(ids[OFFICE_2023], "t2.licensing.decisions", Decimal(9000))
    c.refresh()
    assert _row(c, "t2.licensing.decisions")[1:] == ["9000", "3980", "+5020", "+126.1%", "⚠ 变化较大"]
    assert "其中 1 项变化较大" in c.summary.text()


def test_compare_shows_the_carry_check_passing_then_failing(compare: Any) -> None:
    c, ws, ids = compare
    carry = c.carry_model.checks()
    assert {k.subject for k in carry} == {
        "natural",
        "business",
        "research",
        "nonprofit",
        "legal",
        "other_org",
        "total",
    }
    assert all(k.status == "pass" for k in carry)
    total = next(k for k in carry if k.subject == "total")
    assert total.formula == "2 = 上年 2 ✓"
    ws.set_indicator_value(ids[OFFICE_2023], "t3.carried_in.total", Decimal(3))
    c.refresh()
    m = c.carry_model
    assert [m.data(m.index(0, col)) for col in range(m.columnCount())] == [
        "未通过",
        "总计",
        "3 ≠ 上年 2 ✗",
        "跨年结转",
    ]
    assert c.summary.text().endswith("跨年结转检查未通过 1 项")


def test_compare_without_last_year_lets_the_reviewer_choose(compare: Any) -> None:
    c, _ws, ids = compare
    c.load_report(ids[DOCX])
    assert c.other_id is None and c.diff_model.rowCount() == 0
    assert "没有同一发布机关上一年度的报告" in c.summary.text()
    k = c.other.findData(ids[OFFICE_2023])
    assert k > 0
    c.other.setCurrentIndex(k)
    c.other.activated.emit(k)
    assert c.other_id == ids[OFFICE_2023]
    assert c.diff_model.rowCount() > 100
    assert c.other_pane.doc is not None


def test_compare_draws_the_issuers_trend_by_year(compare: Any, qtbot: Any) -> None:
    c, ws, ids = compare
    years = [(p.year, p.new, p.done) for p in c.trend.points]
    now, before = ws.indicators(ids[OFFICE_2023]), ws.indicators(ids[OFFICE_2022])
    assert years == [
        (2022, before["t3.new.total"].value, before["t3.r7_total.total"].value),
        (2023, now["t3.new.total"].value, now["t3.r7_total.total"].value),
    ]
    assert c.trend.isVisible() and "2022" in c.trend.toolTip()
    image = c.trend.grab().toImage()  # drawn: bars of the two series' colours
    colours = {
        image.pixelColor(x, y).name() for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
    }
    assert {"#4f81bd", "#c0504d"} <= colours
    ws.set_indicator_value(ids[OFFICE_2023], "t3.new.total", Decimal(99))
    c.refresh()
    assert c.trend.points[-1].new == 99  # an edit redraws the trend
