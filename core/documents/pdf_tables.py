"""Rebuild ruled tables of a PDF page from its drawn lines (a lattice), for ``core.documents.pdf``.

Ruling lines come from path objects: a thin filled rectangle or a stroked segment is a line; the
edges of a stroked rectangle are lines; filled areas (shading) are not. Horizontal and vertical lines
that touch form a table; the distinct line positions make a grid; a missing line between two grid
cells merges them. Characters are assigned to cells by their centre.
"""

from __future__ import annotations

import ctypes
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw

THIN = 3.0  # a shape thinner than this (points) is a line
SNAP = 2.0  # lines closer than this are the same line
MIN_CELL = 4.0  # grid positions closer than this are one (double borders)
MAX_SEGMENTS = 20000  # a page with more path segments than this is a drawing, not a form


@dataclass(slots=True)
class Char:
    ch: str
    x0: float
    y0: float
    x1: float
    y1: float
    sp: bool = False  # a space (drawn or inferred by PDFium) came before it in the content stream

    @property
    def h(self) -> float:
        return self.y1 - self.y0


@dataclass
class GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    chars: list[Char] = field(default_factory=list)


@dataclass
class GridTable:
    top: float
    n_rows: int
    n_cols: int
    cells: list[GridCell]


# A line: (position, start, end) — y, x0, x1 for horizontal; x, y0, y1 for vertical.
Line = tuple[float, float, float]


class Frame:
    """Maps PDF user space to the displayed page: crop box origin at (0, 0), /Rotate applied."""

    def __init__(self, page: pdfium.PdfPage) -> None:
        left, bottom, right, top = page.get_cropbox()
        self.left, self.bottom = left, bottom
        self.w, self.h = right - left, top - bottom
        self.rot = page.get_rotation() % 360
        self.identity = self.rot == 0 and left == 0 and bottom == 0

    def point(self, x: float, y: float) -> tuple[float, float]:
        x, y = x - self.left, y - self.bottom
        if self.rot == 90:
            return y, self.w - x
        if self.rot == 180:
            return self.w - x, self.h - y
        if self.rot == 270:
            return self.h - y, x
        return x, y

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        ax, ay = self.point(x0, y0)
        bx, by = self.point(x1, y1)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def _add(hs: list[Line], vs: list[Line], x0: float, y0: float, x1: float, y1: float, stroked: bool) -> None:
    """Record the line(s) a shape with this bounding box draws."""
    if x0 > x1:
        x0, x1 = x1, x0
    if y0 > y1:
        y0, y1 = y1, y0
    w, h = x1 - x0, y1 - y0
    if h <= THIN and w > THIN:
        hs.append(((y0 + y1) / 2, x0, x1))
    elif w <= THIN and h > THIN:
        vs.append(((x0 + x1) / 2, y0, y1))
    elif stroked and w > THIN and h > THIN:  # an outlined rectangle: its edges
        hs.extend(((y0, x0, x1), (y1, x0, x1)))
        vs.extend(((x0, y0, y1), (x1, y0, y1)))


def _subpath(hs: list[Line], vs: list[Line], sub: list[tuple[float, float]], stroked: bool) -> None:
    """Lines drawn by one subpath (straight segments only; curves are not ruling lines)."""
    if len(sub) < 2:
        return
    xs = [p[0] for p in sub]
    ys = [p[1] for p in sub]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    if x1 - x0 <= THIN or y1 - y0 <= THIN or not stroked:
        _add(hs, vs, x0, y0, x1, y1, False)
        return
    pts = [*sub, sub[0]]  # a stroked polygon: each axis-parallel edge is a line
    for (ax, ay), (bx, by) in zip(pts, pts[1:], strict=False):
        if abs(ax - bx) <= 0.5 or abs(ay - by) <= 0.5:
            _add(hs, vs, ax, ay, bx, by, False)


Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _then(m1: Matrix, m2: Matrix) -> Matrix:
    """The transform that applies ``m1`` and then ``m2``."""
    a1, b1, c1, d1, e1, f1 = m1
    a2, b2, c2, d2, e2, f2 = m2
    return (a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2)  # fmt: skip


