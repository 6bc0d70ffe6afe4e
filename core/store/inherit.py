"""What a stored row need not hold twice (format version 6).

An indicator value read from a table cell links to the figure of that cell, and at the import its
value, raw text, span and original value are the figure's own: in a workspace of a thousand reports
the table cells were stored twice, once as figures and once as indicator values. Since version 6 a
stored row keeps in ``same`` one bit per column that it takes from elsewhere, and holds nothing
(NULL, or '' where the column is NOT NULL) in that column:

- an indicator value's ``value``, ``raw``, ``start``, ``end`` and ``original_value`` from its figure
  (``value``, ``text``, ``start``, ``end``, ``original_value``), and its ``original_kind`` from its own
  ``kind``;
- a figure's ``original_value`` from its own ``value``, and its ``text`` from its value and unit
  (``7729条``) or its value alone (a table cell's ``28``).

A confidence is stored as its shortfall from 1 in thousandths where that is exact (0.9 as 100: one
byte instead of eight; 1.0 as 0, none) and as itself otherwise; a stored confidence is whole only when
it is a shortfall, so reading can tell.

The views (core/store/terms.py) give every column back as it was written. A write through a view works
the bits out again from the row as written (so a column that no longer equals its source is stored);
before a figure's value, text, span or original value changes or the figure is deleted, the indicator
values that take a column from it are given that column as it was (``materialize``), so no indicator
value ever changes because its figure did. The import encodes its rows here in Python
(``encode_figures``, ``encode_indicators``), the same rule as the triggers' SQL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

SINCE_VERSION = 6
SAME = "same"

# the columns a stored row takes from elsewhere, each with its bit in ``same``
FIGURE_BITS = {"original_value": 1, "text": 2 | 4}  # text: 2 its value and unit, 4 its value alone
INDICATOR_BITS = {"value": 1, "raw": 2, "start": 4, "end": 8, "original_value": 16, "original_kind": 32}
# an indicator value's column → the figure's column it takes (original_kind: its own kind)
FROM_FIGURE = {
    "value": "value",
    "raw": "text",
    "start": "start",
    "end": "end",
    "original_value": "original_value",
}
_FROM_FIGURE_MASK = sum(INDICATOR_BITS[c] for c in FROM_FIGURE)
NOT_NULL_EMPTY = ("text", "raw")  # NOT NULL columns: '' stands for "taken" (it costs no more than NULL)
THOUSANDTHS = "confidence"


def _q(name: str) -> str:
    return f'"{name}"'


def _empty(col: str) -> str:
    return "''" if col in NOT_NULL_EMPTY else "NULL"


def unit_text(unit: str) -> str:
    return f"coalesce((SELECT text FROM terms WHERE id = {unit}), '')"


def figure_column(f: str, col: str) -> str:
    """The SQL of a figure's column ``col`` as written, from the stored row aliased ``f``."""
    if col == "original_value":
        return f"CASE WHEN {f}.{SAME} & 1 THEN {f}.value ELSE {f}.original_value END"
    if col == "text":
        return (
            f"CASE WHEN {f}.{SAME} & 2 THEN {f}.value || {unit_text(f + '.unit')} "
            f"WHEN {f}.{SAME} & 4 THEN {f}.value ELSE {f}.text END"
        )
    if col == THOUSANDTHS:
        return confidence_read(f"{f}.{THOUSANDTHS}")
    return f"{f}.{_q(col)}"


# A confidence is stored as its shortfall from 1 in thousandths where that is exact (1.0 as 0, no byte;
# 0.9 as 100, one byte; instead of eight), as itself otherwise: a stored whole number is a shortfall.
def confidence_read(x: str) -> str:
    return f"CASE WHEN {x} = round({x}) THEN (1000 - {x}) / 1000.0 ELSE {x} END"


def confidence_write(x: str) -> str:
    return f"CASE WHEN round({x} * 1000) / 1000.0 = {x} THEN 1000 - round({x} * 1000) ELSE {x} END"


def confidence(x: float) -> float:
    """``confidence_write`` in Python."""
    k = round(x * 1000)
    return float(1000 - k) if k / 1000 == x else x


