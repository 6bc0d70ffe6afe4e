"""Bulk reads for the exports: one query per table for all chosen reports, rows as named tuples.

Reading report by report costs a query per report and table and a dataclass per row; an export of a
thousand reports reads some 360,000 rows, so these functions read each table once and group in Python.
``report_ids`` None means every report. The caller holds the workspace lock and translates errors.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from core.store import figure_ids
from core.store.codec import num_text, sql_num, unpack_text
from core.store.rows import FigureTuple, IndicatorTuple


def _select(row: type[FigureTuple] | type[IndicatorTuple], table: str) -> str:
    """SELECT the fields of the named tuple ``row`` from ``table``, its values read as numbers."""
    cols = (sql_num(c) if c in ("value", "original_value") else f'"{c}"' for c in row._fields)
    return f"SELECT {', '.join(cols)} FROM {table}"


_FIGURE_SQL = _select(FigureTuple, "figures")
_INDICATOR_SQL = _select(IndicatorTuple, "indicator_values")
_FIGURE_NUMBERS = (FigureTuple._fields.index("value"), FigureTuple._fields.index("original_value"))
_INDICATOR_NUMBERS = (IndicatorTuple._fields.index("value"),) * 2


def _where(col: str, report_ids: Collection[int] | None) -> tuple[str, tuple[Any, ...]]:
    """``WHERE col IN (…)`` with the ids written out: SQLite takes a list of values into each part of
    the view ``indicator_values`` (a stored row, or one kept in its figure's row: format 7), but not a
    subquery (``IN (SELECT value FROM json_each(?))``), which made every batch of an export read every
    indicator value of the workspace."""
    if report_ids is None:
        return "", ()
    return f" WHERE {col} IN ({', '.join(str(int(r)) for r in sorted(report_ids))})", ()


def _not_linked(report_ids: Collection[int] | None) -> tuple[str, tuple[Any, ...]]:
    """SQL leaving out the figures an indicator value links to (the cells of tables 二, 三, 四), and its
    parameters. An indicator value links only to a figure of its own report and figure ids are unique
    in the workspace, so one id list will do (a (report_id, id) row value IN is quadratic in SQLite);
    the list is of the chosen reports' links only (all of them made a batch of a big workspace read
    every link of every report)."""
    inner, params = _where("report_id", report_ids)
    inner = (inner + " AND" if inner else " WHERE") + " figure_id IS NOT NULL"
    return f" id NOT IN (SELECT figure_id FROM indicator_values{inner})", params


def _numbers(rows: Iterable[tuple[Any, ...]], a: int, b: int) -> Iterable[tuple[Any, ...]]:
    """Rows with the value columns ``a`` and ``b`` as numbers; SQL already turned plain integers into
    int and left only fractions, negatives and very long numbers as text."""
    for r in rows:
        if r[a].__class__ is str or r[b].__class__ is str:
            r = tuple(num_text(v) if k in (a, b) and v.__class__ is str else v for k, v in enumerate(r))
        yield r


def texts(conn: sqlite3.Connection, report_ids: Collection[int] | None) -> dict[int, str]:
    where, params = _where("id", report_ids)
    return {rid: unpack_text(t) for rid, t in conn.execute(f"SELECT id, text FROM reports{where}", params)}


def figures(
    conn: sqlite3.Connection, report_ids: Collection[int] | None, in_tables: bool = True
) -> dict[int, list[FigureTuple]]:
    """Per report, its figures in text order (start, end, id); without the cells of tables 二, 三
    and 四 (figures an indicator value of their report links to) when ``in_tables`` is false."""
    where, params = _where("report_id", report_ids)
    if not in_tables:
        sql, more = _not_linked(report_ids)
        where, params = (where + " AND" if where else " WHERE") + sql, (*params, *more)
    rows = conn.execute(f'{_FIGURE_SQL}{where} ORDER BY report_id, start, "end", id', params).fetchall()
    out: dict[int, list[FigureTuple]] = {}
    rid, cur = None, []
    for f in map(FigureTuple._make, _numbers(rows, *_FIGURE_NUMBERS)):
        if f.report_id != rid:
            rid, cur = f.report_id, out.setdefault(f.report_id, [])
        cur.append(f)
    return out


def indicators(
    conn: sqlite3.Connection, report_ids: Collection[int] | None
) -> dict[int, dict[str, IndicatorTuple]]:
    """Per report, its indicator values by indicator id (in the order they were stored)."""
    where, params = _where("report_id", report_ids)
    rows = conn.execute(f"{_INDICATOR_SQL}{where} ORDER BY rowid", params).fetchall()
    out: dict[int, dict[str, IndicatorTuple]] = {}
    for v in map(IndicatorTuple._make, _numbers(rows, *_INDICATOR_NUMBERS)):
        d = out.get(v.report_id)
        if d is None:
            d = out[v.report_id] = {}
        d[v.indicator] = v
    return out


def indicators_named(
    conn: sqlite3.Connection, report_ids: Collection[int] | None, names: Collection[str]
) -> dict[int, dict[str, IndicatorTuple]]:
    """``indicators`` restricted to the indicator ids ``names`` (a few columns of a summary)."""
    where, params = _where("report_id", report_ids)
    where = (where + " AND" if where else " WHERE") + " indicator IN (SELECT value FROM json_each(?))"
    rows = conn.execute(f"{_INDICATOR_SQL}{where} ORDER BY rowid", (*params, json.dumps(sorted(names))))
    out: dict[int, dict[str, IndicatorTuple]] = {}
    for v in map(IndicatorTuple._make, _numbers(rows.fetchall(), *_INDICATOR_NUMBERS)):
        out.setdefault(v.report_id, {})[v.indicator] = v
    return out


class Counts(NamedTuple):
    """What an export sizes its sheets by (``counts``)."""

    figures: int  # narrative figures: not cells of tables 二, 三, 四
    checks: int
    events: int
    with_tables: frozenset[int]  # reports that hold indicator values
    indicators: frozenset[str]  # the indicator ids they hold


def counts(conn: sqlite3.Connection, report_ids: Collection[int] | None) -> Counts:
    """What an export sizes its sheets by, before it reads a report: the narrative figures (not cells
    of tables 二, 三, 四), the checks, the review events, the reports that hold indicator values and
    the indicator ids they hold."""
    where, params = _where("report_id", report_ids)
    both = where + " AND" if where else " WHERE"
    linked, more = _not_linked(report_ids)

    def one(sql: str, args: tuple[Any, ...] = params) -> int:
        return int(conn.execute(sql, args).fetchone()[0])

    def distinct(col: str) -> frozenset[Any]:
        return frozenset(
            v for (v,) in conn.execute(f"SELECT DISTINCT {col} FROM indicator_values{where}", params)
        )

    return Counts(
        figures=one(f"SELECT count(*) FROM figures{both}{linked}", (*params, *more)),
        checks=one(f"SELECT count(*) FROM checks{where}"),
        events=one(f"SELECT count(*) FROM review_events{where}"),
        with_tables=distinct("report_id"),
        indicators=distinct("indicator"),
    )


def figure_places(
    conn: sqlite3.Connection, figures: Collection[int]
) -> dict[int, tuple[str, int, str | None]]:
    """Per figure id: its text, its start and the indicator (table cell) that links to it, if any
    (the first in stored order) — how the audit trail names a figure an event acted on. Each figure is
    found by its report and id (core/store/figure_ids.py); one gone is left out."""
    out: dict[int, tuple[str, int, str | None]] = {}
    for fid in sorted(set(figures)):
        rid = figure_ids.report_of(conn, fid)
        got = conn.execute(
            "SELECT text, start FROM figures WHERE report_id = ? AND id = ?", (rid, fid)
        ).fetchone()
        if got is None:
            continue
        cell = conn.execute(  # within the figure's report: indicator values by their key
            "SELECT indicator FROM indicator_values WHERE report_id = ? AND figure_id = ? ORDER BY rowid LIMIT 1",
            (rid, fid),
        ).fetchone()
        out[fid] = (got[0], got[1], cell[0] if cell else None)
    return out


def last_reviewers(conn: sqlite3.Connection, report_ids: Collection[int] | None) -> dict[int, dict[str, str]]:
    """Per report, the reviewer of the latest standing event that touched each figure / indicator
    (keys ``figure:ID`` and ``indicator:ID``)."""
    where, params = _where("report_id", report_ids)
    where = (where + " AND" if where else " WHERE") + " undone = 0 AND action NOT IN ('undo', 'redo')"
    out: dict[int, dict[str, str]] = {}
    for rid, reviewer, after in conn.execute(
        f"SELECT report_id, reviewer, after_state FROM review_events{where} ORDER BY id", params
    ):
        d = out.setdefault(rid, {})
        for key in json.loads(after):
            d[key] = reviewer
    return out


# ---- the long form (CSV): rows nearly as written, codes worded by SQL -------------------------------
def _worded(col: str, words: Mapping[str, str]) -> str:
    """SQL for ``words.get(col, col)`` (``col`` an SQL column reference)."""
    if not words:
        return col
    whens = " ".join(f"WHEN {_lit(k)} THEN {_lit(v)}" for k, v in words.items())
    return f"CASE {col} {whens} ELSE {col} END"


def _lit(v: str) -> str:
    return "'" + v.replace("'", "''") + "'"


def long_indicators(
    conn: sqlite3.Connection,
    report_ids: Collection[int] | None,
    order: Sequence[str],
    kinds: Mapping[str, str],
    statuses: Mapping[str, str],
) -> list[tuple[Any, ...]]:
    """The reports' indicator values as (report_id, indicator, kind as worded, value as a number or
    text for ``num_text``, raw, start, end, status as worded, kind code), by report, each report's in
    the order of ``order`` and then the others by id."""
    where, params = _where("v.report_id", report_ids)
    sql = (
        f"SELECT v.report_id, v.indicator, {_worded('v.kind', kinds)}, {sql_num('v.value')}, v.raw, v.start, "
        f'v."end", {_worded("v.status", statuses)}, v.kind FROM indicator_values v '
        "LEFT JOIN (SELECT value AS indicator, key AS k FROM json_each(?)) o ON o.indicator = v.indicator"
        f"{where} ORDER BY v.report_id, coalesce(o.k, {len(order)}), v.indicator"
    )
    return conn.execute(sql, (json.dumps(list(order)), *params)).fetchall()


def long_figures(
    conn: sqlite3.Connection,
    report_ids: Collection[int] | None,
    statuses: Mapping[str, str],
    in_tables: bool = True,
) -> list[tuple[Any, ...]]:
    """The reports' figures as (report_id, start, end, indicator or '', label, value as a number, text
    for ``num_text`` or None, unit or '', status as worded, id), by report and start: the caller sorts each
    report's by (start, end, id), which leaves them as they are but for figures that share a start.
    ``in_tables`` false leaves out the cells of tables 二, 三, 四 (their indicator values stand for them)."""
    where, params = _where("report_id", report_ids)
    if not in_tables:
        linked, more = _not_linked(report_ids)
        where, params = (where + " AND" if where else " WHERE") + linked, (*params, *more)
    sql = (
        f"SELECT report_id, start, \"end\", coalesce(indicator, ''), label, {sql_num('value')}, "
        f"coalesce(unit, ''), {_worded('status', statuses)}, id "
        f"FROM figures{where} ORDER BY report_id, start"
    )
    return conn.execute(sql, params).fetchall()
