"""The sheets a leader is handed: 汇总 (one row per report with the indicators a leader reads, a totals
row of live ``SUM`` formulas, last year's figure where the workspace holds last year's report; one A4
landscape page wide at ≥ 8 pt) and 图表 (native charts over the 汇总 and small tables of their own);
and 指标数据, every indicator of every report, a data sheet that is not squeezed onto a page.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from core import vocab
from core.export import sheet, stream
from core.export.data import DASH, ReportData, value
from core.export.sheet import Formats
from core.export.stream import Band
from core.tables import layout

DASH_NOTE = "汇总中的“—”：报告中没有这一项（没有找到该表格，或报告用的是另一种格式）。"


@dataclass(frozen=True)
class Column:
    group: str  # the header over a run of columns
    head: str
    parts: tuple[str, ...]  # indicator ids summed (one: the indicator itself)
    width: float = 5.0


def _t3(rows: Sequence[str]) -> tuple[str, ...]:
    return tuple(f"t3.{r}.total" for r in rows)


_R3 = tuple(f"r3_{k}" for k in range(1, 9))
COLUMNS = (
    Column("主动公开", "规章现行有效", ("t2.regulations.in_force",)),
    Column("主动公开", "规范性文件现行有效", ("t2.normative_docs.in_force",)),
    Column("主动公开", "行政许可决定", ("t2.licensing.decisions",)),
    Column("主动公开", "行政处罚决定", ("t2.penalty.decisions",)),
    Column("依申请公开", "本年新收", ("t3.new.total",)),
    Column("依申请公开", "予以公开", ("t3.r1.total",)),
    Column("依申请公开", "部分公开", ("t3.r2.total",)),
    Column("依申请公开", "不予公开", _t3(_R3)),
    Column("依申请公开", "无法提供", _t3(("r4_1", "r4_2", "r4_3"))),
    Column("依申请公开", "不予处理", _t3(("r5_1", "r5_2", "r5_3", "r5_4", "r5_5"))),
    Column("依申请公开", "其他处理", _t3(("r6_1", "r6_2", "r6_3", "r6"))),
    Column("依申请公开", "办理结果总计", ("t3.r7_total.total",)),
    Column("复议诉讼", "行政复议", ("t4.review.total",)),
    Column("复议诉讼", "复议纠正", ("t4.review.corrected",)),
    Column("复议诉讼", "行政诉讼", ("t4.suit_direct.total", "t4.suit_after_review.total")),
    Column("复议诉讼", "诉讼纠正", ("t4.suit_direct.corrected", "t4.suit_after_review.corrected")),
)
# the report's own columns before the indicators: (head, width)
FIXED = (("编号", 3.5), ("发布机关", 11), ("年度", 4.6), ("审核状态", 5), ("审核人", 5.5), ("复核人", 5.5))
TAIL = (("未通过检查", 5.0), ("上年新收", 5.0), ("新收增减", 5.0))
NEW = "t3.new.total"
HEAD_ROWS = 3  # title, column groups, column names


@dataclass
class Layout:
    """Where the 汇总's rows and columns are, for the charts and the tests."""

    first: int  # the first report row (0-based)
    last: int  # the last report row
    totals: int  # the totals row
    col: dict[str, int] = field(default_factory=dict)  # column head → column


def widths(totals: Sequence[float] = ()) -> list[float]:
    """Column widths: a number column as wide as its total needs (the total is the widest number);
    ``totals``: each of ``COLUMNS``'s total over the reports (``column_totals``)."""
    out = [w for _, w in FIXED]
    for c, total in zip(COLUMNS, totals or [0] * len(COLUMNS), strict=True):
        out.append(max(c.width, len(f"{total:,.0f}") + 0.6))
    return out + [w for _, w in TAIL]


def column_totals(indicators: Iterable[dict[str, Any]]) -> list[float]:
    """Each of ``COLUMNS``'s total over the reports whose indicator values are ``indicators`` (the
    numbers only: a part not read leaves its report out)."""
    totals: list[float] = [0] * len(COLUMNS)
    for inds in indicators:
        for j, c in enumerate(COLUMNS):
            v = value(inds, c.parts)
            if isinstance(v, int | float):
                totals[j] += v
    return totals


