"""Word documents (.docx): python-docx opens the package; the body XML is walked in document order.

Paragraphs and tables are interleaved as in the file. A table is written one line per row, cells
separated by "\\t"; merged cells (``w:gridSpan``, ``w:vMerge``) appear once with their spans, continue
cells are not repeated. A table that holds another table is a layout table: its cells are read as
blocks and the inner tables become the data tables. Content controls (``w:sdt``), hyperlinks, inserted
text and text boxes are read; deleted text and field codes are not. Automatic list numbers (一、 （一）)
are rendered as Word shows them (``core.documents.docx_numbering``).
"""

from __future__ import annotations

import dataclasses
import io
import zipfile
import zlib

from docx import Document as open_docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from core import messages
from core.documents import html, txt
from core.documents.docx_numbering import Numbering
from core.documents.html import RawCell, TextBuilder, join_lines
from core.errors import LoadError
from core.model import Document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC, _SDT = W + "p", W + "tbl", W + "tr", W + "tc", W + "sdt"
_SKIP = {W + "del", W + "moveFrom", W + "instrText", W + "delText", MC + "Fallback", W + "rPr", W + "pPr",
         W + "txbxContent"}  # fmt: skip
_NOT_WORD = "不是有效的 Word（.docx）文件"


def _val(el: etree._Element | None, default: str | None = None) -> str | None:
    if el is None:
        return default
    val: str | None = el.get(W + "val", default)
    return val


def _int(el: etree._Element | None, default: int) -> int:
    v = _val(el)
    try:
        return max(0, int(v)) if v is not None else default
    except ValueError:
        return default


def _vanish(rpr: etree._Element | None) -> bool | None:
    """Hidden (``w:vanish``, ``w:specVanish``) as set in run properties; None when not set there."""
    if rpr is None:
        return None
    for name in ("vanish", "specVanish"):
        el = rpr.find(W + name)
        if el is not None:
            return _val(el, "true") not in ("0", "false", "off")
    return None


def hidden_styles(styles: etree._Element | None) -> frozenset[str]:
    """Ids of the styles whose text is hidden, directly or through the style they are based on."""
    if styles is None:
        return frozenset()
    own: dict[str, bool | None] = {}
    based: dict[str, str] = {}
    for st in styles.iter(W + "style"):
        sid = st.get(W + "styleId")
        if not sid:
            continue
        own[sid] = _vanish(st.find(W + "rPr"))
        b = st.find(W + "basedOn")
        if b is not None and _val(b):
            based[sid] = _val(b) or ""

    def hidden(sid: str, depth: int = 0) -> bool:
        v = own.get(sid)
        if v is not None or depth > 20 or sid not in based:
            return bool(v)
        return hidden(based[sid], depth + 1)

    return frozenset(sid for sid in own if hidden(sid))


def _style(props: etree._Element | None, tag: str) -> str | None:
    el = props.find(W + tag) if props is not None else None
    return _val(el)


def _hidden(run: etree._Element, hidden: frozenset[str], para_hidden: bool) -> bool:
    """A run Word does not show or print: hidden by its own properties, its character style, or
    (when neither says otherwise) its paragraph's style."""
    rpr = run.find(W + "rPr")
    direct = _vanish(rpr)
    if direct is not None:
        return direct
    style = _style(rpr, "rStyle")
    if style is not None and style in hidden:
        return True
    return para_hidden


def _run_text(p: etree._Element, boxes: list[etree._Element], hidden: frozenset[str] = frozenset()) -> str:
    """Visible text of a paragraph (hidden runs left out: ``hidden`` the ids of hidden styles); text
    boxes met on the way are collected into ``boxes``."""
    out: list[str] = []
    para_hidden = bool(hidden) and _style(p.find(W + "pPr"), "pStyle") in hidden

    def walk(e: etree._Element) -> None:
        for ch in e:
            tag = ch.tag
            if not isinstance(tag, str):
                continue
            if tag == W + "r" and _hidden(ch, hidden, para_hidden):
                continue
            if tag == W + "t":
                out.append(ch.text or "")
            elif tag in (W + "tab", W + "ptab"):
                out.append("\t")
            elif tag in (W + "br", W + "cr"):
                out.append("\n")
            elif tag == W + "noBreakHyphen":
                out.append("-")
            elif tag == W + "txbxContent":
                boxes.append(ch)
            elif tag in _SKIP:
                continue
            else:
                walk(ch)

    walk(p)
    return "".join(out)


