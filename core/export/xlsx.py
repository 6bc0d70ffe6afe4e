"""The xlsx workbook of ``core.export.to_xlsx``.

Sheets, in order: 汇总 (the leader's page, ``core.export.summary``), 图表 (native charts), 说明 (the
colour key), 检查结果 (every check with its status, formula and accepted reason), one sheet per report
(tables 二, 三, 四 in the official layout; failing cells framed with a comment naming the check;
formula check cells that re-check after an edit; the colour key under the tables) — or, past
``SHEETS_MAX`` reports, the same tables one report after another on 报告表格 sheets —, 指标数据 (every
indicator of every report, a data sheet not fitted to a page), 数字明细 (the narrative figures) and
审核记录 (the audit trail in words; the lists' rows are made in ``core.export.lists``). A list longer
than a sheet continues on 数字明细 (2) ….

The reports are read a batch at a time and the workbook is written in XlsxWriter's constant-memory
mode (each row goes to a temporary file once the next is written), so an export of ten thousand
reports takes the memory of one. Rows are therefore written in order on every sheet (``stream.Band``
sorts a report's cells). Strings are then written inline in each cell instead of in a shared table:
Excel, WPS Office and LibreOffice read both forms (the streaming writers of Apache POI and EasyExcel
write inline strings too).

Every report sheet replays a plan built once per table variant (labels, merges, row heights, where each
indicator and each check cell sits).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from core import checks as check_rules
from core import vocab
from core.export import lists, sheet, stream, summary
from core.export.data import ReportData, load_rows
from core.export.sheet import Formats
from core.export.stream import BLANK, FORMULA, NUMBER, STRING, Band
from core.store.rows import CheckRow, IndicatorTuple, ReportRow
from core.tables import grid, layout

if TYPE_CHECKING:
    from core.store import Workspace

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


def _sheet_name(r: ReportRow, used: set[str]) -> str:
    """The report's tab: its number, year and short issuer, unique and at most 31 characters."""
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
_ROW_OF_CELL = re.compile(r"(?<=[A-Z])(\d+)")


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
        self.below = 0  # the first row below the colour key
        self.template = stream.Template()  # the labels, merged headers, row heights and colour key
        self._formulas: list[str] | None = None
        self._pieces: list[tuple[list[str], list[int]]] | None = None

    def formulas(self, top: int = 0) -> list[str]:
        """The formula of each check cell of tables that start ``top`` rows down (at the top: the same on
        every sheet of the variant, made once; further down, the same with every row moved)."""
        if self._formulas is None:
            self._formulas = [_check_formula(left, right, self.at) for left, right, _r, _c in self.checks]
            # each formula cut around its cells' row numbers (a row number follows a column's letters)
            self._pieces = []
            for f in self._formulas:
                parts = _ROW_OF_CELL.split(f)
                self._pieces.append((parts[0::2], [int(n) for n in parts[1::2]]))
        if not top:
            return self._formulas
        out = []
        for text, rows in self._pieces or ():
            joined = [text[0]]
            for k, row in enumerate(rows, start=1):
                joined.append(str(row + top))
                joined.append(text[k])
            out.append("".join(joined))
        return out

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
    t = p.template
    t.hole(0, 0)  # the report's title, then its file, issuer, year and status
    t.hole(1, 0)
    for rr, c in p.at.values():  # in the order of ``at``: the values' cells
        t.hole(rr, c)
    for _left, _right, rr, c in p.checks:  # the 核对 formulas
        t.hole(rr, c)
    for r1, c1, r2, c2, text, f in p.merges:
        t.merge(r1, c1, r2, c2, text, f)
    for rr, c, text, f in p.strings:
        t.string(rr, c, text, f)
    for rr, h in p.heights.items():
        t.height(rr, h)
    p.below = _legend_rows(t, p.end, fm)
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


COMMENT = {"x_scale": 2.5, "y_scale": 1.5, "font_name": sheet.FONT, "font_size": 9}


