"""The workbook's long lists, a row per item: 检查结果 (every check, failing first), 数字明细 (the
narrative figures) and 审核记录 (the audit trail in words: the object named, statuses in Chinese, the
time as the reader's clock shows it). ``sheet.ListSheets`` writes them in order, continuing past the
row limit; each is read from the workspace a batch at a time, never whole.
"""

from __future__ import annotations

import marshal
import tempfile
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import IO, TYPE_CHECKING, Any

from xlsxwriter.worksheet import Worksheet

from core import checks as check_rules
from core import vocab
from core.export import sheet
from core.export.data import ReportData
from core.export.sheet import Formats
from core.store.rows import CheckRow, EventRow, ReportRow
from core.tables import layout

if TYPE_CHECKING:
    from core.store import Workspace

EVENTS = 5_000  # review events read at a time

# ---- 检查结果 -----------------------------------------------------------------------------------------
_ORDER = ("fail", "accepted", "not_checkable", "pass")  # failing first, then accepted, …, passing last
CHECK_HEADS = ("报告编号", "文件", "发布机关", "年度", "检查", "对象", "算式", "结果", "严重程度", "接受理由")
CHECK_WIDTHS = (7, 24, 20, 6, 14, 18, 60, 8, 8, 30)


def _rank(k: CheckRow) -> int:
    """Where a check stands in the list: failing, accepted, not checkable, passing, then any other."""
    if k.status not in _ORDER:
        return len(_ORDER)
    return _ORDER.index("accepted" if k.accepted else k.status)


class CheckList:
    """检查结果: every check of the reports, failing first, then accepted, not checkable, passing;
    within each, in the reports' order and each report's own. The failing ones are written as the
    reports go by (``add``); the others wait in a temporary file per rank, in the order they came, and
    ``close`` writes them after (reading them back from the workspace cost 22 µs a check, JSON and
    all: 4 s of a workbook of a million figures). ``discard`` removes the files of a list never closed."""

    def __init__(self, sheets: Sequence[Worksheet], fm: Formats, folder: str | None = None) -> None:
        self.formats = {
            "fail": fm.get(font_color=sheet.FAIL_BORDER, bold=True),
            "accepted": fm.get(bg_color=sheet.FILLS["corrected"]),
            "not_checkable": fm.get(bg_color=sheet.UNREAD_FILL),
            "pass": fm.get(),
        }
        self.out = sheet.ListSheets(sheets, CHECK_HEADS, CHECK_WIDTHS, fm)
        self.folder = folder
        self.later: list[IO[bytes] | None] = [None] * len(_ORDER)  # per rank after the first

    def _row(self, r: ReportRow, name: str, k: CheckRow) -> tuple[Any, ...]:
        """The row's cells; the result as (word, state), the state naming its format."""
        state = "accepted" if k.accepted else k.status
        word = vocab.ACCEPTED if k.accepted else vocab.CHECK_STATUSES.get(k.status, k.status)
        return (r.id, name, r.issuer or "", r.year or "", vocab.rule_name(k.rule),
                check_rules.subject_name(k.rule, k.subject), k.formula, (word, state),
                "错误" if k.severity == "error" else "提示", k.reason if k.accepted else "")  # fmt: skip

    def _write(self, row: tuple[Any, ...]) -> None:
        word, state = row[7]
        self.out.add((*row[:7], (word, self.formats.get(state)), *row[8:]))

    def add(self, d: ReportData) -> None:
        waiting: dict[int, list[tuple[Any, ...]]] = {}
        for k in d.checks:
            rank = _rank(k)
            if rank == 0:
                self._write(self._row(d.row, d.name, k))
            else:
                waiting.setdefault(rank, []).append(self._row(d.row, d.name, k))
        for rank, rows in waiting.items():
            f = self.later[rank - 1]
            if f is None:
                f = self.later[rank - 1] = tempfile.TemporaryFile(prefix="hecha-checks-", dir=self.folder)  # noqa: SIM115 - closed by discard
            marshal.dump(rows, f)

    def close(self) -> int:
        try:
            for f in self.later:
                if f is None:
                    continue
                f.seek(0)
                while True:
                    try:
                        rows = marshal.load(f)
                    except EOFError:
                        break
                    for row in rows:
                        self._write(row)
        finally:
            self.discard()
        return self.out.close()

    def discard(self) -> None:
        for k, f in enumerate(self.later):
            if f is not None:
                f.close()
                self.later[k] = None