def indicator_column(s: str, f: str, col: str) -> str | None:
    """The SQL of an indicator value's column ``col`` as written, from its stored row ``s`` and its
    figure's stored row ``f`` (LEFT JOINed); None for a column stored as it is."""
    if col in FROM_FIGURE:
        return (
            f"CASE WHEN {s}.{SAME} & {INDICATOR_BITS[col]} THEN {figure_column(f, FROM_FIGURE[col])} "
            f"ELSE {s}.{_q(col)} END"
        )
    if col == "original_kind":
        return (
            f"(SELECT text FROM terms WHERE id = CASE WHEN {s}.{SAME} & 32 THEN {s}.kind "
            f"ELSE {s}.original_kind END)"
        )
    if col == THOUSANDTHS:
        return confidence_read(f"{s}.{THOUSANDTHS}")
    return None


# ---- what a row written takes instead of holding (the triggers' and the migration's SQL) ----------
def taken(figure: bool, e: dict[str, str]) -> list[tuple[str, int, str]]:
    """(column, bit, SQL true when the row can take the column instead of holding it), ``e`` the SQL
    of each column as written (``NEW.x``, or the stored column in the migration; ``unit_text`` the
    figure's unit as text)."""
    if figure:
        with_unit = f"{e['text']} IS {e['value']} || {e['unit_text']}"
        return [
            ("original_value", 1, f"({e['original_value']} IS {e['value']})"),
            ("text", 2, f"({with_unit})"),
            ("text", 4, f"({e['text']} IS {e['value']} AND NOT ({with_unit}))"),
        ]
    # the figure by its id, within the value's report where ``e`` names it (format 7: the figures are
    # stored clustered by report, found by report and id)
    mine = f"f.id = {e['figure_id']}"
    if "report_id" in e:
        mine = f"f.report_id = {e['report_id']} AND {mine}"
    out = [
        (col, INDICATOR_BITS[col],
         f"coalesce((SELECT {e[col]} IS {figure_column('f', other)} FROM figure_rows f WHERE {mine}), 0)")
        for col, other in FROM_FIGURE.items()
    ]  # fmt: skip
    return [*out, ("original_kind", 32, f"({e['original_kind']} IS {e['kind']})")]


def stored_sets(conds: list[tuple[str, int, str]], stored: dict[str, str]) -> dict[str, str]:
    """The SQL of each stored column: ``stored`` the column as it would be held, with what the row
    takes emptied, ``same`` added."""
    out = dict(stored)
    for col in dict.fromkeys(c for c, _b, _x in conds):
        any_of = " OR ".join(x for c, _b, x in conds if c == col)
        out[col] = f"CASE WHEN {any_of} THEN {_empty(col)} ELSE {stored[col]} END"
    out[SAME] = " + ".join(f"{bit} * {x}" for _c, bit, x in conds)
    return out


def stored_values(
    figure: bool, new: dict[str, str], stored: dict[str, str], by_report: bool = False
) -> dict[str, str]:
    """The SQL of each stored column for a row written through a view: ``new`` the written value of
    each column (``NEW.x`` with its default), ``stored`` its stored form (a coded column's id);
    ``by_report``: an indicator value's figure is found by its report and id (format 7)."""
    e = {**new, "unit_text": f"coalesce({new.get('unit')}, '')"}
    if not by_report:
        e.pop("report_id", None)
    out = stored_sets(taken(figure, e), stored)
    out[THOUSANDTHS] = confidence_write(new[THOUSANDTHS])
    return out


def materialize(old: str, where: str) -> str:
    """SQL giving the indicator values that take a column from the figure ``old`` (the view's OLD row:
    every column as written) that column as it is now, before the figure changes or goes."""
    sets = ", ".join(
        f"{_q(col)} = CASE WHEN {SAME} & {INDICATOR_BITS[col]} THEN {old}.{_q(FROM_FIGURE[col])} "
        f"ELSE {_q(col)} END"
        for col in FROM_FIGURE
    )
    return (
        f"UPDATE indicator_value_rows SET {sets}, {SAME} = {SAME} & ~{_FROM_FIGURE_MASK} "
        f"WHERE report_id = {old}.report_id AND figure_id = {old}.id AND {SAME} & {_FROM_FIGURE_MASK}"
        f"{where};"
    )