def _paras(parent: etree._Element) -> list[etree._Element]:
    """Block paragraphs of a container in order, through content controls (not text boxes)."""
    out: list[etree._Element] = []
    for ch in parent:
        if ch.tag == _P:
            out.append(ch)
        elif ch.tag in (_SDT, W + "sdtContent", W + "customXml", W + "ins", W + "moveTo"):
            out.extend(_paras(ch))
    return out


class _Walker:
    def __init__(
        self, numbering: Numbering, chunks: AltChunks | None = None, hidden: frozenset[str] = frozenset()
    ) -> None:
        self.b = TextBuilder()
        self.num = numbering
        self.hidden = hidden
        self.chunks = chunks
        self.warnings: list[str] = []

    def blocks(self, parent: etree._Element) -> None:
        for ch in parent:
            tag = ch.tag
            if tag == _P:
                self.paragraph(ch)
            elif tag == _TBL:
                self.table(ch)
            elif tag in (_SDT, W + "sdtContent", W + "customXml", W + "ins", W + "moveTo"):
                self.blocks(ch)
            elif tag == W + "altChunk":
                self.alt_chunk(ch)

    def alt_chunk(self, el: etree._Element) -> None:
        """Content imported into the document as another file (``w:altChunk``: a web page, text, a
        Word document): read in place, its tables kept; a kind that cannot be read is a load warning."""
        got = self.chunks.read(el.get(R_ID, "")) if self.chunks is not None else None
        if isinstance(got, str):
            self.warnings.append(got)
            return
        if got is None:
            self.warnings.append("Word 文档中有一段嵌入内容（altChunk）找不到，未读取，请对照原文核对")
            return
        self.b.newline()
        base = self.b.pos
        self.b.add(got.text)
        for t in got.tables:
            cells = tuple(dataclasses.replace(c, start=c.start + base, end=c.end + base) for c in t.cells)
            self.b.tables.append(dataclasses.replace(t, start=t.start + base, end=t.end + base, cells=cells))
        self.warnings += got.warnings
        self.b.newline()

    def paragraph(self, p: etree._Element) -> None:
        boxes: list[etree._Element] = []
        text = self.num.label(p) + _run_text(p, boxes, self.hidden)
        for line in text.split("\n"):
            self.b.newline()
            self.b.inline(line)
        self.b.newline()
        for box in boxes:
            self.blocks(box)

    def _rows(self, tbl: etree._Element) -> list[etree._Element]:
        out: list[etree._Element] = []

        def walk(e: etree._Element) -> None:
            for ch in e:
                if ch.tag == _TR:
                    out.append(ch)
                elif ch.tag in (_SDT, W + "sdtContent", W + "customXml"):
                    walk(ch)

        walk(tbl)
        return out

    def _cells(self, tr: etree._Element) -> list[etree._Element]:
        out: list[etree._Element] = []

        def walk(e: etree._Element) -> None:
            for ch in e:
                if ch.tag == _TC:
                    out.append(ch)
                elif ch.tag in (_SDT, W + "sdtContent", W + "customXml"):
                    walk(ch)

        walk(tr)
        return out

    def _cell_text(self, tc: etree._Element) -> str:
        parts: list[str] = []
        for p in _paras(tc):
            boxes: list[etree._Element] = []
            parts.append(self.num.label(p) + _run_text(p, boxes, self.hidden))
            for box in boxes:
                parts.extend(_run_text(q, [], self.hidden) for q in box.iter(_P))
        for chunk in tc.iter(W + "altChunk"):  # content imported into the cell: its text, in the cell
            got = self.chunks.read(chunk.get(R_ID, "")) if self.chunks is not None else None
            if isinstance(got, Document):
                parts.append(got.text)
                self.warnings += got.warnings
            else:
                self.warnings.append(
                    got or "Word 文档表格中有一段嵌入内容（altChunk）找不到，未读取，请对照原文核对"
                )
        return join_lines(parts)

    def _grid_width(self, tbl: etree._Element, rows: list[etree._Element]) -> int:
        """The columns a table's grid has: its ``w:tblGrid`` (one column per grid line), or the most
        its rows' cells can cover (``html.grid_width``) where that is more — never a hostile span."""
        grid = tbl.find(W + "tblGrid")
        cols = len(grid.findall(W + "gridCol")) if grid is not None else 0
        spans = []
        for tr in rows:
            row = []
            for tc in self._cells(tr):
                tcpr = tc.find(W + "tcPr")
                row.append(max(1, _int(tcpr.find(W + "gridSpan") if tcpr is not None else None, 1)))
            spans.append(row)
        return max(min(cols, MAX_GRID_COLS), html.grid_width(spans))

    def table(self, tbl: etree._Element) -> None:
        rows = self._rows(tbl)
        if any(True for _ in tbl.iterdescendants(_TBL)):  # layout table: cells as blocks
            for tr in rows:
                for tc in self._cells(tr):
                    self.blocks(tc)
            return
        cells: list[RawCell] = []
        open_by_col: dict[int, RawCell] = {}  # the cell a vMerge continue extends, by start column
        width = self._grid_width(tbl, rows)
        for r, tr in enumerate(rows):
            trpr = tr.find(W + "trPr")
            k = min(_int(trpr.find(W + "gridBefore") if trpr is not None else None, 0), width - 1)
            for tc in self._cells(tr):
                tcpr = tc.find(W + "tcPr")
                span = max(1, _int(tcpr.find(W + "gridSpan") if tcpr is not None else None, 1))
                span = max(1, min(span, width - k))  # clamped to the grid the table has
                vm = tcpr.find(W + "vMerge") if tcpr is not None else None
                hm = tcpr.find(W + "hMerge") if tcpr is not None else None
                if hm is not None and _val(hm, "continue") != "restart" and cells and cells[-1].row == r:
                    cells[-1].colspan += span  # legacy horizontal merge: extend the cell to the left
                    k += span
                    continue
                above = open_by_col.get(k)
                if vm is not None and _val(vm, "continue") != "restart" and above is not None:
                    if above.row + above.rowspan == r:
                        above.rowspan += 1
                    k += span
                    continue
                c = RawCell(r, k, self._cell_text(tc), 1, span)
                cells.append(c)
                for j in range(k, k + span):
                    open_by_col.pop(j, None)
                open_by_col[k] = c
                k += span
        self.b.table(cells)


