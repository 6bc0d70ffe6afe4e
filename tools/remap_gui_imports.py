"""Rewrite imports of the window's old flat modules (gui.review, gui.tableview, gui.signoff …) to the
rooms they moved to (gui.review.review, gui.tables.tableview, gui.signoff.signoff …). For a branch
written before the move:

    uv run python tools/remap_gui_imports.py $(git ls-files '*.py')

It rewrites in place and says which files it changed; run twice, it changes nothing the second time.
Where things moved: CONTEXT.md, "Where the window lives". Besides whole modules, a few names moved
(``MOVED``): what a start opens now lives in gui.shell.workspaces, the checks' row model in
gui.widgets.checkrows; an attribute reached through a module object (``main.samples_dir``) is not
followed and must be changed by hand. core.checks now decides what may be confirmed (gui.widgets.guard
only words it): guard.unread → core.checks.to_fill, guard.blocking_checks → core.checks.blocking_checks.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOMS = {
    "shell": "app main mainwindow actions settings dialogs smoke workbench",
    "review": "review figurelist figuremodel reportlist",
    "tables": "tableview",
    "checks": "checkspanel",
    "compare": "compare",
    "signoff": "signoff record",
    "export": "exportdialog",
    "widgets": "style tasks docview textview pdfview reviewkeys guard",
}
ROOM_OF = {module: room for room, modules in ROOMS.items() for module in modules.split()}
MODULES = {room: set(modules.split()) for room, modules in ROOMS.items()}
# moved out of a module after the move: (old module, name) → new module
MOVED = {
    ("main", "resource_dir"): "gui.shell.workspaces",
    ("main", "samples_dir"): "gui.shell.workspaces",
    ("main", "open_demo_workspace"): "gui.shell.workspaces",
    ("main", "open_initial_workspace"): "gui.shell.workspaces",
    ("checkspanel", "Role"): "gui.widgets.checkrows",
    ("checkspanel", "ChecksModel"): "gui.widgets.checkrows",
}
_NAMES = "|".join(sorted(ROOM_OF, key=len, reverse=True))
_DOTTED = re.compile(rf"(?<!from )\bgui\.({_NAMES})\b(?:\.(\w+))?")
_FROM_GUI = re.compile(r"^(\s*)from gui import ([\w, ]+)$", re.M)
_FROM_MODULE = re.compile(
    rf"(^[ \t]*|\b)from gui\.({_NAMES}) import (\w+(?: as \w+)?(?:, \w+(?: as \w+)?)*)", re.M
)
_FROM_MODULE_PAREN = re.compile(rf"\bfrom gui\.({_NAMES}) import \(\s*(\w+)")
_PATH = re.compile(rf"\bgui/({_NAMES})\.py\b")


def _from_module(m: re.Match[str]) -> str:
    indent, old, names = m.group(1), m.group(2), [n.strip() for n in m.group(3).split(",")]
    room = ROOM_OF[old]
    if old in MODULES and all(n.split(" as ")[0] in MODULES[old] for n in names):
        return m.group(0)  # already a room: from gui.review import review
    lines = []
    moved = [n for n in names if (old, n.split(" as ")[0]) in MOVED]
    rest = [n for n in names if n not in moved]
    if rest:
        lines.append(f"{indent}from gui.{room}.{old} import {', '.join(rest)}")
    lines += [f"{indent}from {MOVED[(old, n.split(' as ')[0])]} import {n}" for n in moved]
    return "\n".join(lines)


def _from_gui(m: re.Match[str]) -> str:
    indent, names = m.group(1), [n.strip() for n in m.group(2).split(",")]
    out = []
    for n in names:
        module = n.split(" as ")[0]
        out.append(
            f"{indent}from gui.{ROOM_OF[module]} import {n}"
            if module in ROOM_OF
            else f"{indent}from gui import {n}"
        )
    return "\n".join(out)


def _dotted(m: re.Match[str]) -> str:
    """gui.tableview → gui.tables.tableview, gui.main.resource_dir → gui.shell.workspaces.resource_dir;
    gui.review.review (already a room's module) stays."""
    old, attr = m.group(1), m.group(2)
    if attr is not None and old in MODULES and attr in MODULES[old]:
        return m.group(0)
    if attr is not None and (old, attr) in MOVED:
        return f"{MOVED[(old, attr)]}.{attr}"
    return f"gui.{ROOM_OF[old]}.{old}" + (f".{attr}" if attr is not None else "")


def _from_module_paren(m: re.Match[str]) -> str:
    old, first = m.group(1), m.group(2)
    if old in MODULES and first in MODULES[old]:
        return m.group(0)
    return m.group(0).replace(f"gui.{old} import", f"gui.{ROOM_OF[old]}.{old} import", 1)


def remap(text: str) -> str:
    text = _FROM_MODULE_PAREN.sub(_from_module_paren, text)
    text = _FROM_MODULE.sub(_from_module, text)
    text = _FROM_GUI.sub(_from_gui, text)
    text = _DOTTED.sub(_dotted, text)
    return _PATH.sub(lambda m: f"gui/{ROOM_OF[m.group(1)]}/{m.group(1)}.py", text)


def main(paths: list[str]) -> int:
    for p in paths:
        path = Path(p)
        text = path.read_text(encoding="utf-8")
        new = remap(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            print(f"rewrote {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
