"""Shared bits of the packaging tests: paths, the environment a smoke run gets, parsing its output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXE_NAME = "hecha.exe" if sys.platform == "win32" else "hecha"
STEPS = (
    "samples", "application", "icon", "translation", "main window", "import",
    "open txt", "open html", "open docx", "open pdf", "export xlsx", "screenshot", "worker process",
)  # fmt: skip


def smoke_env(log_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["HECHA_LOG_DIR"] = str(log_dir)
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def run_smoke(cmd: list[str], log_dir: Path, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*cmd, "--smoke-test"],
        cwd=ROOT,
        env=smoke_env(log_dir),
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
    )


def step_status(stdout: str) -> dict[str, str]:
    """{'icon': 'ok', 'open pdf': 'FAIL', ...} from the smoke test's one line per step."""
    out = {}
    for line in stdout.splitlines():
        status, _, rest = line.partition(" ")
        if status in ("ok", "FAIL"):
            out[rest.strip().split(":", 1)[0]] = status
    return out
