"""The arithmetic the report format implies: ``run(values, figures, previous) -> [CheckResult]``.

Every relation of the schema (``core.schema.RULES``) is evaluated on the cells that were read. A
relation none of whose cells were read is skipped; one with a blank or “/” input, or with a cell the
reader could not read (kind ``unread``), is reported as ``not_checkable`` (never failed) and says
which (``无法核对：3 个单元格未读出``); otherwise ``pass`` or ``fail`` with the formula and its values,
e.g. ``10+1+0+0 = 11 ≠ 0``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Generic, Protocol, TypeVar, cast

from core import schema, vocab
from core.model import CheckResult, Figure, IndicatorValue

PASS, FAIL, NOT_CHECKABLE = "pass", "fail", "not_checkable"
ERROR, WARNING = "error", "warning"
_BLANK = "空"  # how a formula writes a blank or “/” cell
UNREAD = vocab.UNREAD_KIND


def _cells_text(values: Mapping[str, IndicatorValue], ids: Sequence[str]) -> str:
    return "+".join(
        "?" if i in values and values[i].kind == UNREAD else _fmt(values[i].value if i in values else None)
        for i in ids
    )


_WORDED: dict[Decimal, str] = {}  # a report's checks word the same few values hundreds of times


def _fmt(v: Decimal | None) -> str:
    if v is None:
        return _BLANK
    if not v:  # zero, written 0 or -0 whatever its exponent
        return "-0" if v.is_signed() else "0"
    if v.is_finite():  # the text of a non-zero number depends on its value alone (not -0)
        s = _WORDED.get(v)
        if s is None:
            s = _worded(v)
            if len(_WORDED) < 10_000:
                _WORDED[v] = s
        return s
    return _worded(v)


def _worded(v: Decimal) -> str:
    s = format(v.normalize(), "f") if v == v.to_integral_value() else format(v, "f")
    return s.rstrip("0").rstrip(".") if "." in s else s


def _sum_text(vals: Sequence[Decimal | None]) -> str:
    worded = _WORDED.get
    return "+".join([(v and worded(v)) or _fmt(v) for v in vals])  # (v and …): a blank, 0 and -0 are worded


def _equation(
    rule: str,
    subject: str,
    values: Mapping[str, IndicatorValue],
    left: Sequence[str],
    right: Sequence[str],
    severity: str = ERROR,
) -> CheckResult | None:
    """Σ left = Σ right over the indicator ids given; None when none of them was read."""
    ids = (*left, *right)
    cells = list(map(values.get, ids))
    if all(c is None or c.kind == vocab.NOT_STATED for c in cells):  # nothing the report states
        return None
    status, formula = _evaluated(values, cells, left, right)
    return CheckResult(
        rule=rule, subject=subject, status=status, severity=severity, formula=formula, cells=ids
    )


def _evaluated(
    values: Mapping[str, IndicatorValue],
    cells: Sequence[IndicatorValue | None],
    left: Sequence[str],
    right: Sequence[str],
) -> tuple[str, str]:
    """An equation's status and its formula with the values: 10+1+0+0 = 11 ≠ 12."""
    vals = [c.value if c is not None else None for c in cells]
    lv, rv = vals[: len(left)], vals[len(left) :]
    n_unread = sum(1 for c in cells if c is not None and c.kind == UNREAD)
    if n_unread:
        lt, rt = _cells_text(values, left), _cells_text(values, right)
        return NOT_CHECKABLE, f"{lt} = {rt}（无法核对：{n_unread} 个单元格未读出）"
    lt, rt = _sum_text(lv), _sum_text(rv)
    if any(v is None for v in vals):  # (``None in vals`` would ask Decimal.__eq__)
        return NOT_CHECKABLE, f"{lt} = {rt}（有空白或不适用单元格，无法核对）"
    ls = sum(cast("list[Decimal]", lv), Decimal(0))  # no blank cell is left
    rs = sum(cast("list[Decimal]", rv), Decimal(0))
    lhs = f"{lt} = {_fmt(ls)}" if len(lv) > 1 else lt
    rhs = f"{rt} = {_fmt(rs)}" if len(rv) > 1 else rt
    if ls == rs:
        return PASS, f"{lhs}，{rhs} ✓" if len(rv) > 1 else f"{lhs} ✓"
    return FAIL, f"{lhs} ≠ {rhs}" if len(rv) > 1 else f"{lhs} ≠ {rt}"


