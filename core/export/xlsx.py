"""The xlsx workbook of ``core.export.to_xlsx``: sheets, merged headers, formats, widths.

Written for speed, since a workspace of a thousand reports makes some 750,000 cells: every report sheet
replays a plan built once per table variant (the header block's merges and labels, then each value
cell with its indicator id), each indicator value's cell (writer, value, format) is worked out once for
the summary and the report's sheet, cells go through XlsxWriter's undecorated cell writers with
prebuilt formats rather than ``write_row``'s type dispatch, and the workbook is assembled in memory
instead of in a temporary file per sheet. XlsxWriter stays in its default (shared strings)
mode, which WPS Office and Excel both open.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from core import vocab
from core.export import ReportData
from core.store.rows import EventRow, IndicatorTuple
from core.tables import grid, layout

FILLS = {
    "pending": None,
    "confirmed": "#E2EFDA",
    "corrected": "#FFF2CC",
    "added": "#DDEBF7",
    "rejected": "#D9D9D9",
}
LEGEND = (  # each status (worded by core.vocab) and what it means
    ("pending", "提取所得，尚未经人核对"),
    ("confirmed", "审核人已核对无误"),
    ("corrected", "审核人改正了提取值"),
    ("added", "审核人手工补录"),
    ("rejected", "不是数字（仅见于数字明细）"),
)


class _Formats:
    def __init__(self, wb: xlsxwriter.Workbook) -> None:
        base = {"font_name": "宋体", "font_size": 10, "valign": "vcenter"}
        self.header = wb.add_format(
            {**base, "bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True, "align": "center"}
        )
        self.title = wb.add_format({**base, "bold": True, "font_size": 14})
        self.section = wb.add_format({**base, "bold": True, "font_size": 11})
        self.label = wb.add_format({**base, "border": 1, "text_wrap": True})
        self.center = wb.add_format({**base, "border": 1, "text_wrap": True, "align": "center"})
        self.text = wb.add_format(base)
        self.wrap = wb.add_format({**base, "text_wrap": True})
        self.int = wb.add_format({**base, "num_format": "#,##0"})
        self.dec = wb.add_format({**base, "num_format": "#,##0.0#####"})
        self.cell: dict[tuple[str, bool], Format] = {}
        for status, fill in FILLS.items():
            for is_int in (True, False):
                f: dict[str, Any] = {**base, "border": 1, "num_format": "#,##0" if is_int else "#,##0.0#####"}
                if fill:
                    f["bg_color"] = fill
                if status == "rejected":
                    f["font_strikeout"] = True
                self.cell[(status, is_int)] = wb.add_format(f)
        self.na = {s: wb.add_format({**base, "border": 1, "align": "center", **({"bg_color": c} if c else {})}) for s, c in FILLS.items()}  # fmt: skip
        self.blank = self.na["pending"]
        self.unread = wb.add_format({**base, "border": 1, "align": "center", "bg_color": "#ffa940"})

    def value(self, status: str, v: Any) -> Format:
        is_int = v.__class__ is int
        return self.cell.get((status, is_int)) or self.cell[("pending", is_int)]


# XlsxWriter's cell writers without the wrapper that first tries to read the row as "A1" notation:
# ``write_number(r, c, …)`` is ``_write_number(r, c, …)`` once that wrapper has seen an int row, and
# the workbook has some 750,000 cells to write. (XlsxWriter's own ``write()`` calls them the same way.)
_number = Worksheet._write_number
_string = Worksheet._write_string
_blank = Worksheet._write_blank


Cell = tuple[Callable[..., Any], Any, Format]  # the writer, the value and the format of a cell


def _cell(v: IndicatorTuple | None, fm: _Formats) -> Cell:
    if v is None:
        return _blank, None, fm.blank
    if v.value is not None:
        is_int = v.value.__class__ is int
        return _number, v.value, fm.cell.get((v.status, is_int)) or fm.cell[("pending", is_int)]
    if v.kind == "not_applicable":
        return _string, v.raw or "/", fm.na.get(v.status, fm.blank)
    if v.kind == "unread":
        return _string, vocab.UNREAD, fm.unread
    return _blank, None, fm.na.get(v.status, fm.blank)


def _cells(d: ReportData, fm: _Formats) -> dict[str, Cell]:
    """The report's indicator value cells, worked out once for its row of the summary and its sheet."""
    return {ind: _cell(v, fm) for ind, v in d.indicators.items()}


def _plain(ws: Worksheet, r: int, c: int, values: Iterable[Any]) -> None:
    """Unformatted cells from column ``c`` on, as ``write_row`` would write them ('' and None: nothing)."""
    for v in values:
        if v is not None and v != "":
            if v.__class__ is str:
                _string(ws, r, c, v)
            else:
                _number(ws, r, c, v)
        c += 1


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


