"""Tables flattened into prose: a crawler's text copy of a web page keeps no separator at all, so a
row reads ``一、本年新收政府信息公开申请数量640020470`` (64 / 0 / 0 / 2 / 0 / 4 / 70), the row labels of
a table follow one another on one line, and table 四 is one run of digits after its column labels.

The token reader does not see such a table: it cuts text at white space, so the whole table is one
label word and no row label stands alone to be matched (nothing was read, and nothing was reported
unread). Here the form is the key: it fixes the order of every row. Each row label is looked for in
that order (its enumerator, then its words, punctuation and spaces allowed between them) close after
the row before; a misspelt label is placed by its position between the rows found around it when its
enumerator and words confirm it. The run of digits right after a label holds that row's cells; a
space inside a run is the padding of a cell, so a cell boundary. The digits are split back with
``runtogether``: by the one split of the whole table that satisfies every relation of the form, else
row by row where a row's own total allows one split only (table 二 has no relation: a row is read only
when its digits allow a single split). Every cell of a table found that is not read so is returned
as unread — never guessed, never silent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher
from functools import lru_cache

from core import schema
from core.model import IndicatorValue
from core.schema import Row
from core.tables import runtogether
from core.tables.tokens import enumerator, label_key
from core.textnorm import normalize

UNREAD = "unread"
_CJK = "\u4e00-\u9fff"
_GAP = rf"[^{_CJK}\d]{{0,3}}"  # punctuation or spaces between two words of a label
WINDOW = 260  # characters after a row's label in which the next row's label must start
CONFIDENCE = 0.7  # a split found by the form's arithmetic, not by separators
T3_CELLS = len(schema.T3_COLUMNS)
FUZZY = 0.75  # how closely a misspelt label found by its position must match the form's words
# The run of cells after a label: a few characters of punctuation (the label's closing bracket),
# then digits, spaces (a cell's padding) and at most one decimal point (an amount).
_RUN = re.compile(rf"[^{_CJK}\d\n]{{0,4}}?(\d[\d \t\u00a0\u3000]*(?:\.\d+)?)")
_SPACE = " \t\u00a0\u3000"


@dataclass(frozen=True)
class _Run:
    """The digits after one row label: ``digits`` joined, ``where[k]`` the text offset of digit k,
    ``breaks`` the positions in ``digits`` where a space stood (a cell ends there)."""

    digits: str
    where: tuple[int, ...]
    breaks: frozenset[int]


@lru_cache(maxsize=256)
def _label_re(label: str) -> re.Pattern[str]:
    """A row label as printed, its enumerator optional, any punctuation between its words."""
    norm = normalize(label)
    enum = enumerator(norm)
    body = _GAP.join(map(re.escape, label_key(norm)))
    if enum.isdigit():
        pre = rf"(?:{enum}\s*[.、]\s*)?"
    elif enum:
        pre = rf"(?:\(\s*{enum}\s*\)\s*|{enum}\s*[、.]\s*)?"
    else:
        pre = ""
    return re.compile(pre + body)


def _find_row(norm: str, row: Row, lo: int, hi: int) -> tuple[int, int] | None:
    for label in (schema.plain_label(row.label), *row.variants):
        m = _label_re(label).search(norm, lo, hi)
        if m:
            return m.start(), m.end()
    return None


def _run_after(text: str, norm: str, end: int, hi: int) -> _Run | None:
    """The digits right after a label ending at ``end`` (up to ``hi``)."""
    m = _RUN.match(norm, end, hi)
    if not m:
        return None
    digits: list[str] = []
    where: list[int] = []
    breaks: set[int] = set()
    for i in range(m.start(1), m.end(1)):
        ch = norm[i]
        if ch in _SPACE:
            if digits:
                breaks.add(len(digits))
        else:
            digits.append(ch)
            where.append(i)
    joined = "".join(digits)
    return _Run(joined, tuple(where), frozenset(b for b in breaks if b < len(joined)))


@lru_cache(maxsize=256)
def _enumerated_re(label: str) -> re.Pattern[str] | None:
    """A row's enumerator (required) and the words after it, whatever they are."""
    enum = enumerator(normalize(label))
    if enum.isdigit():
        pre = rf"{enum}\s*[.、]\s*"
    elif enum:
        pre = rf"(?:\(\s*{enum}\s*\)\s*|{enum}\s*[、.]\s*)"
    else:
        return None
    return re.compile(pre + rf"([{_CJK}][^\d\n]*?)(?=\d|$)")


def _find_by_position(norm: str, row: Row, lo: int, hi: int) -> tuple[int, int] | None:
    """A row whose label is misspelt (``2.其他法律行政止公开``), found where the form puts it — between
    the rows found around it — by its enumerator, its words confirming it (fuzzy)."""
    label = schema.plain_label(row.label)
    pattern = _enumerated_re(label)
    if pattern is None:
        return None
    key = label_key(normalize(label))
    for m in pattern.finditer(norm, lo, hi):
        words = label_key(m.group(1))
        if words and SequenceMatcher(None, words, key, autojunk=False).ratio() >= FUZZY:
            return m.start(), m.end()
    return None


