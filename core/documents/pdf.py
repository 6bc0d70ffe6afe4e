"""PDF reports: pypdfium2 characters with boxes → lines in reading order, ruled tables rebuilt.

The text is built here from the characters (not from PDFium's own text), so every character of
``Document.text`` that came from the page has its page index and box (left, bottom, right, top in PDF
points, in the page as displayed: origin at the crop box's lower-left corner, /Rotate applied, the
same frame as ``Page.width``/``height``); characters the loader inserts ("\\n", "\\t", " ") have page -1. Characters are grouped into
lines by vertical overlap, lines ordered top to bottom and characters left to right; a small
horizontal gap becomes " ", a column-sized gap "\\t". Tables drawn with ruling lines are written one
line per row (cells separated by "\\t", a merged cell once at its top-left) and returned as Tables.
"""

from __future__ import annotations

import ctypes
import unicodedata
from array import array
from dataclasses import dataclass, field
from itertools import islice, repeat
from operator import attrgetter, sub

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from core import messages
from core.documents.pdf_bounds import STREAM_BOUND, TOTAL_BOUND, page_objects, scan, unreachable_objects
from core.documents.pdf_direction import ReadingFrame, reading_turn
from core.documents.pdf_tables import (
    Char,
    Frame,
    GridCell,
    GridTable,
    direct,
    find_tables,
    object_types,
    unchecked,
)
from core.errors import LoadError
from core.model import Cell, Document, Page, Table

SCANNED = "扫描件，无文字层，无法提取文字（需先进行文字识别 OCR）"
ENCRYPTED = "PDF 已加密，需要密码才能打开"
CORRUPT = "PDF 文件已损坏或不完整"

TAB_GAP = 1.5  # a gap wider than this many character heights is a column gap → "\t"
SPACE_GAP = 0.2  # a gap wider than this many character heights → " "

# Kangxi radicals and compatibility ideographs that some PDF fonts map common characters to (⼀ → 一).
_COMPAT = tuple(range(0x2E80, 0x2FE0)) + tuple(range(0xF900, 0xFB00))
_FOLD = {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in _COMPAT}
_FOLD = {cp: s for cp, s in _FOLD.items() if len(s) == 1 and s != chr(cp)}


_NO_BOX = (0.0, 0.0, 0.0, 0.0)


