"""Import many reports into a workspace: files and folders (recursive), skipping what is already there.

Every file is parsed in a worker process with limits (``isolation``: a crash, an abort or a limit is
that file's failure and the batch goes on), and each report is turned into its rows there
(``storing.rows_of``); every write happens here, in this process. Reports are written a batch at a time
(up to ``BATCH_REPORTS`` reports, ``BATCH_BYTES`` of originals or ``BATCH_SECONDS`` of waiting), each
batch one transaction: a crash or kill never leaves half a report in the workspace — at most the
batch being gathered is not stored — and a new import simply finishes the rest (files already stored
are recognised by their sha256 and skipped). Progress counts analysed files.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Protocol

from core import documents, isolation, logs, messages
from core.documents import SUPPORTED_SUFFIXES
from core.errors import LoadError
from core.messages import shown_path
from core.store.analysis import Failure as Failure  # re-exported: the importer's public names
from core.store.analysis import Outcome
from core.store.analysis import analyse_file as analyse_file
from core.store.rows import ImportResult
from core.store.storing import ReportRows

# A batch is written when it holds this many reports, this many bytes of originals, or when its first
# report has waited this long (so the progress bar moves and a cancel is prompt).
BATCH_REPORTS = 64
BATCH_BYTES = 32 << 20
BATCH_SECONDS = 0.5
log = logs.logger(__name__)


class Target(Protocol):
    """Where the reports go: the public import API of ``core.store.Workspace``."""

    def has_sha(self, sha256: str) -> bool: ...

    def store_batch(self, batch: Sequence[ReportRows]) -> list[tuple[int, bool]]: ...


# Report formats a folder may hold that must be saved in another format first.
_CONVERT_FIRST = {
    ".doc": "旧版 Word（.doc）文件不受支持，请在 WPS 或 Word 中另存为 .docx 后再导入",
    ".wps": "WPS 文字（.wps）文件不受支持，请在 WPS 中另存为 .docx 后再导入",
    ".rtf": "RTF 文件不受支持，请在 WPS 或 Word 中另存为 .docx 后再导入",
    ".ofd": "OFD 版式文件不受支持，请导出为 PDF 后再导入",
}


def _outside(path: Path, inside: str) -> bool:
    """Whether a link at ``path`` leads out of the folder ``inside`` (a real path)."""
    try:
        real = os.path.realpath(path)
        return os.path.commonpath([real, inside]) != inside
    except (OSError, ValueError):
        return True


def _walk(root: Path, errors: list[tuple[str, str]]) -> list[str]:
    """Report files under ``root``: links are followed only where they lead inside ``root`` (a link to
    ``/`` or another tree is said and passed over), and each real folder is read once."""
    found: list[str] = []
    seen_dirs: set[tuple[int, int]] = set()
    inside = os.path.realpath(root)
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            st = folder.stat()
            if (st.st_dev, st.st_ino) in seen_dirs:
                continue  # a linked folder met twice (or a link loop): its reports are already listed
            seen_dirs.add((st.st_dev, st.st_ino))
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as e:
            reason = messages.FOLDER_UNREADABLE if isinstance(e, PermissionError) else messages.os_reason(e)
            errors.append((shown_path(folder), reason))
            continue
        subdirs: list[Path] = []
        for entry in entries:
            path = Path(entry.path)
            try:
                if entry.is_symlink() and _outside(path, inside) and (entry.is_dir() or entry.is_file()):
                    errors.append((shown_path(path), messages.LINK_OUTSIDE))
                    continue
                if entry.is_dir():
                    subdirs.append(path)
                    continue
                is_file = entry.is_file()
            except OSError as e:
                errors.append((shown_path(path), messages.os_reason(e)))
                continue
            if entry.name.startswith("~$"):  # Word's lock file of an open document
                continue
            suffix = path.suffix.lower()
            if suffix in SUPPORTED_SUFFIXES:
                if is_file:
                    found.append(str(path))
                elif entry.is_symlink() and not path.exists():
                    errors.append((shown_path(path), "是指向不存在位置的链接，请改为选择实际的文件"))
                else:
                    errors.append((shown_path(path), messages.NOT_REGULAR))
            elif suffix in _CONVERT_FIRST:
                errors.append((shown_path(path), _CONVERT_FIRST[suffix]))  # said, not silently passed over
            elif suffix == ".zip":
                errors.append(
                    (shown_path(path), "是压缩包，其中的报告未导入；请先解压，再导入解压出的文件夹")
                )
        stack.extend(reversed(subdirs))
    return sorted(found)


def plan(files: Sequence[str]) -> str:
    """What an import will read, by kind, said before it starts: 将读取 25 个文件：PDF 20 个、文本 5 个."""
    counts: dict[str, int] = {}
    for f in files:
        kind = _kind_of(Path(f).suffix.lower())
        counts[kind] = counts.get(kind, 0) + 1
    parts = "、".join(f"{k} {n} 个" for k, n in sorted(counts.items(), key=lambda kv: -kv[1]))
    return f"将读取 {len(files)} 个文件" + (f"：{parts}" if parts else "")


def _kind_of(suffix: str) -> str:
    if suffix == ".pdf":
        return "PDF"
    if suffix == ".docx":
        return "Word（.docx）"
    if suffix in (".htm", ".html", ".shtml", ".mht", ".mhtml"):
        return "网页"
    return "文本"


def collect(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[str], list[tuple[str, str]]]:
    """Files to import: named files as given, folders searched recursively for supported reports.
    Nothing is passed over in silence: unreadable folders, archives, links to nowhere, devices and
    folders without any report are listed in ``errors`` with the reason."""
    files: list[str] = []
    errors: list[tuple[str, str]] = []
    seen: set[str] = set()
    for p in paths:
        path = Path(p)
        try:
            st = path.stat()
        except OSError as e:
            errors.append((shown_path(path), messages.os_reason(e)))
            continue
        if stat.S_ISDIR(st.st_mode):
            found = _walk(path, errors)
            if not found and not any(e[0].startswith(shown_path(path)) for e in errors):
                errors.append((shown_path(path), messages.FOLDER_EMPTY))
        elif stat.S_ISREG(st.st_mode):
            found = [str(path)]
        else:
            errors.append((shown_path(path), messages.NOT_REGULAR))
            continue
        for f in found:
            key = os.path.normcase(os.path.abspath(f))
            if key not in seen:
                seen.add(key)
                files.append(f)
    return files, errors


# The bytes read to find a file's sha256 are kept for its analysis up to this much in all (a batch of
# larger files is read again by the worker that analyses it, rather than held in memory meanwhile).
KEEP_READ_BYTES = 64 << 20


def _sha(path: str) -> tuple[str | None, str | None, bytes | None]:
    """The sha256 of a file, or why it cannot be read, and the bytes read."""
    try:
        data = documents.read(path)
    except LoadError as e:
        return None, e.reason, None
    return hashlib.sha256(data).hexdigest(), None, data


def _new_files(ws: Target, files: list[str], result: ImportResult) -> list[tuple[str, bytes | None]]:
    """The files to analyse, each with its bytes when kept (``KEEP_READ_BYTES``); a file that cannot
    be read goes to ``result.errors``, one already stored to ``result.skipped``."""
    todo: list[tuple[str, bytes | None]] = []
    kept = 0
    for f in files:
        sha, err, data = _sha(f)
        if err:
            result.errors.append((shown_path(f), err))
        elif sha and ws.has_sha(sha):
            result.skipped += 1
        else:
            keep = data is not None and kept + len(data) <= KEEP_READ_BYTES
            kept += len(data) if keep and data is not None else 0
            todo.append((f, data if keep else None))
    return todo


def _results(
    todo: list[tuple[str, bytes | None]], workers: int, cancelled: Callable[[], bool]
) -> Iterator[Outcome]:
    """Each file analysed in a worker process with limits (``isolation``), so a reader that crashes,
    aborts or runs out of memory or time fails that file only; ``workers=0`` analyses here, in this
    process (for profiling a reader — an abort then ends the program)."""
    if workers >= 1:
        # workers finish out of order: reports are stored in the order the files are listed (sorted
        # within a folder), so report ids do not depend on which worker was quicker
        order = {path: k for k, (path, _) in enumerate(todo)}
        held: dict[int, Outcome] = {}
        nxt = 0
        for out in isolation.analysed(todo, workers, cancelled):
            held[order[out[0]]] = out
            while nxt in held:
                yield held.pop(nxt)
                nxt += 1
        for k in sorted(held):  # a cancel: what was analysed is still stored
            yield held[k]
        return
    for path, data in todo:
        if cancelled():
            return
        yield analyse_file(path, data)


def import_paths(
    ws: Target,
    paths: Iterable[str | os.PathLike[str]],
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    workers: int | None = None,
    announce: Callable[[str], None] | None = None,
) -> ImportResult:
    """Import files and folders into ``ws``. Per-file problems are collected in ``errors``; what will
    be read (``plan``: the number of files by kind) is given to ``announce`` before reading starts."""
    is_cancelled = cancelled or (lambda: False)
    files, errors = collect(paths)
    result = ImportResult(errors=list(errors), plan=plan(files))
    if announce:
        announce(result.plan)
    total = len(files)
    todo = _new_files(ws, files, result)
    done = total - len(todo)
    if progress:
        progress(done, total)
    n_workers = workers if workers is not None else min(4, os.cpu_count() or 1)
    batch: list[tuple[str, ReportRows]] = []
    batch_bytes = 0
    batch_since = 0.0

    def flush() -> None:
        nonlocal batch_bytes
        stored = ws.store_batch([rows for _, rows in batch]) if batch else []
        for (path, rows), (rid, added) in zip(batch, stored, strict=True):
            if added:
                result.added += 1
                result.report_ids.append(rid)
                result.warnings.extend((path, w) for w in rows.warnings)
            else:
                result.skipped += 1
        batch.clear()
        batch_bytes = 0

    for path, rows, err in _results(todo, n_workers, is_cancelled):
        done += 1
        if rows is None:
            details = getattr(err, "details", "")
            if details:
                log.error("%s: %s\n%s", shown_path(path), err, details.rstrip())
            result.errors.append((shown_path(path), err or "无法处理"))
        else:
            if not batch:
                batch_since = time.monotonic()
            batch.append((path, rows))
            batch_bytes += len(rows.original or b"")
        if (
            len(batch) >= BATCH_REPORTS
            or batch_bytes >= BATCH_BYTES
            or (batch and time.monotonic() - batch_since >= BATCH_SECONDS)
        ):
            flush()
        if progress:
            progress(done, total)
        if is_cancelled():
            break
    flush()  # what was analysed before a cancel is stored too
    result.cancelled = is_cancelled() and done < total
    return result
