"""What every sheet of the workbook shares: one font, the formats by status, row heights for wrapped
text, the page setup (A4 landscape, header with the report and both reviewers, page x / y per sheet)
and long lists that continue on a numbered sheet past the row limit instead of losing rows.

Public XlsxWriter API only.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from core.errors import ExportError
from core.export import stream

FONT = "宋体"
SIZE = 10
LINE = 13.5  # points per line of 10 pt text
MAX_ROWS = 1_048_576  # rows of a sheet (XlsxWriter, Excel and WPS alike)

FILLS = {
    "pending": None,
    "confirmed": "#E2EFDA",
    "corrected": "#FFF2CC",
    "added": "#DDEBF7",
    "rejected": "#D9D9D9",
}
UNREAD_FILL = "#FFA940"
FAIL_BORDER = "#C00000"


class Formats:
    """Formats of the workbook, each built once from its properties (all in one font)."""

    def __init__(self, wb: xlsxwriter.Workbook) -> None:
        self.wb = wb
        self._made: dict[tuple[tuple[str, Any], ...], Format] = {}
        self._values: dict[tuple[str, bool, bool], Format] = {}
        self._cells: dict[tuple[str, bool, bool], Format] = {}
        self.base: dict[str, Any] = {"font_name": FONT, "font_size": SIZE, "valign": "vcenter"}
        self.header = self.get(bold=True, bg_color="#D9E1F2", border=1, text_wrap=True, align="center")
        self.title = self.get(bold=True, font_size=14)
        self.section = self.get(bold=True, font_size=11)
        self.label = self.get(border=1, text_wrap=True)
        self.center = self.get(border=1, text_wrap=True, align="center")
        self.text = self.get()
        self.wrap = self.get(text_wrap=True, valign="top")
        self.int = self.get(num_format="#,##0")
        self.dec = self.get(num_format="#,##0.0#####")
        self.blank = self.get(border=1, align="center")
        self.unread = self.get(border=1, align="center", bg_color=UNREAD_FILL)
        self.mark = self.get(border=1, align="center", bold=True, font_color=FAIL_BORDER)

    def get(self, **props: Any) -> Format:
        key = tuple(sorted({**self.base, **props}.items()))
        f = self._made.get(key)
        if f is None:
            f = self._made[key] = self.wb.add_format(dict(key))
        return f

    def value(self, status: str, v: Any, failing: bool = False) -> Format:
        """A value cell: its status's fill, whole numbers with separators; a failing check's cell framed."""
        key = (status, v.__class__ is int, failing)
        f = self._values.get(key)
        if f is None:
            f = self._values[key] = self._value(status, v, failing)
        return f

    def _value(self, status: str, v: Any, failing: bool) -> Format:
        props: dict[str, Any] = {"border": 1, "num_format": "#,##0" if v.__class__ is int else "#,##0.0#####"}
        fill = FILLS.get(status)
        if fill:
            props["bg_color"] = fill
        if status == "rejected":
            props["font_strikeout"] = True
        if failing:
            props |= {"border": 2, "border_color": FAIL_BORDER, "font_color": FAIL_BORDER, "bold": True}
        return self.get(**props)

    def cell(self, status: str, failing: bool = False, unread: bool = False) -> Format:
        """A text cell of a table (“/”, 未读出, a blank) in its status's fill."""
        key = (status, failing, unread)
        f = self._cells.get(key)
        if f is None:
            f = self._cells[key] = self._cell(status, failing, unread)
        return f

    def _cell(self, status: str, failing: bool, unread: bool) -> Format:
        props: dict[str, Any] = {"border": 1, "align": "center"}
        fill = UNREAD_FILL if unread else FILLS.get(status)
        if fill:
            props["bg_color"] = fill
        if failing:
            props |= {"border": 2, "border_color": FAIL_BORDER, "font_color": FAIL_BORDER}
        return self.get(**props)


def text_width(text: str) -> float:
    """The width of ``text`` in column-width units (a CJK character is about two digits wide)."""
    return sum(2.0 if unicodedata.east_asian_width(ch) in "WF" else 1.1 for ch in text)


def lines(text: str, width: float) -> int:
    """The lines ``text`` wraps to in a cell ``width`` units wide (at least one)."""
    room = max(width - 1.0, 1.0)
    return max(1, sum(max(1, math.ceil(text_width(part) / room)) for part in text.split("\n")))


def row_height(n_lines: int) -> float:
    return n_lines * LINE + 3


def hf(text: str) -> str:
    """Text for a page header or footer: & is a code there, and the header holds 255 characters."""
    return text.replace("&", "&&")[:80]


def page_setup(
    ws: Worksheet,
    title: str,
    reviewer: str,
    second: str,
    title_rows: tuple[int, int] | None,
    tall: int | None,
) -> None:
    """A4 landscape; one page wide and ``tall`` pages high (0: as many as it takes; None: not fitted,
    printed at 100 %); the header rows on every page; the title, 审核人 and 复核人 in the header;
    the sheet's name and its page number in the footer (numbering starts at 1 on every sheet)."""
    ws.set_paper(9)
    ws.set_landscape()
    if tall is not None:
        ws.fit_to_pages(1, tall)
    ws.set_margins(left=0.25, right=0.25, top=0.6, bottom=0.6)
    ws.center_horizontally()
    ws.set_start_page(1)
    if title_rows is not None:
        ws.repeat_rows(*title_rows)
    who = f"审核人：{reviewer or '—'}　复核人：{second or '—'}"
    ws.set_header(f'&L&"{FONT}"&10 {hf(title)}&R&"{FONT}"&10 {hf(who)}')
    # &N would count the pages of the whole workbook in LibreOffice: the sheet's name stands beside its
    # own page number instead
    ws.set_footer(f'&L&"{FONT}"&10 {hf(ws.name)}&C&"{FONT}"&10第 &P 页')


