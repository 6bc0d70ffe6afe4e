"""Spreadsheets reviewers hand on: ``to_xlsx`` (summary, one sheet per report in the official table
layout, every figure with its context, the audit trail) and ``to_csv`` (long form, UTF-8 with BOM).

Both read the workspace a batch of reports at a time: an export's memory does not grow with the
workspace.
"""

from __future__ import annotations

import csv
import functools
import os
import re
from collections.abc import Callable, Iterable, Iterator
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core import checks as check_rules
from core import messages, schema, vocab
from core.errors import ExportError, HechaError
from core.export.data import CONTEXT, ReportData, load, pick
from core.store.rows import CheckRow
from core.tables import layout

if TYPE_CHECKING:
    from core.store import Workspace

__all__ = ["CONTEXT", "CSV_COLUMNS", "CSV_COLUMNS_ZH", "ReportData", "csv_rows", "load", "to_csv", "to_xlsx"]

# One row per value: an indicator value of tables 二, 三, 四, or a narrative figure (never a table cell
# twice). ``reviewer`` is who last changed or confirmed the value; ``report_status`` and
# ``second_reviewer`` (复核人) are the report's; ``check_status`` is the worst result of the checks the
# value takes part in (fail, accepted, not_checkable, pass; '' when none) and ``checks`` names those
# that did not pass, with their formulas.
CSV_COLUMNS = (
    "report", "issuer", "year", "kind", "indicator", "label", "value", "unit", "status", "reviewer", "context",
    "report_id", "start", "end", "report_status", "second_reviewer", "check_status", "checks",
)  # fmt: skip
# The same columns worded for a Chinese spreadsheet (the default); CSV_COLUMNS with ``codes=True``.
CSV_COLUMNS_ZH = (
    "报告", "发布机关", "年度", "类别", "指标", "指标名称", "数值", "单位", "状态", "审核人", "上下文",
    "报告编号", "起始位置", "结束位置", "审核状态", "复核人", "检查结果", "检查",
)  # fmt: skip


# ---- CSV ---------------------------------------------------------------------------------------
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_FIRST = frozenset(_FORMULA_START)
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?%?")


def _csv_safe(v: Any) -> Any:
    """A text field a spreadsheet would run as a formula (=HYPERLINK(...), +cmd, @SUM …) is written
    with a leading ' as spreadsheet programs expect; plain numbers such as -3 stay numbers."""
    if v.__class__ is str and v[:1] in _FORMULA_FIRST and not _PLAIN_NUMBER.fullmatch(v):
        return "'" + v
    return v


_CODES: dict[str, str] = {}  # kinds and statuses as stored (the English codes)
_KINDS = {**vocab.INDICATOR_KINDS, "figure": "正文数字"}  # "figure": a row that is a narrative figure
BATCH = 100  # reports read at a time: an export of a big workspace never holds it whole


def _csv_context(text: str, a: int, b: int) -> str:
    """The words around a span, on one line, safe for a spreadsheet."""
    context = " ".join(text[a - CONTEXT if a > CONTEXT else 0 : b + CONTEXT].split())
    return _csv_safe(context) if context[:1] in _FORMULA_FIRST else context


def _indicator_csv_rows(
    rows: Iterable[tuple[Any, ...]],
    head: tuple[Any, ...],
    report: tuple[str, str],
    text: str,
    who: dict[str, str] | None,
    by_cell: dict[str, tuple[str, str]],
) -> Iterator[tuple[Any, ...]]:
    """A report's indicator values as CSV rows (``head``: file name, issuer, year)."""
    from core.store.codec import num_text

    labels, unread, safe = layout.LABELS, vocab.UNREAD, _csv_safe
    units, rid, no_check = _UNITS(), head[3], ("", "")
    for _, ind, kind, value, raw, a, b, status, code in rows:
        if value.__class__ is str:
            value = num_text(value)
        if value is None:
            value = (
                safe(raw or "/")
                if code == "not_applicable"
                else unread
                if code == "unread"
                else vocab.NOT_STATED_SHOWN
                if code == vocab.NOT_STATED
                else ""
            )
        context = "" if a is None or b is None else _csv_context(text, a, b)
        yield (
            (*head[:3], kind, ind, labels.get(ind, ind), value, units.get(ind, ""), status,
             safe(who.get(f"indicator:{ind}", "")) if who else "", context, rid, a, b, *report,
             *by_cell.get(ind, no_check))
        )  # fmt: skip