def function_address(fn: Any) -> int:  # a pypdfium2 binding (a ctypes function)
    return ctypes.cast(fn, ctypes.c_void_p).value or 0


def direct(fn: Any, restype: Any, *argtypes: Any) -> Any:
    """PDFium's function behind a pypdfium2 binding, through a prototype of plain addresses and
    numbers that keeps the GIL (PYFUNCTYPE): the typed binding builds a pointer object per call and
    releases and takes back the GIL, which on a call that does as little as these costs more than
    PDFium's own work. Only for short calls that never call back into Python."""
    return ctypes.PYFUNCTYPE(restype, *argtypes)(function_address(fn))


def unchecked(fn: Any, restype: Any) -> Any:
    """``direct`` without argument conversion, for the hottest calls: every pointer argument must be
    a ctypes object (``c_void_p``), every other one a C ``int`` passed as a Python int."""
    f: Any = ctypes.PYFUNCTYPE(restype)(function_address(fn))
    f.argtypes = None  # no conversion (an empty tuple would refuse any argument)
    return f


# PDFium's object walk through direct calls: on pages drawn one glyph per object (Qt, many office
# exports) the walk makes two calls per character. Page objects are plain addresses throughout.
_VP, _INT = ctypes.c_void_p, ctypes.c_int
_count_objects = direct(raw.FPDFPage_CountObjects, _INT, _VP)
_get_object = unchecked(raw.FPDFPage_GetObject, _VP)  # (c_void_p page, int index)
_get_type = direct(raw.FPDFPageObj_GetType, _INT, _VP)
_get_matrix = direct(raw.FPDFPageObj_GetMatrix, _INT, _VP, _VP)
_form_count = direct(raw.FPDFFormObj_CountObjects, _INT, _VP)
_form_object = direct(raw.FPDFFormObj_GetObject, _VP, _VP, ctypes.c_ulong)
_count_segments = direct(raw.FPDFPath_CountSegments, _INT, _VP)
_draw_mode = direct(raw.FPDFPath_GetDrawMode, _INT, _VP, _VP, _VP)


class _Handle(ctypes.c_void_p):
    """A pointer PDFium returns, kept as a ctypes object (a subclass is not turned into an int), to
    pass on to ``unchecked`` calls as it is."""


_segment = unchecked(raw.FPDFPath_GetPathSegment, _Handle)  # (c_void_p path, int index)
_segment_type = unchecked(raw.FPDFPathSegment_GetType, _INT)  # (c_void_p segment)
_segment_point = unchecked(raw.FPDFPathSegment_GetPoint, _INT)  # (c_void_p segment, c_void_p x, y)


def _matrix(h: int, m: raw.FS_MATRIX) -> Matrix:
    if not _get_matrix(h, ctypes.addressof(m)):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def object_types(page: pdfium.PdfPage, wanted: frozenset[int]) -> list[tuple[int, int]]:
    """(address, type) of the objects of a type in ``wanted`` drawn directly on the page, in order."""
    h = ctypes.cast(page.raw, _VP)
    n = _count_objects(h)
    objs = list(map(_get_object, repeat(h, n), range(n)))
    return [(a, k) for a, k in zip(objs, map(_get_type, objs), strict=True) if k in wanted]


def _paths(page: pdfium.PdfPage) -> list[tuple[int, Matrix]]:
    """Path objects of the page and of its form XObjects (two levels deep), with page transforms."""
    m = raw.FS_MATRIX()
    out: list[tuple[int, Matrix]] = []
    path, form = raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM
    wanted = frozenset((path, form))

    def walk(objs: list[tuple[int, int]], parent: Matrix | None, depth: int) -> None:
        for a, kind in objs:
            if kind == path:
                own = _matrix(a, m)
                out.append((a, own if parent is None else _then(own, parent)))
            elif kind == form and depth < 2:
                own = _matrix(a, m)
                n = _form_count(a)
                inner = [(b, k) for j in range(n) if (k := _get_type(b := _form_object(a, j))) in wanted]
                walk(inner, own if parent is None else _then(own, parent), depth + 1)

    walk(object_types(page, wanted), None, 0)
    return out


