"""The NSIS script compiles (makensis, also on Linux) and says what a reviewer's PC needs from it."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.packaging.helpers import ROOT

pytestmark = pytest.mark.packaging
NSI = ROOT / "installer" / "hecha.nsi"


def _script() -> str:
    return NSI.read_text(encoding="utf-8-sig")


def _section(name: str) -> str:
    m = re.search(rf'^Section "{name}"(.*?)^SectionEnd', _script(), re.S | re.M)
    assert m, name
    return m.group(1)


@pytest.fixture
def fake_onedir(tmp_path: Path) -> Path:
    """The layout PyInstaller's onedir output has on Windows, with tiny files."""
    d = tmp_path / "hecha"
    (d / "_internal" / "resources" / "icons").mkdir(parents=True)
    (d / "hecha.exe").write_bytes(b"MZ" + b"\0" * 64)
    (d / "_internal" / "python311.dll").write_bytes(b"MZ" + b"\0" * 64)
    shutil.copy(ROOT / "resources" / "icons" / "hecha.ico", d / "_internal" / "resources" / "icons")
    return d


def test_installer_script_compiles_without_warnings(fake_onedir: Path, tmp_path: Path) -> None:
    makensis = shutil.which("makensis")
    if makensis is None:
        pytest.skip("makensis (NSIS) is not installed")
    out = tmp_path / "Hecha-9.9.9-setup.exe"
    r = subprocess.run(
        [makensis, "-V2", "-WX", "-DVERSION=9.9.9", f"-DDIST={fake_onedir}", f"-DOUTFILE={out}", str(NSI)],
        capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=300,
    )  # fmt: skip
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    data = out.read_bytes()
    assert data[:2] == b"MZ"
    assert "安装程序".encode("utf-16-le") in data  # version resource and captions are Chinese


def test_installer_is_per_user_in_chinese_with_shortcuts() -> None:
    s = _script()
    assert s.startswith("\ufeff") or NSI.read_bytes()[:3] == b"\xef\xbb\xbf"  # makensis reads it as UTF-8
    assert re.search(r"^RequestExecutionLevel user$", s, re.M)
    assert re.search(r'^InstallDir "\$LOCALAPPDATA\\Programs\\Hecha"$', s, re.M)
    assert '!insertmacro MUI_LANGUAGE "SimpChinese"' in s
    main = _section(r"\$\{APPNAME\}")
    assert 'CreateShortcut "${SMDIR}\\${APPNAME}.lnk"' in main
    assert 'CreateShortcut "$DESKTOP\\${APPNAME}.lnk"' in main
    assert re.search(r'WriteRegStr HKCU "\$\{UNINSTKEY\}" "UninstallString"', main)
    assert "HKLM" not in s  # nothing that needs administrator rights


def test_uninstaller_keeps_the_users_workspaces() -> None:
    un = _section("Uninstall")
    assert "$APPDATA" not in un and "$LOCALAPPDATA" not in un and "$PROFILE" not in un
    assert not re.search(r'RMDir\s+/r\s+"\$INSTDIR"\s*$', un, re.M)  # only the files it installed
    assert 'RMDir /r "$INSTDIR\\_internal"' in un


def test_uninstaller_and_update_refuse_while_hecha_runs() -> None:
    """While hecha.exe runs its files cannot be removed: a silent uninstall used to exit 0, drop the
    uninstall entry and shortcuts and leave the program on disk, listed nowhere (seen under Wine, and so on
    Windows). Both the uninstaller and the installer stop with a message instead (exit status 2)."""
    s = _script()
    m = re.search(r"^Function \$\{UN\}RefuseWhileRunning(.*?)^FunctionEnd", s, re.S | re.M)
    assert m, "no RefuseWhileRunning function"
    body = m.group(1)
    assert 'FileOpen $0 "$INSTDIR\\${EXE}" a' in body  # a running program's .exe cannot be opened to write
    assert "正在运行" in body and "/SD IDCANCEL" in body and "SetErrorLevel 2" in body
    assert re.search(r"^Function un\.onInit\s+Call un\.RefuseWhileRunning", s, re.M)
    assert "Call RefuseWhileRunning" in _section(r"\$\{APPNAME\}")
