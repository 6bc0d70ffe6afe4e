"""Writing a worksheet in XlsxWriter's constant-memory mode, where each row is written once, in order,
and cannot be written again.

``Rows`` writes a sheet's ``<sheetData>`` rows itself, into the sheet's row store (``_RowData``: in
memory up to ``ROWS_IN_MEMORY`` characters, then a temporary file without a name), in the form
XlsxWriter writes them (inline strings, the cell's format index, ``ht`` and ``customHeight`` for a row's
height): XlsxWriter spends some 8 µs a cell on arguments, dimension checks, a tuple per cell and regular
expressions per string and formula, which made the workbook 7× slower than the CSV of the same
reports. XlsxWriter still does everything else (formats, column widths, comments, merged ranges, page
setup, the zip). A sheet written this way is never written through XlsxWriter's ``write_*`` as well
(its rows would land after ours).

``Band`` collects the cells of a few rows (a report's tables, a header), in any order, and writes them
in row order when it is flushed; a merged range is written as its first cell and formatted blanks and
registered on the worksheet's list of merged ranges (``merge_range`` writes every row of a range at
once, which constant-memory mode does not allow). ``Template`` holds rows a sheet repeats (every
report's labels and headers), rendered once and stamped with holes filled.

The zip is deflated at level 1, not zlib's default 6: a third of the time for a file some 30 % larger
(100,000 figures: 0.12 s against 0.37 s for 5.0 MB against 3.8 MB; the CSV of the same reports is
32 MB). Every reader inflates either level the same way.

The package's parts (each sheet, its comments, the styles …) go straight into the zip as XlsxWriter
makes them (``_Packager``), not each into a temporary file that the zip reads back and removes.

What this module reaches past XlsxWriter's public API, all in this file: ``Worksheet.row_data_fh`` (the
row store), ``dim_*`` (the used range), ``merge`` (the merged ranges), ``col_info`` (a column's format,
for a cell without one), ``Format._get_xf_index``, the ``ZipFile`` the workbook module packs with; the
packager: ``Workbook._get_packager`` (there to be overridden), ``Packager._filename``,
``_create_package`` and ``filenames``, and the XML writer's taking a StringIO as it is; the sheet
(``Workbook.worksheet_class``, there to be overridden): ``_initialize``, ``_opt_close``,
``_opt_reopen``, ``_write_optimized_sheet_data``, ``_write_merge_cells``; the packager's ``Vml`` and
``Comments``, whose ``_write_comment_shape`` and ``_write_comment`` are written anew. XlsxWriter is
pinned to a minor version, and ``tests/core/store/test_export_stream.py`` compares what is written this
way with what XlsxWriter's own calls write, byte for byte.
"""

from __future__ import annotations

import contextlib
import gc
import io
import re
import tempfile
import zipfile
from array import array
from collections.abc import Iterable, Iterator, Sequence
from operator import itemgetter
from pathlib import Path
from typing import IO, Any

import xlsxwriter
import xlsxwriter.packager
import xlsxwriter.workbook
from xlsxwriter.comments import Comments
from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.format import Format
from xlsxwriter.packager import Packager
from xlsxwriter.utility import _preserve_whitespace, xl_rowcol_to_cell
from xlsxwriter.vml import Vml
from xlsxwriter.worksheet import Worksheet

STRING, NUMBER, BLANK, FORMULA = range(4)
ZIP_LEVEL = 1


