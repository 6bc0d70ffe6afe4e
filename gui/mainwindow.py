"""The main window: a coordinator that lays out the report list, the document and the figure list,
builds menus from ``gui.actions`` and routes opening work (files, folders, workspaces, drops)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QWidget,
)

from core.errors import HechaError
from gui import dialogs
from gui.actions import MENU_TITLES, SPECS, build_actions
from gui.actions import tr as action_tr
from gui.docview import DocumentPane
from gui.figurelist import FigureTable
from gui.figuremodel import FigureModel
from gui.reportlist import ReportList
from gui.review import ReviewController
from gui.settings import Settings
from gui.style import FOCUS_RING
from gui.tasks import Task, import_into
from gui.workbench import Workbench


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.ws: Any = None
        self.import_task: Task | None = None
        self.last_import_text = ""
        self.setWindowTitle(self.tr("核查 Hecha"))
        self.setAcceptDrops(True)
        self.reports = ReportList()
        self.pane = DocumentPane()
        self.model = FigureModel(self)
        self.table = FigureTable(self.model)
        self.review = ReviewController(self.model, self.table, self.pane, self.reports)
        self.review.message.connect(self.show_message)
        self.review.report_loaded.connect(self._report_loaded)
        self.reports.view.activated.connect(lambda _i: self.table.setFocus(Qt.FocusReason.OtherFocusReason))
        self.reports.filter_chosen.connect(self._filter_chosen)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("mainSplitter")
        split.addWidget(self.reports)
        split.addWidget(self.pane)
        split.addWidget(self.table)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 4)
        split.setStretchFactor(2, 4)
        # the figure list reads a label and an indicator name per row: it gets as much as the report
        split.setSizes([250, 570, 560])
        self.setCentralWidget(split)
        self.splitter = split
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self.workbench = Workbench(self)  # the tables, checks and comparison docks; export
        scope_widgets: dict[str, list[QWidget]] = {
            "review": [self.table, self.pane.text, self.pane.pdf.pages, self.reports.view],
            "document": [self.pane.text, self.pane.pdf.pages],
            "tables": [self.workbench.tables],
            "checks": [self.workbench.checks.view],
        }
        self.actions_by_id = build_actions(self, scope_widgets, [self.review, self, self.workbench])
        self._build_menus()
        self.workbench.bind_actions(self.actions_by_id)
        self.review.history_changed.connect(self._history_changed)
        self._history_changed(False, False)
        self.pane.text.digits_typed.connect(self._digits_in_document)
        self.pane.pdf.pages.digits_typed.connect(self._digits_in_document)
        self.setStyleSheet(FOCUS_RING)
        self.resize(1400, 860)
        self._restore_layout()

    def _restore_layout(self) -> None:
        """Where the reviewer left the window: size, docks, pane widths and the display script."""
        s = self.settings
        if s.geometry is not None:
            self.restoreGeometry(s.geometry)
        if s.window_state is not None:
            self.restoreState(s.window_state)
        if s.splitter is not None:
            self.splitter.restoreState(s.splitter)
        if s.script == "traditional":
            self.actions_by_id["traditional"].setChecked(True)

    def _build_menus(self) -> None:
        menus = {key: self.menuBar().addMenu(action_tr(title)) for key, title in MENU_TITLES.items()}
        for spec in SPECS:
            if not spec.menu:
                continue
            menus[spec.menu].addAction(self.actions_by_id[spec.id])
            if spec.id in ("demo_workspace", "redo", "mark_question"):
                menus[spec.menu].addSeparator()

    # --- workspace ------------------------------------------------------------------------------
    def set_workspace(self, ws: Any) -> None:
        if self.ws is not None and self.ws is not ws:
            self.settings.set_last_report(str(self.ws.path), self.review.report_id)
            self.ws.close()
        self.ws = ws
        self.review.set_workspace(ws)
        # Qt appends the application's display name (核查 Hecha) itself: the workspace file first,
        # then its folder, so a narrow title bar still shows which workspace this is
        p = Path(str(ws.path))
        self.setWindowTitle(f"{p.name} ({p.parent})")
        self.status_label.setText(self.tr("审核人：%1").replace("%1", ws.reviewer or "—"))
        last = self.settings.last_report(str(ws.path))
        if last is not None and self.reports.model.row_of(last) is not None:
            self.review.load_report(last)  # back where the reviewer stopped
        elif self.model.rowCount() == 0 and self.reports.model.rowCount() > 0:
            self.reports.view.setCurrentIndex(self.reports.model.index(0))
        if self.reports.model.rowCount() == 0:
            self.show_message(self.tr("工作区中还没有报告：用“文件 → 打开报告”或把文件拖到窗口中导入。"))

    def open_workspace_path(self, path: str) -> bool:
        from core.store import Workspace

        try:
            ws = Workspace.open(path, self.settings.reviewer)
        except HechaError as e:
            QMessageBox.warning(self, self.tr("无法打开工作区"), str(e))
            return False
        self.settings.workspace = str(path)
        self.set_workspace(ws)
        return True

    def open_workspace(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("打开或新建工作区"),
            str(Path(self.ws.path).parent) if self.ws else "",
            self.tr("核查工作区 (*.sqlite *.hecha *.db);;所有文件 (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.open_workspace_path(path)

    def open_demo_workspace(self) -> None:
        from gui.main import open_demo_workspace

        ws = open_demo_workspace(self.settings.reviewer)
        self.settings.workspace = ""
        self.set_workspace(ws)

    def change_reviewer(self) -> None:
        name = dialogs.ask_reviewer(self, self.settings.reviewer)
        if name:
            self.settings.reviewer = name
            if self.ws is not None:
                self.ws.reviewer = name
            self.status_label.setText(self.tr("审核人：%1").replace("%1", name))

    # --- import ---------------------------------------------------------------------------------
    def open_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("打开报告"), "", self.tr("报告 (*.txt *.htm *.html *.docx *.pdf);;所有文件 (*)")
        )
        if files:
            self.import_paths(files)

    def open_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("打开文件夹"))
        if folder:
            self.import_paths([folder])

    def import_paths(self, paths: list[str]) -> Task | None:
        """Import off the GUI thread with progress and cancel; list per-file errors at the end."""
        if self.ws is None or (self.import_task is not None and not self.import_task.done):
            return None
        task = Task(import_into, str(self.ws.path), self.ws.reviewer, [str(p) for p in paths])
        progress = dialogs.import_progress(self)
        progress.canceled.connect(task.cancel)

        def on_progress(done: int, total: int) -> None:
            progress.setMaximum(total)
            progress.setValue(done)

        def on_finished(result: Any) -> None:
            progress.canceled.disconnect(task.cancel)  # closing the dialog emits canceled()
            progress.close()
            self.reports.reload()
            errors = list(getattr(result, "errors", []))
            # core knows whether it stopped early; a cancel pressed after the last file changes nothing
            self.last_import_text = dialogs.import_summary(
                result.added, result.skipped, errors, result.cancelled
            )
            if self.review.report_id is None and result.report_ids:
                self.review.load_report(result.report_ids[0])
            if errors or result.cancelled:
                dialogs.show_import_result(self, self.last_import_text, bool(errors))
            else:  # nothing to read closely: no box to dismiss before the review can start
                self.show_message(self.last_import_text)

        def on_failed(msg: str) -> None:
            progress.close()
            self.last_import_text = msg
            QMessageBox.warning(self, self.tr("导入失败"), msg)

        task.progress.connect(on_progress)
        task.finished.connect(on_finished)
        task.failed.connect(on_failed)
        self.import_task = task
        task.start()
        return task

    def dragEnterEvent(self, e: QDragEnterEvent) -> None:
        if e.mimeData().hasUrls():
            e.acceptProposedAction()

    def dropEvent(self, e: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in e.mimeData().urls() if u.isLocalFile()]
        if paths:
            e.acceptProposedAction()
            self.import_paths(paths)

    # --- view and review slots ------------------------------------------------------------------
    def next_figure(self) -> None:
        self.review.move(1)

    def prev_figure(self) -> None:
        self.review.move(-1)

    def next_report(self) -> None:
        if not self.reports.select_next():
            return
        rid = self.reports.current_id()
        m = self.reports.model
        row = m.row_of(rid) if rid is not None else None
        if row is None:
            return
        r = m.report(row)
        text = (
            self.tr("报告 %1/%2：%3")
            .replace("%1", str(row + 1))
            .replace("%2", str(m.rowCount()))
            .replace("%3", r.title or Path(r.path).name)
        )
        if self.reports.all_done():
            text = self.tr("列表中的报告都已完成。") + text
        self.show_message(text)

    def mark_done(self) -> None:
        self.review.set_report_status("done")

    def mark_question(self) -> None:
        self.review.set_report_status("in_question")

    def filter_reports(self) -> None:
        self.reports.focus_filter()

    def _filter_chosen(self) -> None:
        n = self.reports.model.rowCount()
        self.show_message(self.tr("列表中有 %1 份报告").replace("%1", str(n)))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_find(self) -> None:
        self.pane.show_find()

    def zoom_in(self) -> None:
        self.pane.zoom(1)

    def zoom_out(self) -> None:
        self.pane.zoom(-1)

    def toggle_traditional(self, on: bool) -> None:
        self.pane.set_script("traditional" if on else "simplified")
        self.settings.script = "traditional" if on else "simplified"
        self.show_message(
            self.tr("报告以繁体显示（Ctrl+T 切换）") if on else self.tr("报告以简体显示（Ctrl+T 切换）")
        )
        if self.review.current() is not None:
            self.pane.set_current(self.review.current().id, flash=False)

    def show_help(self) -> None:
        dialogs.ShortcutHelp(self).exec()

    # --- moving between panes: F6 / Shift+F6 (report list → document → figure list → docks shown)
    def pane_targets(self) -> list[QWidget]:
        """The widget each pane gives the keyboard to, in F6 order; hidden or collapsed panes are left out."""
        view = self.pane.view()
        out: list[QWidget] = [self.reports.view]
        if isinstance(view, QWidget):
            out.append(view)
        out.append(self.table)
        out.extend(self.workbench.pane_targets())
        return [w for w in out if w.isVisible() and w.width() > 0 and w.height() > 0]

    def next_pane(self) -> None:
        self._cycle_panes(1)

    def prev_pane(self) -> None:
        self._cycle_panes(-1)

    def _cycle_panes(self, step: int) -> None:
        targets = self.pane_targets()
        if not targets:
            return
        focus = QApplication.focusWidget()
        here = next(
            (i for i, w in enumerate(targets) if focus is not None and (w is focus or w.isAncestorOf(focus))),
            None,
        )
        k = (0 if step > 0 else len(targets) - 1) if here is None else (here + step) % len(targets)
        self.workbench.focus_target(targets[k])

    # --- keyboard selection in the document (for 补录, A)
    def select_right(self) -> None:
        self.pane.extend_selection(1)

    def select_left(self) -> None:
        self.pane.extend_selection(-1)

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _history_changed(self, can_undo: bool, can_redo: bool) -> None:
        self.actions_by_id["undo"].setEnabled(can_undo)
        self.actions_by_id["redo"].setEnabled(can_redo)

    def _report_loaded(self, _rid: int) -> None:
        # Browsing the report list with ↑/↓ keeps the keyboard there; Enter (activated) moves to the figures.
        if not self.reports.view.hasFocus():
            self.table.setFocus()

    def _digits_in_document(self, text: str) -> None:
        self.table.setFocus()
        self.table.start_correction(text)

    def closeEvent(self, e: QCloseEvent) -> None:
        if self.import_task is not None and not self.import_task.done:
            self.import_task.cancel()
        self.settings.geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.splitter = self.splitter.saveState()
        if self.ws is not None:
            self.settings.set_last_report(str(self.ws.path), self.review.report_id)
        self.settings.sync()
        self.pane.pdf.pages.shutdown()
        if self.ws is not None:
            self.ws.close()
            self.ws = None
        super().closeEvent(e)

    def first_report_shown(self) -> bool:
        return self.review.report_id is not None and self.pane.doc is not None


def _later(fn: Any) -> None:
    QTimer.singleShot(0, fn)
