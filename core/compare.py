"""Year over year: one report's indicator values beside another's — by default the same issuer's
previous year (``Workspace.previous_report``) — as a diff in the official table order with large
changes flagged, and the cross-year carry check between the two. ``compare(now, before)`` is the
entry point; the carry check itself is ``core.checks.carry``, the one the stored checks also run.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from core import checks, vocab
from core.model import CheckResult
from core.tables import layout

LARGE_PCT = Decimal(50)  # a change of at least 50 % …
LARGE_ABS = Decimal(10)  # … and at least 10 in absolute terms is flagged


class Value(Protocol):
    """An indicator value as core reads it (``IndicatorValue``) or the store returns it (``IndicatorRow``)."""

    @property
    def kind(self) -> str: ...
    @property
    def value(self) -> Decimal | None: ...
    @property
    def raw(self) -> str: ...


@dataclass(frozen=True)
class DiffRow:
    """One indicator in both reports: the values and what each report's table shows."""

    indicator: str
    label: str
    now: Decimal | None
    before: Decimal | None
    now_text: str
    before_text: str

    @property
    def change(self) -> Decimal | None:
        if self.now is None or self.before is None:
            return None
        return self.now - self.before

    @property
    def pct(self) -> Decimal | None:
        d = self.change
        if d is None or not self.before:
            return None
        return d * 100 / abs(self.before)

    @property
    def changed(self) -> bool:
        return self.now_text != self.before_text

    @property
    def large(self) -> bool:
        d = self.change
        if d is None or abs(d) < LARGE_ABS:
            return False
        p = self.pct
        return p is None or abs(p) >= LARGE_PCT


def _cell(v: Value | None) -> tuple[Decimal | None, str]:
    if v is None:
        return None, ""
    if v.value is None:
        if v.kind == vocab.NOT_APPLICABLE:
            return None, v.raw.strip() or "/"
        return None, vocab.INDICATOR_KINDS[vocab.UNREAD_KIND if v.kind == vocab.UNREAD_KIND else vocab.BLANK]
    return v.value, layout.value_text(v.value)


def diff(now: Mapping[str, Value], before: Mapping[str, Value]) -> list[DiffRow]:
    """One row per indicator either report has, in the official table order."""
    ids = [i for i in layout.ORDER if i in now or i in before]
    ids += sorted((set(now) | set(before)) - set(ids))
    out = []
    for i in ids:
        a, at = _cell(now.get(i))
        b, bt = _cell(before.get(i))
        out.append(DiffRow(i, layout.label(i), a, b, at, bt))
    return out


@dataclass(frozen=True)
class Comparison:
    """``now`` against ``before``: the diff rows and the carry checks (``now``'s 上年结转 against
    ``before``'s 结转下年度)."""

    rows: tuple[DiffRow, ...]
    carry: tuple[CheckResult, ...]

    @property
    def n_changed(self) -> int:
        return sum(1 for r in self.rows if r.changed)

    @property
    def n_large(self) -> int:
        return sum(1 for r in self.rows if r.large)


def compare(now: Mapping[str, Value], before: Mapping[str, Value]) -> Comparison:
    """Compare a report's indicator values (``now``) with an earlier report's (``before``)."""
    return Comparison(tuple(diff(now, before)), tuple(checks.carry(now, before)))
