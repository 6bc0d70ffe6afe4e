"""Search across the workspace (Ctrl+Shift+F) runs in the background: the window answers while it
reads every report, the hits are listed as they are found, a new search stops the one running, and
Escape stops a search before it closes the dialog."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer

from core.store import search as core_search


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Each report's words wait for the gate to open: a search takes as long as the test wants."""
    opened = threading.Event()
    fold = core_search._fold

    def slow_fold(text: str) -> str:
        opened.wait(timeout=3)
        return fold(text)

    monkeypatch.setattr(core_search, "_fold", slow_fold)
    monkeypatch.setattr(core_search, "BATCH", 1)  # hits and progress after each report
    yield opened
    opened.set()


def _dialog(window: Any, qtbot: Any) -> Any:
    window.search_reports()
    dialog = window.search_dialog
    assert dialog is not None
    return dialog


def _wait_idle(qtbot: Any, *tasks: Any) -> None:
    qtbot.waitUntil(lambda: all(t.done for t in tasks), timeout=10000)


def test_the_window_answers_while_the_search_reads_the_reports(
    window: Any, qtbot: Any, gate: threading.Event
) -> None:
    dialog = _dialog(window, qtbot)
    dialog.edit.setText("主动公开")
    t = time.monotonic()
    dialog.run()
    assert time.monotonic() - t < 1.0  # Enter returns at once: the reading goes on in the background
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    qtbot.waitUntil(lambda: len(ticks) >= 5)  # the event loop runs while the search waits
    timer.stop()
    assert dialog.searching() and "正在查找" in dialog.info.text()
    assert dialog.hits == []
    gate.set()
    _wait_idle(qtbot, dialog.task)
    qtbot.waitUntil(lambda: "找到" in dialog.info.text() and "正在" not in dialog.info.text())
    assert {h.report_id for h in dialog.hits if h.field == "正文"} == {r.id for r in window.ws.reports()}
    assert dialog.results.count() == len(dialog.hits) and dialog.results.hasFocus()
    qtbot.keyClick(dialog.results, Qt.Key.Key_Return)  # Enter opens the first hit's place
    assert window.review.report_id == dialog.hits[0].report_id


def test_a_new_search_stops_the_one_running(window: Any, qtbot: Any, gate: threading.Event) -> None:
    dialog = _dialog(window, qtbot)
    dialog.edit.setText("主动公开")
    dialog.run()
    first = dialog.task
    dialog.edit.setText("2022")
    dialog.run()
    second = dialog.task
    assert first is not second and first.is_cancelled() and not second.is_cancelled()
    gate.set()
    _wait_idle(qtbot, first, second)
    qtbot.waitUntil(lambda: "找到" in dialog.info.text() and "正在" not in dialog.info.text())
    # only the second search's hits: nothing of the first is listed, although it had begun
    assert dialog.hits and all("2022" in h.snippet for h in dialog.hits)
    assert dialog.results.count() == len(dialog.hits)


def test_escape_stops_the_search_then_closes(window: Any, qtbot: Any, gate: threading.Event) -> None:
    dialog = _dialog(window, qtbot)
    dialog.edit.setText("主动公开")
    dialog.run()
    task = dialog.task
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Escape)
    assert task.is_cancelled() and dialog.isVisible() and "已停止" in dialog.info.text()
    gate.set()
    _wait_idle(qtbot, task)
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_search_reads_on_a_connection_of_its_own(window: Any, qtbot: Any, monkeypatch: Any) -> None:
    """The window's workspace is never touched from the search's thread."""
    from core.store import Workspace

    used: list[Path] = []
    original = Workspace.search

    def spy(self: Workspace, *a: Any, **k: Any) -> Any:
        used.append(self)
        return original(self, *a, **k)

    monkeypatch.setattr(Workspace, "search", spy)
    dialog = _dialog(window, qtbot)
    dialog.edit.setText("主动公开")
    dialog.run()
    _wait_idle(qtbot, dialog.task)
    qtbot.waitUntil(lambda: bool(dialog.hits))
    assert used and all(ws is not window.ws and ws.readonly for ws in used)
