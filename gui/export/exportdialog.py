"""The export dialog: which reports (all / completed / selected), formats (xlsx, csv), destination,
progress (the export runs off the GUI thread via ``gui.widgets.tasks``), and a button to open the folder.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from core import vocab
from gui.widgets.tasks import Task

if TYPE_CHECKING:
    from core.store import Workspace


def open_url(url: QUrl) -> bool:
    """Open a folder in the system's file manager (tests replace this function)."""
    return bool(QDesktopServices.openUrl(url))


def _part_progress(progress: Callable[[int, int], None], k: int, n: int) -> Callable[[int, int], None]:
    """The progress of the ``k``-th of ``n`` formats as a share of the whole export."""

    def step(done: int, total: int) -> None:
        progress(k * max(total, 1) + done, n * max(total, 1))

    return step


def export_files(
    workspace_path: str,
    reviewer: str,
    report_ids: list[int] | None,
    formats: list[str],
    folder: str,
    stem: str,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> list[str]:
    """Write ``stem.xlsx`` / ``stem.csv`` into ``folder`` with the worker's own connection."""
    from core import export, messages
    from core.errors import ExportError
    from core.store import Workspace

    out_dir = Path(folder)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ExportError(f"{out_dir}: 无法创建导出文件夹（{messages.write_reason(e)}）") from e
    ws = Workspace.open(workspace_path, reviewer, readonly=True)  # export only reads
    written: list[str] = []
    try:
        n = len(formats)
        for k, fmt in enumerate(formats):
            if cancelled():
                break
            out = out_dir / f"{stem}.{fmt}"
            if fmt == "xlsx":
                export.to_xlsx(ws, out, report_ids, progress=_part_progress(progress, k, n))
            else:
                export.to_csv(ws, out, report_ids)
            written.append(str(out))
            progress(k + 1, n)
    finally:
        ws.close()
    return written


class ExportDialog(QDialog):
    exported = Signal(object)  # list of written paths

    def __init__(
        self, ws: Workspace, selected: Sequence[int] = (), folder: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("导出"))
        self.ws = ws
        self.selected = list(selected)
        self.task: Task | None = None
        self.paths: list[str] = []
        reports = ws.reports()
        done = [r.id for r in reports if r.status in vocab.FINISHED_STATUSES]  # done, or approved since
        self.choices: dict[str, list[int] | None] = {"all": None, "done": done, "selected": self.selected}
        counts = {"all": len(reports), "done": len(done), "selected": len(self.selected)}
        self.scope_group = QButtonGroup(self)
        self.scope: dict[str, QRadioButton] = {}
        box = QGroupBox(self.tr("导出哪些报告"))
        bl = QVBoxLayout(box)
        for key, text in (
            ("all", self.tr("全部报告（%1 份）")),
            ("done", self.tr("已完成的报告（%1 份）")),
            ("selected", self.tr("选中的报告（%1 份）")),
        ):
            b = QRadioButton(text.replace("%1", str(counts[key])))
            b.setEnabled(counts[key] > 0 or key == "all")
            self.scope_group.addButton(b)
            self.scope[key] = b
            bl.addWidget(b)
        self.scope["selected" if self.selected else "all"].setChecked(True)
        self.xlsx = QCheckBox(self.tr("Excel 工作簿（.xlsx：汇总、每份报告的官方表格、数字明细、审核记录）"))
        self.xlsx.setChecked(True)
        self.csv = QCheckBox(self.tr("CSV（.csv：每个指标值和数字一行，UTF-8）"))
        self.folder = QLineEdit(folder or str(Path(ws.path).parent))
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self._browse)
        self.stem = QLineEdit(self.tr("核查导出-%1").replace("%1", date.today().strftime("%Y%m%d")))
        dest = QHBoxLayout()
        dest.addWidget(self.folder, 1)
        dest.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("格式："), self.xlsx)
        form.addRow("", self.csv)
        form.addRow(self.tr("保存到文件夹："), dest)
        form.addRow(self.tr("文件名："), self.stem)
        self.progress = QProgressBar()
        self.progress.setValue(0)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.export_button = QPushButton(self.tr("导出"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.open_button = QPushButton(self.tr("打开文件夹"))
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_folder)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.export_button, self.open_button, close):
            buttons.addWidget(button)
        lay = QVBoxLayout(self)
        lay.addWidget(box)
        lay.addLayout(form)
        lay.addWidget(self.progress)
        lay.addWidget(self.status)
        lay.addLayout(buttons)
        self.resize(560, 380)

    def _browse(self) -> None:
        d = QFileDialog.getExistingDirectory(self, self.tr("选择导出文件夹"), self.folder.text())
        if d:
            self.folder.setText(d)

    def report_ids(self) -> list[int] | None:
        key = next(k for k, b in self.scope.items() if b.isChecked())
        return self.choices[key]

    def formats(self) -> list[str]:
        return [f for f, b in (("xlsx", self.xlsx), ("csv", self.csv)) if b.isChecked()]

    def start(self) -> Task | None:
        """Check the choices and run the export off the GUI thread."""
        if self.task is not None and not self.task.done:
            return None
        ids, formats = self.report_ids(), self.formats()
        folder, stem = self.folder.text().strip(), self.stem.text().strip()
        problem = ""
        if not formats:
            problem = self.tr("请至少选择一种格式")
        elif ids is not None and not ids:
            problem = self.tr("没有符合条件的报告")
        elif not folder or not stem:
            problem = self.tr("请填写保存位置和文件名")
        if problem:
            self.status.setText(problem)
            return None
        task = Task(export_files, str(self.ws.path), self.ws.reviewer, ids, formats, folder, stem)
        task.progress.connect(self._progress)
        task.finished.connect(self._finished)
        task.failed.connect(self._failed)
        self.task = task
        self.export_button.setEnabled(False)
        self.open_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.status.setText(self.tr("正在导出…"))
        task.start()
        return task

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finished(self, paths: list[str]) -> None:
        self.paths = list(paths)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.export_button.setEnabled(True)
        self.open_button.setEnabled(bool(self.paths))
        self.status.setText(self.tr("已导出：") + "\n" + "\n".join(self.paths))
        self.exported.emit(self.paths)

    def _failed(self, message: str) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.export_button.setEnabled(True)
        self.status.setText(self.tr("导出失败：%1").replace("%1", message))

    def open_folder(self) -> bool:
        folder = Path(self.paths[0]).parent if self.paths else Path(self.folder.text())
        return open_url(QUrl.fromLocalFile(str(folder)))

    def reject(self) -> None:
        if self.task is not None and not self.task.done:
            self.task.cancel()
        super().reject()
