"""The review record (核查单) of a report, as a document to print, sign and file: the report's file
name and sha256, the three standard tables in the official layout (``core.tables.grid``) with each
value's status, every check with its formula (accepted failures with their reasons), the narrative
figures corrected, rejected or added, who reviewed it and when, the second reviewer, signature lines.

Pure Python: ``html`` gives the document as simple HTML that ``gui.signoff.record`` lays out on A4 landscape
pages with Qt (table header rows are ``<thead>`` so they repeat on every page). ``batches`` reads the
chosen reports a batch at a time, so a record of thousands of reports never holds them all at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from core import checks, messages, vocab
from core.errors import ExportError
from core.store.rows import CheckRow, EventRow, FigureRow, IndicatorRow, ReportRow
from core.store.signoff import Signoff
from core.tables import grid

if TYPE_CHECKING:
    from core.store import Workspace

TITLE = "政府信息公开工作年度报告核查单"
# the old value of a cell that held no number before the reviewer typed one in (worded 补录, not 已更正)
TYPED_IN = ("unread", "empty", "", vocab.UNREAD, "空白")
# a hash in a monospace face: no ligature (ff, fi) changes what a reader copies
MONO = "font-family:'DejaVu Sans Mono','Noto Sans Mono','Courier New',monospace; font-variant-ligatures:none"
# review events of the second reviewer (复核): their own actions, or a report status they set
SECOND_ACTIONS = ("approve", "return")
SECOND_STATUSES = ("approved", "returned")
# reports read together when a record is made of many (each holds about 0.4 MB while it is printed):
# memory does not grow with their number
BATCH = 10


@dataclass
class Record:
    """Everything the record of one report shows, read once from the workspace."""

    report: ReportRow
    sha256: str
    indicators: dict[str, IndicatorRow]
    figures: list[FigureRow]
    checks: list[CheckRow]
    events: list[EventRow]
    old_values: dict[str, str]  # "indicator:ID" / "figure:ID" → the value before the reviewer's change
    signoff: Signoff | None = None  # the digest, the step that locked it, what was left open

    @property
    def name(self) -> str:
        return Path(self.report.path).name

    def _second(self, e: EventRow) -> bool:
        return e.action in SECOND_ACTIONS or (e.action == "set_report_status" and e.new in SECOND_STATUSES)

    def reviewer(self) -> tuple[str, str]:
        """(names, dates) of the first reviewer: who made the review events, first and last day."""
        own = [
            e
            for e in self.events
            if not e.undone and not self._second(e) and e.action not in ("undo", "redo")
        ]
        return _names_dates(own)

    def second_reviewer(self) -> tuple[str, str]:
        """(names, dates) of the second reviewer's approve / return events since the report was last
        marked done or reopened ('' when there are none); an approval of another state than the one
        printed (its digest not the report's now) is not named."""
        since = max(
            (e.id for e in self.events if not e.undone and (e.action == "reopen" or e.new == "done")),
            default=0,
        )
        stale = self.signoff is not None and not (self.signoff.holds and self.signoff.action == "approve")
        return _names_dates(
            [
                e
                for e in self.events
                if not e.undone and self._second(e) and e.id > since and not (stale and e.action == "approve")
            ]
        )


def _names_dates(events: Sequence[EventRow]) -> tuple[str, str]:
    names = "、".join(dict.fromkeys(e.reviewer for e in events if e.reviewer))
    days = sorted({e.at[:10] for e in events})
    dates = "" if not days else days[0] if len(days) == 1 else f"{days[0]} 至 {days[-1]}"
    return names, dates


def select(ws: Workspace, report_ids: Iterable[int] | None = None, done: bool = False) -> list[int]:
    """The reports a record is made for: ``report_ids``, or every 已完成 report (and every one the second
    reviewer approved since) when ``done`` (or when no report is named)."""
    if report_ids:
        ids = list(dict.fromkeys(report_ids))
        known = {r.id for r in ws.reports()}
        missing = [i for i in ids if i not in known]
        if missing:
            raise ExportError(f"{ws.path}: 工作区中没有编号为 {', '.join(map(str, missing))} 的报告")
        return ids
    ids = [r.id for r in ws.reports() if r.status in vocab.FINISHED_STATUSES]
    if not ids:
        raise ExportError(
            f"{ws.path}: 没有已完成的报告：请指定报告（命令行用 --report 编号），或先把报告标记为已完成"
        )
    return ids


def load(ws: Workspace, report_ids: Iterable[int]) -> list[Record]:
    """The records of ``report_ids``, refused (``StoreError``) when the workspace does not prove them."""
    ids = list(report_ids)
    ws.require_sound(ids)  # a workspace edited outside Hecha is not printed as reviewed
    return [_read(ws, rid) for rid in ids]


def batches(ws: Workspace, report_ids: Sequence[int], size: int = BATCH) -> Iterator[list[Record]]:
    """The records of ``report_ids`` in order, ``size`` at a time: only one batch is held at once."""
    size = max(1, size)
    for k in range(0, len(report_ids), size):
        yield load(ws, report_ids[k : k + size])


def _read(ws: Workspace, rid: int) -> Record:
    events = ws.events(rid)
    old: dict[str, str] = {}
    for e in events:  # the value before the reviewer's first change of each target
        if not e.undone and e.action in ("correct", "set_indicator_value") and e.old:
            old.setdefault(e.target, e.old)
    figures = ws.figures(rid)
    for f in figures:
        if f.status == "corrected" and f.original_value is not None:
            old.setdefault(f"figure:{f.id}", _num(f.original_value))
    report = ws.report(rid)
    # the file's sha256 is the report row's: the stored document (its text, pages, character boxes) is
    # not read for it
    return Record(
        report,
        report.sha256,
        ws.indicators(rid),
        figures,
        ws.checks(rid),
        events,
        old,
        ws.signoff(rid),
    )


def _num(v: object) -> str:
    s = str(v)
    return s[:-2] if s.endswith(".0") else s


def value_text(v: IndicatorRow | None) -> str:
    """An indicator value as the record prints it: the number, “/”, 未读出, 未填报, or '' for a real
    blank."""
    if v is None:
        return ""
    if v.value is not None:
        return _num(v.value)
    if v.kind == "not_applicable":
        return v.raw or vocab.NOT_APPLICABLE_SHOWN
    if v.kind == "unread":
        return vocab.UNREAD
    if v.kind == vocab.NOT_STATED:
        return vocab.NOT_STATED_SHOWN
    return ""


def _cell(rec: Record, ind: str, figures: dict[int, FigureRow]) -> str:
    v = rec.indicators.get(ind)
    text = escape(value_text(v))
    if v is None:
        return ""
    status = v.status
    f = figures.get(v.figure_id) if v.figure_id is not None else None
    if f is not None and f.status == "added":
        status = "added"
    if v.kind == "unread" and v.value is None:
        return f'<span style="color:#b35c00">{text}</span>'
    if status == "pending":
        return text
    was = None
    if status == "corrected":
        was = rec.old_values.get(f"indicator:{ind}") or (
            rec.old_values.get(f"figure:{v.figure_id}") if v.figure_id is not None else None
        )
        if was in TYPED_IN:  # the cell held no number (unread, blank): the reviewer typed one in
            status, was = "added", None
    word = vocab.FIGURE_STATUSES.get(status, status)
    if was:
        word += f" 原{escape(was)}"
    # one line (the status word beside the value): a row of one line is never split across two pages
    return f'{text} <span style="font-size:6pt; color:#555">{escape(word)}</span>'


def _table(rec: Record, g: grid.Grid, figures: dict[int, FigureRow]) -> str:
    covered: set[tuple[int, int]] = set()
    for r, c, rs, cs in g.spans:
        covered |= {(r + i, c + j) for i in range(rs) for j in range(cs)} - {(r, c)}
    head_rows = g.header_rows or 2  # table 二's column names are its second row
    rows = []
    for r in range(g.n_rows):
        cells = []
        for c in range(g.n_cols):
            if (r, c) in covered:
                continue
            rs, cs = g.span_of(r, c)
            span = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            if (r, c) in g.text:
                head = g.style[(r, c)] == grid.HEAD
                bg = ' bgcolor="#e8edf5"' if head else ""
                cells.append(
                    f'<td{span}{bg} align="{"center" if head else "left"}">{escape(g.text[(r, c)])}</td>'
                )
            elif (r, c) in g.ids:
                cells.append(
                    f'<td{span} align="right" style="white-space:nowrap">{_cell(rec, g.ids[(r, c)], figures)}</td>'
                )
            else:
                cells.append(f"<td{span}></td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    thead, tbody = rows[:head_rows], rows[head_rows:]
    return (
        f"<h3>{escape(g.title)}</h3>"
        '<table border="1" cellspacing="0" cellpadding="2" width="100%" style="border-collapse:collapse">'
        f"<thead>{''.join(thead)}</thead><tbody>{''.join(tbody)}</tbody></table>"
    )


def _checks(rec: Record) -> str:
    """The checks that failed (accepted ones with their reasons) and could not be made, in full; the
    passing ones summarised by rule."""
    rows = []
    shown = [k for k in rec.checks if k.status != "pass"]
    shown.sort(key=lambda k: 0 if k.status == "fail" and not k.accepted else 1 if k.accepted else 2)
    passed: dict[str, int] = {}
    for k in rec.checks:
        if k.status == "pass":
            passed[k.rule] = passed.get(k.rule, 0) + 1
    summary = ""
    if passed:
        parts = "、".join(f"{vocab.rule_name(r)} {n} 项" for r, n in passed.items())
        summary = f"<p>以下检查全部通过（共 {sum(passed.values())} 项）：{escape(parts)}。</p>"
    for k in shown:
        status = vocab.ACCEPTED if k.accepted else vocab.CHECK_STATUSES.get(k.status, k.status)
        reason = escape(k.reason) if k.accepted else ""
        rows.append(
            f"<tr><td>{escape(vocab.rule_name(k.rule))}</td><td>{escape(checks.subject_name(k.rule, k.subject))}</td>"
            f"<td>{escape(k.formula)}</td><td>{escape(status)}</td><td>{reason}</td></tr>"
        )
    if not rows:
        return summary or "<p>本报告没有可核对的检查。</p>"
    return (
        '<table border="1" cellspacing="0" cellpadding="2" width="100%" style="border-collapse:collapse">'
        '<thead><tr bgcolor="#e8edf5"><td>检查</td><td>对象</td><td>算式</td><td>结果</td><td>接受理由</td></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    ) + summary


SIGNATURE = (
    "审核人（签字）：________________　日期：____________　　　"
    "复核人（签字）：________________　日期：____________"
)


def _narrative(rec: Record, in_tables: set[int]) -> str:
    rows = []
    for f in rec.figures:
        if f.id in in_tables or f.status not in ("corrected", "rejected", "added"):
            continue
        old = rec.old_values.get(f"figure:{f.id}", "")
        new = "" if f.value is None else _num(f.value)
        shown = f"{old} → {new}" if f.status == "corrected" else new
        rows.append(
            f"<tr><td>{f.start}</td><td>{escape(f.text)}</td><td>{escape(f.label)}</td>"
            f"<td>{escape(shown)}{escape(f.unit or '')}</td><td>{escape(vocab.FIGURE_STATUSES.get(f.status, f.status))}</td></tr>"
        )
    # the signature lines are the table's last row, so they never stand alone on a page: a page they
    # move to starts with the table's repeated header
    sign = f'<tr><td colspan="5" style="padding-top:14px">{SIGNATURE}</td></tr>'
    if not rows:
        rows.append('<tr><td colspan="5">正文中没有更正、否定或补录的数字。</td></tr>')
    return (
        '<table border="1" cellspacing="0" cellpadding="2" width="100%" style="border-collapse:collapse">'
        '<thead><tr bgcolor="#e8edf5"><td>位置</td><td>原文</td><td>标签</td><td>数值</td><td>处理</td></tr></thead>'
        f"<tbody>{''.join(rows)}{sign}</tbody></table>"
    )


def _one(rec: Record, first: bool) -> str:
    r = rec.report
    who, when = rec.reviewer()
    second, second_when = rec.second_reviewer()
    figures = {f.id: f for f in rec.figures}
    in_tables = {v.figure_id for v in rec.indicators.values() if v.figure_id is not None}
    brk = "" if first else ' style="page-break-before:always"'
    parts = [
        f'<h2 align="center"{brk}>{TITLE}</h2>',
        '<table cellpadding="2" width="100%">',
        f"<tr><td>报告：{escape(r.title or rec.name)}</td><td>发布机关：{escape(r.issuer or '—')}　"
        f"年度：{r.year or '—'}　审核状态：{escape(vocab.REPORT_STATUSES.get(r.status, r.status))}</td></tr>",
        f'<tr><td>文件：{escape(rec.name)}</td><td>SHA-256：<span style="{MONO}">{rec.sha256}</span></td></tr>',
        f"<tr><td>审核人：{escape(who or '—')}　{escape(when)}</td>"
        f"<td>复核人：{escape(second or '')}　{escape(second_when)}</td></tr>",
        "</table>",
    ]
    parts.append(_signoff(rec))
    if rec.indicators:
        parts += [_table(rec, g, figures) for g in grid.grids(rec.indicators, sheet=True)]
    else:
        parts.append("<p>本文件中没有标准表格（表二、表三、表四）。</p>")
    parts += [
        "<h3>检查与算式</h3>",
        _checks(rec),
        "<h3>正文数字的处理与签字</h3>",
        _narrative(rec, in_tables),
    ]
    return "\n".join(parts)


def _signoff(rec: Record) -> str:
    """The digest the sign-off is bound to, the override reason with what was left open, and check
    results that changed after the lock."""
    s = rec.signoff
    if s is None:
        return ""
    lines = [f"数据摘要（SHA-256）：{s.digest}"]
    if s.action:
        step = vocab.REVIEW_ACTIONS["approve"] if s.action == "approve" else vocab.REPORT_STATUSES["done"]
        held = "与当前数据一致" if s.holds else "与当前数据不符，签署已失效"
        lines.append(f"{step}：{escape(s.by or '未署名')}　{escape(s.at[:10])}　签署摘要{held}")
    if s.override:
        lines.append(
            f"强制完成的理由：{escape(s.override)}　未处理：{escape(messages.open_items(*s.open_items))}"
        )
    lines += [f"锁定后检查结果变化：{escape(c)}" for c in s.check_changes]
    return "<p>" + "<br/>".join(lines) + "</p>"


def html(records: Sequence[Record], follows: bool = False) -> str:
    """The records of ``records``, each starting on a new page, as one HTML document. ``follows``: the
    records come after others already printed (laid out apart): the document opens with a paragraph on
    a page of its own, not to be printed (``LEAD_PAGES``), so that the first record starts after a page
    break exactly where it would in one document holding those before it."""
    lead = "<p>&nbsp;</p>\n" if follows else ""
    body = "\n".join(_one(rec, k == 0 and not follows) for k, rec in enumerate(records))
    return (
        '<html><head><meta charset="utf-8"/></head><body style="font-size:8pt">'
        + lead
        + body
        + "</body></html>"
    )


# the pages before the first record of a document made with ``follows``
LEAD_PAGES = 1