# An equation: rule, subject, the ids summed on the left and those on the right.
_Relation = tuple[str, str, tuple[str, ...], tuple[str, ...]]


@lru_cache(maxsize=2)
def _t3_relations(six: bool) -> tuple[_Relation, ...]:
    """Table 三's equations; ``six``: （六）其他处理 is one row (2019), else its sub-rows are summed."""
    out: list[_Relation] = []
    for row in schema.T3_ROWS:
        parts = tuple(f"t3.{row.key}.{c}" for c in schema.T3_PARTS)
        out.append(("t3.row_total", row.key, parts, (f"t3.{row.key}.total",)))
    results = [r for r in schema.T3_RESULT_ROWS if (r == "r6") == six or not r.startswith("r6")]
    for col in schema.T3_COLUMNS:
        c = col.key
        out.append(
            (
                "t3.balance",
                c,
                (f"t3.new.{c}", f"t3.carried_in.{c}"),
                (f"t3.r7_total.{c}", f"t3.carried_out.{c}"),
            )
        )
        out.append(("t3.results_total", c, tuple(f"t3.{r}.{c}" for r in results), (f"t3.r7_total.{c}",)))
    return tuple(out)


@lru_cache(maxsize=1)
def _t4_relations() -> tuple[_Relation, ...]:
    return tuple(
        (
            "t4.group_total",
            g,
            tuple(f"t4.{g}.{c.key}" for c in schema.T4_COLUMNS[:-1]),
            (f"t4.{g}.total",),
        )
        for g, _ in schema.T4_GROUPS
    )


def _t3(values: Mapping[str, IndicatorValue]) -> list[CheckResult | None]:
    six = any(k.startswith("t3.r6.") for k in values)
    return [
        _equation(rule, subject, values, left, right) for rule, subject, left, right in _t3_relations(six)
    ]


def _t4(values: Mapping[str, IndicatorValue]) -> list[CheckResult | None]:
    return [_equation(rule, subject, values, left, right) for rule, subject, left, right in _t4_relations()]


@vocab.derived
def _amounts() -> dict[str, bool]:
    """Indicator id → whether it is an amount of money (filled as ids are met)."""
    return {}


def _is_amount(iid: str) -> bool:
    amounts = _amounts()
    amount = amounts.get(iid)
    if amount is None:
        ind = schema.by_id().get(iid)
        unit = vocab.unit(ind.unit) if ind is not None else None
        amount = amounts[iid] = unit is not None and unit.money
    return amount


def _non_negative(values: Mapping[str, IndicatorValue]) -> list[CheckResult]:
    out: list[CheckResult] = []
    checked = 0
    for iid, v in values.items():
        value = v.value
        if value is None or iid.endswith(".delta"):  # 本年增/减 may be negative
            continue
        checked += 1
        if value < 0:
            wrong = f"{_fmt(value)} < 0"
        elif value != value.to_integral_value() and not _is_amount(iid):  # money need not be whole
            wrong = f"{_fmt(value)} 不是整数"
        else:
            continue
        out.append(
            CheckResult(
                rule="non_negative", subject=iid, status=FAIL, severity=ERROR, formula=wrong, cells=(iid,)
            )
        )
    if checked and not out:
        out.append(
            CheckResult(
                rule="non_negative",
                subject="all",
                status=PASS,
                severity=ERROR,
                formula=f"{checked} 个数值均为非负，件数均为整数 ✓",
            )
        )
    return out


_T3_GROUP_ROWS = {"r3": 8, "r4": 3, "r5": 5, "r6": 3}


_T3_SUMS = {"r1_r2": ("r1", "r2"), "received": ("new", "carried_in")}


