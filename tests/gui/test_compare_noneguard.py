"""The comparison paints two more documents; under PySide6 6.12.0 on Python 3.11 every void call drops
a reference to None, so the window keeps None alive (gui/noneguard.py)."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from PySide6.QtCore import QObject

from gui import noneguard


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal on Python 3.12+")
def test_compare_window_keeps_none_alive_through_many_void_calls(qtbot: Any) -> None:
    owner = QObject()
    timer = noneguard.install(owner, interval_ms=10)
    assert timer is not None and timer.isActive()
    assert sys.getrefcount(None) >= noneguard.LOW
    o = QObject()
    for _ in range(20_000):
        o.setObjectName("x")
    noneguard.top_up()
    assert sys.getrefcount(None) >= noneguard.LOW
    timer.stop()
