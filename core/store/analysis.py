"""One file analysed into the rows the workspace stores (in a worker process: ``isolation``); what went
wrong comes back as text, with the traceback of an unexpected error kept for the log."""

from __future__ import annotations

from core import documents
from core.isolation import Failure as Failure  # the importer's name for a file's reason
from core.isolation import failure
from core.store.storing import ReportRows

Outcome = tuple[str, ReportRows | None, str | None]  # path, the report's rows, error


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
    except Exception as e:  # a bug in a parser must not stop the batch; its traceback goes to the log
        return path, None, failure(path, e)
