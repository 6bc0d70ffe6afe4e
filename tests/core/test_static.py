"""The code checks CONVENTIONS.md asks for, run as tests so CI enforces them: ruff and mypy on core."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_core_type_checks() -> None:
    pytest.importorskip("mypy")
    r = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout[-3000:]


def test_ruff_is_clean() -> None:
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed")
    r = subprocess.run(
        [ruff, "check", "core", "gui", "tests", "tools"], cwd=ROOT, capture_output=True, text=True
    )
    assert r.returncode == 0, r.stdout[-3000:]


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