def _hf(text: str) -> str:
    """Text for a page header or footer: & is a code there, and the header holds 255 characters."""
    return text.replace("&", "&&")[:80]


def _page_setup(
    ws: Worksheet, report: str, reviewer: str, title_rows: tuple[int, int] | None, tall: int
) -> None:
    """A4 landscape, one page wide (``tall`` pages high, 0: as many as it takes), the header rows
    printed on every page, the report and reviewer in the header, page x / y in the footer."""
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, tall)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.center_horizontally()
    if title_rows is not None:
        ws.repeat_rows(*title_rows)
    ws.set_header(f"&L{_hf(report)}&R{_hf('审核人：' + (reviewer or '—'))}")
    ws.set_footer("&C第 &P 页 / 共 &N 页")


def _summary(
    ws: Worksheet, data: Sequence[ReportData], values: Sequence[dict[str, Cell]], fm: _Formats
) -> None:
    present = {i for d in data for i in d.indicators}
    ids = [i for i in layout.ORDER if i in present] + sorted(present - set(layout.ORDER))
    if not ids:
        ids = [i for i in layout.ORDER if not i.startswith(("t2_2019.", "t3.r6."))]
    fixed = (
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
    widths = (6, 24, 36, 20, 6, 8, 6, 7, 9, 8, 8)
    for c, (h, w) in enumerate(zip(fixed, widths, strict=True)):
        ws.merge_range(0, c, 1, c, h, fm.header)
        ws.set_column(c, c, w)
    for k, ind in enumerate(ids):
        c = len(fixed) + k
        ws.write_string(0, c, layout.label(ind), fm.header)
        ws.write_string(1, c, ind, fm.header)
    ws.set_column(len(fixed), len(fixed) + len(ids) - 1, 13)
    ws.set_row(0, 66)
    ws.freeze_panes(2, 2)
    label = fm.label
    columns = list(enumerate(ids, start=len(fixed)))
    for k, (d, cells) in enumerate(zip(data, values, strict=True), start=2):
        r = d.row
        _number(ws, k, 0, r.id, label)
        _string(ws, k, 1, d.name, label)
        _string(ws, k, 2, r.title or "", label)
        _string(ws, k, 3, r.issuer or "", label)
        if r.year is not None:
            _number(ws, k, 4, r.year, label)
        else:
            _blank(ws, k, 4, None, label)
        _string(ws, k, 5, vocab.REPORT_STATUSES.get(r.status, r.status), label)
        _number(ws, k, 6, r.n_figures, label)
        _number(ws, k, 7, r.n_pending, label)
        _number(ws, k, 8, r.n_failed, label)
        _string(ws, k, 9, d.signed_by[0], label)  # who marked it done
        _string(ws, k, 10, d.signed_by[1], label)  # the second reviewer who approved or returned it
        for j, ind in columns:
            if ind in cells:
                fn, x, f = cells[ind]
                fn(ws, k, j, x, f)
    ws.autofilter(1, 0, 1 + len(data), len(fixed) + len(ids) - 1)


class _Plan:
    """The fixed part of a report sheet below its title — section titles, merged headers, row labels
    and which indicator each value cell shows — recorded once per table variant, replayed per sheet.

    The first sheet of a variant is written with XlsxWriter's public calls (``merge_range`` checks that
    no merged ranges overlap). The others get what those calls store, in the same order (the order
    of the shared strings): the merged ranges, and per cell its string, formatted blank or indicator
    value, through the cell writers alone — ``merge_range`` writes its first cell and a formatted blank
    in each other cell of the range, and lists the range."""

    def __init__(self) -> None:
        self.ops: list[tuple[Callable[..., Any] | None, tuple[Any, ...]]] = []
        self.merges: list[tuple[int, int, int, int]] = []
        # (indicator, row, column, text, format): a value cell when indicator is set, else a string
        # (a text) or a formatted blank (text None)
        self.cells: list[tuple[str | None, int, int, str | None, Format | None]] = []
        self.checked = False

    def merge_range(self, r1: int, c1: int, r2: int, c2: int, text: str, fmt: Format) -> None:
        self.ops.append((Worksheet.merge_range, (r1, c1, r2, c2, text, fmt)))
        self.merges.append((r1, c1, r2, c2))
        self.cells.append((None, r1, c1, text if text != "" else None, fmt))  # as ``Worksheet._write``
        self.cells += [(None, r, c, None, fmt) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)
                       if (r, c) != (r1, c1)]  # fmt: skip

    def write_string(self, r: int, c: int, text: str, fmt: Format) -> None:
        self.ops.append((Worksheet.write_string, (r, c, text, fmt)))
        self.cells.append((None, r, c, text, fmt))

    def value(self, r: int, c: int, indicator: str) -> None:
        self.ops.append((None, (r, c, indicator)))
        self.cells.append((indicator, r, c, None, None))

    def replay(self, ws: Worksheet, values: dict[str, Cell], fm: _Formats) -> None:
        """Write the plan's cells into ``ws``, the value cells from ``values`` (``_cells``)."""
        if not self.checked:
            for fn, args in self.ops:
                if fn is None:
                    r, c, ind = args
                    w, x, f = values.get(ind) or (_blank, None, fm.blank)
                    w(ws, r, c, x, f)
                else:
                    fn(ws, *args)
            self.checked = True
            return
        ws.merge += [list(m) for m in self.merges]
        blank = fm.blank
        for ind, r, c, text, fmt in self.cells:
            if ind is not None:
                if ind in values:
                    w, x, f = values[ind]
                    w(ws, r, c, x, f)
                else:
                    _blank(ws, r, c, None, blank)
            elif text is not None:
                _string(ws, r, c, text, fmt)
            else:
                _blank(ws, r, c, None, fmt)


