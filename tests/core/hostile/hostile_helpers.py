"""What the hostile-input tests share: the samples, running ``hecha`` in a child process and measuring
it, and the one-clear-line rule for messages. (Not ``conftest``: another folder's conftest module of
the same name would shadow it when both folders are collected in one run.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = ROOT / "resources" / "samples"
SAMPLE_TXT = SAMPLES / "示范市政府办公室2023年政府信息公开工作年度报告.txt"
sys.path.insert(0, str(ROOT / "tests" / "core" / "store"))

CliResult = tuple[int, str, str]


def hecha(*args: str, timeout: float = 120, **kw: object) -> subprocess.CompletedProcess[str]:
    """Run ``hecha ARGS`` in a child process (for hangs, tracebacks and memory)."""
    return subprocess.run(
        [sys.executable, "-m", "gui.shell.app", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        **kw,  # type: ignore[arg-type]
    )


_MEASURED = """
import os, resource, sys
from core.cli import main
try:
    code = main(sys.argv[1:])
finally:
    # VmHWM belongs to this program's own memory map; ru_maxrss would count the forking parent's too
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        with open("/proc/self/status") as st:
            kb = next(int(ln.split()[1]) for ln in st if ln.startswith("VmHWM:"))
    except (OSError, StopIteration):
        pass
    with open(os.environ["HECHA_PEAK_FILE"], "w") as f:
        f.write(str(kb))
sys.exit(code)
"""


def hecha_measured(
    tmp_path: Path, *args: str, timeout: float = 120
) -> tuple[subprocess.CompletedProcess[str], float]:
    """``hecha ARGS`` in a child process, with the child's own peak memory in MB (Linux: ru_maxrss KB)."""
    import os

    peak_file = tmp_path / "peak.txt"
    env = {**os.environ, "HECHA_PEAK_FILE": str(peak_file)}
    r = subprocess.run(
        [sys.executable, "-c", _MEASURED, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        env=env,
    )
    kb = int(peak_file.read_text()) if peak_file.exists() else 0
    return r, kb / 1024


def one_clean_line(err: str) -> None:
    """A failure reads as one ``hecha: …`` line per file: no traceback, no English exception text."""
    assert "Traceback" not in err and "Exception ignored" not in err, err
    for line in err.strip().splitlines():
        assert line.startswith("hecha: "), err