def _figure_csv_rows(
    rows: Iterable[tuple[Any, ...]],
    head: tuple[Any, ...],
    report: tuple[str, str],
    text: str,
    who: dict[str, str] | None,
    by_cell: dict[str, tuple[str, str]],
    figure: str,
) -> Iterator[tuple[Any, ...]]:
    """A report's narrative figures as CSV rows, in text order (``figure``: the kind's wording)."""
    from core.store.codec import num_text

    first, safe, rid, no_check = _FORMULA_FIRST, _csv_safe, head[3], ("", "")
    for _, a, b, ind, label, value, unit, status, fid in rows:
        if value is None:
            value = ""
        elif value.__class__ is str:
            value = num_text(value)
            if value is None:
                value = ""
        if label[:1] in first or unit[:1] in first:
            label, unit = safe(label), safe(unit)
        yield (
            (*head[:3], figure, ind, label, value, unit, status,
             safe(who.get(f"figure:{fid}", "")) if who else "", _csv_context(text, a, b), rid, a, b, *report,
             *by_cell.get(f"fig:{a}", no_check))
        )  # fmt: skip


@functools.cache
def _UNITS() -> dict[str, str]:  # noqa: N802 - a constant computed once
    return {i.id: i.unit for i in schema.indicators()}


def csv_rows(
    ws: Workspace, report_ids: Iterable[int] | None = None, codes: bool = False
) -> Iterator[list[tuple[Any, ...]]]:
    """The long-form CSV rows (without the header), a report at a time, read a batch of reports at a
    time: per report its indicator values (in the official tables' order) then its figures (in text
    order). Every text field is already safe from formula injection (``_csv_safe``); ``codes`` leaves
    kinds and statuses as the stored codes instead of wording them.

    The workspace hands the rows over nearly as written (``Workspace.long_rows``: values as numbers,
    kinds and statuses worded by SQL); what is left here is per row the context and the reviewer."""
    kinds, statuses = (_CODES, _CODES) if codes else (_KINDS, vocab.FIGURE_STATUSES)
    safe = _csv_safe
    figure = kinds.get("figure", "figure")
    in_text_order = itemgetter(1, 2, 8)  # start, end, id
    report_statuses = _CODES if codes else vocab.REPORT_STATUSES
    names = pick(ws, ws.reports(), report_ids)
    for k in range(0, len(names), BATCH):
        part = names[k : k + BATCH]
        ids = [r.id for r in part]
        texts, reviewers, signers = ws.texts(ids), ws.last_reviewers(ids), ws.signers(ids)
        # a table cell is its indicator value's row, never a narrative figure's row too
        indicator_rows, figure_rows = ws.long_rows(ids, layout.ORDER, kinds, statuses, in_tables=False)
        indicators = {rid: list(rows) for rid, rows in groupby(indicator_rows, itemgetter(0))}
        figures = {rid: sorted(rows, key=in_text_order) for rid, rows in groupby(figure_rows, itemgetter(0))}
        del indicator_rows, figure_rows
        for r in part:
            rid = r.id
            text, who = texts[rid], reviewers.get(rid)
            head = (safe(Path(r.path).name), safe(r.issuer or ""), r.year or "", rid)
            signed = signers.get(rid)
            report = (
                report_statuses.get(r.status, r.status),
                safe(signed.second_reviewer) if signed is not None else "",
            )
            by_cell = _checks_by_cell(ws.checks(rid), codes)
            out = list(_indicator_csv_rows(indicators.get(rid, ()), head, report, text, who, by_cell))
            out.extend(_figure_csv_rows(figures.get(rid, ()), head, report, text, who, by_cell, figure))
            yield out


_WORST = ("fail", "accepted", "not_checkable", "pass")  # the order a value's check result is told in