def _summary_heads(band: Band, heads: list[str], cols: list[float], title: str, fm: Formats) -> None:
    """The title, the column groups and the column names (wrapped, the row as tall as the tallest)."""
    n_cols, nf = len(heads), len(FIXED)
    band.merge(0, 0, 0, n_cols - 1, title, fm.get(bold=True, font_size=14, align="center"))
    band.height(0, 24)
    band.merge(1, 0, 1, nf - 1, "报告", fm.header)
    start = nf
    for k in range(len(COLUMNS) + 1):
        if k == len(COLUMNS) or COLUMNS[k].group != COLUMNS[start - nf].group:
            group = COLUMNS[start - nf].group
            if k + nf - 1 > start:
                band.merge(1, start, 1, k + nf - 1, group, fm.header)
            else:
                band.string(1, start, group, fm.header)
            start = k + nf
    band.merge(1, nf + len(COLUMNS), 1, n_cols - 1, "检查与同比", fm.header)
    tallest = 1
    for c, (h, w) in enumerate(zip(heads, cols, strict=True)):
        band.string(2, c, h, fm.header)
        tallest = max(tallest, sheet.lines(h, w))
    band.height(2, sheet.row_height(tallest))
    band.flush()


@dataclass
class _RowFormats:
    """The formats of a report row's cells."""

    center: Any
    label: Any
    num: Any
    unread: Any
    dash: Any

    @classmethod
    def of(cls, fm: Formats) -> _RowFormats:
        return cls(
            fm.center,
            fm.label,
            fm.get(border=1, num_format="#,##0"),
            fm.cell("pending", unread=True),
            fm.get(border=1, align="center", font_color="#808080"),
        )


def _value_cell(j: int, v: Any, f: _RowFormats) -> tuple[int, int, Any, Any]:
    """One figure of the 汇总: blank, 未读出, “—” (no such item), a word or a number."""
    if v is None:
        return (j, stream.BLANK, None, f.center)
    if v == vocab.UNREAD:
        return (j, stream.STRING, v, f.unread)
    if v == DASH:
        return (j, stream.STRING, v, f.dash)
    if isinstance(v, str):
        return (j, stream.STRING, v, f.center)
    return (j, stream.NUMBER, v, f.num)


def _summary_report_row(
    out: stream.Rows,
    k: int,
    d: ReportData,
    prev: tuple[int | None, dict[str, Any]] | None,
    lay: Layout,
    f: _RowFormats,
) -> list[Any]:
    """A report's row: who and what, the figures, failing checks, last year's 新收 and the change (a
    live formula); returns the values written from the first figure column on (for the totals)."""
    r, nf, n_cols = d.row, len(FIXED), len(lay.col)
    S, N = stream.STRING, stream.NUMBER  # noqa: N806
    row: list[tuple[int, int, Any, Any]] = [
        (0, N, r.id, f.center),
        (1, S, r.issuer or d.name, f.label),
        (2, N, r.year, f.center) if r.year is not None else (2, stream.BLANK, None, f.center),
        (3, S, vocab.REPORT_STATUSES.get(r.status, r.status), f.center),
        (4, S, d.first_reviewer(), f.center),
        (5, S, d.signed_by[1], f.center),
    ]
    cells = [value(d.indicators, c.parts) for c in COLUMNS]
    last = value(prev[1], (NEW,)) if prev else None
    cells += [r.n_failed, last]
    row += [_value_cell(j, v, f) for j, v in enumerate(cells, start=nf)]
    # 新收增减: a live formula (blank unless both years hold a number)
    c_new, c_last = lay.col["本年新收"], n_cols - 2
    a, b = xl_rowcol_to_cell(k, c_new), xl_rowcol_to_cell(k, c_last)
    this = cells[c_new - nf]
    diff: Any = this - last if isinstance(this, int | float) and isinstance(last, int | float) else ""
    row.append(
        (n_cols - 1, stream.FORMULA, (f'=IF(AND(ISNUMBER({a}),ISNUMBER({b})),{a}-{b},"")', diff), f.num)
    )
    out.row(k, row, sheet.row_height(sheet.lines(r.issuer or d.name, FIXED[1][1])))
    if prev and last == DASH:
        out.ws.write_comment(k, n_cols - 2, f"{prev[0] or ''}年报告中没有表三")
    return [*cells, diff]