def _segments(page: pdfium.PdfPage, frame: Frame) -> tuple[list[Line], list[Line]]:
    """Horizontal and vertical ruling lines drawn by the page's path objects."""
    hs: list[Line] = []
    vs: list[Line] = []
    px, py = ctypes.c_float(), ctypes.c_float()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    rx, ry = _VP(ctypes.addressof(px)), _VP(ctypes.addressof(py))
    rfill, rstroke = ctypes.addressof(fill), ctypes.addressof(stroke)
    moveto, bezier = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_BEZIERTO
    identity, point = frame.identity, frame.point
    budget = MAX_SEGMENTS
    for h, (a, b, c, d, e, f) in _paths(page):
        n = _count_segments(h)
        budget -= max(n, 0)
        if budget < 0:  # a vector drawing (chart, map), not a form
            return [], []
        if n <= 0:
            continue
        _draw_mode(h, rfill, rstroke)
        stroked = bool(stroke.value)
        sub: list[tuple[float, float]] = []
        curved = False
        hp = _VP(h)
        for i in range(n):
            seg = _segment(hp, i)
            if not _segment_point(seg, rx, ry):
                continue
            x, y = px.value, py.value
            pt = (a * x + c * y + e, b * x + d * y + f)
            if not identity:
                pt = point(*pt)
            kind = _segment_type(seg)
            if kind == moveto:
                if not curved:
                    _subpath(hs, vs, sub, stroked)
                sub = [pt]
                curved = False
            else:
                curved = curved or kind == bezier
                sub.append(pt)
        if not curved:
            _subpath(hs, vs, sub, stroked)
    return hs, vs


def _merge(lines: list[Line]) -> list[Line]:
    """Join collinear overlapping or touching lines."""
    out: list[Line] = []
    for pos, s, t in sorted(lines):
        for i in range(len(out) - 1, -1, -1):
            p, a, b = out[i]
            if pos - p > SNAP:
                out.append((pos, s, t))
                break
            if s <= b + SNAP and t >= a - SNAP:
                out[i] = (p, min(a, s), max(b, t))
                break
        else:
            out.append((pos, s, t))
    return out


def _positions(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] < MIN_CELL:
            continue
        out.append(v)
    return out


def _near(lines: list[Line], positions: list[float]) -> list[list[Line]]:
    """For each grid position, the lines drawn there."""
    return [[ln for ln in lines if abs(ln[0] - pos) <= SNAP + 0.5] for pos in positions]


def _covers(lines: list[Line], a: float, b: float) -> bool:
    """Is the span a..b mostly drawn by one of ``lines`` (lines at the right position)?"""
    need = 0.6 * (b - a)
    # min(b, t) - max(a, s) spelled out, a loop rather than any(generator): runs for every cell edge
    for _, s, t in lines:  # noqa: SIM110
        if (b if b <= t else t) - (a if a >= s else s) >= need:
            return True
    return False


def _components(hs: list[Line], vs: list[Line]) -> list[tuple[list[Line], list[Line]]]:
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (y, x0, x1) in enumerate(hs):
        for j, (x, y0, y1) in enumerate(vs):
            if x0 - SNAP <= x <= x1 + SNAP and y0 - SNAP <= y <= y1 + SNAP:
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list[Line], list[Line]]] = {}
    for i, ln in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(ln)
    for j, ln in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(ln)
    return [g for g in groups.values() if len(g[0]) >= 2 and len(g[1]) >= 2]


def _merged_boxes(xs: list[float], ys: list[float], vs: list[Line], hs: list[Line]) -> dict[int, list[int]]:
    """The grid's cells joined where no ruling line separates them: per merged cell its
    ``[top row, left column, bottom row, right column, number of grid cells]``."""
    nr, nc = len(ys) - 1, len(xs) - 1
    parent = list(range(nr * nc))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    v_at, h_at = _near(vs, xs), _near(hs, ys)
    for r in range(nr):
        for k in range(nc):
            if k + 1 < nc and not _covers(v_at[k + 1], ys[r + 1], ys[r]):
                parent[find(r * nc + k + 1)] = find(r * nc + k)
            if r + 1 < nr and not _covers(h_at[r + 1], xs[k], xs[k + 1]):
                parent[find((r + 1) * nc + k)] = find(r * nc + k)
    boxes: dict[int, list[int]] = {}
    for r in range(nr):
        for k in range(nc):
            b = boxes.setdefault(find(r * nc + k), [r, k, r, k, 0])
            b[0], b[1], b[2], b[3] = min(b[0], r), min(b[1], k), max(b[2], r), max(b[3], k)
            b[4] += 1
    return boxes


