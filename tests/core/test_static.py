"""The code checks CONVENTIONS.md asks for, run as tests so CI enforces them: mypy on core and gui,
ruff check and ruff format. (The import contracts are run by test_layering.py.)"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_core_and_gui_type_check() -> None:
    """mypy over the packages pyproject.toml names ([tool.mypy] packages), which are core and gui;
    incremental, so a run after the first takes about a second."""
    pytest.importorskip("mypy")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert set(config["packages"]) >= {"core", "gui"}
    # strict in every module of core and of the window, with no module relaxing a check
    assert config.get("strict") is True
    assert config.get("overrides", []) == []
    r = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout[-3000:]
    # every module of both packages was checked, none skipped
    n = sum(1 for pkg in ("core", "gui") for _ in (ROOT / pkg).rglob("*.py"))
    assert f"no issues found in {n} source files" in r.stdout, r.stdout


def _ruff() -> str:
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed")
    return ruff


def test_ruff_is_clean() -> None:
    r = subprocess.run(
        [_ruff(), "check", "core", "gui", "tests", "tools"], cwd=ROOT, capture_output=True, text=True
    )
    assert r.returncode == 0, r.stdout[-3000:]


def test_ruff_format_is_applied() -> None:
    """Every file is as `ruff format` writes it, so merges do not fight over layout."""
    r = subprocess.run(
        [_ruff(), "format", "--check", "core", "gui", "tests", "tools"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, "run `uv run ruff format core gui tests tools`:\n" + r.stdout[-3000:]


def test_no_network_code_anywhere() -> None:
    """Offline always: neither core nor the GUI imports a network library (no telemetry, no update check)."""
    import re

    pattern = re.compile(
        r"^\s*(?:import|from)\s+(?:urllib|http|socket|requests|httpx|aiohttp|PySide6\.QtNetwork)\b", re.M
    )
    offenders = [
        str(p.relative_to(ROOT))
        for folder in ("core", "gui")
        for p in (ROOT / folder).rglob("*.py")
        if pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []
