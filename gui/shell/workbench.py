"""Tables, checks, comparison and export in the main window: the ``Workbench`` docks 标准表格, 检查
and 对比 and provides the slots of their actions (declared in ``gui.shell.actions``).

The docks listen to the review controller: ``workspace_set`` and ``report_loaded`` load them,
``change_applied`` hands each one the exact ``Change`` so it re-reads only what moved. Edits made in a
dock go back through ``ReviewController.apply``, so the figure list, the document, the report list and
the other docks show them too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDockWidget, QVBoxLayout, QWidget

from gui.checks.checkspanel import ChecksPanel
from gui.widgets.checkrows import Role as CheckRole

if TYPE_CHECKING:
    from core.store import Workspace
    from core.store.rows import Change
    from gui.compare.compare import CompareView
    from gui.export.exportdialog import ExportDialog
    from gui.shell.mainwindow import MainWindow
    from gui.tables.tableview import TableView


class Workbench(QObject):
    """Owns the table view, the checks panel and the comparison, docked in ``window``.

    The checks are shown from the start. The tables and the comparison are hidden at first: each is
    built (its modules imported, its widgets made, the current report read into it) the first time
    it is shown or asked for (``tables``, ``compare``), not before the window's first paint."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.win = window
        self._tables: TableView | None = None
        self._compare: CompareView | None = None
        self._highlight: list[str] = []  # a check's cells to frame in the tables once they are built
        self.checks = ChecksPanel()
        # the docks' widgets until their rooms are built; the "tables" actions belong to this one
        self.tables_host = self._host("tablesHost")
        self.compare_host = self._host("compareHost")
        self.tables_dock = self._dock(
            "tablesDock", QCoreApplication.translate("Workbench", "标准表格"), self.tables_host
        )
        self.checks_dock = self._dock(
            "checksDock", QCoreApplication.translate("Workbench", "检查结果"), self.checks
        )
        self.compare_dock = self._dock(
            "compareDock", QCoreApplication.translate("Workbench", "对比"), self.compare_host
        )
        # All three share the bottom area as tabs, so the report and its figure list keep the full width;
        # the checks are shown from the start, the tables and the comparison on demand.
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.checks_dock)
        window.tabifyDockWidget(self.checks_dock, self.tables_dock)
        window.tabifyDockWidget(self.tables_dock, self.compare_dock)
        self.tables_dock.hide()
        self.compare_dock.hide()
        self.checks_dock.raise_()
        window.resizeDocks(
            [self.checks_dock], [max(160, int(window.height() * 0.25))], Qt.Orientation.Vertical
        )
        self._compare_stale = True
        self.tables_dock.visibilityChanged.connect(self._tables_visible)
        self.compare_dock.visibilityChanged.connect(self._compare_visible)
        self.actions: dict[str, QAction] = {}
        # listen to the review: workspace, report, and every change applied
        review = window.review
        review.workspace_set.connect(self.set_workspace)
        review.report_loaded.connect(self.load_report)
        review.change_applied.connect(self.checks.apply)
        review.change_applied.connect(self._compare_change)
        # route the panel back: an edit in a dock is applied like any review action
        self.checks.message.connect(window.show_message)
        self.checks.changed.connect(review.apply)
        self.checks.cells_selected.connect(self.show_cells)
        # confirming something a failing check involves: the check comes first
        review.check_requested.connect(self.show_check)

    @staticmethod
    def _host(name: str) -> QWidget:
        w = QWidget()
        w.setObjectName(name)
        QVBoxLayout(w).setContentsMargins(0, 0, 0, 0)
        return w

    @staticmethod
    def _put(host: QWidget, room: QWidget) -> None:
        lay = host.layout()
        assert lay is not None  # every host is made with its layout (_host)
        lay.addWidget(room)

    @property
    def tables(self) -> TableView:
        """The standard tables, built the first time they are needed."""
        if self._tables is None:
            from gui.tables.tableview import TableView

            t = TableView()
            self._tables = t
            self._put(self.tables_host, t)
            review = self.win.review
            review.change_applied.connect(t.apply)
            t.message.connect(self.win.show_message)
            t.changed.connect(review.apply)
            t.indicator_clicked.connect(self.show_indicator)
            t.source_shown.connect(self.win.pane.frame_source)
            t.check_requested.connect(self.show_check)
            self._name_keys(t)
            if self.win.ws is not None:
                t.set_workspace(self.win.ws)
            rid = self.win.review.report_id
            if rid is not None:
                t.load_report(rid, self.win.model.checks())
                t.highlight(self._highlight)
        return self._tables

    @property
    def compare(self) -> CompareView:
        """Last year beside this one, built the first time it is shown."""
        if self._compare is None:
            from gui.compare.compare import CompareView

            c = CompareView()
            self._compare = c
            self._put(self.compare_host, c)
            c.message.connect(self.win.show_message)
            if self.win.ws is not None:
                c.set_workspace(self.win.ws)
            self._compare_stale = True
        return self._compare

    def _dock(self, name: str, title: str, widget: QWidget) -> QDockWidget:
        d = QDockWidget(title, self.win)
        d.setObjectName(name)
        d.setWidget(widget)
        return d

    def docks(self) -> dict[str, QDockWidget]:
        """The dock each ``dock`` action of ``gui.shell.actions`` shows, by action id."""
        return {
            "show_tables": self.tables_dock,
            "show_checks": self.checks_dock,
            "show_compare": self.compare_dock,
        }

    def bind_actions(self, actions: dict[str, QAction]) -> None:
        """Keep the dock actions' check marks on whether their dock is shown (also when closed with its
        ✕ button), give Escape in a dock back to the figure list, and name the tables actions' keys in
        the tooltips of their buttons."""
        self.actions = actions
        for aid, dock in self.docks().items():
            a = actions[aid]
            a.setChecked(not dock.isHidden())
            dock.toggleViewAction().toggled.connect(a.setChecked)
            # Escape that nothing in the dock used (an open cell editor takes it first) gives the
            # keyboard back to the figure list; a shortcut would steal it from editors and dialogs
            dock.installEventFilter(self)
        actions["show_compare"].toggled.connect(self._compare_visible)
        if self._tables is not None:
            self._name_keys(self._tables)

    def _name_keys(self, tables: TableView) -> None:
        """Name the tables actions' keys in the tooltips of their buttons."""
        if not self.actions:
            return
        for key, aid in (("row", "confirm_row"), ("column", "confirm_column"), ("table", "confirm_table")):
            keys = self.actions[aid].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            b = tables.buttons[key]
            b.setToolTip(f"{b.text()}（{keys}）")

    # --- slots of the tables actions: confirm the current cell's row / column, or the whole table
    def confirm_table_row(self) -> None:
        self.tables.confirm("row")

    def confirm_table_column(self) -> None:
        self.tables.confirm("column")

    def confirm_whole_table(self) -> None:
        self.tables.confirm("table")

    def not_stated_cell(self) -> None:
        self.tables.mark_not_stated("cell")

    def not_stated_row(self) -> None:
        self.tables.mark_not_stated("row")

    def not_stated_column(self) -> None:
        self.tables.mark_not_stated("column")

    # --- slots of the dock actions: bring the dock forward with the keyboard in it; hide it only
    # when the keyboard is already there (a bare toggle would hide a dock the reviewer wants)
    def toggle_tables(self) -> None:
        self._toggle("show_tables")

    def toggle_checks(self) -> None:
        self._toggle("show_checks")

    def toggle_compare(self) -> None:
        self._toggle("show_compare")

    def _toggle(self, action_id: str) -> None:
        dock = self.docks()[action_id]
        was_hidden = dock.isHidden()
        self.focus_dock(dock)
        if not dock.isHidden() and (was_hidden or dock.height() < 120):
            self.fit_dock(dock)  # opened (or found squeezed to a few rows): tall enough to work in
        if action_id in self.actions:  # triggering flipped the check mark: it follows the dock
            self.actions[action_id].setChecked(not dock.isHidden())

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        if (
            e.type() == QEvent.Type.KeyPress
            and isinstance(e, QKeyEvent)
            and e.key() == Qt.Key.Key_Escape
            and not e.modifiers()
            and isinstance(obj, QDockWidget)
        ):
            self.back_to_figures()
            return True
        return super().eventFilter(obj, e)

    def usable_height(self) -> int:
        """How tall a bottom dock opens: enough for a standard table's rows (表三 scrolls within it),
        while the report and the figure list above keep about half the window."""
        return max(160, int(self.win.height() * 0.5))

    def fit_dock(self, dock: QDockWidget) -> None:
        if not dock.isFloating():
            self.win.resizeDocks([dock], [self.usable_height()], Qt.Orientation.Vertical)

    def focus_dock(self, dock: QDockWidget) -> None:
        focus = QApplication.focusWidget()
        if not dock.isHidden() and focus is not None and dock.isAncestorOf(focus):
            dock.hide()
            self.back_to_figures()
            return
        dock.show()
        dock.raise_()  # the docks share one tab group
        QTimer.singleShot(0, lambda: self._focus_in(dock))

    def _target(self, dock: QDockWidget) -> QWidget:
        """The widget of ``dock`` that takes the keyboard."""
        w = dock.widget()
        if w is self.checks:
            return self.checks.view
        if w is self.compare_host:
            return self.compare.diff_view
        if w is self.tables_host:
            current = self.tables.tabs.currentWidget()
            return current if current is not None else self.tables
        return w

    def pane_targets(self) -> list[QWidget]:
        """The keyboard targets of the docks shown (a dock behind another's tab is not shown), in the
        order the bottom area lists them: for F6."""
        return [
            self._target(d) for d in (self.checks_dock, self.tables_dock, self.compare_dock) if d.isVisible()
        ]

    def _focus_in(self, dock: QDockWidget) -> None:
        self.focus_target(self._target(dock))

    def focus_target(self, target: QWidget) -> None:
        """Give ``target`` the keyboard with a current row, so arrows and Enter act at once."""
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if isinstance(target, QAbstractItemView) and not target.currentIndex().isValid():
            m = target.model()
            if m is None or m.rowCount() == 0:
                return
            if target is self.checks.view:
                # the first row, unless that would move the review to a check that needs nothing
                if m.index(0, 0).data(CheckRole.Failing):
                    target.setCurrentIndex(m.index(0, 0))
            elif self._tables is not None and target in self._tables.views:
                self._tables.select_first_value()
            else:
                target.setCurrentIndex(m.index(0, 0))
        if self._tables is not None and target in self._tables.views:
            self.ensure_height(self.tables_dock)

    # --- the table panel from the keyboard: Ctrl+Tab / Ctrl+PgDn between the tables; the bottom
    # panel larger or smaller (Ctrl+Alt+Up / Down)
    def next_table(self) -> None:
        self.tables.step_table(1)

    def prev_table(self) -> None:
        self.tables.step_table(-1)

    def accept_check(self) -> None:
        self.checks.accept_current()

    def _focused_dock(self) -> QDockWidget | None:
        focus = QApplication.focusWidget()
        shown = [d for d in self.docks().values() if d.isVisible()]
        here = next((d for d in shown if focus is not None and d.isAncestorOf(focus)), None)
        return here or next(iter(shown), None)

    def grow_panel(self) -> None:
        self._resize_panel(1)

    def shrink_panel(self) -> None:
        self._resize_panel(-1)

    def _resize_panel(self, step: int) -> None:
        dock = self._focused_dock()
        if dock is None:
            self.win.show_message(
                QCoreApplication.translate("Workbench", "没有显示下方面板：按 Ctrl+Shift+T 显示标准表格")
            )
            return
        h = self.win.height()
        new = max(120, min(int(h * 0.8), dock.height() + step * int(h * 0.15)))
        self.win.resizeDocks([dock], [new], Qt.Orientation.Vertical)

    def ensure_height(self, dock: QDockWidget) -> None:
        """A dock brought forward for work is at least half the window high (the table 三 needs it)."""
        want = int(self.win.height() * 0.5)
        if dock.isVisible() and dock.height() < want:
            self.win.resizeDocks([dock], [want], Qt.Orientation.Vertical)

    def show_check(self, rule: str, subject: str) -> None:
        """Bring the checks forward with ``rule``/``subject`` selected and the keyboard on it (Enter
        then asks for the reason to accept it)."""
        self.checks_dock.show()
        self.checks_dock.raise_()
        self.checks.select(rule, subject)
        self.checks.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def back_to_figures(self) -> None:
        self.win.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # --- following the review -------------------------------------------------------------------
    def set_workspace(self, ws: Workspace) -> None:
        if self._tables is not None:
            self._tables.set_workspace(ws)
        self.checks.set_workspace(ws)
        if self._compare is not None:
            self._compare.set_workspace(ws)
        self._compare_stale = True

    def load_report(self, report_id: int) -> None:
        # the checks the review has just read for its figure list, not read again for each dock
        checks = self.win.model.checks() if self.win.review.report_id == report_id else None
        self._highlight = []  # a check's frames belong to the report it was selected in
        if self._tables is not None:
            self._tables.highlight([])
            self._tables.load_report(report_id, checks)
        self.checks.load_report(report_id, checks)
        self._compare_stale = True
        if self.compare_dock.isVisible():
            self._load_compare()

    def _compare_change(self, change: Change) -> None:
        """The diff follows a change while it is shown; hidden, it is re-read when shown again."""
        if self._compare is None:  # not built yet: it reads the report when it is
            return
        if self.compare_dock.isVisible() and not self._compare_stale:
            self._compare.apply(change)
        elif self._compare.concerns(change):
            self._compare_stale = True

    def _tables_visible(self, visible: bool) -> None:
        if visible:
            self.tables  # noqa: B018  (built, with the current report, when first shown)

    def _compare_visible(self, visible: bool) -> None:
        if visible and self._compare_stale:
            self._load_compare()

    def _load_compare(self) -> None:
        self.compare.load_report(self.win.review.report_id)
        self._compare_stale = False

    # --- links ------------------------------------------------------------------------------------
    def show_indicator(self, indicator: str) -> None:
        """Show a table cell's source: select its figure (the document scrolls), or the bare span."""
        v = self.tables.values.get(indicator)
        if v is None:
            return
        if v.figure_id is not None and self.win.model.row_of(v.figure_id) is not None:
            self.win.review.select_figure(v.figure_id)
        elif v.start is not None and v.end is not None:
            view: Any = self.win.pane.view()
            view.show_range(v.start, v.end, select=False)

    def show_cells(self, cells: tuple[str, ...]) -> None:
        """Highlight a check's cells in the tables and select its first figure in the document."""
        ids = [c for c in cells if not c.startswith(("fig:", "previous:"))]
        self._highlight = ids
        if self._tables is not None:
            self._tables.highlight(ids)
        starts = [int(c[4:]) for c in cells if c.startswith("fig:")]
        figs = self.win.model.figures()
        fid = next((f.id for f in figs if f.start in starts and f.source == "text"), None)
        if fid is None and ids:
            v = self.tables.values.get(ids[-1])  # (the tables are built for it if they were not)
            fid = v.figure_id if v is not None else None
        if fid is not None and self.win.model.row_of(fid) is not None:
            self.win.review.select_figure(fid)

    # --- slots of the actions ---------------------------------------------------------------------
    def export_dialog(self) -> ExportDialog:
        from gui.export.exportdialog import ExportDialog  # loads core.export: only when the reviewer exports

        rid, ws = self.win.reports.current_id(), self.win.ws
        if ws is None:
            raise RuntimeError("the export dialog was asked for with no workspace open")
        return ExportDialog(ws, [rid] if rid is not None else [], parent=self.win)

    def show_export(self) -> None:
        if self.win.ws is None:
            return
        self.export_dialog().exec()

    def export_problems(self, folder: str | None = None) -> list[str]:
        """文件 → 导出问题清单…: in a folder the reviewer picks, a DOCX letter per issuer with its
        problems and 问题清单.xlsx over all reports; returns the files written."""
        if self.win.ws is None:
            return []
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from core.errors import HechaError
        from core.export import problems

        title = QCoreApplication.translate("Workbench", "问题清单")
        if folder is None:
            folder = QFileDialog.getExistingDirectory(
                self.win, QCoreApplication.translate("Workbench", "选择问题清单写到的文件夹")
            )
        if not folder:
            return []
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            files = [str(p) for p in problems.to_docx(self.win.ws, folder)]
            xlsx = f"{folder}/问题清单.xlsx"
            n = problems.to_xlsx(self.win.ws, xlsx)
            files.append(xlsx)
        except HechaError as e:
            QMessageBox.warning(self.win, title, str(e))
            return []
        finally:
            QApplication.restoreOverrideCursor()
        text = QCoreApplication.translate(
            "Workbench", "已写出 %1 个问题：每个发布机关一份 DOCX，另有全部报告的问题清单.xlsx"
        )
        self.win.statusBar().showMessage(text.replace("%1", str(n)), 8000)
        return files

    def print_record(self) -> None:
        """Ctrl+P: the review record (核查单) of the report in view, or of every 已完成 report when
        none is, in a print preview (print, or print to PDF)."""
        if self.win.ws is None:
            return
        from PySide6.QtWidgets import QMessageBox

        from core.errors import HechaError
        from gui.signoff import record

        rid = self.win.reports.current_id()
        try:
            record.print_preview(self.win, self.win.ws, [rid] if rid is not None else None)
        except HechaError as e:
            QMessageBox.warning(self.win, QCoreApplication.translate("Workbench", "核查单"), str(e))

    def show_view(self, view: str) -> None:
        """For screenshots: 'tables' or 'compare' large at the bottom, on a report that has them."""
        ws = self.win.ws
        if ws is None or view not in ("tables", "compare"):
            return
        reports = ws.reports()
        if view == "compare":
            rid = next((r.id for r in reports if ws.previous_report(r.id) is not None), None)
        else:
            with_tables = [r for r in reports if r.n_figures and ws.indicators(r.id)]
            rid = next((r.id for r in with_tables if r.n_failed), with_tables[0].id if with_tables else None)
        if rid is not None and rid != self.win.review.report_id:
            self.win.review.load_report(rid)
        dock = self.compare_dock if view == "compare" else self.tables_dock
        dock.show()
        dock.raise_()
        self.fit_dock(dock)  # the height the reviewer gets from the menu, not an enlarged panel
        if view == "tables":
            failing = next((c for c in self.checks.model.checks() if c.status == "fail"), None)
            self.tables.tabs.setCurrentIndex(1)
            if failing is not None:
                self.checks.select(failing.rule, failing.subject)
