"""Every action calls a method bound when the window is built (gui/shell/bindings.py), not one looked
up by its name at run time: an action without a method, or a method without an action, stops the
start instead of failing silently at the key press."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from gui.shell import bindings
from gui.shell.actions import SPECS, build_actions


def test_every_action_calls_a_bound_method_of_the_window(qtbot: Any, tmp_path: Path) -> None:
    from gui.shell.mainwindow import MainWindow
    from gui.shell.settings import Settings

    w = MainWindow(Settings(tmp_path / "s.ini"))
    qtbot.addWidget(w)
    slots = bindings.slots(w)
    assert set(slots) == {s.id for s in SPECS}
    owners = (w, w.review, w.workbench)
    assert all(any(getattr(f, "__self__", None) is o for o in owners) for f in slots.values())


def test_an_action_without_a_method_stops_the_start(qtbot: Any) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    slots = {s.id: (lambda: None) for s in SPECS}
    del slots["confirm"]
    with pytest.raises(KeyError, match="confirm"):
        build_actions(window, {}, slots)
