"""The xlsx workbook of ``core.export.to_xlsx``.

Sheets, in order: 汇总 (the leader's page, ``core.export.summary``), 图表 (native charts), 说明 (the
colour key), 检查结果 (every check with its status, formula and accepted reason), one sheet per report
(tables 二, 三, 四 in the official layout; failing cells framed with a comment naming the check;
formula check cells that re-check after an edit; the colour key under the tables), 指标数据 (every
indicator of every report, a data sheet not fitted to a page), 数字明细 (the narrative figures) and
审核记录 (the audit trail in words; the lists' rows are made in ``core.export.lists``). A list longer
than a sheet continues on 数字明细 (2) ….

Every report sheet replays a plan built once per table variant (labels, merges, row heights, where each
indicator and each check cell sits). Public XlsxWriter API only; XlsxWriter stays in its default
(shared strings) mode, which WPS Office and Excel both open.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from core import checks as check_rules
from core import vocab
from core.export import lists, sheet, summary
from core.export.data import ReportData
from core.export.sheet import Formats
from core.store.rows import CheckRow, EventRow, IndicatorTuple
from core.tables import grid, layout

LEGEND = (  # each status (worded by core.vocab) and what it means
    ("pending", "提取所得，尚未经人核对"),
    ("confirmed", "审核人已核对无误"),
    ("corrected", "审核人改正了提取值"),
    ("added", "审核人手工补录"),
    ("rejected", "不是数字（仅见于数字明细）"),
)
NOTES = (
    "空白单元格为报告中的空白（不是 0）；“/”表示不适用；“未读出”为程序未能读出的单元格（不是空白），请对照原文。",
    "红框红字：该单元格参与的检查未通过（批注写明检查和算式）；“核对”列和“核对”行是公式，改动数值后自动重新核对，“≠”表示不相等。",
    "“数字明细”列出正文中的数字与补录的数字；表二、表三、表四的单元格见各报告工作表。",
)


Cell = tuple[Any, Format]  # the value (number, text or None for a blank) and format of a value cell


def _cell(v: IndicatorTuple | None, fm: Formats, failing: bool) -> Cell:
    if v is None:
        return None, fm.cell("pending", failing)
    if v.value is not None:
        return v.value, fm.value(v.status, v.value, failing)
    if v.kind == "not_applicable":
        return v.raw or vocab.NOT_APPLICABLE_SHOWN, fm.cell(v.status, failing)
    if v.kind == "unread":
        return vocab.UNREAD, fm.cell(v.status, failing, unread=True)
    if v.kind == vocab.NOT_STATED:
        return vocab.NOT_STATED_SHOWN, fm.cell(v.status, failing)
    return None, fm.cell(v.status, failing)


def _put(ws: Worksheet, r: int, c: int, cell: Cell) -> None:
    v, f = cell
    if v is None:
        ws.write_blank(r, c, None, f)
    elif v.__class__ is str:
        ws.write_string(r, c, v, f)
    else:
        ws.write_number(r, c, v, f)


def failing(checks: Sequence[CheckRow]) -> dict[str, list[CheckRow]]:
    """Per cell (indicator id), the failing checks not accepted that it takes part in."""
    out: dict[str, list[CheckRow]] = {}
    for k in checks:
        if check_rules.is_open_failure(k):
            for c in k.cells:
                out.setdefault(c, []).append(k)
    return out


def short_issuer(issuer: str) -> str:
    """An issuer as a tab has room for it: 人民政府 → 政府, 办公室 → 办 (示范市人民政府办公室 → 示范市政府办)."""
    return issuer.replace("人民政府", "政府").replace("办公室", "办").replace("委员会", "委")


def _sheet_name(d: ReportData, used: set[str]) -> str:
    """The report's tab: its number, year and short issuer, unique and at most 31 characters."""
    r = d.row
    who = short_issuer(r.issuer) if r.issuer else Path(r.path).stem
    year = f"{r.year}年 " if r.year else ""
    base = re.sub(r"[\[\]:*?/\\']", "", f"{r.id} {year}{who}")[:31].strip()
    name, k = base, 2
    while name.lower() in used:
        suffix = f"~{k}"
        name, k = base[: 31 - len(suffix)] + suffix, k + 1
    used.add(name.lower())
    return name


# ---- report sheets ---------------------------------------------------------------------------------
WIDTHS = (13, 13, 24) + (9.5,) * 15  # columns A … R of a report sheet
ROW_CHECK = "核对"


