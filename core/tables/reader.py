"""Standard tables → indicator values: ``read(doc) -> {id: IndicatorValue}``.

Works on the token stream of ``core.tables`` so every format reads the same way: find each table's
row labels in order (either script, fuzzy, so a garbled ``2.其他法律行政止公开`` still matches), take
the row's value cells after the label (7 in table 三, 15 in table 四, 1–3 in table 二) and type them.
A row whose cells cannot be placed with confidence is left out rather than guessed, and every cell of
a table found in the report that was not read is returned as ``unread`` (never as blank). A row
printed with no cells at all (a table without rules) is blank when the table shows cells elsewhere;
表四 may be one table or three; rows whose cells ran together are split by ``runtogether``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from difflib import SequenceMatcher
from functools import lru_cache
from operator import attrgetter

from core import schema, vocab
from core.model import Document, Figure, IndicatorValue
from core.schema import Row
from core.tables import flattened, runtogether
from core.tables.tokens import BLANK, LABEL, VALUE, Token, enumerator, label_key, tokens
from core.textnorm import normalize

UNREAD = vocab.UNREAD_KIND  # a cell of a table found in the report that could not be read (never "blank")
_TRAILING_DIGITS = re.compile(r"\D(\d+)\s*$")
MAX_JOIN = 4  # a label wrapped over at most this many tokens (PDF line wraps)
LOOKAHEAD = 4  # rows that may be missing between two rows found
# Group headings of table 三 (rows without cells of their own), as label keys.
_GROUP_KEYS = frozenset(label_key(g) for r in schema.T3_ROWS if r.group for g in (r.group,))


@lru_cache(maxsize=4096)
def _group_piece(key: str) -> bool:
    """A group heading or a piece of one: in a table without rules the heading's narrow merged cell
    wraps (（四） / 无法提 / 供) and its lines fall between the lines of the rows beside it."""
    return not key or any(key in g for g in _GROUP_KEYS)


_VARIANTS: dict[int, tuple[Row, tuple[str, ...]]] = {}  # id(row) → the row (kept alive) and its keys


def _variants(row: Row) -> tuple[str, ...]:
    got = _VARIANTS.get(id(row))
    if got is not None and got[0] is row:
        return got[1]
    keys = [label_key(schema.plain_label(row.label))]
    keys += [label_key(v) for v in row.variants]
    variants = tuple(dict.fromkeys(k for k in keys if k))
    _VARIANTS[id(row)] = (row, variants)
    return variants


@lru_cache(maxsize=1 << 12)
def _enumerated_text(text: str) -> bool:
    """Does a label's raw text start with an enumerator (一、 （三） 2.)?"""
    return bool(enumerator(normalize(text)))


@lru_cache(maxsize=1 << 16)
def similarity(key: str, target: str) -> float:
    """How well a token key matches a label key: exact 1.0; short labels must match exactly."""
    if key == target:
        return 1.0
    if not key or len(target) <= 4 or len(key) <= 3:
        return 0.0
    if 2 * min(len(key), len(target)) < 0.8 * (len(key) + len(target)):
        return 0.0  # real_quick_ratio() without building the matcher
    m = SequenceMatcher(None, key, target, autojunk=False)
    if m.quick_ratio() < 0.8:
        return 0.0
    return m.ratio()


_CELL_IDS: dict[tuple[str, int], tuple[Row, tuple[str, ...]]] = {}


def _cell_ids(prefix: str, row: Row) -> tuple[str, ...]:
    """The indicator ids of a row's cells in column order: ``t3.r1.natural`` …"""
    got = _CELL_IDS.get((prefix, id(row)))
    if got is not None and got[0] is row:
        return got[1]
    ids = tuple(f"{prefix}.{row.key}.{col.key}" for col in row.columns)
    _CELL_IDS[(prefix, id(row))] = (row, ids)
    return ids


@lru_cache(maxsize=1)
def _schema_order() -> dict[str, int]:
    return {i.id: n for n, i in enumerate(schema.indicators())}


CONFIRM = 0.6  # share of a row's label a label read at the row's place must hold, in order