class _ZipFile(zipfile.ZipFile):
    """The zip XlsxWriter packs a workbook into, deflated at ``ZIP_LEVEL`` (see the module's doc); a
    ``_Sink`` it writes into knows it, for the ``_Packager`` of the workbook."""

    def __init__(self, file: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("compresslevel", ZIP_LEVEL)
        super().__init__(file, *args, **kwargs)
        if isinstance(file, _Sink):
            file.zip = self


class _Part(io.StringIO):
    """A part of the package (a sheet, its comments, the styles …) written straight into its entry of
    the zip. XlsxWriter's writer takes a StringIO as it is instead of opening a file, and only writes
    to it; each write goes on, encoded, into the entry."""

    def __init__(self, zf: zipfile.ZipFile, name: str, zip64: bool) -> None:
        super().__init__()
        self.entry = io.TextIOWrapper(zf.open(name, "w", force_zip64=zip64), encoding="utf-8", newline="")
        self.write = self.entry.write  # type: ignore[method-assign]  # (XlsxWriter writes a tag at a time)

    def finish(self) -> None:
        self.entry.close()


class _Packager(Packager):  # type: ignore[misc]  # (XlsxWriter's packager has no types)
    """XlsxWriter's packager, each part written into the zip as it is made, instead of into a
    temporary file of its own that the zip then reads back and removes: five files a report sheet
    (its rows, the sheet, its comments, their drawing, their links), 1.2 ms each to remove on the
    ext4 disk here, and a virus scanner looks at each new file on Windows. XlsxWriter lets a workbook
    choose its packager (``Workbook._get_packager``)."""

    def __init__(self, zf: zipfile.ZipFile, zip64: bool) -> None:
        super().__init__()
        self.zip, self.zip64 = zf, zip64
        self.part: _Part | None = None

    def _filename(self, xml_filename: str) -> _Part:
        self._finish()  # XlsxWriter makes the parts one after the other
        self.part = _Part(self.zip, xml_filename, self.zip64)
        return self.part

    def _finish(self) -> None:
        if self.part is not None:
            part, self.part = self.part, None
            part.finish()

    def _create_package(self) -> list[Any]:
        try:
            super()._create_package()
            self._finish()
            for data, name, _binary in self.filenames:  # images and macros, which we never add
                if isinstance(data, io.BytesIO):
                    self.zip.writestr(name, data.getvalue())
                else:
                    self.zip.write(data, name)
        except BaseException:
            with contextlib.suppress(Exception):  # the zip is given up: its entry must not stay open
                self._finish()
            raise
        return []  # nothing left for the workbook to put in the zip


class _Vml(Vml):  # type: ignore[misc]
    """XlsxWriter's VML drawing of a sheet's comments, each comment's shape written in one piece
    instead of a call and a write per tag: the same bytes (a test compares them), 15 µs a comment
    less, and the generated workspaces' reports have some 14 failing checks each."""

    def _write_comment_shape(self, shape_id: int, z_index: int, comment: Any) -> None:
        left, top, width, height = self._pixels_to_points(comment.vertices)
        col_start, row_start, x1, y1, col_end, row_end, x2, y2 = comment.vertices[:8]
        a, d = self._escape_attributes, self._data
        visible = comment.is_visible
        style = (
            f"position:absolute;margin-left:{left:.15g}pt;margin-top:{top:.15g}pt;width:{width:.15g}pt;"
            f"height:{height:.15g}pt;z-index:{z_index};visibility:{'visible' if visible else 'hidden'}"
        )
        self.fh.write(
            f'<v:shape id="{a("_x0000_s" + str(shape_id))}" type="#_x0000_t202" style="{a(style)}" '
            f'fillcolor="{a(comment.color._vml_rgb_hex_value())}" o:insetmode="auto">'
            '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/>'
            '<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto">'
            '<div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note">'
            "<x:MoveWithCells/><x:SizeWithCells/>"
            f"<x:Anchor>{d(f'{col_start}, {x1}, {row_start}, {y1}, {col_end}, {x2}, {row_end}, {y2}')}</x:Anchor>"
            f"<x:AutoFill>False</x:AutoFill><x:Row>{d(comment.row)}</x:Row><x:Column>{d(comment.col)}</x:Column>"
            + ("<x:Visible/>" if visible else "")
            + "</x:ClientData></v:shape>"
        )

    def _data(self, data: Any) -> Any:
        return self._escape_control_characters(self._escape_data(data))


class _Comments(Comments):  # type: ignore[misc]
    """XlsxWriter's list of a sheet's comments, each written in one piece (as ``_Vml``)."""

    def _write_comment(self, comment: Any, author_id: int) -> None:
        a, text = self._escape_attributes, comment.text
        author = f' authorId="{a(f"{author_id}")}"' if author_id != -1 else ""
        space = ' xml:space="preserve"' if _preserve_whitespace(text) else ""
        self.fh.write(
            f'<comment ref="{a(xl_rowcol_to_cell(comment.row, comment.col))}"{author}><text><r><rPr>'
            f'<sz val="{a(comment.font_size)}"/><color indexed="81"/><rFont val="{a(comment.font_name)}"/>'
            f'<family val="{a(comment.font_family)}"/></rPr>'
            f"<t{space}>{self._escape_control_characters(self._escape_data(text))}</t></r></text></comment>"
        )


xlsxwriter.packager.Vml = _Vml  # XlsxWriter's only use of them: packing
xlsxwriter.packager.Comments = _Comments


ROWS_IN_MEMORY = 256 * 2**10  # characters of a sheet's rows kept in memory before they go to a file


class _RowData:
    """A sheet's rows as they are written, until the sheet is put in the package: in memory up to
    ``ROWS_IN_MEMORY`` characters (a report's sheet is some 30,000), then in a temporary file without
    a name, which the system removes when it is closed (XlsxWriter makes a named file for every sheet
    and removes it at the end: 3 ms a file on the disk here)."""

    def __init__(self, folder: str | None) -> None:
        self.folder = folder
        self.parts: list[str] = []
        self.size = 0
        self.file: IO[str] | None = None

    def write(self, s: str) -> int:
        if self.file is not None:
            return self.file.write(s)
        self.parts.append(s)
        self.size += len(s)
        if self.size > ROWS_IN_MEMORY:
            self.file = tempfile.TemporaryFile("w+", encoding="utf-8", newline="", dir=self.folder)  # noqa: SIM115
            self.file.write("".join(self.parts))
            self.parts = []
        return len(s)

    def chunks(self) -> Iterator[str]:
        if self.file is None:
            yield from self.parts
            return
        self.file.seek(0)
        while data := self.file.read(2**16):
            yield data

    def close(self) -> None:
        self.parts = []
        if self.file is not None:
            self.file.close()


class _Worksheet(Worksheet):  # type: ignore[misc]
    """XlsxWriter's sheet in constant-memory mode with its rows in a ``_RowData``."""

    def _initialize(self, init_data: dict[str, Any]) -> None:
        super()._initialize({**init_data, "constant_memory": False})  # (which opens no file)
        self.constant_memory = True
        self.row_data_fh = self.fh = _RowData(self.tmpdir)

    def _opt_close(self) -> None:
        self.row_data_fh.close()

    def _opt_reopen(self) -> None:
        pass  # never closed before the sheet is put in the package

    def _write_merge_cells(self) -> None:
        """The merged ranges in one piece (XlsxWriter: two cell names and a tag call a range; a
        报告表格 sheet has some 20,000)."""
        merged = self.merge
        if not len(merged):
            return
        cols = _COLUMNS
        self.fh.write(
            f'<mergeCells count="{len(merged)}">'
            + "".join(
                f'<mergeCell ref="{cols[c1]}{r1 + 1}:{cols[c2]}{r2 + 1}"/>' for r1, c1, r2, c2 in merged
            )
            + "</mergeCells>"
        )

    def _write_optimized_sheet_data(self) -> None:
        if self.dim_rowmin is None:
            self._xml_empty_tag("sheetData")
            return
        self._xml_start_tag("sheetData")
        for data in self.row_data_fh.chunks():
            self.fh.write(data)
        self.row_data_fh.close()
        self._xml_end_tag("sheetData")


class _Workbook(xlsxwriter.Workbook):  # type: ignore[misc]
    worksheet_class = _Worksheet

    def _get_packager(self) -> Packager:
        return _Packager(self.filename.zip, self.allow_zip64)


xlsxwriter.workbook.ZipFile = _ZipFile  # XlsxWriter's only use of it: packing


@contextlib.contextmanager
def workbook(path: Path, options: dict[str, Any]) -> Iterator[xlsxwriter.Workbook]:
    """A constant-memory workbook written to ``path`` when the block ends: its rows' temporary files in
    a folder of their own, removed however the block ends; a block that raises writes nothing (the
    temporary files are closed first: Windows keeps an open file); a full disk while the zip is written
    is the one OSError it is, not XlsxWriter's FileCreateError and a second complaint from the zip it
    leaves unclosed when it is collected (the zip writes into ``_Sink``)."""
    with (
        tempfile.TemporaryDirectory(prefix="hecha-xlsx-", ignore_cleanup_errors=True) as tmp,
        _Sink(path) as out,
        _no_cycle_collection(),
    ):
        wb = _Workbook(out, {**options, "constant_memory": True, "tmpdir": tmp})
        try:
            yield wb
            try:
                wb.close()
            except FileCreateError as e:  # XlsxWriter's wrapping of an OSError (a full disk …)
                cause = e.args[0] if e.args else None
                if isinstance(cause, OSError):
                    raise cause from e
                raise
        except BaseException:
            for s in wb.worksheets():
                fh = getattr(s, "row_data_fh", None)
                if fh is not None:
                    fh.close()
            raise


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's collector of reference cycles off while a workbook is written: what XlsxWriter keeps to
    the end (every comment, with its options) made each full collection walk it again, 8 % of the time
    of a million-figure workbook (1.8 s of 23.5). Writing makes no cycles worth collecting before the
    end: the peak memory is the same either way (137 MB at a million figures)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


class _Sink:
    """The file a workbook's zip is written into. Once a write fails (a full disk), the file is
    closed and what is still written is dropped: the zip XlsxWriter leaves unclosed then finishes in
    silence when it is collected, instead of complaining a second time."""

    def __init__(self, path: Path) -> None:
        self.f = open(path, "wb")  # noqa: SIM115 - closed by __exit__
        self.dead = False
        self.at = 0
        self.zip: zipfile.ZipFile | None = None  # the zip written into it

    def __enter__(self) -> _Sink:
        return self

    def __exit__(self, *exc: object) -> None:
        self.dead = True
        self.f.close()

    def write(self, data: bytes) -> int:
        if self.dead:
            return len(data)
        try:
            n = self.f.write(data)
        except BaseException:
            self.__exit__()
            raise
        self.at = self.f.tell()
        return n

    def tell(self) -> int:
        return self.at if self.dead else self.f.tell()

    def seek(self, offset: int, whence: int = 0) -> int:
        return self.at if self.dead else self.f.seek(offset, whence)

    def flush(self) -> None:
        if not self.dead:
            self.f.flush()

    def seekable(self) -> bool:
        return True


_AT = itemgetter(0, 1)
_NEEDS_WORK = re.compile(r"[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_|^\s|\s$")
_CONTROL_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"([\x00-\x08\x0b-\x1f])")
_LEADING, _TRAILING = re.compile(r"^\s"), re.compile(r"\s$")
_ERRORS = frozenset(("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"))
STRING_MAX = 32_767  # UTF-16 units a cell holds: XlsxWriter cuts a longer text there


