"""Frozen dataclasses shared by core and the GUI: Document, Table, Cell, Figure.

Offsets are code points into ``Document.text``. The GUI converts to UTF-16 at its boundary.
"""

from __future__ import annotations

from array import array
from dataclasses import MISSING, dataclass, field, fields
from decimal import Decimal
from typing import TypeVar

from core import vocab

T = TypeVar("T")


def quick_init(cls: type[T]) -> type[T]:
    """Give a frozen, slotted dataclass an ``__init__`` that stores each field through its slot
    directly: the same signature (keyword-only when the dataclass is), defaults and result, made about
    twice as fast (a frozen
    dataclass's own ``__init__`` goes through ``object.__setattr__`` once per field, and a report
    makes hundreds of figures, indicator values and checks)."""
    fs = fields(cls)  # type: ignore[arg-type]
    if "__slots__" not in cls.__dict__ or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: quick_init needs slots and no __post_init__")
    if not all(f.init and f.default_factory is MISSING for f in fs):
        raise TypeError(f"{cls.__name__}: quick_init needs plain defaults")
    names = [f.name for f in fs]
    scope: dict[str, object] = {f"_set_{n}": getattr(cls, n).__set__ for n in names}
    scope.update({f"_default_{f.name}": f.default for f in fs if f.default is not MISSING})
    params = ", ".join(f.name if f.default is MISSING else f"{f.name}=_default_{f.name}" for f in fs)
    if any(f.kw_only for f in fs):  # keyword-only: a field added in the middle cannot shift a call
        if not all(f.kw_only for f in fs):
            raise TypeError(f"{cls.__name__}: quick_init needs every field keyword-only or none")
        params = "*, " + params
    body = "".join(f"\n    _set_{n}(self, {n})" for n in names)
    exec(f"def __init__(self, {params}) -> None:{body}", scope)  # the source is built from field names only
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"  # type: ignore[attr-defined]
    setattr(cls, "__init__", init)  # noqa: B010
    return cls


@quick_init
@dataclass(frozen=True, slots=True, kw_only=True)
class Cell:
    """One cell of a table after merged cells are resolved.

    ``row``/``col`` are grid positions of the cell's top-left corner; a merged cell appears once with
    ``rowspan``/``colspan`` > 1. ``start``/``end`` index the cell's text in ``Document.text``.
    """

    row: int
    col: int
    start: int
    end: int
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True, kw_only=True)
class Table:
    """A table found in the document; ``start``/``end`` is its extent in ``Document.text``."""

    start: int
    end: int
    cells: tuple[Cell, ...]
    n_rows: int
    n_cols: int

    def grid(self) -> list[list[Cell | None]]:
        """Rows × columns; a merged cell occupies every position it covers (same object)."""
        g: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            for r in range(c.row, min(c.row + c.rowspan, self.n_rows)):
                for k in range(c.col, min(c.col + c.colspan, self.n_cols)):
                    g[r][k] = c
        return g


@dataclass(frozen=True, kw_only=True)
class Page:
    """A PDF page: its index and size in PDF points (origin bottom-left as in PDF)."""

    index: int
    width: float
    height: float


@dataclass(frozen=True, kw_only=True)
class Document:
    """A loaded report: canonical text plus structure.

    For PDFs ``char_pages[i]`` is the page of ``text[i]`` (-1 for characters the loader inserted, such
    as line breaks) and ``char_boxes[4*i:4*i+4]`` its box (left, bottom, right, top) in PDF points.
    """

    path: str
    format: str  # "txt" | "html" | "docx" | "pdf"
    sha256: str
    text: str
    encoding: str | None = None
    tables: tuple[Table, ...] = ()
    pages: tuple[Page, ...] = ()
    char_pages: array[int] | None = field(default=None, repr=False, compare=False)
    char_boxes: array[float] | None = field(default=None, repr=False, compare=False)
    title: str | None = None
    issuer: str | None = None
    year: int | None = None
    warnings: tuple[str, ...] = ()

    def boxes(self, start: int, end: int) -> list[tuple[int, float, float, float, float]]:
        """Boxes (page, left, bottom, right, top) covering ``text[start:end]``, one per page line run."""
        if self.char_pages is None or self.char_boxes is None:
            return []
        out: list[tuple[int, float, float, float, float]] = []
        for i in range(max(0, start), min(end, len(self.text))):
            p = self.char_pages[i]
            if p < 0:
                continue
            x0, y0, x1, y1 = self.char_boxes[4 * i : 4 * i + 4]
            if out and out[-1][0] == p and abs(out[-1][2] - y0) < 2 and x0 >= out[-1][1] - 1:
                q = out[-1]
                out[-1] = (p, min(q[1], x0), min(q[2], y0), max(q[3], x1), max(q[4], y1))
            else:
                out.append((p, x0, y0, x1, y1))
        return out


