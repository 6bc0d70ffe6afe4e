"""``hecha --smoke-test`` from source, and the log a windowed bundle writes instead of a console."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.helpers import ROOT, STEPS, run_smoke, smoke_env, step_status

pytestmark = pytest.mark.packaging


def test_smoke_test_from_source_passes_every_step(tmp_path: Path) -> None:
    r = run_smoke([sys.executable, "-m", "gui.shell.app"], tmp_path / "logs")
    assert r.returncode == 0, r.stdout + r.stderr[-2000:]
    status = step_status(r.stdout)
    assert status == dict.fromkeys(STEPS, "ok"), r.stdout
    assert "smoke test passed" in r.stdout
    assert "Cancel → 取消" in r.stdout  # Qt's own dialogs speak Chinese
    log = (tmp_path / "logs" / "hecha.log").read_text(encoding="utf-8")
    assert "--smoke-test starting (source)" in log


@pytest.mark.slow  # ~2 s: a second smoke run
def test_smoke_test_fails_when_a_sample_format_is_missing(tmp_path: Path) -> None:
    """A bundle without, say, its PDF sample must not pass: run with resources pointed at a copy."""
    import shutil

    res = tmp_path / "resources"
    shutil.copytree(ROOT / "resources", res)
    for p in (res / "samples").glob("*.pdf"):
        p.unlink()
    code = (
        "import sys, gui.shell.workspaces; from pathlib import Path; "
        f"gui.shell.workspaces.resource_dir = lambda: Path({str(res)!r}); "
        "from gui.shell.app import main; sys.exit(main(['--smoke-test']))"
    )
    r = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=smoke_env(tmp_path / "logs"),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=240,
    )
    assert r.returncode == 1
    assert step_status(r.stdout) == {"samples": "FAIL"}
    assert "没有 pdf 格式的示例报告" in r.stdout


def test_windowed_run_writes_output_and_uncaught_errors_to_the_log(tmp_path: Path) -> None:
    """In a windowed bundle sys.stdout and sys.stderr are None: nothing may crash on print, and a
    crash must leave a traceback in hecha.log."""
    code = (
        "import sys; sys.stdout = None; sys.stderr = None\n"
        "from gui.shell.app import setup_logging\n"
        "path = setup_logging()\n"
        "print('第一行输出')\n"
        "raise RuntimeError('导入时出错')\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=smoke_env(tmp_path), capture_output=True, timeout=60
    )
    assert r.returncode == 1
    log = (tmp_path / "hecha.log").read_text(encoding="utf-8")
    assert "第一行输出" in log
    assert "uncaught exception" in log
    assert "RuntimeError: 导入时出错" in log
