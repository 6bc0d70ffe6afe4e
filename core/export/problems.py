"""The 问题清单 sent back to each issuer to fix (整改): every failing check with its formula and values,
every cell of the standard tables that could not be read or was left blank, every value the reviewer
corrected (old → new, with the reason) and every narrative figure that disagrees with the table — each
with its place (page, table, row, column).

``problems(ws)`` lists them (each names the stored check, indicator value or review event it comes
from); ``to_docx`` writes one letter per issuer (python-docx: a title, the office's name, the date, a
table of the problems); ``to_xlsx`` one sheet over all reports. ``hecha problems`` drives both.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING

from core import checks as check_rules
from core import messages, vocab
from core.errors import ExportError
from core.export import sheet
from core.export.data import pick
from core.model import Document
from core.store.rows import CheckRow, EventRow, IndicatorRow, ReportRow
from core.tables import layout

if TYPE_CHECKING:
    from xlsxwriter import Workbook
    from xlsxwriter.worksheet import Worksheet

    from core.store import Workspace

TITLE = "政府信息公开工作年度报告问题清单"
# The kinds of problem, in the order a letter lists them
FAILED = "检查未通过"
MISMATCH = "正文与表格不一致"
UNREAD = "未能读出"
BLANK = "未填写"
CORRECTED = "审核更正"
KINDS = (FAILED, MISMATCH, UNREAD, BLANK, CORRECTED)
CORRECTIONS = ("correct", "set_indicator_value")


@dataclass(frozen=True)
class Problem:
    report: ReportRow
    name: str  # the report's file name
    kind: str  # one of KINDS
    place: str  # 第 N 页 · 表三 … (table, row, column) or 正文第 N 行
    what: str  # the problem in words
    detail: str  # the formula with its values, or old → new and the reason
    source: str  # where it is stored: check:RULE:SUBJECT, indicator:ID or event:ID

    @property
    def issuer(self) -> str:
        return self.report.issuer or self.name


def _page(doc: Document, start: int | None) -> str:
    """``第 N 页`` for a PDF report's offset, '' otherwise."""
    pages = doc.char_pages
    if pages is None or start is None or not 0 <= start < len(pages):
        return ""
    p = pages[start]
    k = start
    while p < 0 and k + 1 < len(pages) and k < start + 200:  # a character the loader inserted
        k += 1
        p = pages[k]
    return f"第 {p + 1} 页" if p >= 0 else ""


def _line(doc: Document, start: int) -> str:
    """正文第 N 行, for a report without pages (a PDF's place is its page)."""
    if _page(doc, start):
        return ""
    return f"正文第 {doc.text.count(chr(10), 0, start) + 1} 行"


def _place(doc: Document, start: int | None, where: str) -> str:
    return " · ".join(x for x in (_page(doc, start), where) if x)


def _cell_place(doc: Document, v: IndicatorRow | None, ind: str) -> str:
    return _place(doc, v.start if v is not None else None, layout.label(ind))


@dataclass(frozen=True)
class _Report:
    """One report as its problems are placed: its row, file name, text and table cells."""

    row: ReportRow
    name: str
    doc: Document
    inds: dict[str, IndicatorRow]

    def problem(self, kind: str, place: str, what: str, detail: str, source: str) -> Problem:
        return Problem(self.row, self.name, kind, place, what, detail, source)


def _mismatch_place(rep: _Report, k: CheckRow, first: str | None) -> str:
    """Where a narrative figure disagrees with the table: its page or line, and the cell."""
    fig = next((c for c in k.cells if c.startswith("fig:")), None)
    start = int(fig[4:]) if fig else None
    line = _line(rep.doc, start) if start is not None else ""
    where = " · ".join(x for x in (line, layout.label(first) if first else "") if x)
    return _place(rep.doc, start, where)


