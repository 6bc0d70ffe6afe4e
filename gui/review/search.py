"""Search across the workspace (Ctrl+Shift+F): type, Enter lists the hits (text, issuer, year, status,
failing check), the arrows choose, Enter opens the place; Escape closes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from core.errors import HechaError

if TYPE_CHECKING:
    from core.store import Workspace
    from core.store.search import Hit

_FIELDS = {
    "正文": QCoreApplication.translate("Search", "正文"),
    "发布机关": QCoreApplication.translate("Search", "发布机关"),
    "年度": QCoreApplication.translate("Search", "年度"),
    "状态": QCoreApplication.translate("Search", "状态"),
    "文件": QCoreApplication.translate("Search", "文件"),
    "检查": QCoreApplication.translate("Search", "未通过的检查"),
}


class _Results(QListWidget):
    """The hits; Enter opens the current one (``QListWidget`` would only edit it)."""

    chosen = Signal(int)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentRow() >= 0:
            self.chosen.emit(self.currentRow())
            return
        super().keyPressEvent(e)


class SearchDialog(QDialog):
    """Find a word, an issuer, a year, a status or a failing check in every report of the workspace."""

    open_hit = Signal(object)  # core.store.search.Hit

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchDialog")
        self.setWindowTitle(self.tr("在所有报告中查找"))
        self.ws = ws
        self.hits: list[Hit] = []
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("文字、发布机关、年度、状态或检查，回车查找"))
        self.edit.returnPressed.connect(self.run)
        self.info = QLabel()
        self.results = _Results()
        self.results.setStyleSheet(
            "QListWidget::item { padding: 3px; } QListWidget::item:selected { background: #1677ff; color: white; }"
        )
        self.results.chosen.connect(self._open)
        self.results.itemActivated.connect(lambda it: self._open(self.results.row(it)))
        lay = QVBoxLayout(self)
        lay.addWidget(self.edit)
        lay.addWidget(self.info)
        lay.addWidget(self.results, 1)
        self.resize(760, 440)

    def run(self) -> None:
        """List the hits of the text typed; the keyboard goes to the first."""
        try:
            self.hits = self.ws.search(self.edit.text())
        except HechaError as e:
            self.info.setText(str(e))
            return
        self.results.clear()
        for h in self.hits:
            item = QListWidgetItem(f"{h.name} · {_FIELDS.get(h.field, h.field)}：{h.snippet}")
            item.setToolTip(h.snippet)
            self.results.addItem(item)
        self.info.setText(self.tr("找到 %1 处；↑↓ 选择，回车打开").replace("%1", str(len(self.hits))))
        if self.hits:
            self.results.setCurrentRow(0)
            self.results.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.hits):
            self.open_hit.emit(self.hits[row])
            self.accept()
