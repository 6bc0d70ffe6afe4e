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
format 5 keeps and is read through its own (``expected(version)``).

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

from core.store import inherit
from core.store.columns import CODED_TABLES, Column, Table

SINCE_VERSION = 5  # the format that stores these tables coded
CLUSTERED_SINCE = 6  # the format that stores a table declared ``clustered`` so
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
    joined = (
        " LEFT JOIN figure_rows AS f ON f.id = indicator_value_rows.figure_id"
        if lean and s != "figure_rows"
        else ""
    )
    return f"CREATE VIEW {t.name} AS SELECT {', '.join(cols)} FROM {s}{joined}"


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
    pk = t.clustered if t.clustered and version >= CLUSTERED_SINCE else t.pk
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
    take a column from it that column (core/store/inherit.py)."""
    s = t.stored_in
    lean = version >= inherit.SINCE_VERSION and s in _INHERITS
    stored = {c.name: _value(t, c) for c in t.columns}
    if lean:
        new = {c.name: _new(t, c) for c in t.columns}
        stored = inherit.stored_values(s == "figure_rows", new, stored)
    names = [_q(c) for c in stored]
    values = list(stored.values())
    if t.rowid:
        names.append(SEQ)
        values.append(f"(SELECT coalesce(max({SEQ}), 0) + 1 FROM {s} WHERE report_id = NEW.report_id)")
    if t.clustered and version >= CLUSTERED_SINCE:  # an id not given: the next among its report's rows
        values[names.index('"id"')] = (
            f"coalesce(NEW.id, (SELECT coalesce(max(id), 0) + 1 FROM {s} WHERE report_id = NEW.report_id))"
        )
    sets = ", ".join(f"{_q(c)} = {v}" for c, v in stored.items())
    before_update = before_delete = ""
    if lean and s == "figure_rows":
        before_update = inherit.materialize("OLD", f" AND ({inherit.figure_changes('OLD', 'NEW')})") + " "
        before_delete = inherit.materialize("OLD", "") + " "
    return [
        f"CREATE TRIGGER {t.name}_insert INSTEAD OF INSERT ON {t.name} BEGIN {_learn(t)} "
        f"INSERT INTO {s} ({', '.join(names)}) VALUES ({', '.join(values)}); END",
        f"CREATE TRIGGER {t.name}_update INSTEAD OF UPDATE ON {t.name} BEGIN {_learn(t)} {before_update}"
        f"UPDATE {s} SET {sets} WHERE {_key(t, version)}; END",
        f"CREATE TRIGGER {t.name}_delete INSTEAD OF DELETE ON {t.name} BEGIN {before_delete}"
        f"DELETE FROM {s} WHERE {_key(t, version)}; END",
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
        at = [i for i, n in enumerate(names) if n in t.coded]
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