def _failed_place(rep: _Report, k: CheckRow, subject: str, first: str | None) -> str:
    """Where a failing check stands: a row, a column or a group of table 三/四 by name, else its first cell."""
    if k.rule.startswith(("t3.", "t4.")):
        table = "表三" if k.rule.startswith("t3.") else "表四"
        page = _page(rep.doc, rep.inds[first].start) if first and first in rep.inds else ""
        return " · ".join(x for x in (page, f"{table} {subject}") if x)
    return _cell_place(rep.doc, rep.inds.get(first), first) if first else subject


def _check_problem(rep: _Report, k: CheckRow) -> Problem:
    subject = check_rules.subject_name(k.rule, k.subject)
    first = next((c for c in k.cells if c in rep.inds), None)
    if k.rule == "narrative_vs_table":
        kind, place = MISMATCH, _mismatch_place(rep, k, first)
    else:
        kind, place = FAILED, _failed_place(rep, k, subject, first)
    what = f"{vocab.rule_name(k.rule)}（{subject}）"
    detail = k.formula + (f"；审核人已接受：{k.reason}" if k.accepted else "")
    return rep.problem(kind, place, what, detail, f"check:{k.rule}:{k.subject}")


# A cell of the standard tables that is a problem as read: its kind of problem, its word, what to do
_CELL_PROBLEMS = {
    "unread": (
        UNREAD,
        vocab.UNREAD,
        "表格中的这一格无法读出（可能数字粘连或报告副本残缺），请核对并报送准确数值",
    ),
    "empty": (BLANK, "空白", "表格中的这一格为空白；没有发生的事项应填 0"),
}


def _cell_problems(rep: _Report) -> list[Problem]:
    out: list[Problem] = []
    for ind in layout.ORDER:
        v = rep.inds.get(ind)
        if v is None or v.kind not in _CELL_PROBLEMS:
            continue
        kind, word, detail = _CELL_PROBLEMS[v.kind]
        place = _cell_place(rep.doc, v, ind)
        out.append(rep.problem(kind, place, f"{layout.label(ind)}：{word}", detail, f"indicator:{ind}"))
    return out


def _correction_place(ws: Workspace, rep: _Report, e: EventRow) -> str:
    """Where a corrected value stands: its cell, the cell its figure was read into, or the figure's words."""
    target = e.target.partition(":")[2]
    if e.target.startswith("indicator:"):
        return _cell_place(rep.doc, rep.inds.get(target), target)
    linked = next((i for i, v in rep.inds.items() if str(v.figure_id) == target), None)
    if linked is not None:
        return _cell_place(rep.doc, rep.inds.get(linked), linked)
    f = next((f for f in ws.figures(rep.row.id) if str(f.id) == target), None)
    if f is not None:
        return _place(rep.doc, f.start, f"{_line(rep.doc, f.start)}“{f.text}”")
    return "正文"


def _correction_problem(ws: Workspace, rep: _Report, e: EventRow) -> Problem:
    old = _words(e.old) or "（空白）"
    new = _words(e.new) or "（空白）"
    detail = f"{old} → {new}" + (f"；理由：{e.reason}" if e.reason else "")
    what = f"审核人{vocab.REVIEW_ACTIONS.get(e.action, e.action)}了这一数值，请核实报告原文"
    return rep.problem(CORRECTED, _correction_place(ws, rep, e), what, detail, f"event:{e.id}")


_KIND_ORDER = {k: n for n, k in enumerate(KINDS)}


def _of_report(ws: Workspace, r: ReportRow) -> list[Problem]:
    """The report's problems in the order of ``KINDS``: failing checks, cells unread or blank, corrections."""
    rep = _Report(row=r, name=Path(r.path).name, doc=ws.document(r.id), inds=ws.indicators(r.id))
    out = [_check_problem(rep, k) for k in ws.checks(r.id) if k.status == "fail"]
    out += _cell_problems(rep)
    out += [
        _correction_problem(ws, rep, e) for e in ws.events(r.id) if not e.undone and e.action in CORRECTIONS
    ]
    return sorted(out, key=lambda p: _KIND_ORDER[p.kind])


_VALUE_WORDS = {**vocab.INDICATOR_KINDS, **vocab.FIGURE_STATUSES}


