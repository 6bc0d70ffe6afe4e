"""Saved web pages (.html/.htm/.shtml/.mht): lxml.html, text in reading order, tables resolved.

Encoding: a BOM, then the ``<meta charset>`` / ``http-equiv`` declaration, then ``core.documents.encoding.decode``.
Block elements and ``<br>`` become line breaks; ``script``/``style``/``noscript`` are dropped; site noise
(navigation, 字号 大中小 …) stays. A data table (one without a nested table) is written one line per row,
cells separated by "\\t"; a layout table (one that holds another table) is read as blocks, cell by cell.

``TextBuilder`` and ``RawCell`` are shared with the DOCX loader.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import html.parser
import re
from dataclasses import dataclass

import lxml.etree
import lxml.html

from core import messages
from core.documents.encoding import chinese_score, decode, looks_binary
from core.errors import LoadError
from core.model import Cell, Document, Table
from core.textnorm import drop_invisible

_READABLE = re.compile(r"[0-9\u3400-\u9fff\uf900-\ufaff\uff10-\uff19]")
_WS = re.compile(r"[ \t\n\r\f\v\xa0]+")
_WIDE = r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]"
_WIDE_BREAK = re.compile(rf"(?<={_WIDE})[ \t\r\f\v\xa0]*\n\s*(?={_WIDE})")

_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")

BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
        "caption",
        "title",
        "legend",
        "option",
    ]
)
DROP = frozenset(
    ["script", "style", "noscript", "template", "head", "iframe", "object", "embed", "svg", "math", "button"]
)
_CELL = ("td", "th")

# Declared names → a codec that decodes what sites actually send under that name.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
              "big5": "cp950", "big5-hkscs": "big5hkscs", "x-x-big5": "cp950"}  # fmt: skip


@dataclass
class RawCell:
    """A cell before placement: grid position and spans, its one-line text."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1


