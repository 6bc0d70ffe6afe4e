"""Status colours, the words of core.vocab in the UI language and the legend widget shared by every view."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from core import vocab

# Display statuses: the figure statuses of core.store plus "failing" (pending and in a failing check).
DISPLAY_STATUSES = tuple(vocab.DISPLAY_STATUSES)

STATUS_COLORS: dict[str, str] = {
    "pending": "#ffe58f",
    "confirmed": "#b7eb8f",
    "corrected": "#91caff",
    "rejected": "#d9d9d9",
    "added": "#d3adf7",
    "failing": "#ff7875",
    "unread": "#ffa940",  # a table cell the program could not read: the first thing to fill in
}

REPORT_STATUSES = tuple(vocab.REPORT_STATUSES)

# A visible focus ring on everything that takes the keyboard (the window's style sheet): lists, tables
# and the text get a blue frame, their current cell a blue outline; buttons and fields a blue border.
FOCUS_COLOR = "#1677ff"
FOCUS_RING = f"""
QAbstractItemView:focus, QTextEdit:focus, QAbstractScrollArea:focus {{ border: 2px solid {FOCUS_COLOR}; }}
QAbstractItemView::item:focus {{ border: 2px solid {FOCUS_COLOR}; }}
QLineEdit:focus, QComboBox:focus {{ border: 2px solid {FOCUS_COLOR}; }}
QPushButton:focus, QCheckBox:focus, QRadioButton:focus {{ outline: 2px solid {FOCUS_COLOR}; }}
QTabBar::tab:focus {{ border: 2px solid {FOCUS_COLOR}; }}
"""


def term(wording: str) -> str:
    """A wording of ``core.vocab`` in the UI language (Qt context "Vocab", filled in by
    resources/translations/update.py from ``vocab.wordings()``)."""
    return QCoreApplication.translate("Vocab", wording)


def status_name(status: str) -> str:
    """Chinese (or translated) name of a figure display status."""
    return term(vocab.DISPLAY_STATUSES.get(status, status))


def report_status_name(status: str) -> str:
    return term(vocab.REPORT_STATUSES.get(status, status))


def qualifier_name(qualifier: str | None) -> str:
    """The name of a figure's qualifier (余/多, 以上, 不足 …); '' for none."""
    return term(vocab.qualifier_name(qualifier)) if qualifier else ""


def color(status: str) -> QColor:
    return QColor(STATUS_COLORS.get(status, "#ffffff"))


class Legend(QWidget):
    """One coloured swatch and name per display status."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legend")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 2, 4, 2)
        lay.setSpacing(10)
        self.labels: dict[str, QLabel] = {}
        for st in DISPLAY_STATUSES:
            lab = QLabel(status_name(st))
            lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
            border = "#888" if st != "failing" else "#a8071a"
            lab.setStyleSheet(
                f"background:{STATUS_COLORS[st]}; border:1px solid {border}; border-radius:3px; padding:1px 6px;"
            )
            lay.addWidget(lab)
            self.labels[st] = lab
        lay.addStretch(1)