def _chain(norm: str, rows: Sequence[Row], start: int) -> dict[str, tuple[int, int]]:
    """Row key → label span, each row looked for in form order close after the one found before; a
    row not found by its words is then looked for by position between its neighbours."""
    out: dict[str, tuple[int, int]] = {}
    pos = start
    for row in rows:
        hit = _find_row(norm, row, pos, min(len(norm), pos + WINDOW))
        if hit is not None:
            out[row.key] = hit
            pos = hit[1]
    for k, row in enumerate(rows):
        if row.key in out:
            continue
        before = [out[r.key][1] for r in rows[:k] if r.key in out]
        after = [out[r.key][0] for r in rows[k + 1 :] if r.key in out]
        if not before or not after:
            continue  # only between two rows found: the form's position is what places it
        hit = _find_by_position(norm, row, before[-1], after[0])
        if hit is not None:
            out[row.key] = hit
    return out


def _value(iid: str, text: str, run: _Run, a: int, b: int, v: Decimal) -> IndicatorValue:
    s, e = run.where[a], run.where[b - 1] + 1
    return IndicatorValue(
        id=iid,
        kind="zero" if v == 0 else "number",
        value=v,
        raw=text[s:e],
        start=s,
        end=e,
        confidence=CONFIDENCE,
    )


def _unread(ids: Sequence[str]) -> dict[str, IndicatorValue]:
    return {iid: IndicatorValue(id=iid, kind=UNREAD, value=None, confidence=0.0) for iid in ids}


def _ids(prefix: str, rows: Sequence[Row]) -> list[str]:
    return [f"{prefix}.{r.key}.{c.key}" for r in rows for c in r.columns]


def _rows_runs(
    text: str, norm: str, rows: Sequence[Row], labels: dict[str, tuple[int, int]]
) -> dict[str, _Run | None]:
    """Row key → its run of digits (None: no digits, or digits also elsewhere before the next row)."""
    found = [r for r in rows if r.key in labels]
    out: dict[str, _Run | None] = {}
    for k, row in enumerate(found):
        end = labels[row.key][1]
        nxt = labels[found[k + 1].key][0] if k + 1 < len(found) else min(len(norm), end + 40)
        run = _run_after(text, norm, end, nxt)
        rest_from = run.where[-1] + 1 if run and run.where else end
        if k + 1 < len(found) and any(c.isdigit() for c in norm[rest_from:nxt]):
            run = None  # (more) digits before the next row: not this row's cells alone
        elif run is None:
            run = _Run("", (), frozenset())  # a row left blank: its label, then the next row's
        out[row.key] = run
    return out


# -- table 三 ---------------------------------------------------------------------------------------
def _t3_rows(norm: str, at: int) -> tuple[Row, ...]:
    region = norm[at : at + 3000]
    split = any(w in region for w in ("逾期不补正", "逾期未按收费"))
    return tuple(r for r in schema.T3_ROWS if not (r.key == "r6" if split else r.key.startswith("r6_")))


def _t3(text: str, norm: str) -> tuple[dict[str, IndicatorValue], int, int] | None:
    """Table 三 and the offsets where it starts and ends, or None when it is not there as flattened
    rows."""
    first = schema.T3_ROWS[0]
    for m in _label_re(schema.plain_label(first.label)).finditer(norm):
        if not _RUN.match(norm, m.end(), m.end() + 40):
            continue
        rows = _t3_rows(norm, m.start())
        labels = _chain(norm, rows, m.start())
        if len(labels) < len(rows) // 2:
            continue
        runs = _rows_runs(text, norm, rows, labels)
        end = max(b for _, b in labels.values())
        last = runs.get(rows[-1].key)
        if last is not None and last.where:
            end = last.where[-1] + 1
        return _t3_values(text, rows, labels, runs), m.start(), end
    return None


def _t3_values(
    text: str, rows: Sequence[Row], labels: dict[str, tuple[int, int]], runs: dict[str, _Run | None]
) -> dict[str, IndicatorValue]:
    out = _unread(_ids("t3", rows))
    split = _t3_split(rows, runs)
    for row in rows:
        run = runs.get(row.key)
        if run is None or row.key not in split:
            continue
        cells = split[row.key]
        if cells is None:  # a row left blank: every cell empty, pointing at the row's label
            s, e = labels[row.key]
            for col in row.columns:
                iid = f"t3.{row.key}.{col.key}"
                out[iid] = IndicatorValue(
                    id=iid, kind="empty", value=None, raw="", start=s, end=e, confidence=CONFIDENCE
                )
            continue
        for col, v, (a, b) in zip(row.columns, cells, runtogether.offsets(run.digits, cells), strict=True):
            iid = f"t3.{row.key}.{col.key}"
            out[iid] = _value(iid, text, run, a, b, Decimal(v))
    return out


