"""The shape of the code, checked by machine.

core/ must run without a screen: importing every core module never imports PySide6 or gui; and the
import contracts of pyproject.toml ([tool.importlinter]: core ↛ Qt, the layers of the data flow, the
window's rooms) hold, and no module of the window imports, however indirectly, one that imports it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_core_never_imports_qt_or_gui() -> None:
    mods = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts)
        for p in (ROOT / "core").rglob("*.py")
        if p.name != "__init__.py" or p.parent != ROOT / "core"
    )
    code = (
        "import sys, importlib\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'gui', 'shiboken6'):\n"
        "            raise ImportError('blocked: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        f"for m in {mods!r}:\n"
        "    importlib.import_module(m.removesuffix('.__init__'))\n"
        "print('ok')\n"
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "ok"


def _lint_imports(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent / ("lint-imports.exe" if sys.platform == "win32" else "lint-imports")
    if not exe.exists():
        pytest.skip("import-linter is not installed (uv sync --group dev)")
    # wide lines, so a contract's name is never wrapped in the report
    env = {**os.environ, "COLUMNS": "300", "NO_COLOR": "1"}
    return subprocess.run(
        [str(exe), "--no-logo", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", env=env
    )


def test_import_contracts_hold() -> None:
    """The layers in pyproject.toml ([tool.importlinter]) hold for the code as it is."""
    r = _lint_imports(ROOT)
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-2000:]
    assert "0 broken" in r.stdout


def test_import_contracts_catch_an_import_against_the_flow(tmp_path: Path) -> None:
    """The contracts bite: in a copy of the code, one lazy import against the flow per contract
    (the kind hidden inside a function) breaks exactly the contracts that forbid it."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for pkg in ("core", "gui"):
        shutil.copytree(ROOT / pkg, tmp_path / pkg, ignore=ignore)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    against_the_flow = {
        "core/model.py": "import PySide6.QtCore",  # core-without-screen
        "core/checks.py": "from core.store import Workspace",  # checks-on-values, data-flow
        "core/figures/numbers.py": "import core.store",  # figures-from-text
        "core/documents/encoding.py": "import core.export",  # documents-only-load
        "core/tables/tokens.py": "import core.export",  # tables-only-read
        "gui/compare/compare.py": "from gui.checks import checkspanel",  # gui-rooms: room → room
    }
    for rel, line in against_the_flow.items():
        with (tmp_path / rel).open("a", encoding="utf-8") as f:
            f.write(f"\n\ndef _against_the_flow() -> None:\n    {line}\n")
    r = _lint_imports(tmp_path, "--no-cache")
    assert r.returncode == 1, r.stdout[-4000:] + r.stderr[-2000:]
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    broken = [c["name"] for c in config["contracts"] if f"{c['name']} BROKEN" in r.stdout]
    assert broken == [c["name"] for c in config["contracts"]], r.stdout[-4000:]


def test_the_window_has_no_import_cycle() -> None:
    """No module of gui/ reaches back to a module that imports it (main ↔ main window was one): each
    direct import a → b, lazy ones included (imports for type checking only are not run), has no chain b → … → a."""
    grimp = pytest.importorskip("grimp")
    graph = grimp.build_graph("gui", exclude_type_checking_imports=True)  # types only: no run-time cycle
    cycles = sorted(
        (a, b)
        for a in graph.modules
        for b in graph.find_modules_directly_imported_by(a)
        if graph.find_shortest_chain(importer=b, imported=a)
    )
    assert cycles == []


def test_core_has_no_import_cycle() -> None:
    """No module of core reaches back to one that imports it — imports for type checking included
    (the PDF reader ↔ its ruled-table finder and the export ↔ its workbook writer were such pairs)."""
    grimp = pytest.importorskip("grimp")
    graph = grimp.build_graph("core")
    cycles = sorted(
        (a, b)
        for a in graph.modules
        for b in graph.find_modules_directly_imported_by(a)
        if graph.find_shortest_chain(importer=b, imported=a)
    )
    assert cycles == []
