"""Every check result of the current report, failing first, with its formula and values.

Selecting a check emits the cells and figures involved so the window can highlight them; a failing
check can be accepted with a reason (``Workspace.accept_check``, recorded in the review events).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core import checks as core_checks
from core.errors import HechaError
from core.store.rows import Change
from gui.signoff import signoff
from gui.widgets.checkrows import (
    ChecksModel,
    formula_text,
    rule_name,
    setup_columns,
    subject_name,
)

if TYPE_CHECKING:
    from core.store import CheckRow, Workspace


def ask_reason(parent: QWidget | None, check: CheckRow) -> str | None:
    """Ask why a failing check is acceptable; None when cancelled. Tests replace this function."""
    from gui.signoff.signoff import keep_focus

    # one line: Enter accepts, Escape cancels (a multi-line box took Enter for a new line); the keyboard
    # goes back where it was
    with keep_focus():
        text, ok = QInputDialog.getText(
            parent,
            QCoreApplication.translate("Checks", "接受未通过的检查"),
            QCoreApplication.translate("Checks", "%1（%2）：%3\n请填写接受理由（将记入审核记录），回车确定：")
            .replace("%1", rule_name(check.rule))
            .replace("%2", subject_name(check.rule, check.subject))
            .replace("%3", formula_text(check)),
        )
    return text if ok else None


class ChecksPanel(QWidget):
    cells_selected = Signal(object)  # tuple of indicator ids / "fig:START" / "previous:ID"
    changed = Signal(object)  # core.store.Change
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checksPanel")
        self.ws: Workspace | None = None
        self.report_id: int | None = None
        self._applied: int | None = None  # review event of the last change this panel applied
        self.model = ChecksModel(self)
        self.view = QTableView()
        self.view.setObjectName("checksView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        setup_columns(self.view)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.activated.connect(lambda _i: self.accept_current())
        self.summary = QLabel()
        self.summary.setObjectName("checksSummary")
        self.accept_button = QPushButton(self.tr("接受并填写理由…"))
        self.accept_button.setEnabled(False)
        self.accept_button.setToolTip(self.tr("选中未通过的检查后按回车"))
        self.accept_button.clicked.connect(self.accept_current)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.accept_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addLayout(top)
        lay.addWidget(self.view, 1)

    def set_workspace(self, ws: Workspace | None) -> None:
        self.ws = ws
        self.report_id = None
        self.model.set_checks([])
        self._summarize()

    def load_report(self, report_id: int | None, checks: Sequence[CheckRow] | None = None) -> None:
        """Show the checks of ``report_id``: ``checks`` when the caller has just read them, else read."""
        self.report_id = report_id
        self.refresh(checks)

    def apply(self, change: Change) -> None:
        """Re-read the checks when ``change`` moved them in the report shown (a change this panel made
        itself is shown already)."""
        if change.report_id != self.report_id or (
            change.event_id is not None and change.event_id == self._applied
        ):
            return
        self._applied = change.event_id
        if change.checks_changed:
            self.refresh()

    def refresh(self, given: Sequence[CheckRow] | None = None) -> None:
        """Re-read the checks (they are re-run by the workspace after every edit) unless ``given``;
        keep the selection."""
        cur = self.current()
        checks: list[CheckRow] = []
        if given is not None and self.report_id is not None:
            checks = list(given)
        elif self.ws is not None and self.report_id is not None:
            try:
                checks = self.ws.checks(self.report_id)
            except HechaError as e:
                self.message.emit(str(e))
        self.model.set_checks(checks)
        if cur is not None:
            row = self.model.row_of(cur.rule, cur.subject)
            if row is not None:
                self.view.selectionModel().blockSignals(True)
                self.view.setCurrentIndex(self.model.index(row, 0))
                self.view.selectionModel().blockSignals(False)
        self._summarize()

    def _summarize(self) -> None:
        cs = self.model.checks()
        n = {k: 0 for k in ("fail", "accepted", "not_checkable", "pass")}
        for c in cs:
            n["accepted" if c.status == "fail" and c.accepted else c.status] += 1
        self.summary.setText(
            self.tr("未通过 %1 · 已接受 %2 · 无法核对 %3 · 通过 %4")
            .replace("%1", str(n["fail"]))
            .replace("%2", str(n["accepted"]))
            .replace("%3", str(n["not_checkable"]))
            .replace("%4", str(n["pass"]))
        )
        self.summary.setStyleSheet("color:#a8071a; font-weight:bold;" if n["fail"] else "")
        self._update_button()

    def current(self) -> CheckRow | None:
        idx = self.view.currentIndex()
        return self.model.check(idx.row()) if idx.isValid() else None

    def select(self, rule: str, subject: str) -> bool:
        row = self.model.row_of(rule, subject)
        if row is None:
            return False
        self.view.setCurrentIndex(self.model.index(row, 0))
        return True

    def _current_changed(self, cur: QModelIndex, _prev: QModelIndex) -> None:
        self._update_button()
        if cur.isValid():
            self.cells_selected.emit(tuple(self.model.check(cur.row()).cells))

    def _update_button(self) -> None:
        c = self.current()
        self.accept_button.setEnabled(core_checks.is_open_failure(c))

    def accept_current(self) -> bool:
        """Accept the selected failing check after asking for a reason."""
        c = self.current()
        if c is None or not core_checks.is_open_failure(c) or self.ws is None:
            return False
        if not signoff.ensure_reviewer(self.window(), self.ws):
            return False
        reason = ask_reason(self, c)
        if reason is None:
            return False
        if not reason.strip():
            self.message.emit(self.tr("接受未通过的检查必须填写理由"))
            return False
        try:
            change = self.ws.accept_check(c.report_id, c.rule, c.subject, reason.strip())
        except HechaError as e:
            self.message.emit(str(e))
            return False
        self.apply(change)
        self.changed.emit(change)
        self.message.emit(self.tr("已接受检查：%1").replace("%1", formula_text(c)))
        self.select_next_open()
        return True

    def select_next_open(self) -> bool:
        """Move to the next failing check still to accept (wrapping), so Enter accepts it next."""
        n = self.model.rowCount()
        here = self.view.currentIndex().row()
        for k in range(1, n + 1):
            row = (here + k) % n
            if core_checks.is_open_failure(self.model.check(row)):
                self.view.setCurrentIndex(self.model.index(row, 0))
                return True
        return False