class _Plan:
    """A report sheet below its title, for one table variant: the labels and merged headers, where each
    indicator's cell sits, the formula check cells (left ids, right ids, where), the row heights."""

    def __init__(self) -> None:
        self.merges: list[tuple[int, int, int, int, str, Format]] = []
        self.strings: list[tuple[int, int, str, Format]] = []
        self.at: dict[str, tuple[int, int]] = {}
        self.checks: list[tuple[tuple[str, ...], tuple[str, ...], int, int]] = []
        self.heights: dict[int, float] = {}
        self.end = 0  # the first row below the tables
        self._formulas: list[str] | None = None

    def formulas(self) -> list[str]:
        """The formula of each check cell (the same on every sheet of the variant), made once."""
        if self._formulas is None:
            self._formulas = [_check_formula(left, right, self.at) for left, right, _r, _c in self.checks]
        return self._formulas

    def need(self, r: int, rs: int, c: int, cs: int, text: str) -> None:
        width = sum(WIDTHS[c : c + cs])
        h = sheet.row_height(sheet.lines(text, width)) / rs
        for k in range(r, r + rs):
            self.heights[k] = max(self.heights.get(k, 0), h)


def _plan(ids: set[str], fm: Formats) -> _Plan:
    """Tables 二, 三, 四 of a report with indicator ids ``ids`` (2019 or 2021 table 二 and （六） rows),
    one below the other with a section title above each, in the sheet's form of ``core.tables.grid``;
    below table 三 and 四 a 核对 row per relation over columns, beside table 三 a 核对 column."""
    p = _Plan()
    formats = {grid.HEAD: fm.header, grid.LABEL: fm.label, grid.GROUP: fm.center}
    six = layout.uses_single_r6(ids)
    row = 3
    for g in grid.grids(ids, sheet=True):
        p.strings.append((row, 0, g.heading, fm.section))
        row += 1
        for (r, c), text in g.text.items():
            rs, cs = g.span_of(r, c)
            f = formats[g.style[(r, c)]]
            if rs > 1 or cs > 1:
                p.merges.append((row + r, c, row + r + rs - 1, c + cs - 1, text, f))
            else:
                p.strings.append((row + r, c, text, f))
            p.need(row + r, rs, c, cs, text)
        for (r, c), ind in g.ids.items():
            p.at[ind] = (row + r, c)
        below = row + g.n_rows
        relations = [
            rel
            for rel in (*check_rules._t3_relations(six), *check_rules._t4_relations())
            if all(i in g.ids.values() for i in (*rel[2], *rel[3]))
        ]
        by_rule: dict[str, int] = {}
        headed: set[int] = set()
        for rule, _subject, left, right in relations:
            ar, ac = p.at[right[0]]
            if rule == "t3.row_total":  # beside the row, right of its total
                col = max(p.at[i][1] for i in (*left, *right)) + 1
                if col not in headed:
                    headed.add(col)
                    if g.header_rows > 1:
                        p.merges.append((row, col, row + g.header_rows - 1, col, ROW_CHECK, fm.header))
                    else:
                        p.strings.append((row, col, ROW_CHECK, fm.header))
                p.checks.append((left, right, ar, col))
            else:  # a row of its own under the table, in the column of the right-hand cell
                k = by_rule.setdefault(rule, len(by_rule))
                p.checks.append((left, right, below + k, ac))
        for rule, k in by_rule.items():  # the words left of the row's first check cell
            words = f"{ROW_CHECK}：{vocab.rule_name(rule)}"
            last = min(c for _l, _r, rr, c in p.checks if rr == below + k) - 1
            if last > 0:
                p.merges.append((below + k, 0, below + k, last, words, fm.label))
            else:
                p.strings.append((below + k, 0, words, fm.label))
        row = below + len(by_rule) + 1
    p.end = row
    return p


def _refs(cells: Sequence[tuple[int, int]]) -> str:
    """Cell references for a formula, runs of neighbours in a row or a column as one range (D7:I7)."""
    out: list[str] = []
    k = 0
    while k < len(cells):
        j = k
        while j + 1 < len(cells) and (
            (cells[j + 1][0] == cells[j][0] and cells[j + 1][1] == cells[j][1] + 1)
            or (cells[j + 1][1] == cells[j][1] and cells[j + 1][0] == cells[j][0] + 1)
        ) and (j == k or (cells[j + 1][0] - cells[j][0], cells[j + 1][1] - cells[j][1])
                         == (cells[k + 1][0] - cells[k][0], cells[k + 1][1] - cells[k][1])):  # fmt: skip
            j += 1
        a = xl_rowcol_to_cell(*cells[k])
        out.append(a if j == k else f"{a}:{xl_rowcol_to_cell(*cells[j])}")
        k = j + 1
    return ",".join(out)


