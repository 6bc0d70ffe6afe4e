"""One file analysed into the rows the workspace stores (in a worker process: ``isolation``); what went
wrong comes back as text, with the traceback of an unexpected error kept for the log."""

from __future__ import annotations

import traceback

from core import documents
from core.errors import HechaError, LoadError
from core.messages import shown_path
from core.store.storing import ReportRows

Outcome = tuple[str, ReportRows | None, str | None]  # path, the report's rows, error


class Failure(str):
    """A file's one-line reason, with the traceback of an unexpected error (a bug in a reader) kept
    for the log: it crosses from a worker process to the importing one, where the log is."""

    details: str

    def __new__(cls, reason: str, details: str = "") -> Failure:
        out = super().__new__(cls, reason)
        out.details = details
        return out

    def __reduce__(self) -> tuple[type[Failure], tuple[str, str]]:
        return Failure, (str(self), self.details)


def _unexpected(e: BaseException) -> str:
    """The traceback of an unexpected error, or of the one a LoadError wraps; '' for a plain reason."""
    cause = e if not isinstance(e, HechaError) else e.__cause__
    if cause is None or isinstance(cause, (OSError, MemoryError, RecursionError, HechaError)):
        return ""
    return "".join(traceback.format_exception(cause))


def analyse_file(path: str, data: bytes | None = None) -> Outcome:
    """Parse one file (runs in a worker process). Errors come back as text, never as exceptions.

    The file is read once (``data``, when the importer has read it already to find its sha256): its
    sha256, text, figures and the stored original all come from the same bytes, so a file changed
    while it is imported is stored as it was read, consistently."""
    from core import pipeline
    from core.store import storing

    try:
        if data is None:
            data = documents.read(path)
        ex = pipeline.analyse_document(documents.from_bytes(path, data))
        return path, storing.rows_of(ex, data), None
    except LoadError as e:
        return path, None, Failure(e.reason, _unexpected(e))
    except HechaError as e:
        return path, None, Failure(str(e).removeprefix(f"{shown_path(path)}: "), _unexpected(e))
    except MemoryError:
        return path, None, "文件内容过大，内存不足，无法读取；请拆分后再导入"
    except Exception as e:  # a bug in a parser must not stop the batch; its traceback goes to the log
        return path, None, Failure(f"无法处理（{type(e).__name__}），请把此文件发给维护人员", _unexpected(e))
