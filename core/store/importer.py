"""Import many reports into a workspace: files and folders (recursive), skipping what is already there.

Parsing may run in a process pool; every write happens here, in this process, one report per
transaction, so a crash or kill never leaves half a report in the workspace and a new import simply
finishes the rest (files already stored are recognised by their sha256 and skipped).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Protocol

from core.documents import SUPPORTED_SUFFIXES
from core.errors import HechaError
from core.model import Extraction
from core.store.rows import ImportResult

POOL_THRESHOLD = 24  # fewer files than this are parsed in-process (a pool costs ~1 s to start)
Outcome = tuple[str, Extraction | None, bytes | None, str | None]  # path, extraction, original, error


class Target(Protocol):
    """Where the reports go: the public import API of ``core.store.Workspace``."""

    def has_sha(self, sha256: str) -> bool: ...

    def store_report(self, ex: Extraction, original: bytes | None = None) -> tuple[int, bool]: ...


# Report formats a folder may hold that must be saved in another format first.
_CONVERT_FIRST = {
    ".doc": "旧版 Word（.doc）文件不受支持，请在 WPS 或 Word 中另存为 .docx 后再导入",
    ".wps": "WPS 文字（.wps）文件不受支持，请在 WPS 中另存为 .docx 后再导入",
    ".rtf": "RTF 文件不受支持，请在 WPS 或 Word 中另存为 .docx 后再导入",
    ".ofd": "OFD 版式文件不受支持，请导出为 PDF 后再导入",
}


def collect(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[str], list[tuple[str, str]]]:
    """Files to import: named files as given, folders searched recursively for supported reports."""
    files: list[str] = []
    errors: list[tuple[str, str]] = []
    seen: set[str] = set()
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found: list[str] = []
            for entry in sorted(path.rglob("*")):
                if not entry.is_file() or entry.name.startswith("~$"):  # ~$: Word's lock file of an open file
                    continue
                suffix = entry.suffix.lower()
                if suffix in SUPPORTED_SUFFIXES:
                    found.append(str(entry))
                elif suffix in _CONVERT_FIRST:
                    errors.append((str(entry), _CONVERT_FIRST[suffix]))  # said, not silently passed over
        elif path.exists():
            found = [str(path)]
        else:
            errors.append((str(path), "文件不存在"))
            continue
        for f in found:
            key = os.path.normcase(os.path.abspath(f))
            if key not in seen:
                seen.add(key)
                files.append(f)
    return files, errors


def _sha(path: str) -> tuple[str | None, str | None]:
    try:
        h = hashlib.sha256()
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        return h.hexdigest(), None
    except OSError as e:
        return None, f"无法读取：{e.strerror or e}"


def analyse_file(path: str) -> Outcome:
    """Parse one file (runs in a worker process). Errors come back as text, never as exceptions."""
    from core import pipeline

    try:
        ex = pipeline.analyse(path)
        with open(path, "rb") as f:
            data = f.read()
        return path, ex, data, None
    except HechaError as e:
        msg = str(e)
        return path, None, None, msg.removeprefix(f"{path}: ")
    except Exception as e:  # a bug in a parser must not stop the batch
        return path, None, None, f"无法处理（{type(e).__name__}: {e}）"


def _watch_parent(parent: int) -> None:
    """Worker initializer: exit when the importing process dies (e.g. killed), never linger."""

    def loop() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    if sys.platform != "win32":
        threading.Thread(target=loop, daemon=True).start()


def _context() -> multiprocessing.context.BaseContext:
    # fork is cheap and needs no importable __main__, but is unsafe once other threads run (a GUI)
    if sys.platform != "win32" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _results(todo: list[str], workers: int, cancelled: Callable[[], bool]) -> Iterator[Outcome]:
    pending = list(todo)
    if workers > 1 and len(todo) >= POOL_THRESHOLD:
        try:
            pool = ProcessPoolExecutor(
                workers, mp_context=_context(), initializer=_watch_parent, initargs=(os.getpid(),)
            )
        except (OSError, ValueError):
            pool = None
        if pool is not None:
            try:
                chunk = max(1, min(16, len(todo) // (workers * 8)))
                for out in pool.map(analyse_file, todo, chunksize=chunk):
                    pending.pop(0)
                    yield out
                    if cancelled():
                        return
            except BrokenProcessPool:
                pass  # a worker died (or could not start): parse the rest here
            finally:
                pool.shutdown(wait=True, cancel_futures=True)
    for path in pending:
        if cancelled():
            return
        yield analyse_file(path)


def import_paths(
    ws: Target,
    paths: Iterable[str | os.PathLike[str]],
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    workers: int | None = None,
) -> ImportResult:
    """Import files and folders into ``ws``. Per-file problems are collected in ``errors``."""
    is_cancelled = cancelled or (lambda: False)
    files, errors = collect(paths)
    result = ImportResult(errors=list(errors))
    total = len(files)
    done = 0
    todo: list[str] = []
    for f in files:
        sha, err = _sha(f)
        if err:
            result.errors.append((f, err))
            done += 1
        elif sha and ws.has_sha(sha):
            result.skipped += 1
            done += 1
        else:
            todo.append(f)
    if progress:
        progress(done, total)
    n_workers = workers if workers is not None else min(4, os.cpu_count() or 1)
    for path, ex, data, err in _results(todo, n_workers, is_cancelled):
        if ex is None:
            result.errors.append((path, err or "无法处理"))
        else:
            rid, added = ws.store_report(ex, data)
            if added:
                result.added += 1
                result.report_ids.append(rid)
            else:
                result.skipped += 1
        done += 1
        if progress:
            progress(done, total)
        if is_cancelled():
            break
    result.cancelled = is_cancelled() and done < total
    return result
