"""Cells run together: a row such as ``（七）总计15300030156`` whose separators a crawler dropped.

The digits of a row are split back into its cells only with the arithmetic the format prints beside
the table (勾稽关系): in table 三 each row's 总计 is the sum of its six columns, the result rows add up
to （七）总计 column by column, and 新收 + 上年结转 = （七）总计 + 结转下年度; in table 四 each group's
总计 is the sum of its four results. A table is recovered only when exactly one split of all its rows
satisfies every relation; otherwise it is not read (never guessed).

Cells are written without leading zeros (``05`` is not a cell); a row with no digits at all is a
row left blank.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import cache
from itertools import product

Split = tuple[int, ...]
MAX_DIGITS = 40  # a longer run is not a table row
MAX_CANDIDATES = 5000  # splits of one row that satisfy its own total; more is not solvable with confidence
MAX_STEPS = 50_000  # cuts tried for one row (a real row needs a few hundred)


def _parts(digits: str, n: int) -> Iterator[Split]:
    """Every way to cut ``digits`` into ``n`` numbers written without leading zeros."""
    if n == 1:
        if digits and (digits == "0" or digits[0] != "0"):
            yield (int(digits),)
        return
    if len(digits) < n:
        return
    first_max = 1 if digits[0] == "0" else len(digits) - n + 1
    for k in range(1, first_max + 1):
        head = int(digits[:k])
        for rest in _parts(digits[k:], n - 1):
            yield (head, *rest)


class _TooMany(Exception):
    """More cuts tried than a table row can need: the row is not split (reported unread)."""


def _summing(digits: str, n: int, target: int, budget: list[int]) -> Iterator[Split]:
    """Cuts of ``digits`` into ``n`` numbers (no leading zeros) that add up to ``target``."""
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooMany
    if n == 1:
        if digits and (digits == "0" or digits[0] != "0") and int(digits) == target:
            yield (target,)
        return
    width = len(str(target))
    if len(digits) < n or len(digits) > n * width:
        return  # every part is at most as wide as the sum
    if target >= n * 10 ** (len(digits) - n + 1):
        return  # the digits left cannot add up to that much
    first_max = 1 if digits[0] == "0" else min(width, len(digits) - n + 1)
    for k in range(1, first_max + 1):
        head = int(digits[:k])
        if head > target:
            break
        for rest in _summing(digits[k:], n - 1, target - head, budget):
            yield (head, *rest)


def row_splits(digits: str, n: int, totalled: bool) -> list[Split]:
    """Splits of one row into ``n`` cells; ``totalled``: the last cell is the sum of the others
    (searched from the total's width, so a long row is split in milliseconds)."""
    if len(digits) > MAX_DIGITS:
        return []
    if not totalled:
        parts = list(_parts(digits, n))
        return parts if len(parts) <= MAX_CANDIDATES else []
    out: list[Split] = []
    budget = [MAX_STEPS]
    try:
        for k in range(1, len(digits) - n + 2):
            total_text = digits[len(digits) - k :]
            if len(total_text) > 1 and total_text[0] == "0":
                continue
            total = int(total_text)
            for p in _summing(digits[: len(digits) - k], n - 1, total, budget):
                out.append((*p, total))
                if len(out) > MAX_CANDIDATES:
                    return []
    except _TooMany:
        return []
    return out


def ends(split: Split) -> frozenset[int]:
    """Positions in the row's digits where each cell of ``split`` ends."""
    out, pos = set(), 0
    for v in split:
        pos += len(str(v))
        out.add(pos)
    return frozenset(out)


def unique_split(digits: str, n: int, breaks: frozenset[int] = frozenset()) -> Split | None:
    """The one way to cut ``digits`` into ``n`` cells (no leading zeros) with a cell ending at every
    position of ``breaks``; None when there is none or more than one (a row without relations)."""
    if not digits or len(digits) > MAX_DIGITS:
        return None
    found: Split | None = None
    for k, p in enumerate(_parts(digits, n)):
        if k > MAX_CANDIDATES:
            return None
        if breaks <= ends(p):
            if found is not None:
                return None
            found = p
    return found


_BALANCE = ("new", "carried_in", "r7_total", "carried_out")  # 新收 + 上年结转 = （七）总计 + 结转下年度
_Ways = Callable[[int, Split], tuple[int, tuple[Split | None, ...]]]


def _vec(s: Split | None, n: int) -> Split:
    """A row's cells; zeros for a row left blank."""
    return (0,) * n if s is None else s


def _candidates(
    rows: dict[str, str | None], n: int, breaks: dict[str, frozenset[int]]
) -> dict[str, list[Split | None]] | None:
    """Each row's splits whose last cell is its total and whose cells end at its known breaks
    ([None] for a row left blank); None when a row has no such split."""
    cands: dict[str, list[Split | None]] = {}
    for key, digits in rows.items():
        if not digits:
            cands[key] = [None]
            continue
        c = row_splits(digits, n, totalled=True)
        known = breaks.get(key)
        if known:
            c = [s for s in c if known <= ends(s)]
        if not c:
            return None
        cands[key] = list(c)
    return cands


def _result_ways(cands: dict[str, list[Split | None]], res: Sequence[str], n: int) -> _Ways:
    """``ways(i, remaining)``: the number of ways (capped at 2) the result rows from ``i`` on add
    up to ``remaining``, with the first such choice."""

    @cache
    def count(i: int, remaining: Split) -> tuple[int, tuple[Split | None, ...]]:
        if i == len(res):
            return (1, ()) if not any(remaining) else (0, ())
        total = 0
        first: tuple[Split | None, ...] = ()
        for s in cands[res[i]]:
            left = tuple(a - b for a, b in zip(remaining, _vec(s, n), strict=True))
            if min(left) < 0:
                continue
            m, rest = count(i + 1, left)
            if m and not total:
                first = (s, *rest)
            total += m
            if total > 1:
                return 2, ()
        return total, first

    return count


def _balanced(new: Split, cin: Split, r7: Split, cout: Split) -> bool:
    """新收 + 上年结转 = （七）总计 + 结转下年度, column by column."""
    return all(a + b == c + d for a, b, c, d in zip(new, cin, r7, cout, strict=True))


def _one_solution(
    cands: dict[str, list[Split | None]], res: Sequence[str], n: int
) -> dict[str, Split | None] | None:
    """The one choice of the balance rows and the result rows satisfying the relations; None when
    there is none or more than one."""
    ways = _result_ways(cands, res, n)
    found: dict[str, Split | None] | None = None
    total = 0
    for r7, new, cin, cout in product(*(cands[k] for k in ("r7_total", "new", "carried_in", "carried_out"))):
        if not _balanced(_vec(new, n), _vec(cin, n), _vec(r7, n), _vec(cout, n)):
            continue
        m, picked = ways(0, _vec(r7, n))
        total += m
        if total > 1:
            return None
        if m == 1:
            found = {"new": new, "carried_in": cin, "r7_total": r7, "carried_out": cout}
            found.update(zip(res, picked, strict=True))
    return found


def solve_t3(
    rows: dict[str, str | None],
    results: Sequence[str],
    n: int = 7,
    breaks: dict[str, frozenset[int]] | None = None,
) -> dict[str, Split | None] | None:
    """The one split of table 三 that satisfies every relation, or None (none, or more than one).

    ``rows``: row key → its digits ('' or None for a row left blank); ``results`` the keys of the
    result rows that add up to ``r7_total``; ``breaks``: row key → positions in its digits where a
    cell is known to end (a space in the copy). A blank row is returned as None."""
    if any(not rows.get(k) for k in _BALANCE):
        return None
    cands = _candidates(rows, n, breaks or {})
    if cands is None:
        return None
    found = _one_solution(cands, [k for k in results if k in cands], n)
    if found is None:
        return None
    for key in cands:  # a row outside the relations: its one split
        found.setdefault(key, cands[key][0] if len(cands[key]) == 1 else None)
    if any(found[k] is None and rows.get(k) for k in cands):
        return None  # a row outside the relations with more than one split
    return found


def solve_groups(
    digits: str, groups: int, size: int = 5, breaks: frozenset[int] = frozenset()
) -> list[Split] | None:
    """Table 四 written as one run of digits: ``groups`` groups of ``size`` cells, each group's last cell
    the sum of the others; ``breaks``: positions where a cell is known to end. The one split, or None."""
    if not digits or len(digits) > MAX_DIGITS:
        return None
    sols: list[list[Split]] = []

    def walk(rest: str, acc: list[Split]) -> None:
        if len(sols) > 1:
            return
        if len(acc) == groups:
            if not rest:
                sols.append(list(acc))
            return
        base = len(digits) - len(rest)
        for cut in range(size, len(rest) + 1):
            inside = {b - base for b in breaks if base < b <= base + cut}
            for p in row_splits(rest[:cut], size, totalled=True):
                if not inside <= ends(p):
                    continue
                walk(rest[cut:], [*acc, p])
                if len(sols) > 1:
                    return

    walk(digits, [])
    return sols[0] if len(sols) == 1 else None


def offsets(digits: str, split: Split) -> list[tuple[int, int]]:
    """(start, end) of each cell of ``split`` within ``digits``."""
    out, pos = [], 0
    for v in split:
        w = len(str(v))
        out.append((pos, pos + w))
        pos += w
    return out