@lru_cache(maxsize=1 << 14)
def _held(key: str, target: str) -> float:
    """The share of ``target``'s characters that ``key`` holds in the same order (garbled or
    interleaved text, a typo that dropped words: 其他法律行政止公开 holds 9 of 其他法律行政法规禁止公开's 12)."""
    if not target:
        return 0.0
    m = SequenceMatcher(None, key, target, autojunk=False)
    return sum(b.size for b in m.get_matching_blocks()) / len(target)


def confirms(key: str, row: Row) -> float:
    """How well a label read at a row's place in the form confirms that row (0..1)."""
    return max((_held(key, v) for v in _variants(row)), default=0.0)


def _row_score(key: str, row: Row) -> float:
    variants = _variants(row)
    if key in variants:
        return 1.0  # (the usual case, without a similarity per variant)
    return max(similarity(key, v) for v in variants)


class _Reader:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.toks = tokens(doc)
        self.out: dict[str, IndicatorValue] = {}
        self.tails: dict[int, str] = {}
        self.expected: list[str] = []
        self.placed: set[int] = set()  # labels whose cells were read by their place in the form

    # -- label runs ---------------------------------------------------------------------------
    def label_ends(self, lo: int, hi: int) -> list[int]:
        """Indexes of label tokens in [lo, hi) directly followed by a value or blank cell (or EOF)."""
        t = self.toks
        return [
            i
            for i in range(lo, min(hi, len(t)))
            if t[i].kind == LABEL and (i + 1 == len(t) or t[i + 1].kind != LABEL)
        ]

    def match(self, end: int, row: Row) -> float:
        """Best score of the label run ending at ``end`` (1..MAX_JOIN tokens) against ``row``.

        A group heading (（四）无法提供, 三、本年度办理结果) printed beside the row, vertically centred
        over its sub-rows, sits inside the run and is skipped. A label wrapped over three lines with the
        numbers centred on the middle one ends after the value cells (``…另行 0 40 1 … 制作``): that
        tail is tried too."""
        best = 0.0
        key = ""
        own = _variants(row)
        joined = 0
        tail = self.tail(end)
        for j in range(end, max(-1, end - MAX_JOIN - 2), -1):
            tok = self.toks[j]
            if tok.kind != LABEL or joined == MAX_JOIN:
                break
            if _group_piece(tok.key) and tok.key not in own and j < end:
                continue
            key = tok.key + key
            joined += 1
            best = max(best, _row_score(key, row), _row_score(key + tail, row) if tail else 0.0)
            if best == 1.0 or (j < end and self.enumerated(j)):
                break  # a label that starts with its enumerator (2.重复申请) is where its row begins
        return best

    def enumerated(self, i: int) -> bool:
        tok = self.toks[i]
        return tok.kind == LABEL and _enumerated_text(tok.text)

    def header_cell(self, i: int) -> bool:
        """A short column heading (总计, 其他) in a header row is not the row of that name: it has no
        enumerator of its own, and another heading stands before it on its line (``| 自然人 | … | 总计 |``)."""
        t = self.toks
        if len(t[i].key) > 4 or self.enumerated(i) or (i > 0 and t[i - 1].kind == LABEL and not t[i - 1].key):
            return False
        return any(
            x.kind == LABEL and x.key and x.key not in _GROUP_KEYS
            for x in t[max(0, i - 12) : i]
            if x.line == t[i].line
        )

    def blank_row(self, i: int, row: Row) -> bool:
        """Is the label at ``i`` a row printed with no cells at all, as a three-line table (no rules)
        prints a row left blank: the label alone on its line(s), the next row's label right after it.
        The label must match ``row`` closely and must not read better joined with what follows (a
        label wrapped onto the next line, ``2.其他法律行政法规禁止`` / ``公开 0 9 …``)."""
        t = self.toks
        if i + 1 >= len(t) or t[i].kind != LABEL or t[i + 1].kind != LABEL or t[i + 1].line <= t[i].line:
            return False
        if any(x.kind != LABEL for x in t[i + 1 :] if x.line == t[i].line):
            return False
        own = self.match(i, row)
        if own < 0.9:
            return False
        key = t[i].key
        for j in range(i + 1, min(i + 1 + 2 * MAX_JOIN, len(t))):
            if t[j].kind != LABEL:
                return False  # cells after group-heading pieces: they are this row's
            if _group_piece(t[j].key) and t[j].key not in _variants(row):
                continue
            if self.enumerated(j):
                break
            key += t[j].key
            if _row_score(key, row) >= own:
                return False
        return True

    def tail(self, end: int) -> str:
        """Key of the label words after the value cells of the label at ``end`` that continue its
        wrapped label: on later lines, not enumerated, not themselves a row label with values."""
        key = self.tails.get(end)
        if key is None:
            key = self.tails[end] = self._tail(end)
        return key

    def _tail(self, end: int) -> str:
        t = self.toks
        i = end + 1
        while i < len(t) and t[i].kind != LABEL:
            i += 1
        if i == end + 1 or i >= len(t):
            return ""
        line = t[i - 1].line
        key = ""
        for j in range(i, min(i + 2, len(t))):
            tok = t[j]
            if tok.kind != LABEL or tok.line <= line or _enumerated_text(tok.text):
                break
            if j + 1 < len(t) and t[j + 1].kind != LABEL:
                break  # a label directly followed by cells is a row of its own
            if tok.key in _GROUP_KEYS:
                break
            key += tok.key
        return key

    def values_after(self, end: int, n: int, pad: bool = False) -> list[Token] | None:
        """The ``n`` value/blank cells after the label at ``end``; fewer only when the text ends there
        (a truncated copy); None when the row cannot be placed. ``pad``: blanks on the label's own
        line beyond ``n`` are colspan padding of a header row and are skipped."""
        t = self.toks
        group: list[Token] = []
        i = end + 1
        while i < len(t) and t[i].kind != LABEL:
            group.append(t[i])
            i += 1
        while pad and len(group) > n and group[0].kind == BLANK and group[0].line == t[end].line:
            group.pop(0)  # padding cells of the label's own row (colspan remnants)
        same = [g for g in group if g.line == t[end].line]
        if len(same) > n and same[-1].kind == VALUE and all(g.kind == BLANK for g in same[: len(same) - n]):
            return same[-n:]  # "label\t\t\t1\t2…": the label's merged cells come first as blanks
        if len(group) >= n:
            return group[:n]
        if i == len(t) and any(g.kind == VALUE for g in group):
            while group and group[-1].kind == BLANK:
                group.pop()
            return group
        return None

    def put(self, prefix: str, row: Row, cells: Sequence[Token], score: float) -> None:
        for iid, tok in zip(_cell_ids(prefix, row), cells, strict=False):
            if tok.kind == BLANK:
                self.out[iid] = IndicatorValue(
                    id=iid, kind="empty", value=None, raw="", start=tok.start, end=tok.end, confidence=score
                )
            else:
                self.out[iid] = IndicatorValue(
                    id=iid,
                    kind=tok.vkind,
                    value=tok.value,
                    raw=tok.text,
                    start=tok.start,
                    end=tok.end,
                    confidence=score,
                )

    def put_blank(self, prefix: str, row: Row, score: float, at: int) -> None:
        """A row printed with no cells: every cell blank; the span is the row's label at token ``at``
        (a blank cell has no text of its own to point at)."""
        tok = self.toks[at]
        for iid in _cell_ids(prefix, row):
            self.out[iid] = IndicatorValue(
                id=iid, kind="empty", value=None, raw="", start=tok.start, end=tok.end, confidence=score * 0.9
            )

    # -- tables -------------------------------------------------------------------------------
    def read_rows(self, prefix: str, rows: Sequence[Row], lo: int, hi: int) -> int:
        """Find ``rows`` in order in tokens [lo, hi); return the index after the last row read.

        The form is the key, labels confirm: rows whose labels match are anchors; between two anchors
        the rows of the form not found and the unmatched labels with a full row of cells are paired in
        order when there are as many of each and each label confirms its row (``confirms``), so a
        label garbled by a stacked vertical heading or a typo does not lose its row. When position and
        label disagree the row's cells stay unread."""
        ri = 0
        last = lo
        t = self.toks
        ends = set(self.label_ends(lo, hi))
        blanks: list[
            tuple[Row, float, int]
        ] = []  # rows printed with no cells, kept when the table shows cells
        anchors: list[tuple[int, int]] = []  # (row index, token index of its label) in order
        slots: list[tuple[int, list[Token]]] = []  # labels with a row of cells that matched no row
        shown = False
        for end in range(lo, min(hi, len(t))):
            if ri >= len(rows):
                break
            if t[end].kind != LABEL:
                continue
            if end not in ends:
                if end + 1 < len(t) and t[end + 1].line > t[end].line and not self.after_slot(end, slots):
                    for j in range(ri, min(ri + LOOKAHEAD + 1, len(rows))):  # alone on its line: left blank?
                        if self.blank_row(end, rows[j]):
                            blanks.append((rows[j], self.match(end, rows[j]), end))
                            anchors.append((j, end))
                            ri = j + 1
                            break
                continue
            for j in range(ri, min(ri + LOOKAHEAD + 1, len(rows))):
                score = self.match(end, rows[j])
                if score < 0.8 or (self.header_cell(end) and _row_score(t[end].key, rows[j]) >= 0.8):
                    continue  # (a column heading such as 总计 is not that row; a label split over cells is)
                cells = self.values_after(end, len(rows[j].columns))
                if cells is None:
                    continue
                self.put(prefix, rows[j], cells, score)
                shown = shown or any(c.kind == VALUE for c in cells)
                last = end + 1 + len(cells)
                anchors.append((j, end))
                ri = j + 1
                break
            else:
                n = len(rows[ri].columns)
                cells = self.values_after(end, n)
                if cells is not None and len(cells) == n and not self.header_cell(end):
                    slots.append((end, cells))
        last = max(last, self.by_position(prefix, rows, anchors, slots))
        doubtful = self.blank_beside_cells(prefix, rows, anchors, slots, {id(r) for r, _, _ in blanks})
        if shown:  # a copy that lost every cell (values drawn as images, a page's script) has no blank rows
            for row, score, at in blanks:
                if id(row) not in doubtful:
                    self.put_blank(prefix, row, score, at)
        return last

    def blank_beside_cells(
        self,
        prefix: str,
        rows: Sequence[Row],
        anchors: list[tuple[int, int]],
        slots: list[tuple[int, list[Token]]],
        blank_rows: set[int],
    ) -> set[int]:
        """Rows read as all blank next to a row of figures that no row of the form claimed: a tall row
        broken over a page leaves its label with empty cells on one page and its figures (beside the
        rest of its label) on the next. Those blanks may be the figures' row: it is left unread.
        Returns the rows (``id``) so marked."""
        out: set[int] = set()
        for end, cells in slots:
            if not any(c.kind == VALUE for c in cells) or end in self.placed:
                continue
            before = [a for a in anchors if a[1] < end]
            after = [a for a in anchors if a[1] > end]
            for near in before[-1:] + after[:1]:
                row = rows[near[0]]
                ids = _cell_ids(prefix, row)
                got = [self.out.get(i) for i in ids]
                if id(row) in blank_rows or all(g is not None and g.kind == "empty" for g in got):
                    for i in ids:
                        self.out.pop(i, None)
                    out.add(id(row))
        return out

    def by_position(
        self,
        prefix: str,
        rows: Sequence[Row],
        anchors: list[tuple[int, int]],
        slots: list[tuple[int, list[Token]]],
    ) -> int:
        """Rows between two anchors read by their place in the form (see ``read_rows``); returns the
        index after the last cell read this way (0 when none)."""
        last = 0
        for (ja, ea), (jb, eb) in zip(anchors, anchors[1:], strict=False):
            missing = [r for r in rows[ja + 1 : jb] if len(r.columns) == len(rows[ja + 1].columns)]
            if not missing or len(missing) != jb - ja - 1:
                continue
            inside = [(e, c) for e, c in slots if ea < e < eb]
            if len(inside) != len(missing):
                continue  # the labels and the form disagree on how many rows lie here: nothing is placed
            for row, (end, cells) in zip(missing, inside, strict=True):
                key = self.run_key(end, ea)
                own = confirms(key, row)
                if own < CONFIRM or any(confirms(key, other) > own for other in missing if other is not row):
                    continue  # the label does not confirm the row at this place: its cells stay unread
                self.put(prefix, row, cells, 0.6 + 0.2 * own)
                self.placed.add(end)
                last = max(last, end + 1 + len(cells))
        return last

    def after_slot(self, i: int, slots: list[tuple[int, list[Token]]]) -> bool:
        """Does the label run starting before ``i`` follow directly a row of cells no row claimed?
        Then a label alone on its line is not a row printed blank: those cells may be its own (a tall
        row broken over a page, its label's rest on the next page), and it is left unread."""
        if not slots:
            return False
        end, cells = slots[-1]
        j = i
        while j > 0 and self.toks[j - 1].kind == LABEL and j - 1 > end:
            j -= 1
        return cells[-1].end <= self.toks[j].start and j == end + 1 + len(cells)

    def run_key(self, end: int, floor: int) -> str:
        """The key of the label run ending at ``end`` (at most MAX_JOIN tokens, after ``floor``)."""
        key = ""
        for j in range(end, max(floor, end - MAX_JOIN), -1):
            if self.toks[j].kind != LABEL:
                break
            key = self.toks[j].key + key
        return key

    def find(self, targets: Sequence[str], lo: int, hi: int, threshold: float = 0.85) -> int | None:
        """First label token in [lo, hi) matching one of the label keys ``targets``."""
        keys = [label_key(t) for t in targets]
        for i in range(lo, min(hi, len(self.toks))):
            tok = self.toks[i]
            short = len(tok.key) <= 3 * max(map(len, keys))
            if tok.kind == LABEL and short and any(similarity(tok.key, k) >= threshold for k in keys):
                return i
        return None

    def t3_anchor(self) -> int | None:
        first = schema.T3_ROWS[0]
        for end in self.label_ends(0, len(self.toks)):
            if self.match(end, first) >= 0.8 and self.values_after(end, 7) is not None:
                return end
        return None

    def t3_rows(self, at: int) -> tuple[Row, ...]:
        """Table 三's leaf rows in this report's layout: （六）其他处理 is one row (2019) unless its
        sub-rows 1.申请人无正当理由逾期不补正… / 2.申请人逾期未按收费通知… are printed (2021) above
        四、结转下年度继续办理."""
        keys = ""
        for t in self.toks[at : at + 600]:
            if t.kind == LABEL:
                if "结转下年度" in t.key:  # the table's last row: prose after it does not count
                    break
                keys += t.key
        split = any(w in keys for w in ("逾期不补正", "无正当理由逾期", "逾期未按收费", "收费通知要求"))
        return tuple(r for r in schema.T3_ROWS if not (r.key == "r6" if split else r.key.startswith("r6_")))

    def read_t2(self, t3_at: int | None) -> None:
        hi = t3_at if t3_at is not None else len(self.toks)
        lo = None
        for i in range(hi - 1, -1, -1):  # the last block caption before table 三
            if self.toks[i].kind == LABEL and self.toks[i].key == "第二十条第一项":
                lo = i
                break
        if lo is None:
            lo = self.find(["主动公开政府信息情况"], 0, hi, 0.9)
        if lo is None:
            return
        hi = min(hi, lo + 400)
        keys = {t.key for t in self.toks[lo:hi] if t.kind == LABEL}
        n2019 = sum(any(similarity(k, label_key(h)) >= 0.8 for k in keys) for h in schema.T2_HEADERS_2019)
        n2021 = sum(any(similarity(k, label_key(h)) >= 0.8 for k in keys) for h in schema.T2_HEADERS_2021)
        if n2019 > n2021 or "其他对外管理服务事项" in keys or "政府集中采购" in keys:
            self.read_rows("t2_2019", schema.T2_2019_ROWS, lo, hi)
            self.expect("t2_2019", schema.T2_2019_ROWS)
        else:
            self.read_rows("t2", schema.T2_ROWS, lo, hi)
            self.expect("t2", schema.T2_ROWS)

    def read_t4(self, lo: int) -> None:
        at = self.find(["政府信息公开行政复议、行政诉讼情况"], lo, len(self.toks))
        if at is None:
            return
        t = self.toks
        i = at + 1
        hi = min(len(t), at + 120)
        if any(
            t[k].kind == LABEL and ("结果维持" in t[k].key or "结果纠正" in t[k].key) for k in range(i, hi)
        ):
            self.expected += [f"t4.{g}.{c.key}" for g, _ in schema.T4_GROUPS for c in schema.T4_COLUMNS]
        while i < hi:
            if t[i].kind == LABEL:
                i += 1
                continue
            j = i
            while j < len(t) and t[j].kind != LABEL:
                j += 1
            row = self.t4_row(i, j)
            if row is None:
                return  # the cells cannot be aligned with the header with certainty: they stay unread
            cells = self.values_after(i - 1, 15, pad=True) if row == i else t[row : row + 15]
            if cells is not None and any(c.kind == VALUE for c in cells):
                cols = [(g, c) for g, _ in schema.T4_GROUPS for c in schema.T4_COLUMNS]
                for (g, col), tok in zip(cols, cells, strict=False):
                    iid = f"t4.{g}.{col.key}"
                    kind, val = ("empty", None) if tok.kind == BLANK else (tok.vkind, tok.value)
                    self.out[iid] = IndicatorValue(
                        id=iid,
                        kind=kind,
                        value=val,
                        raw=tok.text,
                        start=tok.start,
                        end=tok.end,
                        confidence=0.9,
                    )
                return
            i = j
        if not self.read_t4_parts(at + 1, hi):
            self.t4_run_together(at + 1, hi)

    def t4_row(self, i: int, j: int) -> int | None:
        """Where table 四's row of values starts among the cells ``toks[i:j]`` after its header.

        A browser that breaks the page inside table 四 draws, at the top of the next page, the rest
        of the header's tall cells as a row of empty cells above the row of values. Lines holding
        only blanks before the first line with a value are then not cells of the values: when that
        line holds one cell per column it is the row; when it holds more than one cell but not one
        per column the cells cannot be aligned with the header and nothing is read (None). A copy
        with one cell per line keeps its blank cells (``i``: read from the start)."""
        t = self.toks
        k = i
        while k < j and t[k].kind == BLANK:
            e = k
            while e < j and t[e].line == t[k].line and t[e].kind == BLANK:
                e += 1
            if e < j and t[e].line == t[k].line:
                break  # a blank cell on the line of values: one of them
            k = e
        if k == i or k >= j:
            return i
        e = k
        while e < j and t[e].line == t[k].line:
            e += 1
        if e - k == 1 and t[k - 1].line != t[k].line and (k + 1 >= j or t[k + 1].line != t[k].line):
            return i  # one cell per line: a blank line is a blank cell
        return k if e - k == 15 else None

    def read_t4_parts(self, lo: int, hi: int) -> bool:
        """Table 四 printed as three tables (行政复议 / 未经复议直接起诉 / 复议后起诉), each its caption,
        the five column labels and five cells. Only a caption followed by column labels and cells
        counts; the three are read in order."""
        t = self.toks
        heads = {label_key(c.label) for c in schema.T4_COLUMNS}
        pos = lo
        for g, caption in schema.T4_GROUPS:
            key = label_key(caption.split(" / ")[-1])
            at = next((i for i in range(pos, hi) if t[i].kind == LABEL and t[i].key == key), None)
            if at is None:
                return False
            end, last = at + 1, at
            while end < hi and (t[end].kind == BLANK or (t[end].kind == LABEL and t[end].key in heads)):
                last = end if t[end].kind == LABEL else last
                end += 1
            cells = self.values_after(last, 5) if last > at and end == last + 1 else None
            if cells is None or len(cells) != 5:
                return False
            for col, tok in zip(schema.T4_COLUMNS, cells, strict=True):
                iid = f"t4.{g}.{col.key}"
                kind, val = ("empty", None) if tok.kind == BLANK else (tok.vkind, tok.value)
                self.out[iid] = IndicatorValue(
                    id=iid, kind=kind, value=val, raw=tok.text, start=tok.start, end=tok.end, confidence=0.9
                )
            pos = end + 5
        return True

    # -- cells run together -----------------------------------------------------------------------
    def digit_rows(self, rows: Sequence[Row], lo: int) -> dict[str, tuple[int, str]]:
        """Row key → (token index, trailing digits) for labels such as ``（七）总计15300030156``: the
        label alone matches the row, its digits follow it directly."""
        out: dict[str, tuple[int, str]] = {}
        ri = 0
        for i in range(lo, len(self.toks)):
            tok = self.toks[i]
            if ri >= len(rows) or tok.kind != LABEL:
                continue
            m = _TRAILING_DIGITS.search(normalize(tok.text))
            digits = m.group(1) if m else ""
            for j in range(ri, min(ri + LOOKAHEAD + 1, len(rows))):
                if _row_score(tok.key, rows[j]) >= 0.9 and not self.header_cell(i):
                    out[rows[j].key] = (i, digits)
                    ri = j + 1
                    break
        return out

    def read_t3_run_together(self) -> int | None:
        """Table 三 whose rows lost their separators; the index of its first row, or None."""
        first = next(
            (
                i
                for i, tok in enumerate(self.toks)
                if tok.kind == LABEL and _row_score(tok.key, schema.T3_ROWS[0]) >= 0.9
            ),
            None,
        )
        if first is None:
            return None
        rows = self.t3_rows(first)
        found = self.digit_rows(rows, first)
        if not any(d for _, d in found.values()):
            return first  # the table's rows are there, but no cell could be read
        results = [r.key for r in rows if r.group and r.key != "r7_total"]
        split = runtogether.solve_t3({k: d for k, (_, d) in found.items()}, results)
        if split is None:
            return first
        for row in rows:
            if row.key not in found:
                continue
            i, digits = found[row.key]
            cells = split.get(row.key)
            if cells is None:
                self.put_blank("t3", row, 0.8, i)
                continue
            tok = self.toks[i]
            base = tok.end - len(digits)
            for col, v, (a, b) in zip(row.columns, cells, runtogether.offsets(digits, cells), strict=True):
                iid = f"t3.{row.key}.{col.key}"
                kind = "zero" if v == 0 else "number"
                self.out[iid] = IndicatorValue(
                    id=iid,
                    kind=kind,
                    value=Decimal(v),
                    raw=digits[a:b],
                    start=base + a,
                    end=base + b,
                    confidence=0.7,
                )
        return first

    def t4_run_together(self, lo: int, hi: int) -> None:
        """Table 四's fifteen cells written as one run of digits after its column labels."""
        t = self.toks
        for i in range(lo, hi):
            tok = t[i]
            if tok.kind != VALUE or tok.vkind not in ("number", "zero") or len(tok.text.strip()) < 15:
                continue
            digits = tok.text.strip()
            split = runtogether.solve_groups(digits, len(schema.T4_GROUPS)) if digits.isdigit() else None
            if split is None:
                return
            pos = tok.start + tok.text.index(digits)
            for (g, _), cells in zip(schema.T4_GROUPS, split, strict=True):
                for col, v, (a, b) in zip(
                    schema.T4_COLUMNS,
                    cells,
                    runtogether.offsets("".join(map(str, cells)), cells),
                    strict=True,
                ):
                    iid = f"t4.{g}.{col.key}"
                    kind = "zero" if v == 0 else "number"
                    self.out[iid] = IndicatorValue(
                        id=iid,
                        kind=kind,
                        value=Decimal(v),
                        raw=str(v),
                        start=pos + a,
                        end=pos + b,
                        confidence=0.7,
                    )
                pos += len("".join(map(str, cells)))
            return

    def read_flattened(self) -> None:
        """Tables of which no cell was read here, looked for as a crawler's flattened text (labels
        and cells run together on one line): what is found there replaces the unread cells."""
        family = {"t2": "t2", "t2_2019": "t2", "t3": "t3", "t4": "t4"}
        read = {family.get(k.split(".")[0]) for k, v in self.out.items() if v.kind != UNREAD}
        if read >= {"t2", "t3", "t4"}:
            return
        for prefix, values in flattened.read(self.doc.text).items():
            fam = family[prefix]
            if fam in read:
                continue
            self.out = {k: v for k, v in self.out.items() if family.get(k.split(".")[0]) != fam}
            self.expected = [k for k in self.expected if family.get(k.split(".")[0]) != fam]
            self.out.update(values)

    # -- what was not read ----------------------------------------------------------------------
    def expect(self, prefix: str, rows: Sequence[Row]) -> None:
        """The cells of a table found in the report: each one is read, or reported as not read."""
        for row in rows:
            self.expected += _cell_ids(prefix, row)

    def read(self) -> dict[str, IndicatorValue]:
        at = self.t3_anchor()
        self.read_t2(at)
        after = at if at is not None else 0
        if at is not None:
            rows = self.t3_rows(at)
            after = self.read_rows("t3", rows, at, len(self.toks))
            self.expect("t3", rows)
        else:
            first = self.read_t3_run_together()
            if first is not None:
                self.expect("t3", self.t3_rows(first))
                after = first
        self.read_t4(after)
        self.read_flattened()
        for iid in self.expected:
            if iid not in self.out:
                self.out[iid] = IndicatorValue(
                    id=iid, kind=UNREAD, value=None, raw="", start=None, end=None, confidence=0.0
                )
        order = _schema_order()
        return dict(sorted(self.out.items(), key=lambda kv: order.get(kv[0], 1 << 20)))


