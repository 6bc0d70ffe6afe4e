"""What the exporters read from the workspace, once: ``load`` gives a ``ReportData`` per report.

Its own module so that the writers (``xlsx``, ``summary``, ``problems``) and the package's entry points
(``core.export.to_xlsx`` …) import it without importing each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from core import vocab
from core.errors import ExportError
from core.store.rows import CheckRow, FigureTuple, IndicatorTuple, ReportName, ReportRow

if TYPE_CHECKING:
    from core.store import Workspace

CONTEXT = 20
DASH = "—"  # a summary cell of an item the report does not have


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
    checks: list[CheckRow] = field(default_factory=list)

    def context(self, start: int | None, end: int | None) -> str:
        if start is None or end is None:
            return ""
        # runs of whitespace (any Unicode space, as str.isspace) become one space; ends trimmed
        return " ".join(self.text[max(0, start - CONTEXT) : end + CONTEXT].split())

    def first_reviewer(self) -> str:
        """Who reviewed it: who marked it done, else everyone who changed a value but the 复核人."""
        if self.signed_by[0]:
            return self.signed_by[0]
        second = self.signed_by[1]
        return "、".join(dict.fromkeys(v for v in self.reviewers.values() if v and v != second))


def load(
    ws: Workspace, report_ids: Iterable[int] | None = None, table_figures: bool = True
) -> list[ReportData]:
    """The chosen reports (None: all) with their figures, indicator values and checks, one query per
    table. ``table_figures`` false leaves out the figures that are cells of tables 二, 三, 四 (the xlsx
    shows those on the report sheets, with their indicator values)."""
    return load_rows(ws, pick(ws, ws.reports(), report_ids), table_figures)


def load_rows(ws: Workspace, rows: Sequence[ReportRow], table_figures: bool = True) -> list[ReportData]:
    """``load`` for the reports ``rows`` (a batch of an export that reads a few at a time)."""
    ids = [r.id for r in rows]
    texts, figures = ws.texts(ids), ws.all_figures(ids, in_tables=table_figures)
    indicators, reviewers = ws.all_indicators(ids), ws.last_reviewers(ids)
    signers, checks = ws.signers(ids), ws.checks_of(ids)
    return [
        ReportData(r, Path(r.path).name, texts[r.id], figures.get(r.id, []), indicators.get(r.id, {}),
                   reviewers.get(r.id, {}), _signed(signers.get(r.id)), checks.get(r.id, []))
        for r in rows
    ]  # fmt: skip


_R = TypeVar("_R", ReportRow, ReportName)


def pick(ws: Workspace, rows: list[_R], report_ids: Iterable[int] | None) -> list[_R]:
    """The rows of the reports chosen (None: all); an id the workspace does not hold is an error."""
    if report_ids is not None:
        wanted = set(report_ids)
        missing = wanted - {r.id for r in rows}
        if missing:
            raise ExportError(f"{ws.path}: 工作区中没有编号为 {', '.join(map(str, sorted(missing)))} 的报告")
        rows = [r for r in rows if r.id in wanted]
    return rows


def _signed(s: Any) -> tuple[str, str]:
    return ("", "") if s is None else (s.reviewer, s.second_reviewer)


def _num(v: Any) -> int | float | None:
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return v if isinstance(v, int | float) else None


def value(indicators: dict[str, Any], parts: Sequence[str]) -> int | float | str | None:
    """A summary cell: the indicator's value, or its parts' sum; 未读出 when a part is unread (never a
    sum that silently lacks it); “/” when every part present is not applicable; None (a blank) when
    every part present is a blank of the report; ``DASH`` when the report has none of them."""
    present = [indicators[p] for p in parts if p in indicators]
    if not present:
        return DASH
    if any(v.kind == "unread" for v in present):
        return vocab.UNREAD
    nums = [_num(v.value) for v in present if v.value is not None]
    if nums:
        total = sum(n for n in nums if n is not None)
        return round(total, 6) if isinstance(total, float) else total
    if all(v.kind == "not_applicable" for v in present):
        return vocab.NOT_APPLICABLE_SHOWN
    if all(v.kind == vocab.NOT_STATED for v in present):
        return vocab.NOT_STATED_SHOWN
    return None


@dataclass(frozen=True)
class TrendPoint:
    """One year of an issuer's 依申请公开: 本年新收 and 办理结果总计 (``value``'s kinds of cell)."""

    report_id: int
    year: int
    new: int | float | str | None
    done: int | float | str | None


def trend(ws: Workspace, report_id: int, years: int = 30) -> list[TrendPoint]:
    """The report's issuer year by year: this report and the previous years' reports the workspace
    holds (``Workspace.previous_report``), oldest first."""
    out: list[TrendPoint] = []
    rid: int | None = report_id
    seen: set[int] = set()
    while rid is not None and rid not in seen and len(out) < years:
        seen.add(rid)
        r = ws.report(rid)
        if r.year is not None:
            inds = ws.indicators(rid)
            out.append(
                TrendPoint(rid, r.year, value(inds, ("t3.new.total",)), value(inds, ("t3.r7_total.total",)))
            )
        rid = ws.previous_report(rid)
    return sorted(out, key=lambda p: p.year)
