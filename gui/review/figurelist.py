"""Right pane: the figure table. Typing digits starts correcting the current figure's value in place."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from gui.review.figuremodel import COLUMNS, FigureModel

EDIT_START = set("0123456789.-,")


class FigureTable(QTableView):
    def __init__(self, model: FigureModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureTable")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setAlternatingRowColors(False)
        self.setTabKeyNavigation(False)  # Tab leaves the list (↑/↓, J/K move between figures)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(24)
        h = self.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        h.setStretchLastSection(False)
        # the label and the indicator's Chinese name share the free width; long ones lose their end
        # (a label cut in the middle reads as a different phrase) and the tooltip has them in full
        h.setSectionResizeMode(COLUMNS.index("label"), QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(COLUMNS.index("indicator"), QHeaderView.ResizeMode.Stretch)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.fit_columns()

    def fit_columns(self) -> None:
        """The fixed columns at least as wide as their header in the interface's language."""
        m = self.model()
        fm = self.fontMetrics()
        for name, w in (("value", 76), ("unit", 64), ("confidence", 48), ("status", 76)):
            k = COLUMNS.index(name)
            head = m.headerData(k, Qt.Orientation.Horizontal) if m is not None else None
            self.setColumnWidth(k, max(w, fm.horizontalAdvance(str(head or "")) + 18))

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        self.fit_columns()

    def current_row(self) -> int:
        return self.currentIndex().row()

    def select_row(self, row: int) -> None:
        idx = self.model().index(row, 0)
        self.setCurrentIndex(idx)
        self.scrollTo(idx, QAbstractItemView.ScrollHint.EnsureVisible)

    def start_correction(self, initial: str = "") -> bool:
        """Open the value editor of the current row, pre-filled with ``initial`` when given."""
        row = self.current_row()
        if row < 0:
            return False
        idx = self.model().index(row, COLUMNS.index("value"))
        self.setCurrentIndex(idx)
        # Qt takes a null event here; the stub does not say so
        if not self.edit(idx, QAbstractItemView.EditTrigger.AllEditTriggers, None):  # type: ignore[call-overload]
            return False
        editor = self.indexWidget(idx) or self.focusWidget()
        if initial and editor is not None and hasattr(editor, "setText"):
            editor.setText(initial)
        return True

    def keyPressEvent(self, e: QKeyEvent) -> None:
        t = e.text()
        if (
            t
            and t in EDIT_START
            and not (e.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
            and self.start_correction(t)
        ):
            return
        super().keyPressEvent(e)

    def currentChanged(
        self, current: QModelIndex | QPersistentModelIndex, previous: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().currentChanged(current, previous)