def figure_changes(old: str, new: str) -> str:
    """SQL true when an update of a figure changes a column an indicator value may take from it."""
    return " OR ".join(f"{old}.{_q(c)} IS NOT {new}.{_q(c)}" for c in FROM_FIGURE.values())


# ---- the migration from version 5 ------------------------------------------------------------------
def migrate(conn: sqlite3.Connection) -> None:
    """Encode every stored figure and indicator value of a version-5 file (inside the caller's
    transaction): the figures first, since the indicator values compare with them as written."""
    for table, figure in (("figure_rows", True), ("indicator_value_rows", False)):
        cols = (
            (*FIGURE_BITS, "value", "figure_id", "kind")
            if figure
            else (*INDICATOR_BITS, "report_id", "figure_id", "kind")
        )
        e = {c: f"{table}.{_q(c)}" for c in cols}
        e["unit_text"] = unit_text(f"{table}.unit")
        sets = stored_sets(taken(figure, e), {c: _q(c) for c in (FIGURE_BITS if figure else INDICATOR_BITS)})
        sets[THOUSANDTHS] = confidence_write(THOUSANDTHS)
        conn.execute(f"UPDATE {table} SET {', '.join(f'{_q(c)} = {x}' for c, x in sets.items())}")


# ---- the import (Python, the same rule) ------------------------------------------------------------
_CONFIDENCES: dict[float, float] = {}  # the few confidences the import gives, each worked out once


def _confidence(x: float) -> float:
    got = _CONFIDENCES.get(x)
    if got is None:
        got = confidence(x)
        if len(_CONFIDENCES) < 4096:  # a bound, should some reader give a confidence of its own each time
            _CONFIDENCES[x] = got
    return got


