"""The cyclic garbage collector while the window starts.

Starting the window makes a few hundred thousand Python objects that live as long as the program
(modules, the classes of Qt's enums, the window's widgets and their wrappers), and the collector walks
them again and again while they are made: some 75 collections, 10 ms of every start. It is held from
the first import of the window's modules until the window's first paint (``MainWindow`` lets it go),
and what the start made is then frozen out of later collections (``gc.freeze``): the program's
long-lived objects are not walked again on each full collection either.

Held only when the window's modules are the first of Qt's in the process — the program starting,
``hecha`` or the launch benchmark — never when they are imported into a process that already uses
Qt (a test session), whose garbage must go on being collected as before.
"""

from __future__ import annotations

import gc
import sys

_held = False


def hold_collector() -> None:
    """Hold the collector for the window's start (see the module's docstring)."""
    global _held
    if _held or "PySide6" in sys.modules or not gc.isenabled():
        return
    gc.disable()
    _held = True


def release_collector() -> None:
    """Let the collector go again, the objects made so far frozen out of it; idempotent."""
    global _held
    if not _held:
        return
    _held = False
    gc.freeze()
    gc.enable()


def held() -> bool:
    return _held
