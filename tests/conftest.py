"""Shared test setup: Qt offscreen, the ../shared folder when present."""

from __future__ import annotations

import functools
import os
import sys
import threading
import time
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture
def shared() -> Path:
    """Path to ../shared; the test is skipped when it is absent."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is not present")
    return SHARED


# ---- PDFs whose fonts are not embedded -------------------------------------------------------------
# Many PDFs an office exports name their fonts without embedding them; PDFium reads their text only
# with some system font to stand in for them. Every Windows machine has one; a bare Linux machine may
# have none (CI installs fonts-wqy-microhei). A test marked ``system_font`` is skipped there.
_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "/usr/share/X11/fonts", "~/.fonts")


@functools.cache
def _has_system_font() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    for d in _FONT_DIRS:
        folder = Path(d).expanduser()
        if folder.is_dir() and any(p.suffix.lower() in (".ttf", ".ttc", ".otf") for p in folder.rglob("*")):
            return True
    return False


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("system_font") and not _has_system_font():
        pytest.skip(
            "no system font for PDFium to stand in for the PDF's fonts, which are not embedded "
            "(apt-get install fonts-wqy-microhei)"
        )
    if "draw_pdf" in getattr(item, "fixturenames", ()) and not _has_system_font():
        pytest.skip(
            "no system font for Qt to draw the test PDF's text with (apt-get install fonts-wqy-microhei)"
        )


# ---- nothing left running after a test (as napari's conftest checks) ------------------------------
# A test that leaves a thread, a busy thread pool or a running timer behind fails: what it left would
# run into the next test (or the next report, in the program) and fail there, far from the cause.

_GRACE_S = 2.0  # a finished task's thread may still be unwinding when the test returns


@pytest.fixture
def cli_reads_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """``hecha text`` / ``extract`` read their files in this process, by the task a worker runs: a
    test that patches something in this process (a vocabulary, ``os.open``) reaches a worker only when
    it is forked from here, not from the fork server used once other threads run (Qt's)."""
    from core import isolation
    from core.cli import reading

    monkeypatch.setattr(
        reading, "read", lambda jobs, task, cancelled=None: (isolation._task(task)(*job) for job in jobs)
    )


def _qt_loaded() -> bool:
    return "PySide6.QtCore" in sys.modules


@pytest.fixture(autouse=True)
def _no_leaked_threads(request: pytest.FixtureRequest) -> Iterator[None]:
    if request.node.get_closest_marker("leaves_threads"):
        yield
        return
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + _GRACE_S
    # (threads Qt started show as dummies: the thread pool check below covers them)
    left = [
        t
        for t in threading.enumerate()
        if t not in before and t.is_alive() and not isinstance(t, threading._DummyThread)
    ]
    for t in left:
        t.join(max(0.0, deadline - time.monotonic()))
    left = [t for t in left if t.is_alive()]
    assert left == [], f"the test left threads running: {[t.name for t in left]}"


@pytest.fixture(autouse=True)
def _no_busy_thread_pool() -> Iterator[None]:
    yield
    if not _qt_loaded():
        return
    from PySide6.QtCore import QThreadPool

    pool = QThreadPool.globalInstance()
    assert pool.waitForDone(int(_GRACE_S * 1000)), (
        f"the test left {pool.activeThreadCount()} tasks running in Qt's global thread pool"
    )


@pytest.fixture(autouse=True)
def _no_running_timers(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A QTimer the test's code started is stopped, or gone with its widget, once the test's widgets are
    closed and deleted."""
    if not _qt_loaded() or request.node.get_closest_marker("leaves_timers"):
        yield
        return
    from PySide6.QtCore import QTimer

    started: list[weakref.ref[QTimer]] = []
    original = QTimer.start

    def start(self: QTimer, *args: object) -> None:
        started.append(weakref.ref(self))
        original(self, *args)  # type: ignore[call-overload]

    monkeypatch.setattr(QTimer, "start", start)
    yield
    monkeypatch.setattr(QTimer, "start", original)
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the widgets qtbot closed
    running = [t for ref in started if (t := ref()) is not None and shiboken6.isValid(t) and t.isActive()]
    names = [t.objectName() or repr(t.parent()) for t in running]
    for t in running:
        t.stop()
    assert running == [], f"the test left timers running: {names}"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    """The random order's seed, printed even with -q: rerun the same order with it."""
    seed = (
        config.getoption("randomly_seed", default=None)
        if config.pluginmanager.has_plugin("randomly")
        else None
    )
    if seed is not None:
        terminalreporter.write_line(f"random order: rerun it with -p randomly --randomly-seed={seed}")
