"""The window keeps what went wrong: a background task's unexpected error keeps its traceback (log and
error box), an exception nothing caught is shown with 复制详情 instead of vanishing on stderr."""

from __future__ import annotations

import logging
import sys
from typing import Any

import pytest

from gui.widgets import errors
from gui.widgets.tasks import Task


def _bug(progress: Any, cancelled: Any) -> None:
    raise KeyError("a task's own bug")


def test_a_tasks_unexpected_error_keeps_its_traceback(qtbot: Any, caplog: pytest.LogCaptureFixture) -> None:
    task = Task(_bug)
    with caplog.at_level(logging.ERROR, logger="gui"), qtbot.waitSignal(task.failed) as sig:
        task.start()
    assert sig.args[0] == 'KeyError: "a task\'s own bug"'
    assert "Traceback" in task.details and "_bug" in task.details
    assert any(r.exc_info and r.name.startswith("gui.") for r in caplog.records)


def test_copy_details_puts_message_and_traceback_on_the_clipboard(qapp: Any) -> None:
    errors.copy_details("导入失败", "Traceback (most recent call last): …")
    assert qapp.clipboard().text() == "导入失败\n\nTraceback (most recent call last): …"


def test_an_uncaught_exception_is_shown_with_its_details(qapp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        errors, "show_error", lambda _p, _t, message, details: shown.append((message, details))
    )
    monkeypatch.setattr(sys, "excepthook", lambda *_a: None)  # (the log's hook, here: nothing)
    errors.show_unexpected_errors()
    try:
        raise ValueError("坏数据")
    except ValueError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    [(message, details)] = shown
    assert "ValueError: 坏数据" in message
    assert "Traceback" in details and "坏数据" in details