MAX_GRID_COLS = 1000  # a tblGrid wider than this is not a report's (Word allows 63 columns)
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
MAX_CHUNK_DEPTH = 3  # a Word document imported into one imported into one …


class AltChunks:
    """The parts that ``w:altChunk`` elements import, read as the loader of their own format would."""

    def __init__(self, path: str, part: object, depth: int) -> None:
        self.path = path
        self.part = part
        self.depth = depth

    def read(self, rid: str) -> Document | str | None:
        """The chunk's Document, a warning saying why it is not read, or None when it is missing."""
        try:
            target = self.part.related_parts[rid]  # type: ignore[attr-defined]
        except (KeyError, AttributeError):
            return None
        blob: bytes = target.blob
        kind = (target.content_type or "").lower()
        name = str(target.partname).lower()
        try:
            if (
                "html" in kind
                or "mhtml" in kind
                or "rfc822" in kind
                or name.endswith((".htm", ".html", ".mht", ".mhtml"))
            ):
                return html.load(self.path, blob, "")
            if kind.startswith("text/plain") or name.endswith(".txt"):
                return txt.load(self.path, blob, "")
            if "wordprocessingml" in kind or name.endswith((".docx", ".docm")):
                if self.depth >= MAX_CHUNK_DEPTH:
                    return "Word 文档中嵌入的 Word 文档层数过多，最内层的内容未读取，请对照原文核对"
                return load(self.path, blob, "", self.depth + 1)
        except LoadError as e:
            return f"Word 文档中嵌入的内容（altChunk，{name}）无法读取：{e.reason}"
        kind_name = "RTF" if "rtf" in kind or name.endswith(".rtf") else (kind or name)
        return f"Word 文档中有一段嵌入的 {kind_name} 内容（altChunk）未读取，请对照原文核对其中的数字"


