"""A workspace of an older format is upgraded in the background, a busy dialog over the window saying
what happens (and where the backup goes), while the window keeps drawing; then it opens. An upgrade
that fails is said, and the workspace open before stays open."""

from __future__ import annotations

import shutil
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core" / "store"))
from test_columns import _make_version_5  # noqa: E402 - the format-5 maker of the store's tests

from core.errors import StoreError  # noqa: E402
from core.store import Workspace, db  # noqa: E402


def _older(ws_path: Path, tmp_path: Path) -> Path:
    old = tmp_path / "旧格式.sqlite"
    shutil.copy(ws_path, old)
    _make_version_5(old)
    assert Workspace.older_format(old) == 5 and Workspace.older_format(ws_path) is None
    return old


def test_an_older_workspace_is_upgraded_in_the_background_under_a_dialog(
    window: Any, tmp_path: Path, ws_path: Path, monkeypatch: pytest.MonkeyPatch, no_dialogs: list[str]
) -> None:
    old = _older(ws_path, tmp_path)
    migrate = db.migrate

    def slow(conn: sqlite3.Connection, path: Path, version: int) -> None:
        time.sleep(0.8)  # as thousands of reports take
        migrate(conn, path, version)

    monkeypatch.setattr(db, "migrate", slow)
    seen: list[str] = []  # what a timer of the window saw while the upgrade ran

    def look() -> None:
        seen.extend(d.labelText() for d in window.findChildren(QProgressDialog) if d.isVisible())

    timer = QTimer(window)
    timer.timeout.connect(look)
    timer.start(50)
    assert window.open_workspace_path(str(old))
    timer.stop()
    assert len(seen) >= 5  # the window kept running its events: it did not freeze
    assert "升级" in seen[0] and "旧格式.sqlite.bak-v5" in seen[0]
    assert not any(d.isVisible() for d in window.findChildren(QProgressDialog))
    assert Path(window.ws.path) == old and window.reports.model.rowCount() > 0
    c = sqlite3.connect(old)
    assert c.execute("SELECT version FROM schema_version").fetchone()[0] == db.SCHEMA_VERSION
    c.close()
    assert (tmp_path / "旧格式.sqlite.bak-v5").exists() and no_dialogs == []


def test_an_upgrade_that_fails_is_said_and_the_open_workspace_stays(
    window: Any, tmp_path: Path, ws_path: Path, monkeypatch: pytest.MonkeyPatch, no_dialogs: list[str]
) -> None:
    old = _older(ws_path, tmp_path)

    def full(conn: sqlite3.Connection, path: Path, version: int) -> None:
        raise StoreError(f"{path}: 无法写入（磁盘已满），原文件未改动")

    monkeypatch.setattr(db, "migrate", full)
    before = window.ws.path
    assert not window.open_workspace_path(str(old))
    assert window.ws.path == before
    assert len(no_dialogs) == 1 and "旧格式.sqlite" in no_dialogs[0] and "磁盘已满" in no_dialogs[0]


def test_the_last_workspace_of_an_older_format_is_upgraded_at_start_under_the_dialog(
    qtbot: Any,
    settings: Any,
    tmp_path: Path,
    ws_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_dialogs: list[str],
) -> None:
    """A start opens the last workspace: one of an older format (the program was updated since) is
    upgraded under the busy dialog, not before any window shows."""
    from gui.shell import workspaces
    from gui.shell.mainwindow import MainWindow

    old = _older(ws_path, tmp_path)
    settings.workspace = str(old)
    migrate = db.migrate
    monkeypatch.setattr(db, "migrate", lambda c, p, v: (time.sleep(0.5), migrate(c, p, v)))
    win = MainWindow(settings)
    qtbot.addWidget(win)
    seen: list[str] = []
    timer = QTimer(win)
    timer.timeout.connect(
        lambda: seen.extend(d.labelText() for d in win.findChildren(QProgressDialog) if d.isVisible())
    )
    timer.start(50)
    ws = workspaces.open_initial_workspace(settings, None, win.upgrade_file)
    timer.stop()
    assert Path(ws.path) == old and len(seen) >= 3 and "旧格式.sqlite.bak-v5" in seen[0]
    ws.close()
    # an upgrade that fails: the start goes on with the demo, the failure said
    monkeypatch.setattr(workspaces, "demo_workspace_path", lambda: tmp_path / "演示.sqlite")
    (tmp_path / "again").mkdir()
    again = _older(ws_path, tmp_path / "again")
    settings.workspace = str(again)
    monkeypatch.setattr(
        db, "migrate", lambda c, p, v: (_ for _ in ()).throw(StoreError(f"{p}: 无法写入（磁盘已满）"))
    )
    ws = workspaces.open_initial_workspace(settings, None, win.upgrade_file)
    assert Path(ws.path) != again and ws.readonly and any("磁盘已满" in t for t in no_dialogs)
    ws.close()
    with pytest.raises(StoreError, match="未能升级"):
        workspaces.open_initial_workspace(settings, str(again), win.upgrade_file)
