"""Going back and forth between a 2019-format and a 2021-format report: the tables view reuses one
model per layout, so a day of such switches does not grow the window."""

from __future__ import annotations

import gc
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from core import schema
from core.store.rows import CheckRow, IndicatorRow
from gui.tables.tableview import GridModel, TableView

SWITCHES = 500
GROWTH_MB = 10.0


def _rss_mb() -> float:
    statm = Path("/proc/self/statm")
    if not statm.exists():
        pytest.skip("resident memory is read from /proc (Linux)")
    return int(statm.read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


class _Reports:
    """Two reports as the workspace gives them to the tables view: report 1 in the 2021 layout,
    report 2 in the 2019 one (its 表二 has the 2019 rows)."""

    def __init__(self) -> None:
        ids_2021 = [i.id for i in schema.indicators() if not i.id.startswith("t2_2019")]
        ids_2019 = [i.id for i in schema.indicators() if i.id.startswith(("t2_2019", "t3.", "t4."))]
        self.values = {1: self._rows(1, ids_2021), 2: self._rows(2, ids_2019)}

    @staticmethod
    def _rows(rid: int, ids: list[str]) -> dict[str, IndicatorRow]:
        return {
            i: IndicatorRow(
                report_id=rid,
                indicator=i,
                kind="number",
                value=Decimal(k),
                raw=str(k),
                start=None,
                end=None,
                status="pending",
                figure_id=None,
            )  # fmt: skip
            for k, i in enumerate(ids)
        }

    def indicators(self, rid: int) -> dict[str, IndicatorRow]:
        return self.values[rid]

    def checks(self, rid: int) -> list[CheckRow]:
        return []

    def report(self, rid: int) -> Any:
        return type("R", (), {"status": "in_review"})()


def _live_models() -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, GridModel))


def test_switching_between_the_2019_and_2021_layouts_keeps_memory_flat(qtbot: Any) -> None:
    view = TableView()
    qtbot.addWidget(view)
    view.set_workspace(_Reports())  # type: ignore[arg-type]
    view.show()
    titles = []
    for rid in (1, 2):
        view.load_report(rid)
        titles.append([m.grid.title for m in view.models])
    assert titles[0] != titles[1] and any("2019" in t for t in titles[1])  # two layouts indeed
    for k in range(40):  # warm up: caches, the first paint of each layout
        view.load_report(1 + k % 2)
        qtbot.wait(0)
    models = _live_models()
    before = _rss_mb()
    for k in range(SWITCHES):
        view.load_report(1 + k % 2)
        if k % 25 == 0:
            qtbot.wait(0)
    grown = _rss_mb() - before
    assert _live_models() == models  # no model left behind per switch
    assert sum(isinstance(o, GridModel) for o in view.children()) <= 6  # one per table of each layout
    assert grown <= GROWTH_MB, f"{grown:.1f} MB more after {SWITCHES} switches"
    # the tables shown are the report's own, in its layout
    view.load_report(2)
    assert any("2019" in m.grid.title for m in view.models)
    assert view.tabs.count() == 3 and view.tabs.widget(0) is view.views[0]
