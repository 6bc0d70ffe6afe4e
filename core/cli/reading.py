"""``hecha text`` and ``hecha extract`` read each file in a worker process with the import's limits
(``core.isolation``): a reader that crashes, aborts (PDFium inside C) or passes a limit fails
that file with a sentence saying so, and the other files given on the command line are still read.

The worker is reused from one file to the next (a new one after a crash) and the outcomes come back
in the order the files were given. The tasks here run in the worker; what they send back is what
the command prints (the JSON text of a report, its dict, or the canonical text), not model objects.
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Callable, Generator, Sequence
from typing import TYPE_CHECKING

from core import isolation, messages

if TYPE_CHECKING:
    from core.model import Extraction

TEXT = "core.cli.reading:text_of"
EXTRACT = "core.cli.reading:extraction_of"
# What ``extraction_of`` sends back: the streamed JSON text, the JSON dict (``--pretty``, the listing),
# or only whether last year's report could be read (``--previous``, checked before the others).
JSON, DICT, PREVIOUS = "json", "dict", "previous"

_previous: dict[str, Extraction] = {}  # in a worker: last year's report, read once per worker


# One worker, reused from file to file: reading costs what it did in one process (measured over the
# corpus: within noise). A second worker warms its own caches (~0.3 s of CPU) and on a busy machine
# made 87 files 0.9 s slower, not faster.
WORKERS = 1


def read(
    jobs: Sequence[isolation.Job], task: str, cancelled: Callable[[], bool] = lambda: False
) -> Generator[isolation.Outcome, None, None]:
    """Each job's (path, what the task sent back or None, the reason it failed), in the jobs' order.

    The command line runs no other thread, so its workers are forked from it: what they need is
    imported here, once, so a worker started after a crash starts warm."""
    from core import documents

    for name in {"core.pipeline" if task == EXTRACT else "core.documents"} | {
        f"core.documents.{documents.sniff(job[0], b'')}" for job in jobs
    }:
        importlib.import_module(name)
    return isolation.in_order(jobs, WORKERS, cancelled, task=task, work=messages.READING)


# ---- the tasks (in a worker) ---------------------------------------------------------------------
def text_of(path: str) -> isolation.Outcome:
    """The canonical text of ``path``."""
    from core import documents

    try:
        return path, documents.load(path).text, None
    except Exception as e:  # every error is this file's reason, said by the command
        return path, None, _failure(path, e)


def extraction_of(path: str, previous: str | None, form: str) -> isolation.Outcome:
    """``path`` analysed (with last year's report ``previous``), sent back as ``form`` says."""
    from core import pipeline
    from core.cli import report_json

    if form == PREVIOUS:  # ``path`` is last year's report: read it now, keep it for the others
        try:
            _last_year(path)
            return path, True, None
        except Exception as e:
            return path, None, _failure(path, e)
    try:
        last = _last_year(previous) if previous else None
    except Exception as e:  # read before, in another worker; not now
        return (
            path,
            None,
            f"上一年度报告 {messages.shown_path(previous or '')} 无法读取：{_failure(previous or path, e)}",
        )
    try:
        ex = pipeline.analyse(path, last)
        if form == DICT:
            return path, report_json.extraction_json(ex), None
        out = io.StringIO()
        report_json.write_json(out, ex)
        return path, out.getvalue(), None
    except Exception as e:
        return path, None, _failure(path, e)


def _last_year(path: str) -> Extraction:
    from core import pipeline

    if path not in _previous:
        _previous.clear()
        _previous[path] = pipeline.analyse(path)
    return _previous[path]


def _failure(path: str, e: Exception) -> str:
    return isolation.failure(path, e)
