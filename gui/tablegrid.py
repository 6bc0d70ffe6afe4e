"""The official grid layout of tables 二, 三 and 四 (2021 format, and the 2019 table 二 / single （六）
row), as cells with spans: header and label text, the indicator id of each value cell, and where the
sum badges go. Pure data (no Qt), built from ``core.tables.layout``; ``gui.tableview`` shows it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from core.tables import layout

T3_LABEL_COLS = 3
ROW_BADGE = "Σ 行合计"
COL_BADGE = "Σ 列合计"


@dataclass
class Grid:
    """One standard table laid out as the official form shows it."""

    key: str  # "t2" | "t3" | "t4"
    title: str
    n_rows: int = 0
    n_cols: int = 0
    header_rows: int = 0
    text: dict[tuple[int, int], str] = field(default_factory=dict)
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)  # row, col, rowspan, colspan
    ids: dict[tuple[int, int], str] = field(default_factory=dict)  # value cell → indicator id
    # badge cell → (indicator ids summed, indicator id of the stated total)
    badges: dict[tuple[int, int], tuple[tuple[str, ...], str]] = field(default_factory=dict)

    def put(self, r: int, c: int, text: str, rs: int = 1, cs: int = 1) -> None:
        self.text[(r, c)] = text
        if rs > 1 or cs > 1:
            self.spans.append((r, c, rs, cs))

    def cell_of(self, indicator: str) -> tuple[int, int] | None:
        for pos, i in self.ids.items():
            if i == indicator:
                return pos
        return None

    def row_ids(self, r: int) -> list[str]:
        return [i for (rr, _c), i in sorted(self.ids.items()) if rr == r]

    def col_ids(self, c: int) -> list[str]:
        return [i for (_r, cc), i in sorted(self.ids.items()) if cc == c]

    def all_ids(self) -> list[str]:
        return [i for _, i in sorted(self.ids.items())]


def table2(ids: set[str]) -> Grid:
    """表二 in the 2021 layout, or the 2019 one when the report uses it."""
    old = layout.uses_2019_table2(ids)
    sections = layout.T2_2019 if old else layout.T2_2021
    title = "二、主动公开政府信息情况" + ("（2019年版格式）" if old else "")
    g = Grid("t2", title)
    width = max(len(s.columns) for s in sections)
    g.n_cols = 1 + width
    r = 0
    for s in sections:
        g.put(r, 0, s.heading, cs=g.n_cols)
        r += 1
        g.put(r, 0, "信息内容")
        for k, col in enumerate(s.columns):
            g.put(r, 1 + k, col, cs=1 + width - len(s.columns) if k == len(s.columns) - 1 else 1)
        r += 1
        for label, row_ids in s.rows:
            g.put(r, 0, label)
            for k, ind in enumerate(row_ids):
                last = k == len(row_ids) - 1
                cs = 1 + width - len(row_ids) if last else 1
                g.ids[(r, 1 + k)] = ind
                if cs > 1:
                    g.spans.append((r, 1 + k, 1, cs))
            r += 1
    g.n_rows = r
    return g


def _runs(keys: list[str]) -> list[tuple[int, int, str]]:
    """(first index, length, key) of runs of equal consecutive keys."""
    out: list[tuple[int, int, str]] = []
    for i, k in enumerate(keys):
        if out and out[-1][2] == k:
            out[-1] = (out[-1][0], out[-1][1] + 1, k)
        else:
            out.append((i, 1, k))
    return out


def table3(ids: set[str]) -> Grid:
    """表三: three header rows, three label columns, seven value columns, a row and a column badge."""
    g = Grid("t3", "三、收到和处理政府信息公开申请情况")
    lc = T3_LABEL_COLS
    cols = layout.T3_COLS
    g.n_cols = lc + len(cols) + 1
    g.header_rows = 3
    g.put(0, 0, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rs=3, cs=lc)
    g.put(0, lc, "申请人情况", cs=len(cols))
    g.put(1, lc, "自然人", rs=2)
    g.put(1, lc + 1, "法人或其他组织", cs=5)
    for k, (_key, label) in enumerate(cols[1:6]):
        g.put(2, lc + 1 + k, label)
    g.put(1, lc + 6, "总计", rs=2)
    badge_col = lc + len(cols)
    g.put(0, badge_col, ROW_BADGE, rs=3)
    rows = layout.t3_rows(ids)
    first = g.header_rows
    results = "三、本年度办理结果"
    tops = [results if grp else "" for _k, grp, _l in rows]
    subs = [grp if grp and grp != results else "" for _k, grp, _l in rows]
    for i, (key, grp, label) in enumerate(rows):
        r = first + i
        if not grp:
            g.put(r, 0, label, cs=lc)
        elif grp == results:
            g.put(r, 1, label, cs=lc - 1)
        else:
            g.put(r, 2, label)
        parts = tuple(f"t3.{key}.{c}" for c, _ in cols[:-1])
        for k, (c, _) in enumerate(cols):
            g.ids[(r, lc + k)] = f"t3.{key}.{c}"
        g.badges[(r, badge_col)] = (parts, f"t3.{key}.total")
    for start, n, top in _runs(tops):
        if top:
            g.put(first + start, 0, top, rs=n)
    for start, n, sub in _runs(subs):
        if sub:
            g.put(first + start, 1, sub, rs=n)
    r = first + len(rows)
    g.put(r, 0, COL_BADGE + "（（一）至（六）之和）", cs=lc)
    result_keys = [k for k, grp, _l in rows if grp and k != "r7_total"]
    for k, (c, _) in enumerate(cols):
        g.badges[(r, lc + k)] = (tuple(f"t3.{rk}.{c}" for rk in result_keys), f"t3.r7_total.{c}")
    g.n_rows = r + 1
    return g


def table4(ids: Iterable[str] = ()) -> Grid:
    """表四: 行政复议 and the two 行政诉讼 groups side by side, one value row, a badge per group."""
    g = Grid("t4", "四、政府信息公开行政复议、行政诉讼情况")
    nc = len(layout.T4_COLS)
    g.n_cols = nc * len(layout.T4_GROUPS)
    g.header_rows = 3
    g.put(0, 0, "行政复议", cs=nc)
    g.put(0, nc, "行政诉讼", cs=g.n_cols - nc)
    for gi, (gkey, _group, sub) in enumerate(layout.T4_GROUPS):
        c0 = gi * nc
        if sub:
            g.put(1, c0, sub, cs=nc)
        for k, (ckey, clabel) in enumerate(layout.T4_COLS):
            if sub:
                g.put(2, c0 + k, clabel)
            else:
                g.put(1, c0 + k, clabel, rs=2)
            g.ids[(3, c0 + k)] = f"t4.{gkey}.{ckey}"
        parts = tuple(f"t4.{gkey}.{c}" for c, _ in layout.T4_COLS[:-1])
        g.badges[(4, c0)] = (parts, f"t4.{gkey}.total")
        g.spans.append((4, c0, 1, nc))
    g.n_rows = 5
    return g


def grids(ids: Iterable[str]) -> list[Grid]:
    """The three tables for a report whose indicator ids are ``ids`` (picks the 2019/2021 variants)."""
    s = set(ids)
    return [table2(s), table3(s), table4(s)]
