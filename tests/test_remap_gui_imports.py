"""tools/remap_gui_imports.py brings a branch written before the window's move up to date, and leaves
code already in rooms as it is (run twice, nothing changes the second time)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_SPEC = importlib.util.spec_from_file_location(
    "remap_gui_imports", Path(__file__).resolve().parents[1] / "tools" / "remap_gui_imports.py"
)
assert _SPEC is not None and _SPEC.loader is not None
remap_tool = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(remap_tool)

OLD = """from gui import guard, signoff
from gui.review import ReviewController
from gui.tableview import GridModel, Role as CellRole
from gui.main import open_demo_workspace, make_app
from gui.checkspanel import (
    ChecksPanel,
)
import gui.app
gui.main.resource_dir = None
cmd = "from gui.app import main; main()"
"""
NEW = """from gui.widgets import guard
from gui.signoff import signoff
from gui.review.review import ReviewController
from gui.tables.tableview import GridModel, Role as CellRole
from gui.shell.main import make_app
from gui.shell.workspaces import open_demo_workspace
from gui.checks.checkspanel import (
    ChecksPanel,
)
import gui.shell.app
gui.shell.workspaces.resource_dir = None
cmd = "from gui.shell.app import main; main()"
"""


def test_old_imports_go_to_their_rooms_and_new_ones_stay() -> None:
    assert remap_tool.remap(OLD) == NEW
    assert remap_tool.remap(NEW) == NEW


def test_the_tree_is_already_in_rooms() -> None:
    root = Path(__file__).resolve().parents[1]
    changed = [
        str(p.relative_to(root))
        for folder in ("core", "gui", "tests", "tools")
        for p in (root / folder).rglob("*.py")
        if p.name not in ("test_remap_gui_imports.py", "remap_gui_imports.py")
        and remap_tool.remap(p.read_text(encoding="utf-8")) != p.read_text(encoding="utf-8")
    ]
    assert changed == []
