"""The review keys a document view handles itself (the text view and the PDF pages share them)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, SignalInstance
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QMenu


def handle_key(
    e: QKeyEvent, selection: tuple[int, int] | None, digits: SignalInstance, add: SignalInstance
) -> bool:
    """Digits (and the decimal point) start a correction of the current figure; A adds the selected text
    as a missed figure. Returns True when the key was used."""
    if e.text() and e.text() in "0123456789." and not (e.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
        digits.emit(e.text())
        return True
    if e.key() == Qt.Key.Key_A and not e.modifiers() and selection:
        add.emit(*selection)
        return True
    return False


def add_menu_action(menu: QMenu, selection: tuple[int, int] | None, add: SignalInstance) -> None:
    """The context menu's 补录为数字 (A) entry, enabled when text is selected."""
    act = menu.addAction(QCoreApplication.translate("ReviewKeys", "补录为数字 (A)"))
    act.setEnabled(selection is not None)
    if selection is not None:
        act.triggered.connect(lambda: add.emit(*selection))
