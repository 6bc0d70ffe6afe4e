"""Search across the workspace (Ctrl+Shift+F): type, Enter lists the hits (text, issuer, year, status,
failing check), the arrows choose, Enter opens the place; Escape closes.

The search runs in the background on a read-only connection of its own (``gui.widgets.tasks``): the
hits appear batch by batch with the count of reports read, the window stays responsive, a new search
stops the one running, and Escape stops a search before it closes the dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from gui.widgets.tasks import Task, search_workspace

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
        self.task: Task | None = None  # the search running, or the last one
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
        """Search for the text typed in the background; the hits are listed as they are found and the
        keyboard goes to the first. A search still running is stopped first."""
        self.stop()
        self.hits = []
        self.results.clear()
        task = Task(search_workspace, str(self.ws.path), self.edit.text())
        self.task = task
        task.found.connect(lambda hits: self._found(task, hits))
        task.progress.connect(lambda done, total: self._progress(task, done, total))
        task.finished.connect(lambda _hits: self._finished(task))
        task.failed.connect(lambda msg: self._failed(task, msg))
        self.info.setText(self.tr("正在查找…"))
        task.start()

    def searching(self) -> bool:
        return self.task is not None and not self.task.done and not self.task.is_cancelled()

    def stop(self) -> None:
        """Stop the search running (its hits so far stay listed)."""
        if self.searching():
            assert self.task is not None
            self.task.cancel()
            self.info.setText(
                self.tr("已停止查找：找到 %1 处；↑↓ 选择，回车打开").replace("%1", str(len(self.hits)))
            )

    def _found(self, task: Task, hits: list[Hit]) -> None:
        if task is not self.task or task.is_cancelled():
            return
        first = not self.hits
        self.hits.extend(hits)
        for h in hits:
            item = QListWidgetItem(f"{h.name} · {_FIELDS.get(h.field, h.field)}：{h.snippet}")
            item.setToolTip(h.snippet)
            self.results.addItem(item)
        if first and self.hits:
            self.results.setCurrentRow(0)
            self.results.setFocus(Qt.FocusReason.OtherFocusReason)

    def _progress(self, task: Task, done: int, total: int) -> None:
        if task is self.task and not task.is_cancelled() and not task.done:
            self.info.setText(
                self.tr("正在查找：已查 %1/%2 份报告，找到 %3 处（Esc 停止）")
                .replace("%1", str(done))
                .replace("%2", str(total))
                .replace("%3", str(len(self.hits)))
            )

    def _finished(self, task: Task) -> None:
        if task is self.task and not task.is_cancelled():
            self.info.setText(self.tr("找到 %1 处；↑↓ 选择，回车打开").replace("%1", str(len(self.hits))))

    def _failed(self, task: Task, message: str) -> None:
        if task is self.task and not task.is_cancelled():
            self.info.setText(message)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() == Qt.Key.Key_Escape and not e.modifiers() and self.searching():
            self.stop()  # Escape stops the search; a second Escape closes
            return
        super().keyPressEvent(e)

    def done(self, r: int) -> None:
        self.stop()  # closed while searching: the search stops too
        super().done(r)

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.hits):
            self.open_hit.emit(self.hits[row])
            self.accept()
