"""Repeated strings stored once (format version 5).

A figure's label, indicator, unit, rule, source and status, an indicator value's indicator, kind and
status, a check's rule, subject, status, severity and cells are the same few hundred strings over and
over: in a workspace of a thousand reports they were two thirds of the file. Each such string is kept
once in ``terms`` and the row holds its id (a one- or two-byte integer). The rows are stored in
``figure_rows``, ``indicator_value_rows`` and ``check_rows``; ``figures``, ``indicator_values`` and
``checks`` are views that give every column back as text, so every reader (the review window, the
exports, the record, the digests of decided state) sees exactly the rows it saw before. Writes through
the views are turned into writes of the stored rows by INSTEAD OF triggers; the import and the checks
write the stored rows directly (``Codes``), a report's hundreds of rows in one statement per table.

Format 6 stores less of the same rows (core/store/inherit.py): an indicator value takes from its figure
what the figure holds, and the views and triggers of that format read and write it so; a file of
format 5 keeps and is read through its own (``expected(version)``). Format 7 stores the figures by
report (core/store/figure_ids.py) and keeps a table cell's value in its figure's row where it takes
everything from the figure (``inherit.CELL``): the view ``indicator_values`` gives those beside the
stored rows.

The views and triggers are the program's own: ``expected`` gives their exact SQL, and a view or
trigger in the file that is not one of them (or differs from it) is reported as planted
(core/store/ledger.py ``foreign_objects``).
"""

from __future__ import annotations

import functools
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import Any

from core.store import figure_ids, inherit
from core.store.columns import CODED_TABLES, Column, Table

SINCE_VERSION = 5  # the format that stores these tables coded
SEQ = "seq"  # a stored row's place among its report's rows, where the readers keep that order
# the stored tables whose rows take columns from elsewhere (core/store/inherit.py, format 6)
_INHERITS = {"figure_rows": inherit.FIGURE_BITS, "indicator_value_rows": inherit.INDICATOR_BITS}
_IN_CHUNK = 500  # strings looked up per SELECT … IN (…)


def stored(t: Table) -> Table:
    """The table ``t`` is stored in: its columns with each coded one an INTEGER id of ``terms`` (and,
    where the readers keep the stored order, ``seq``: a row's place among its report's rows)."""
    cols = tuple(
        Column(c.name, int, c.not_null, None) if c.name in t.coded else c for c in t.columns
    )  # fmt: skip
    if t.rowid:
        cols = (*cols, Column(SEQ, int, True))
    if t.stored_in in _INHERITS:  # what the row takes from elsewhere (core/store/inherit.py, version 6)
        cols = (*cols, Column(inherit.SAME, int, True, 0))
    if t.stored_in == "figure_rows":  # the indicator value a figure's row keeps (version 7)
        cols = (*cols, *(Column(c, int) for c in inherit.CELL))
    if t.clustered:  # each report's rows together, found by the key (format 6)
        return Table(t.stored_in, cols, t.clustered, t.foreign_keys, (), t.autoincrement, without_rowid=True)
    return Table(t.stored_in, cols, t.pk, t.foreign_keys, t.indexes, t.autoincrement, without_rowid=t.rowid)


def _q(name: str) -> str:
    return f'"{name}"'


def view_sql(t: Table, version: int) -> str:
    """The view ``t.name``: the stored rows with every coded column's text. Each text is a subquery
    of its own, not a join, so a query pays only for the columns it reads (SQLite keeps every LEFT
    JOIN of a view, used or not). From version 6 a column the row takes from elsewhere is read from
    there (core/store/inherit.py): an indicator value's from its figure, joined by the figure's id."""
    s = t.stored_in
    lean = version >= inherit.SINCE_VERSION and s in _INHERITS
    cols = []
    for c in t.names:
        got = None
        if lean and s == "figure_rows":
            got = inherit.figure_column(s, c) if c in (*inherit.FIGURE_BITS, inherit.THOUSANDTHS) else None
        elif lean:
            got = inherit.indicator_column(s, "f", c)
        if got is not None:
            cols.append(f"{got} AS {_q(c)}")
        elif c in t.coded:
            cols.append(f"(SELECT text FROM terms WHERE id = {s}.{_q(c)}) AS {_q(c)}")
        else:
            cols.append(f"{s}.{_q(c)} AS {_q(c)}")
    if t.rowid:
        cols.append(f"{s}.{SEQ} AS rowid")
    folded = version >= inherit.FOLD_SINCE and s == "indicator_value_rows"
    joined = (
        " LEFT JOIN figure_rows AS f ON "
        + ("f.report_id = indicator_value_rows.report_id AND " if folded else "")
        + "f.id = indicator_value_rows.figure_id"
        if lean and s != "figure_rows"
        else ""
    )
    # from version 7, beside the stored rows, the values kept in their figures' rows (inherit.py)
    more = f" UNION ALL {inherit.folded_view_sql(t.names)}" if folded else ""
    return f"CREATE VIEW {t.name} AS SELECT {', '.join(cols)} FROM {s}{joined}{more}"