def _report_block(
    band: Band, top: int, d: ReportData, fm: Formats, plans: dict[tuple[bool, bool], _Plan]
) -> int:
    """A report's tables from row ``top`` on: its title and file, tables 二, 三, 四 with failing cells
    framed and commented, the 核对 formulas, the colour key; returns the first row below."""
    r, inds = d.row, d.indicators
    ids = set(inds)
    variant = (layout.uses_2019_table2(ids), layout.uses_single_r6(ids))
    plan = plans.get(variant)
    if plan is None:
        plan = plans[variant] = _plan(ids, fm)
    bad = failing(d.checks)
    fills: list[stream.Fill] = [
        (STRING, r.title or d.name, fm.title),
        (STRING, f"文件：{d.name}　发布机关：{r.issuer or '—'}　年度：{r.year or '—'}　"
                 f"审核状态：{vocab.REPORT_STATUSES.get(r.status, r.status)}", fm.text),
    ]  # fmt: skip
    for ind in plan.at:
        v, f = _cell(inds.get(ind), fm, ind in bad)
        fills.append((BLANK if v is None else STRING if v.__class__ is str else NUMBER, v, f))
    fills.extend(
        (FORMULA, (formula, _check_value(left, right, inds)), fm.mark)
        for (left, right, _rr, _c), formula in zip(plan.checks, plan.formulas(top), strict=True)
    )
    band.stamp(plan.template, top, fills)
    # the comment naming the check and its formula sits on the cell the parts are compared with (a
    # row's or column's total); every cell of the check is framed
    stated: dict[str, list[CheckRow]] = {}
    for k in d.checks:
        if check_rules.is_open_failure(k) and k.cells:
            at = next((c for c in reversed(k.cells) if c in plan.at), None)
            if at is not None:
                stated.setdefault(at, []).append(k)
    for ind, ks in stated.items():
        rr, c = plan.at[ind]
        band.comment(rr + top, c, _comment(ks), COMMENT)
    band.flush()
    return plan.below + top


def _report_sheet(ws: Worksheet, d: ReportData, fm: Formats, plans: dict[tuple[bool, bool], _Plan]) -> None:
    for c, w in enumerate(WIDTHS):
        ws.set_column(c, c, w)
    _report_block(Band(stream.Rows(ws)), 0, d, fm, plans)
    ws.freeze_panes(3, 0)
    # the three tables on at most two pages, labels beside their values
    sheet.page_setup(ws, f"{d.name}（{d.row.year or '—'}）", d.first_reviewer(), d.signed_by[1], (0, 1), 2)


class _Stacked:
    """A 报告表格 sheet: the tables of many reports one below the other, a page break before each
    (a workbook of thousands of reports cannot hold a sheet for each: every sheet costs memory and an
    open file while the workbook is written)."""

    def __init__(self, ws: Worksheet) -> None:
        plain = sheet.row_height(1)  # one line of text: most rows, not set one by one
        ws.set_default_row(plain)
        self.ws, self.band, self.top = ws, Band(stream.Rows(ws), plain), 0
        self.breaks: list[int] = []
        self.reviewers: dict[str, None] = {}
        self.seconds: dict[str, None] = {}
        self.first: ReportData | None = None
        self.last: ReportData | None = None
        for c, w in enumerate(WIDTHS):
            ws.set_column(c, c, w)

    def add(self, d: ReportData, fm: Formats, plans: dict[tuple[bool, bool], _Plan]) -> None:
        if self.top:
            self.breaks.append(self.top)
        self.top = _report_block(self.band, self.top, d, fm, plans) + 1
        self.first, self.last = self.first or d, d
        if who := d.first_reviewer():
            self.reviewers.setdefault(who, None)
        if second := d.signed_by[1]:
            self.seconds.setdefault(second, None)

    def close(self) -> None:
        ws = self.ws
        ws.set_h_pagebreaks(self.breaks)
        span = f"编号 {self.first.row.id}–{self.last.row.id}" if self.first and self.last else ""
        sheet.page_setup(
            ws, f"各报告的表格（{span}）", "、".join(self.reviewers), "、".join(self.seconds), None, None
        )
        ws.set_print_scale(STACKED_SCALE)