def _grid_cells(
    boxes: dict[int, list[int]], nr: int, nc: int
) -> tuple[list[GridCell], dict[tuple[int, int], GridCell]]:
    """The table's cells and the cell owning each grid position: the merged boxes when every one is a
    rectangle, else the plain grid (merges that are not rectangles are not trusted)."""
    owner: dict[tuple[int, int], GridCell] = {}
    cells: list[GridCell] = []
    if all((b[2] - b[0] + 1) * (b[3] - b[1] + 1) == b[4] for b in boxes.values()):
        for b in sorted(boxes.values()):
            gc = GridCell(b[0], b[1], b[2] - b[0] + 1, b[3] - b[1] + 1)
            cells.append(gc)
            for r in range(b[0], b[2] + 1):
                for k in range(b[1], b[3] + 1):
                    owner[(r, k)] = gc
    else:
        for r in range(nr):
            for k in range(nc):
                owner[(r, k)] = gc = GridCell(r, k, 1, 1)
                cells.append(gc)
    return cells, owner


def _place_chars(
    chars: list[Char], xs: list[float], ys: list[float], owner: dict[tuple[int, int], GridCell]
) -> int:
    """Each character whose centre lies inside the grid goes to the cell owning that position; returns
    how many did."""
    nr, nc = len(ys) - 1, len(xs) - 1
    neg_ys = [-y for y in ys]
    used = 0
    left, right, bottom, top = xs[0], xs[-1], ys[-1], ys[0]
    for ch in chars:
        cx = (ch.x0 + ch.x1) / 2
        if not left < cx < right:
            continue
        cy = (ch.y0 + ch.y1) / 2
        if not bottom < cy < top:
            continue
        k = bisect_right(xs, cx) - 1
        r = bisect_right(neg_ys, -cy) - 1
        if 0 <= r < nr and 0 <= k < nc:
            owner[(r, k)].chars.append(ch)
            used += 1
    return used


def _grid(hs: list[Line], vs: list[Line], chars: list[Char]) -> GridTable | None:
    xs = _positions([x for x, _, _ in vs] + [min(s for _, s, _ in hs), max(t for _, _, t in hs)])
    ys = _positions([y for y, _, _ in hs] + [min(s for _, s, _ in vs), max(t for _, _, t in vs)])
    ys.reverse()  # top to bottom
    nr, nc = len(ys) - 1, len(xs) - 1
    if nr < 1 or nc < 2 or nr * nc < 4:
        return None
    cells, owner = _grid_cells(_merged_boxes(xs, ys, vs, hs), nr, nc)
    if not _place_chars(chars, xs, ys, owner):
        return None
    return GridTable(ys[0], nr, nc, cells)


def find_tables(page: pdfium.PdfPage, chars: list[Char], frame: Frame) -> list[GridTable]:
    """The ruled tables of ``page`` with the characters inside each cell (each char in one table).

    ``chars`` are in the displayed frame; ``frame`` maps the page's drawing into it."""
    hs, vs = _segments(page, frame)
    if len(hs) < 2 or len(vs) < 2:
        return []
    hs, vs = _merge(hs), _merge(vs)
    tables: list[GridTable] = []
    free = list(chars)
    for ghs, gvs in sorted(_components(hs, vs), key=lambda g: -max(y for y, _, _ in g[0])):
        t = _grid(ghs, gvs, free)
        if t is None:
            continue
        taken = {id(c) for cell in t.cells for c in cell.chars}
        free = [c for c in free if id(c) not in taken]
        tables.append(t)
    return tables
