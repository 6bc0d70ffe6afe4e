"""The keyboard review loop over one report: confirm, correct, reject, add, move, undo/redo.

Each action is one workspace call (one transaction, saved at once); the returned ``Change`` says
what moved, so the list and the document refresh only that. The controller then tells whoever listens:
``workspace_set`` when a workspace is opened, ``change_applied`` with every ``Change`` (the docks
re-read what it names), ``history_changed`` with whether undo and redo can do anything.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QTimer, Signal

from core import checks as core_checks
from core import vocab
from core.errors import HechaError, OpenItemsError
from core.store.rows import Change
from core.textnorm import paragraph_at
from gui.review.figurelist import FigureTable
from gui.review.figuremodel import FigureModel, format_value
from gui.review.reportlist import ReportList
from gui.signoff import signoff
from gui.widgets import guard
from gui.widgets.docview import DocumentPane
from gui.widgets.style import report_status_name

if TYPE_CHECKING:
    from core.store import Workspace
    from core.store.rows import FigureRow


class ReviewController(QObject):
    message = Signal(str)
    report_loaded = Signal(int)
    figure_shown = Signal(int)
    workspace_set = Signal(object)  # the Workspace now reviewed
    change_applied = Signal(object)  # core.store.Change, once the figure list and document show it
    history_changed = Signal(bool, bool)  # can undo, can redo
    check_requested = Signal(str, str)  # rule, subject: show this check (it must be accepted first)

    def __init__(
        self, model: FigureModel, table: FigureTable, pane: DocumentPane, reports: ReportList
    ) -> None:
        super().__init__(table)
        self.ws: Workspace | None = None
        self.report_id: int | None = None
        self.model = model
        self.table = table
        self.pane = pane
        self.reports = reports
        self.model.on_correct = self.correct
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.pane.figure_clicked.connect(self.select_figure)
        self.pane.add_requested.connect(self.add_range)
        self.reports.report_selected.connect(self.load_report)

    @property
    def open_ws(self) -> Workspace:
        """The workspace in view: a review action runs only on a figure or report listed from it."""
        if self.ws is None:
            raise RuntimeError("a review action ran with no workspace open")
        return self.ws

    # --- loading --------------------------------------------------------------------------------
    def set_workspace(self, ws: Workspace) -> None:
        self.ws = ws
        self.report_id = None
        self.model.set_figures([])
        self.pane.set_document(None, None, ())
        self.reports.set_workspace(ws)
        self.workspace_set.emit(ws)
        self._history_state()

    def _history_state(self) -> None:
        """Tell whether undo and redo have something to do (the log is the workspace's, shared by
        everyone reviewing it, so this is asked again after every change and report loaded)."""
        ws = self.ws
        try:
            can = (ws.can_undo(), ws.can_redo()) if ws is not None else (False, False)
        except HechaError as e:
            self.message.emit(str(e))
            can = (False, False)
        self.history_changed.emit(*can)

    def spans(self, figures: list[FigureRow]) -> list[tuple[int, int, int, str]]:
        return [(f.id, f.start, f.end, self.model.status_of(f)) for f in figures]

    def load_report(self, report_id: int) -> None:
        if self.ws is None:
            return
        try:
            doc = self.ws.document(report_id)
            figures = self.open_ws.figures(report_id)
            checks = self.open_ws.checks(report_id)
            original = self.ws.original_bytes(report_id) if doc.format == "pdf" else None
        except HechaError as e:
            self.message.emit(str(e))
            return
        self.report_id = report_id
        self._set_locked(report_id)
        self.model.set_figures(figures, checks)
        self.pane.set_document(doc, original, self.spans(self.model.figures()))
        if self.reports.current_id() != report_id:
            self.reports.select(report_id, emit=False)
        first = self.model.next_unresolved(-1)
        if first is None and self.model.rowCount() > 0:
            first = 0
        if first is not None:
            self.table.select_row(first)
            # once the views are laid out, bring the figure into view again
            QTimer.singleShot(0, self._reshow_current)
        self.report_loaded.emit(report_id)
        self._history_state()
        self._say_check_changes(report_id)

    def _say_check_changes(self, report_id: int) -> None:
        """A locked report whose checks moved after the lock (last year's report imported since): both
        reviewers see it when they open the report; the signed checks stay as they were."""
        if not self.model.locked:
            return
        try:
            state = self.open_ws.signoff(report_id)
        except HechaError:
            return
        changes = state.check_changes
        if state.action and not state.holds:  # changed outside Hecha: the signature no longer holds
            self.message.emit(
                QCoreApplication.translate(
                    "Review", "报告签署后数据被改动，签署已失效；请运行 hecha verify 查看"
                )
            )
        elif changes:
            self.message.emit(
                QCoreApplication.translate(
                    "Review", "锁定后检查结果有变化（已签署的检查未改动）：%1"
                ).replace("%1", changes[-1])
            )

    def _set_locked(self, report_id: int) -> None:
        """A done or approved report opens no value editor: typing is refused where it starts."""
        try:
            self.model.locked = self.open_ws.report(report_id).status in vocab.LOCKED_STATUSES
        except HechaError:
            self.model.locked = False

    def _reshow_current(self) -> None:
        cur = self.current()
        if cur is not None:
            self.pane.set_current(cur.id, flash=False)

    # --- current figure -------------------------------------------------------------------------
    def current(self) -> FigureRow | None:
        row = self.table.current_row()
        return self.model.figure(row) if 0 <= row < self.model.rowCount() else None

    def _row_changed(self, cur: QModelIndex, _prev: QModelIndex) -> None:
        if cur.isValid():
            f = self.model.figure(cur.row())
            self.pane.set_current(f.id, flash=True)
            self.figure_shown.emit(f.id)
            para = self.paragraph_of(f)
            if para is not None and len(self.paragraph_figures(f)) > 1:
                self.pane.frame_source(*para)  # what Ctrl+Enter confirms, in sight

    def paragraph_of(self, f: FigureRow) -> tuple[int, int] | None:
        """The paragraph ``f`` stands in (``core.textnorm.paragraph_at``)."""
        doc = self.pane.doc
        return None if doc is None else paragraph_at(doc.text, f.start, f.end)

    def paragraph_figures(self, f: FigureRow) -> list[FigureRow]:
        """The narrative figures still to check in ``f``'s paragraph."""
        para = self.paragraph_of(f)
        if para is None:
            return []
        a, b = para
        return [
            g
            for g in self.model.figures()
            if g.status == "pending" and g.source == "text" and a <= g.start and g.end <= b
        ]

    def confirm_paragraph(self) -> None:
        """Ctrl+Enter: confirm the figures still to check of the current figure's paragraph — the one
        framed in the document — in one review event (one undo takes them back); a figure that takes
        part in a failing check not accepted stays to check."""
        f = self.current()
        rid = self.report_id
        if f is None or rid is None:
            return
        checks = self.model.checks()
        figs = [
            g
            for g in self.paragraph_figures(f)
            if not core_checks.confirmation(core_checks.figure_cells(g.start, g.indicator), checks).blocking
        ]
        if not figs:
            self.next_unresolved()
            return
        if self._do(self.open_ws.confirm_figures, rid, [g.id for g in figs]) is not None:
            self.message.emit(
                QCoreApplication.translate("Review", "已确认本段 %1 个数字").replace("%1", str(len(figs)))
            )
        self.next_unresolved()

    def select_figure(self, fid: int) -> None:
        row = self.model.row_of(fid)
        if row is None:
            return
        if row == self.table.current_row():
            self.pane.set_current(fid, flash=True)
        else:
            self.table.select_row(row)

    def move(self, step: int) -> None:
        n = self.model.rowCount()
        if n:
            self.table.select_row(max(0, min(n - 1, self.table.current_row() + step)))

    def next_unresolved(self) -> None:
        row = self.model.next_unresolved(self.table.current_row())
        if row is not None:
            self.table.select_row(row)
        else:
            self.message.emit(
                QCoreApplication.translate("Review", "本报告的数字已全部核对。按 N 转到下一份报告。")
            )
            cur = self.current()
            if cur is not None:
                self.pane.set_current(cur.id, flash=False)

    # --- review actions -------------------------------------------------------------------------
    def _do(self, fn: Any, *args: Any) -> Any:
        if not signoff.ensure_reviewer(self.table.window(), self.ws):
            self.message.emit(QCoreApplication.translate("Review", "未填写审核人姓名，操作未保存"))
            return None
        try:
            change = fn(*args)
        except HechaError as e:
            self.message.emit(str(e))
            return None
        self.apply(change)
        return change

    def confirm_current(self) -> None:
        f = self.current()
        if f is None:
            return
        if f.status == "pending" and not self.may_confirm(core_checks.figure_cells(f.start, f.indicator)):
            return
        if f.status == "pending" and self._do(self.open_ws.confirm, f.id) is not None:
            self.message.emit(
                QCoreApplication.translate("Review", "已确认 %1").replace("%1", format_value(f.value))
            )
        self.next_unresolved()

    def may_confirm(self, cells: list[str]) -> bool:
        """False when ``cells`` take part in a failing check not accepted yet (core decides:
        ``core.checks.confirmation``): the reviewer is asked once and, on Enter, taken to that check
        (``check_requested``)."""
        blocking = core_checks.confirmation(cells, self.model.checks()).blocking
        if not blocking:
            return True
        if guard.ask_go_to_check(self.table.window(), blocking):
            self.check_requested.emit(blocking[0].rule, blocking[0].subject)
        else:
            self.message.emit(QCoreApplication.translate("Review", "未确认：请先接受未通过的检查"))
        return False

    def reject_current(self) -> None:
        f = self.current()
        if f is None:
            return
        if f.status != "rejected" and self._do(self.open_ws.reject, f.id) is not None:
            self.message.emit(
                QCoreApplication.translate("Review", "已否定 %1（不是数字）").replace("%1", f.text)
            )
        self.next_unresolved()

    def correct(self, fid: int, value: Decimal) -> None:
        if self._do(self.open_ws.correct, fid, value) is not None:
            self.message.emit(
                QCoreApplication.translate("Review", "已更正为 %1").replace("%1", format_value(value))
            )
            QTimer.singleShot(0, self.next_unresolved)

    def correct_current(self) -> None:
        self.table.setFocus()
        self.table.start_correction()

    def add_from_selection(self) -> None:
        rng = self.pane.selection_range()
        if rng is None:
            self.message.emit(QCoreApplication.translate("Review", "请先在报告中选中要补录的数字"))
            return
        self.add_range(*rng)

    def add_range(self, start: int, end: int) -> None:
        if self.ws is None or self.report_id is None or self.pane.doc is None:
            return
        from core.figures.scan import parse_selection  # the figure finder loads on first use, not at start

        text = self.pane.doc.text[start:end]
        parsed = parse_selection(text)
        if parsed is None:
            self.message.emit(
                QCoreApplication.translate("Review", "选中的文字“%1”中没有数字").replace(
                    "%1", text.strip()[:20]
                )
            )
            return
        value, unit = parsed
        change = self._do(self.ws.add, self.report_id, start, end, value, unit)
        if change is not None:
            self.message.emit(
                QCoreApplication.translate("Review", "已补录 %1").replace("%1", format_value(value))
            )
            if change.figure_ids:
                self.select_figure(change.figure_ids[-1])

    def undo(self) -> None:
        # this reviewer's own last action in the report in view, not someone else's elsewhere
        ws = self.ws
        fn = (lambda: ws.undo(self.report_id)) if ws else None
        if ws is not None and self._undo_reopens():
            reason = signoff.ask_reason(
                self.table.window(),
                QCoreApplication.translate("Review", "撤销“已完成”"),
                QCoreApplication.translate(
                    "Review", "撤销“已完成”即重新打开报告，请说明原因（将记录在审核记录中）："
                ),
            )
            if reason is None:
                return
            fn = lambda: ws.undo(self.report_id, reason=reason)  # noqa: E731
        self._history(
            fn,
            QCoreApplication.translate("Review", "没有可撤销的操作"),
            QCoreApplication.translate("Review", "已撤销"),
        )

    def _undo_reopens(self) -> bool:
        try:
            return bool(self.open_ws.undo_needs_reason(self.report_id))
        except HechaError:
            return False

    def redo(self) -> None:
        ws = self.ws
        fn = (lambda: ws.redo(self.report_id)) if ws else None
        self._history(
            fn,
            QCoreApplication.translate("Review", "没有可重做的操作"),
            QCoreApplication.translate("Review", "已重做"),
        )

    def _history(self, fn: Any, nothing: str, done: str) -> None:
        if fn is None:
            return
        try:
            change = fn()
        except HechaError as e:
            self.message.emit(str(e))
            return
        if change is None:
            self.message.emit(nothing)
            return
        if change.report_id != self.report_id:
            self.reports.reload()
            self.load_report(change.report_id)  # every view re-reads the report shown
        else:
            self.apply(change)
        if change.figure_ids:
            self.select_figure(change.figure_ids[0])
        self.message.emit(done)

    def set_report_status(self, status: str) -> None:
        """Mark the report done / in question and say so, with what is still open."""
        if self.ws is None or self.report_id is None:
            return
        if self._overridable(lambda o: self.ws.set_report_status(self.report_id, status, override=o)) is None:
            return
        pending = sum(1 for f in self.model.figures() if f.status == "pending")
        text = QCoreApplication.translate("Review", "已将报告标记为“%1”。").replace(
            "%1", report_status_name(status)
        )
        if status == "done" and pending:
            text += QCoreApplication.translate("Review", "仍有 %1 个数字待核对。").replace("%1", str(pending))
        self.message.emit(text + QCoreApplication.translate("Review", "按 N 转到下一份报告。"))

    def _overridable(self, fn: Any) -> Any:
        """``fn(override)`` as a review action; when the store refuses it for what is left open, the
        reviewer is told what and may give a reason to go on (printed on the record), or cancel."""
        if not signoff.ensure_reviewer(self.table.window(), self.ws):
            self.message.emit(QCoreApplication.translate("Review", "未填写审核人姓名，操作未保存"))
            return None
        try:
            change = fn("")
        except OpenItemsError as e:
            reason = signoff.ask_reason(
                self.table.window(),
                QCoreApplication.translate("Review", "仍有未处理的项目"),
                str(e).rsplit(": ", 1)[-1]
                + "\n"
                + QCoreApplication.translate(
                    "Review", "如确需继续，请填写理由（将与未处理的数目一起印在核查单上）："
                ),
            )
            if not reason:
                self.message.emit(str(e))
                return None
            try:
                change = fn(reason)
            except HechaError as e2:
                self.message.emit(str(e2))
                return None
        except HechaError as e:
            self.message.emit(str(e))
            return None
        self.apply(change)
        return change

    # --- signing off: reopen, the second reviewer's approve and return ------------------------------
    def _report_title(self) -> str:
        if self.report_id is None:
            raise RuntimeError("a report's title was asked with no report in view")
        r = self.open_ws.report(self.report_id)
        return str(r.title or r.path.replace("\\", "/").rsplit("/", 1)[-1])

    def reopen_report(self) -> None:
        """Open a done (locked) report again for changes, with a reason."""
        if self.ws is None or self.report_id is None:
            return
        reason = signoff.ask_reason(
            self.table.window(),
            QCoreApplication.translate("Review", "重新打开报告"),
            QCoreApplication.translate("Review", "请说明重新打开“%1”的原因（将记录在审核记录中）：").replace(
                "%1", self._report_title()
            ),
        )
        if reason is None:
            return
        if self._do(self.ws.reopen, self.report_id, reason) is not None:
            self.message.emit(QCoreApplication.translate("Review", "已重新打开报告，可以继续审核。"))

    def approve_report(self) -> None:
        """The second reviewer approves the done report (复核通过)."""
        self._second_look("approve")

    def return_report(self) -> None:
        """The second reviewer returns the done report to the first reviewer, with a reason (退回)."""
        self._second_look("return")

    def _second_look(self, action: str) -> None:
        if self.ws is None or self.report_id is None:
            return
        parent = self.table.window()
        try:
            if not signoff.ensure_reviewer(parent, self.ws):
                return
            second = signoff.ensure_second_reviewer(parent, self.ws)
        except HechaError as e:
            self.message.emit(str(e))
            return
        if second is None:
            self.message.emit(QCoreApplication.translate("Review", "未填写复核人姓名，操作未保存"))
            return
        reason = ""
        if action == "return":
            got = signoff.ask_reason(
                parent,
                QCoreApplication.translate("Review", "退回报告"),
                QCoreApplication.translate("Review", "复核人 %1：请说明退回“%2”的原因（审核人将看到）：")
                .replace("%1", second)
                .replace("%2", self._report_title()),
            )
            if got is None:
                return
            reason = got
        # the step is taken by whoever works in this window (``ws.reviewer``): the store refuses it
        # unless that is the second reviewer, who made no decision on this report (four eyes)
        if action == "approve":
            change = self._overridable(lambda o: self.ws.approve(self.report_id, override=o))
            if change is None:
                return
        else:
            try:
                change = self.ws.return_report(self.report_id, reason)
            except HechaError as e:
                self.message.emit(str(e))
                return
            self.apply(change)
        done = (
            QCoreApplication.translate("Review", "复核人 %1 已复核通过，报告保持锁定。")
            if action == "approve"
            else QCoreApplication.translate("Review", "复核人 %1 已退回报告，审核人可继续修改。")
        )
        self.message.emit(done.replace("%1", second))

    def apply(self, change: Change | None) -> None:
        """Refresh what a Change touched in the figure list, the document and the report list, then
        tell the docks (``change_applied``)."""
        if change is None:
            return
        if change.report_id == self.report_id:
            if change.report_changed:
                self._set_locked(change.report_id)
            self._show_change(change)
        if change.figure_ids or change.checks_changed or change.report_changed:
            self.reports.refresh_report(change.report_id)  # counts and status
        self.change_applied.emit(change)
        self._history_state()

    def _show_change(self, change: Change) -> None:
        """Re-read the figures only when some changed, the checks only when they moved."""
        if not change.figure_ids and not change.checks_changed:
            return
        figures = self.open_ws.figures(change.report_id) if change.figure_ids else None
        checks = self.open_ws.checks(change.report_id) if change.checks_changed else None
        changed, removed = self.model.refresh(figures, checks)
        by_id = {f.id: f for f in self.model.figures()}
        self.pane.update_spans(self.spans([by_id[i] for i in changed]), removed)
        cur = self.current()
        if cur is not None:
            self.pane.set_current(cur.id, flash=False)