def _new(t: Table, c: Column) -> str:
    """``NEW.c`` with the column's default when it is not given (an INSERT naming some columns)."""
    if c.default is None:
        return f"NEW.{_q(c.name)}"
    d = c.default if not isinstance(c.default, str) else "'" + c.default.replace("'", "''") + "'"
    return f"coalesce(NEW.{_q(c.name)}, {d})"


def _value(t: Table, c: Column) -> str:
    v = _new(t, c)
    return f"(SELECT id FROM terms WHERE text = {v})" if c.name in t.coded else v


def _learn(t: Table) -> str:
    """Add every coded text of NEW to ``terms`` (a NULL is skipped: ``text`` is NOT NULL)."""
    values = ", ".join(f"({_new(t, c)})" for c in t.columns if c.name in t.coded)
    return f"INSERT OR IGNORE INTO terms (text) VALUES {values};"


def _key(t: Table, version: int) -> str:
    """The stored row behind the view's OLD row: by its primary key (a coded part by its text's id)."""
    pk = t.clustered if t.clustered and version >= t.clustered_since else t.pk
    return " AND ".join(
        f"{_q(c)} = (SELECT id FROM terms WHERE text = OLD.{_q(c)})"
        if c in t.coded
        else f"{_q(c)} = OLD.{_q(c)}"
        for c in pk
    )


def trigger_sqls(t: Table, version: int) -> list[str]:
    """INSERT, UPDATE and DELETE on the view ``t.name`` made on the stored rows (a row inserted where
    the stored order is kept comes last among its report's). From version 6 the stored row takes what
    it can from elsewhere, and a figure about to change or go first gives the indicator values that
    take a column from it that column (core/store/inherit.py). From version 7 the figures are found by
    report and id (core/store/figure_ids.py) and an indicator value may be kept in its figure's row
    (``inherit.CELL``): it stays there while it changes as such a value can, and becomes a row of its
    own before it changes otherwise or before its figure changes what it takes or goes."""
    s = t.stored_in
    lean = version >= inherit.SINCE_VERSION and s in _INHERITS
    folds = version >= inherit.FOLD_SINCE and s in _INHERITS
    stored = {c.name: _value(t, c) for c in t.columns}
    new = {c.name: _new(t, c) for c in t.columns}
    if lean:
        stored = inherit.stored_values(s == "figure_rows", new, stored, by_report=folds)
    names = [_q(c) for c in stored]
    values = list(stored.values())
    if t.rowid:
        names.append(SEQ)
        if folds:  # after the values kept in figures' rows too
            values.append(
                f"max((SELECT coalesce(max({SEQ}), 0) FROM {s} WHERE report_id = NEW.report_id), "
                "(SELECT coalesce(max(cell_seq), 0) FROM figure_rows WHERE report_id = NEW.report_id)) + 1"
            )
        else:
            values.append(f"(SELECT coalesce(max({SEQ}), 0) + 1 FROM {s} WHERE report_id = NEW.report_id)")
    before_insert = after_insert = ""
    if t.clustered and version >= t.clustered_since:
        at = names.index('"id"')
        if t.autoincrement:  # an id not given: the next in the workspace (figure_ids.py)
            ident = f"coalesce(NEW.id, {figure_ids.next_id_sql()})"
            before_insert = figure_ids.new_range_sql(ident, "NEW.report_id") + "; "
            after_insert = " " + "; ".join(figure_ids.raise_sqls(ident)) + ";"
        else:  # an id not given: the next among its report's rows
            ident = f"coalesce(NEW.id, (SELECT coalesce(max(id), 0) + 1 FROM {s} WHERE report_id = NEW.report_id))"
        values[at] = ident
    sets = ", ".join(f"{_q(c)} = {v}" for c, v in stored.items())
    before_update = before_delete = after_delete = ""
    if lean and s == "figure_rows":
        this = "report_id = OLD.report_id AND id = OLD.id"
        changes = inherit.figure_changes("OLD", "NEW")
        if folds:
            unfold = f"{this} AND ({changes} OR OLD.indicator IS NOT NEW.indicator)"
            before_update = inherit.unfold(unfold) + " "
            before_delete = inherit.unfold(this) + " "
        before_update += inherit.materialize("OLD", f" AND ({changes})") + " "
        before_delete += inherit.materialize("OLD", "") + " "
    elif folds:  # an indicator value: kept in its figure's row, or a row of its own (inherit.py)
        kept = (  # the figure row keeping the value of NEW or OLD
            "report_id = {0}.report_id AND cell_kind IS NOT NULL "
            "AND indicator = (SELECT id FROM terms WHERE text = {0}.indicator)"
        )
        before_insert = (
            "SELECT RAISE(ABORT, 'UNIQUE constraint failed: indicator_values.report_id, "
            f"indicator_values.indicator') WHERE EXISTS (SELECT 1 FROM figure_rows WHERE {kept.format('NEW')}); "
        )
        stays = " AND ".join(
            [
                f"NEW.{_q(c)} IS OLD.{_q(c)}"
                for c in ("report_id", "indicator", "figure_id", *inherit.FROM_FIGURE)
            ]
            + ["NEW.original_kind IS NEW.kind"]
        )
        where = kept.format("OLD")
        cells = {
            "cell_kind": stored["kind"],
            "cell_status": stored["status"],
            "cell_confidence": stored[inherit.THOUSANDTHS],
        }
        before_update = (
            f"UPDATE figure_rows SET {', '.join(f'{c} = {v}' for c, v in cells.items())} "
            f"WHERE {where} AND ({stays}); " + inherit.unfold(f"{where} AND NOT ({stays})") + " "
        )
        after_delete = (
            f" UPDATE figure_rows SET {', '.join(f'{c} = NULL' for c in inherit.CELL)} WHERE {where};"
        )
    return [
        f"CREATE TRIGGER {t.name}_insert INSTEAD OF INSERT ON {t.name} BEGIN {before_insert}{_learn(t)} "
        f"INSERT INTO {s} ({', '.join(names)}) VALUES ({', '.join(values)});{after_insert} END",
        f"CREATE TRIGGER {t.name}_update INSTEAD OF UPDATE ON {t.name} BEGIN {_learn(t)} {before_update}"
        f"UPDATE {s} SET {sets} WHERE {_key(t, version)}; END",
        f"CREATE TRIGGER {t.name}_delete INSTEAD OF DELETE ON {t.name} BEGIN {before_delete}"
        f"DELETE FROM {s} WHERE {_key(t, version)};{after_delete} END",
    ]