_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# A, B, … Z, AA … ZZ, AAA … XFD: the 16,384 columns' names, in order
_COLUMNS = [
    *_LETTERS,
    *(a + b for a in _LETTERS for b in _LETTERS),
    *(a + b + c for a in _LETTERS for b in _LETTERS for c in _LETTERS),
][:16_384]


def _utf16_len(s: str) -> int:
    return len(s) + sum(1 for ch in s if ord(ch) > 0xFFFF)


def _text(s: str) -> tuple[str, str]:
    """A text as an inline string's content, and the ``<t>`` attribute it needs."""
    if len(s) > STRING_MAX // 2 and _utf16_len(s) > STRING_MAX:
        out, n = [], 0
        for ch in s:
            n += 2 if ord(ch) > 0xFFFF else 1
            if n > STRING_MAX:
                break
            out.append(ch)
        s = "".join(out)
    if not _NEEDS_WORK.search(s):
        return s, ""
    s = _CONTROL_ESCAPE.sub(r"_x005F\1", s)
    s = _CONTROL.sub(lambda m: f"_x{ord(m.group(1)):04X}_", s)
    s = s.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    preserve = ' xml:space="preserve"' if _LEADING.search(s) or _TRAILING.search(s) else ""
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"), preserve


_BODIES: dict[str, str] = {}  # text → its inline string, for the texts met again (names, words, rules)
_BODIES_MAX = 20_000  # texts kept (a few MB at most): then the cache starts again
_BODY_LONGEST = 200  # a longer text is made each time (a context, a reason)


