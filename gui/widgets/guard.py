"""Confirming respects the checks: a figure, a row, a column or a table that takes part in a failing
check the reviewer has not accepted is not confirmed silently, and a table with unread cells is not
confirmed before they are filled.

``blocking_checks`` finds the open failures among the cells confirmed; ``ask_go_to_check`` asks once
(Enter = go to the check, where Enter accepts it with a reason; Escape = cancel); ``unread`` says which
cells still need a value (one function, the only place that decides it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from core import checks as core_checks
from gui.widgets.checkrows import formula_text, rule_name, subject_name


def blocking_checks(checks: Iterable[Any], cells: Iterable[str]) -> list[Any]:
    """The failing, not accepted checks among ``checks`` that involve any of ``cells`` (indicator ids or
    ``fig:START``), in the order the report lists them."""
    wanted = set(cells)
    return [c for c in checks if core_checks.is_open_failure(c) and wanted & set(c.cells)]


def figure_cells(figure: Any) -> list[str]:
    """The cells a narrative figure stands for in the checks: its indicator and its position."""
    out = [f"fig:{figure.start}"]
    if figure.indicator:
        out.append(figure.indicator)
    return out


def is_unread(value: Any) -> bool:
    """A table cell the program could not read: absent, or blank and not reviewed yet (a not-applicable
    marker such as “/” is a reading)."""
    if value is None:
        return True
    if getattr(value, "status", "") == "unread":
        return True
    return value.value is None and value.kind != "not_applicable" and value.status == "pending"


def unread(ids: Iterable[str], values: dict[str, Any]) -> list[str]:
    """The cells of ``ids`` still to fill before they can be confirmed."""
    return [i for i in ids if is_unread(values.get(i))]


def check_names(checks: Sequence[Any]) -> str:
    return "\n".join(
        f"• {rule_name(c.rule)}（{subject_name(c.rule, c.subject)}）：{formula_text(c)}" for c in checks
    )


def ask_go_to_check(parent: QWidget | None, checks: Sequence[Any]) -> bool:
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