def _plan(ids: set[str], fm: _Formats) -> _Plan:
    """The tables 二, 三, 四 of a report with indicator ids ``ids`` (2019 or 2021 table 二 and （六） rows),
    one below the other with a section title above each, in the sheet's form of ``core.tables.grid``."""
    p = _Plan()
    formats = {grid.HEAD: fm.header, grid.LABEL: fm.label, grid.GROUP: fm.center}
    row = 3
    for g in grid.grids(ids, sheet=True):
        p.write_string(row, 0, g.heading, fm.section)
        row += 1
        for (r, c), text in g.text.items():
            rs, cs = g.span_of(r, c)
            if rs > 1 or cs > 1:
                p.merge_range(row + r, c, row + r + rs - 1, c + cs - 1, text, formats[g.style[(r, c)]])
            else:
                p.write_string(row + r, c, text, formats[g.style[(r, c)]])
        for (r, c), ind in g.ids.items():
            p.value(row + r, c, ind)
        row += g.n_rows + 1
    return p


def _report_sheet(
    ws: Worksheet, d: ReportData, values: dict[str, Cell], fm: _Formats, plans: dict[tuple[bool, bool], _Plan]
) -> None:
    r, inds = d.row, d.indicators
    ids = set(inds)
    variant = (layout.uses_2019_table2(ids), layout.uses_single_r6(ids))
    plan = plans.get(variant)
    if plan is None:
        plan = plans[variant] = _plan(ids, fm)
    ws.set_column(0, 0, 16)
    ws.set_column(1, 1, 16)
    ws.set_column(2, 2, 30)
    ws.set_column(3, 17, 11)
    ws.write_string(0, 0, r.title or d.name, fm.title)
    ws.write_string(1, 0, f"文件：{d.name}　发布机关：{r.issuer or '—'}　年度：{r.year or '—'}　"
                    f"审核状态：{vocab.REPORT_STATUSES.get(r.status, r.status)}", fm.text)  # fmt: skip
    plan.replay(ws, values, fm)
    ws.freeze_panes(3, 0)
    reviewers = "、".join(dict.fromkeys(v for v in d.reviewers.values() if v))
    # the three tables on at most two pages, labels beside their values
    _page_setup(ws, f"{d.name}（{r.year or '—'}）", reviewers, (0, 1), 2)


def _figures(ws: Worksheet, data: Sequence[ReportData], fm: _Formats) -> None:
    heads = ("报告编号", "文件", "发布机关", "年度", "位置", "原文", "数值", "提取值", "单位", "限定词",
             "标签", "指标", "指标名称", "来源", "置信度", "状态", "审核人", "上下文")  # fmt: skip
    widths = (7, 22, 18, 6, 7, 12, 12, 12, 6, 7, 24, 20, 28, 8, 7, 8, 8, 60)
    for c, (h, w) in enumerate(zip(heads, widths, strict=True)):
        ws.write_string(0, c, h, fm.header)
        ws.set_column(c, c, w)
    ws.freeze_panes(1, 0)
    k = 1
    labels = layout.LABELS
    for d in data:
        r = d.row
        report = (r.id, d.name, r.issuer or "", r.year or "")
        in_tables = {v.figure_id for v in d.indicators.values() if v.figure_id is not None}
        who = d.reviewers.get
        for f in d.figures:
            if f.id in in_tables:
                continue  # a cell of 表二/三/四: shown with its status on the report's own sheet
            v, ov = f.value, f.original_value
            _plain(ws, k, 0, (*report, f.start, f.text))
            if v is not None:
                _number(ws, k, 6, v, fm.value(f.status, v))
            if ov is not None:
                _number(ws, k, 7, ov, fm.int if ov.__class__ is int else fm.dec)
            _plain(ws, k, 8, (
                f.unit, vocab.qualifier_name(f.qualifier), f.label, f.indicator,
                labels.get(f.indicator, f.indicator) if f.indicator else "", vocab.SOURCES.get(f.source, f.source),
                round(f.confidence, 2), vocab.FIGURE_STATUSES.get(f.status, f.status),
                who(f"figure:{f.id}", ""), d.context(f.start, f.end),
            ))  # fmt: skip
            k += 1
    ws.autofilter(0, 0, max(k - 1, 1), len(heads) - 1)


