"""The official grid of tables 二, 三 and 四 (2021 format, and the 2019 table 二 / single （六） row) as
cells with spans: header and label text, the indicator id of each value cell, and the sum relations
(which cells are totals of which, named by the check that evaluates them). The one layout both the
table view (``gui.tables.tableview``) and the xlsx report sheets (``core.export.xlsx``) show.

Two forms of the same grid: the view's (``sheet=False``), a rectangle per table in which each row is
filled to the table's width and the sums have badge cells; and the sheet's (``sheet=True``), where
the three tables stand one below the other in the same columns, so table 二's labels span the three
label columns of table 三, a section ends with its own last column, and table 四's column labels all
sit on its last header row. Rows and columns of both forms come from ``core.tables.layout``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from core.tables import layout

T3_LABEL_COLS = 3
ROW_BADGE = "Σ 行合计"
COL_BADGE = "Σ 列合计"
# How a text cell is drawn: a heading of the form, a row label, or a group label spanning its rows.
HEAD, LABEL, GROUP = "head", "label", "group"


@dataclass(frozen=True)
class Sum:
    """A sum relation of the form: ``total`` is the sum of ``parts``; ``rule`` and ``subject`` name
    the check (``core.checks``) that evaluates it."""

    parts: tuple[str, ...]
    total: str
    rule: str
    subject: str


@dataclass
class Grid:
    """One standard table laid out as the official form shows it."""

    key: str  # "t2" | "t3" | "t4"
    title: str  # the section heading as the form prints it, with the format when it is the 2019 one
    heading: str = ""  # the section heading as the form prints it
    n_rows: int = 0
    n_cols: int = 0
    header_rows: int = 0
    # text cell → text, in the order the form reads (headings, then each row's labels)
    text: dict[tuple[int, int], str] = field(default_factory=dict)
    style: dict[tuple[int, int], str] = field(default_factory=dict)  # text cell → HEAD | LABEL | GROUP
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)  # row, col, rowspan, colspan
    ids: dict[tuple[int, int], str] = field(default_factory=dict)  # value cell → indicator id
    badges: dict[tuple[int, int], Sum] = field(default_factory=dict)  # badge cell → the sum it shows
    sums: list[Sum] = field(default_factory=list)  # every sum relation of the table

    def put(self, r: int, c: int, text: str, rs: int = 1, cs: int = 1, style: str = LABEL) -> None:
        self.text[(r, c)] = text
        self.style[(r, c)] = style
        if rs > 1 or cs > 1:
            self.spans.append((r, c, rs, cs))

    def span_of(self, r: int, c: int) -> tuple[int, int]:
        """(rowspan, colspan) of the cell at ``r``, ``c`` (1, 1 when it spans nothing)."""
        return next(((rs, cs) for rr, cc, rs, cs in self.spans if (rr, cc) == (r, c)), (1, 1))

    def add_sum(self, s: Sum, badge: tuple[int, int] | None) -> None:
        self.sums.append(s)
        if badge is not None:
            self.badges[badge] = s

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


def table2(ids: set[str], sheet: bool = False) -> Grid:
    """表二 in the 2021 layout, or the 2019 one when the report uses it."""
    old = layout.uses_2019_table2(ids)
    sections = layout.T2_2019 if old else layout.T2_2021
    heading = "二、主动公开政府信息情况"
    g = Grid("t2", heading + ("（2019年版格式）" if old else ""), heading)
    lc = T3_LABEL_COLS if sheet else 1
    width = max(len(s.columns) for s in sections)
    g.n_cols = lc + width
    r = 0
    for s in sections:
        # the view fills each row to the table's width; on the sheet a section ends with its own columns
        right = len(s.columns) if sheet else width
        last, fill = len(s.columns) - 1, 1 + right - len(s.columns)  # the last column spans the rest
        g.put(r, 0, s.heading, cs=lc + right, style=HEAD)
        g.put(r + 1, 0, "信息内容", cs=lc, style=HEAD)
        for k, col in enumerate(s.columns):
            g.put(r + 1, lc + k, col, cs=fill if k == last else 1, style=HEAD)
        r += 2
        for label, row_ids in s.rows:
            g.put(r, 0, label, cs=lc)
            for k, ind in enumerate(row_ids):
                g.ids[(r, lc + k)] = ind
                if k == last and fill > 1:
                    g.spans.append((r, lc + k, 1, fill))
            r += 1
    g.n_rows = r
    return g


def _runs(keys: list[str]) -> dict[int, tuple[int, str]]:
    """First index → (length, key) of the runs of equal consecutive non-empty keys."""
    out: dict[int, tuple[int, str]] = {}
    start = 0
    for i, k in enumerate([*keys, ""]):
        if i == len(keys) or k != keys[start]:
            if keys[start]:
                out[start] = (i - start, keys[start])
            start = i
    return out


def _t3_header(g: Grid, sheet: bool) -> None:
    """表三's three header rows: the balance note, 申请人情况 over 自然人, 法人或其他组织 (five kinds), 总计;
    in the view the badge column's head."""
    lc, cols = T3_LABEL_COLS, layout.T3_COLS
    g.put(
        0, 0, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rs=3, cs=lc, style=HEAD
    )
    g.put(0, lc, "申请人情况", cs=len(cols), style=HEAD)
    g.put(1, lc, cols[0][1], rs=2, style=HEAD)  # 自然人
    g.put(1, lc + 1, "法人或其他组织", cs=len(cols) - 2, style=HEAD)
    g.put(1, lc + len(cols) - 1, cols[-1][1], rs=2, style=HEAD)  # 总计
    for k, (_key, label) in enumerate(cols[1:-1]):
        g.put(2, lc + 1 + k, label, style=HEAD)
    if not sheet:
        g.put(0, lc + len(cols), ROW_BADGE, rs=3, style=HEAD)