def _legend_rows(band: stream.Cells, row: int, fm: Formats) -> int:
    """The colour key printed under the tables: a swatch per status, then what the marks mean;
    returns the first row below."""
    band.string(row, 0, "颜色说明", fm.section)
    swatches = [(vocab.FIGURE_STATUSES[s], fm.value(s, 1)) for s, _ in LEGEND if s != "rejected"]
    swatches += [
        (vocab.UNREAD, fm.cell("pending", unread=True)),
        ("检查未通过", fm.value("pending", 1, True)),
    ]
    swatches.append(("≠ 核对不等", fm.mark))
    for k, (word, f) in enumerate(swatches, start=1):
        band.string(row, k + (1 if k > 1 else 0), word, f)
    width = sum(WIDTHS[:10])
    for j, note in enumerate(NOTES[:2], start=1):
        band.merge(row + j, 0, row + j, 9, note, fm.wrap)
        band.height(row + j, sheet.row_height(sheet.lines(note, width)))
    return row + 3


def _legend(ws: Worksheet, fm: Formats, stacked: bool) -> None:
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
    notes = [*NOTES, summary.DASH_NOTE]
    if stacked:
        notes.append(STACKED_NOTE)
    for j, note in enumerate(notes, start=k + 3):
        ws.write_string(j, 0, note, fm.text)


# ---- the workbook ----------------------------------------------------------------------------------
SHEETS_MAX = 300  # reports with a sheet of their own; the tables of more stand on 报告表格 sheets
PER_SHEET = 500  # reports on one 报告表格 sheet (a sheet holds at most 1,026 page breaks)
STACKED_SCALE = 70  # per cent: a report's tables one page wide on A4 landscape
STACKED_NOTE = (
    f"导出的报告多于 {SHEETS_MAX} 份时，各报告的表格依次排在“报告表格”工作表上（每份报告另起一页），"
    "不再各占一个工作表；数值与单独成表时相同。"
)
BATCH = 100  # reports read at a time
OPTIONS = {
    "strings_to_numbers": False,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "default_format_properties": {"font_name": sheet.FONT, "font_size": sheet.SIZE},
}


def _batches(rows: Sequence[ReportRow], n: int) -> Iterator[Sequence[ReportRow]]:
    for k in range(0, len(rows), n):
        yield rows[k : k + n]


def _previous(
    ws: Workspace, data: Sequence[ReportData], years: dict[int, int | None]
) -> dict[int, tuple[int | None, dict[str, Any]]]:
    """Per report of a batch, last year's report of the same issuer in the workspace (its year and its
    本年新收): what the summary's year-over-year columns compare with."""
    prev = {d.row.id: p for d in data if (p := ws.previous_report(d.row.id)) is not None}
    values = ws.indicators_named(set(prev.values()), (summary.NEW,))
    return {
        rid: (years[p] if p in years else ws.report(p).year, values.get(p, {})) for rid, p in prev.items()
    }


def _sheets(wb: xlsxwriter.Workbook, names: list[str]) -> list[Worksheet]:
    return [wb.add_worksheet(n) for n in names]


