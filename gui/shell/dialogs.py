"""Small dialogs: reviewer name, shortcut help (F1), about (licences), import progress and the per-file error list."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def tr(text: str) -> str:
    return QCoreApplication.translate("Dialogs", text)


def ask_reviewer(parent: QWidget | None, current: str = "") -> str | None:
    """Ask for the reviewer's name (written into every review event). None when cancelled."""
    from gui.signoff.signoff import keep_focus

    with keep_focus():  # the keyboard goes back where it was
        name, ok = QInputDialog.getText(
            parent,
            QCoreApplication.translate("Dialogs", "审核人"),
            QCoreApplication.translate("Dialogs", "请输入审核人姓名（将记录在每条审核记录中）："),
            text=current,
        )
    name = name.strip()
    return name if ok and name else None


class WorkspaceChoice(Enum):
    OPEN = "open"
    NEW = "new"


def ask_workspace(parent: QWidget | None, title: str, start: str, choice: WorkspaceChoice) -> str | None:
    """Ask for a workspace file: an existing one to open, or where a new one goes (``start`` is the
    folder, or the proposed file for a new one). None when cancelled. Tests replace this function."""
    pattern = QCoreApplication.translate("Dialogs", "核查工作区 (*.sqlite *.hecha *.db);;所有文件 (*)")
    if choice is WorkspaceChoice.OPEN:
        path, _ = QFileDialog.getOpenFileName(parent, title, start, pattern)
    else:
        path, _ = QFileDialog.getSaveFileName(parent, title, start, pattern)
    return path or None


class ShortcutHelp(QDialog):
    """Every action of the one registry (``gui.shell.actions``) with its keys as the platform names them and
    where the keyboard must be (F1)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        from gui.shell.actions import help_rows

        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("Dialogs", "快捷键"))
        self.resize(620, 560)
        rows = help_rows()
        self.table = QTableWidget(len(rows), 3)
        self.table.setObjectName("shortcutTable")
        self.table.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("Dialogs", "操作"),
                QCoreApplication.translate("Dialogs", "快捷键"),
                QCoreApplication.translate("Dialogs", "键盘所在位置"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                self.table.setItem(i, j, QTableWidgetItem(text or "—"))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table)
        lay.addWidget(box)


def licence_files() -> list[Path]:
    """The project's licence and the third-party notices, where the program carries them: in the
    bundle's resources/licenses, or beside the source (LICENSE at the top, the notices in resources)."""
    from gui.shell.workspaces import resource_dir

    lic = resource_dir() / "licenses"
    project = lic / "LICENSE" if (lic / "LICENSE").is_file() else resource_dir().parent / "LICENSE"
    return [project, lic / "THIRD-PARTY-NOTICES.txt"]


class AboutDialog(QDialog):
    """帮助 → 关于: the version, the versions of Qt and Python it runs on, Hecha's licence and every
    third-party notice, read from the files installed with the program (nothing is fetched)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        import PySide6

        from core import __version__

        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("Dialogs", "关于 核查 Hecha"))
        self.resize(720, 560)
        py = ".".join(map(str, sys.version_info[:3]))
        head = QLabel(
            QCoreApplication.translate(
                "Dialogs", "核查 Hecha {version}：政府信息公开工作年度报告数据核查工具"
            ).format(version=__version__)
            + "\n"
            + QCoreApplication.translate("Dialogs", "运行于 Qt {qt}、PySide6 {pyside}、Python {py}").format(
                qt=qVersion(), pyside=PySide6.__version__, py=py
            )
            + "\n"
            + QCoreApplication.translate(
                "Dialogs", "本程序以 MIT 许可证发布；它所含的第三方软件各依其许可证，见下文。"
            )
        )
        head.setObjectName("aboutHeading")
        head.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text = QPlainTextEdit()
        self.text.setObjectName("licenceText")
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        parts = []
        for path in licence_files():
            try:
                parts.append(path.read_text(encoding="utf-8"))
            except OSError:
                parts.append(
                    QCoreApplication.translate("Dialogs", "未找到许可证文件：{path}").format(path=path)
                )
        self.text.setPlainText("\n\n".join(parts))
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(head)
        lay.addWidget(self.text)
        lay.addWidget(box)


def import_progress(parent: QWidget | None) -> QProgressDialog:
    dlg = QProgressDialog(
        QCoreApplication.translate("Dialogs", "正在导入报告…"),
        QCoreApplication.translate("Dialogs", "取消"),
        0,
        0,
        parent,
    )
    dlg.setWindowTitle(QCoreApplication.translate("Dialogs", "导入"))
    dlg.setWindowModality(Qt.WindowModality.WindowModal)
    dlg.setMinimumDuration(300)
    dlg.setAutoClose(False)
    dlg.setAutoReset(False)
    return dlg


def import_summary(
    added: int,
    skipped: int,
    errors: Sequence[tuple[str, str]],
    cancelled: bool,
    warnings: Sequence[tuple[str, str]] = (),
) -> str:
    lines = [
        QCoreApplication.translate("Dialogs", "已导入 %1 份报告，跳过 %2 份（已在工作区中）。")
        .replace("%1", str(added))
        .replace("%2", str(skipped))
    ]
    if cancelled:
        lines.append(QCoreApplication.translate("Dialogs", "导入已取消。"))
    if errors:
        lines.append(
            QCoreApplication.translate("Dialogs", "%1 个文件无法导入：").replace("%1", str(len(errors)))
        )
        lines.extend(f"• {msg if path in msg else f'{path}: {msg}'}" for path, msg in errors)
    if warnings:  # imported, but the text may be incomplete: the reviewer must know before confirming
        lines.append(
            QCoreApplication.translate("Dialogs", "%1 份报告读取时有提示，请核对：").replace(
                "%1", str(len({p for p, _ in warnings}))
            )
        )
        lines.extend(f"• {path}: {msg}" for path, msg in warnings)
    return "\n".join(lines)


def show_import_result(parent: QWidget | None, text: str, has_errors: bool) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("Dialogs", "导入结果"))
    box.setIcon(QMessageBox.Icon.Warning if has_errors else QMessageBox.Icon.Information)
    box.setText(text)
    box.exec()