class TextBuilder:
    """Accumulates canonical text with code-point offsets, lines and tables."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.tables: list[Table] = []

    def last(self) -> str:
        return self.parts[-1][-1] if self.parts else "\n"

    def add(self, s: str) -> None:
        if s:
            self.parts.append(s)
            self.pos += len(s)

    def inline(self, s: str) -> None:
        """Add collapsed inline text: no leading space at a line start, no double spaces."""
        if not s:
            return
        s = collapse(s)
        if s.startswith(" ") and self.last() in " \n":
            s = s[1:]
        self.add(s)

    def _trim(self) -> None:
        while self.parts and self.parts[-1].endswith(" "):
            tail = self.parts.pop()
            self.pos -= len(tail)
            tail = tail.rstrip(" ")
            if tail:
                self.parts.append(tail)
                self.pos += len(tail)
                break

    def newline(self) -> None:
        """End the current line (no empty lines: paragraphs are separated by one line break)."""
        self._trim()
        if self.parts and self.last() != "\n":
            self.add("\n")

    def text(self) -> str:
        s = "".join(self.parts)
        self.parts = [s] if s else []
        return s

    def table(self, cells: list[RawCell]) -> None:
        """Write a table one line per row, cells separated by tabs, and record it."""
        cells = [c for c in cells if c.rowspan > 0 and c.colspan > 0]
        if not cells:
            return
        n_rows = max(c.row + c.rowspan for c in cells)
        n_cols = max(c.col + c.colspan for c in cells)
        at = {(c.row, c.col): c for c in cells}
        self.newline()
        start = self.pos
        out: list[Cell] = []
        for r in range(n_rows):
            if r:
                self.add("\n")
            for k in range(n_cols):
                if k:
                    self.add("\t")
                c = at.get((r, k))
                if c is None:
                    continue
                t = collapse(c.text).strip()
                out.append(
                    Cell(
                        row=r,
                        col=k,
                        start=self.pos,
                        end=self.pos + len(t),
                        text=t,
                        rowspan=c.rowspan,
                        colspan=c.colspan,
                    )
                )
                self.add(t)
        self.tables.append(Table(start=start, end=self.pos, cells=tuple(out), n_rows=n_rows, n_cols=n_cols))
        self.add("\n")


def collapse(s: str) -> str:
    """Inline text as shown: invisible characters gone (``1`` U+200B ``2`` is 12), runs of white space one
    space, a line break between two Chinese characters none."""
    return _WS.sub(" ", _WIDE_BREAK.sub("", drop_invisible(s)))


def join_lines(parts: list[str]) -> str:
    """Join the lines of one cell: nothing between two Chinese characters, a space otherwise."""
    return collapse("\n".join(p.strip() for p in parts if p.strip())).strip()


MAX_GRID = 250_000  # grid places a table's cells may cover together (a report's table: < 2,000)


def grid_width(spans: list[list[int]]) -> int:
    """The widest a table's grid can be from its rows' column spans: a span wider than the most cells
    any row holds lines up with nothing, so each counts at most that many columns."""
    most = max((len(row) for row in spans), default=1) or 1
    return max((sum(min(max(1, cs), most) for cs in row) for row in spans), default=1) or 1


def place(rows: list[list[tuple[str, int, int]]]) -> list[RawCell]:
    """Place ``(text, rowspan, colspan)`` cells given row by row onto a grid (HTML table algorithm).

    Spans are clamped to the grid the table can have — a rowspan to the rows left, a colspan to the
    table's width (``grid_width``) — and the places covered together to ``MAX_GRID`` (past it a cell
    covers its own place only), so ``rowspan=100000 colspan=100000`` costs what a one-cell span does."""
    taken: set[tuple[int, int]] = set()
    out: list[RawCell] = []
    n_rows = len(rows)
    width = grid_width([[cs for _, _, cs in row] for row in rows])
    for r, row in enumerate(rows):
        k = 0
        for text, rs, cs in row:
            while (r, k) in taken:
                k += 1
            rs = n_rows - r if rs <= 0 else min(rs, n_rows - r)
            cs = max(1, min(cs, width - k))
            if len(taken) + rs * cs > MAX_GRID:
                rs = cs = 1
            for dr in range(rs):
                for dk in range(cs):
                    taken.add((r + dr, k + dk))
            out.append(RawCell(r, k, text, rs, cs))
            k += cs
    return out


# --------------------------------------------------------------------------- decoding


def _mht_html(data: bytes) -> bytes | None:
    """The HTML part of an MHT (web archive) file, re-encoded as UTF-8 with its charset."""
    head = data[:2048].lower()
    if b"mime-version:" not in head and b"content-type: multipart" not in head:
        return None
    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if not isinstance(payload, bytes):
                return None
            cs = part.get_content_charset()
            if cs:
                meta = f'<meta charset="{cs}">'.encode("ascii", "replace")
                return meta + payload
            return payload
    return None


def _codec(name: str) -> str | None:
    name = name.strip().lower()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes) -> tuple[str, str, str]:
    """Return ``(text, encoding, warning)`` of an HTML page: BOM, then the declared charset, then
    detection. A declaration that lies (a UTF-8 page labelled gb2312, a GBK page labelled utf-8) is
    overruled when the bytes read clearly better another way; ``warning`` then names both."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return (*decode(data), "")
    m = _META_CHARSET.search(data[:8192])
    declared_name = m.group(1).decode("ascii", "replace") if m else ""
    enc = _codec(declared_name) if m else None
    if not enc or enc.startswith("utf-16"):
        return (*decode(data), "")
    try:
        text, ok = data.decode(enc), True
    except UnicodeDecodeError:
        text, ok = data.decode(enc, errors="replace"), False
    guess, genc = decode(data)
    other = _codec(genc.split(" ")[0]) != enc and "\ufffd" not in guess
    if other and (not ok or chinese_score(guess[:_SCORED]) > chinese_score(text[:_SCORED]) + 0.2):
        return guess, genc, messages.lying_charset(declared_name, genc)
    if ok:
        return text, enc, ""
    return text, enc + " (有无法解码的字节，已替换为 �)", ""


