"""Each report is read in a worker process with limits, so no file can take the importing program down.

A worker reads one file at a time under an address-space limit (``RLIMIT_AS``, where the system has
it), a CPU-time limit per file (``RLIMIT_CPU``, raised before each file to what the worker has used plus
the allowance), a wall-clock limit watched from here, and a bound on the size of what it sends back.
A reader that crashes (PDFium aborting inside C, a segfault), runs out of its memory or time, or
produces too much becomes that file's failure with a sentence saying so; a new worker takes the next
file and the batch goes on. Where ``resource`` is missing (Windows) only the wall-clock and output
limits hold.
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
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from core import messages

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
Job = tuple[str, bytes | None]
# Set by a test (through the environment, so a spawned worker sees it too): a worker given a file whose
# name ends with this aborts as a C library would — proof that an abort is isolated, whatever the reader.
ABORT_HOOK = "HECHA_TEST_ABORT_SUFFIX"


def _address_space() -> int:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _serve(conn: Connection, limits: Limits, parent: int, hook: str) -> None:
    """A worker's loop: receive a job, analyse it, send the pickled outcome back."""
    from core.store.analysis import Failure, analyse_file

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
        path, data = job
        if hook and path.endswith(hook):
            os.abort()
        if resource is not None:
            with contextlib.suppress(ValueError, OSError):
                used = resource.getrusage(resource.RUSAGE_SELF)
                soft = int(used.ru_utime + used.ru_stime) + limits.cpu_seconds
                resource.setrlimit(resource.RLIMIT_CPU, (soft, soft + 5))
        out: Any = analyse_file(path, data)
        try:
            payload = pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            payload = b""
        if not payload or len(payload) > limits.output:
            del out
            payload = pickle.dumps((path, None, Failure(messages.worker_output(limits.output))))
        try:
            conn.send_bytes(payload)
        except (BrokenPipeError, OSError):
            return


def _context() -> Any:
    """fork is cheap and needs no importable __main__ but is unsafe once other threads run (the window):
    then a fork server, started once, forks the workers from a clean process."""
    import multiprocessing

    if sys.platform == "win32":
        return multiprocessing.get_context("spawn")
    if threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["core.pipeline", "core.store.storing", "core.store.analysis"])
    return ctx


# A worker is given its next file while it reads the current one, so it does not wait while this
# process stores a batch (a batch of 64 reports takes ~0.2 s to store). Only a small job is sent ahead:
# a large one could fill the pipe while the worker is sending its result back, each waiting for the other.
AHEAD_BYTES = 32 << 10


def _small(job: Job) -> bool:
    # the name at 4 bytes a character at most (a name read from disk may hold undecodable bytes)
    return len(job[1] or b"") + 4 * len(job[0]) <= AHEAD_BYTES


class _Worker:
    def __init__(self, ctx: Any, limits: Limits) -> None:
        here, there = ctx.Pipe()
        self.conn: Connection = here
        self.process = ctx.Process(
            target=_serve,
            args=(there, limits, os.getpid(), os.environ.get(ABORT_HOOK, "")),
            daemon=True,
            name="hecha-reader",
        )
        with _sigint_ignored():
            self.process.start()
        there.close()
        self.jobs: deque[Job] = deque()  # the file being read, then at most one given ahead
        self.since = 0.0  # when the file being read was started

    @property
    def job(self) -> Job | None:
        """The file the worker is reading now."""
        return self.jobs[0] if self.jobs else None

    def wants(self, job: Job) -> bool:
        """Whether ``job`` may be given now: the worker is idle, or it is small enough to send ahead."""
        return not self.jobs or (len(self.jobs) == 1 and _small(job))

    def give(self, job: Job) -> None:
        if not self.jobs:
            self.since = time.monotonic()
        self.jobs.append(job)
        self.conn.send(job)

    def done(self) -> None:
        """The file being read came back: the next given starts now."""
        self.jobs.popleft()
        self.since = time.monotonic()

    def stop(self, *, kill: bool = False) -> None:
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
) -> Iterator[tuple[str, Any, str | None]]:
    """The outcome of each job (path, rows or None, failure), in the order they finish; ``limits``
    defaults to ``LIMITS``."""
    from core.store.analysis import Failure

    limits = limits or LIMITS

    pending = list(reversed(jobs))
    ctx = _context()
    pool: list[_Worker] = []

    def feed() -> None:  # each worker its next file, and one more ahead where it is small
        for w in pool:
            while pending and w.wants(pending[-1]):
                w.give(pending.pop())

    try:
        for _ in range(max(1, min(workers, len(jobs)))):
            pool.append(_Worker(ctx, limits))
        feed()
        while any(w.job is not None for w in pool):
            if cancelled():
                return
            busy = [w for w in pool if w.job is not None]
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=0.2)
            now = time.monotonic()
            for i, w in enumerate(pool):
                if w.job is None:
                    continue
                path = w.job[0]
                outcome: tuple[str, Any, str | None] | None = None
                replace = False
                if w.conn in ready:
                    try:
                        outcome = pickle.loads(w.conn.recv_bytes())
                    except (EOFError, OSError):
                        w.process.join(5)
                        outcome = (path, None, Failure(messages.worker_died(w.process.exitcode, limits)))
                        replace = True
                elif w.process.sentinel in ready:
                    w.process.join(5)
                    outcome = (path, None, Failure(messages.worker_died(w.process.exitcode, limits)))
                    replace = True
                elif now - w.since > limits.wall_seconds:
                    outcome = (path, None, Failure(messages.worker_timeout(limits.wall_seconds)))
                    replace = True
                if outcome is None:
                    continue
                if replace:  # the file given ahead goes back to the front of the queue
                    pending.extend(reversed(list(w.jobs)[1:]))
                    w.jobs.clear()
                    w.stop(kill=True)
                    w = pool[i] = _Worker(ctx, limits)
                else:
                    w.done()
                feed()
                yield outcome
                if cancelled():
                    return
    finally:
        for w in pool:
            w.stop(kill=w.job is not None)
