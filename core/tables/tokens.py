"""Table cells in reading order, whatever the format: ``tokens(doc) -> list[Token]``.

A report's tables reach us in many shapes: real tables (HTML/DOCX ``Document.tables``), rows as lines
with cells separated by ``\\t`` (PDF, rendered tables), ``|``-flattened rows, or one cell per line
(sometimes with a blank line between cells) in saved web pages. All of them become one flat stream
of tokens — *label* (text), *value* (a number, “/”, 无 …) and *blank* (an empty cell) — each with its
span in ``Document.text``. The table reader then finds row labels and takes the value cells after
them. Page footers (``- 4 -``) are dropped so a table split across pages reads as one; a ruled table
continued on a new page loses its repeated header rows, and a row broken across the page is joined.
A Markdown table's ``|---|`` rule line is not a row of “—” cells.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from core import vocab
from core.model import Document, Table
from core.textnorm import normalize

LABEL, VALUE, BLANK = "label", "value", "blank"


class Token(NamedTuple):
    """One cell (or one word-run of a text line). ``line`` groups tokens of one source row.

    A named tuple: a report has hundreds of them, and a tuple is made several times faster than a
    frozen dataclass."""

    kind: str  # label | value | blank
    start: int
    end: int
    line: int
    text: str = ""  # raw text for labels and values
    key: str = ""  # label: CJK-only match key, enumerator removed
    vkind: str = ""  # value: number | zero | not_applicable
    value: Decimal | None = None


_FOOTER = re.compile(r"^\s*(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(?:\s*[,，/共]\s*\d{1,3}\s*页)?)\s*$")
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


@vocab.derived
def _value_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A value cell (a signed number, maybe with the unit the table counts in) and a not-applicable one."""
    suffix = vocab.alternation(vocab.unit_words(u for u in vocab.UNITS if u.in_cells))
    value = re.compile(rf"^(?P<sign>增|减|\+|-)?(?P<num>{_NUM})(?:{suffix})?$")
    return value, vocab.not_applicable_re()


_JUNK = "?？*＊\u00a0\u200b\ufeff"
_PINYIN = re.compile(r"\([a-zA-Z\u00c0-\u024f]{1,8}\)")
_ENUM = re.compile(
    r"^\s*(?:[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}\s*[、.．]|"
    r"[(（]?\s*\d{1,2}\s*[)）、.．]|[(（]\s*\d{1,2}\s*[)）])"
)
_NON_CJK = re.compile(r"[^\u4e00-\u9fff]+")
# Column headings a converter makes up for a table without a header row (数据1 … 数据6, 列1, Column2,
# Unnamed: 3): not words of the report, so neither a label nor a cell.
_PLACEHOLDER = re.compile(r"^\s*(?:数据|數據|列|字段|Column|column|Col|col|Unnamed:?)\s*_?\d{1,3}\s*$")
_MD_RULE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?$")


def label_key(norm: str) -> str:
    """The match key of a label already in normalized script: pinyin glosses, a leading enumerator
    (一、 （三） 1. 2、) and everything but CJK characters removed."""
    s = _PINYIN.sub("", norm)
    s = _ENUM.sub("", s, count=1)
    return _NON_CJK.sub("", s)


def enumerator(norm: str) -> str:
    """The leading enumerator of a label, reduced to its digits/numerals ('' when none)."""
    m = _ENUM.match(norm)
    return re.sub(r"[^0-9一二三四五六七八九十]", "", m.group(0)) if m else ""


def classify(word: str) -> tuple[str, Decimal | None] | None:
    """``(kind, value)`` when ``word`` (normalized) is a value cell, else None."""
    return _classify(word, *_value_patterns())


_STRIP = _JUNK + " \t"
_WORD = re.compile(r"\S+")
_EOL = re.compile(r"\r\n|\n|\r")


def _classify(
    word: str, value_re: re.Pattern[str], na_re: re.Pattern[str]
) -> tuple[str, Decimal | None] | None:
    w = word.strip(_STRIP)
    if not w:
        return None
    if na_re.match(w):
        return "not_applicable", None
    m = value_re.match(w)
    if not m:
        return None
    try:
        v = Decimal(m.group("num").replace(",", ""))
    except InvalidOperation:
        return None
    if m.group("sign") in ("减", "-"):
        v = -v
    return ("zero" if v == 0 else "number"), v


_token = tuple.__new__  # Token(*fields) without the keyword handling of its generated __new__

# A cell's shape: its parts as (kind, start, end, key, vkind, value), offsets relative to the cell;
# () for a blank cell. Reports repeat the same cells (0, 12, the standard row labels) over and over.
_Shape = tuple[tuple[str, int, int, str, str, Decimal | None], ...]
_SHAPE_CACHED = 64  # cells up to this long are remembered (a line of prose is not)
_SHAPES_KEPT = 1 << 14  # shapes remembered at most (then forgotten all at once)