@dataclass
class Sums:
    """What the totals row, the page header and the 图表 read, summed as the report rows are written."""

    n_cols: int  # the columns from the first figure on
    numbers: list[float] = field(default_factory=list)  # per column, the sum of its numbers
    unread: list[int] = field(default_factory=list)  # per column, the reports whose cell is 未读出
    by_year: dict[int, list[float]] = field(default_factory=dict)  # year → [本年新收, 办理结果总计]
    outcomes: dict[tuple[str, str], float] = field(default_factory=dict)  # (复议/诉讼, outcome) → sum
    reviewers: dict[str, None] = field(default_factory=dict)  # 审核人 in order, once each
    seconds: dict[str, None] = field(default_factory=dict)  # 复核人 in order, once each
    years: set[int] = field(default_factory=set)
    n: int = 0

    def __post_init__(self) -> None:
        self.numbers = [0] * self.n_cols
        self.unread = [0] * self.n_cols

    def add(self, d: ReportData, cells: Sequence[Any]) -> None:
        self.n += 1
        for j, v in enumerate(cells):
            if isinstance(v, int | float):
                self.numbers[j] += v
            elif v == vocab.UNREAD:
                self.unread[j] += 1
        y = d.row.year
        if y is not None:
            self.years.add(y)
            per = self.by_year.setdefault(y, [0, 0])
            for k, head in enumerate(("本年新收", "办理结果总计")):
                v = cells[_HEADS[head]]
                if isinstance(v, int | float):
                    per[k] += v
        for name, groups in SUITS:
            for _, key in OUTCOMES:
                v = value(d.indicators, tuple(f"t4.{g}.{key}" for g in groups))
                if isinstance(v, int | float):
                    self.outcomes[(name, key)] = self.outcomes.get((name, key), 0) + v
        if who := d.first_reviewer():
            self.reviewers.setdefault(who, None)
        if second := d.signed_by[1]:
            self.seconds.setdefault(second, None)

    def names(self, k: int) -> str:
        return "、".join(self.reviewers if k == 0 else self.seconds)


_HEADS = {c.head: j for j, c in enumerate(COLUMNS)}  # a column's place among the figure columns


def _summary_totals(out: stream.Rows, lay: Layout, sums: Sums, fm: Formats) -> None:
    """The totals row: SUM over the report rows, with its value cached for readers that do not
    recalculate, and a comment where an unread part leaves a total incomplete."""
    t, nf, n_cols = lay.totals, len(FIXED), len(lay.col)
    bold = fm.get(border=1, bold=True, num_format="#,##0", bg_color="#F2F2F2")
    band = Band(out)
    band.merge(t, 0, t, nf - 1, "合计", fm.get(border=1, bold=True, align="center", bg_color="#F2F2F2"))
    for j in range(nf, n_cols):
        col = xl_col_to_name(j)
        band.formula(
            t, j, f"=SUM({col}{HEAD_ROWS + 1}:{col}{t})", bold, sums.numbers[j - nf] if sums.n else 0
        )
        missing = sums.unread[j - nf]
        if missing:
            band.comment(t, j, f"合计不完整：{missing} 份报告的这一项未读出", {})
    band.height(t, sheet.row_height(1))
    band.flush()


class SummarySheet:
    """汇总, a report row at a time (``add``), then the totals row (``close``)."""

    def __init__(self, ws: Worksheet, n: int, totals: Sequence[float], fm: Formats) -> None:
        self.ws, self.fm = ws, fm
        heads = [h for h, _ in FIXED] + [c.head for c in COLUMNS] + [h for h, _ in TAIL]
        cols = widths(totals)
        for c, w in enumerate(cols):
            ws.set_column(c, c, w)
        self.title = f"政府信息公开工作年度报告汇总（{n} 份）"
        self.out = stream.Rows(ws)
        _summary_heads(Band(self.out), heads, cols, self.title, fm)
        self.lay = Layout(HEAD_ROWS, HEAD_ROWS + n - 1, HEAD_ROWS + n, {h: c for c, h in enumerate(heads)})
        self.formats = _RowFormats.of(fm)
        self.sums = Sums(len(heads) - len(FIXED))
        self.k = HEAD_ROWS

    def add(self, d: ReportData, prev: tuple[int | None, dict[str, Any]] | None) -> None:
        cells = _summary_report_row(self.out, self.k, d, prev, self.lay, self.formats)
        self.sums.add(d, cells)
        self.k += 1

    def close(self) -> Layout:
        ws, lay, fm = self.ws, self.lay, self.fm
        _summary_totals(self.out, lay, self.sums, fm)
        ws.freeze_panes(HEAD_ROWS, 2)
        note = DASH_NOTE + "“未读出”不计入合计；合计是公式，改动数值后自动重算。"
        self.out.row(lay.totals + 2, [(0, stream.STRING, note, fm.text)])
        sheet.page_setup(ws, self.title, self.sums.names(0), self.sums.names(1), (0, HEAD_ROWS - 1), 0)
        return lay


