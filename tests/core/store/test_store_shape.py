"""The store is plain modules under a small facade: no module of core/store imports one that imports
it back (not even inside a function), the importer uses the workspace's public API only, and the
program does not load sqlite-utils until a workspace is created or migrated."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

STORE = Path(__file__).resolve().parents[3] / "core" / "store"


def _imports(path: Path) -> set[str]:
    """The core.store modules ``path`` imports, at the top or inside a function."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "core.store":
                out |= {a.name for a in node.names if (STORE / f"{a.name}.py").exists()} or {"__init__"}
            elif node.module.startswith("core.store."):
                out.add(node.module.split(".")[2])
        elif isinstance(node, ast.Import):
            out |= {a.name.split(".")[2] for a in node.names if a.name.startswith("core.store.")}
    return out


def test_store_modules_import_each_other_without_a_cycle() -> None:
    graph = {p.stem: _imports(p) - {p.stem} for p in STORE.glob("*.py") if p.stem != "__init__"}
    order: list[str] = []
    state: dict[str, str] = {}

    def visit(m: str, trail: tuple[str, ...]) -> None:
        if state.get(m) == "done":
            return
        assert state.get(m) != "open", "import cycle in core/store: " + " → ".join((*trail, m))
        state[m] = "open"
        for n in sorted(graph.get(m, set()) - {"__init__"}):
            visit(n, (*trail, m))
        state[m] = "done"
        order.append(m)

    for m in sorted(graph):
        visit(m, ())
    assert "workspace" in order
    assert not any("workspace" in graph[m] for m in graph), "only the package imports the facade"


def test_the_importer_uses_only_the_public_api_of_the_workspace() -> None:
    tree = ast.parse((STORE / "importer.py").read_text(encoding="utf-8"))
    private = [
        f"{n.value.id}.{n.attr}"
        for n in ast.walk(tree)
        if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "ws"
        if n.attr.startswith("_")
    ]
    assert private == []


def test_opening_a_workspace_does_not_load_sqlite_utils(tmp_path: Path) -> None:
    """``import sqlite_utils`` costs ~0.1 s: opening an existing workspace (the GUI's start) skips it."""
    from core.store import Workspace

    Workspace.open(tmp_path / "w.sqlite").close()
    code = (
        "import sys\n"
        "from core.store import Workspace\n"
        f"Workspace.open({str(tmp_path / 'w.sqlite')!r}).close()\n"
        "print('sqlite_utils' in sys.modules)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=STORE.parents[1], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "False"
