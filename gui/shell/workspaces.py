"""Where the window's files are and which workspace it opens: the bundled resources and sample
reports, the read-only demo workspace, and the workspace a start opens (the last one, or the demo)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from core.errors import HechaError, StoreError
from core.store import Workspace
from gui.shell.settings import Settings, demo_workspace_path
from gui.signoff.signoff import typed_name


def resource_dir() -> Path:
    base = getattr(sys, "_MEIPASS", None)
    return Path(base) / "resources" if base else Path(__file__).resolve().parents[2] / "resources"


def samples_dir() -> Path:
    return resource_dir() / "samples"


def open_demo_workspace(reviewer: str, path: Path | None = None) -> Workspace:
    """The demo workspace in the user data folder, filled from resources/samples when empty, opened
    read-only: an example to look at, never the place a reviewer's own reports or decisions go."""
    path = path or demo_workspace_path()
    with Workspace.open(path, reviewer) as ws:
        folder = samples_dir()
        if not ws.reports() and folder.is_dir() and any(folder.iterdir()):
            ws.import_paths([str(folder)])
    return Workspace.open(path, reviewer, readonly=True)


def open_initial_workspace(
    settings: Settings, explicit: str | None, upgrade: Callable[[str, int], bool] | None = None
) -> Workspace:
    """The workspace a start opens: ``explicit``, else the last one, else the demo. One of an older
    format is first upgraded by ``upgrade(path, version)`` (the window's, under a busy dialog: some
    seconds for thousands of reports), which says why when it returns False."""
    path = explicit or settings.workspace
    if path and not explicit and not Path(path).is_file():
        path = ""  # a workspace moved or deleted since: the demo, not a new empty file in its place
    if path and upgrade is not None:
        old = Workspace.older_format(path)
        if old is not None and not upgrade(path, old):
            if explicit:
                raise StoreError(f"{path}: 工作区未能升级为新的格式，未打开（原文件未改动）")
            path = ""  # said in the upgrade's message: the demo opens instead
    if path:
        try:
            # the whole-file check runs in the background once the window is up (MainWindow)
            return Workspace.open(path, typed_name(settings), integrity=False)
        except HechaError as e:
            if explicit:
                raise
            QMessageBox.warning(None, "核查 Hecha", str(e))
    return open_demo_workspace(typed_name(settings))
