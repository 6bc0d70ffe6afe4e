"""Benchmark: start time of the frozen bundle against ``hecha`` from source.

Run on demand: ``uv run python tests/bench/bench_startup.py [BUNDLE_DIR] [--runs N] [--build]``.
BUNDLE_DIR defaults to dist/hecha (``uv run pyinstaller build.spec``); ``--build`` builds it first into
a temporary folder and reports the build time and bundle size. For each of bundle and source, prints
the median wall time of (1) ``hecha --smoke-test`` (Qt up, main window, a sample of every format,
export) and (2) ``hecha text SAMPLE.txt`` (the CLI path, no Qt).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXE = "hecha.exe" if sys.platform == "win32" else "hecha"


def wall(cmd: list[str], env: dict[str, str], runs: int) -> tuple[float, int]:
    times, rc = [], 0
    for _ in range(runs):
        t = time.perf_counter()
        r = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, timeout=600)
        times.append(time.perf_counter() - t)
        rc = rc or r.returncode
    return statistics.median(times), rc


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def build(into: Path) -> Path:
    t = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "build.spec", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(into / "dist"), "--workpath", str(into / "work")],
        cwd=ROOT, check=True,
    )  # fmt: skip
    out = into / "dist" / "hecha"
    print(f"build: {time.perf_counter() - t:.1f} s, bundle {size_mb(out):.1f} MB ({out})")
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("bundle", nargs="?", default=str(ROOT / "dist" / "hecha"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--build", action="store_true")
    opts = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="hecha-bench-") as tmp:
        bundle = build(Path(tmp)) if opts.build else Path(opts.bundle)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HECHA_LOG_DIR": str(Path(tmp) / "logs")}
        sample = next(p for p in sorted((ROOT / "resources" / "samples").glob("*.txt")))
        targets = {"source": [sys.executable, "-m", "gui.shell.app"]}
        if (bundle / EXE).is_file():
            if not opts.build:
                print(f"bundle: {size_mb(bundle):.1f} MB ({bundle})")
            targets = {"bundle": [str(bundle / EXE)], **targets}
        else:
            print(f"no bundle at {bundle}: build one with `uv run pyinstaller build.spec` or pass --build")
        print(f"{'':8} {'--smoke-test':>14} {'text SAMPLE':>14}   (median of {opts.runs})")
        for name, cmd in targets.items():
            smoke, rc1 = wall([*cmd, "--smoke-test"], env, opts.runs)
            cli, rc2 = wall([*cmd, "text", str(sample)], env, opts.runs)
            bad = "" if rc1 == rc2 == 0 else f"  (exit status {rc1}/{rc2})"
            print(f"{name:8} {smoke:13.2f}s {cli:13.2f}s{bad}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