def _derived(values: Mapping[str, IndicatorValue], indicator: str) -> IndicatorValue | None:
    """Sums the prose names but the tables split: ``t4.suit.<result>`` (both lawsuit groups, when the
    prose does not say which), ``t3.r3.total`` … ``t3.r6.total`` (不予公开 … 其他处理, the sum of
    their numbered sub-rows), ``t3.r1_r2`` (予以公开及部分公开) and ``t3.received`` (新收 + 上年结转)."""
    if indicator.startswith("t4.suit."):
        result = indicator.rsplit(".", 1)[1]
        parts = [values.get(f"t4.{g}.{result}") for g in ("suit_direct", "suit_after_review")]
    elif indicator.startswith("t3.") and indicator.split(".")[1] in _T3_SUMS:
        row, col = indicator.split(".")[1:]
        parts = [values.get(f"t3.{r}.{col}") for r in _T3_SUMS[row]]
    elif indicator.startswith("t3.") and indicator.split(".")[1] in _T3_GROUP_ROWS:
        row, col = indicator.split(".")[1:]
        parts = [values.get(f"t3.{row}_{k}.{col}") for k in range(1, _T3_GROUP_ROWS[row] + 1)]
    else:
        return None
    if any(p is None for p in parts):
        return None
    if any(p is not None and p.kind == UNREAD for p in parts):
        return IndicatorValue(id=indicator, kind=UNREAD, value=None)
    nums = [p.value for p in parts if p is not None]
    total = None if any(x is None for x in nums) else sum((x for x in nums if x is not None), Decimal(0))
    return IndicatorValue(id=indicator, kind=vocab.NUMBER if total is not None else vocab.BLANK, value=total)


def stands_for(indicator: str) -> tuple[str, ...]:
    """The table cells a reading stands for: the indicator itself, or the cells a sum the prose names
    adds up (``t3.received`` → 新收 and 上年结转 of its column; ``t3.r3.total`` → the numbered rows …)."""
    if indicator.startswith("t4.suit."):
        result = indicator.rsplit(".", 1)[1]
        return tuple(f"t4.{g}.{result}" for g in ("suit_direct", "suit_after_review"))
    parts = indicator.split(".")
    if indicator.startswith("t3.") and len(parts) == 3 and parts[1] in _T3_SUMS:
        return tuple(f"t3.{r}.{parts[2]}" for r in _T3_SUMS[parts[1]])
    if indicator.startswith("t3.") and len(parts) == 3 and parts[1] in _T3_GROUP_ROWS:
        return tuple(f"t3.{parts[1]}_{k}.{parts[2]}" for k in range(1, _T3_GROUP_ROWS[parts[1]] + 1))
    return (indicator,)


def tied_figures(results: Iterable[Checked], confirmed: Iterable[str]) -> list[int]:
    """The narrative figures (by start) that a passing check ties to table cells all of which are in
    ``confirmed``: confirming the table confirms them, the check having shown they agree."""
    done = set(confirmed)
    out: list[int] = []
    for k in results:
        if k.rule != "narrative_vs_table" or k.status != PASS:
            continue
        starts = [int(c[4:]) for c in k.cells if c.startswith("fig:")]
        cells = [c for c in k.cells if not c.startswith("fig:")]
        if starts and cells and all(p in done for c in cells for p in stands_for(c)):
            out.extend(starts)
    return out


# How a qualified narrative figure agrees with a table value: 500余件 is 500 to 600, 约300 within a tenth.
_AGREES: dict[str | None, Callable[[Decimal, Decimal], bool]] = {
    None: lambda f, t: t == f,
    "more_than": lambda f, t: f <= t <= f * Decimal("1.2"),
    "at_least": lambda f, t: t >= f,
    "at_most": lambda f, t: t <= f,
    "less_than": lambda f, t: t < f,
    "nearly": lambda f, t: f * Decimal("0.8") <= t <= f,
    "about": lambda f, t: abs(t - f) <= f / 10,
}


_READING_NAMES = {"t3.new": "新收", "t3.received": "新收+上年结转", "t3.r1_r2": "予以公开+部分公开"}


def _reading_name(indicator: str, several: bool) -> str:
    """``表格`` for the one plain reading; the reading's words when it is a sum or one of several."""
    row = indicator.rpartition(".")[0]
    if not several and row not in schema.DERIVED_ROWS:
        return "表格"
    return f"表格（{_READING_NAMES.get(row) or schema.short_label(indicator) or indicator}）"


def _narrative(values: Mapping[str, IndicatorValue], figures: Iterable[Figure]) -> list[CheckResult]:
    """A narrative figure against the table: each reading its words allow (共受理N件: 新收, or 新收 +
    上年结转) is compared; the check fails only when no reading agrees, and names what was compared."""
    from core.figures import labels  # the figure readers: not loaded by a window that only shows checks

    out: list[CheckResult] = []
    for f in figures:
        if f.source != "text" or not f.indicator or f.qualifier not in _AGREES:
            continue
        compared = []
        for rid in labels.readings(f.indicator, f.label):
            v = values.get(rid) or _derived(values, rid)
            if v is not None:
                compared.append((rid, v))
        if not compared:
            continue
        cells = (f.indicator, *(rid for rid, _ in compared if rid != f.indicator), f"fig:{f.start}")
        status, formula = _narrative_verdict(f, compared)
        out.append(
            CheckResult(
                rule="narrative_vs_table",
                subject=f.indicator,
                status=status,
                severity=WARNING,
                formula=formula,
                cells=cells,
            )
        )
    return out


