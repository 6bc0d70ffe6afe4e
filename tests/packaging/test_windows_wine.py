"""The Windows check: the Windows build of Hecha built and run under Wine, on every landing.

With the Windows CPython and the win_amd64 wheels uv.lock pins (tests/packaging/wine_host.py), it builds
the bundle with PyInstaller from build.spec, runs the bundle's ``--smoke-test``, takes screenshots of the
three views with the Windows platform plugin and checks that they hold text, builds the installer with
makensis, installs silently, runs the installed program's smoke test, checks that the uninstaller refuses
while Hecha runs, and uninstalls silently (the user's workspaces stay).

Skipped where Wine is absent; ``.ci/run`` installs it. About 8 minutes on two cores with a warm cache
(~/.cache/hecha-wine), 2-3 more the first time (Windows Python, wheels, Wine prefix). Screenshots go to
``HECHA_WINE_SHOTS`` when set. What it does not prove: see the README (Windows).
"""

from __future__ import annotations

import os
import shutil
import sys
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.packaging.helpers import ROOT, STEPS, step_status
from tests.packaging.wine_host import WineHost, cache_root, exclusive, missing, winpath

pytestmark = [pytest.mark.slow, pytest.mark.packaging]

VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
VIEWS = ("review", "tables", "compare")


def skip_reason() -> str | None:
    if sys.platform != "linux":
        return (
            "the Windows check runs the Windows build under Wine on Linux (on Windows: the windows workflow)"
        )
    need = missing()
    if need:
        return f"Wine is absent here: apt-get install {' '.join(need)} (.ci/run installs them)"
    return None


@dataclass
class WindowsBuild:
    host: WineHost
    base: Path
    bundle: Path
    shots: Path

    @property
    def exe(self) -> Path:
        return self.bundle / "hecha.exe"


