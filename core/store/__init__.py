"""The workspace store: one SQLite file with reports, figures, indicator values, checks, review events.

``Workspace.open(path)`` is the entry point; see core/store/workspace.py.
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