def _body(s: str) -> str:
    """A text as a cell's inline string and the cell's end, ``<is><t>…</t></is></c>``, kept in
    ``_BODIES`` when it is short: the texts of a long list repeat (a report's file and issuer on every
    row, the rules' and statuses' words), and their regular expressions cost a third of a cell."""
    if s.__class__ is str and not _NEEDS_WORK.search(s) and len(s) <= STRING_MAX // 2:
        body = f"<is><t>{s}</t></is></c>"
    else:
        text, preserve = _text(s)
        body = f"<is><t{preserve}>{text}</t></is></c>"
    if len(s) <= _BODY_LONGEST:
        if len(_BODIES) >= _BODIES_MAX:
            _BODIES.clear()
        _BODIES[s] = body
    return body


def _data(s: Any) -> str:
    if s.__class__ is not str:
        return f"{s}"
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Rows:
    """A constant-memory worksheet's rows, written in order (``row``) straight into its row file."""

    __slots__ = ("_col_xf", "_xf", "last", "ws")

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.last = -1  # the last row written: the rows up to it are gone
        self._xf: dict[int, str] = {}  # id(format) → ' s="n"'
        self._col_xf: dict[int, str] | None = None  # a column's format, for a cell without one

    def _new_style(self, f: Format) -> str:
        s = self._xf[id(f)] = f' s="{f._get_xf_index()}"'
        return s

    def _column_styles(self) -> dict[int, str]:
        self._col_xf = {
            col: f' s="{info.column_format._get_xf_index()}"'
            for col, info in self.ws.col_info.items()
            if info.column_format is not None
        }
        return self._col_xf

    def row(
        self, r: int, cells: Iterable[tuple[int, int, Any, Format | None]], height: float | None = None
    ) -> None:
        """Row ``r`` (0-based) with ``cells`` (column, kind, value, format) in column order, each
        column once; ``height`` in points (None: the sheet's default)."""
        if r <= self.last:
            raise RuntimeError(f"{self.ws.name}: 第 {r + 1} 行写入失败：该行已写出")
        parts: list[str] = []
        add = parts.append
        ref = str(r + 1)
        columns, xf, bodies = _COLUMNS, self._xf, _BODIES
        col_xf = self._col_xf if self._col_xf is not None else self._column_styles()
        first = last = -1
        for c, kind, v, f in cells:
            if f is not None:
                style = xf.get(id(f)) or self._new_style(f)
            elif kind == BLANK:
                continue  # XlsxWriter writes no cell for a blank without a format
            else:
                style = col_xf.get(c, "")
            if kind == STRING:
                body = bodies.get(v) or _body(v)
                add(f'<c r="{columns[c]}{ref}"{style} t="inlineStr">{body}')
            elif kind == NUMBER:
                add(f'<c r="{columns[c]}{ref}"{style}><v>{v:.16G}</v></c>')
            elif kind == BLANK:
                add(f'<c r="{columns[c]}{ref}"{style}/>')
            else:
                formula, value = v
                formula = formula[1:] if formula.startswith("=") else formula
                if value.__class__ is str and value:
                    style += ' t="e"' if value in _ERRORS else ' t="str"'
                add(f'<c r="{columns[c]}{ref}"{style}><f>{_data(formula)}</f><v>{_data(value)}</v></c>')
            if first < 0:
                first = c
            last = c
        self._finish(r, ref, parts, first, last, height)

    def values(self, r: int, values: Sequence[Any], formats: dict[int, Format], longest: int) -> bool:
        """Row ``r`` of a list, a value per column from the first: None or "" left empty, a (value,
        format) pair in its own format, a text or a number in its column's (``formats``, else the
        sheet's); ``row`` without the cells made first. A text longer than ``longest`` writes nothing
        and returns False (the caller spreads it over cells)."""
        if r <= self.last:
            raise RuntimeError(f"{self.ws.name}: 第 {r + 1} 行写入失败：该行已写出")
        parts: list[str] = []
        add = parts.append
        ref = str(r + 1)
        columns, xf, bodies = _COLUMNS, self._xf, _BODIES
        col_xf = self._col_xf if self._col_xf is not None else self._column_styles()
        first = last = -1
        for c, v in enumerate(values):
            if v is None or v == "":
                continue
            if v.__class__ is tuple:
                v, f = v
            else:
                f = formats.get(c)
            style = (xf.get(id(f)) or self._new_style(f)) if f is not None else col_xf.get(c, "")
            if v.__class__ is str:
                if len(v) > longest:
                    return False
                body = bodies.get(v) or _body(v)
                add(f'<c r="{columns[c]}{ref}"{style} t="inlineStr">{body}')
            else:
                add(f'<c r="{columns[c]}{ref}"{style}><v>{v:.16G}</v></c>')
            if first < 0:
                first = c
            last = c
        self._finish(r, ref, parts, first, last, None)
        return True

    def render(self, c: int, kind: int, v: Any, f: Format | None) -> tuple[str, str] | None:
        """One cell as ``row`` writes it, cut around its row number: the cell at row ``ref`` is
        ``head + ref + tail``; None for a blank without a format (no cell is written)."""
        if f is not None:
            style = self._xf.get(id(f)) or self._new_style(f)
        elif kind == BLANK:
            return None
        else:
            col_xf = self._col_xf if self._col_xf is not None else self._column_styles()
            style = col_xf.get(c, "")
        head = f'<c r="{_COLUMNS[c]}'
        if kind == STRING:
            return head, f'"{style} t="inlineStr">{_BODIES.get(v) or _body(v)}'
        if kind == NUMBER:
            return head, f'"{style}><v>{v:.16G}</v></c>'
        if kind == BLANK:
            return head, f'"{style}/>'
        formula, value = v
        formula = formula[1:] if formula.startswith("=") else formula
        if value.__class__ is str and value:
            style += ' t="e"' if value in _ERRORS else ' t="str"'
        return head, f'"{style}><f>{_data(formula)}</f><v>{_data(value)}</v></c>'

    def rendered(self, r: int, cells: Sequence[tuple[int, str, str]], height: float | None = None) -> None:
        """Row ``r`` with cells already rendered (``render``): (column, head, tail) in column order."""
        if r <= self.last:
            raise RuntimeError(f"{self.ws.name}: 第 {r + 1} 行写入失败：该行已写出")
        ref = str(r + 1)
        parts = [head + ref + tail for _c, head, tail in cells]
        first, last = (cells[0][0], cells[-1][0]) if cells else (-1, -1)
        self._finish(r, ref, parts, first, last, height)

    def filled(self, r: int, program: Program, fills: Sequence[Fill], height: float | None = None) -> None:
        """Row ``r``: a template's row (``Template.program``) with its holes filled from ``fills``."""
        if r <= self.last:
            raise RuntimeError(f"{self.ws.name}: 第 {r + 1} 行写入失败：该行已写出")
        ref = str(r + 1)
        parts: list[str] = []
        add, render, xf = parts.append, self.render, self._xf
        first = last = -1
        for c, head, tail, k in program:
            if k >= 0:
                kind, v, f = fills[k]
                if kind == NUMBER and f is not None:  # most holes: as ``render`` has it, without the call
                    style = xf.get(id(f)) or self._new_style(f)
                    add(f'<c r="{_COLUMNS[c]}{ref}"{style}><v>{v:.16G}</v></c>')
                    if first < 0:
                        first = c
                    last = c
                    continue
                x = render(c, kind, v, f)
                if x is None:
                    continue
                head, tail = x
            add(head + ref + tail)
            if first < 0:
                first = c
            last = c
        self._finish(r, ref, parts, first, last, height)

    def _finish(
        self, r: int, ref: str, parts: list[str], first: int, last: int, height: float | None
    ) -> None:
        ws = self.ws
        attrs = f'<row r="{ref}"'
        if height is not None:
            pixels = int(height * 4.0 / 3.0 + 0.5)
            if pixels != ws.original_row_height or pixels != ws.default_row_height:
                attrs += f' ht="{pixels * 0.75:.16g}" customHeight="1"'
        elif ws.default_row_height != ws.original_row_height:
            attrs += f' ht="{ws.default_row_height * 0.75:.16g}" customHeight="1"'
        if first < 0:
            if height is None:
                return
            ws.row_data_fh.write(attrs + "/>")
        else:
            ws.row_data_fh.write(attrs + ">" + "".join(parts) + "</row>")
        self.last = r
        if ws.dim_rowmin is None or r < ws.dim_rowmin:
            ws.dim_rowmin = r
        if ws.dim_rowmax is None or r > ws.dim_rowmax:
            ws.dim_rowmax = r
        if first >= 0:
            if ws.dim_colmin is None or first < ws.dim_colmin:
                ws.dim_colmin = first
            if ws.dim_colmax is None or last > ws.dim_colmax:
                ws.dim_colmax = last