def expected(version: int) -> dict[str, str]:
    """Every view and trigger the program creates in a file of format ``version``, by name, with its SQL."""
    out: dict[str, str] = {}
    for t in CODED_TABLES:
        out[t.name] = view_sql(t, version)
        for sql in trigger_sqls(t, version):
            out[sql.split()[2]] = sql
    return out


def create(conn: sqlite3.Connection, version: int) -> None:
    """Create the views and their triggers of format ``version`` (inside the caller's transaction)."""
    for sql in expected(version).values():
        conn.execute(sql)


@functools.cache
def _insert_sql(t: Table, names: tuple[str, ...]) -> str:
    return stored(t).insert_sql(names)


class Codes:
    """The ids of strings in ``terms``, added when new, for one transaction (an id learnt in a
    transaction that is rolled back is gone with it, so a ``Codes`` never outlives its transaction)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.known: dict[str | None, int | None] = {None: None}  # NULL stays NULL

    def learn(self, texts: Iterable[str | None]) -> None:
        todo = list(dict.fromkeys(x for x in texts if x is not None and x not in self.known))
        if not todo:
            return
        self.conn.executemany("INSERT OR IGNORE INTO terms (text) VALUES (?)", ((x,) for x in todo))
        for i in range(0, len(todo), _IN_CHUNK):
            part = todo[i : i + _IN_CHUNK]
            self.known.update(
                (text, int(tid))
                for tid, text in self.conn.execute(
                    f"SELECT id, text FROM terms WHERE text IN ({', '.join('?' * len(part))})", part
                )
            )

    def encode(self, t: Table, names: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[tuple[Any, ...]]:
        """``rows`` (values of the columns ``names``, text in the coded ones) with the coded ones as ids."""
        coded = (*t.coded, *inherit.CELL_CODED) if t.stored_in == "figure_rows" else t.coded
        at = [i for i, n in enumerate(names) if n in coded]
        if not at or not rows:
            return [tuple(r) for r in rows]
        cols = list(zip(*rows, strict=True))  # a column at a time: each coded one mapped in one pass
        known = self.known
        if any(x not in known for i in at for x in set(cols[i]) if x is not None):
            # the most frequent strings get the smallest ids: an id up to 127 is stored in one byte
            counts = Counter(x for i in at for x in cols[i] if x is not None and x not in known)
            self.learn(x for x, _n in counts.most_common())
        get = known.__getitem__
        for i in at:
            cols[i] = tuple(map(get, cols[i]))
        return list(zip(*cols, strict=True))

    def insert(self, t: Table, names: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Insert ``rows`` into the table ``t`` is stored in. Rows clustered by their key (WITHOUT
        ROWID) go in in key order: each lands after the last, and the pages fill up instead of
        splitting half-empty."""
        if not rows:
            return
        encoded = self.encode(t, names, rows)
        if t.rowid:
            encoded.sort(key=itemgetter(*(list(names).index(c) for c in t.pk)))
        self.conn.executemany(_insert_sql(t, tuple(names)), encoded)