class _Out:
    """Text under construction, one code point per part, with a page index and a box per character.

    A page's indices and boxes gather in lists (cheap to append to) and move into the arrays at
    ``flush`` (end of a page), so the whole document's boxes are never held as Python floats."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pages = array("h")
        self.boxes = array("f")
        self.tables: list[Table] = []
        self._pages: list[int] = []
        self._boxes: list[float] = []

    @property
    def pos(self) -> int:
        return len(self.parts)

    def flush(self) -> None:
        self.pages.fromlist(self._pages)
        self.boxes.fromlist(self._boxes)
        self._pages.clear()
        self._boxes.clear()

    def sep(self, s: str) -> None:
        for ch in s:
            self.parts.append(ch)
            self._pages.append(-1)
            self._boxes += _NO_BOX

    def line(self, chars: list[Char], page: int, tabs: bool = True) -> None:
        """Write one line of characters (sorted left to right) with gap separators."""
        parts, pages, boxes = self.parts, self._pages, self._boxes
        prev: Char | None = None
        for c in chars:
            # every separator needs a gap (em is at least 1): touching characters skip the sums
            if prev is not None and (gap := c.x0 - prev.x1) > 0:
                em = prev.y1 - prev.y0
                h = c.y1 - c.y0
                if h > em:
                    em = h
                if em < 1.0:
                    em = 1.0
                if tabs and gap > TAB_GAP * em:
                    parts.append("\t")
                    pages.append(-1)
                    boxes += _NO_BOX
                elif gap > SPACE_GAP * em or c.sp:
                    parts.append(" ")
                    pages.append(-1)
                    boxes += _NO_BOX
            parts.append(c.ch)
            pages.append(page)
            boxes += (c.x0, c.y0, c.x1, c.y1)
            prev = c

    def newline(self) -> None:
        if self.parts and self.parts[-1] != "\n":
            self.sep("\n")


def _wide(ch: str) -> bool:
    o = ord(ch)
    return 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF or 0x3000 <= o <= 0x303F


def _mid2(c: Char) -> float:
    return -(c.y0 + c.y1)


_left = attrgetter("x0")
_top = attrgetter("y1")


def group_lines(chars: list[Char]) -> list[list[Char]]:
    """Group characters into lines by vertical overlap; lines top to bottom, chars left to right.

    A line's band is the middle 60% of its first (highest) character's height; a character whose
    centre falls in the band of one of the last three lines joins it. A character drawn twice at the
    same place (fake bold, shadow) is kept once.
    """
    if len(chars) <= 1:
        return [list(chars)] if chars else []
    lines: list[list[Char]] = []
    bands: list[tuple[float, float]] = []
    last: list[Char] = []
    lo = hi = 0.0  # the band of the last line
    for c in sorted(chars, key=_mid2):
        mid = (c.y0 + c.y1) / 2
        if lo <= mid <= hi and lines:
            last.append(c)
            continue
        n = len(lines)
        for i in range(n - 2, max(-1, n - 4), -1):
            b0, b1 = bands[i]
            if b0 <= mid <= b1:
                lines[i].append(c)
                break
        else:
            last = [c]
            lines.append(last)
            h = c.y1 - c.y0
            lo, hi = (c.y0 + 0.2 * h, c.y1 - 0.2 * h) if h > 0 else (c.y0 - 0.5, c.y1 + 0.5)
            bands.append((lo, hi))
    out = []
    for ln in lines:
        ln.sort(key=_left)
        p = ln[0]
        kept = [p]
        for c in islice(ln, 1, None):
            if (
                p.ch == c.ch
                and abs(p.x0 - c.x0) < 0.3 * max(p.x1 - p.x0, 0.5)
                and abs(p.y0 - c.y0) < 0.3 * max(p.y1 - p.y0, 0.5)
            ):
                continue
            kept.append(c)
            p = c
        out.append(kept)
    return out


def _unicode(tp: raw.FPDF_TEXTPAGE, n: int) -> list[int]:
    """Code units of all characters of a text page, in one call when PDFium allows."""
    buf = ctypes.create_string_buffer(2 * (n + 1))
    got = raw.FPDFText_GetText(tp, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    units = memoryview(buf.raw[: 2 * max(got - 1, 0)]).cast("H").tolist()
    if len(units) == n:
        return units
    return [raw.FPDFText_GetUnicode(tp, i) for i in range(n)]


_VP = ctypes.c_void_p
# Character boxes through PDFium directly (pdf_tables.unchecked): one call per character, as the floor makes.
_loose_box = unchecked(raw.FPDFText_GetLooseCharBox, ctypes.c_int)  # (c_void_p text page, int, c_void_p box)
_unmapped = direct(raw.FPDFText_HasUnicodeMapError, ctypes.c_int, _VP, ctypes.c_int)
_SKIP = frozenset((0xFEFF, 0x200B, 0xFFFE, 0xFFFF))
# A loose box this many times taller than the page's median is verified (``_repair_boxes``).
ODD_BOX = 2.5
ODD_POINTS = 36.0  # a box taller than this (half an inch) is verified whatever the median


def _repair_boxes(tp: raw.FPDF_TEXTPAGE, f: memoryview[float]) -> int:
    """Put right the loose boxes PDFium computes without the text matrix; returns how many.

    For a glyph of a vertical-writing CID font (Identity-V, as WPS sets a vertical label) PDFium
    builds the loose box from the font size alone: a glyph shown at ``199 Tf`` under a 0.05 text
    matrix gets a 199 pt box, 95 pt to the right of and 70 pt above where it is drawn. Such a box is
    one whose width is the unscaled font size while the text matrix scales the glyph; it is replaced by
    the scaled em square centred on the glyph as drawn (its tight box), or, for a glyph without ink,
    hung from the glyph's vertical origin. Only boxes much taller than the page's usual height are
    checked (a glyph scaled up from a tiny font size gets a box too small, but centred near the glyph)."""
    n = len(f) // 4
    if n == 0:
        return 0
    # the median of a sample: a page's usual height (white space and line breaks have no box)
    tops, bottoms = f[1::4], f[3::4]
    step = max(1, n // 64)
    sample = sorted(h for h in map(abs, map(sub, tops[::step], bottoms[::step])) if h > 0) or [0.0]
    med = sample[len(sample) // 2]
    hi = min(ODD_BOX * med, ODD_POINTS) if med > 0 else ODD_POINTS
    if max(map(abs, map(sub, tops, bottoms))) <= hi:
        return 0
    odd = [i for i, h in enumerate(map(abs, map(sub, tops, bottoms))) if h > hi]
    fixed = 0
    m = raw.FS_MATRIX()
    lft, rgt, bot, top = (ctypes.c_double() for _ in range(4))
    for i in odd:
        left, _top, right, _bottom = f[4 * i : 4 * i + 4]
        size = raw.FPDFText_GetFontSize(tp, i)
        if size <= 0 or abs((right - left) - size) > 0.01 * size + 0.01:
            continue  # not a box of the unscaled font size
        if not raw.FPDFText_GetMatrix(tp, i, m) or m.b or m.c:
            continue  # rotated or skewed text: leave PDFium's box
        scale = abs(m.a * m.d) ** 0.5
        if abs(scale - 1.0) < 0.1:
            continue  # the box is right (within a tenth) anyway
        em = size * scale
        if (
            raw.FPDFText_GetCharBox(tp, i, lft, rgt, bot, top)
            and rgt.value > lft.value
            and top.value > bot.value
        ):
            cx, cy = (lft.value + rgt.value) / 2, (bot.value + top.value) / 2
            f[4 * i : 4 * i + 4] = array("f", (cx - em / 2, cy + em / 2, cx + em / 2, cy - em / 2))
        else:  # no ink: the em square below the vertical origin (the top centre of the glyph)
            f[4 * i : 4 * i + 4] = array("f", (m.e - em / 2, m.f, m.e + em / 2, m.f - em))
        fixed += 1
    return fixed


@dataclass
class Unmapped:
    """Glyphs drawn with a font that gives them no Unicode (PDFium's map error): those whose raw
    code is no common character are shown as U+FFFD (``replaced``); those whose code is one (a
    letter, a digit, a hanzi, CJK punctuation: often right, as some fonts draw Unicode codes without
    saying so) are read as that character (``guessed``); a glyph without a box is counted only."""

    replaced: int = 0
    guessed: int = 0
    unplaced: int = 0

    @property
    def total(self) -> int:
        return self.replaced + self.guessed + self.unplaced

    def add(self, other: Unmapped) -> None:
        self.replaced += other.replaced
        self.guessed += other.guessed
        self.unplaced += other.unplaced


def _common(u: int) -> bool:
    """A code that reads as itself when its font has no map: a hanzi, printable ASCII, CJK
    punctuation, full-width forms, general punctuation."""
    return (
        0x4E00 <= u <= 0x9FFF
        or 32 < u < 127
        or 0x3000 <= u <= 0x303F
        or 0xFF00 <= u <= 0xFFEF
        or 0x2000 <= u <= 0x206F
    )


def _page_chars(tp: raw.FPDF_TEXTPAGE) -> tuple[list[Char], Unmapped]:
    """Visible characters of a page (white space dropped, remembered as a hint), the unmapped glyphs."""
    n = raw.FPDFText_CountChars(tp)
    bad = Unmapped()
    if n <= 0:
        return [], bad
    units = _unicode(tp, n)
    h = ctypes.cast(tp, _VP)
    # every character's loose box (left, top, right, bottom) into one buffer, one call per character
    rects = (ctypes.c_float * (4 * n))()
    base = ctypes.addressof(rects)
    found = list(map(_loose_box, repeat(h, n), range(n), map(_VP, range(base, base + 16 * n, 16))))
    # every glyph asked whether its font maps it: an unmapped glyph's code can be any number at all
    # (a subset font's glyph ids 1, 2, 3 … read as control characters, letters or hanzi)
    errors = list(map(_unmapped, repeat(h, n), range(n)))
    f = memoryview(rects).cast("B").cast("f")  # read in place: no list of 4 floats per character
    _repair_boxes(tp, f)
    fold = _FOLD
    chars: list[Char] = []
    append = chars.append
    space = False
    skip = _SKIP
    for i, (u, ok, err, left, top, right, bottom) in enumerate(
        zip(units, found, errors, f[::4], f[1::4], f[2::4], f[3::4], strict=True)
    ):
        if err == 1:  # a glyph drawn, with no Unicode: counted whatever its code
            if not ok:
                bad.unplaced += 1
                continue
            if _common(u):
                bad.guessed += 1
                ch = fold.get(u) or chr(u)
            else:
                bad.replaced += 1
                ch = "\ufffd"
        elif 0x4E00 <= u <= 0x9FFF or 32 < u < 127:
            if not ok:
                continue
            ch = chr(u)
        elif u in (32, 0xA0, 0x3000):
            space = True
            continue
        elif u < 32 or u in skip:
            if u in (10, 13):  # PDFium's own line break: not a space between words
                space = False
            continue
        elif not ok:
            continue
        elif 0xD800 <= u <= 0xDFFF:  # a surrogate pair comes as two chars: join them
            lo = units[i + 1] if i + 1 < n else 0
            if not (u <= 0xDBFF and 0xDC00 <= lo <= 0xDFFF):
                continue
            ch = chr(0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00))
        else:
            ch = fold.get(u) or chr(u)
        if bottom > top:
            append(Char(ch, left, top, right, bottom, space))
        else:
            append(Char(ch, left, bottom, right, top, space))
        space = False
    return chars, bad


OUTLINE_PATHS = 40  # filled shapes on a page without text above which its text is taken as drawn


def _outlined(page: pdfium.PdfPage) -> bool:
    """A page with no characters but many shapes: text converted to outlines (curves) when printed."""
    return len(object_types(page, frozenset((raw.FPDF_PAGEOBJ_PATH,)))) >= OUTLINE_PATHS


def _has_image(page: pdfium.PdfPage) -> bool:
    return bool(object_types(page, frozenset((raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM))))


def _label_only_row(t: GridTable) -> bool:
    """Does a row of the table hold a label followed only by empty cells, at least two of them
    (what a row of figures looks like when its digits have no text)?"""
    rows: dict[int, list[GridCell]] = {}
    for c in t.cells:
        rows.setdefault(c.row, []).append(c)
    for cells in rows.values():
        cells.sort(key=attrgetter("col"))
        first = next((k for k, c in enumerate(cells) if any(_wide(ch.ch) for ch in c.chars)), None)
        if first is not None and len(cells) - first > 2 and not any(c.chars for c in cells[first + 1 :]):
            return True
    return False


_obj_text = direct(raw.FPDFTextObj_GetText, ctypes.c_ulong, _VP, _VP, _VP, ctypes.c_ulong)
_obj_bounds = direct(raw.FPDFPageObj_GetBounds, ctypes.c_int, _VP, _VP, _VP, _VP, _VP)
_obj_font = direct(raw.FPDFTextObj_GetFont, _VP, _VP)
_embedded = direct(raw.FPDFFont_GetIsEmbedded, ctypes.c_int, _VP)


def _textless_glyphs(page: pdfium.PdfPage, tp: raw.FPDF_TEXTPAGE, frame: Frame) -> list[Char]:
    """Text objects drawn on the page whose glyphs give no text at all (a font without a ToUnicode
    map and without an encoding PDFium can follow), one U+FFFD each at the object's bounds."""
    out: list[Char] = []
    h = ctypes.cast(tp, _VP).value
    box = [ctypes.c_float() for _ in range(4)]
    addr = [ctypes.addressof(b) for b in box]
    for a, _kind in object_types(page, frozenset((raw.FPDF_PAGEOBJ_TEXT,))):
        if _obj_text(a, h, None, 0) > 2:  # the text and its terminator, 2 bytes each: it has text
            continue
        if not _obj_bounds(a, *addr):
            continue
        x0, y0, x1, y1 = (b.value for b in box)
        if x1 - x0 <= 0.1 or y1 - y0 <= 0.1:
            if _embedded(_obj_font(a)):
                continue  # an embedded font's glyph without ink: a space, nothing is missing
            x1, y1 = x0 + 1.0, y0 + 1.0  # no outline to measure (font not embedded): its origin
        if not frame.identity:
            x0, y0, x1, y1 = frame.box(x0, y0, x1, y1)
        out.append(Char("\ufffd", x0, y0, x1, y1))
    return out


def _write_page(
    out: _Out,
    chars: list[Char],
    page: pdfium.PdfPage,
    index: int,
    tp: raw.FPDF_TEXTPAGE | None = None,
    turn: float = 0.0,
) -> bool:
    """Write the page's lines and tables; True when its tables show glyphs that have no text.

    Characters and ruling lines are placed in the page as displayed (crop box origin, /Rotate
    applied), turned further when the text runs another way (``turn``, from ``pdf_direction``): then
    the page is read along its lines and the boxes written are turned back to the displayed page."""
    frame = Frame(page) if not turn else ReadingFrame(page, turn)
    if not frame.identity:
        for c in chars:
            c.x0, c.y0, c.x1, c.y1 = frame.box(c.x0, c.y0, c.x1, c.y1)
    first_box = len(out._boxes)
    tables = find_tables(page, chars, frame)
    textless = False
    if tp is not None and any(map(_label_only_row, tables)):
        missing = _textless_glyphs(page, tp, frame)
        if missing:  # the cells show these glyphs: read again with them, so the cells are not blank
            tables = find_tables(page, chars + missing, frame)
            placed = {id(c) for t in tables for cell in t.cells for c in cell.chars}
            kept = [c for c in missing if id(c) in placed]  # outside the tables they stand for nothing read
            chars = chars + kept
            textless = bool(kept)
    blocks: list[tuple[float, int, object]] = []  # (top, kind, payload): kind 0 line, 1 table
    rest = chars
    if tables:
        in_table: set[int] = set()
        for t in tables:
            for cell in t.cells:
                in_table.update(map(id, cell.chars))
            blocks.append((t.top, 1, t))
        rest = [c for c in chars if id(c) not in in_table]
    for ln in group_lines(rest):
        blocks.append((max(map(_top, ln)), 0, ln))
    blocks.sort(key=lambda b: (-b[0], b[1]))
    for _, kind, payload in blocks:
        out.newline()
        if kind == 0:
            out.line(payload, index)  # type: ignore[arg-type]
        else:
            _write_table(out, payload, index)
    if isinstance(frame, ReadingFrame):
        boxes = out._boxes
        for k in range(first_box, len(boxes), 4):
            if boxes[k : k + 4] != [0.0, 0.0, 0.0, 0.0]:
                boxes[k : k + 4] = frame.back(*boxes[k : k + 4])
    return textless


def _write_table(out: _Out, t: object, index: int) -> None:
    from core.documents.pdf_tables import GridTable

    assert isinstance(t, GridTable)
    at = {(c.row, c.col): c for c in t.cells}
    start = out.pos
    cells: list[Cell] = []
    for r in range(t.n_rows):
        if r:
            out.sep("\n")
        for k in range(t.n_cols):
            if k:
                out.sep("\t")
            gc = at.get((r, k))
            if gc is None:
                continue
            s = out.pos
            prev: Char | None = None
            for ln in group_lines(gc.chars):
                if prev is not None and not (_wide(prev.ch) and _wide(ln[0].ch)):
                    out.sep(" ")
                out.line(ln, index, tabs=False)
                prev = ln[-1]
            cells.append(
                Cell(
                    row=r,
                    col=k,
                    start=s,
                    end=out.pos,
                    text="".join(out.parts[s:]),
                    rowspan=gc.rowspan,
                    colspan=gc.colspan,
                )
            )
    out.tables.append(Table(start=start, end=out.pos, cells=tuple(cells), n_rows=t.n_rows, n_cols=t.n_cols))


def _listed(pages: list[int]) -> str:
    return "、".join(str(i + 1) for i in pages[:20]) + ("等" if len(pages) > 20 else "")


def _size_by_index(pdf: pdfium.PdfDocument, i: int) -> tuple[float, float]:
    try:
        w, h = pdf.get_page_size(i)
        return float(w), float(h)
    except pdfium.PdfiumError:
        return 0.0, 0.0


def _open(path: str, data: bytes) -> tuple[pdfium.PdfDocument, list[str]]:
    """The document opened by PDFium after the bounds on what it inflates, and what PDFium had to mend
    or cannot show (said before the pages' warnings)."""
    inflated, broken = scan(data)
    if inflated:
        raise LoadError(path, messages.pdf_inflates(inflated, STREAM_BOUND, TOTAL_BOUND))
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)
        if code in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY):
            raise LoadError(path, ENCRYPTED) from e
        raise LoadError(path, CORRUPT) from e
    damage: list[str] = []
    if not raw.FPDF_DocumentHasValidCrossReferenceTable(pdf.raw):
        damage.append(messages.PDF_REPAIRED)
    elif missing := unreachable_objects(data):
        damage.append(messages.pdf_objects_missing(missing))
    if broken:
        damage.append(messages.pdf_streams_broken(broken))
    return pdf, damage


