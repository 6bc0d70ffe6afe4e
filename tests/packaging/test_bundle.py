"""Build the real bundle with PyInstaller (build.spec) and run the bundle's ``--smoke-test``.

Slow (about 30 s of PyInstaller here, more on Windows): skip it with ``-m "not slow"``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from tests.packaging.helpers import EXE_NAME, ROOT, STEPS, run_smoke, step_status

pytestmark = [pytest.mark.slow, pytest.mark.packaging]


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("pyinstaller")
    t = time.perf_counter()
    r = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "build.spec", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(base / "dist"), "--workpath", str(base / "work")],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=900,
    )  # fmt: skip
    took = time.perf_counter() - t
    assert r.returncode == 0, r.stderr[-4000:]
    out = base / "dist" / "hecha"
    print(f"\nbundle: {out}  size {_size(out) / 1e6:.1f} MB  build time {took:.1f} s")  # noqa: T201
    return out


def test_bundle_smoke_test_passes(bundle: Path, tmp_path: Path) -> None:
    t = time.perf_counter()
    r = run_smoke([str(bundle / EXE_NAME)], tmp_path / "logs")
    print(f"\nbundle --smoke-test wall time {time.perf_counter() - t:.2f} s")  # noqa: T201
    assert r.returncode == 0, r.stdout + r.stderr[-3000:]
    assert step_status(r.stdout) == dict.fromkeys(STEPS, "ok"), r.stdout
    assert "(frozen," in r.stdout
    assert "--smoke-test starting (frozen)" in (tmp_path / "logs" / "hecha.log").read_text(encoding="utf-8")


def test_bundle_holds_resources_and_drops_unused_qt(bundle: Path) -> None:
    internal = bundle / "_internal"
    res = internal / "resources"
    assert (res / "translations" / "qtbase_zh_CN.qm").is_file()
    assert (res / "icons" / "hecha.ico").is_file()
    samples = {p.suffix for p in (res / "samples").iterdir()}
    assert {".txt", ".html", ".docx", ".pdf"} <= samples
    for qm in (ROOT / "resources" / "translations").glob("*.qm"):
        assert (res / "translations" / qm.name).is_file(), qm.name
    names = [p.name for p in internal.rglob("*")]
    for unwanted in ("opengl32sw", "Qt6Quick", "Qt6Qml", "Qt6Network", "Qt6Pdf", "QtNetwork", "pytest"):
        assert not [n for n in names if unwanted in n], unwanted
    qt_catalogues = [n for n in names if n.endswith(".qm") and n.startswith("qtbase_")]
    assert qt_catalogues and all("_zh_" in n for n in qt_catalogues)


def test_bundle_smoke_test_fails_without_image_plugins(bundle: Path, tmp_path: Path) -> None:
    """The smoke test must notice a null QIcon (here: the icon and image plugins left out)."""
    broken = tmp_path / "hecha"
    shutil.copytree(bundle, broken, symlinks=True)
    plugin_dirs = [p for p in broken.rglob("*") if p.is_dir() and p.name in ("iconengines", "imageformats")]
    assert plugin_dirs
    for p in plugin_dirs:
        shutil.rmtree(p)
    r = run_smoke([str(broken / EXE_NAME)], tmp_path / "logs")
    assert r.returncode == 1
    assert step_status(r.stdout)["icon"] == "FAIL"
    assert "QIcon 为空" in r.stdout


def test_installer_compiles_from_the_bundle(bundle: Path, tmp_path: Path) -> None:
    """The real bundle goes into the setup program (uncompressed: LZMA takes ~90 s here)."""
    makensis = shutil.which("makensis")
    if makensis is None:
        pytest.skip("makensis (NSIS) is not installed")
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    out = tmp_path / f"Hecha-{version}-setup.exe"
    dist = bundle
    if EXE_NAME != "hecha.exe":  # a Linux bundle: stage it under the Windows names the script expects
        dist = tmp_path / "stage"
        dist.mkdir()
        (dist / "hecha.exe").symlink_to(bundle / EXE_NAME)
        (dist / "_internal").symlink_to(bundle / "_internal", target_is_directory=True)
    t = time.perf_counter()
    r = subprocess.run(
        [makensis, "-V2", "-WX", "-DCOMPRESSOR=none", f"-DVERSION={version}", f"-DDIST={dist}", f"-DOUTFILE={out}",
         str(ROOT / "installer" / "hecha.nsi")],
        capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=900,
    )  # fmt: skip
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    print(f"\ninstaller {out.name}: {out.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - t:.1f} s")  # noqa: T201
    assert out.read_bytes()[:2] == b"MZ"
    assert out.stat().st_size >= 0.95 * _size(bundle)  # uncompressed here: every file of the bundle is inside
