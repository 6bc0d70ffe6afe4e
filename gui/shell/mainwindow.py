"""The main window: a coordinator that lays out the report list, the document and the figure list,
builds menus from ``gui.shell.actions`` and routes opening work (files, folders, workspaces, drops).

The demo workspace is a read-only example under a banner; the first report the reviewer opens goes
into their own workspace (the most recent one, or a new one in the documents folder) and is shown.
The reviewer's place — workspace, report, figure, window and docks — is saved a moment after each
change, so a crash loses neither data nor place; the window is fitted to the screen it is on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QRect, Qt, QTimer
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QMoveEvent,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.errors import HechaError
from gui.review.figurelist import FigureTable
from gui.review.figuremodel import FigureModel
from gui.review.reportlist import ReportList
from gui.review.review import ReviewController
from gui.shell import bindings, startup
from gui.shell.actions import MENU_TITLES, SPECS, attach, build_actions
from gui.shell.actions import tr as action_tr
from gui.shell.settings import Settings, default_workspace_path, is_demo_workspace
from gui.shell.workbench import Workbench
from gui.signoff import signoff
from gui.widgets import errors
from gui.widgets.docview import DocumentPane
from gui.widgets.style import FOCUS_RING
from gui.widgets.tasks import Task, check_workspace, import_into

if TYPE_CHECKING:
    from core.store import Workspace
    from gui.widgets.pdfview import PdfPages


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.ws: Workspace | None = None
        self.demo = False  # the open workspace is the read-only demo
        self.keep_place = True  # save the reviewer's place on each change (off for screenshots)
        self.screen_area: QRect | None = None  # the free screen area to fit, when not the screen's own
        self._workspace_note = ""
        self.import_task: Task | None = None
        self.search_dialog: QDialog | None = None  # the last search across the reports (Ctrl+Shift+F)
        self.integrity_task: Task | None = None  # the whole-file check of the workspace just opened
        self.last_import_text = ""
        self._painted = False  # the first paint happened: work put off until then runs (after_first_paint)
        self._after_paint: list[Callable[[], None]] = []
        self.setWindowTitle(self.tr("核查 Hecha"))
        self.setAcceptDrops(True)
        # set before the panes are made: each is styled once as it is made, not all again afterwards
        self.setStyleSheet(FOCUS_RING)
        self.reports = ReportList()
        self.pane = DocumentPane()
        self.model = FigureModel(self)
        self.table = FigureTable(self.model)
        self.review = ReviewController(self.model, self.table, self.pane, self.reports)
        self.review.message.connect(self.show_message)
        self.review.report_loaded.connect(self._report_loaded)
        self.review.change_applied.connect(lambda _c: self.show_reviewers())  # a name entered on first action
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
        # above the panes: what the demo is and how to begin with one's own reports
        self.banner = QLabel()
        self.banner.setObjectName("workspaceBanner")
        self.banner.setWordWrap(True)
        self.banner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.banner.setStyleSheet("QLabel#workspaceBanner { background: #fff7e6; padding: 4px 8px; }")
        self.banner.hide()
        central = QWidget()
        box = QVBoxLayout(central)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.banner)
        box.addWidget(split, 1)  # the banner takes its lines, the panes the rest
        self.setCentralWidget(central)
        self.splitter = split
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self.workbench = Workbench(self)  # the tables, checks and comparison docks; export
        # (the PDF pages view is made with the first PDF report shown, and given its actions then)
        scope_widgets: dict[str, list[QWidget]] = {
            "review": [self.table, self.pane.text, self.reports.view],
            "document": [self.pane.text],
            "tables": [self.workbench.tables_host],
            "checks": [self.workbench.checks.view],
        }
        self.actions_by_id = build_actions(self, scope_widgets, bindings.slots(self))
        self._build_menus()
        self.workbench.bind_actions(self.actions_by_id)
        self.review.history_changed.connect(self._history_changed)
        self._history_changed(False, False)
        self.pane.text.digits_typed.connect(self._digits_in_document)
        self.pane.pdf_made.connect(self._pdf_made)
        self._place_timer = QTimer(self)
        self._place_timer.setSingleShot(True)
        self._place_timer.setInterval(400)
        self._place_timer.timeout.connect(self.save_place)
        self.review.report_loaded.connect(self.schedule_place)
        self.review.figure_shown.connect(self.schedule_place)
        self.splitter.splitterMoved.connect(self.schedule_place)
        for dock in self.workbench.docks().values():
            dock.visibilityChanged.connect(self.schedule_place)
            dock.dockLocationChanged.connect(self.schedule_place)
        self.apply_ui_font()
        self.resize(1400, 860)
        self._restore_layout()
        self.fit_to_screen()

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

    # --- fitting the screen -----------------------------------------------------------------------
    def available_geometry(self) -> QRect:
        if self.screen_area is not None:
            return self.screen_area
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 768)

    def fit_to_screen(self) -> None:
        """Shrink and move the window (frame included) into the screen's free area: at first start,
        after a restored geometry from a larger screen, and once shown (when the frame is known)."""
        if self.isMaximized() or self.isFullScreen():
            return
        avail = self.available_geometry()
        frame, inner = self.frameGeometry(), self.geometry()
        extra_w = max(frame.width() - inner.width(), 0)
        extra_h = max(frame.height() - inner.height(), 0)
        if not self.isVisible() and extra_h == 0:
            extra_w, extra_h = 8, 38  # a typical title bar and border, before the window has one
        w = max(min(inner.width(), avail.width() - extra_w), 200)
        h = max(min(inner.height(), avail.height() - extra_h), 200)
        if (w, h) != (inner.width(), inner.height()):
            self.resize(w, h)
        left = min(max(frame.x(), avail.left()), avail.right() + 1 - (w + extra_w))
        top = min(max(frame.y(), avail.top()), avail.bottom() + 1 - (h + extra_h))
        if (left, top) != (frame.x(), frame.y()):
            self.move(max(left, avail.left()), max(top, avail.top()))
        # the docks at the bottom take at most what leaves the report and the figure list usable
        for dock in self.workbench.docks().values():
            if not dock.isHidden() and not dock.isFloating() and dock.height() > h * 0.6:
                self.resizeDocks([dock], [int(h * 0.45)], Qt.Orientation.Vertical)

    def showEvent(self, e: Any) -> None:
        super().showEvent(e)
        QTimer.singleShot(0, self.fit_to_screen)

    def changeEvent(self, e: QEvent) -> None:
        super().changeEvent(e)
        if e.type() == QEvent.Type.WindowStateChange:
            self.schedule_place()

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self.schedule_place()

    def moveEvent(self, e: QMoveEvent) -> None:
        super().moveEvent(e)
        self.schedule_place()

    # --- the reviewer's place -------------------------------------------------------------------
    def schedule_place(self, *_args: Any) -> None:
        if self.keep_place:
            self._place_timer.start()

    def save_place(self) -> None:
        """Window, docks, pane widths, and the report and figure of the open workspace, to disk now."""
        if not self.keep_place:
            return
        s = self.settings
        s.geometry = self.saveGeometry()
        s.window_state = self.saveState()
        s.splitter = self.splitter.saveState()
        if self.ws is not None:
            s.set_last_report(str(self.ws.path), self.review.report_id)
            cur = self.review.current()
            s.set_last_figure(str(self.ws.path), cur.id if cur is not None else None)
        s.sync()

    # --- interface font size --------------------------------------------------------------------
    def apply_ui_font(self) -> None:
        size = self.settings.ui_font_size
        app = QApplication.instance()
        if size > 0 and isinstance(app, QApplication):
            f = app.font()
            f.setPointSizeF(size)
            app.setFont(f)

    def ui_font_larger(self) -> None:
        self._ui_font_step(1)

    def ui_font_smaller(self) -> None:
        self._ui_font_step(-1)

    def _ui_font_step(self, step: int) -> None:
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        f = app.font()
        size = min(max((f.pointSizeF() if f.pointSizeF() > 0 else 9.0) + step, 7.0), 24.0)
        f.setPointSizeF(size)
        app.setFont(f)
        self.settings.ui_font_size = size
        self.settings.sync()
        self.show_message(self.tr("界面字号：%1 磅").replace("%1", f"{size:g}"))

    def _build_menus(self) -> None:
        menus = {key: self.menuBar().addMenu(action_tr(title)) for key, title in MENU_TITLES.items()}
        for spec in SPECS:
            if not spec.menu:
                continue
            menus[spec.menu].addAction(self.actions_by_id[spec.id])
            if spec.id == "open_workspace":
                # 最近的工作区: filled when opened, each entry with its number as the keyboard accelerator
                self.recent_menu = QMenu(self.tr("最近的工作区(&R)"), self)
                self.recent_menu.setObjectName("recentWorkspaces")
                self.recent_menu.aboutToShow.connect(self.fill_recent_menu)
                menus[spec.menu].addMenu(self.recent_menu)
            if spec.id in ("demo_workspace", "redo", "mark_question"):
                menus[spec.menu].addSeparator()

    def fill_recent_menu(self) -> None:
        """The reviewer's recent workspaces that still exist, newest first (never the demo)."""
        menu = self.recent_menu
        menu.clear()
        paths = [p for p in self.settings.recent_workspaces if Path(p).is_file()]
        for k, path in enumerate(paths):
            p = Path(path)
            accel = f"&{k + 1} " if k < 9 else ""
            a = menu.addAction(f"{accel}{p.name}  ({p.parent})")
            a.setToolTip(path)
            a.triggered.connect(lambda _c=False, path=path: self.open_workspace_path(path))
        if not paths:
            a = menu.addAction(self.tr("（还没有最近的工作区）"))
            a.setEnabled(False)

    # --- workspace ------------------------------------------------------------------------------
    def set_workspace(self, ws: Workspace) -> None:
        if self.ws is not None and self.ws is not ws:
            self.save_place()
            self.ws.close()
        self.ws = ws
        self.demo = is_demo_workspace(ws.path)
        self.review.set_workspace(ws)
        # Qt appends the application's display name (核查 Hecha) itself: the workspace file first,
        # then its folder, so a narrow title bar still shows which workspace this is
        p = Path(str(ws.path))
        self.setWindowTitle(self.tr("示范工作区（只读示例）") if self.demo else f"{p.name} ({p.parent})")
        self.show_reviewers()
        last = self.settings.last_report(str(ws.path))
        if last is not None and self.reports.model.row_of(last) is not None:
            self.review.load_report(last)  # back where the reviewer stopped
            fig = self.settings.last_figure(str(ws.path))
            if fig is not None and self.model.row_of(fig) is not None:
                self.review.select_figure(fig)
        elif self.model.rowCount() == 0 and self.reports.model.rowCount() > 0:
            self.reports.view.setCurrentIndex(self.reports.model.index(0))
        self._show_banner()
        if self.reports.model.rowCount() == 0:
            self.show_message(self.tr("工作区中还没有报告：用“文件 → 打开报告”或把文件拖到窗口中导入。"))
        self.schedule_place()
        self.after_first_paint(lambda: self._check_in_background(ws))

    def after_first_paint(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` once the window has been shown and painted: at once (on the next turn of the event
        loop) when it has, else after its first paint. What the first picture does not need waits here."""
        if self._painted:
            QTimer.singleShot(0, fn)
        else:
            self._after_paint.append(fn)

    def paintEvent(self, e: QPaintEvent) -> None:
        super().paintEvent(e)
        if not self._painted:
            self._painted = True
            startup.release_collector()  # held while the window started
            waiting, self._after_paint = self._after_paint, []
            for fn in waiting:
                QTimer.singleShot(0, fn)

    def _check_in_background(self, ws: Workspace) -> None:
        """Read the whole file for damage off the GUI thread; say so, naming the backup, if it is."""
        if ws.readonly or self.ws is not ws:  # (another workspace was opened before the window painted)
            return
        task = Task(check_workspace, str(ws.path))
        self.integrity_task = task

        def on_failed(msg: str) -> None:
            if self.ws is ws:
                QMessageBox.warning(self, self.tr("工作区文件已损坏"), msg)

        task.failed.connect(on_failed)
        task.start()

    def _show_banner(self) -> None:
        """The demo says what it is; an empty workspace says how to begin."""
        if self.demo:
            text = self.tr(
                "示范工作区（只读示例）：这些示范报告供熟悉操作，改动不会保存。"
                "打开您自己的报告（Ctrl+O）时，程序会在“文档/核查工作区”中为您建立工作区并显示报告。"
                "审核：Enter 确认 · 输入数字更正 · Delete 否定 · F1 全部快捷键"
            )
        elif self.reports.model.rowCount() == 0:
            text = self.tr(
                "工作区中还没有报告：按 Ctrl+O 打开报告、Ctrl+Shift+O 打开文件夹，或把文件拖到窗口中。"
            )
        else:
            text = ""
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def _show_return_reason(self, rid: int) -> None:
        """A returned report says over the window why, and who returned it, until it is done again."""
        try:
            returned = self.ws.return_reason(rid) if self.ws is not None else None
        except HechaError:
            returned = None
        if returned is None:
            if self.banner.property("returned"):
                self.banner.setProperty("returned", False)
                self._show_banner()
            return
        who, reason = returned
        self.banner.setProperty("returned", True)
        self.banner.setText(
            self.tr("此报告已被复核人 %1 退回，理由：%2").replace("%1", who).replace("%2", reason)
        )
        self.banner.setVisible(True)

    def use_own_workspace(self) -> bool:
        """Leave the demo for the reviewer's own workspace: the most recent one that still exists, or
        a new one in the documents folder (核查工作区/我的工作区.hecha.sqlite)."""
        path = self.settings.own_workspace() or str(default_workspace_path())
        created = not Path(path).exists()
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            QMessageBox.warning(
                self,
                self.tr("无法建立工作区"),
                self.tr("%1：无法建立文件夹（%2）。请用“文件 → 新建工作区…”另选位置。")
                .replace("%1", str(Path(path).parent))
                .replace("%2", e.strerror or str(e)),
            )
            return False
        if not self.open_workspace_path(path):
            return False
        note = self.tr("已新建您的工作区 %1。") if created else self.tr("报告导入您的工作区 %1。")
        self._workspace_note = note.replace("%1", path)
        self.show_message(self._workspace_note)
        return True

    def open_workspace_path(self, path: str) -> bool:
        from core.store import Workspace

        old = Workspace.older_format(path)
        if old is not None and not self.upgrade_file(path, old):
            return False
        try:
            # the whole-file check runs in the background (set_workspace): opening stays quick
            ws = Workspace.open(path, signoff.typed_name(self.settings), integrity=False)
        except HechaError as e:
            QMessageBox.warning(self, self.tr("无法打开工作区"), str(e))
            return False
        self.settings.workspace = str(path)
        self.set_workspace(ws)
        return True

    def upgrade_file(self, path: str, old: int) -> bool:
        """Upgrade a workspace of an older format in the background, a busy dialog over the window
        (without a cancel: the file is backed up first, and an interrupted upgrade is done again on
        the next open); False, said in a message, when it fails."""
        from PySide6.QtCore import QEventLoop
        from PySide6.QtWidgets import QProgressDialog

        from gui.widgets.tasks import upgrade_workspace

        backup = f"{Path(path).name}.bak-v{old}"
        dlg = QProgressDialog(
            self.tr("正在把工作区 %1 升级为新的格式（原文件先备份为 %2），几千份报告需要十几秒……")
            .replace("%1", Path(path).name)
            .replace("%2", backup),
            "",
            0,
            0,
            self,
        )
        dlg.setWindowTitle(self.tr("升级工作区"))
        dlg.setCancelButton(None)  # (no cancel: see the doc)
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.setMinimumDuration(0)
        task = Task(upgrade_workspace, path, signoff.typed_name(self.settings))
        loop = QEventLoop()
        task.finished.connect(loop.quit)
        task.failed.connect(loop.quit)
        self._upgrade_task = task  # (kept while it runs: its signals need it alive)
        task.start()
        dlg.show()
        if not task.done:
            loop.exec()
        dlg.close()
        dlg.deleteLater()
        if task.error is not None:
            QMessageBox.warning(self, self.tr("无法打开工作区"), task.error)
            return False
        return True

    def _workspace_folder(self) -> str:
        if self.ws is not None and not self.demo:
            return str(Path(self.ws.path).parent)
        return str(default_workspace_path().parent)

    def open_workspace(self) -> None:
        from gui.shell import dialogs

        path = dialogs.ask_workspace(
            self, self.tr("打开工作区"), self._workspace_folder(), dialogs.WorkspaceChoice.OPEN
        )
        if path:
            self.open_workspace_path(path)

    def new_workspace(self) -> None:
        """A new, empty workspace where the reviewer chooses (the documents folder by default)."""
        folder = Path(self._workspace_folder())
        default = folder / "新工作区.hecha.sqlite"
        k = 2
        while default.exists():
            default = folder / f"新工作区{k}.hecha.sqlite"
            k += 1
        from gui.shell import dialogs

        path = dialogs.ask_workspace(self, self.tr("新建工作区"), str(default), dialogs.WorkspaceChoice.NEW)
        if not path:
            return
        if Path(path).exists():
            QMessageBox.warning(
                self,
                self.tr("无法新建工作区"),
                self.tr("%1 已存在：请换一个文件名，或用“文件 → 打开工作区…”打开它。").replace("%1", path),
            )
            return
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            QMessageBox.warning(self, self.tr("无法新建工作区"), f"{path}: {e.strerror or e}")
            return
        self.open_workspace_path(path)

    def open_demo_workspace(self) -> None:
        from gui.shell.workspaces import open_demo_workspace

        try:
            ws = open_demo_workspace(signoff.typed_name(self.settings))
        except HechaError as e:
            QMessageBox.warning(self, self.tr("无法打开工作区"), str(e))
            return
        self.settings.workspace = ""
        self.set_workspace(ws)

    def show_reviewers(self) -> None:
        """The workspace's two names in the status bar (— for one not entered yet)."""
        ws = self.ws
        try:
            names = ws.reviewers() if ws is not None else None
        except HechaError:
            names = None
        first = (names.reviewer if names else "") or (ws.reviewer if ws is not None else "")
        second = names.second_reviewer if names else ""
        self.status_label.setText(
            self.tr("审核人：%1　复核人：%2").replace("%1", first or "—").replace("%2", second or "—")
        )

    def change_reviewer(self) -> None:
        """Name the workspace's reviewer (审核人): kept in the workspace, asked once."""
        self._change_name(first=True)

    def change_second_reviewer(self) -> None:
        """Name the workspace's second reviewer (复核人), who approves or returns done reports."""
        self._change_name(first=False)

    def _change_name(self, first: bool) -> None:
        if self.ws is None:
            return
        try:
            names = self.ws.reviewers()
        except HechaError as e:
            self.show_message(str(e))
            return
        if first:
            from gui.shell import dialogs

            name = dialogs.ask_reviewer(self, names.reviewer or self.ws.reviewer)
        else:
            name = signoff.ask_name(
                self,
                self.tr("复核人"),
                self.tr("请输入本工作区复核人的姓名（复核人不能是审核人本人）："),
                names.second_reviewer,
            )
        if not name:
            return
        try:
            self.ws.set_reviewers(**({"reviewer": name} if first else {"second_reviewer": name}))
        except HechaError as e:
            self.show_message(str(e))
            return
        if first:
            self.settings.reviewer = name
            self.ws.reviewer = name
        self.show_reviewers()

    # --- import ---------------------------------------------------------------------------------
    def open_files(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # (its class's first use costs a millisecond at start)

        files, _ = QFileDialog.getOpenFileNames(self, self.tr("打开报告"), "", self.report_filter())
        if files:
            self.import_paths(files)

    def report_filter(self) -> str:
        """The open dialog's filter: every format the loader reads (``core.documents.SUPPORTED_SUFFIXES``)."""
        from core.documents import SUPPORTED_SUFFIXES  # the readers load when a report is opened

        patterns = " ".join(f"*{s}" for s in SUPPORTED_SUFFIXES)
        return self.tr("报告 (%1);;所有文件 (*)").replace("%1", patterns)

    def open_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(self, self.tr("打开文件夹"))
        if folder:
            self.import_paths([folder])

    def import_paths(self, paths: list[str]) -> Task | None:
        """Import off the GUI thread with progress and cancel; list per-file errors at the end, and
        show the first report opened. Reports never go into the demo: the reviewer's own workspace
        is opened (or created) first."""
        if self.import_task is not None and not self.import_task.done:
            return None
        if (self.ws is None or self.demo) and not self.use_own_workspace():
            return None
        ws = self.ws
        if ws is None:
            return None
        from gui.shell import dialogs

        task = Task(import_into, str(ws.path), ws.reviewer, [str(p) for p in paths])
        progress = dialogs.import_progress(self)
        progress.canceled.connect(task.cancel)
        task.note.connect(progress.setLabelText)  # what will be read, by kind, before it starts

        def on_progress(done: int, total: int) -> None:
            progress.setMaximum(total)
            progress.setValue(done)

        def on_finished(result: Any) -> None:
            progress.canceled.disconnect(task.cancel)  # closing the dialog emits canceled()
            progress.close()
            self.activateWindow()  # the keyboard comes back from the progress box to the window
            self.reports.reload()
            errors = list(getattr(result, "errors", []))
            warnings = list(getattr(result, "warnings", []))
            # core knows whether it stopped early; a cancel pressed after the last file changes nothing
            self.last_import_text = dialogs.import_summary(
                result.added, result.skipped, errors, result.cancelled, warnings
            )
            if getattr(result, "plan", ""):
                self.last_import_text = f"{result.plan}。\n{self.last_import_text}"
            shown = result.report_ids[0] if result.report_ids else self._stored_report(paths)
            if shown is not None:
                self.review.load_report(shown)  # the file opened is the report shown
                # the progress box (shown once reading passed its 0.3 s) took the window's activation:
                # the window takes it back, so the keys go to the figure list
                self.activateWindow()
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            self._show_banner()
            if errors or warnings or result.cancelled:
                dialogs.show_import_result(self, self.last_import_text, bool(errors or warnings))
            else:  # nothing to read closely: no box to dismiss before the review can start
                self.show_message(self._workspace_note + self.last_import_text)
            self._workspace_note = ""  # said once, with the first import into the new workspace

        def on_failed(msg: str) -> None:
            progress.close()
            self.last_import_text = msg
            if task.details:
                errors.show_error(self, self.tr("导入失败"), msg, task.details)
            else:
                QMessageBox.warning(self, self.tr("导入失败"), msg)

        task.progress.connect(on_progress)
        task.finished.connect(on_finished)
        task.failed.connect(on_failed)
        self.import_task = task
        task.start()
        return task

    def _stored_report(self, paths: list[str]) -> int | None:
        """The report already in the workspace for the first file of ``paths`` (opened again)."""
        if self.ws is None:
            return None
        for p in paths:
            if Path(p).is_file():
                try:
                    sha = hashlib.sha256(Path(p).read_bytes()).hexdigest()
                except OSError:
                    return None
                return next((r.id for r in self.ws.reports() if r.sha256 == sha), None)
        return None

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

    def search_reports(self) -> None:
        """Ctrl+Shift+F: search every report of the workspace; Enter on a hit opens its place."""
        if self.ws is None:
            return
        from gui.review.search import SearchDialog

        dialog = SearchDialog(self.ws, self)
        self.search_dialog = dialog  # tests reach the open dialog here
        dialog.open_hit.connect(self.open_hit)
        dialog.open()
        dialog.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def open_hit(self, hit: Any) -> None:
        """Show a search hit: its report, and the text framed or its failing check in the checks."""
        if self.review.report_id != hit.report_id:
            self.review.load_report(hit.report_id)
        if hit.start is not None and hit.end is not None:
            self.pane.frame_source(hit.start, hit.end)
            # the report just loaded shows its current figure on the next turn: the hit comes after it
            QTimer.singleShot(0, lambda: self.pane.frame_source(hit.start, hit.end))
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        elif hit.rule:
            self.workbench.show_check(hit.rule, hit.subject)
        else:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.show_message(self.tr("已打开 %1").replace("%1", hit.name))

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
        current = self.review.current()
        if current is not None:
            self.pane.set_current(current.id, flash=False)

    def show_help(self) -> None:
        from gui.shell import dialogs

        dialogs.ShortcutHelp(self).exec()

    def show_about(self) -> None:
        from gui.shell import dialogs

        dialogs.AboutDialog(self).exec()

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
        if self.demo and "只读" in text:  # core's read-only refusal, said for the demo
            text = self.tr("示范工作区是只读示例，改动不会保存：按 Ctrl+O 打开您自己的报告。")
        self.statusBar().showMessage(text, 8000)

    def _history_changed(self, can_undo: bool, can_redo: bool) -> None:
        self.actions_by_id["undo"].setEnabled(can_undo)
        self.actions_by_id["redo"].setEnabled(can_redo)

    def _report_loaded(self, rid: int) -> None:
        self._show_return_reason(rid)
        # Browsing the report list with ↑/↓ keeps the keyboard there; Enter (activated) moves to the figures.
        if not self.reports.view.hasFocus():
            self.table.setFocus()

    def _digits_in_document(self, text: str) -> None:
        self.table.setFocus()
        self.table.start_correction(text)

    def closeEvent(self, e: QCloseEvent) -> None:
        if self.import_task is not None and not self.import_task.done:
            self.import_task.cancel()
        self._place_timer.stop()
        self.save_place()
        pages = self.pane.made_pdf_pages
        if pages is not None:
            pages.shutdown()
        if self.ws is not None:
            self.ws.close()
            self.ws = None
        super().closeEvent(e)

    def _pdf_made(self, pages: PdfPages) -> None:
        """The PDF pages view, made for the first PDF report shown, takes the review keys."""
        attach(pages, ("review", "document"), self.actions_by_id)
        pages.digits_typed.connect(self._digits_in_document)

    def first_report_shown(self) -> bool:
        return self.review.report_id is not None and self.pane.doc is not None