# ---- 数字明细 -----------------------------------------------------------------------------------------
FIGURE_HEADS = ("报告编号", "文件", "发布机关", "年度", "位置", "原文", "数值", "提取值", "单位", "限定词",
                "标签", "指标", "指标名称", "来源", "置信度", "状态", "审核人", "上下文")  # fmt: skip
FIGURE_WIDTHS = (7, 22, 18, 6, 7, 12, 12, 12, 6, 7, 24, 20, 28, 8, 7, 8, 8, 60)


def figure_rows(d: ReportData, fm: Formats) -> Iterator[tuple[Any, ...]]:
    """A report's narrative figures (the cells of tables 二, 三, 四 are on its own sheet)."""
    labels = layout.LABELS
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


# ---- 审核记录 -----------------------------------------------------------------------------------------
AUDIT_HEADS = ("编号", "时间", "审核人", "报告编号", "文件", "对象", "操作", "原值", "新值", "理由", "已撤销")
AUDIT_WIDTHS = (7, 19, 10, 8, 22, 30, 12, 14, 14, 30, 7)


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

Place = tuple[str, int, str | None]  # a figure's text, start, and the table cell linked to it


def object_name(target: str, held: bool, places: dict[int, Place]) -> str:
    """What an event acted on, in words: the report, a table cell (table, row, column), a narrative
    figure (its text and place) or a check (rule and subject). ``held``: the event's report is among
    those exported; ``places``: the figures the events name (``Workspace.figure_places``)."""
    kind, _, rest = target.partition(":")
    if kind == "indicator":
        return layout.label(rest)
    if kind == "figure":
        place = places.get(int(rest)) if held and rest.isdigit() else None
        if place is None:
            return f"数字 {rest}"
        text, start, cell = place
        if cell is not None:  # a cell of table 二, 三 or 四
            return layout.label(cell)
        return f"正文数字“{text}”（第 {start} 字）"
    if kind == "check":
        rule, _, subject = rest.partition(":")
        return f"检查：{vocab.rule_name(rule)}（{check_rules.subject_name(rule, subject)}）"
    return "报告"


def value_words(v: str) -> str:
    """An event's old or new value in words (statuses and kinds worded; numbers as they are)."""
    return _WORDS.get(v, v)


def audit_rows(ws: Workspace, names: dict[int, str], only_held: bool) -> Iterator[tuple[Any, ...]]:
    """The audit trail in words, a page of events at a time. ``names``: the exported reports' file
    names; ``only_held``: leave out the events of other reports (an export of chosen reports)."""
    after = 0
    while events := ws.events_after(after, EVENTS):
        after = events[-1].id
        if only_held:
            events = [e for e in events if e.report_id in names]
        places = ws.figure_places(_figures_named(events, names))
        for e in events:
            name = names.get(e.report_id)
            yield (e.id, local_time(e.at), e.reviewer, e.report_id, name or "",
                   object_name(e.target, name is not None, places), vocab.REVIEW_ACTIONS.get(e.action, e.action),
                   value_words(e.old), value_words(e.new), e.reason, "是" if e.undone else "")  # fmt: skip


def _figures_named(events: Sequence[EventRow], names: dict[int, str]) -> set[int]:
    out = set()
    for e in events:
        kind, _, rest = e.target.partition(":")
        if kind == "figure" and rest.isdigit() and e.report_id in names:
            out.add(int(rest))
    return out