@dataclass
class _Reading:
    """The text read so far and, per kind of trouble, the pages that had it."""

    out: _Out = field(default_factory=_Out)
    pages: list[Page] = field(default_factory=list)
    outlined: list[int] = field(default_factory=list)  # text seems drawn as shapes (no characters)
    scanned: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    textless: list[int] = field(default_factory=list)  # tables show glyphs that have no text
    turned: list[int] = field(default_factory=list)  # text runs another way than shown: read along it
    unmapped: Unmapped = field(default_factory=Unmapped)

    def page(self, pdf: pdfium.PdfDocument, i: int) -> None:
        """Read page ``i`` into the text, or note why it could not be."""
        try:
            page = pdf[i]
        except pdfium.PdfiumError:
            self.failed.append(i)
            width, height = _size_by_index(pdf, i)
            self.pages.append(Page(index=i, width=width, height=height))
            return
        try:
            w, h = page.get_size()
            self.pages.append(Page(index=i, width=float(w), height=float(h)))
            tp = page.get_textpage()
            try:
                self._text(page, tp, i)
            finally:
                tp.close()
        except pdfium.PdfiumError:
            self.failed.append(i)
        finally:
            page.close()

    def _text(self, page: pdfium.PdfPage, tp: pdfium.PdfTextPage, i: int) -> None:
        out = self.out
        chars, bad = _page_chars(tp.raw)
        self.unmapped.add(bad)
        if not chars:
            if _has_image(page):
                self.scanned.append(i)
            elif _outlined(page):
                self.outlined.append(i)
            return
        if out.parts:
            out.newline()
        turn = reading_turn(tp.raw, page.get_rotation() % 360)
        if turn:
            self.turned.append(i)
        if _write_page(out, chars, page, i, tp.raw, turn):
            self.textless.append(i)
        out.flush()

    def refuse_if_empty(self, path: str) -> None:
        """No text at all: say why (outlines, damaged pages, scans, or nothing)."""
        if self.out.pos:
            return
        if self.outlined and not self.scanned:
            raise LoadError(path, messages.pdf_outlined(_listed(self.outlined)))
        if self.failed and not self.scanned:
            raise LoadError(path, f"{CORRUPT}（页面无法读取）")
        raise LoadError(path, SCANNED if self.scanned else "PDF 中没有任何文字")

    def warnings(self, damage: list[str]) -> list[str]:
        out: list[str] = list(damage)
        if self.outlined:
            out.append(messages.pdf_outlined(_listed(self.outlined)))
        if self.scanned:
            out.append(
                f"第 {_listed(self.scanned)} 页是扫描图片，没有文字层，这些页的内容未提取（需先进行文字识别 OCR）"
            )
        if self.failed:
            out.append(f"第 {_listed(self.failed)} 页已损坏，无法读取，已跳过")
        if self.textless:
            out.append(
                f"第 {_listed(self.textless)} 页的表格中有文字的字体缺少编码映射（ToUnicode），文字层里没有这些字"
                "（多为数字）：这些单元格无法读出，请对照原文核对"
            )
        if self.turned:
            out.append(messages.pdf_turned(_listed(self.turned)))
        if self.unmapped.total:
            out.append(
                messages.pdf_unmapped(self.unmapped.total, self.unmapped.replaced, self.unmapped.guessed)
            )
        return out


def load(path: str, data: bytes, sha256: str) -> Document:
    pdf, damage = _open(path, data)
    reading = _Reading()
    try:
        n = len(pdf)
        in_file = page_objects(data)
        if in_file > n:
            damage.append(messages.pdf_pages_uncounted(n, in_file))
        if n == 0:
            raise LoadError(path, CORRUPT + "（没有页面）")
        for i in range(n):
            reading.page(pdf, i)
    finally:
        pdf.close()
    reading.refuse_if_empty(path)
    out = reading.out
    out.newline()
    out.flush()
    return Document(
        path=path,
        format="pdf",
        sha256=sha256,
        text="".join(out.parts),
        tables=tuple(out.tables),
        pages=tuple(reading.pages),
        char_pages=out.pages,
        char_boxes=out.boxes,
        warnings=tuple(reading.warnings(damage)),
    )
