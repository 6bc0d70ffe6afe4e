"""The suite's own guard bites: a test that leaves a thread or a running QTimer behind fails (the
autouse fixtures of tests/conftest.py), one that cleans up passes."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

CONFTEST = Path(__file__).resolve().parent / "conftest.py"

LEAKY = """
import threading, time

def test_leaves_a_thread():
    threading.Thread(target=time.sleep, args=(5,), daemon=True).start()

def test_joins_its_thread():
    t = threading.Thread(target=time.sleep, args=(0.01,))
    t.start()
    t.join()

def test_leaves_a_timer(qapp):
    from PySide6.QtCore import QTimer
    global timer
    timer = QTimer()
    timer.start(10_000)

def test_stops_its_timer(qapp):
    from PySide6.QtCore import QTimer
    t = QTimer()
    t.start(10_000)
    t.stop()
"""


def test_a_test_leaving_a_thread_or_a_timer_fails(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(CONFTEST.read_text(encoding="utf-8"))
    pytester.makepyfile(test_leaky=LEAKY)
    r = pytester.runpytest_subprocess("-p", "no:randomly", "-p", "no:cacheprovider")
    r.assert_outcomes(passed=4, errors=2)
    r.stdout.fnmatch_lines(["*left threads running*", "*left timers running*"])
