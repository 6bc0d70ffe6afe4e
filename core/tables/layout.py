"""The official layout of tables 二, 三 and 四 of the annual report (国办公开办函〔2021〕30号, and the
2019 format's table 二), as used by the exports and the table view: row and column labels per
indicator id. Everything here is derived from ``core.schema``, the source of truth for ids, labels,
rows and columns; this module only arranges it the way the printed form shows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from core import schema

# (column key, column label) of table 三, as the header's bottom row shows them
T3_COLS: tuple[tuple[str, str], ...] = tuple((c.key, schema.own_label(c.label)) for c in schema.T3_COLUMNS)


def _t3_rows() -> tuple[tuple[str, str, str], ...]:
    # The 2019 format's single （六） row follows the 2021 format's three （六） rows, so the columns of
    # a workspace holding both formats read （六）1 2 3, then （六） as one, then （七）总计.
    rows = [(r.key, r.group or "", schema.plain_label(r.label)) for r in schema.T3_ROWS]
    single = next(r for r in rows if r[0] == "r6")
    rows.remove(single)
    at = max(i for i, r in enumerate(rows) if r[0].startswith("r6_")) + 1
    rows.insert(at, single)
    return tuple(rows)


# (row key, group label or "", row label)
T3_ROWS: tuple[tuple[str, str, str], ...] = _t3_rows()
# (group key, group label, sub-group label or "")
T4_GROUPS: tuple[tuple[str, str, str], ...] = tuple(
    (key, *schema.heading_parts(label)) for key, label in schema.T4_GROUPS
)
T4_COLS: tuple[tuple[str, str], ...] = tuple((c.key, c.label) for c in schema.T4_COLUMNS)


@dataclass(frozen=True)
class Section:
    """One block of table 二: a heading, its column labels and rows (label, indicator ids per column)."""

    heading: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]


def _sections(prefix: str, rows: Sequence[schema.Row]) -> tuple[Section, ...]:
    """Consecutive rows of one heading (第二十条第（x）项) with the same columns form one section."""
    out: list[Section] = []
    for r in rows:
        cols = tuple(c.label for c in r.columns)
        cells = (r.label, tuple(f"{prefix}.{r.key}.{c.key}" for c in r.columns))
        if out and out[-1].heading == r.group and out[-1].columns == cols:
            out[-1] = Section(out[-1].heading, cols, (*out[-1].rows, cells))
        else:
            out.append(Section(r.group or "", cols, (cells,)))
    return tuple(out)


T2_2021 = _sections("t2", schema.T2_ROWS)
T2_2019 = _sections("t2_2019", schema.T2_2019_ROWS)


def _labels() -> dict[str, str]:
    out: dict[str, str] = {}
    for fmt, sections in (("", T2_2021), ("（2019版）", T2_2019)):
        for s in sections:
            for label, ids in s.rows:
                for col, ind in zip(s.columns, ids, strict=True):
                    out[ind] = f"表二{fmt} {label} {col}"
    for key, _group, label in T3_ROWS:
        for col, col_label in T3_COLS:
            short = schema.brief_label(label).split("、行政机关")[0]
            out[f"t3.{key}.{col}"] = f"表三 {short} {col_label}"
    for key, group, sub in T4_GROUPS:
        for col, col_label in T4_COLS:
            out[f"t4.{key}.{col}"] = f"表四 {group}{('·' + sub) if sub else ''} {col_label}"
    return out


LABELS: dict[str, str] = _labels()
ORDER: tuple[str, ...] = tuple(LABELS)


def label(indicator: str) -> str:
    return LABELS.get(indicator, indicator)


def uses_2019_table2(ids: set[str]) -> bool:
    return any(i.startswith("t2_2019.") for i in ids) and not any(i.startswith("t2.") for i in ids)


def uses_single_r6(ids: set[str]) -> bool:
    """Whether table 三 has the 2019 format's single （六）其他处理 row instead of the 2021 three rows."""
    return any(i.startswith("t3.r6.") for i in ids) and not any(i.startswith("t3.r6_") for i in ids)


def t3_rows(ids: set[str]) -> list[tuple[str, str, str]]:
    """Table 三 rows for a report: the 2019 single （六） row or the 2021 three rows — both when a 2021
    report prints （六） as one row (read as the total, its sub-rows not stated)."""
    if uses_single_r6(ids):
        skip: tuple[str, ...] = ("r6_1", "r6_2", "r6_3")
    else:  # a 2021 report printing （六） as one row has both: the row read and its sub-rows not stated
        skip = () if any(i.startswith("t3.r6.") for i in ids) else ("r6",)
    return [r for r in T3_ROWS if r[0] not in skip]


def value_text(v: Decimal | None) -> str:
    """A value as the official table writes it: 3119, 10.35 (no grouping); '' for none."""
    if v is None:
        return ""
    if v == v.to_integral_value():
        return str(int(v))
    return format(v.normalize(), "f")