def _audit(ws: Worksheet, events: Sequence[EventRow], names: dict[int, str], fm: _Formats) -> None:
    heads = ("编号", "时间", "审核人", "报告编号", "文件", "对象", "操作", "原值", "新值", "理由", "已撤销")
    widths = (7, 22, 10, 8, 22, 24, 12, 14, 14, 30, 7)
    for c, (h, w) in enumerate(zip(heads, widths, strict=True)):
        ws.write_string(0, c, h, fm.header)
        ws.set_column(c, c, w)
    ws.freeze_panes(1, 0)
    for k, e in enumerate(events, start=1):
        _plain(ws, k, 0, (e.id, e.at, e.reviewer, e.report_id, names.get(e.report_id, ""), e.target,
                          vocab.REVIEW_ACTIONS.get(e.action, e.action), e.old, e.new, e.reason, "是" if e.undone else ""))  # fmt: skip
    ws.autofilter(0, 0, max(len(events), 1), len(heads) - 1)


def _legend(ws: Worksheet, fm: _Formats) -> None:
    ws.set_column(0, 0, 14)
    ws.set_column(1, 1, 50)
    ws.write_string(0, 0, "颜色说明", fm.section)
    for k, (status, text) in enumerate(LEGEND, start=1):
        ws.write_number(k, 0, 123, fm.value(status, 123))
        ws.write_string(k, 1, f"{vocab.FIGURE_STATUSES[status]}：{text}", fm.text)
    ws.write_string(
        len(LEGEND) + 2,
        0,
        "空白单元格为报告中的空白（不是 0）；“/”表示不适用；“未读出”为程序未能读出的单元格（不是空白），请对照原文。",
        fm.text,
    )
    ws.write_string(
        len(LEGEND) + 3,
        0,
        "“数字明细”列出正文中的数字与补录的数字；表二、表三、表四的单元格见各报告工作表。",
        fm.text,
    )


def write_workbook(
    path: Path,
    data: Sequence[ReportData],
    events: Sequence[EventRow],
    progress: Callable[[int, int], None] | None,
) -> None:
    opts = {
        "strings_to_numbers": False,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "in_memory": True,
    }
    # The workbook is built in memory and written in one go by us: a full disk then raises one clean
    # OSError here instead of a half-closed zip that complains again when it is garbage-collected.
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, opts)
    try:
        fm = _Formats(wb)
        summary = wb.add_worksheet("汇总")
        legend = wb.add_worksheet("说明")
        used = {"汇总", "说明", "数字明细", "审核记录"}
        # a document without tables (a reply letter …) gets no official-table sheet
        values = [_cells(d, fm) for d in data]
        sheets = [
            (wb.add_worksheet(_sheet_name(d, used)), d, v)
            for d, v in zip(data, values, strict=True)
            if d.indicators
        ]
        figures = wb.add_worksheet("数字明细")
        audit = wb.add_worksheet("审核记录")
        _summary(summary, data, values, fm)
        _legend(legend, fm)
        total = len(sheets)
        plans: dict[tuple[bool, bool], _Plan] = {}
        for k, (ws, d, v) in enumerate(sheets, start=1):
            _report_sheet(ws, d, v, fm, plans)
            if progress:
                progress(k, total)
        _figures(figures, data, fm)
        _audit(audit, events, {d.row.id: d.name for d in data}, fm)
        everyone = "、".join(dict.fromkeys(e.reviewer for e in events if e.reviewer))
        scope = data[0].name if len(data) == 1 else f"{len(data)} 份报告"
        for sheet, rows in ((summary, (0, 1)), (legend, None), (figures, (0, 0)), (audit, (0, 0))):
            _page_setup(sheet, f"{sheet.name}：{scope}", everyone, rows, 0)
        summary.activate()
    finally:
        wb.close()
    with open(path, "wb") as f:
        f.write(buf.getbuffer())
