"""Each report is read in a worker process with limits, so no file can take the program reading it down.

A worker reads one file at a time under an address-space limit (``RLIMIT_AS``, where the system has
it), a CPU-time limit per file (``RLIMIT_CPU``, raised before each file to what the worker has used plus
the allowance), a wall-clock limit watched from here, and a bound on the size of what it sends back.
A reader that crashes (PDFium aborting inside C, a segfault), runs out of its memory or time, or
produces too much becomes that file's failure with a sentence saying so; a new worker takes the next
file and the batch goes on. Where ``resource`` is missing (Windows) only the wall-clock and output
limits hold.

What a worker does with a job is its *task*, named ``"module:function"`` and found in the worker: the
import's analysis (``ANALYSE``), the command line's reading (``core.cli.reading``), the window's page
drawing. ``analysed`` reads a batch on a pool of workers; ``Helper`` keeps one worker for requests one
at a time (the window's page renderer), starting a new one when it dies.
"""

from __future__ import annotations

import contextlib
import faulthandler
import os
import pickle
import signal
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from core import messages
from core.errors import HechaError, LoadError
from core.messages import WorkerWork, shown_path

try:  # not on Windows
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None  # type: ignore[assignment]


@dataclass(frozen=True, kw_only=True)
class Limits:
    """What one file may take in its worker (stated in the README)."""

    memory: int = 1536 << 20  # address space the worker may add while reading, above its start
    cpu_seconds: int = 120  # CPU time per file
    wall_seconds: float = 300.0  # wall-clock time per file (also where CPU limits do not exist)
    output: int = 256 << 20  # the pickled rows sent back


LIMITS = Limits()
Outcome = tuple[str, Any, str | None]  # the path, the task's result or None, the failure
Job = tuple[Any, ...]  # the task's arguments; the first is the file's path (named in a failure)
# The task a worker runs unless told otherwise: a file analysed into the rows the workspace stores.
ANALYSE = "core.store.analysis:analyse_file"
# Set by a test (through the environment, so a spawned worker sees it too): a worker given a file whose
# name ends with this aborts as a C library would — proof that an abort is isolated, whatever the reader.
ABORT_HOOK = "HECHA_TEST_ABORT_SUFFIX"


class Failure(str):
    """A file's one-line reason, with the traceback of an unexpected error (a bug in a reader) kept
    for the log: it crosses from a worker process to the one that asked, where the log is."""

    details: str

    def __new__(cls, reason: str, details: str = "") -> Failure:
        out = super().__new__(cls, reason)
        out.details = details
        return out

    def __reduce__(self) -> tuple[type[Failure], tuple[str, str]]:
        return Failure, (str(self), self.details)


def failure(path: str, e: Exception) -> Failure:
    """Why ``path`` could not be read, from what reading it raised (in a worker): a reader's own
    reason, or a sentence for running out of memory or for a bug in a reader (its traceback kept)."""
    if isinstance(e, LoadError):
        return Failure(e.reason, _unexpected(e))
    if isinstance(e, HechaError):
        return Failure(str(e).removeprefix(f"{shown_path(path)}: "), _unexpected(e))
    if isinstance(e, MemoryError):
        return Failure("文件内容过大，内存不足，无法读取；请拆分后再导入")
    return Failure(f"无法处理（{type(e).__name__}），请把此文件发给维护人员", _unexpected(e))


def _unexpected(e: BaseException) -> str:
    """The traceback of an unexpected error, or of the one a LoadError wraps; '' for a plain reason."""
    cause = e if not isinstance(e, HechaError) else e.__cause__
    if cause is None or isinstance(cause, (OSError, MemoryError, RecursionError, HechaError)):
        return ""
    return "".join(traceback.format_exception(cause))


def _address_space() -> int:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _task(name: str) -> Callable[..., tuple[str, Any, str | None]]:
    """The function a task's ``"module:function"`` names; it returns (path, result or None, failure)."""
    import importlib

    module, _, function = name.partition(":")
    fn: Callable[..., tuple[str, Any, str | None]] = getattr(importlib.import_module(module), function)
    return fn