@quick_init
@dataclass(frozen=True, slots=True, kw_only=True)
class Figure:
    """A quantity found in a report.

    ``value`` has the multiplier (万/亿) applied; percentages are kept as written (63.6 for 63.6%).
    ``qualifier`` is one of ``more_than`` (余/多/超过), ``at_least`` (以上/至少), ``at_most`` (不超过/以内),
    ``less_than`` (不足/不到/少于), ``about`` (约/左右), ``nearly`` (近), ``range`` (3-5个, 三至五天, 三四件:
    ``value`` is the lower bound, ``start``/``end`` span the whole range), or None (the codes and their
    words: ``core.vocab.QUALIFIERS``). ``source`` is ``"text"`` for narrative figures, ``"table"`` for table cells.
    """

    start: int
    end: int
    text: str
    value: Decimal
    unit: str | None = None
    multiplier: str | None = None
    qualifier: str | None = None
    label: str = ""
    indicator: str | None = None
    confidence: float = 0.5
    rule: str = ""
    source: str = "text"

    def to_json(self) -> dict[str, object]:
        v = self.value
        num: int | float = int(v) if v == v.to_integral_value() else float(v)
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": num,
            "unit": self.unit,
            "multiplier": self.multiplier,
            "qualifier": self.qualifier,
            "label": self.label,
            "indicator": self.indicator,
            "confidence": round(self.confidence, 3),
            "rule": self.rule,
            "source": self.source,
        }


@quick_init
@dataclass(frozen=True, slots=True, kw_only=True)
class IndicatorValue:
    """The value of one standard indicator read from a report's table.

    ``kind`` is ``number``, ``zero``, ``empty`` (blank cell — never 0), ``not_applicable``
    (“/”, “—”, 无, 不适用, 不涉及 …: ``core.vocab.NOT_APPLICABLE_WORDS``) or ``unread`` (a cell of a table found in the report that the reader could not
    read — never shown or exported as blank). ``start``/``end`` is the source cell's text span, when
    known.
    """

    id: str
    kind: str
    value: Decimal | None
    raw: str = ""
    start: int | None = None
    end: int | None = None
    confidence: float = 0.9

    def json_value(self) -> int | float | None:
        if self.value is None:
            return None
        v = self.value
        return int(v) if v == v.to_integral_value() else float(v)


@quick_init
@dataclass(frozen=True, slots=True, kw_only=True)
class CheckResult:
    """One arithmetic check. ``status``: ``pass`` | ``fail`` | ``not_checkable``;
    ``severity``: ``error`` | ``warning``. ``formula`` shows the values ("10+1+0+0 = 11 ≠ 0").
    ``cells`` lists the indicator ids (and ``fig:START`` for narrative figures) involved."""

    rule: str
    subject: str
    status: str
    severity: str
    formula: str
    cells: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "subject": self.subject,
            "status": self.status,
            "severity": self.severity,
            "formula": self.formula,
            "cells": list(self.cells),
        }


@dataclass(frozen=True, kw_only=True)
class Extraction:
    """Everything core derives from one report."""

    document: Document
    figures: tuple[Figure, ...]
    indicators: dict[str, IndicatorValue]  # with the cells not read, kind ``unread``
    checks: tuple[CheckResult, ...]

    @property
    def unread(self) -> tuple[str, ...]:
        """Ids of the cells of tables found in the report that could not be read."""
        return tuple(k for k, v in self.indicators.items() if v.kind == vocab.UNREAD_KIND)
