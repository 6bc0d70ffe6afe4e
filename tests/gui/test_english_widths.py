"""In English the fixed columns are as wide as their words: no “Not…ble” in the checks, no “onfidenc” over
the figure list."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QTableView

from gui.shell.main import install_translators


def test_english_headers_and_results_fit_their_columns(qapp: Any, qtbot: Any) -> None:
    from gui.review.figurelist import FigureTable
    from gui.review.figuremodel import FigureModel
    from gui.widgets.checkrows import ChecksModel, setup_columns

    app = QApplication.instance()
    translators = install_translators(app, "en")  # type: ignore[arg-type]
    try:
        table = FigureTable(FigureModel())
        qtbot.addWidget(table)
        fm = table.fontMetrics()
        m = table.model()
        for k in range(m.columnCount()):
            head = str(m.headerData(k, Qt.Orientation.Horizontal) or "")
            if head == "Confidence":
                assert table.columnWidth(k) >= fm.horizontalAdvance(head) + 8
        view = QTableView()
        qtbot.addWidget(view)
        view.setModel(ChecksModel())
        setup_columns(view)
        assert view.columnWidth(0) >= view.fontMetrics().horizontalAdvance("Not checkable") + 8
    finally:
        for t in translators:
            QCoreApplication.removeTranslator(t)