def _serve(conn: Connection, limits: Limits, parent: int, hook: str, task: str, work: WorkerWork) -> None:
    """A worker's loop: receive a job, run the task on it, send the pickled outcome back."""
    run = _task(task)

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the importing process's to decide
    faulthandler.disable()  # a crash here is this file's failure, said by the importer, not a dump
    if sys.platform != "win32":

        def orphaned() -> None:
            # the importing process, not the parent (a fork server's worker has that server as its)
            while True:
                time.sleep(0.5)
                try:
                    os.kill(parent, 0)
                except ProcessLookupError:
                    os._exit(1)
                except OSError:
                    pass

        threading.Thread(target=orphaned, daemon=True).start()
    if resource is not None:
        with contextlib.suppress(ValueError, OSError):
            base = _address_space()
            if base:
                cap = base + limits.memory
                resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        path = job[0]
        if hook and path.endswith(hook):
            os.abort()
        if resource is not None:
            with contextlib.suppress(ValueError, OSError):
                used = resource.getrusage(resource.RUSAGE_SELF)
                soft = int(used.ru_utime + used.ru_stime) + limits.cpu_seconds
                resource.setrlimit(resource.RLIMIT_CPU, (soft, soft + 5))
        out: Any = run(*job)
        try:
            payload = pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            payload = b""
        if not payload or len(payload) > limits.output:
            del out
            payload = pickle.dumps((path, None, messages.worker_output(limits.output, work)))
        try:
            conn.send_bytes(payload)
        except (BrokenPipeError, OSError):
            return


def _context(*, fork: bool = True) -> Any:
    """fork is cheap and needs no importable __main__ but is unsafe once other threads run (the window):
    then a fork server, started once, forks the workers from a clean process. ``fork=False``: a fork
    server whatever runs now (a worker started from a thread of the window's own)."""
    import multiprocessing

    if sys.platform == "win32":
        return multiprocessing.get_context("spawn")
    if fork and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(
        ["core.pipeline", "core.store.storing", "core.store.analysis", "core.documents.pdf_pages"]
    )
    return ctx


# A worker is given its next file while it reads the current one, so it does not wait while this
# process stores a batch (a batch of 64 reports takes ~0.2 s to store). Only a small job is sent ahead:
# a large one could fill the pipe while the worker is sending its result back, each waiting for the other.
AHEAD_BYTES = 32 << 10


def _small(job: Job) -> bool:
    # the name at 4 bytes a character at most (a name read from disk may hold undecodable bytes)
    data = job[1] if len(job) > 1 and isinstance(job[1], bytes | bytearray) else b""
    return len(data) + 4 * len(str(job[0])) <= AHEAD_BYTES