def _styles(d: object) -> etree._Element | None:
    try:
        return d.styles.element  # type: ignore[attr-defined]
    except (NotImplementedError, KeyError, AttributeError, ValueError):
        return None


def _numbering(d: object) -> Numbering:
    """The document's list numbering; a missing or unreadable numbering part means no numbers."""
    try:
        numbering = d.part.numbering_part.element  # type: ignore[attr-defined]
    except (NotImplementedError, KeyError, AttributeError, ValueError):
        numbering = None
    try:
        styles = d.styles.element  # type: ignore[attr-defined]
    except (NotImplementedError, KeyError, AttributeError, ValueError):
        styles = None
    return Numbering(numbering, styles)


# What a real report's package inflates to, with a wide margin: the body XML of a 1,000-page report
# is ~20 MB; pictures are stored, not parsed. A "zip bomb" (a few MB inflating to GBs) is refused
# before a byte is inflated, by the sizes the package declares.
MAX_XML_PART = 64 << 20
MAX_TOTAL = 400 << 20
MAX_RATIO = 200  # inflated / compressed, for parts over 1 MB (XML of real reports: 3–30)


def _check_sizes(path: str, infos: list[zipfile.ZipInfo]) -> None:
    total = 0
    for info in infos:
        total += info.file_size
        big = info.file_size > (1 << 20)  # pictures are not parsed: only XML must not be a bomb
        xml = info.filename.lower().endswith((".xml", ".rels"))
        if xml and (
            info.file_size > MAX_XML_PART or (big and info.file_size > MAX_RATIO * max(1, info.compress_size))
        ):
            raise LoadError(
                path,
                f"{_NOT_WORD}（压缩包中的 {info.filename} 解压后达 {info.file_size / (1 << 20):.0f} MB，"
                "远超正常报告，可能是恶意构造的文件），未读取",
            )
    if total > MAX_TOTAL:
        raise LoadError(
            path,
            f"{_NOT_WORD}（解压后共 {total / (1 << 20):.0f} MB，超过 {MAX_TOTAL >> 20} MB 的上限），未读取",
        )


def load(path: str, data: bytes, sha256: str, depth: int = 0) -> Document:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise LoadError(path, f"{_NOT_WORD}（不是 zip 压缩包，文件可能已损坏或只是改了扩展名）")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            _check_sizes(path, z.infolist())
            # zipfile never inflates a part past its declared size (it stops and fails the CRC), so
            # after the check above this streams at most MAX_TOTAL bytes through a small buffer.
            bad = z.testzip()
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError) as e:
        raise LoadError(
            path, f"{_NOT_WORD}（压缩包已损坏，无法解压），请用 Word 或 WPS 打开后另存再导入"
        ) from e
    if bad is not None:
        raise LoadError(path, f"{_NOT_WORD}（压缩包中的 {bad} 已损坏）")
    if "word/document.xml" not in names and "[Content_Types].xml" not in names:
        raise LoadError(path, f"{_NOT_WORD}（压缩包中没有 Word 文档内容）")
    try:
        d = open_docx(io.BytesIO(data))
    except PackageNotFoundError as e:
        raise LoadError(path, f"{_NOT_WORD}（压缩包中没有 Word 文档内容）") from e
    except ValueError as e:  # e.g. an .xlsx or .pptx: "file … is not a Word file, content type is …"
        raise LoadError(path, f"{_NOT_WORD}（这是其他 Office 文件，不是 Word 文档）") from e
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile) as e:
        raise LoadError(
            path, f"{_NOT_WORD}（{messages.docx_damage(e)}），请用 Word 或 WPS 打开后另存再导入"
        ) from e
    w = _Walker(_numbering(d), AltChunks(path, d.part, depth), hidden_styles(_styles(d)))
    w.blocks(d.element.body)
    w.b.newline()
    text = w.b.text()
    warnings = tuple(dict.fromkeys(w.warnings)) + (() if text.strip() else ("Word 文档中没有文字",))
    return Document(path=path, format="docx", sha256=sha256, text=text, tables=tuple(w.b.tables),
                    warnings=warnings)  # fmt: skip
