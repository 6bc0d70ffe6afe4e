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

from tests.packaging.glyphs import glyphs_and_boxes
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
        no_fonts = windows.shots / "no-fonts-review.png"
        host.qtenv("QT_QPA_PLATFORM", "offscreen")
        host.qtenv("QT_QPA_FONTDIR", winpath(empty))
        try:
            r = host.wine([str(windows.exe), "--screenshot", winpath(no_fonts), "--view", "review"])
        finally:
            host.qtenv("QT_QPA_PLATFORM")
            host.qtenv("QT_QPA_FONTDIR")
        assert r.returncode == 0 and no_fonts.is_file(), r.stdout[-2000:]
    # the no-font render is all boxes (so the measure sees boxes); the screenshots hold none
    marks, boxes = glyphs_and_boxes(no_fonts)
    assert marks >= 30 and boxes >= marks / 2, (marks, boxes)
    for view in VIEWS:
        marks, boxes = glyphs_and_boxes(windows.shots / f"windows-{view}.png")
        assert marks >= 30 and boxes <= marks / 20, f"--view {view}: {boxes} of {marks} characters are boxes"


@pytest.fixture(scope="module")
def setup_exe(windows: WindowsBuild) -> Path:
    out = windows.base / f"Hecha-{VERSION}-setup.exe"
    with windows.host.timed("makensis"):
        windows.host.host(
            ["makensis", "-V2", "-WX", f"-DVERSION={VERSION}", f"-DDIST={windows.bundle}", f"-DOUTFILE={out}",
             str(ROOT / "installer" / "hecha.nsi")],
            timeout=900,
        )  # fmt: skip
    assert out.is_file()
    return out


CHECK_INSTALL = r"""
import os, sys, winreg
from pathlib import Path
d = Path(os.environ["LOCALAPPDATA"]) / "Programs" / "Hecha"
ws = Path(os.environ["APPDATA"]) / "Hecha" / "keep-me.hecha.sqlite"
sm = Path(os.environ["APPDATA"]) / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "核查 Hecha"
if sys.argv[1:] == ["mkws"]:
    ws.parent.mkdir(parents=True, exist_ok=True); ws.touch()
try:
    k = winreg.OpenKey(winreg.HKEY_CURRENT_USER, r"Software\Microsoft\Windows\CurrentVersion\Uninstall\Hecha")
    key = {winreg.EnumValue(k, i)[0]: winreg.EnumValue(k, i)[1] for i in range(winreg.QueryInfoKey(k)[1])}
except OSError:
    key = None
print("dir", d)
print("hecha.exe", (d / "hecha.exe").exists(), "_internal", (d / "_internal").exists())
print("notices", (d / "_internal" / "resources" / "licenses" / "THIRD-PARTY-NOTICES.txt").exists())
print("version", (key or {}).get("DisplayVersion"))
print("start-menu", sorted(p.name for p in sm.iterdir()) if sm.exists() else None)
print("workspace-kept", ws.exists())
"""


def _state(windows: WindowsBuild, *args: str) -> dict[str, str]:
    """What the installer left: files, the uninstall entry, the Start-menu folder (asked from Windows)."""
    script = windows.base / "check_install.py"
    script.write_text(CHECK_INSTALL, encoding="utf-8")
    r = windows.host.py([winpath(script), *args])
    assert r.returncode == 0, r.stdout
    return dict(line.strip().split(" ", 1) for line in r.stdout.splitlines() if " " in line.strip())


def test_installer_installs_runs_refuses_while_running_and_uninstalls(
    windows: WindowsBuild, setup_exe: Path
) -> None:
    host = windows.host
    with host.timed("install"):
        r = host.wine([str(setup_exe), "/S"])
        assert r.returncode == 0, r.stdout
        s = _state(windows, "mkws")
    assert s["hecha.exe"] == "True _internal True", s
    assert s["version"] == VERSION and s["notices"] == "True", s
    assert s["start-menu"] == "['卸载 核查 Hecha.lnk', '核查 Hecha.lnk']", s
    installed = s["dir"]
    with host.timed("installed smoke test"):
        r = host.wine([f"{installed}\\hecha.exe", "--smoke-test"])
    assert r.returncode == 0 and step_status(r.stdout) == dict.fromkeys(STEPS, "ok"), r.stdout[-4000:]

    # while Hecha is open, the uninstaller refuses and leaves everything as it was
    with host.timed("uninstall while running"):
        running = host.start([f"{installed}\\hecha.exe"])
        try:
            time.sleep(20)
            assert running.poll() is None, "the installed hecha.exe did not stay open"
            r = host.wine([f"{installed}\\uninstall.exe", "/S", f"_?={installed}"])
            refused = _state(windows)
        finally:
            host.kill_programs()
            running.wait(timeout=60)
    assert r.returncode != 0, "the uninstaller went ahead while Hecha was running"
    assert refused["hecha.exe"] == "True _internal True" and refused["version"] == VERSION, refused

    with host.timed("uninstall"):
        r = host.wine([f"{installed}\\uninstall.exe", "/S", f"_?={installed}"])
        s = _state(windows)
    assert r.returncode == 0, r.stdout
    assert s["hecha.exe"] == "False _internal False", s
    assert s["version"] == "None" and s["start-menu"] == "None", s
    assert s["workspace-kept"] == "True", s