class _Worker:
    def __init__(self, ctx: Any, limits: Limits, task: str, work: WorkerWork) -> None:
        here, there = ctx.Pipe()
        self.conn: Connection = here
        self.process = ctx.Process(
            target=_serve,
            args=(there, limits, os.getpid(), os.environ.get(ABORT_HOOK, ""), task, work),
            daemon=True,
            name="hecha-reader",
        )
        with _sigint_ignored():
            self.process.start()
        there.close()
        self.jobs: deque[tuple[int, Job]] = deque()  # the job being read (and its place), then one ahead
        self.since = 0.0  # when the job being read was started
        self._stopping = threading.Lock()
        self._stopped = False

    @property
    def job(self) -> Job | None:
        """The job the worker is reading now."""
        return self.jobs[0][1] if self.jobs else None

    @property
    def number(self) -> int:
        """That job's place in its batch."""
        return self.jobs[0][0] if self.jobs else 0

    def wants(self, job: Job) -> bool:
        """Whether ``job`` may be given now: the worker is idle, or it is small enough to send ahead."""
        return not self.jobs or (len(self.jobs) == 1 and _small(job))

    def give(self, number: int, job: Job) -> bool:
        """Send ``job`` (``number``: its place); False when the worker is already gone (it aborted
        on the job it is reading and its end of the pipe is closed): the job was not given."""
        try:
            self.conn.send(job)
        except OSError:  # BrokenPipeError, ConnectionResetError
            return False
        if not self.jobs:
            self.since = time.monotonic()
        self.jobs.append((number, job))
        return True

    def done(self) -> None:
        """The job being read came back: the next one given starts now."""
        if self.jobs:
            self.jobs.popleft()
        self.since = time.monotonic()

    def outcome(
        self, ready: Sequence[object], limits: Limits, work: WorkerWork
    ) -> tuple[Outcome | None, bool]:
        """The outcome of the job given, if ``wait`` found it ready (or it is past its time), and
        whether this worker is gone (died, or stopped past its time) and must be replaced."""
        path = self.job[0] if self.job is not None else ""
        if self.conn in ready:
            try:
                return pickle.loads(self.conn.recv_bytes()), False
            except (EOFError, OSError):
                self.process.join(5)
                return (path, None, messages.worker_died(self.process.exitcode, limits, work)), True
        if self.process.sentinel in ready:
            self.process.join(5)
            return (path, None, messages.worker_died(self.process.exitcode, limits, work)), True
        if time.monotonic() - self.since > limits.wall_seconds:
            return (path, None, messages.worker_timeout(limits.wall_seconds, work)), True
        return None, False

    def stop(self, *, kill: bool = False) -> None:
        """End the worker (once: a helper's worker may be stopped by its closer and its asker alike)."""
        with self._stopping:
            if self._stopped:
                return
            self._stopped = True
        if kill:
            with contextlib.suppress(OSError, AttributeError):
                self.process.kill()
        else:
            with contextlib.suppress(OSError, BrokenPipeError):
                self.conn.send(None)
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        with contextlib.suppress(OSError):
            self.conn.close()
        with contextlib.suppress(ValueError, AttributeError):
            self.process.close()


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Ignore Ctrl+C while a worker is started (it inherits the handler until it sets its own)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old)


def analysed(
    jobs: Sequence[Job],
    workers: int,
    cancelled: Callable[[], bool],
    limits: Limits | None = None,
    *,
    task: str = ANALYSE,
    work: WorkerWork = messages.IMPORTING,
) -> Iterator[Outcome]:
    """The outcome of each job (path, the task's result or None, failure), in the order they finish;
    ``limits`` defaults to ``LIMITS``. The workers are reused from one job to the next; one that dies
    is replaced."""
    for _k, outcome in _numbered(jobs, workers, cancelled, limits, task, work):
        yield outcome


def in_order(
    jobs: Sequence[Job],
    workers: int,
    cancelled: Callable[[], bool],
    limits: Limits | None = None,
    *,
    task: str = ANALYSE,
    work: WorkerWork = messages.IMPORTING,
) -> Generator[Outcome, None, None]:
    """``analysed``, each outcome given in the order of ``jobs`` (held until those before it are out)."""
    held: dict[int, Outcome] = {}
    nxt = 0
    for k, outcome in _numbered(jobs, workers, cancelled, limits, task, work):
        held[k] = outcome
        while nxt in held:
            yield held.pop(nxt)
            nxt += 1


