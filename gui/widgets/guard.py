"""Confirming respects the checks, as core decides (``core.checks.confirmation``): a figure, a row, a
column or a table that takes part in a failing check the reviewer has not accepted is not confirmed
silently, and a table with cells holding no reading is not confirmed before they are filled.

``ask_go_to_check`` asks once (Enter = go to the check, where Enter accepts it with a reason; Escape =
cancel). The rule itself is core's; this module only words it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from core.store.rows import CheckRow
from gui.widgets.checkrows import formula_text, rule_name, subject_name


def check_names(checks: Sequence[CheckRow]) -> str:
    return "\n".join(
        f"• {rule_name(c.rule)}（{subject_name(c.rule, c.subject)}）：{formula_text(c)}" for c in checks
    )


def ask_go_to_check(parent: QWidget | None, checks: Sequence[CheckRow]) -> bool:
    """Say which failing checks must be accepted first; True when the reviewer wants to go to the first
    (Enter), False on Escape. Tests replace this function."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Guard", "检查未通过"))
    box.setText(
        QCoreApplication.translate(
            "Guard", "要确认的数值参与了未通过的检查：\n%1\n\n请先核对并接受该检查。"
        ).replace("%1", check_names(checks))
    )
    go = box.addButton(
        QCoreApplication.translate("Guard", "转到检查（回车）"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(QCoreApplication.translate("Guard", "取消（Esc）"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(go)
    box.exec()
    return box.clickedButton() is go
