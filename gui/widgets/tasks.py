"""Run core work off the GUI thread. Core's plain ``progress(done, total)`` / ``cancelled()`` callables
become Qt signals here; workers never touch widgets.
"""

from __future__ import annotations

import inspect
import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from core.errors import HechaError

log = logging.getLogger(__name__)


class Task(QObject):
    """One background job. Signals arrive on the thread that created the Task (the GUI thread)."""

    progress = Signal(int, int)
    note = Signal(str)  # a sentence from core before the work (what an import will read)
    found = Signal(object)  # a part of the result as soon as it is there (a search's hits, batch by batch)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        """``fn(*args, progress=..., cancelled=...)`` runs on a pool thread (with ``note=...`` and
        ``found=...`` too when ``fn`` takes them)."""
        super().__init__()
        self._fn = fn
        self._args = args
        self._cancel = threading.Event()
        self.done = False
        self.result: Any = None
        self.error: str | None = None
        self.details = ""  # the traceback of an unexpected error (also in the log)

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _run(self) -> None:
        try:
            takes = inspect.signature(self._fn).parameters
            extra = {k: s.emit for k, s in (("note", self.note), ("found", self.found)) if k in takes}
            res = self._fn(*self._args, progress=self.progress.emit, cancelled=self._cancel.is_set, **extra)
        except HechaError as e:
            self.error = str(e)
            self.done = True
            self._emit(self.failed, self.error)
            return
        except Exception as e:  # a bug must reach the user as one line, not kill the thread silently
            self.details = traceback.format_exc()
            log.error("unexpected error in a background task", exc_info=True)
            self.error = f"{type(e).__name__}: {e}"
            self.done = True
            self._emit(self.failed, self.error)
            return
        self.result = res
        self.done = True
        self._emit(self.finished, res)

    @staticmethod
    def _emit(signal: Any, *args: Any) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the window that asked is gone (closed meanwhile): nobody to tell
            log.info("a background task finished after its window closed")

    def start(self, pool: QThreadPool | None = None) -> None:
        task = self

        class _Runnable(QRunnable):
            def run(self) -> None:
                task._run()

        r = _Runnable()
        r.setAutoDelete(True)
        self._runnable = r
        (pool or QThreadPool.globalInstance()).start(r)


def check_workspace(
    workspace_path: str, progress: Callable[[int, int], None], cancelled: Callable[[], bool]
) -> None:
    """Read the whole workspace file for damage (SQLite's quick_check) on a connection of its own:
    the window opens a workspace without it and runs this in the background. Raises ``StoreError``."""
    from pathlib import Path

    from core.store import db

    db.check_path(Path(workspace_path))


def upgrade_workspace(
    workspace_path: str, reviewer: str, progress: Callable[[int, int], None], cancelled: Callable[[], bool]
) -> None:
    """Open the workspace once on a connection of its own, which upgrades it to this program's format
    (a backup first, ``Workspace.older_format``), and close it: the window then opens it at once."""
    from core.store import Workspace

    Workspace.open(workspace_path, reviewer, integrity=False).close()


def search_workspace(
    workspace_path: str,
    needle: str,
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
    found: Callable[[list[Any]], None],
) -> list[Any]:
    """Search every report of the workspace (``Workspace.search``) on a read-only connection of its
    own, so the window's connection stays free; ``found`` hears the hits batch by batch."""
    from core.store import Workspace

    ws = Workspace.open(workspace_path, readonly=True, integrity=False)
    try:
        return ws.search(needle, progress=progress, cancelled=cancelled, found=found)
    finally:
        ws.close()


def import_into(
    workspace_path: str,
    reviewer: str,
    paths: list[str],
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
    note: Callable[[str], None] | None = None,
) -> Any:
    """Import files/folders into the workspace file with the worker's own connection. Each file is
    read in a worker process with limits (``core.isolation``): no file can take the window down.
    ``note`` hears what will be read, by kind, before reading starts."""
    from core.store import Workspace

    ws = Workspace.open(workspace_path, reviewer)
    try:
        return ws.import_paths(paths, progress=progress, cancelled=cancelled, announce=note)
    finally:
        ws.close()