def _t3_split(rows: Sequence[Row], runs: dict[str, _Run | None]) -> dict[str, tuple[int, ...] | None]:
    """Row key → its cells (None: a row left blank) for the rows whose split is certain.

    The one split of the whole table that satisfies every relation of the form; when there is none
    (the published table does not add up, a row was not placed) or more than one, the rows that only
    one split satisfies their own total already — the others stay unread, and the checks show what
    does not add up."""
    if not any(r is not None and r.digits for r in runs.values()):
        return {}  # no cell shown at all (values drawn as pictures): unread, never blank
    if len(runs) == len(rows) and all(r is not None for r in runs.values()):
        digits: dict[str, str | None] = {k: r.digits for k, r in runs.items() if r is not None}
        breaks = {k: r.breaks for k, r in runs.items() if r is not None}
        results = [r.key for r in rows if r.group and r.key != "r7_total"]
        whole = runtogether.solve_t3(digits, results, breaks=breaks)
        if whole is not None:
            return whole
    out: dict[str, tuple[int, ...] | None] = {}
    for key, run in runs.items():
        if run is None:
            continue
        if not run.digits:
            out[key] = None
            continue
        cands = [
            c
            for c in runtogether.row_splits(run.digits, T3_CELLS, totalled=True)
            if run.breaks <= runtogether.ends(c)
        ]
        if len(cands) == 1:
            out[key] = cands[0]
    return out


# -- table 二 ---------------------------------------------------------------------------------------
def _t2(text: str, norm: str, hi: int) -> dict[str, IndicatorValue]:
    at = norm.rfind("第二十条第(一)项", 0, hi)
    if at < 0:
        return {}
    region = norm[at:hi]
    n2019 = sum(label_key(h) in label_key(region) for h in schema.T2_HEADERS_2019)
    prefix, rows = ("t2_2019", schema.T2_2019_ROWS) if n2019 >= 2 else ("t2", schema.T2_ROWS)
    labels = _chain(norm, rows, at)
    labels = {k: v for k, v in labels.items() if v[1] <= hi}
    runs = _rows_runs(text, norm, rows, labels)
    if sum(bool(r and r.digits) for r in runs.values()) < 2:
        return {}
    out = _unread(_ids(prefix, rows))
    for row in rows:
        run = runs.get(row.key)
        if run is None:
            continue
        n = len(row.columns)
        if "." in run.digits:
            if n != 1 or run.breaks:
                continue
            cells: tuple[Decimal, ...] = (Decimal(run.digits),)
            spans = [(0, len(run.digits))]
        else:
            split = runtogether.unique_split(run.digits, n, run.breaks)
            if split is None:
                continue
            cells = tuple(Decimal(v) for v in split)
            spans = runtogether.offsets(run.digits, split)
        for col, v, (a, b) in zip(row.columns, cells, spans, strict=True):
            iid = f"{prefix}.{row.key}.{col.key}"
            out[iid] = _value(iid, text, run, a, b, v)  # a decimal's span is its whole run
    return out


# -- table 四 ---------------------------------------------------------------------------------------
_T4_HEAD = re.compile(_GAP.join(map(re.escape, "".join(label_key(c.label) for c in schema.T4_COLUMNS))))


def _t4(text: str, norm: str, lo: int) -> dict[str, IndicatorValue]:
    heads = list(_T4_HEAD.finditer(norm, lo, min(len(norm), lo + 1500)))
    if not heads:
        return {}
    groups = [g for g, _ in schema.T4_GROUPS]
    cols = schema.T4_COLUMNS
    out = _unread([f"t4.{g}.{c.key}" for g in groups for c in cols])
    runs = [_run_after(text, norm, m.end(), min(len(norm), m.end() + 80)) for m in heads]
    with_cells = [r for r in runs if r is not None]
    if len(with_cells) == len(groups) and len(heads) == len(groups):
        parts = [(r, 1) for r in with_cells]  # three small tables, one group each
    elif len(with_cells) == 1 and runs[-1] is not None:
        parts = [(runs[-1], len(groups))]
    else:
        return out
    g = 0
    for run, n in parts:
        split = runtogether.solve_groups(run.digits, n, len(cols), run.breaks)
        if split is None:
            return _unread(list(out))
        pos = 0
        for cells in split:
            for col, v, (a, b) in zip(cols, cells, runtogether.offsets(run.digits[pos:], cells), strict=True):
                iid = f"t4.{groups[g]}.{col.key}"
                out[iid] = _value(iid, text, run, pos + a, pos + b, Decimal(v))
            pos += len("".join(map(str, cells)))
            g += 1
    return out


def read(text: str) -> dict[str, dict[str, IndicatorValue]]:
    """Tables found flattened in ``text``: table prefix (``t2``, ``t2_2019``, ``t3``, ``t4``) → every
    cell of that table, read or unread."""
    norm = normalize(text)
    out: dict[str, dict[str, IndicatorValue]] = {}
    t3 = _t3(text, norm)
    start, end = len(norm), 0
    if t3 is not None:
        out["t3"], start, end = t3
    t2 = _t2(text, norm, start)
    if t2:
        out[next(iter(t2)).split(".")[0]] = t2
    t4 = _t4(text, norm, end)
    if t4:
        out["t4"] = t4
    return out
