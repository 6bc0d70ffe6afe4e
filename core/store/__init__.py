"""The workspace store: one SQLite file with reports, figures, indicator values, checks, review events.

``Workspace.open(path)`` is the entry point: a small facade (core/store/workspace.py) over plain
modules — session (connection, lock, write transaction), db (file, schema, migrations), columns
(each table's columns, declared once), storing and importer (reports in), reading and bulk (rows
out), review (review actions), signoff (second reviewer, reopening, reviewers' names) and lock (the
lock on finished reports), history (undo/redo), checking (checks re-run on stored values),
queries (the same issuer's report of another year), ledger (the hash chain of the review events and
the digest a sign-off is bound to), verify (the replay behind ``hecha verify``), names (people
compared as people: 张三, 張三, 张三 with a zero-width space are one).
"""

from core.store.rows import (
    FIGURE_STATUSES,
    INDICATOR_KINDS,
    INDICATOR_STATUSES,
    REPORT_STATUSES,
    Change,
    CheckRow,
    EventRow,
    FigureRow,
    ImportResult,
    IndicatorRow,
    ReportRow,
)
from core.store.workspace import Workspace

__all__ = [
    "FIGURE_STATUSES",
    "INDICATOR_KINDS",
    "INDICATOR_STATUSES",
    "REPORT_STATUSES",
    "Change",
    "CheckRow",
    "EventRow",
    "FigureRow",
    "ImportResult",
    "IndicatorRow",
    "ReportRow",
    "Workspace",
]