def _cell_tokens(text: str, cell: str, start: int, end: int, line: int) -> list[Token]:
    """Tokens of one cell ``text[start:end]`` (``cell``: that span of the normalized text): blank, or
    runs of label words and single values."""
    shape = _shape(cell, _shapes())
    if not shape:
        return [Token(BLANK, start, end, line)]
    return [
        Token(kind, start + s, start + e, line, text[start + s : start + e], key, vkind, value)
        for kind, s, e, key, vkind, value in shape
    ]


def _shape(cell: str, shapes: dict[str, _Shape]) -> _Shape:
    """The shape of ``cell``, remembered in ``shapes`` when the cell is short."""
    shape = shapes.get(cell)
    if shape is None:
        shape = _cell_shape(cell)
        if len(cell) <= _SHAPE_CACHED:
            if len(shapes) >= _SHAPES_KEPT:
                shapes.clear()
            shapes[cell] = shape
    return shape


def _add_cells(
    out: list[Token], text: str, cells: list[str], start: int, line: int, bare_ends: bool = False
) -> None:
    """Append the tokens of ``cells``, consecutive spans of the normalized text each followed by one
    separator, the first at ``start``. ``bare_ends``: the first and last are cells only when they
    have content (the text before a leading "|" and after the last one)."""
    shapes = _shapes()
    last = len(cells) - 1
    a = start
    for k, cell in enumerate(cells):
        b = a + len(cell)
        if (bare_ends and (k == 0 or k == last) and not cell.strip()) or _PLACEHOLDER.match(cell):
            a = b + 1
            continue
        shape = shapes.get(cell) or _shape(cell, shapes)
        if not shape:
            out.append(Token(BLANK, a, b, line))
        else:
            for kind, s, e, key, vkind, value in shape:
                out.append(_token(Token, (kind, a + s, a + e, line, text[a + s : a + e], key, vkind, value)))
        a = b + 1


def _cell_shape(cell: str) -> _Shape:
    words = [m.span() for m in _WORD.finditer(cell) if m.group().strip(_JUNK)]
    if not words:
        return ()
    out: list[tuple[str, int, int, str, str, Decimal | None]] = []
    run: list[tuple[int, int]] = []

    def flush() -> None:
        if run:
            s, e = run[0][0], run[-1][1]
            out.append((LABEL, s, e, label_key(cell[s:e]), "", None))
            run.clear()

    patterns = _value_patterns()
    for s, e in words:
        c = _classify(cell[s:e], *patterns)
        if c is None:
            if run and _ENUM.match(cell[s:e]):
                flush()  # "法提供 2.没有现成…": a new row label starts at its enumerator
            run.append((s, e))
            continue
        flush()
        # keep the span on the digits (drop junk such as a leading "?")
        while s < e and cell[s] in _JUNK:
            s += 1
        out.append((VALUE, s, e, "", c[0], c[1]))
    flush()
    return tuple(out)


@vocab.derived
def _shapes() -> dict[str, _Shape]:
    """The shapes of cells seen, for as long as the vocabulary that typed them stays the same."""
    return {}


def _double_spaced(lines: list[tuple[int, int]], norm: str) -> bool:
    """True when text lines are mostly separated by one empty line (web pages saved as text)."""
    nonempty = followed = 0
    for i, (s, e) in enumerate(lines[:-1]):
        if norm[s:e].strip():
            nonempty += 1
            ns, ne = lines[i + 1]
            followed += not norm[ns:ne].strip()
    return nonempty >= 10 and followed >= 0.7 * nonempty


def _placeholder_row(raw: str) -> bool:
    """A header row of made-up column names only (``| 数据1 | 数据2 | … |``)."""
    if "数" not in raw and "列" not in raw and "ol" not in raw and "Unnamed" not in raw and "字段" not in raw:
        return False
    cells = [c for c in re.split(r"[|\t]", raw) if c.strip()]
    return bool(cells) and all(_PLACEHOLDER.match(c) for c in cells)


def _line_tokens(text: str, norm: str, start: int, end: int, line0: int) -> list[Token]:
    """Tokens of the plain text ``text[start:end]`` (outside any Document.table)."""
    lines: list[tuple[int, int]] = []
    pos = start
    for m in _EOL.finditer(norm, start, end):
        lines.append((pos, m.start()))
        pos = m.end()
    lines.append((pos, end))
    sep = 1 if _double_spaced(lines, norm) else 0
    out: list[Token] = []
    empties: list[tuple[int, int]] = []
    for i, (s, e) in enumerate(lines):
        ln = line0 + i
        raw = norm[s:e]
        if not raw.strip():
            empties.append((s, e))
            continue
        if _FOOTER.match(raw):
            continue
        if _placeholder_row(raw):
            empties = []  # a converter's made-up header over a small table: it separates, holds nothing
            continue
        # empty lines between cells: beyond the separator, each is a blank cell (not before a pipe row:
        # empty lines between pipe rows separate tables)
        if empties and out and "|" not in raw:
            out += [Token(BLANK, bs, be, ln - 1) for bs, be in empties[sep:]]
        empties = []
        if "|" in raw:
            if raw.count("|") >= 2 and not raw.replace("|", "").strip():
                continue  # a line of bare "||||": colspan padding of a flattened row, not cells
            if _MD_RULE.match(raw):
                continue  # "|---|:---:|": a Markdown table's header rule, not cells of "—"
            _add_cells(out, text, raw.split("|"), s, ln, bare_ends=True)
        elif "\t" in raw:
            _add_cells(out, text, raw.split("\t"), s, ln)
        else:
            _add_cells(out, text, [raw], s, ln)
    return out