def check_state(k: CheckRow) -> str:
    """A stored check's result as one code: fail (not accepted), accepted, not_checkable or pass."""
    return "accepted" if k.accepted else k.status


def check_word(state: str) -> str:
    return vocab.ACCEPTED if state == "accepted" else vocab.CHECK_STATUSES.get(state, state)


def check_line(k: CheckRow) -> str:
    """A check as one line: its rule, subject and formula (and the reason it was accepted)."""
    line = f"{vocab.rule_name(k.rule)}（{check_rules.subject_name(k.rule, k.subject)}）：{k.formula}"
    return f"{line}；接受理由：{k.reason}" if k.accepted else line


def _checks_by_cell(checks: list[CheckRow], codes: bool) -> dict[str, tuple[str, str]]:
    """Per cell (indicator id, ``fig:START``) the worst result of its checks and the lines of those
    that did not pass."""
    worst: dict[str, int] = {}
    lines: dict[str, list[str]] = {}
    for k in checks:
        rank = _WORST.index(check_state(k))
        for cell in k.cells:
            if rank < worst.get(cell, len(_WORST)):
                worst[cell] = rank
            if rank < 3:
                lines.setdefault(cell, []).append(check_line(k))
    out = {}
    for cell, rank in worst.items():
        state = _WORST[rank]
        out[cell] = (state if codes else check_word(state), _csv_safe("；".join(lines.get(cell, ()))))
    return out


def _listed(report_ids: Iterable[int] | None) -> list[int] | None:
    return None if report_ids is None else list(report_ids)


def to_csv(
    ws: Workspace,
    out_path: str | os.PathLike[str],
    report_ids: Iterable[int] | None = None,
    codes: bool = False,
) -> int:
    """Write the long-form CSV (one row per indicator value and per figure); returns the row count.
    Column names, kinds and statuses are Chinese for a spreadsheet; ``codes`` writes the English codes
    (``CSV_COLUMNS``, ``pending``, ``zero`` …) that scripts read."""
    report_ids = _listed(report_ids)
    ws.require_sound(report_ids, signed=True)  # no export of a log or a signed report edited outside Hecha
    n = 0
    tmp = Path(messages.part_path(out_path))
    try:
        # the BOM written once: the utf-8-sig codec would check for it on every write
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            f.write("\ufeff")
            w = csv.writer(f)
            w.writerow(CSV_COLUMNS if codes else CSV_COLUMNS_ZH)
            for rows in csv_rows(ws, report_ids, codes):
                w.writerows(rows)
                n += len(rows)
        os.replace(tmp, out_path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"{out_path}: 无法写入导出文件（{messages.write_reason(e)}）") from e
    except BaseException:  # a refusal, or stopped (Ctrl+C): no half-written part is left
        tmp.unlink(missing_ok=True)
        raise
    return n


# ---- xlsx --------------------------------------------------------------------------------------
def to_xlsx(
    ws: Workspace,
    out_path: str | os.PathLike[str],
    report_ids: Iterable[int] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Write the workbook: 汇总, 图表, 说明, 检查结果, the reports' tables, 指标数据, 数字明细, 审核记录
    (``core.export.xlsx``), reading the reports a batch at a time."""
    from core.export.xlsx import write_workbook

    report_ids = _listed(report_ids)
    ws.require_sound(report_ids, signed=True)  # no export of a log or a signed report edited outside Hecha
    rows = pick(ws, ws.reports(), report_ids)
    tmp = Path(messages.part_path(out_path, ".xlsx"))
    try:
        write_workbook(tmp, ws, rows, report_ids is not None, progress)
        os.replace(tmp, out_path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"{out_path}: 无法写入导出文件（{messages.write_reason(e)}）") from e
    except Exception as e:
        tmp.unlink(missing_ok=True)
        if isinstance(e, HechaError):
            raise
        raise ExportError(f"{out_path}: 导出失败（{type(e).__name__}: {e}）") from e
    except BaseException:  # stopped (Ctrl+C, the window closed): no half-written part is left
        tmp.unlink(missing_ok=True)
        raise
