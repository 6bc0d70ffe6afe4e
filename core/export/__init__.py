"""Spreadsheets reviewers hand on: ``to_xlsx`` (summary, one sheet per report in the official table
layout, every figure with its context, the audit trail) and ``to_csv`` (long form, UTF-8 with BOM).

XlsxWriter runs in its default mode (shared strings), which WPS Office and Excel both open.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from core import messages, schema, vocab
from core.errors import ExportError, HechaError
from core.store.rows import FigureTuple, IndicatorTuple, ReportName, ReportRow
from core.tables import layout

if TYPE_CHECKING:
    from core.store import Workspace

CSV_COLUMNS = (
    "report", "issuer", "year", "kind", "indicator", "label", "value", "unit", "status", "reviewer", "context",
    "report_id", "start", "end",
)  # fmt: skip
# The same columns worded for a Chinese spreadsheet (the default); CSV_COLUMNS with ``codes=True``.
CSV_COLUMNS_ZH = (
    "报告", "发布机关", "年度", "类别", "指标", "指标名称", "数值", "单位", "状态", "审核人", "上下文",
    "报告编号", "起始位置", "结束位置",
)  # fmt: skip
CONTEXT = 20


@dataclass(frozen=True)
class ReportData:
    """Everything the exporters need about one report, read once."""

    row: ReportRow
    name: str  # the file name, without its folder
    text: str
    figures: list[FigureTuple]
    indicators: dict[str, IndicatorTuple]
    reviewers: dict[str, str]  # "figure:ID" / "indicator:ID" → last reviewer
    signed_by: tuple[str, str] = ("", "")  # who marked it done, who approved or returned it (复核人)

    def context(self, start: int | None, end: int | None) -> str:
        if start is None or end is None:
            return ""
        # runs of whitespace (any Unicode space, as str.isspace) become one space; ends trimmed
        return " ".join(self.text[max(0, start - CONTEXT) : end + CONTEXT].split())


def load(
    ws: Workspace, report_ids: Iterable[int] | None = None, table_figures: bool = True
) -> list[ReportData]:
    """The chosen reports (None: all) with their figures and indicator values, one query per table.
    ``table_figures`` false leaves out the figures that are cells of tables 二, 三, 四 (the xlsx shows
    those on the report sheets, with their indicator values)."""
    rows = _chosen(ws, report_ids)
    return _read(ws, rows, None if report_ids is None else [r.id for r in rows], table_figures)


def _chosen(ws: Workspace, report_ids: Iterable[int] | None) -> list[ReportRow]:
    return _pick(ws, ws.reports(), report_ids)


_R = TypeVar("_R", ReportRow, ReportName)


def _pick(ws: Workspace, rows: list[_R], report_ids: Iterable[int] | None) -> list[_R]:
    """The rows of the reports chosen (None: all); an id the workspace does not hold is an error."""
    if report_ids is not None:
        wanted = set(report_ids)
        missing = wanted - {r.id for r in rows}
        if missing:
            raise ExportError(f"{ws.path}: 工作区中没有编号为 {', '.join(map(str, sorted(missing)))} 的报告")
        rows = [r for r in rows if r.id in wanted]
    return rows


def _read(
    ws: Workspace, rows: list[ReportRow], ids: list[int] | None, table_figures: bool
) -> list[ReportData]:
    texts, figures = ws.texts(ids), ws.all_figures(ids, in_tables=table_figures)
    indicators, reviewers = ws.all_indicators(ids), ws.last_reviewers(ids)
    signers = ws.signers(ids)
    return [
        ReportData(r, Path(r.path).name, texts[r.id], figures.get(r.id, []), indicators.get(r.id, {}),
                   reviewers.get(r.id, {}), _signed(signers.get(r.id)))
        for r in rows
    ]  # fmt: skip


def _signed(s: Any) -> tuple[str, str]:
    return ("", "") if s is None else (s.reviewer, s.second_reviewer)


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


def csv_rows(
    ws: Workspace, report_ids: Iterable[int] | None = None, codes: bool = False
) -> Iterator[list[tuple[Any, ...]]]:
    """The long-form CSV rows (without the header), a report at a time, read a batch of reports at a
    time: per report its indicator values (in the official tables' order) then its figures (in text
    order). Every text field is already safe from formula injection (``_csv_safe``); ``codes`` leaves
    kinds and statuses as the stored codes instead of wording them.

    The workspace hands the rows over nearly as written (``Workspace.long_rows``: values as numbers,
    kinds and statuses worded by SQL); what is left here is per row the context and the reviewer."""
    from core.store.codec import num_text

    kinds, statuses = (_CODES, _CODES) if codes else (_KINDS, vocab.FIGURE_STATUSES)
    labels, unread, first, safe = layout.LABELS, vocab.UNREAD, _FORMULA_FIRST, _csv_safe
    units = {i.id: i.unit for i in schema.indicators()}
    figure = kinds.get("figure", "figure")
    in_text_order = itemgetter(1, 2, 8)  # start, end, id
    names = _pick(ws, ws.report_names(), report_ids)  # without the counts, which the long form lacks
    for k in range(0, len(names), BATCH):
        part = names[k : k + BATCH]
        ids = [r.id for r in part]
        texts, reviewers = ws.texts(ids), ws.last_reviewers(ids)
        indicator_rows, figure_rows = ws.long_rows(ids, layout.ORDER, kinds, statuses)
        indicators = {rid: list(rows) for rid, rows in groupby(indicator_rows, itemgetter(0))}
        figures = {rid: sorted(rows, key=in_text_order) for rid, rows in groupby(figure_rows, itemgetter(0))}
        del indicator_rows, figure_rows
        for r in part:
            out: list[tuple[Any, ...]] = []
            add = out.append
            rid = r.id
            text, who = texts[rid], reviewers.get(rid)
            name, issuer, year = safe(Path(r.path).name), safe(r.issuer or ""), r.year or ""
            for _, ind, kind, value, raw, a, b, status, code in indicators.get(rid, ()):
                if value.__class__ is str:
                    value = num_text(value)
                if value is None:
                    value = (
                        safe(raw or "/") if code == "not_applicable" else unread if code == "unread" else ""
                    )
                if a is None or b is None:
                    context = ""
                else:
                    context = " ".join(text[a - CONTEXT if a > CONTEXT else 0 : b + CONTEXT].split())
                    if context[:1] in first:
                        context = safe(context)
                add(
                    (name, issuer, year, kind, ind, labels.get(ind, ind), value, units.get(ind, ""), status,
                     safe(who.get(f"indicator:{ind}", "")) if who else "", context, rid, a, b)
                )  # fmt: skip
            for _, a, b, ind, label, value, unit, status, fid in figures.get(rid, ()):
                if value is None:
                    value = ""
                elif value.__class__ is str:
                    value = num_text(value)
                    if value is None:
                        value = ""
                if label[:1] in first or unit[:1] in first:
                    label, unit = safe(label), safe(unit)
                context = " ".join(text[a - CONTEXT if a > CONTEXT else 0 : b + CONTEXT].split())
                if context[:1] in first:
                    context = safe(context)
                add(
                    (name, issuer, year, figure, ind, label, value, unit, status,
                     safe(who.get(f"figure:{fid}", "")) if who else "", context, rid, a, b)
                )  # fmt: skip
            yield out


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
    tmp = Path(f"{out_path}.part")
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
    except HechaError:
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
    """Write the workbook: 汇总, 说明, one sheet per report, 数字明细, 审核记录."""
    from core.export.xlsx import write_workbook

    report_ids = _listed(report_ids)
    ws.require_sound(report_ids, signed=True)  # no export of a log or a signed report edited outside Hecha
    data = load(ws, report_ids, table_figures=False)
    events = ws.events()
    if report_ids is not None:
        ids = {d.row.id for d in data}
        events = [e for e in events if e.report_id in ids]
    tmp = Path(f"{out_path}.part.xlsx")
    try:
        write_workbook(tmp, data, events, progress)
        os.replace(tmp, out_path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"{out_path}: 无法写入导出文件（{messages.write_reason(e)}）") from e
    except Exception as e:
        tmp.unlink(missing_ok=True)
        if isinstance(e, HechaError):
            raise
        raise ExportError(f"{out_path}: 导出失败（{type(e).__name__}: {e}）") from e