@pytest.fixture(scope="module")
def windows() -> Iterator[WindowsBuild]:
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    cache = cache_root()
    # in the cache, not pytest's temporary folders, which other pytest sessions on the machine prune
    base = cache / "run"
    shots = Path(os.environ.get("HECHA_WINE_SHOTS") or cache / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    with exclusive(cache):
        shutil.rmtree(base, ignore_errors=True)
        base.mkdir(parents=True)
        host = WineHost(cache, base / "wine.log")
        try:
            host.setup()
            with host.timed("pyinstaller"):
                r = host.py(
                    ["-m", "PyInstaller", "build.spec", "--noconfirm", "--log-level", "WARN",
                     "--distpath", winpath(base / "dist"), "--workpath", winpath(cache / "pyinstaller-work")],
                    timeout=1500,
                )  # fmt: skip
            bundle = base / "dist" / "hecha"
            assert r.returncode == 0 and (bundle / "hecha.exe").is_file(), (
                f"PyInstaller under Wine: {r.stdout[-4000:]}"
            )
            yield WindowsBuild(host, base, bundle, shots)
        finally:
            host.close()
            took = ", ".join(f"{k} {v:.0f} s" for k, v in host.timings.items())
            print(f"\nWindows check: {time.perf_counter() - t:.0f} s ({took}); log {host.log}")  # noqa: T201


def test_bundle_smoke_test_passes_under_windows(windows: WindowsBuild) -> None:
    with windows.host.timed("bundle smoke test"):
        r = windows.host.wine([str(windows.exe), "--smoke-test"])
    assert r.returncode == 0, r.stdout[-4000:]
    assert step_status(r.stdout) == dict.fromkeys(STEPS, "ok"), r.stdout
    assert "(frozen," in r.stdout and "hecha.exe" in r.stdout


def test_bundle_carries_the_licences_and_no_link_libraries(windows: WindowsBuild) -> None:
    internal = windows.bundle / "_internal"
    lic = internal / "resources" / "licenses"
    assert (lic / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert (lic / "THIRD-PARTY-NOTICES.txt").is_file() and (lic / "LGPL-3.0.txt").is_file()
    for package in ("opencc", "sqlite-utils", "pypdfium2", "lxml", "xlsxwriter", "pdfplumber", "python-docx"):
        assert [p for p in (lic / "packages" / package).rglob("*") if p.is_file()], package
    unloaded = [
        p.relative_to(internal) for p in internal.rglob("*") if p.suffix.lower() in (".lib", ".h", ".a")
    ]
    assert not unloaded, unloaded  # e.g. opencc/clib/lib/opencc.lib, 5.9 MB never loaded


def glyphs_and_boxes(path: Path, top: int = 0, height: int = 50) -> tuple[int, int]:
    """In a band of a screenshot (by default the menu bar and the notice under it): how many glyph-sized
    marks it holds, and how many of them are hollow rectangles, as a character without a font is drawn."""
    from collections import Counter

    from PySide6.QtGui import QColor, QImage

    img = QImage(str(path))
    assert not img.isNull(), path
    w = img.width()
    light = [[QColor(img.pixel(x, y)).lightness() for x in range(w)] for y in range(top, top + height)]
    bg = Counter(v for row in light for v in row).most_common(1)[0][0]
    ink = {(x, y) for y in range(height) for x in range(w) if abs(light[y][x] - bg) > 60}
    seen: set[tuple[int, int]] = set()
    marks = boxes = 0
    for start in ink:
        if start in seen:
            continue
        seen.add(start)
        stack, comp = [start], set()
        while stack:
            x, y = stack.pop()
            comp.add((x, y))
            for q in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                if q in ink and q not in seen:
                    seen.add(q)
                    stack.append(q)
        x0, x1 = min(c[0] for c in comp), max(c[0] for c in comp)
        y0, y1 = min(c[1] for c in comp), max(c[1] for c in comp)
        if x1 - x0 < 3 or y1 - y0 < 5:
            continue  # a dot or a stroke, not a character's size
        marks += 1
        rim = [(x, y) for x in range(x0, x1 + 1) for y in (y0, y1)] + [
            (x, y) for y in range(y0, y1 + 1) for x in (x0, x1)
        ]
        inside = [(x, y) for x in range(x0 + 1, x1) for y in range(y0 + 1, y1)]
        if sum(q in comp for q in rim) >= 0.9 * len(rim) and sum(q in comp for q in inside) <= 0.1 * len(
            inside
        ):
            boxes += 1
    return marks, boxes


def test_screenshots_of_the_three_views_hold_text(windows: WindowsBuild) -> None:
    """``hecha.exe --screenshot`` with the Windows platform plugin draws its Chinese text, where the
    same window drawn with no fonts at all (as Qt's offscreen platform on Windows did) shows boxes."""
    from PySide6.QtGui import QImage

    host = windows.host
    host.qtenv("QT_QPA_PLATFORM")  # the default: the Windows platform plugin
    with host.timed("screenshots"):
        for view in VIEWS:
            out = windows.shots / f"windows-{view}.png"
            out.unlink(missing_ok=True)
            r = host.wine([str(windows.exe), "--screenshot", winpath(out), "--view", view])
            assert r.returncode == 0 and out.is_file(), f"--view {view}: {r.stdout[-2000:]}"
            img = QImage(str(out))
            assert (img.width(), img.height()) >= (1000, 600), (view, img.size())
        # the same window with no fonts: Qt's offscreen platform given an empty font folder
        empty = windows.base / "no-fonts"
        empty.mkdir(exist_ok=True)
        boxes = windows.shots / "no-fonts-review.png"
        host.qtenv("QT_QPA_PLATFORM", "offscreen")
        host.qtenv("QT_QPA_FONTDIR", winpath(empty))
        try:
            r = host.wine([str(windows.exe), "--screenshot", winpath(boxes), "--view", "review"])
        finally:
            host.qtenv("QT_QPA_PLATFORM")
            host.qtenv("QT_QPA_FONTDIR")
        assert r.returncode == 0 and boxes.is_file(), r.stdout[-2000:]
    # the no-font render is all boxes (so the measure sees boxes); the screenshots hold none
    marks, boxes = glyphs_and_boxes(windows.shots / "no-fonts-review.png")
    assert marks >= 30 and boxes >= marks / 2, (marks, boxes)
    for view in VIEWS:
        marks, boxes = glyphs_and_boxes(windows.shots / f"windows-{view}.png")
        assert marks >= 30 and boxes <= marks / 20, f"--view {view}: {boxes} of {marks} characters are boxes"