class _Merges:
    """A worksheet's merged ranges, four unsigned ints each (XlsxWriter keeps a list of lists, some
    150 bytes a range: 57 MB for the report tables of ten thousand reports)."""

    __slots__ = ("_at",)

    def __init__(self) -> None:
        self._at = array("I")

    def __len__(self) -> int:
        return len(self._at) // 4

    def __iter__(self) -> Iterator[tuple[int, int, int, int]]:
        at = self._at
        for k in range(0, len(at), 4):
            yield at[k], at[k + 1], at[k + 2], at[k + 3]

    def append(self, r: Iterable[int]) -> None:
        self._at.extend(r)

    def extend(self, rs: Iterable[Iterable[int]]) -> None:
        for r in rs:
            self._at.extend(r)


def _rendered(out: Rows, program: Program, fills: Sequence[Fill]) -> list[tuple[int, str, str]]:
    """A template's row with its holes filled, as (column, head, tail); a head of "" for a hole left
    without a cell (a blank without a format)."""
    got = []
    for c, head, tail, k in program:
        if k >= 0:
            x = out.render(c, *fills[k])
            head, tail = x if x is not None else ("", "")
        got.append((c, head, tail))
    return got


def _over(
    under: Sequence[tuple[int, str, str]], over: Iterable[tuple[int, str, str]]
) -> list[tuple[int, str, str]]:
    """Rendered cells ``over`` written over those ``under``, in column order (a head of "" stands for a
    cell taken away: a blank without a format)."""
    cells = {x[0]: x for x in under}
    cells.update((x[0], x) for x in over)
    return [cells[c] for c in sorted(cells)]


