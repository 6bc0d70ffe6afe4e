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


_NUMBER_CHARS = set("0123456789.,，０１２３４５６７８９")


def number_near(text: str, origin: int, step: int) -> tuple[int, int] | None:
    """The run of digits nearest to ``origin`` going forward (``step`` > 0) or backward: where keyboard
    selection for 补录 starts, so one Shift+→ selects the next number in the report."""
    n = len(text)
    i = origin if step > 0 else origin - 1
    while 0 <= i < n and not text[i].isdigit():
        i += 1 if step > 0 else -1
    if not 0 <= i < n:
        return None
    start = end = i
    while start > 0 and text[start - 1] in _NUMBER_CHARS:
        start -= 1
    while end < n and text[end] in _NUMBER_CHARS:
        end += 1
    while end > start and not text[end - 1].isdigit():  # a trailing comma or full stop is not the number's
        end -= 1
    return start, end


class KeyboardSelection:
    """Shift+→ / Shift+← in a document view: the first press selects the next (previous) number after
    the current figure, each further press moves the selection's free end by one character."""

    def __init__(self) -> None:
        self.anchor_caret: tuple[int, int] | None = None

    def step(
        self, text: str, shown: tuple[int, int] | None, current: tuple[int, int] | None, step: int
    ) -> tuple[int, int] | None:
        """The new selection (start, end) given the one ``shown`` and the current figure's span."""
        ac = self.anchor_caret
        if ac is not None and shown == tuple(sorted(ac)):
            anchor, caret = ac
            caret = max(0, min(len(text), caret + step))
        else:
            origin = (current[1] if step > 0 else current[0]) if current else (shown[1] if shown else 0)
            if shown is not None:
                origin = shown[1] if step > 0 else shown[0]
            found = number_near(text, origin, step)
            if found is None:
                return shown
            anchor, caret = found if step > 0 else (found[1], found[0])
        self.anchor_caret = (anchor, caret)
        a, b = sorted((anchor, caret))
        return (a, b) if b > a else None