_SCORED = 1 << 15  # characters compared when a declared charset and the bytes disagree


# --------------------------------------------------------------------------- walking


def _span(el: lxml.html.HtmlElement, name: str) -> int:
    m = re.match(r"\s*(\d+)", el.get(name) or "")
    return min(int(m.group(1)), 1000) if m else 1


def _hidden(el: lxml.html.HtmlElement) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or el.get("hidden") is not None


def _rows(table: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The table's own rows (not those of nested tables), through thead/tbody/tfoot."""
    out: list[lxml.html.HtmlElement] = []
    for child in table.iterchildren():
        if child.tag == "tr":
            out.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            out.extend(child.iterchildren("tr"))
    return out


_PARA = frozenset(
    ["p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "section", "article"]
)


def _is_layout(table: lxml.html.HtmlElement, rows: list[lxml.html.HtmlElement]) -> bool:
    """A table used to lay out a page (not data): it holds a table, or a cell holds an article."""
    if any(True for _ in table.iterdescendants("table")):
        return True
    for tr in rows:
        for cell in tr.iterchildren(*_CELL):
            size = len(cell.text_content())
            if size > 400:
                return True
            if size > 80 and sum(1 for e in cell.iterdescendants() if e.tag in _PARA) >= 3:
                return True
    return False


def _flat(el: lxml.html.HtmlElement) -> str:
    """One-line text of an element (a data-table cell): blocks and <br> become spaces."""
    out: list[str] = []
    # An explicit stack, not recursion: old CMS pages nest unclosed tags thousands deep.
    stack: list[tuple[bool, lxml.html.HtmlElement | str | None]] = []

    def children(e: lxml.html.HtmlElement) -> None:
        for ch in reversed(e):
            stack.append((False, ch.tail))
            stack.append((True, ch))

    if el.text:
        out.append(el.text)
    children(el)
    while stack:
        is_el, item = stack.pop()
        if not is_el:
            if item:
                out.append(item)
            continue
        e = item
        if not isinstance(e.tag, str) or e.tag in DROP or _hidden(e):  # type: ignore[union-attr]
            continue
        if e.tag == "br" or e.tag in BLOCK:  # type: ignore[union-attr]
            out.append("\n")
        if e.tag in BLOCK:  # type: ignore[union-attr]
            stack.append((False, "\n"))
        if e.text:  # type: ignore[union-attr]
            out.append(e.text)  # type: ignore[union-attr]
        children(e)
    return collapse("".join(out)).strip()


class _Walker:
    def __init__(self) -> None:
        self.b = TextBuilder()
        self.pre = 0

    def walk(self, root: lxml.html.HtmlElement) -> None:
        # An explicit stack, not recursion: old CMS pages nest unclosed tags thousands deep.
        stack: list[tuple[str, object]] = [("el", root)]
        while stack:
            kind, item = stack.pop()
            if kind == "text":
                self.emit(item)  # type: ignore[arg-type]
                continue
            if kind == "end":
                if item == "pre":
                    self.pre -= 1
                self.b.newline()
                continue
            e: lxml.html.HtmlElement = item
            tag = e.tag
            if not isinstance(tag, str) or tag in DROP or _hidden(e):
                continue
            if tag == "br":
                self.b.newline()
                continue
            if tag == "table":
                rows = _rows(e)
                if rows and not _is_layout(e, rows):
                    self.data_table(e, rows)
                    continue
                self.b.newline()  # a layout table: read its cells as blocks
                stack.append(("end", "table"))
                self._push_children(stack, e)
                continue
            block = tag in BLOCK or tag in _CELL
            if block:
                self.b.newline()
                stack.append(("end", tag))
            if tag == "pre":  # a block: its "end" above closes it
                self.pre += 1
            self.emit(e.text)
            self._push_children(stack, e)

    @staticmethod
    def _push_children(stack: list[tuple[str, object]], e: lxml.html.HtmlElement) -> None:
        for ch in reversed(e):
            stack.append(("text", ch.tail))
            stack.append(("el", ch))

    def emit(self, s: str | None) -> None:
        if not s:
            return
        if self.pre:
            lines = s.replace("\r\n", "\n").replace("\t", " ").split("\n")
            for i, line in enumerate(lines):
                if i:
                    self.b.newline()
                self.b.add(line.rstrip())
        else:
            self.b.inline(s)

    def data_table(self, t: lxml.html.HtmlElement, rows: list[lxml.html.HtmlElement]) -> None:
        cap = t.find("caption")
        if cap is not None:
            self.walk(cap)
        grid = [
            [(_flat(c), _span(c, "rowspan") if c.get("rowspan") else 1, max(1, _span(c, "colspan")))
             for c in tr.iterchildren(*_CELL) if not _hidden(c)]
            for tr in rows if not _hidden(tr)
        ]  # fmt: skip
        self.b.table(place(grid))


MAX_DEPTH = 2048  # libxml2's limit with huge_tree; below it lxml stops at 256 and drops the rest


class _FlatText(html.parser.HTMLParser):
    """Reading order text of a page whatever its depth (stdlib parser, no tree): for pages nested
    deeper than lxml can hold. Blocks and cells become line breaks; tables are not told apart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.b = TextBuilder()
        self.dropped = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROP and tag not in ("head",):
            self.dropped += 1
        elif tag == "br" or tag in BLOCK or tag in _CELL:
            self.b.newline()

    def handle_endtag(self, tag: str) -> None:
        if tag in DROP and tag not in ("head",):
            self.dropped = max(0, self.dropped - 1)
        elif tag in BLOCK or tag in _CELL:
            self.b.newline()

    def handle_data(self, data: str) -> None:
        if not self.dropped:
            self.b.inline(data)


def _parse(path: str, text: str) -> tuple[lxml.html.HtmlElement | None, TextBuilder | None]:
    """The page as a tree, or (nested past ``MAX_DEPTH``) as flat text, never with text dropped."""
    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as e:
        raise LoadError(path, f"无法解析此网页文件（{e}）") from e
    if any(err.type_name == "ERR_RESOURCE_LIMIT" for err in parser.error_log):
        flat = _FlatText()
        flat.feed(text)
        flat.close()
        return None, flat.b
    return root, None


def load(path: str, data: bytes, sha256: str) -> Document:
    mht = _mht_html(data)
    raw = mht if mht is not None else data
    if looks_binary(raw):  # a picture or a program named .html would become thousands of �
        raise LoadError(path, messages.BINARY_HTML)
    text, enc, charset_warning = decode_html(raw)
    text = _XML_DECL.sub("", text)
    if not text.strip():
        raise LoadError(path, "网页文件中没有内容")
    root, flat = _parse(path, text)
    warnings: list[str] = [charset_warning] if charset_warning else []
    if flat is not None:
        b = flat
        warnings.append(
            f"网页的标签嵌套超过 {MAX_DEPTH} 层，已按纯文本读取（表格未按表格识别），请对照原网页核对"
        )
    else:
        assert root is not None
        w = _Walker()
        body = root.find("body")
        w.walk(body if body is not None else root)
        b = w.b
    b.newline()
    out = b.text()
    if "\ufffd" in out:
        warnings.append(messages.undecodable(out.count("\ufffd"), enc))
    if not _READABLE.search(out):
        raise LoadError(path, "网页中没有可读的文字（没有汉字或数字，可能只有图片），请确认选对了文件")
    return Document(
        path=path,
        format="html",
        sha256=sha256,
        text=out,
        encoding=enc,
        tables=tuple(b.tables),
        warnings=tuple(warnings),
    )