def _merges(ws: Worksheet) -> _Merges:
    if not isinstance(ws.merge, _Merges):
        kept = _Merges()
        kept.extend(ws.merge)
        ws.merge = kept
    return ws.merge


class Cells:
    """Cells of a few rows recorded in any order, a cell written twice keeping the later; row heights
    (the tallest asked for), merged ranges and comments."""

    __slots__ = ("_comments", "_heights", "_merges", "_ops")

    def __init__(self) -> None:
        self._ops: list[tuple[int, int, int, Any, Format | None]] = []
        self._heights: dict[int, float] = {}
        self._merges: list[tuple[int, int, int, int]] = []
        self._comments: list[tuple[int, int, str, dict[str, Any]]] = []

    def string(self, r: int, c: int, text: str, f: Format | None = None) -> None:
        self._ops.append((r, c, STRING, text, f))

    def number(self, r: int, c: int, v: float, f: Format | None = None) -> None:
        self._ops.append((r, c, NUMBER, v, f))

    def blank(self, r: int, c: int, f: Format | None) -> None:
        self._ops.append((r, c, BLANK, None, f))

    def put(self, r: int, c: int, v: Any, f: Format | None) -> None:
        """A number, a text or (None) a formatted blank."""
        if v is None:
            self._ops.append((r, c, BLANK, None, f))
        elif v.__class__ is str:
            self._ops.append((r, c, STRING, v, f))
        else:
            self._ops.append((r, c, NUMBER, v, f))

    def formula(self, r: int, c: int, formula: str, f: Format | None, value: Any) -> None:
        self._ops.append((r, c, FORMULA, (formula, value), f))

    def comment(self, r: int, c: int, text: str, options: dict[str, Any]) -> None:
        self._comments.append((r, c, text, options))

    def height(self, r: int, h: float) -> None:
        self._heights[r] = max(self._heights.get(r, 0.0), h)

    def merge(self, r1: int, c1: int, r2: int, c2: int, text: str, f: Format) -> None:
        """A merged range holding ``text``, every cell of it in the range's format (its borders)."""
        self._ops.append((r1, c1, STRING, text, f))
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if r != r1 or c != c1:
                    self._ops.append((r, c, BLANK, None, f))
        self._merges.append((r1, c1, r2, c2))

    def _by_row(self) -> dict[int, dict[int, tuple[int, int, Any, Format | None]]]:
        """The cells per row, per column (the later of a cell written twice)."""
        ops = self._ops
        ops.sort(key=_AT)
        rows: dict[int, dict[int, tuple[int, int, Any, Format | None]]] = {}
        for r, c, kind, v, f in ops:
            rows.setdefault(r, {})[c] = (c, kind, v, f)
        return rows


