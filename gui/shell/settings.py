"""Typed wrapper over QSettings: reviewer name, workspace location, recent workspaces, geometry, the
reviewer's place (report and figure per workspace) and the interface font size.

Core never reads these. Tests point QSettings at ``tmp_path`` with ``Settings(path=...)``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, QStandardPaths

MAX_RECENT = 8


def data_dir() -> Path:
    """The user's data folder for Hecha (QStandardPaths.AppDataLocation)."""
    loc = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    p = Path(loc or Path.home() / ".hecha")
    p.mkdir(parents=True, exist_ok=True)
    return p


def demo_workspace_path() -> Path:
    return data_dir() / "demo.hecha.sqlite"


def is_demo_workspace(path: str | Path) -> bool:
    """True for the bundled demo workspace (a read-only example, never the reviewer's own)."""
    try:
        return Path(path).resolve() == demo_workspace_path().resolve()
    except OSError:
        return False


def default_workspace_path() -> Path:
    """Where the reviewer's own workspace goes when the first report is opened: the documents folder."""
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = QCoreApplication.translate("Settings", "核查工作区")
    name = QCoreApplication.translate("Settings", "我的工作区")
    return Path(docs or Path.home()) / folder / f"{name}.hecha.sqlite"


class Settings:
    """GUI state persisted between sessions."""

    def __init__(self, path: str | Path | None = None) -> None:
        if path is None:
            self._s = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Hecha", "hecha")
        else:
            self._s = QSettings(str(path), QSettings.Format.IniFormat)

    def sync(self) -> None:
        self._s.sync()

    @property
    def reviewer(self) -> str:
        return str(self._s.value("reviewer/name", "") or "")

    @reviewer.setter
    def reviewer(self, name: str) -> None:
        self._s.setValue("reviewer/name", name.strip())

    @property
    def workspace(self) -> str:
        """The last workspace opened ('' = the demo workspace)."""
        return str(self._s.value("workspace/path", "") or "")

    @workspace.setter
    def workspace(self, path: str) -> None:
        self._s.setValue("workspace/path", str(path))
        self.add_recent(str(path))

    @property
    def recent_workspaces(self) -> list[str]:
        v = self._s.value("workspace/recent", [])
        if isinstance(v, str):
            v = [v] if v else []
        return [str(x) for x in v] if isinstance(v, (list, tuple)) else []

    def add_recent(self, path: str) -> None:
        if not path or is_demo_workspace(path):
            return  # the demo has its own menu entry
        items = [p for p in self.recent_workspaces if p != path]
        items.insert(0, path)
        self._s.setValue("workspace/recent", items[:MAX_RECENT])

    def own_workspace(self) -> str:
        """The reviewer's most recent own workspace that still exists ('' when there is none)."""
        return next((p for p in self.recent_workspaces if Path(p).is_file()), "")

    @property
    def ui_font_size(self) -> float:
        """The interface font size in points (0 = the system's)."""
        try:
            return float(str(self._s.value("view/ui_font_size", 0) or 0))
        except (TypeError, ValueError):
            return 0.0

    @ui_font_size.setter
    def ui_font_size(self, value: float) -> None:
        self._s.setValue("view/ui_font_size", float(value))

    @property
    def script(self) -> str:
        """Display script of the document view: 'original' | 'traditional' | 'simplified'."""
        return str(self._s.value("view/script", "original") or "original")

    @script.setter
    def script(self, value: str) -> None:
        self._s.setValue("view/script", value)

    @property
    def geometry(self) -> QByteArray | None:
        v = self._s.value("window/geometry")
        return v if isinstance(v, QByteArray) else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._s.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        v = self._s.value("window/state")
        return v if isinstance(v, QByteArray) else None

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._s.setValue("window/state", value)

    @property
    def splitter(self) -> QByteArray | None:
        """The widths of the report list, the report and the figure list."""
        v = self._s.value("window/splitter")
        return v if isinstance(v, QByteArray) else None

    @splitter.setter
    def splitter(self, value: QByteArray) -> None:
        self._s.setValue("window/splitter", value)

    @staticmethod
    def _report_key(workspace: str) -> str:
        return "last_report/" + hashlib.sha1(str(Path(workspace).resolve()).encode()).hexdigest()

    def last_report(self, workspace: str) -> int | None:
        """The report open when ``workspace`` was last closed."""
        v = self._s.value(self._report_key(workspace))
        try:
            return int(v) if v not in (None, "") else None
        except (TypeError, ValueError):
            return None

    def set_last_report(self, workspace: str, report_id: int | None) -> None:
        if report_id is not None:
            self._s.setValue(self._report_key(workspace), int(report_id))

    def last_figure(self, workspace: str) -> int | None:
        """The figure selected when the reviewer's place in ``workspace`` was last saved."""
        v = self._s.value(self._report_key(workspace).replace("last_report/", "last_figure/"))
        try:
            return int(v) if v not in (None, "") else None
        except (TypeError, ValueError):
            return None

    def set_last_figure(self, workspace: str, figure_id: int | None) -> None:
        key = self._report_key(workspace).replace("last_report/", "last_figure/")
        if figure_id is None:
            self._s.remove(key)
        else:
            self._s.setValue(key, int(figure_id))