def encode_figures(names: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[tuple[Any, ...]]:
    """Figure rows (values of ``names``, as written) as stored: ``same`` appended."""
    i_text, i_value, i_orig = names.index("text"), names.index("value"), names.index("original_value")
    i_unit, i_conf = names.index("unit"), names.index(THOUSANDTHS)
    out = []
    for r in rows:
        row = list(r)
        value = r[i_value]
        same = 0
        if r[i_orig] == value:
            row[i_orig] = None
            same = 1
        if value is not None:
            text = r[i_text]
            if text == value + (r[i_unit] or ""):
                row[i_text] = ""
                same |= 2
            elif text == value:
                row[i_text] = ""
                same |= 4
        row[i_conf] = _confidence(r[i_conf])
        row.append(same)
        out.append(tuple(row))
    return out


def encode_indicators(
    names: Sequence[str],
    rows: Sequence[Sequence[Any]],
    figure_names: Sequence[str],
    figures: Mapping[int, Sequence[Any]],
) -> list[tuple[Any, ...]]:
    """Indicator value rows (values of ``names``, as written) as stored, ``same`` appended:
    ``figures`` the linked figures by id, each as written (values of ``figure_names``)."""
    pairs = [
        (
            names.index(col),
            figure_names.index(other),
            INDICATOR_BITS[col],
            "" if col in NOT_NULL_EMPTY else None,
        )
        for col, other in FROM_FIGURE.items()
    ]
    i_fig, i_kind, i_okind = names.index("figure_id"), names.index("kind"), names.index("original_kind")
    i_conf = names.index(THOUSANDTHS)
    out = []
    for r in rows:
        row = list(r)
        same = 0
        fig = figures.get(r[i_fig])
        if fig is not None:
            for i, j, bit, empty in pairs:
                mine, its = r[i], fig[j]
                if mine == its and mine.__class__ is its.__class__:
                    row[i] = empty
                    same |= bit
        if r[i_okind] == r[i_kind]:
            row[i_okind] = None
            same |= 32
        row[i_conf] = _confidence(r[i_conf])
        row.append(same)
        out.append(tuple(row))
    return out


# ---- an indicator value kept in its figure's row (format version 7) ------------------------------------
# A table cell's indicator value that takes everything it can from its figure (``same`` = ALL_TAKEN)
# and names the figure's own indicator is no row of its own: the figure's row keeps what is the
# value's alone (its kind, status, confidence and place among its report's indicator values) in these
# columns, NULL in a figure that fills no indicator value so. The view ``indicator_values`` gives such
# a value back beside the stored ones (``folded_view_sql``), and it goes back to a row of its own
# (``unfold``) before anything it takes from its figure changes, or before it changes in a way a
# figure's row cannot keep.
FOLD_SINCE = 7
CELL = ("cell_kind", "cell_status", "cell_confidence", "cell_seq")
CELL_CODED = ("cell_kind", "cell_status")  # ids of ``terms``, as the value's own kind and status are
ALL_TAKEN = sum(INDICATOR_BITS.values())


def foldable(same: int, indicator: object, figure_indicator: object) -> bool:
    """Whether a stored indicator value (``same``, its coded indicator) can be kept in its figure's row
    (whose coded indicator is ``figure_indicator``)."""
    return same == ALL_TAKEN and indicator is not None and indicator == figure_indicator


def folded_view_sql(columns: Sequence[str]) -> str:
    """The indicator values kept in their figures' rows, as the view ``indicator_values`` gives them:
    ``columns`` in order, then ``rowid`` (its place among its report's values)."""
    term = "(SELECT text FROM terms WHERE id = f.{})".format
    got = {
        "report_id": "f.report_id",
        "indicator": term("indicator"),
        "kind": term("cell_kind"),
        "value": "f.value",
        "raw": figure_column("f", "text"),
        "start": "f.start",
        "end": 'f."end"',
        "confidence": confidence_read("f.cell_confidence"),
        "status": term("cell_status"),
        "figure_id": "f.id",
        "original_kind": term("cell_kind"),
        "original_value": figure_column("f", "original_value"),
    }
    cols = ", ".join(f"{got[c]} AS {_q(c)}" for c in columns)
    return f"SELECT {cols}, f.cell_seq AS rowid FROM figure_rows AS f WHERE f.cell_kind IS NOT NULL"


def unfold(where: str) -> str:
    """SQL giving the indicator values kept in the figure rows matching ``where`` (on ``figure_rows``)
    rows of their own again, as format 6 stored them (taking every column from the figure)."""
    return (
        f"INSERT INTO indicator_value_rows (report_id, indicator, kind, raw, confidence, status, "
        f"figure_id, seq, {SAME}) SELECT report_id, indicator, cell_kind, '', cell_confidence, "
        f"cell_status, id, cell_seq, {ALL_TAKEN} FROM figure_rows WHERE cell_kind IS NOT NULL AND {where}; "
        f"UPDATE figure_rows SET {', '.join(f'{c} = NULL' for c in CELL)} "
        f"WHERE cell_kind IS NOT NULL AND {where};"
    )


def fold_rows(
    figures: list[list[Any]],
    figure_indicator: int,
    indicators: Sequence[tuple[int | None, Sequence[Any]]],
    names: Sequence[str],
) -> list[tuple[int | None, Sequence[Any]]]:
    """Keep in ``figures`` (stored rows, each as a list, ``CELL`` to be appended) the indicator values
    of ``indicators`` ((index of its figure or None, values of ``names`` as stored, ``same`` last))
    that can be kept there; returns the others. ``figure_indicator``: where a figure row holds its
    indicator."""
    i_ind, i_kind, i_status = names.index("indicator"), names.index("kind"), names.index("status")
    i_conf, i_seq = names.index(THOUSANDTHS), names.index("seq")
    cells: dict[int, tuple[Any, ...]] = {}
    rest = []
    for k, row in indicators:
        if k is not None and k not in cells and foldable(row[-1], row[i_ind], figures[k][figure_indicator]):
            cells[k] = (row[i_kind], row[i_status], row[i_conf], row[i_seq])
        else:
            rest.append((k, row))
    for k, f in enumerate(figures):
        f.extend(cells.get(k, (None, None, None, None)))
    return rest