# ---- 图表 ----------------------------------------------------------------------------------------------
RESULTS = ("予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理")
OUTCOMES = (("结果维持", "upheld"), ("结果纠正", "corrected"), ("其他结果", "other"), ("尚未审结", "pending"))
SUITS = (("行政复议", ("review",)), ("行政诉讼", ("suit_direct", "suit_after_review")))

SUMMARY_IDS = frozenset(
    {p for c in COLUMNS for p in c.parts}
    | {f"t4.{g}.{key}" for _, groups in SUITS for g in groups for _, key in OUTCOMES}
)  # the indicator ids the 汇总 and the 图表 read


CHART_FONT = {"name": sheet.FONT}


def _fonts(chart: Any, title: str) -> None:
    """The chart's title, axes and legend in the workbook's one font."""
    chart.set_title({"name": title, "name_font": {**CHART_FONT, "size": 12, "bold": True}})
    chart.set_x_axis({"num_font": CHART_FONT})
    chart.set_legend({"font": CHART_FONT})


def _chart_by_year(wb: xlsxwriter.Workbook, ws: Worksheet, sums: Sums, lay: Layout, fm: Formats) -> None:
    """依申请 by year: 本年新收 and 办理结果总计 summed per year with SUMIF over the 汇总."""
    first, last = lay.first + 1, lay.last + 1  # 1-based rows of the 汇总's reports
    year_col = xl_col_to_name(lay.col["年度"])
    years = sorted(sums.years)
    ws.write_string(2, 0, "年度", fm.header)
    ws.write_string(2, 1, "本年新收", fm.header)
    ws.write_string(2, 2, "办理结果总计", fm.header)
    for k, y in enumerate(years, start=3):
        ws.write_number(k, 0, y, fm.center)
        for j, head in ((1, "本年新收"), (2, "办理结果总计")):
            col = xl_col_to_name(lay.col[head])
            ws.write_formula(
                k, j, f"=SUMIF(汇总!${year_col}${first}:${year_col}${last},A{k + 1},汇总!${col}${first}:${col}${last})",
                fm.int, sums.by_year[y][j - 1],
            )  # fmt: skip
    n_years = max(len(years), 1)
    chart = wb.add_chart({"type": "column"})
    for j in (1, 2):
        chart.add_series({
            "name": ["图表", 2, j],
            "categories": ["图表", 3, 0, 2 + n_years, 0],
            "values": ["图表", 3, j, 2 + n_years, j],
        })  # fmt: skip
    _fonts(chart, "依申请公开：按年度")
    chart.set_y_axis({"name": "件", "name_font": CHART_FONT, "num_font": CHART_FONT})
    ws.insert_chart(2, 4, chart, {"x_scale": 1.1, "y_scale": 1.0})


def _chart_by_result(
    wb: xlsxwriter.Workbook, ws: Worksheet, sums: Sums, lay: Layout, fm: Formats, top: int
) -> None:
    """依申请 by result: the 汇总's totals row, one bar per kind of result."""
    ws.write_string(top, 0, "办理结果", fm.header)
    ws.write_string(top, 1, "件数（合计）", fm.header)
    for k, head in enumerate(RESULTS, start=top + 1):
        ws.write_string(k, 0, head, fm.label)
        cached = sums.numbers[_HEADS[head]]
        ws.write_formula(
            k, 1, f"=汇总!{xl_rowcol_to_cell(lay.totals, lay.col[head], True, True)}", fm.int, cached
        )
    chart = wb.add_chart({"type": "bar"})
    chart.add_series({
        "name": "办理结果",
        "categories": ["图表", top + 1, 0, top + len(RESULTS), 0],
        "values": ["图表", top + 1, 1, top + len(RESULTS), 1],
        "data_labels": {"value": True},
    })  # fmt: skip
    _fonts(chart, "依申请公开：办理结果")
    chart.set_y_axis({"num_font": CHART_FONT})
    chart.set_legend({"none": True})
    ws.insert_chart(top, 4, chart, {"x_scale": 1.1, "y_scale": 1.0})