def write_workbook(
    path: Path,
    ws: Workspace,
    rows: Sequence[ReportRow],
    chosen: bool,
    progress: Callable[[int, int], None] | None,
) -> None:
    """The workbook of the reports ``rows`` (``chosen``: a choice, not the whole workspace), read a
    batch at a time and written in XlsxWriter's constant-memory mode: the memory it takes does not
    grow with the number of reports, figures or events. Progress counts the reports, then one step
    for the lists and one for the file."""
    ids = [r.id for r in rows] if chosen else None
    counts = ws.export_counts(ids)
    totals = summary.column_totals(
        v for part in _batches(rows, 1000)
        for v in ws.indicators_named([r.id for r in part], summary.SUMMARY_IDS).values()
    )  # fmt: skip
    with_tables = [r for r in rows if r.id in counts.with_tables]
    stacked = len(with_tables) > SHEETS_MAX
    n_steps = len(rows) + 2
    with stream.workbook(path, OPTIONS) as wb:
        fm = Formats(wb)
        used = {"汇总", "图表", "说明", "指标数据"}
        check_names = sheet.names("检查结果", counts.checks, used)
        figure_names = sheet.names("数字明细", counts.figures, used)
        audit_names = sheet.names("审核记录", counts.events, used)
        totals_ws = wb.add_worksheet("汇总")
        charts = wb.add_worksheet("图表")
        legend = wb.add_worksheet("说明")
        check_sheets = _sheets(wb, check_names)
        if stacked:
            n = -(-len(with_tables) // PER_SHEET)
            table_names = sheet.numbered("报告表格", n, used)
            blocks = [_Stacked(s) for s in _sheets(wb, table_names)]
            own: dict[int, Worksheet] = {}
        else:
            blocks = []
            own = {r.id: wb.add_worksheet(_sheet_name(r, used)) for r in with_tables}
        matrix_ws = wb.add_worksheet("指标数据")
        figure_sheets = _sheets(wb, figure_names)
        audit_sheets = _sheets(wb, audit_names)

        totals_sheet = summary.SummarySheet(totals_ws, len(rows), totals, fm)
        matrix = summary.MatrixSheet(matrix_ws, counts.indicators, fm, _cell)
        check_list = lists.CheckList(check_sheets, fm, wb.tmpdir)
        try:
            figures = sheet.ListSheets(figure_sheets, lists.FIGURE_HEADS, lists.FIGURE_WIDTHS, fm)
            years = {r.id: r.year for r in rows}
            plans: dict[tuple[bool, bool], _Plan] = {}
            done = n_tables = 0
            for part in _batches(rows, BATCH):
                data = load_rows(ws, part, table_figures=False)
                previous = _previous(ws, data, years)
                for d in data:
                    totals_sheet.add(d, previous.get(d.row.id))
                    check_list.add(d)
                    matrix.add(d)
                    for row in lists.figure_rows(d, fm):
                        figures.add(row)
                    if d.indicators:
                        if stacked:
                            blocks[n_tables // PER_SHEET].add(d, fm, plans)
                        else:
                            _report_sheet(own[d.row.id], d, fm, plans)
                        n_tables += 1
                    done += 1
                    if progress:
                        progress(done, n_steps)
            for block in blocks:
                block.close()
        except BaseException:
            check_list.discard()  # its waiting rows' files (see CheckList)
            raise
        check_list.close()
        figures.close()
        matrix.close()
        lay = totals_sheet.close()
        sums = totals_sheet.sums
        summary.write_charts(wb, charts, sums, lay, fm)
        _legend(legend, fm, stacked)
        names = {r.id: Path(r.path).name for r in rows}
        audit = sheet.ListSheets(audit_sheets, lists.AUDIT_HEADS, lists.AUDIT_WIDTHS, fm)
        for row in lists.audit_rows(ws, names, chosen):
            audit.add(row)
        audit.close()
        scope = Path(rows[0].path).name if len(rows) == 1 else f"{len(rows)} 份报告"
        long_lists = [(s, (0, 0), 0) for s in (*check_sheets, *figure_sheets, *audit_sheets)]
        for s, title_rows, tall in ((legend, None, 0), (matrix_ws, (0, 1), None), *long_lists):
            sheet.page_setup(s, f"{s.name}：{scope}", sums.names(0), sums.names(1), title_rows, tall)
        totals_ws.activate()
        if progress:
            progress(n_steps - 1, n_steps)
    if progress:
        progress(n_steps, n_steps)