Program = list[
    tuple[int, str, str, int]
]  # a template's row: (column, head, tail, hole or -1), in column order
Fill = tuple[int, Any, "Format | None"]  # what a hole holds: kind, value, format


class Template(Cells):
    """Rows a sheet repeats at several heights (each report's tables on a 报告表格 sheet): the cells
    that are the same every time (labels, merged headers, the colour key), recorded once from row 0,
    and holes where each stamp puts its own (``hole``: the values, the formulas). Each row is rendered
    once for each form of sheet that takes it (its columns' formats), when it is first written; a
    stamp (``Band.stamp``) then writes only its holes' cells and the row numbers. Half a report's
    cells are the same every time."""

    __slots__ = ("_forms", "_holes", "_rows", "n_holes")

    def __init__(self) -> None:
        super().__init__()
        self._holes: dict[int, dict[int, int]] = {}  # row → column → hole
        self.n_holes = 0
        self._rows: dict[int, dict[int, tuple[int, int, Any, Format | None]]] | None = None
        self._forms: dict[tuple[tuple[int, str], ...], dict[int, Program]] = {}

    def comment(self, r: int, c: int, text: str, options: dict[str, Any]) -> None:
        raise TypeError("a template holds no comment")

    def hole(self, r: int, c: int) -> int:
        """A cell each stamp fills (over what the template holds there); returns its number."""
        k = self._holes.setdefault(r, {}).setdefault(c, self.n_holes)
        if k == self.n_holes:
            self.n_holes += 1
        return k

    def rows(self) -> Iterable[int]:
        """The rows the template has cells or holes in (from 0)."""
        if self._rows is None:
            self._rows = self._by_row()
        return self._rows.keys() | self._holes.keys()

    def form(self, out: Rows) -> dict[int, Program]:
        """The rows as ``out`` writes them, those rendered so far (``program``)."""
        col_xf = out._col_xf if out._col_xf is not None else out._column_styles()
        return self._forms.setdefault(tuple(sorted(col_xf.items())), {})

    def program(self, out: Rows, form: dict[int, Program], r: int) -> Program:
        """Row ``r`` as ``out`` writes it: its cells (column, head, tail, -1) and holes (column, "", "",
        hole) in column order, rendered the first time it is written (formats are numbered in the
        order they are first written)."""
        got = form.get(r)
        if got is None:
            if self._rows is None:
                self._rows = self._by_row()
            cells, holes = self._rows.get(r, {}), self._holes.get(r, {})
            got = form[r] = []
            for c in sorted(cells.keys() | holes.keys()):
                if c in holes:
                    got.append((c, "", "", holes[c]))
                elif (x := out.render(*cells[c])) is not None:
                    got.append((c, *x, -1))
        return got


