"""Errors kept and shown: an unexpected error's full traceback goes to the log (``hecha.log`` in the
user's data folder, see ``gui.shell.app.setup_logging``), and the window says what happened in one
line, with the details one click away (复制详情 copies them for a maintainer).
"""

from __future__ import annotations

import logging
import sys
import threading
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, title: str, message: str, details: str = "") -> None:
    """A modal error box: ``message`` in a line, ``details`` (a traceback) behind 显示详细信息 and a
    复制详情 button that puts message and details on the clipboard. Tests replace this function."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(title)
    box.setText(message)
    if details:
        box.setDetailedText(details)
        copy = box.addButton(
            QCoreApplication.translate("Errors", "复制详情"), QMessageBox.ButtonRole.ActionRole
        )
        copy.clicked.connect(lambda: copy_details(message, details))
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()


def copy_details(message: str, details: str) -> None:
    """Message and details on the clipboard, as a maintainer needs them."""
    QApplication.clipboard().setText(f"{message}\n\n{details}")


_showing = threading.Lock()


def show_unexpected_errors() -> None:
    """From now on an exception nothing caught (in a slot, an event handler) is logged with its
    traceback and shown in an error box on the GUI thread; the program goes on."""
    previous = sys.excepthook

    def hook(t: type[BaseException], e: BaseException, tb: TracebackType | None) -> None:
        previous(t, e, tb)  # the log (setup_logging's hook) or stderr
        app = QApplication.instance()
        if app is None or threading.current_thread() is not threading.main_thread():
            return
        if not _showing.acquire(blocking=False):
            return  # an error while an error box is open: logged, not shown on top of it
        try:
            import traceback

            details = "".join(traceback.format_exception(t, e, tb))
            show_error(
                QApplication.activeWindow(),
                QCoreApplication.translate("Errors", "程序出错"),
                QCoreApplication.translate(
                    "Errors", "程序遇到意外错误（%1），刚才的操作可能没有完成。详情已写入日志。"
                ).replace("%1", f"{t.__name__}: {e}"),
                details,
            )
        finally:
            _showing.release()

    sys.excepthook = hook
