"""The current report's figures for the right-hand list, in review order.

Review order: problems first (figures in a failing check, unread, low confidence), then document
order. The order is fixed when a report is loaded, so rows do not jump while the reviewer works
through them. The model is a thin adapter over ``core.store.FigureRow``; edits go through ``on_correct``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from core import checks as core_checks
from core import schema
from gui.widgets.style import color, qualifier_name, status_name

if TYPE_CHECKING:
    from core.store.rows import CheckRow, FigureRow

Index = QModelIndex | QPersistentModelIndex


class Role(IntEnum):
    Figure = Qt.ItemDataRole.UserRole + 1  # the FigureRow
    FigureId = Qt.ItemDataRole.UserRole + 2
    Status = Qt.ItemDataRole.UserRole + 3  # display status (pending … failing)
    Start = Qt.ItemDataRole.UserRole + 4
    Failing = Qt.ItemDataRole.UserRole + 5


COLUMNS = ("value", "unit", "label", "indicator", "confidence", "status")
_VALUE = COLUMNS.index("value")

# The roles and flags as plain values, looked up once: ``data`` and ``flags`` run for every cell and
# role of every paint (some thousand calls for the first one), and an enum member named in the call
# goes through the enum's machinery each time (an ``|`` of two flags makes a new member).
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE = _FLAGS | Qt.ItemFlag.ItemIsEditable
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_FIGURE, _FIGURE_ID, _STATUS, _START, _FAILING = (int(r) for r in Role)


def _header(col: str) -> str:
    names = {
        "value": QCoreApplication.translate("FigureModel", "数值"),
        "unit": QCoreApplication.translate("FigureModel", "单位"),
        "label": QCoreApplication.translate("FigureModel", "标签"),
        "indicator": QCoreApplication.translate("FigureModel", "指标"),
        "confidence": QCoreApplication.translate("FigureModel", "置信度"),
        "status": QCoreApplication.translate("FigureModel", "状态"),
    }
    return names[col]


def format_value(v: Decimal | None) -> str:
    if v is None:
        return ""
    if v == v.to_integral_value():
        return f"{int(v):,}"
    return format(v.normalize(), "f")


def unit_text(f: FigureRow) -> str:
    """The unit column: the measure word and, when the figure is bounded, the qualifier's name
    (件, 人次（余/多）, 条（不足）)."""
    unit = f.unit or ""
    q = qualifier_name(f.qualifier)
    return f"{unit}（{q}）" if q else unit


def label_text(f: FigureRow) -> str:
    """The label column. A table cell mapped to an indicator says which table it is in: its row and
    column are the indicator column's name, so the two columns never repeat each other."""
    if getattr(f, "source", "text") == "table" and f.indicator:
        table = f.indicator.split(".", 1)[0]
        if table == "t2":
            return QCoreApplication.translate("FigureModel", "表二单元格")
        if table == "t3":
            return QCoreApplication.translate("FigureModel", "表三单元格")
        if table == "t4":
            return QCoreApplication.translate("FigureModel", "表四单元格")
        return QCoreApplication.translate("FigureModel", "表格单元格")
    return f.label or ""


def indicator_name(indicator: str | None) -> str:
    """What a reviewer reads for an indicator: its row and column in Chinese (一、本年新收… / 总计),
    without the official row's long parenthesis; the id itself when the schema does not know it."""
    if not indicator:
        return ""
    name = schema.short_label(indicator)
    if not name:
        return indicator
    row, sep, col = name.rpartition(" / ")
    row = schema.brief_label(row)
    return f"{row}{sep}{col}" if row else col


def figure_tooltip(f: FigureRow) -> str:
    """The figure as written, its label and its indicator with the id, and the original value."""
    lines = [QCoreApplication.translate("FigureModel", "原文：%1").replace("%1", f.text)]
    if f.original_value is not None and f.original_value != f.value:
        lines[0] += QCoreApplication.translate("FigureModel", "（原值 %1）").replace(
            "%1", format_value(f.original_value)
        )
    if f.label:
        lines.append(QCoreApplication.translate("FigureModel", "标签：%1").replace("%1", f.label))
    if f.indicator:
        lines.append(
            QCoreApplication.translate("FigureModel", "指标：%1（%2）")
            .replace("%1", indicator_name(f.indicator))
            .replace("%2", f.indicator)
        )
    return "\n".join(lines)


def display_status(fig: FigureRow, failing: set[int]) -> str:
    if fig.status == "pending" and fig.id in failing:
        return "failing"
    return str(fig.status)


def failing_figure_ids(figures: Iterable[FigureRow], checks: Iterable[CheckRow]) -> set[int]:
    """Figures whose indicator or position appears in a failing, not accepted check."""
    cells = core_checks.failing_cells(checks)
    if not cells:
        return set()
    return {f.id for f in figures if (f.indicator and f.indicator in cells) or f"fig:{f.start}" in cells}


LOW_CONFIDENCE = 0.7  # below this the label or indicator was a guess (core.figures gives 0.6 or less)


def problem_rank(f: FigureRow, failing: set[int]) -> int:
    """0 in a failing check, 1 unread (no value), 2 low confidence, 3 no problem."""
    if f.id in failing:
        return 0
    if f.value is None:
        return 1
    if f.confidence < LOW_CONFIDENCE:
        return 2
    return 3


