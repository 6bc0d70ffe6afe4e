"""Writing a worksheet in XlsxWriter's constant-memory mode, where each row goes to disk as soon as a
later row is written and cannot be written again.

``Band`` collects the cells of a few rows (a report's tables, a header), in any order, and writes them
in row order when it is flushed: row heights before their rows, merged ranges as their first cell and
formatted blanks. XlsxWriter's ``merge_range`` writes every row of a range at once, which loses the
cells of those rows still to come in this mode (its documentation says it does not work here); a
merged range is therefore written cell by cell and then registered on the worksheet's list of merged
ranges, the one place this module reaches past XlsxWriter's public API (``Worksheet.merge``, the list
``merge_range`` appends to; XlsxWriter is pinned to a minor version and ``tests/core/store`` reads the
ranges back from the file). Any write to a row already left is a programming error and raises.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

_STRING, _NUMBER, _BLANK, _FORMULA, _COMMENT = range(5)
_AT = itemgetter(0, 1)


class Band:
    """Cells of a constant-memory worksheet, written in (row, column) order by ``flush``."""

    __slots__ = ("_heights", "_merges", "_ops", "plain", "ws")

    def __init__(self, ws: Worksheet, plain: float | None = None) -> None:
        """``plain``: the sheet's default row height (``Worksheet.set_default_row``): a row of that
        height is not set row by row, which XlsxWriter would keep in memory to the end."""
        self.ws, self.plain = ws, plain
        self._ops: list[tuple[int, int, int, Any, Format | None]] = []
        self._heights: dict[int, float] = {}
        self._merges: list[tuple[int, int, int, int]] = []

    def string(self, r: int, c: int, text: str, f: Format | None = None) -> None:
        self._ops.append((r, c, _STRING, text, f))

    def number(self, r: int, c: int, v: float, f: Format | None = None) -> None:
        self._ops.append((r, c, _NUMBER, v, f))

    def blank(self, r: int, c: int, f: Format | None) -> None:
        self._ops.append((r, c, _BLANK, None, f))

    def put(self, r: int, c: int, v: Any, f: Format | None) -> None:
        """A number, a text or (None) a formatted blank."""
        if v is None:
            self._ops.append((r, c, _BLANK, None, f))
        elif v.__class__ is str:
            self._ops.append((r, c, _STRING, v, f))
        else:
            self._ops.append((r, c, _NUMBER, v, f))

    def formula(self, r: int, c: int, formula: str, f: Format | None, value: Any) -> None:
        self._ops.append((r, c, _FORMULA, (formula, value), f))

    def comment(self, r: int, c: int, text: str, options: dict[str, Any]) -> None:
        self._ops.append((r, c, _COMMENT, (text, options), None))

    def height(self, r: int, h: float) -> None:
        self._heights[r] = max(self._heights.get(r, 0.0), h)

    def merge(self, r1: int, c1: int, r2: int, c2: int, text: str, f: Format) -> None:
        """A merged range holding ``text``, every cell of it in the range's format (its borders)."""
        self._ops.append((r1, c1, _STRING, text, f))
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if r != r1 or c != c1:
                    self._ops.append((r, c, _BLANK, None, f))
        self._merges.append((r1, c1, r2, c2))

    def flush(self) -> None:
        """Write what was collected, in row order (a stable sort: a cell written twice keeps the later)."""
        ws, ops = self.ws, self._ops
        ops.sort(key=_AT)
        heights = sorted(hh for hh in self._heights.items() if hh[1] != self.plain)
        h, n_heights = 0, len(heights)
        for r, c, kind, v, f in ops:
            while h < n_heights and heights[h][0] <= r:
                _done(ws, ws.set_row(*heights[h]), heights[h][0])
                h += 1
            if kind == _STRING:
                rc = ws.write_string(r, c, v, f)
            elif kind == _NUMBER:
                rc = ws.write_number(r, c, v, f)
            elif kind == _BLANK:
                rc = ws.write_blank(r, c, None, f)
            elif kind == _FORMULA:
                rc = ws.write_formula(r, c, v[0], f, v[1])
            else:
                rc = ws.write_comment(r, c, v[0], v[1])
            _done(ws, rc, r)
        for row, height in heights[h:]:
            _done(ws, ws.set_row(row, height), row)
        ws.merge.extend(self._merges)  # see the module's doc
        ops.clear()
        self._heights.clear()
        self._merges.clear()


def _done(ws: Worksheet, rc: int, row: int) -> None:
    if rc not in (0, None):
        raise RuntimeError(f"{ws.name}: 第 {row + 1} 行写入失败（{rc}）：该行已写出或超出工作表范围")
