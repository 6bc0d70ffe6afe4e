"""Status colours, their Chinese names and the legend widget shared by every view."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

# Display statuses: the figure statuses of core.store plus "failing" (pending and in a failing check).
DISPLAY_STATUSES = ("pending", "confirmed", "corrected", "rejected", "added", "failing")

STATUS_COLORS: dict[str, str] = {
    "pending": "#ffe58f",
    "confirmed": "#b7eb8f",
    "corrected": "#91caff",
    "rejected": "#d9d9d9",
    "added": "#d3adf7",
    "failing": "#ff7875",
    "unread": "#ffa940",  # a table cell the program could not read: the first thing to fill in
}

REPORT_STATUSES = ("unreviewed", "in_review", "done", "in_question")


def status_name(status: str) -> str:
    """Chinese (or translated) name of a figure display status."""
    names = {
        "pending": QCoreApplication.translate("Status", "待核对"),
        "confirmed": QCoreApplication.translate("Status", "已确认"),
        "corrected": QCoreApplication.translate("Status", "已更正"),
        "rejected": QCoreApplication.translate("Status", "已否定"),
        "added": QCoreApplication.translate("Status", "补录"),
        "failing": QCoreApplication.translate("Status", "检查未通过"),
        "unread": QCoreApplication.translate("Status", "未读出"),
    }
    return names.get(status, status)


def report_status_name(status: str) -> str:
    names = {
        "unreviewed": QCoreApplication.translate("Status", "未审核"),
        "in_review": QCoreApplication.translate("Status", "审核中"),
        "done": QCoreApplication.translate("Status", "已完成"),
        "in_question": QCoreApplication.translate("Status", "有疑问"),
    }
    return names.get(status, status)


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
        for st in ("pending", "confirmed", "corrected", "rejected", "added", "failing"):
            lab = QLabel(status_name(st))
            lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
            border = "#888" if st != "failing" else "#a8071a"
            lab.setStyleSheet(
                f"background:{STATUS_COLORS[st]}; border:1px solid {border}; border-radius:3px; padding:1px 6px;"
            )
            lay.addWidget(lab)
            self.labels[st] = lab
        lay.addStretch(1)
