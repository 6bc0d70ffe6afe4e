"""Figures in the cells of tables other than the three standard ones.

Work summaries and older reports carry their own tables (类别 | 条数, 事项 | 数量（件）| 金额（万元）). A bare
number in such a cell is a figure when the header of its column says what is counted and in which unit:
a unit in brackets (数量（件）, 金额（单位：万元）) or a counting word (条数, 件数, 人次). Columns such as 序号,
年份 or 电话 never hold figures. Cells whose text already carries a unit ("12件", "98.5%") are found by the
narrative pass, and the standard tables by ``core.tables``; both are left alone here.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from decimal import Decimal

from core import vocab
from core.figures.numbers import parse_arabic
from core.model import Cell, Document, Figure, Table
from core.textnorm import fold_width, to_simplified

_NUMBER = re.compile(r"\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*")


@vocab.derived
def _header_patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """A unit in brackets (数量（件）), a counting word at the end (条数, 人次), and form → unit word."""
    units = vocab.UNITS
    bracketed = vocab.alternation(vocab.unit_words(u for u in units if u.in_headers))
    counting = vocab.alternation(u.count_header for u in units if u.count_header)
    words = {f: u.word for u in units for f in u.forms} | {
        u.count_header: u.word for u in units if u.count_header
    }
    return (
        re.compile(rf"[（(]\s*(?:单位\s*[:：]\s*)?({bracketed})\s*[)）]"),
        re.compile(rf"({counting})\s*$"),
        words,
    )


_NOT_FIGURES = (
    "序号",
    "编号",
    "年份",
    "年度",
    "时间",
    "日期",
    "代码",
    "电话",
    "邮编",
    "文号",
    "索引号",
    "排名",
    "名次",
)
_CONFIDENCE = 0.75  # a table of the report's own design: the header is a good but not a certain guide


def _unit_of(header: str) -> str | None:
    h = to_simplified(fold_width(header.strip()))
    if not h or any(w in h for w in _NOT_FIGURES):
        return None
    in_brackets, counting, words = _header_patterns()
    m = in_brackets.search(h) or counting.search(h)
    return words[m.group(1)] if m else None


def _header_rows(table: Table, grid: list[list[Cell | None]]) -> int:
    """Leading rows with no bare number in them are the header."""
    for r, row in enumerate(grid):
        if any(c is not None and _NUMBER.fullmatch(c.text) for c in row):
            return r
    return len(grid)


def _headers(table: Table, grid: list[list[Cell | None]], n_head: int) -> list[str]:
    headers = []
    for c in range(table.n_cols):
        parts: list[str] = []
        for r in range(n_head):
            cell = grid[r][c]
            text = cell.text.strip() if cell is not None else ""
            if text and text not in parts:
                parts.append(text)
        headers.append(" / ".join(parts))
    return headers


def relabel(doc: Document, figures: list[Figure]) -> list[Figure]:
    """A narrative figure that is a whole table cell ("13.5%") takes the row and column as its label."""
    cells: list[tuple[int, int, str]] = []
    for table in doc.tables:
        grid = table.grid()
        n_head = _header_rows(table, grid)
        if n_head == len(grid):
            continue
        headers = _headers(table, grid, n_head)
        for r in range(n_head, table.n_rows):
            row = grid[r]
            row_label = next(
                (c.text.strip() for c in row if c is not None and not _NUMBER.fullmatch(c.text)), ""
            )
            for k, cell in enumerate(row):
                if cell is not None and cell.col == k and cell.row == r and len(cell.text.strip()) <= 16:
                    label = " / ".join(p for p in (to_simplified(row_label), to_simplified(headers[k])) if p)
                    cells.append((cell.start, cell.end, label[:60]))
    if not cells:
        return figures
    cells.sort()
    out = []
    for f in figures:
        i = bisect.bisect_right(cells, (f.start, 1 << 62, "")) - 1
        if i >= 0 and cells[i][0] <= f.start and f.end <= cells[i][1] and cells[i][2]:
            f = dataclasses.replace(f, label=cells[i][2])
        out.append(f)
    return out


def extract(doc: Document, taken: list[tuple[int, int]]) -> list[Figure]:
    """Figures in the number cells of ``doc.tables`` whose column header names a unit; cells that
    overlap a span in ``taken`` (standard-table cells, narrative figures) are skipped."""
    out: list[Figure] = []
    for table in doc.tables:
        grid = table.grid()
        n_head = _header_rows(table, grid)
        if n_head == 0 or n_head == len(grid):
            continue
        headers = _headers(table, grid, n_head)
        units = [_unit_of(h.split(" / ")[-1]) if h else None for h in headers]
        if not any(units):
            continue
        for r in range(n_head, table.n_rows):
            row = grid[r]
            row_label = next(
                (c.text.strip() for c in row if c is not None and not _NUMBER.fullmatch(c.text)), ""
            )
            for k, cell in enumerate(row):
                if cell is None or cell.col != k or cell.row != r or not units[k]:
                    continue
                m = _NUMBER.fullmatch(cell.text)
                if m is None:
                    continue
                start = cell.start + m.start(1)
                end = cell.start + m.end(1)
                if any(s < end and start < e for s, e in taken):
                    continue
                value = parse_arabic(fold_width(m.group(1)))
                if value is None:
                    continue
                out.append(_figure(doc, start, end, value, units[k], row_label, headers[k]))
    return out


def _figure(
    doc: Document, start: int, end: int, value: Decimal, unit: str | None, row: str, header: str
) -> Figure:
    label = " / ".join(p for p in (to_simplified(row), to_simplified(header)) if p)
    return Figure(
        start=start,
        end=end,
        text=doc.text[start:end],
        value=value,
        unit=unit,
        label=label[:60],
        confidence=_CONFIDENCE,
        rule="table-cell",
        source="table",
    )