def _check_formula(left: Sequence[str], right: Sequence[str], at: dict[str, tuple[int, int]]) -> str:
    """``=IF(COUNT(all)<n,"",IF(SUM(left)=SUM(right),"","≠"))``: blank until every cell holds a number."""
    lc = [at[i] for i in left]
    rc = [at[i] for i in right]
    n = len(lc) + len(rc)
    rs = _refs(rc) if len(rc) == 1 else f"SUM({_refs(rc)})"
    return f'=IF(COUNT({_refs(lc + rc)})<{n},"",IF(ROUND(SUM({_refs(lc)})-{rs},6)=0,"","≠"))'


def _check_value(left: Sequence[str], right: Sequence[str], inds: dict[str, IndicatorTuple]) -> str:
    vals = [inds[i].value if i in inds else None for i in (*left, *right)]
    if any(v is None for v in vals):
        return ""
    ls = sum(vals[: len(left)])  # type: ignore[arg-type]
    rs = sum(vals[len(left) :])  # type: ignore[arg-type]
    return "" if round(ls - rs, 6) == 0 else "≠"


def _comment(checks: Sequence[CheckRow]) -> str:
    return "\n".join(
        f"未通过：{vocab.rule_name(k.rule)}（{check_rules.subject_name(k.rule, k.subject)}）{k.formula}"
        for k in checks
    )


def _report_sheet(ws: Worksheet, d: ReportData, fm: Formats, plans: dict[tuple[bool, bool], _Plan]) -> None:
    r, inds = d.row, d.indicators
    ids = set(inds)
    variant = (layout.uses_2019_table2(ids), layout.uses_single_r6(ids))
    plan = plans.get(variant)
    if plan is None:
        plan = plans[variant] = _plan(ids, fm)
    for c, w in enumerate(WIDTHS):
        ws.set_column(c, c, w)
    ws.write_string(0, 0, r.title or d.name, fm.title)
    ws.write_string(1, 0, f"文件：{d.name}　发布机关：{r.issuer or '—'}　年度：{r.year or '—'}　"
                    f"审核状态：{vocab.REPORT_STATUSES.get(r.status, r.status)}", fm.text)  # fmt: skip
    for r1, c1, r2, c2, text, f in plan.merges:
        ws.merge_range(r1, c1, r2, c2, text, f)
    for rr, c, text, f in plan.strings:
        ws.write_string(rr, c, text, f)
    bad = failing(d.checks)
    for ind, (rr, c) in plan.at.items():
        _put(ws, rr, c, _cell(inds.get(ind), fm, ind in bad))
    # the comment naming the check and its formula sits on the cell the parts are compared with (a
    # row's or column's total); every cell of the check is framed
    stated: dict[str, list[CheckRow]] = {}
    for k in d.checks:
        if check_rules.is_open_failure(k) and k.cells:
            at = next((c for c in reversed(k.cells) if c in plan.at), None)
            if at is not None:
                stated.setdefault(at, []).append(k)
    for ind, ks in stated.items():
        ws.write_comment(
            *plan.at[ind],
            _comment(ks),
            {"x_scale": 2.5, "y_scale": 1.5, "font_name": sheet.FONT, "font_size": 9},
        )
    for left, right, rr, c in plan.checks:
        ws.write_formula(
            rr, c, _check_formula(left, right, plan.at), fm.mark, _check_value(left, right, inds)
        )
    for rr, h in plan.heights.items():
        ws.set_row(rr, h)
    _legend_row(ws, plan.end, fm)
    ws.freeze_panes(3, 0)
    # the three tables on at most two pages, labels beside their values
    sheet.page_setup(ws, f"{d.name}（{r.year or '—'}）", d.first_reviewer(), d.signed_by[1], (0, 1), 2)


def _legend_row(ws: Worksheet, row: int, fm: Formats) -> None:
    """The colour key printed under the tables: a swatch per status, then what the marks mean."""
    ws.write_string(row, 0, "颜色说明", fm.section)
    swatches = [(vocab.FIGURE_STATUSES[s], fm.value(s, 1)) for s, _ in LEGEND if s != "rejected"]
    swatches += [
        (vocab.UNREAD, fm.cell("pending", unread=True)),
        ("检查未通过", fm.value("pending", 1, True)),
    ]
    swatches.append(("≠ 核对不等", fm.mark))
    for k, (word, f) in enumerate(swatches, start=1):
        ws.write_string(row, k + (1 if k > 1 else 0), word, f)
    ws.merge_range(row + 1, 0, row + 1, 9, NOTES[0], fm.wrap)
    ws.merge_range(row + 2, 0, row + 2, 9, NOTES[1], fm.wrap)
    width = sum(WIDTHS[:10])
    ws.set_row(row + 1, sheet.row_height(sheet.lines(NOTES[0], width)))
    ws.set_row(row + 2, sheet.row_height(sheet.lines(NOTES[1], width)))


