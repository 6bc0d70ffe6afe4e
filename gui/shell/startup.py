"""The cyclic garbage collector while the window starts.

Starting the window makes a few hundred thousand Python objects that live as long as the program
(modules, the classes of Qt's enums, the window's widgets and their wrappers), and the collector walks
them again and again while they are made: some 75 collections, 10 ms of every start. It is held from
the first import of the window's modules until the window's first paint (``MainWindow`` lets it go),
and what the start made is then frozen out of later collections (``gc.freeze``): the program's
long-lived objects are not walked again on each full collection either.

Held only when the window's modules are the first of Qt's in the process — the program starting,
``hecha`` or the launch benchmark — never when they are imported into a process that already uses
Qt (a test session), whose garbage must go on being collected as before.

The dataclasses' methods, compiled once. Each ``@dataclass`` writes its ``__init__``, ``__repr__``,
``__eq__`` … as source and compiles it as the class is made: the workspace's rows, the documents'
parts and the words are some 35 dataclasses, about 200 compilations, 25–30 ms of every start (Python
3.11; the modules' own bytecode is cached, these never are). ``keep_compiled_methods`` gives the
``dataclasses`` module an ``exec`` that takes the code compiled for the same source from a file kept
beside the program's bytecode (written at exit when a start compiled something new), so the classes
are the ones the source makes, compiled once per Python version.

PySide6's support modules, compiled once. They (its functions' signatures, its ``__feature__``
switches) are kept inside its library as source and compiled at every import of PySide6: 14 modules,
20–25 ms of every start (of any PySide6 program: the launch benchmark's floor pays them too).
``import_pyside_compiled_once`` imports PySide6 with a ``compile`` that takes the code compiled for the
same source, file name, mode and ``__future__`` from a file kept the same way, and puts the builtin back
once PySide6 is imported.

PySide6's question to every module imported after it. PySide6 asks of each module imported after it
whether its source mentions PySide6 (for its ``__feature__`` switches), reading the source through
``inspect.getsource``: some 50 modules of the window, 6–10 ms of every start. ``quicken_pyside_check``
answers the same question from the module's file read as bytes (the same answer: the source is the
file), and asks PySide6's own way where there is no such file (a frozen program's modules).
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from types import CodeType
from typing import Any

_held = False
_compile = compile  # the builtin, while ``import_pyside_compiled_once`` puts its own in its place


def hold_collector() -> None:
    """Hold the collector for the window's start (see the module's docstring)."""
    global _held
    if _held or "PySide6" in sys.modules or not gc.isenabled():
        return
    gc.disable()
    _held = True


def release_collector() -> None:
    """Let the collector go again, the objects made so far frozen out of it; idempotent."""
    global _held
    if not _held:
        return
    _held = False
    gc.freeze()
    gc.enable()


def held() -> bool:
    return _held


# --- compiled once: the dataclasses' methods, PySide6's support modules --------------------------------
KEPT_CODE_MAX = 2000  # sources kept; beyond, only those of the last start (the program was changed)


class KeptCode:
    """Code compiled from each source, read from and written to ``path`` (``compiled``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.code: dict[str, CodeType] = {}
        self.used: set[str] = set()
        self.added = False
        try:
            data = path.read_bytes()
        except OSError:
            return
        head = _kept_code_head()
        if data.startswith(head):
            import marshal

            try:
                got = marshal.loads(data[len(head) :])
            except (ValueError, EOFError, TypeError):
                return
            if isinstance(got, dict):
                self.code = {k: v for k, v in got.items() if isinstance(k, str) and isinstance(v, CodeType)}

    def compiled(self, source: str | bytes, filename: str, mode: str, flags: int) -> CodeType:
        """``compile(source, filename, mode, flags, dont_inherit=True)``, taken from the file when kept."""
        text = source if isinstance(source, str) else "b" + source.decode("latin-1")
        key = f"{filename}\n{mode}\n{flags}\n{text}"
        code = self.code.get(key)
        if code is None:
            code = _compile(source, filename, mode, flags, dont_inherit=True)
            self.code[key] = code
            self.added = True
        self.used.add(key)
        return code

    def exec(self, source: Any, globals: dict[str, Any] | None = None, locals: Any = None) -> None:  # noqa: A002
        """``exec`` as ``dataclasses`` calls it; a source's code compiled as ``exec`` compiles it there
        (with the ``__future__`` of ``dataclasses``, none: its annotations stay objects, not strings)."""
        if isinstance(source, str):
            source = self.compiled(source, "<string>", "exec", 0)
        exec(source, globals, locals)  # noqa: S102

    def save(self) -> None:
        """Write the file when this start compiled a source it did not have (at the program's exit)."""
        if not self.added:
            return
        import marshal
        import os

        keep = self.code if len(self.code) <= KEPT_CODE_MAX else {k: self.code[k] for k in self.used}
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(_kept_code_head() + marshal.dumps(keep))
            os.replace(tmp, self.path)  # whole or not at all: a start reading it meanwhile sees either
        except OSError:
            tmp.unlink(missing_ok=True)
            return
        self.added = False


_kept: KeptCode | None = None


def _kept_code_head() -> bytes:
    return f"hecha compiled code\n{sys.version}\n".encode()


def kept_code_path(kind: str) -> Path | None:
    """Where the compiled code of ``kind`` is kept: beside the program's bytecode (``PYTHONPYCACHEPREFIX``,
    or the ``__pycache__`` of the program's folder), for the frozen program in the user's cache folder;
    nowhere when Python writes no bytecode (``PYTHONDONTWRITEBYTECODE``)."""
    import os

    name = f"{kind}.{sys.implementation.cache_tag}.marshal"
    if getattr(sys, "frozen", False):
        base = os.environ.get("LOCALAPPDATA") or os.environ.get("XDG_CACHE_HOME")
        return (Path(base) if base else Path.home() / ".cache") / "Hecha" / name
    if sys.dont_write_bytecode:
        return None
    root = Path(__file__).resolve().parents[2]  # the program's folder (gui/, core/)
    if sys.pycache_prefix:
        return Path(sys.pycache_prefix) / root.relative_to(root.anchor) / name
    return root / "__pycache__" / name


def kept_methods_path() -> Path | None:
    return kept_code_path("dataclass-methods")


def keep_compiled_methods() -> KeptCode | None:
    """Compile the dataclasses' methods once (see the module's docstring); idempotent."""
    global _kept
    if _kept is not None:
        return _kept
    path = kept_methods_path()
    if path is None:
        return None
    import atexit
    import dataclasses

    _kept = KeptCode(path)
    dataclasses.exec = _kept.exec  # type: ignore[attr-defined]  # (a module global before the builtin)
    atexit.register(_kept.save)
    return _kept


def _future_flags() -> int:
    import __future__

    out = 0
    for name in __future__.all_feature_names:
        out |= getattr(__future__, name).compiler_flag
    return out


def import_pyside_compiled_once() -> KeptCode | None:
    """Import PySide6, its support modules compiled once (see the module's docstring): while it imports,
    ``compile`` takes the code compiled for the same source, file name, mode and ``__future__`` from a
    file beside the program's bytecode. None (and PySide6 imported as usual) when it was already
    imported, or no bytecode is kept."""
    path = kept_code_path("pyside-support")
    if "PySide6" in sys.modules or path is None:
        import PySide6  # noqa: F401

        return None
    import atexit
    import builtins

    kept = KeptCode(path)
    real = _compile
    future = _future_flags()

    def compile_kept(
        source: Any, filename: Any, mode: str, flags: int = 0, dont_inherit: bool = False, optimize: int = -1
    ) -> Any:
        if not dont_inherit:  # what compile takes from its caller: the caller's __future__
            flags |= sys._getframe(1).f_code.co_flags & future
        if (
            flags & ~future
            or optimize != -1
            or not isinstance(source, str | bytes)
            or not isinstance(filename, str)
        ):
            return real(source, filename, mode, flags, True, optimize)
        return kept.compiled(source, filename, mode, flags)

    builtins.compile = compile_kept  # type: ignore[assignment]
    try:
        import PySide6  # noqa: F401
    finally:
        builtins.compile = real
    atexit.register(kept.save)
    return kept


# --- PySide6's question to every module imported after it --------------------------------------------
def quicken_pyside_check() -> None:
    """Answer PySide6's "does this module use PySide6?" from the module's file (see the module's
    docstring); idempotent, and nothing when PySide6 asks no more (or asks elsewhere)."""
    feature = sys.modules.get("shibokensupport.feature")
    asks = getattr(feature, "_mod_uses_pyside", None)
    if asks is None or getattr(asks, "__wrapped__", None) is not None:
        return

    def uses_pyside(module: Any) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as f:
                    return b"PySide6" in f.read()
            except OSError:
                pass
        return bool(asks(module))

    uses_pyside.__wrapped__ = asks  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]
