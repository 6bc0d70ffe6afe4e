"""Figure ids without an index by id (format version 7).

Review events, undo and the audit trail name a figure by its id, unique in the workspace and never
given again (a deleted figure's id comes back only with the figure, when its deletion is undone). Since
version 7 the figures are stored clustered by report (``figure_rows`` WITHOUT ROWID, keyed by report and
id), so a report's figures are read together without an index by report, and a figure is found by its
report and id. Two small things keep the ids:

- the last id given, in ``sqlite_sequence`` as SQLite keeps an AUTOINCREMENT table's (a table clustered
  by another key cannot be AUTOINCREMENT): ``next_id`` reads it, ``given`` and the view's insert trigger
  raise it;
- ``figure_id_ranges``: the report of each run of ids (``columns.FIGURE_ID_RANGES``), one row per
  report imported, so ``report_of`` finds a figure's report from its id alone.

A file of an older format opened read-only (core/store/db.py ``READS_FROM_VERSION``) keeps its figures
in a table with an id per row, found by id as before.
"""

from __future__ import annotations

import sqlite3

from core.store.columns import FIGURES

SINCE_VERSION = 7
TABLE = FIGURES.stored_in
_RANGE = "SELECT report_id FROM figure_id_ranges WHERE first_id <= {} ORDER BY first_id DESC LIMIT 1"


def _ranged(conn: sqlite3.Connection) -> bool:
    """Whether the file is of a format that keeps the ids so (an older one opened read-only is not)."""
    return int(conn.execute("SELECT max(version) FROM schema_version").fetchone()[0]) >= SINCE_VERSION


def next_id(conn: sqlite3.Connection) -> int:
    """The next figure id: never one a figure had before, even if deleted (a file of this format:
    an older one is upgraded before anything is written into it)."""
    return int(conn.execute(f"SELECT {_NEXT}").fetchone()[0])


def given(conn: sqlite3.Connection, report_id: int, first: int, n: int) -> None:
    """Record that the ids ``first`` … ``first + n - 1`` were given to figures of ``report_id`` (inside
    the caller's transaction)."""
    if n <= 0:
        return
    conn.execute(new_range_sql(str(first), str(report_id)))
    for sql in raise_sqls(str(first + n - 1)):
        conn.execute(sql)


def new_range_sql(ident: str, report: str) -> str:
    """SQL recording the id ``ident`` (SQL) as a figure of ``report`` (SQL): a range of its own unless
    the range it falls in is already that report's."""
    return (
        f"INSERT INTO figure_id_ranges (first_id, report_id) SELECT {ident}, {report} "
        f"WHERE ({_RANGE.format(ident)}) IS NOT {report}"
    )


def raise_sqls(ident: str) -> tuple[str, str]:
    """SQL raising the last id given to ``ident`` (SQL) where it is below."""
    return (
        f"INSERT INTO sqlite_sequence (name, seq) SELECT '{TABLE}', {ident} WHERE NOT EXISTS "
        f"(SELECT 1 FROM sqlite_sequence WHERE name = '{TABLE}')",
        f"UPDATE sqlite_sequence SET seq = {ident} WHERE name = '{TABLE}' AND seq < {ident}",
    )


# One above the last id given (``sqlite_sequence``) and, should that have been lowered outside Hecha,
# above every id a figure has, as SQLite's AUTOINCREMENT does: an id above the last range's start is a
# figure of that range's report, so the highest is that report's highest or below the range's start.
# Two lookups by key, however big the workspace.
_NEXT = (
    f"max(coalesce((SELECT max(seq) FROM sqlite_sequence WHERE name = '{TABLE}'), 0), "
    f"coalesce((SELECT max(id) FROM {TABLE} WHERE report_id = "
    "(SELECT report_id FROM figure_id_ranges ORDER BY first_id DESC LIMIT 1)), 0), "
    "coalesce((SELECT max(first_id) FROM figure_id_ranges), 0)) + 1"
)


def next_id_sql() -> str:
    """SQL of the next figure id for the view's insert trigger, where a row written through the view
    names none (the program always names it, from ``next_id``): one above the last given. Kept as
    format 7 first wrote it, so the files of that format keep the trigger Hecha made."""
    return f"(SELECT coalesce(max(seq), 0) + 1 FROM sqlite_sequence WHERE name = '{TABLE}')"


def report_of(conn: sqlite3.Connection, figure_id: int) -> int | None:
    """The report of the figure ``figure_id``, or None when no figure has that id."""
    if not _ranged(conn):
        r = conn.execute("SELECT report_id FROM figures WHERE id = ?", (figure_id,)).fetchone()
        return int(r[0]) if r else None
    r = conn.execute(_RANGE.format("?"), (figure_id,)).fetchone()
    if r is None:
        return None
    exists = conn.execute("SELECT 1 FROM figures WHERE report_id = ? AND id = ?", (r[0], figure_id))
    return int(r[0]) if exists.fetchone() else None


def rebuild(conn: sqlite3.Connection) -> None:
    """Work out ``figure_id_ranges`` from the stored figures (the migration to version 7): a range
    starts at each figure whose report is not the previous id's."""
    conn.execute("DELETE FROM figure_id_ranges")
    conn.execute(
        "INSERT INTO figure_id_ranges (first_id, report_id) SELECT id, report_id FROM (SELECT id, "
        f"report_id, lag(report_id) OVER (ORDER BY id) AS before FROM {TABLE}) WHERE before IS NOT report_id"
    )