CELL_MAX = 32_767  # characters a cell holds (Excel, WPS; XlsxWriter cuts the rest silently)
GOES_ON = "…（接续见本行末尾的单元格）"
GOES_ON_FROM = "（接上）"


def continued(text: str) -> list[str]:
    """A text longer than a cell holds, in pieces that each fit: every piece but the last ends with
    ``GOES_ON`` and every piece but the first starts with ``GOES_ON_FROM`` — never cut silently."""
    out: list[str] = []
    rest = text
    while rest:
        head = GOES_ON_FROM if out else ""
        room = CELL_MAX - len(head)
        if len(rest) <= room:
            out.append(head + rest)
            break
        room -= len(GOES_ON)
        out.append(head + rest[:room] + GOES_ON)
        rest = rest[room:]
    return out


def names(base: str, n_rows: int, used: set[str]) -> list[str]:
    """The sheets a list of ``n_rows`` rows (under one header row) takes: ``base``, then
    ``base (2)``, ``base (3)`` … once a sheet's rows are full."""
    return numbered(base, max(1, -(-n_rows // (MAX_ROWS - 1))), used)


def numbered(base: str, n: int, used: set[str]) -> list[str]:
    """``n`` sheet names: ``base``, ``base (2)``, ``base (3)`` …"""
    out = [base if k == 1 else f"{base} ({k})" for k in range(1, n + 1)]
    used.update(x.lower() for x in out)
    return out


class ListSheets:
    """A long list under a header row, a row at a time, continuing on the next of ``sheets`` when one
    is full (written with ``stream.Rows``: the sheets are in constant-memory mode); a value None or ''
    is left empty, a (value, format) pair is a cell with its own format, a text longer than a cell
    holds continues after the row's last column (``continued``). ``formats``: a column's own format."""

    def __init__(
        self,
        sheets: Sequence[Worksheet],
        heads: Sequence[str],
        widths: Sequence[float],
        fm: Formats,
        formats: dict[int, Format] | None = None,
    ) -> None:
        self.sheets, self.n_cols, self.formats = sheets, len(heads), formats or {}
        self.out = [stream.Rows(ws) for ws in sheets]
        self.n = 0  # rows written
        for ws, out in zip(sheets, self.out, strict=True):
            for c, w in enumerate(widths):
                ws.set_column(c, c, w, fm.wrap if w >= 30 else None)
            out.row(0, [(c, stream.STRING, h, fm.header) for c, h in enumerate(heads)])
            ws.freeze_panes(1, 0)

    def add(self, row: Sequence[Any]) -> None:
        per = MAX_ROWS - 1
        j, r = divmod(self.n, per)
        if j >= len(self.sheets):  # the caller counted the rows: more would be lost, so say so
            raise ExportError(
                f"{self.sheets[0].name}：行数超过 {len(self.sheets)} 个工作表能容纳的 {per * len(self.sheets):,} 行"
            )
        formats = self.formats
        if self.out[j].values(r + 1, row, formats, CELL_MAX):  # no text longer than a cell holds
            self.n += 1
            return
        spill = self.n_cols  # where text past a cell's limit continues: after the row's last column
        cells: list[tuple[int, int, Any, Format | None]] = []
        spilled: list[tuple[int, int, Any, Format | None]] = []
        string, number = stream.STRING, stream.NUMBER
        for c, v in enumerate(row):
            if v is None or v == "":
                continue
            if v.__class__ is str:
                f = formats.get(c)
                if len(v) > CELL_MAX:
                    pieces = continued(v)
                    cells.append((c, string, pieces[0], f))
                    for piece in pieces[1:]:
                        spilled.append((spill, string, piece, f))
                        spill += 1
                    continue
                cells.append((c, string, v, f))
            elif isinstance(v, tuple):  # (value, format) of a cell of its own
                x = v[0]
                cells.append((c, string if x.__class__ is str else number, x, v[1]))
            else:
                cells.append((c, number, v, formats.get(c)))
        self.out[j].row(r + 1, cells + spilled)
        self.n += 1

    def close(self) -> int:
        """The filter over each sheet's rows; returns the rows written."""
        per = MAX_ROWS - 1
        for j, ws in enumerate(self.sheets):
            last = min(per, self.n - j * per)
            ws.autofilter(0, 0, max(last, 1), self.n_cols - 1)
        return self.n


def write_list(
    sheets: Sequence[Worksheet],
    heads: Sequence[str],
    widths: Sequence[float],
    rows: Iterable[Sequence[Any]],
    fm: Formats,
    formats: dict[int, Format] | None = None,
) -> int:
    """Write ``rows`` with ``ListSheets``; returns the rows written."""
    out = ListSheets(sheets, heads, widths, fm, formats)
    for row in rows:
        out.add(row)
    return out.close()