def _narrative_verdict(f: Figure, compared: Sequence[tuple[str, IndicatorValue]]) -> tuple[str, str]:
    """The status and formula of a narrative figure against the readings of the table it names."""
    shown = vocab.qualified(f.qualifier, _fmt(f.value))  # 500余, 不超过3
    if any(v.kind == UNREAD for _, v in compared):
        return NOT_CHECKABLE, f"正文 {shown}，表格单元格{vocab.UNREAD}（无法核对）"
    numbers = [(rid, v.value) for rid, v in compared if v.value is not None]
    if len({t for _, t in numbers}) == 1:
        numbers = numbers[:1]  # 上年结转 0: both readings are one number
    several = len(numbers) > 1
    if not numbers:
        return NOT_CHECKABLE, f"正文 {shown}，表格为{_BLANK}"
    agrees = _AGREES[f.qualifier]
    match = next(((rid, t) for rid, t in numbers if agrees(f.value, t)), None)
    if match is not None:
        rid, t = match
        sign = "=" if f.qualifier is None else "≈"
        return PASS, f"正文 {shown} {sign} {_reading_name(rid, several)} {_fmt(t)} ✓"
    formula = f"正文 {shown} ≠ " + "；≠ ".join(
        f"{_reading_name(rid, several)} {_fmt(t)}" for rid, t in numbers
    )
    if several:
        formula += "（各种读法均不符）"
    return FAIL, formula


class Valued(Protocol):
    """An indicator value as core reads it or as the store returns it (``IndicatorRow``)."""

    @property
    def value(self) -> Decimal | None: ...

    @property
    def kind(self) -> str: ...


def carry(values: Mapping[str, Valued], previous: Mapping[str, Valued]) -> list[CheckResult]:
    """The cross-year carry check: this year's 上年结转 against last year's 结转下年度, per column of
    table 三 (``core.compare`` shows it beside the year-over-year diff)."""
    out: list[CheckResult] = []
    for col in schema.T3_COLUMNS:
        now, before = f"t3.carried_in.{col.key}", f"t3.carried_out.{col.key}"
        if now not in values or before not in previous:
            continue
        a, b = values[now].value, previous[before].value
        cells = (now, f"previous:{before}")
        if UNREAD in (values[now].kind, previous[before].kind):
            which = "本年" if values[now].kind == UNREAD else "上年"
            status, formula = NOT_CHECKABLE, f"{which}单元格{vocab.UNREAD}（无法核对）"
        elif a is None or b is None:
            status = NOT_CHECKABLE
            formula = f"本年上年结转 {_fmt(a)}，上年结转下年度 {_fmt(b)}（有空白单元格，无法核对）"
        elif a == b:
            status, formula = PASS, f"{_fmt(a)} = 上年 {_fmt(b)} ✓"
        else:
            status, formula = FAIL, f"{_fmt(a)} ≠ 上年 {_fmt(b)}"
        out.append(
            CheckResult(
                rule="cross_year.carry",
                subject=col.key,
                status=status,
                severity=ERROR,
                formula=formula,
                cells=cells,
            )
        )
    return out


@lru_cache(maxsize=1)
def _equations() -> dict[tuple[str, str, tuple[str, ...]], tuple[tuple[str, ...], tuple[str, ...]]]:
    """Every equation of both report formats by (rule, subject, cells) → (left cells, right cells)."""
    relations = (*_t3_relations(False), *_t3_relations(True), *_t4_relations())
    return {(rule, subject, (*left, *right)): (left, right) for rule, subject, left, right in relations}