class Band(Cells):
    """Cells of a few rows of a sheet written with ``Rows``, in any order; ``flush`` writes them in
    (row, column) order, a cell written twice keeping the later, a cell written over a stamped
    template's taking its place."""

    __slots__ = ("_stamps", "out", "plain")

    def __init__(self, out: Rows, plain: float | None = None) -> None:
        """``plain``: the sheet's default row height (``Worksheet.set_default_row``): a row of that
        height needs no height of its own."""
        super().__init__()
        self.out, self.plain = out, plain
        self._stamps: list[tuple[Template, int, Sequence[Fill]]] = []

    def stamp(self, t: Template, top: int, fills: Sequence[Fill] = ()) -> None:
        """The template's rows from row ``top`` on: its cells, heights and merged ranges, and in its
        holes ``fills`` (kind, value, format; one per hole, in the holes' order)."""
        if len(fills) != t.n_holes:
            raise ValueError(f"{t.n_holes} holes, {len(fills)} cells to fill them")
        self._stamps.append((t, top, fills))
        for r, h in t._heights.items():
            self.height(r + top, h)
        self._merges.extend((r1 + top, c1, r2 + top, c2) for r1, c1, r2, c2 in t._merges)

    def flush(self) -> None:
        heights, out = self._heights, self.out
        rows = self._by_row()
        stamped: dict[int, list[tuple[Template, dict[int, Program], int, Sequence[Fill]]]] = {}
        for t, top, fills in self._stamps:
            form = t.form(out)
            for r in t.rows():
                stamped.setdefault(r + top, []).append((t, form, r, fills))
        for r in heights:
            rows.setdefault(r, {})
        plain = self.plain
        for r in sorted(rows.keys() | stamped.keys()):
            h = heights.get(r)
            h = None if h == plain else h
            cells = rows.get(r)
            under = stamped.get(r)
            if under is None:
                out.row(r, [cells[c] for c in sorted(cells)] if cells else [], h)
            elif not cells and len(under) == 1:
                t, form, rr, fills = under[0]
                out.filled(r, t.program(out, form, rr), fills, h)
            else:  # templates stamped over each other, cells written over them: the later wins
                below: list[tuple[int, str, str]] = []
                for t, form, rr, fills in under:
                    below = _over(below, _rendered(out, t.program(out, form, rr), fills))
                if cells:
                    mine = [
                        (c, *x) if (x := out.render(*cells[c])) is not None else (c, "", "")
                        for c in sorted(cells)
                    ]
                    below = _over(below, mine)
                out.rendered(r, [x for x in below if x[1]], h)
        ws = out.ws
        for r, c, text, options in self._comments:
            ws.write_comment(r, c, text, options)
        _merges(ws).extend(self._merges)  # see the module's doc
        self._ops.clear()
        heights.clear()
        self._merges.clear()
        self._comments.clear()
        self._stamps.clear()