def _table_tokens(text: str, norm: str, table: Table, line0: int, skip_rows: int = 0) -> list[Token]:
    out: list[Token] = []
    for c in sorted(table.cells, key=lambda c: (c.row, c.col)):
        if c.row < skip_rows:
            continue
        a, b = max(0, c.start), min(len(text), c.end)
        if b > a and (_FOOTER.match(norm[a:b]) or _PLACEHOLDER.match(norm[a:b])):
            continue
        out += _cell_tokens(text, norm[a:b], a, b, line0 + c.row)
    return out


def tokens(doc: Document) -> list[Token]:
    """Every cell of every table and every word-run of the remaining text, in reading order."""
    text = doc.text
    norm = normalize(text)
    out: list[Token] = []
    pos = 0
    line = 0
    prev: Table | None = None
    for t in sorted(doc.tables, key=lambda t: t.start):
        if t.start < pos or not t.cells:
            continue
        between = _line_tokens(text, norm, pos, t.start, line)
        out += between
        line += norm.count("\n", pos, t.start) + 1
        cont = prev is not None and prev.n_cols == t.n_cols and all(x.kind == BLANK for x in between)
        skip = _repeated_header(norm, prev, t) if cont and prev is not None else 0
        toks = _table_tokens(text, norm, t, line, skip)
        if cont:
            toks = _join_split_row(norm, out, toks, line + skip)
        out += toks
        line += t.n_rows + 1
        pos = t.end
        prev = t
    out += _line_tokens(text, norm, pos, len(text), line)
    return out


def _row_texts(norm: str, table: Table) -> list[tuple[str, ...]]:
    rows: list[list[str]] = [[] for _ in range(table.n_rows)]
    for c in sorted(table.cells, key=lambda c: (c.row, c.col)):
        if 0 <= c.row < table.n_rows:
            rows[c.row].append(_NON_CJK.sub("", norm[c.start : c.end]) or norm[c.start : c.end].strip())
    return [tuple(r) for r in rows]


def _repeated_header(norm: str, prev: Table, t: Table) -> int:
    """Rows at the top of a table continued on a new page that repeat the previous part's header."""
    pr, tr = _row_texts(norm, prev), _row_texts(norm, t)
    n = 0
    while n < min(len(pr), len(tr)) - 1 and tr[n] == pr[n] and any(tr[n]):
        n += 1
    return n


def _starts_own_row(norm: str, row: list[Token]) -> bool:
    """Nothing to join: the table has no first row, or its label has an enumerator of its own."""
    return not row or any(_ENUM.match(norm[x.start : x.end]) for x in row if x.kind == LABEL)


def _is_label_rest(row: list[Token]) -> bool:
    """The row is the rest of a label whose cells were on the first part: a label and only empty cells."""
    cells = [x for x in row if x.kind != LABEL]
    has_label = len(cells) < len(row)
    return has_label and bool(cells) and all(x.kind == BLANK for x in cells)


def _drop_first_part_blanks(out: list[Token]) -> None:
    """When the previous table ends with a label and empty cells only, drop those empty cells."""
    if not out:
        return
    last = out[-1].line
    tail = [x for x in out if x.line == last]
    if not any(x.kind == LABEL for x in tail) or not all(x.kind in (LABEL, BLANK) for x in tail):
        return
    while out and out[-1].line == last and out[-1].kind == BLANK:
        out.pop()


def _join_split_row(norm: str, out: list[Token], toks: list[Token], first_line: int) -> list[Token]:
    """A row broken across a page (a word processor lets a tall row break): its first part ends the
    previous table, its rest starts this one. The rest has no enumerator of its own; the part that
    holds no cell text loses its empty cells, so the label and the cells read as one row."""
    row = [x for x in toks if x.line == first_line]
    if _starts_own_row(norm, row):
        return toks
    if _is_label_rest(row):
        drop = {id(x) for x in row if x.kind != LABEL}
        return [x for x in toks if id(x) not in drop]  # the label's rest: its cells were on the first part
    if any(x.kind == VALUE for x in row):
        _drop_first_part_blanks(out)  # the values are on this page
    return toks