def _t3_rows(g: Grid, rows: list[tuple[str, str, str]], sheet: bool) -> None:
    """表三's rows: each label in its columns (a group's label merged down its rows), the value cells'
    ids, and each row's sum (with its badge in the view)."""
    lc, cols, first = T3_LABEL_COLS, layout.T3_COLS, g.header_rows
    badge_col = lc + len(cols)
    results = "三、本年度办理结果"
    tops = _runs([results if grp else "" for _k, grp, _l in rows])
    subs = _runs([grp if grp and grp != results else "" for _k, grp, _l in rows])
    for i, (key, grp, label) in enumerate(rows):
        r = first + i
        if not grp:
            g.put(r, 0, label, cs=lc)
        elif grp == results:
            g.put(r, 1, label, cs=lc - 1)
        else:
            if i in subs:
                g.put(r, 1, grp, rs=subs[i][0])
            g.put(r, 2, label)
        for k, (c, _) in enumerate(cols):
            g.ids[(r, lc + k)] = f"t3.{key}.{c}"
        parts = tuple(f"t3.{key}.{c}" for c, _ in cols[:-1])
        g.add_sum(Sum(parts, f"t3.{key}.total", "t3.row_total", key), None if sheet else (r, badge_col))
    for start, (n, top) in tops.items():
        g.put(first + start, 0, top, rs=n, style=GROUP)


def _t3_results_sums(g: Grid, rows: list[tuple[str, str, str]], sheet: bool) -> int:
    """Each column's results against its 总计 (the badge row in the view); returns the row after the
    table's rows."""
    lc, cols = T3_LABEL_COLS, layout.T3_COLS
    r = g.header_rows + len(rows)
    if not sheet:
        g.put(r, 0, COL_BADGE + "（（一）至（六）之和）", cs=lc)
    result_keys = [k for k, grp, _l in rows if grp and k != "r7_total"]
    if "r6" in result_keys:  # （六） printed as one row is the total its sub-rows (not stated) would give
        result_keys = [k for k in result_keys if not k.startswith("r6_")]
    for k, (c, _) in enumerate(cols):
        s = Sum(tuple(f"t3.{rk}.{c}" for rk in result_keys), f"t3.r7_total.{c}", "t3.results_total", c)
        g.add_sum(s, None if sheet else (r, lc + k))
    return r


def table3(ids: set[str], sheet: bool = False) -> Grid:
    """表三: three header rows, three label columns, seven value columns; in the view a badge column
    (each row's sum) and a badge row (each column's results)."""
    heading = "三、收到和处理政府信息公开申请情况"
    g = Grid("t3", heading, heading)
    g.n_cols = T3_LABEL_COLS + len(layout.T3_COLS) + (0 if sheet else 1)
    g.header_rows = 3
    _t3_header(g, sheet)
    rows = layout.t3_rows(ids)
    _t3_rows(g, rows, sheet)
    r = _t3_results_sums(g, rows, sheet)
    g.n_rows = r + (0 if sheet else 1)
    return g


def table4(ids: Iterable[str] = (), sheet: bool = False) -> Grid:
    """表四: 行政复议 and the two 行政诉讼 groups side by side, one value row; in the view a badge per
    group (its results against its total)."""
    heading = "四、政府信息公开行政复议、行政诉讼情况"
    g = Grid("t4", heading, heading)
    nc = len(layout.T4_COLS)
    g.n_cols = nc * len(layout.T4_GROUPS)
    g.header_rows = 3
    (_key, review, _), (_key2, suits, _sub) = layout.T4_GROUPS[:2]
    # on the sheet 行政复议 spans two header rows and every column label sits on the third
    g.put(0, 0, review, rs=2 if sheet else 1, cs=nc, style=HEAD)
    g.put(0, nc, suits, cs=g.n_cols - nc, style=HEAD)
    for gi, (_gkey, _group, sub) in enumerate(layout.T4_GROUPS):
        if sub:
            g.put(1, gi * nc, sub, cs=nc, style=HEAD)
    for gi, (gkey, _group, sub) in enumerate(layout.T4_GROUPS):
        c0 = gi * nc
        for k, (ckey, clabel) in enumerate(layout.T4_COLS):
            if sub or sheet:
                g.put(2, c0 + k, clabel, style=HEAD)
            else:
                g.put(1, c0 + k, clabel, rs=2, style=HEAD)
            g.ids[(3, c0 + k)] = f"t4.{gkey}.{ckey}"
        parts = tuple(f"t4.{gkey}.{c}" for c, _ in layout.T4_COLS[:-1])
        g.add_sum(Sum(parts, f"t4.{gkey}.total", "t4.group_total", gkey), None if sheet else (4, c0))
        if not sheet:
            g.spans.append((4, c0, 1, nc))
    g.n_rows = 4 if sheet else 5
    return g


def grids(ids: Iterable[str], sheet: bool = False) -> list[Grid]:
    """The three tables for a report whose indicator ids are ``ids`` (picks the 2019/2021 variants);
    ``sheet``: the form of the xlsx report sheet rather than the table view's (see the module's note)."""
    s = set(ids)
    return [table2(s, sheet), table3(s, sheet), table4(s, sheet)]
