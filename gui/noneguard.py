"""Keep ``None`` alive under PySide6 6.12.0 on Python 3.11.

PySide6 6.12.0 releases one reference to ``None`` on every call of a C++ method returning void
(``QTextCursor.setPosition``, ``QObject.setObjectName`` …). On Python 3.12+ ``None`` is immortal and
nothing happens; on 3.11 its count falls by thousands whenever a report is painted, and the
interpreter aborts ("none_dealloc: deallocating None") once it reaches zero. ``install()`` holds
extra references (lists of ``None`` that are deliberately never freed, so interpreter shutdown does
not undo them) and tops them up from a timer while the count is low.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, QTimer

CHUNK = 1_000_000  # references added at a time (8 MB)
LOW = 400_000  # top up when the count of None falls below this
_held: list[list[None]] = []


def needed() -> bool:
    return sys.version_info < (3, 12)


def top_up() -> int:
    """Add references to None until its count is above ``LOW``; returns the chunks added."""
    if not needed():
        return 0
    added = 0
    while sys.getrefcount(None) < LOW:
        chunk = [None] * CHUNK
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(chunk))  # never freed, not even at shutdown
        _held.append(chunk)
        added += 1
    return added


def install(parent: QObject, interval_ms: int = 2000) -> QTimer | None:
    """Top up now and every ``interval_ms`` while ``parent`` lives (no-op on Python 3.12+)."""
    if not needed():
        return None
    top_up()
    timer = QTimer(parent)
    timer.setObjectName("noneGuard")
    timer.timeout.connect(top_up)
    timer.start(interval_ms)
    return timer
