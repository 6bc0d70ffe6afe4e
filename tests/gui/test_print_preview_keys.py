"""The 核查单's print preview fits a 1366×768 screen, its page fitted to the width, and prints with
Ctrl+P or Enter — no mouse, no toolbar behind a » overflow."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar

from core.store import Workspace
from gui.signoff import record

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "core" / "store"))
from store_helpers import extraction  # noqa: E402


@pytest.mark.parametrize(
    "key", [(Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier), (Qt.Key.Key_Return, None)]
)
def test_the_preview_fits_the_screen_and_prints_from_the_keyboard(
    qtbot: Any, tmp_path: Path, key: tuple[Qt.Key, Any]
) -> None:
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtPrintSupport import QPrinter

    ws = Workspace.open(tmp_path / "w.sqlite", "张三")
    rid = ws.add_report(extraction())
    ws.set_report_status(rid, "done", override="其余留待下一轮")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    dialog = record.preview_dialog(None, ws, [rid], printer)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    area = QGuiApplication.primaryScreen().availableGeometry()
    assert dialog.width() <= area.width() and dialog.height() <= area.height()
    bar = dialog.findChild(QToolBar)
    assert bar is not None and bar.sizeHint().width() <= dialog.width()  # no » overflow
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    k, mods = key
    from PySide6.QtWidgets import QApplication

    qtbot.keyClick(QApplication.focusWidget() or dialog, k, mods or Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: out.exists() and out.stat().st_size > 1000)
    assert out.read_bytes().startswith(b"%PDF")
    ws.close()


def test_the_preview_keeps_its_own_printer_alive(qtbot: Any, tmp_path: Path) -> None:
    """The printer the preview makes is not owned by Qt: dropped, the preview would paint on freed memory."""
    import gc

    ws = Workspace.open(tmp_path / "w.sqlite", "张三")
    rid = ws.add_report(extraction())
    dialog = record.preview_dialog(None, ws, [rid])
    qtbot.addWidget(dialog)
    gc.collect()
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(200)
    assert dialog.printer().pageLayout().pageSize().id() is not None
    dialog.reject()
    ws.close()
