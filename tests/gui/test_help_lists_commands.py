"""``hecha --help`` names every subcommand a reviewer or a script can run, not only the window's options."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_help_lists_every_subcommand() -> None:
    r = subprocess.run(
        [sys.executable, "-m", "gui.shell.app", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    listed = {line.split()[0] for line in r.stdout.split("子命令", 1)[1].splitlines()[1:] if line.strip()}
    from core.cli import COMMANDS

    assert listed >= {*COMMANDS, "record"}
    assert "--workspace" in r.stdout  # the window's own options stay