# Words every standard table carries in its labels (both scripts). Text with none of them has no
# standard table, and tokenizing it would be wasted work on a long prose report.
_TABLE_MARKS = (
    "第二十条",
    "第二十條",
    "本年新收",
    "申请人情况",
    "申請人情況",
    "结果维持",
    "結果維持",
    "本年制发",
    "本年制發",
    "勾稽",
    "本年新制作",
    "结果纠正",
    "結果糾正",
)


def read(doc: Document, *, with_unread: bool = False) -> dict[str, IndicatorValue]:
    """Indicator values of the standard tables found in ``doc``: only the cells actually read, or with
    ``with_unread`` also every other cell of a table found in the report, of kind ``unread`` (the
    reader could not read it; that is not a blank cell of the report)."""
    if not any(mark in doc.text for mark in _TABLE_MARKS):
        return {}
    values = _Reader(doc).read()
    _six_as_one_row(values)
    if with_unread:
        return values
    return {k: v for k, v in values.items() if v.kind != UNREAD}


def _six_as_one_row(values: dict[str, IndicatorValue]) -> None:
    """A 2021-format report (its table 二 in the 2021 layout) that prints （六）其他处理 as one row: the
    row is read as the （六） total (``t3.r6.*``, as the 2019 format has it) and its three sub-rows of
    the 2021 form are cells the report does not state (未填报), placed on the row printed — never
    zeros the reviewer would have to invent."""
    if not any(k.startswith("t2.") for k in values) or any(k.startswith("t3.r6_") for k in values):
        return
    for col in schema.T3_COLUMNS:
        one = values.get(f"t3.r6.{col.key}")
        if one is None:
            continue
        for sub in ("r6_1", "r6_2", "r6_3"):
            iid = f"t3.{sub}.{col.key}"
            values[iid] = IndicatorValue(
                id=iid, kind=vocab.NOT_STATED, value=None, start=one.start, end=one.end
            )


def table_figures(doc: Document, values: dict[str, IndicatorValue]) -> list[Figure]:
    """One Figure (source "table") per table cell that holds a number, linked to its indicator."""
    out: list[Figure] = []
    text = doc.text
    for iid, v in values.items():
        if v.value is None or v.start is None or v.end is None:
            continue
        unit, label = _figure_words(iid)
        out.append(
            Figure(
                start=v.start,
                end=v.end,
                text=text[v.start : v.end],
                value=v.value,
                unit=unit,
                multiplier=None,
                qualifier=None,
                label=label,
                indicator=iid,
                confidence=v.confidence,
                rule="table",
                source="table",
            )
        )
    out.sort(key=attrgetter("start"))
    return out


@lru_cache(maxsize=1 << 12)
def _figure_words(iid: str) -> tuple[str | None, str]:
    """The unit and the label of a table figure of indicator ``iid``."""
    ind = schema.by_id().get(iid)
    return (ind.unit if ind else None), schema.short_label(iid)
