"""A report's check results as rows: the model a checks list or the comparison's carry checks show,
their wordings (rule, subject, result, formula with its mark) and column widths."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QTableView

from core import checks as core_checks
from core import schema, vocab
from gui.widgets.style import term

if TYPE_CHECKING:
    from core.store import CheckRow


Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("result", "subject", "formula", "rule")


class Role(IntEnum):
    Check = Qt.ItemDataRole.UserRole + 1
    Cells = Qt.ItemDataRole.UserRole + 2
    Failing = Qt.ItemDataRole.UserRole + 3  # failing and not accepted


def rule_name(rule: str) -> str:
    return term(vocab.rule_name(rule))


def subject_name(rule: str, subject: str) -> str:
    """A Chinese name for what a check is about: a row, a column, a group or an indicator."""
    if subject == "all":
        return QCoreApplication.translate("Checks", "全部数值")
    return core_checks.subject_name(rule, subject)


def result_text(check: CheckRow) -> str:
    if check.status == "fail" and check.accepted:
        return term(vocab.ACCEPTED)
    return term(vocab.CHECK_STATUSES.get(check.status, check.status))


_N = cast(Callable[[str, str], str], QT_TRANSLATE_NOOP)
# The words core writes into a formula (core.checks), longest first: each shown in the interface's
# language (“Formula” context of the translations); the numbers and signs stay as they are.
FORMULA_WORDS = (
    _N("Formula", "有空白或不适用单元格，无法核对"),
    _N("Formula", "有空白单元格，无法核对"),
    _N("Formula", "个数值均为非负，件数均为整数"),
    _N("Formula", "个单元格未读出"),
    _N("Formula", "各种读法均不符"),
    _N("Formula", "予以公开+部分公开"),
    _N("Formula", "新收+上年结转"),
    _N("Formula", "上年结转下年度"),
    _N("Formula", "本年上年结转"),
    _N("Formula", "表格单元格"),
    _N("Formula", "无法核对"),
    _N("Formula", "不是整数"),
    _N("Formula", "未读出"),
    _N("Formula", "表格为"),
    _N("Formula", "单元格"),
    _N("Formula", "表格"),
    _N("Formula", "正文"),
    _N("Formula", "新收"),
    _N("Formula", "上年"),
    _N("Formula", "空"),
)
_ASCII_MARKS = str.maketrans({"（": " (", "）": ")", "，": ", ", "；": "; ", "：": ": "})


def formula_words(text: str) -> str:
    """``text`` (a formula as core wrote it) in the interface's language: Chinese as it is, else each
    word of ``FORMULA_WORDS`` translated and the full-width marks made ASCII."""
    changed = False
    for w in FORMULA_WORDS:
        if w in text:
            t = QCoreApplication.translate("Formula", w)
            if t != w:
                text = text.replace(w, t)
                changed = True
    return " ".join(text.translate(_ASCII_MARKS).split()) if changed else text


def formula_text(check: CheckRow) -> str:
    """The formula with values and a mark: '3001+53+0+0+61+4 = 3119 ✓', '10+1+0+0 = 11 ≠ 0 ✗'."""
    f = formula_words(str(check.formula))
    if check.status == "fail" and not f.endswith("✗"):
        return f + " ✗"
    if check.status == "pass" and not f.endswith("✓"):
        return f + " ✓"
    return f


def _order(check: CheckRow) -> tuple[int, int]:
    if check.status == "fail":
        rank = 1 if check.accepted else 0
    else:
        rank = 2 if check.status == "not_checkable" else 3
    return rank, 0 if check.severity == "error" else 1


class ChecksModel(QAbstractTableModel):
    """A thin adapter over ``core.store.CheckRow``s, failing (not accepted) first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._checks: list[CheckRow] = []

    def set_checks(self, checks: Sequence[CheckRow]) -> None:
        self.beginResetModel()
        self._checks = sorted(checks, key=_order)  # stable: the rule order within a rank
        self.endResetModel()

    def check(self, row: int) -> CheckRow:
        return self._checks[row]

    def checks(self) -> list[CheckRow]:
        return list(self._checks)

    def row_of(self, rule: str, subject: str) -> int | None:
        for i, c in enumerate(self._checks):
            if c.rule == rule and c.subject == subject:
                return i
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._checks)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                QCoreApplication.translate("Checks", "结果"),
                QCoreApplication.translate("Checks", "对象"),
                QCoreApplication.translate("Checks", "算式"),
                QCoreApplication.translate("Checks", "规则"),
            )[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._checks):
            return None
        c = self._checks[index.row()]
        col = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == "result":
                return result_text(c)
            if col == "rule":
                return rule_name(c.rule)
            if col == "subject":
                return subject_name(c.rule, c.subject)
            return formula_text(c)
        if role == Qt.ItemDataRole.BackgroundRole:
            if c.status == "fail":
                return QColor("#fff1b8") if c.accepted else QColor("#ffccc7")
            return QColor("#f5f5f5") if c.status == "not_checkable" else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == "formula":
                return formula_text(c)
            tip = next((r.text for r in schema.RULES if r.id == c.rule), c.rule)
            if c.accepted:
                tip += "\n" + QCoreApplication.translate("Checks", "接受理由：%1").replace("%1", c.reason)
            return tip
        if role == Role.Check:
            return c
        if role == Role.Cells:
            return tuple(c.cells)
        if role == Role.Failing:
            return core_checks.is_open_failure(c)
        return None


def setup_columns(view: QTableView) -> None:
    """Result, subject and formula widths for a view over a ``ChecksModel``; compact rows."""
    h = view.horizontalHeader()
    h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    # the result column holds its longest wording in the interface's language (Not checkable …)
    words = [term(w) for w in (*vocab.CHECK_STATUSES.values(), vocab.ACCEPTED)]
    view.setColumnWidth(0, max(64, *(view.fontMetrics().horizontalAdvance(w) + 14 for w in words)))
    view.setColumnWidth(1, 150)
    view.setColumnWidth(2, 330)
    h.setStretchLastSection(True)
    view.verticalHeader().setDefaultSectionSize(22)
    view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