def _numbered(
    jobs: Sequence[Job],
    workers: int,
    cancelled: Callable[[], bool],
    limits: Limits | None,
    task: str,
    work: WorkerWork,
) -> Iterator[tuple[int, Outcome]]:
    """Each job's number in ``jobs`` and its outcome, in the order they finish."""
    limits = limits or LIMITS

    pending = list(reversed(list(enumerate(jobs))))
    ctx = _context()
    pool: list[_Worker] = []

    refused: list[tuple[int, Outcome]] = []  # jobs no worker could be given (not even a new one)

    def feed() -> None:  # each worker its next job, and one more ahead where it is small
        for i, w in enumerate(pool):
            fresh = False
            while pending and w.wants(pending[-1][1]):
                if w.give(*pending[-1]):
                    pending.pop()
                elif w.job is not None:
                    break  # gone while reading its job: that job's outcome says so and replaces it
                elif not fresh:  # gone while idle: a new worker takes the job
                    w.stop(kill=True)
                    w, fresh = _Worker(ctx, limits, task, work), True
                    pool[i] = w
                else:
                    number, job = pending.pop()
                    w.process.join(5)
                    refused.append(
                        (number, (job[0], None, messages.worker_died(w.process.exitcode, limits, work)))
                    )

    try:
        for _ in range(max(1, min(workers, len(jobs)))):
            pool.append(_Worker(ctx, limits, task, work))
        feed()
        while refused or any(w.job is not None for w in pool):
            if refused:
                yield refused.pop(0)
                continue
            if cancelled():
                return
            busy = [w for w in pool if w.job is not None]
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=0.2)
            for i, w in enumerate(pool):
                if w.job is None:
                    continue
                outcome, gone = w.outcome(ready, limits, work)
                if outcome is None:
                    continue
                number = w.number
                if gone:  # the job given ahead goes back to the front of the queue
                    pending.extend(reversed(list(w.jobs)[1:]))
                    w.jobs.clear()
                    w.stop(kill=True)
                    w = pool[i] = _Worker(ctx, limits, task, work)
                else:
                    w.done()
                feed()
                yield number, outcome
                if cancelled():
                    return
    finally:
        for w in pool:
            w.stop(kill=w.job is not None)


class Helper:
    """One long-lived worker answering one job at a time, under the same limits per job (the window's
    page renderer): a worker that dies, or is past its time, is that job's failure, and the next job
    starts a new one. ``started`` counts the workers started, so a caller knows when what it gave the
    last one (an opened document) is gone. Its workers come from a fork server, as it runs beside
    other threads. ``ask`` may run on any one thread; ``close`` on another stops a job under way."""

    def __init__(self, task: str, work: WorkerWork, limits: Limits | None = None) -> None:
        self._task, self._work, self._limits = task, work, limits or LIMITS
        self._worker: _Worker | None = None
        self._lock = threading.Lock()
        self._closed = False
        self.started = 0

    def start(self) -> int:
        """The worker that will answer the next job, started now if there is none; its number. (The
        lock is not held while a worker starts, which can take a second: ``close`` need not wait.)"""
        with self._lock:
            if self._worker is not None or self._closed:
                return self.started
        w: _Worker | None = _Worker(_context(fork=False), self._limits, self._task, self._work)
        with self._lock:
            if self._worker is None and not self._closed:
                self._worker, w = w, None
                self.started += 1
            started = self.started
        if w is not None:  # closed meanwhile
            w.stop(kill=True)
        return started

    def interrupt(self) -> None:
        """Stop the job under way, if there is one (it fails); the next job starts a new worker. For a
        caller that no longer wants the answer (a page of a report no longer shown), so the next job
        does not wait behind a page that takes minutes."""
        with self._lock:
            w = self._worker
            if w is None or w.job is None:
                return
            self._worker = None
        w.stop(kill=True)

    def ask(self, job: Job) -> tuple[Any, str | None]:
        """The task's result for ``job``, or None and why not."""
        self.start()
        with self._lock:
            w = self._worker
        if w is None:  # closed
            return None, ""
        if not w.give(0, job):  # gone before it was asked: its job is given to a new one
            with self._lock:
                if self._worker is w:
                    self._worker = None
            w.stop(kill=True)
            self.start()
            with self._lock:
                w = self._worker
            if w is None:  # closed
                return None, ""
            if not w.give(0, job):
                w.process.join(5)
                return None, messages.worker_died(w.process.exitcode, self._limits, self._work)
        while True:
            try:
                ready = wait([w.conn, w.process.sentinel], timeout=1.0)
                outcome, gone = w.outcome(ready, self._limits, self._work)
            except (OSError, ValueError):  # closed from another thread while this job was under way
                return None, ""
            if outcome is not None:
                break
        w.done()
        if gone:
            with self._lock:
                if self._worker is w:
                    self._worker = None
            w.stop(kill=True)  # once, whoever comes first (``close`` may be stopping it too)
        _path, result, failure = outcome
        return result, failure

    def close(self) -> None:
        """Stop the worker (a job under way is that job's failure) and start no other."""
        with self._lock:
            self._closed = True
            w, self._worker = self._worker, None
        if w is not None:
            w.stop(kill=w.job is not None)