def _words(v: str) -> str:
    return _VALUE_WORDS.get(v, v)


def problems(ws: Workspace, report_ids: Iterable[int] | None = None) -> list[Problem]:
    """Every problem of the chosen reports (None: all), report by report, in the order of ``KINDS``."""
    return list(each_problem(ws, report_ids))


def each_problem(ws: Workspace, report_ids: Iterable[int] | None = None) -> Iterator[Problem]:
    """``problems`` one at a time, reading one report at a time."""
    for r in pick(ws, ws.reports(), report_ids):
        yield from _of_report(ws, r)


def _issuers(ws: Workspace, report_ids: Iterable[int] | None) -> dict[str, list[ReportRow]]:
    """The chosen reports by the issuer their problems are sent to (``Problem.issuer``: the issuer, else
    the file), in report order."""
    out: dict[str, list[ReportRow]] = {}
    for r in pick(ws, ws.reports(), report_ids):
        out.setdefault(r.issuer or Path(r.path).name, []).append(r)
    return out


def by_issuer(items: Sequence[Problem]) -> dict[str, list[Problem]]:
    out: dict[str, list[Problem]] = {}
    for p in items:
        out.setdefault(p.issuer, []).append(p)
    return out


def _safe_name(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", text).strip(" .") or "报告"


def _today() -> str:
    d = date.today()
    return f"{d.year}年{d.month}月{d.day}日"


# ---- DOCX: one letter per issuer ---------------------------------------------------------------------
def to_docx(
    ws: Workspace, folder: str | os.PathLike[str], report_ids: Iterable[int] | None = None, office: str = ""
) -> list[Path]:
    """One letter per issuer with problems (``问题清单-发布机关.docx``) in ``folder``; returns the files.
    The reports are read one issuer at a time, each letter written before the next issuer's reports are
    read, so a workspace of thousands of reports is never held whole."""
    issuers = _issuers(ws, report_ids)
    out_dir = Path(folder)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ExportError(f"{out_dir}: 无法建立文件夹（{messages.write_reason(e)}）") from e
    written = []
    for issuer, reports in issuers.items():
        mine = [x for r in reports for x in _of_report(ws, r)]
        if not mine:
            continue
        path = out_dir / f"问题清单-{_safe_name(issuer)}.docx"
        data = letter(issuer, mine, office)
        try:
            path.write_bytes(data)
        except OSError as e:
            raise ExportError(f"{path}: 无法写入问题清单（{messages.write_reason(e)}）") from e
        written.append(path)
    return written


def _font(run: object, size: float | None = None, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    r = run  # a python-docx Run
    r.font.name = "宋体"  # type: ignore[attr-defined]
    r._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")  # type: ignore[attr-defined]
    if size:
        r.font.size = Pt(size)  # type: ignore[attr-defined]
    r.font.bold = bold  # type: ignore[attr-defined]


def letter(issuer: str, items: Sequence[Problem], office: str = "") -> bytes:
    """The letter to ``issuer``: title, salutation, the reports concerned, a table of the problems
    (序号, 报告, 类别, 位置, 问题, 说明), the office's name and the date."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    d = docx.Document()
    sec = d.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(sec, side, Cm(2.0))
    sec.top_margin = sec.bottom_margin = Cm(1.8)
    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run(TITLE), 18, bold=True)
    _font(d.add_paragraph().add_run(f"{issuer}："), 12)
    reports = list(dict.fromkeys((x.report.title or x.name, x.report.year) for x in items))
    named = "、".join(f"《{t}》" + (f"（{y}年度）" if y and str(y) not in t else "") for t, y in reports)
    body = (
        f"经核查，贵单位报送的{named}存在以下 {len(items)} 个问题（见下表），"
        "请逐项核实，按要求整改，并将整改情况和更正后的报告报送我单位。"
    )
    para = d.add_paragraph()
    para.paragraph_format.first_line_indent = Cm(0.85)
    _font(para.add_run(body), 12)
    heads = ("序号", "报告", "类别", "位置", "问题", "说明")
    widths = (Cm(1.2), Cm(4.5), Cm(2.6), Cm(5.0), Cm(5.6), Cm(6.8))
    t = d.add_table(rows=1, cols=len(heads))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    for c, w in enumerate(widths):
        t.columns[c].width = w
    for c, h in enumerate(heads):
        cell = t.rows[0].cells[c]
        cell.width = widths[c]
        _font(cell.paragraphs[0].add_run(h), 10.5, bold=True)
    _repeat_header(t.rows[0])
    for n, x in enumerate(items, start=1):
        row = t.add_row()
        _keep_row(row)
        values = (str(n), f"{x.name}" + (f"（{x.report.year}）" if x.report.year else ""), x.kind, x.place,
                  x.what, x.detail)  # fmt: skip
        for c, v in enumerate(values):
            row.cells[c].width = widths[c]
            _font(row.cells[c].paragraphs[0].add_run(v), 10)
    d.add_paragraph()
    for text in (office or "核查单位（盖章）", _today()):
        sign = d.add_paragraph()
        sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _font(sign.add_run(text), 12)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _repeat_header(row: object) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _keep_row(row: object) -> None:
    """A row is never split across pages."""
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # type: ignore[attr-defined]


# ---- xlsx: one sheet over all reports ----------------------------------------------------------------
HEADS = ("序号", "报告编号", "发布机关", "年度", "文件", "类别", "位置", "问题", "说明", "来源")
WIDTHS = (5, 7, 18, 6, 24, 12, 26, 28, 44, 18)


def to_xlsx(ws: Workspace, out: str | os.PathLike[str], report_ids: Iterable[int] | None = None) -> int:
    """The 问题清单 of every chosen report on one sheet (more sheets past the row limit); returns the
    number of problems. The reports are read one at a time and the rows written in XlsxWriter's
    constant-memory mode (each row to a temporary file once the next is written; strings inline in
    their cells, which Excel, WPS Office and LibreOffice read), so the list of a workspace of any size
    takes the memory of one report."""
    from core.export import stream

    names = ws.reviewers()
    tmp = Path(messages.part_path(out, ".xlsx"))
    options = {"strings_to_formulas": False, "strings_to_urls": False,
               "default_format_properties": {"font_name": sheet.FONT, "font_size": sheet.SIZE}}  # fmt: skip
    try:
        with stream.workbook(tmp, options) as wb:
            fm = sheet.Formats(wb)
            n, sheets = _write_rows(wb, fm, each_problem(ws, report_ids))
            for s in sheets:
                for c, w in enumerate(WIDTHS):
                    s.set_column(c, c, w, fm.wrap)
                sheet.page_setup(s, f"{TITLE}（{n} 项）", names.reviewer, names.second_reviewer, (0, 0), 0)
        os.replace(tmp, out)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"{out}: 无法写入问题清单（{messages.write_reason(e)}）") from e
    except BaseException:  # a refusal, or stopped: no half-written part is left
        tmp.unlink(missing_ok=True)
        raise
    return n


def _write_rows(wb: Workbook, fm: sheet.Formats, items: Iterator[Problem]) -> tuple[int, list[Worksheet]]:
    """The problems as rows under a header row; a sheet is added when the one before is full (how many
    problems there are is known only once they are all written). Returns their number and the sheets."""
    per = sheet.MAX_ROWS - 1
    rows: Iterator[tuple[object, ...]] = (
        (n, x.report.id, x.issuer, x.report.year or "", x.name, x.kind, x.place, x.what, x.detail, x.source)
        for n, x in enumerate(items, start=1)
    )
    sheets: list[Worksheet] = []
    n = 0
    while True:
        s = wb.add_worksheet(sheet.names("问题清单", n + 1, set())[-1])
        sheets.append(s)
        wrote = sheet.write_list([s], HEADS, WIDTHS, islice(rows, per), fm)
        n += wrote
        following = next(rows, None) if wrote == per else None
        if following is None:
            return n, sheets
        rows = chain([following], rows)