def equation_cells(check: Checked) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The cells on the left and on the right of an equation check (``t3.row_total``, ``t3.balance``,
    ``t3.results_total``, ``t4.group_total``), from the relation it evaluated; ((), ()) for a check
    that is not an equation."""
    return _equations().get((check.rule, check.subject, tuple(check.cells)), ((), ()))


def sides(
    check: Checked, values: Mapping[str, Valued]
) -> tuple[tuple[Decimal | None, ...], tuple[Decimal | None, ...]]:
    """The values on the left and right of an equation check as its cells hold them, ``None`` for a
    blank, “/”, unread or absent cell: a row ``10+1+0+0 = 11 ≠ 12`` → ((10, 1, 0, 0), (12,)). Read
    from the values, never from the formula, which is worded for people."""
    left, right = equation_cells(check)

    def side(ids: tuple[str, ...]) -> tuple[Decimal | None, ...]:
        return tuple(values[i].value if i in values and values[i].kind != UNREAD else None for i in ids)

    return side(left), side(right)


class Checked(Protocol):
    """A check as core made it or the workspace keeps it (``CheckResult``, ``CheckRow``)."""

    @property
    def rule(self) -> str: ...
    @property
    def subject(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def cells(self) -> tuple[str, ...]: ...


C = TypeVar("C", bound=Checked)


def is_open_failure(check: object) -> bool:
    """A failing check the reviewer has not accepted (a ``CheckResult`` is never accepted)."""
    return getattr(check, "status", None) == FAIL and not getattr(check, "accepted", False)


def failing_cells(results: Iterable[object]) -> set[str]:
    """The cells (indicator ids, ``fig:START``, ``previous:ID``) of the failing checks not accepted:
    what the figure list and the tables show as failing."""
    return {c for k in results if is_open_failure(k) for c in getattr(k, "cells", ())}


def figure_cells(start: int, indicator: str | None) -> list[str]:
    """The cells a narrative figure stands for in the checks: its position and its indicator."""
    return [f"fig:{start}", indicator] if indicator else [f"fig:{start}"]


class Reviewed(Valued, Protocol):
    @property
    def status(self) -> str: ...


def to_fill(ids: Iterable[str], values: Mapping[str, Reviewed]) -> list[str]:
    """The cells of ``ids`` with no number a reviewer can confirm at once, to fill first: a cell the
    report does not give (not stated), one the program could not read (unread), or a blank not
    reviewed yet (a blank may be a number lost in reading: the reviewer says it is blank by leaving
    the cell empty, and it is filled). “/” is a reading."""
    return [
        i
        for i in ids
        if i not in values
        or values[i].kind == UNREAD
        or (values[i].kind == vocab.BLANK and values[i].value is None and values[i].status == "pending")
    ]


def blocking_checks(results: Iterable[C], cells: Iterable[str]) -> list[C]:
    """The failing checks not accepted among ``results`` that involve any of ``cells`` (indicator ids,
    ``fig:START``), in the order given."""
    wanted = set(cells)
    return [c for c in results if is_open_failure(c) and wanted & set(c.cells)]


@dataclass(frozen=True)
class Confirmation(Generic[C]):
    """Whether cells may be confirmed, and if not, why: cells still to fill, failing checks to accept."""

    to_fill: tuple[str, ...]
    blocking: tuple[C, ...]


def confirmation(
    cells: Sequence[str], results: Iterable[C], values: Mapping[str, Reviewed] | None = None
) -> Confirmation[C]:
    """The one rule of what may be confirmed, asked by the figure list and the table view alike: no
    cell without a reading (``to_fill``; only when ``values`` are given: a table's cells), and no
    failing check the reviewer has not accepted among the checks the cells take part in."""
    missing = tuple(to_fill(cells, values)) if values is not None else ()
    return Confirmation(missing, tuple(blocking_checks(results, cells)))


def run(
    values: Mapping[str, IndicatorValue],
    figures: Iterable[Figure] = (),
    previous: Mapping[str, IndicatorValue] | None = None,
) -> list[CheckResult]:
    """Evaluate every relation on ``values``; ``previous`` is last year's indicator values."""
    found = [*_t3(values), *_t4(values)]
    out = [c for c in found if c is not None]
    out += _non_negative(values)
    out += _narrative(values, figures)
    if previous:
        out += carry(values, previous)
    return out


def subject_name(rule: str, subject: str) -> str:
    """A Chinese name for what a check is about: a row, a column, a group or an indicator (the checks
    panel and the review record show the same names)."""
    if subject == "all":
        return "全部数值"
    if rule == "t3.row_total":
        row = next((r for r in schema.T3_ROWS if r.key == subject), None)
        return schema.brief_label(row.label) if row else subject
    if rule in ("t3.balance", "t3.results_total", "cross_year.carry"):
        col = next((c for c in schema.T3_COLUMNS if c.key == subject), None)
        return schema.own_label(col.label) if col else subject
    if rule == "t4.group_total":
        return dict(schema.T4_GROUPS).get(subject, subject)
    return schema.short_label(subject) or subject
