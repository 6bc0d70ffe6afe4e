"""The workbook's long lists, a row per item: 检查结果 (every check, failing first), 数字明细 (the
narrative figures) and 审核记录 (the audit trail in words: the object named, statuses in Chinese, the
time as the reader's clock shows it). ``sheet.write_list`` writes them, continuing past the row limit.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from core import checks as check_rules
from core import vocab
from core.export import sheet
from core.export.data import ReportData
from core.export.sheet import Formats
from core.store.rows import EventRow
from core.tables import layout

# ---- the lists ---------------------------------------------------------------------------------------
_ORDER = ("fail", "accepted", "not_checkable", "pass")  # failing first, then accepted, …, passing last


def _checks_rows(data: Sequence[ReportData], formats: dict[str, Format]) -> Iterator[tuple[Any, ...]]:
    every = [(d, k) for d in data for k in d.checks]
    every.sort(key=lambda dk: _ORDER.index(dk[1].status if not dk[1].accepted else "accepted")
               if dk[1].status in _ORDER else len(_ORDER))  # fmt: skip
    for d, k in every:
        r = d.row
        state = "accepted" if k.accepted else k.status
        word = vocab.ACCEPTED if k.accepted else vocab.CHECK_STATUSES.get(k.status, k.status)
        yield (r.id, d.name, r.issuer or "", r.year or "", vocab.rule_name(k.rule),
               check_rules.subject_name(k.rule, k.subject), k.formula, (word, formats.get(state)),
               "错误" if k.severity == "error" else "提示", k.reason if k.accepted else "")  # fmt: skip


def check_sheets(sheets: Sequence[Worksheet], data: Sequence[ReportData], fm: Formats) -> None:
    formats = {
        "fail": fm.get(font_color=sheet.FAIL_BORDER, bold=True),
        "accepted": fm.get(bg_color=sheet.FILLS["corrected"]),
        "not_checkable": fm.get(bg_color=sheet.UNREAD_FILL),
        "pass": fm.get(),
    }
    heads = (
        "报告编号",
        "文件",
        "发布机关",
        "年度",
        "检查",
        "对象",
        "算式",
        "结果",
        "严重程度",
        "接受理由",
    )
    widths = (7, 24, 20, 6, 14, 18, 60, 8, 8, 30)
    sheet.write_list(sheets, heads, widths, _checks_rows(data, formats), fm)


def figure_rows(data: Sequence[ReportData], fm: Formats) -> Iterator[tuple[Any, ...]]:
    labels = layout.LABELS
    for d in data:
        r = d.row
        in_tables = {v.figure_id for v in d.indicators.values() if v.figure_id is not None}
        who = d.reviewers.get
        for f in d.figures:
            if f.id in in_tables:
                continue  # a cell of 表二/三/四: shown with its status on the report's own sheet
            v, ov = f.value, f.original_value
            yield (
                r.id, d.name, r.issuer or "", r.year or "", f.start, f.text,
                None if v is None else (v, fm.value(f.status, v)),
                None if ov is None else (ov, fm.int if ov.__class__ is int else fm.dec),
                f.unit, vocab.qualifier_name(f.qualifier), f.label, f.indicator,
                labels.get(f.indicator, f.indicator) if f.indicator else "", vocab.SOURCES.get(f.source, f.source),
                round(f.confidence, 2), vocab.FIGURE_STATUSES.get(f.status, f.status),
                who(f"figure:{f.id}", ""), d.context(f.start, f.end),
            )  # fmt: skip


def n_figures(data: Sequence[ReportData]) -> int:
    n = 0
    for d in data:
        in_tables = {v.figure_id for v in d.indicators.values() if v.figure_id is not None}
        n += sum(1 for f in d.figures if f.id not in in_tables)
    return n


def local_time(at: str) -> str:
    """An event's time as the reader's clock shows it: ``2026-12-07 17:05:09``."""
    try:
        return datetime.fromisoformat(at).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return at.replace("T", " ")


_WORDS = {
    **vocab.CHECK_STATUSES,
    **vocab.REPORT_STATUSES,
    **vocab.FIGURE_STATUSES,
    **vocab.INDICATOR_KINDS,
    "accepted": vocab.ACCEPTED,
}


def object_name(target: str, d: ReportData | None) -> str:
    """What an event acted on, in words: the report, a table cell (table, row, column), a narrative
    figure (its text and place) or a check (rule and subject)."""
    kind, _, rest = target.partition(":")
    if kind == "indicator":
        return layout.label(rest)
    if kind == "figure":
        if d is None:
            return f"数字 {rest}"
        cell = next((i for i, v in d.indicators.items() if str(v.figure_id) == rest), None)
        if cell is not None:  # a cell of table 二, 三 or 四
            return layout.label(cell)
        f = next((f for f in d.figures if str(f.id) == rest), None)
        return f"正文数字“{f.text}”（第 {f.start} 字）" if f is not None else f"数字 {rest}"
    if kind == "check":
        rule, _, subject = rest.partition(":")
        return f"检查：{vocab.rule_name(rule)}（{check_rules.subject_name(rule, subject)}）"
    return "报告"


def value_words(v: str) -> str:
    """An event's old or new value in words (statuses and kinds worded; numbers as they are)."""
    return _WORDS.get(v, v)


def audit_rows(events: Sequence[EventRow], held: dict[int, ReportData]) -> Iterator[tuple[Any, ...]]:
    for e in events:
        d = held.get(e.report_id)
        yield (e.id, local_time(e.at), e.reviewer, e.report_id, d.name if d else "", object_name(e.target, d),
               vocab.REVIEW_ACTIONS.get(e.action, e.action), value_words(e.old), value_words(e.new), e.reason,
               "是" if e.undone else "")  # fmt: skip