def review_order(figures: Sequence[FigureRow], failing: set[int]) -> list[FigureRow]:
    """Problems first (failing checks, unread, low confidence), each in document order, then the rest
    in document order: the document moves forward, never back and forth by confidence."""
    return sorted(figures, key=lambda f: (problem_rank(f, failing), f.start, f.id))


class FigureModel(QAbstractTableModel):
    locked = False  # the report is done or approved: no value editor opens (set by the review)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[FigureRow] = []
        self._row_of: dict[int, int] = {}
        self.failing: set[int] = set()
        self._checks: Sequence[CheckRow] = ()  # the report's checks the failing figures come from
        self.on_correct: Callable[[int, Decimal], None] | None = None

    # --- loading and updating -------------------------------------------------------------------
    def set_figures(self, figures: Sequence[FigureRow], checks: Sequence[CheckRow] = ()) -> None:
        self.beginResetModel()
        self._checks = checks
        self.failing = failing_figure_ids(figures, checks)
        self._rows = review_order(figures, self.failing)
        self._reindex()
        self.endResetModel()

    def _reindex(self) -> None:
        self._row_of = {f.id: i for i, f in enumerate(self._rows)}

    def refresh(
        self, figures: Sequence[FigureRow] | None, checks: Sequence[CheckRow] | None = None
    ) -> tuple[list[int], list[int]]:
        """Reconcile with the workspace's current figures without reordering existing rows; ``None``
        keeps the figures (or checks) shown, when only the other one changed.

        Returns (ids whose row changed or were added, ids removed)."""
        if figures is None:
            figures = list(self._rows)
        if checks is not None:
            self._checks = checks
        by_id = {f.id: f for f in figures}
        old_failing = self.failing
        self.failing = failing_figure_ids(figures, self._checks)
        removed = [f.id for f in self._rows if f.id not in by_id]
        for fid in removed:
            r = self._row_of[fid]
            self.beginRemoveRows(QModelIndex(), r, r)
            del self._rows[r]
            self._reindex()
            self.endRemoveRows()
        changed: list[int] = []
        for i, f in enumerate(self._rows):
            new = by_id[f.id]
            if new != f or ((f.id in old_failing) != (f.id in self.failing)):
                self._rows[i] = new
                changed.append(f.id)
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(COLUMNS) - 1))
        added = [f for f in figures if f.id not in self._row_of]
        if added:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(added) - 1)
            self._rows.extend(sorted(added, key=lambda f: f.start))
            self._reindex()
            self.endInsertRows()
            changed.extend(f.id for f in added)
        return changed, removed

    # --- access ---------------------------------------------------------------------------------
    def figure(self, row: int) -> FigureRow:
        return self._rows[row]

    def row_of(self, fid: int) -> int | None:
        return self._row_of.get(fid)

    def figures(self) -> list[FigureRow]:
        return list(self._rows)

    def checks(self) -> list[CheckRow]:
        """The report's checks the failing figures come from."""
        return list(self._checks)

    def status_of(self, fig: FigureRow) -> str:
        return display_status(fig, self.failing)

    def next_unresolved(self, after_row: int) -> int | None:
        """Row of the next pending figure after ``after_row`` (wrapping), or None."""
        n = len(self._rows)
        for k in range(1, n + 1):
            r = (after_row + k) % n
            if self._rows[r].status == "pending":
                return r
        return None

    # --- Qt model -------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMNS)
        ):
            return _header(COLUMNS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return _NO_FLAGS
        if index.column() == _VALUE and not self.locked:  # a locked report opens no editor
            return _EDITABLE
        return _FLAGS

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        f = self._rows[index.row()]
        col = COLUMNS[index.column()]
        if role == _DISPLAY:
            if col == "value":
                return format_value(f.value)
            if col == "unit":
                return unit_text(f)
            if col == "label":
                return label_text(f)
            if col == "indicator":
                return indicator_name(f.indicator)
            if col == "confidence":
                return f"{f.confidence:.2f}"
            return status_name(self.status_of(f))
        if role == _EDIT:
            return format_value(f.value).replace(",", "") if col == "value" else None
        if role == _BACKGROUND:
            return color(self.status_of(f))
        if role == _TOOLTIP:
            return figure_tooltip(f)
        if role == _ALIGNMENT and col in ("value", "confidence"):
            return _RIGHT
        if role == _FIGURE:
            return f
        if role == _FIGURE_ID:
            return f.id
        if role == _STATUS:
            return self.status_of(f)
        if role == _START:
            return f.start
        if role == _FAILING:
            return f.id in self.failing
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or COLUMNS[index.column()] != "value":
            return False
        from core.figures.numbers import parse_number  # the figure finder loads on first use, not at start

        v = value if isinstance(value, Decimal) else parse_number(str(value))
        if v is None or self.on_correct is None:
            return False
        f = self._rows[index.row()]
        if v == f.value:
            return False
        self.on_correct(f.id, v)
        return True

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names.update({r.value: QByteArray(r.name.lower().encode()) for r in Role})
        return names
