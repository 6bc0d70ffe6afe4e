"""Plain rows the workspace returns to the GUI and the exporters (frozen, no database handles).

The bulk reads for the exports return named tuples instead (``FigureTuple``, ``IndicatorTuple``):
hundreds of thousands of them are built per export, and a tuple costs a fraction of a dataclass.
Their values are ``int`` for whole numbers and ``float`` otherwise, as a spreadsheet stores them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from core import vocab

# The codes stored; their Chinese wording is in core.vocab.
REPORT_STATUSES = tuple(vocab.REPORT_STATUSES)
FIGURE_STATUSES = tuple(vocab.FIGURE_STATUSES)
INDICATOR_STATUSES = tuple(vocab.INDICATOR_STATUSES)
INDICATOR_KINDS = tuple(vocab.INDICATOR_KINDS)


@dataclass(frozen=True)
class ReportRow:
    id: int
    path: str
    sha256: str
    format: str
    title: str | None
    issuer: str | None
    year: int | None
    status: str
    n_figures: int
    n_pending: int
    n_failed: int  # failing checks not accepted
    imported_at: str
    n_warnings: int = 0  # load warnings (undecodable bytes, text read as plain text …): see Document.warnings


class ReportName(NamedTuple):
    """What names a report in a choice of reports: ``ReportRow`` without the counts, which cost a
    pass over every figure and check of the workspace."""

    id: int
    path: str
    title: str | None
    issuer: str | None
    year: int | None


@dataclass(frozen=True)
class FigureRow:
    id: int
    report_id: int
    start: int
    end: int
    text: str
    value: Decimal | None  # what the reviewer sees: the corrected value once corrected
    original_value: Decimal | None  # what extraction found
    unit: str | None
    multiplier: str | None
    qualifier: str | None
    label: str
    indicator: str | None
    confidence: float
    rule: str
    source: str  # "text" | "table" | "manual"
    status: str


@dataclass(frozen=True)
class IndicatorRow:
    report_id: int
    indicator: str
    kind: str
    value: Decimal | None
    raw: str
    start: int | None
    end: int | None
    status: str  # pending | confirmed | corrected
    figure_id: int | None


class FigureTuple(NamedTuple):
    """A figure as the exports read it (``FigureRow`` without multiplier and rule; numbers as int/float)."""

    id: int
    report_id: int
    start: int
    end: int
    text: str
    value: int | float | None
    original_value: int | float | None
    unit: str | None
    qualifier: str | None
    label: str
    indicator: str | None
    confidence: float
    source: str
    status: str


class IndicatorTuple(NamedTuple):
    """An indicator value as the exports read it (``IndicatorRow`` with the value as int/float)."""

    report_id: int
    indicator: str
    kind: str
    value: int | float | None
    raw: str
    start: int | None
    end: int | None
    status: str
    figure_id: int | None


@dataclass(frozen=True)
class CheckRow:
    report_id: int
    rule: str
    subject: str
    status: str
    severity: str
    formula: str
    cells: tuple[str, ...]
    accepted: bool
    reason: str


@dataclass(frozen=True)
class EventRow:
    id: int
    at: str  # ISO 8601, local time with offset
    reviewer: str
    report_id: int
    target: str
    action: str
    old: str
    new: str
    reason: str
    undone: bool


@dataclass(frozen=True)
class Change:
    """What one review action (or undo/redo) changed, so a view refreshes only that."""

    report_id: int
    figure_ids: tuple[int, ...] = ()
    indicator_ids: tuple[str, ...] = ()
    checks_changed: bool = False
    report_changed: bool = False
    event_id: int | None = None


@dataclass
class ImportResult:
    added: int = 0
    skipped: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    report_ids: list[int] = field(default_factory=list)
    cancelled: bool = False
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (report, load warning) of added reports
    plan: str = ""  # what the import set out to read, by kind (将读取 25 个文件：PDF 20 个、文本 5 个)