def _legend(ws: Worksheet, fm: Formats) -> None:
    ws.set_column(0, 0, 14)
    ws.set_column(1, 1, 100)
    ws.write_string(0, 0, "颜色说明", fm.section)
    for k, (status, text) in enumerate(LEGEND, start=1):
        ws.write_number(k, 0, 123, fm.value(status, 123))
        ws.write_string(k, 1, f"{vocab.FIGURE_STATUSES[status]}：{text}", fm.text)
    k = len(LEGEND) + 1
    ws.write_string(k, 0, vocab.UNREAD, fm.cell("pending", unread=True))
    ws.write_string(k, 1, "程序未能读出的单元格（不是空白），请对照原文", fm.text)
    ws.write_number(k + 1, 0, 123, fm.value("pending", 123, True))
    ws.write_string(k + 1, 1, "该单元格参与的检查未通过，批注写明检查与算式", fm.text)
    for j, note in enumerate(NOTES, start=k + 3):
        ws.write_string(j, 0, note, fm.text)
    ws.write_string(k + 3 + len(NOTES), 0, summary.DASH_NOTE, fm.text)


def write_workbook(
    path: Path,
    data: Sequence[ReportData],
    events: Sequence[EventRow],
    progress: Callable[[int, int], None] | None,
    previous: dict[int, tuple[int | None, dict[str, Any]]] | None = None,
) -> None:
    opts = {
        "strings_to_numbers": False,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "in_memory": True,
        "default_format_properties": {"font_name": sheet.FONT, "font_size": sheet.SIZE},
    }
    # The workbook is built in memory and written in one go by us: a full disk then raises one clean
    # OSError here instead of a half-closed zip that complains again when it is garbage-collected.
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, opts)
    try:
        fm = Formats(wb)
        used = {"汇总", "图表", "说明", "指标数据"}
        n_checks = sum(len(d.checks) for d in data)
        check_names = sheet.names("检查结果", n_checks, used)
        figure_names = sheet.names("数字明细", lists.n_figures(data), used)
        audit_names = sheet.names("审核记录", len(events), used)
        totals = wb.add_worksheet("汇总")
        charts = wb.add_worksheet("图表")
        legend = wb.add_worksheet("说明")
        check_sheets = [wb.add_worksheet(n) for n in check_names]
        # a document without tables (a reply letter …) gets no official-table sheet
        sheets = [(wb.add_worksheet(_sheet_name(d, used)), d) for d in data if d.indicators]
        matrix = wb.add_worksheet("指标数据")
        figures = [wb.add_worksheet(n) for n in figure_names]
        audit = [wb.add_worksheet(n) for n in audit_names]
        layout_ = summary.write_summary(totals, data, previous or {}, fm)
        summary.write_charts(wb, charts, data, layout_, fm)
        _legend(legend, fm)
        lists.check_sheets(check_sheets, data, fm)
        total = len(sheets)
        plans: dict[tuple[bool, bool], _Plan] = {}
        for k, (ws, d) in enumerate(sheets, start=1):
            _report_sheet(ws, d, fm, plans)
            if progress:
                progress(k, total)
        summary.write_matrix(matrix, data, fm, _cell)
        heads: tuple[str, ...] = ("报告编号", "文件", "发布机关", "年度", "位置", "原文", "数值", "提取值", "单位", "限定词",
                 "标签", "指标", "指标名称", "来源", "置信度", "状态", "审核人", "上下文")  # fmt: skip
        widths: tuple[float, ...] = (7, 22, 18, 6, 7, 12, 12, 12, 6, 7, 24, 20, 28, 8, 7, 8, 8, 60)
        sheet.write_list(figures, heads, widths, lists.figure_rows(data, fm), fm)
        heads = (
            "编号",
            "时间",
            "审核人",
            "报告编号",
            "文件",
            "对象",
            "操作",
            "原值",
            "新值",
            "理由",
            "已撤销",
        )
        widths = (7, 19, 10, 8, 22, 30, 12, 14, 14, 30, 7)
        held = {d.row.id: d for d in data}
        sheet.write_list(audit, heads, widths, lists.audit_rows(events, held), fm)
        everyone = "、".join(dict.fromkeys(d.first_reviewer() for d in data if d.first_reviewer()))
        seconds = "、".join(dict.fromkeys(d.signed_by[1] for d in data if d.signed_by[1]))
        scope = data[0].name if len(data) == 1 else f"{len(data)} 份报告"
        long_lists = [(s, (0, 0), 0) for s in (*check_sheets, *figures, *audit)]
        for ws, rows, tall in ((legend, None, 0), (matrix, (0, 1), None), *long_lists):
            sheet.page_setup(ws, f"{ws.name}：{scope}", everyone, seconds, rows, tall)
        totals.activate()
    finally:
        wb.close()
    with open(path, "wb") as f:
        f.write(buf.getbuffer())
