"""Storing extracted reports: the document, its original bytes, figures, indicator values, checks.

A report is turned into its rows (``rows_of``: plain tuples in column order) where it was analysed —
in a worker process during an import, so what crosses to the importing process is cheap to send
(a report's model objects cost 3–4 ms to unpickle, its rows a fraction of that) — and ``write`` puts
them in. The caller runs ``write`` inside a write transaction; a report is stored whole or not at all.
Rows go in with ``executemany`` and the figure ids are assigned here (the next free ones, as SQLite
would), so a report's hundreds of rows cost one statement per table.

Measured on 200 generated reports (185 figures, 175 indicator values each; storing alone, parsing
excluded, best of 4 fresh workspaces, the two ways interleaved on the same 2-core machine):
executemany 118-125 reports/s of CPU time, sqlite-utils ``insert_all`` with the same rows 66-87
reports/s (it validates every record and builds each statement in Python) — so the import, the hot
path, keeps executemany; sqlite-utils creates and migrates the schema (core/store/db.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any, NamedTuple

from core.model import Extraction
from core.store import checking, codec, figure_ids, inherit, ledger, summary, terms
from core.store.clock import now_iso
from core.store.columns import CHECKS, FIGURES, INDICATOR_VALUES, REPORTS
from core.store.terms import Codes

_REPORT_COLS = tuple(c for c in REPORTS.names if c not in ("id", "status", "imported_at", "sealed"))
_INSERT_REPORT = REPORTS.insert_sql(("status", "imported_at", *_REPORT_COLS))
assert FIGURES.names[:2] == ("id", "report_id")
_INDICATOR_COLS = ("report_id", "figure_id", *codec.INDICATOR_VALUE_COLS, terms.SEQ)  # seq: stored order
_CHECK_COLS = ("id", "report_id", *codec.CHECK_VALUES)
_FIGURE_STORED = (*FIGURES.names, inherit.SAME, *inherit.CELL)
_INDICATOR_STORED = (*_INDICATOR_COLS, inherit.SAME)
_LINKED_COLS = ("figure_id", *codec.INDICATOR_VALUE_COLS)  # figure_id: the figure's index, in the worker
_INSERT_ORIGINAL = "INSERT INTO originals (report_id, data, packing, size) VALUES (?, ?, ?, ?)"


class ReportRows(NamedTuple):
    """One analysed report as the rows it is stored as (no ids yet)."""

    sha256: str
    issuer_key: str  # core.documents.meta.issuer_key of the issuer
    year: int | None
    warnings: tuple[str, ...]  # the document's warnings, which the import also reports
    report: tuple[Any, ...]  # the reports row's columns except id, status, imported_at
    original: bytes | None  # the file as stored (codec.pack_original: packed where it was analysed)
    packing: str  # how ``original`` holds the file
    size: int  # the file's own size in bytes
    # codec.figure_values as stored (inherit.encode_figures: ``same``, then the indicator value the
    # figure's row keeps, inherit.CELL)
    figures: list[tuple[Any, ...]]
    indicators: list[tuple[int | None, tuple[Any, ...]]]  # (index into figures, indicator_values)
    # the same indicator values as stored, but those kept in their figures' rows: (index into figures,
    # values as stored: inherit.encode_indicators, their place among the report's, ``same`` last)
    indicators_stored: list[tuple[int | None, Sequence[Any]]]
    checks: list[tuple[Any, ...]]  # codec.check_values


def rows_of(ex: Extraction, original: bytes | None) -> ReportRows:
    doc = ex.document
    report = codec.document_row(doc)
    figs = ex.figures
    by_start = {(f.start, f.source): i for i, f in enumerate(figs)}
    by_ind = {f.indicator: i for i, f in enumerate(figs) if f.indicator}
    inds = []
    for v in ex.indicators.values():
        k = by_start.get((v.start, "table")) if v.start is not None else None
        inds.append((k if k is not None else by_ind.get(v.id), codec.indicator_values(v)))
    packed, packing = (
        (None, "") if original is None else codec.pack_original(original, doc.text, doc.encoding)
    )
    # stored lean (core/store/inherit.py), here in the worker: an indicator value does not hold what
    # its figure holds (its figure named by its index until the ids are given)
    figures = [codec.figure_values(f) for f in figs]
    linked = {k: figures[k] for k, _v in inds if k is not None}
    stored = inherit.encode_indicators(_LINKED_COLS, [(k, *v) for k, v in inds], codec.FIGURE_VALUES, linked)
    figure_rows = [list(f) for f in inherit.encode_figures(codec.FIGURE_VALUES, figures)]
    # a table cell's value that takes everything from its figure is kept in the figure's row
    own = inherit.fold_rows(
        figure_rows,
        codec.FIGURE_VALUES.index("indicator"),
        [(k, (*e[1:-1], i, e[-1])) for i, ((k, _v), e) in enumerate(zip(inds, stored, strict=True), 1)],
        (*_LINKED_COLS[1:], terms.SEQ, inherit.SAME),
    )
    return ReportRows(
        sha256=doc.sha256,
        issuer_key=report["issuer_key"],
        year=doc.year,
        warnings=tuple(doc.warnings),
        report=tuple(codec.pack_text(report[k]) if k == "text" else report[k] for k in _REPORT_COLS),
        original=packed,
        packing=packing,
        size=0 if original is None else len(original),
        figures=[tuple(f) for f in figure_rows],
        indicators=inds,
        indicators_stored=own,
        checks=[codec.check_values(c) for c in ex.checks],
    )


def write(conn: sqlite3.Connection, r: ReportRows, codes: Codes | None = None) -> tuple[int, bool]:
    """Store ``r``; return its report id and whether it is new (a file already stored, recognised by
    its sha256, is not stored again and returns the id it has). ``codes``: the strings' ids known in
    this transaction (a batch of reports shares them)."""
    old = conn.execute("SELECT id FROM reports WHERE sha256 = ?", (r.sha256,)).fetchone()
    if old:
        return int(old[0]), False
    codes = codes if codes is not None else Codes(conn)
    cur = conn.execute(_INSERT_REPORT, ("unreviewed", now_iso(), *r.report))
    rid = int(cur.lastrowid or 0)
    if r.original is not None:
        conn.execute(_INSERT_ORIGINAL, (rid, r.original, r.packing, r.size))
    first = figure_ids.next_id(conn)  # never an id a figure had before
    figures = [(first + i, rid, *f) for i, f in enumerate(r.figures)]
    indicators = [(rid, None if k is None else first + k, *v, i) for i, (k, v) in enumerate(r.indicators, 1)]
    stored = [(rid, None if k is None else first + k, *e) for k, e in r.indicators_stored]
    codes.insert(FIGURES, _FIGURE_STORED, figures)
    figure_ids.given(conn, rid, first, len(figures))
    codes.insert(INDICATOR_VALUES, _INDICATOR_STORED, stored)
    codes.insert(CHECKS, _CHECK_COLS, [(i, rid, *c) for i, c in enumerate(r.checks, 1)])  # id: its place
    # the digest from the values as written (a figure's encoding leaves the digest's columns as they are)
    ledger.seal_stored(conn, rid, (_FIGURE_STORED, figures), (_INDICATOR_COLS, indicators))
    checking.recheck_neighbours(conn, rid, r.issuer_key, r.year)
    summary.refresh(conn, rid)
    return rid, True


def add(conn: sqlite3.Connection, ex: Extraction, original: bytes | None) -> tuple[int, bool]:
    """``write`` for an extraction made in this process."""
    return write(conn, rows_of(ex, original))