def _chart_outcomes(wb: xlsxwriter.Workbook, ws: Worksheet, sums: Sums, fm: Formats, top: int) -> None:
    """行政复议 / 行政诉讼 outcomes, summed from every report's table 四, stacked per kind."""
    ws.write_string(top, 0, "", fm.header)
    for j, (word, _) in enumerate(OUTCOMES, start=1):
        ws.write_string(top, j, word, fm.header)
    for k, (name, _groups) in enumerate(SUITS, start=top + 1):
        ws.write_string(k, 0, name, fm.label)
        for j, (_, key) in enumerate(OUTCOMES, start=1):
            ws.write_number(k, j, sums.outcomes.get((name, key), 0), fm.int)
    chart = wb.add_chart({"type": "column", "subtype": "stacked"})
    for j in range(1, len(OUTCOMES) + 1):
        chart.add_series({
            "name": ["图表", top, j],
            "categories": ["图表", top + 1, 0, top + len(SUITS), 0],
            "values": ["图表", top + 1, j, top + len(SUITS), j],
        })  # fmt: skip
    _fonts(chart, "行政复议、行政诉讼：结果")
    chart.set_y_axis({"num_font": CHART_FONT})
    ws.insert_chart(top, 6, chart, {"x_scale": 1.0, "y_scale": 1.0})


def write_charts(wb: xlsxwriter.Workbook, ws: Worksheet, sums: Sums, lay: Layout, fm: Formats) -> None:
    """Three small tables (formulas over the 汇总 where the 汇总 has the figures) and a native chart over
    each: 依申请 by year, 办理结果 by kind, 行政复议/诉讼 outcomes. Each table stands below the one
    before, however many years the first lists."""
    ws.set_column(0, 0, 12)
    ws.set_column(1, 4, 10)
    ws.write_string(0, 0, "图表（数据取自“汇总”及各报告表四）", fm.title)
    _chart_by_year(wb, ws, sums, lay, fm)
    by_result = max(20, 3 + len(sums.years) + 2)
    _chart_by_result(wb, ws, sums, lay, fm, top=by_result)
    _chart_outcomes(wb, ws, sums, fm, top=by_result + 18)
    sheet.page_setup(ws, "图表", sums.names(0), sums.names(1), None, 1)


# ---- 指标数据 ----------------------------------------------------------------------------------------
_MATRIX_FIXED = (
    "编号",
    "文件",
    "标题",
    "发布机关",
    "年度",
    "审核状态",
    "数字",
    "待核对",
    "未通过检查",
    "审核人",
    "复核人",
)
_MATRIX_WIDTHS = (6, 24, 36, 20, 6, 8, 6, 7, 9, 8, 8)


class MatrixSheet:
    """Every indicator of every report, one row per report (``add``), the ids under the labels (for
    pivots); ``present``: the indicator ids the reports hold."""

    def __init__(
        self, ws: Worksheet, present: Collection[str], fm: Formats, cell: Callable[..., Any]
    ) -> None:
        ids = [i for i in layout.ORDER if i in present] + sorted(set(present) - set(layout.ORDER))
        if not ids:
            ids = [i for i in layout.ORDER if not i.startswith(("t2_2019.", "t3.r6."))]
        fixed = _MATRIX_FIXED
        self.out = stream.Rows(ws)
        band = Band(self.out)
        for c, (h, width) in enumerate(zip(fixed, _MATRIX_WIDTHS, strict=True)):
            band.merge(0, c, 1, c, h, fm.header)
            ws.set_column(c, c, width)
        for k, ind in enumerate(ids):
            c = len(fixed) + k
            band.string(0, c, layout.label(ind), fm.header)
            band.string(1, c, ind, fm.header)
        ws.set_column(len(fixed), len(fixed) + len(ids) - 1, 13)
        band.height(0, max(sheet.row_height(sheet.lines(layout.label(i), 13)) for i in ids))
        band.flush()
        ws.freeze_panes(2, 2)
        self.ws, self.fm, self.cell, self.k = ws, fm, cell, 2
        self.columns = list(enumerate(ids, start=len(fixed)))

    def add(self, d: ReportData) -> None:
        label, fm, cell = self.fm.label, self.fm, self.cell
        r = d.row
        S, N, B = stream.STRING, stream.NUMBER, stream.BLANK  # noqa: N806
        row: list[tuple[int, int, Any, Any]] = []
        for c, v in enumerate((r.id, d.name, r.title or "", r.issuer or "", r.year,
                               vocab.REPORT_STATUSES.get(r.status, r.status), r.n_figures, r.n_pending,
                               r.n_failed, d.first_reviewer(), d.signed_by[1])):  # fmt: skip
            row.append((c, B if v is None else S if isinstance(v, str) else N, v, label))
        inds = d.indicators
        for j, ind in self.columns:
            if ind in inds:
                x, f = cell(inds[ind], fm, False)
                row.append((j, B if x is None else S if isinstance(x, str) else N, x, f))
        self.out.row(self.k, row)
        self.k += 1

    def close(self) -> None:
        self.ws.autofilter(1, 0, self.k - 1, len(_MATRIX_FIXED) + len(self.columns) - 1)
