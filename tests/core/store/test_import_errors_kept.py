"""Importing keeps what it learns: an unexpected error while reading a report (a bug in a reader) is one
clear line for the reviewer and its whole traceback in the log, for whoever fixes it (never only the
exception's type name); the bytes read to find a file's sha256 are the bytes analysed (read once)."""

from __future__ import annotations

import logging
import pickle
from pathlib import Path

import pytest

from core.store import Workspace
from core.store.importer import Failure


def _reader_bug(*_args: object, **_kw: object) -> None:
    raise ZeroDivisionError("a reader's own bug")


def test_an_importers_unexpected_error_keeps_its_traceback_in_the_log(
    ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import core.documents.txt

    monkeypatch.setattr(core.documents.txt, "load", _reader_bug)
    (tmp_path / "报告.txt").write_text(
        "某区2023年政府信息公开工作年度报告\n本年新收申请 12 件。", encoding="utf-8"
    )
    # read in this process (workers=0): a reader patched here is not the one a worker process runs,
    # whose errors cross back as a ``Failure`` with the same details (the next test)
    with caplog.at_level(logging.ERROR, logger="core"):
        r = ws.import_paths([tmp_path / "报告.txt"], workers=0)
    assert r.added == 0
    [(name, reason)] = r.errors
    assert name.endswith("报告.txt") and "ZeroDivisionError" in reason and "Traceback" not in reason
    logged = "\n".join(
        rec.getMessage() + (logging.Formatter().formatException(rec.exc_info) if rec.exc_info else "")
        for rec in caplog.records
    )
    assert "Traceback" in logged and "a reader's own bug" in logged and "_reader_bug" in logged


def test_a_failure_crosses_to_the_importing_process_with_its_details() -> None:
    f = pickle.loads(pickle.dumps(Failure("无法处理", "Traceback …")))
    assert (str(f), f.details) == ("无法处理", "Traceback …")


def test_each_imported_file_is_read_once(
    ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding a file's sha256 (to skip a report already there) and analysing it use the same read."""
    from store_helpers import write_corpus

    import core.documents

    paths = write_corpus(tmp_path / "in", 3)
    reads: list[str] = []
    real = core.documents.read

    def counted(path: object) -> bytes:
        reads.append(str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(core.documents, "read", counted)
    r = ws.import_paths([tmp_path / "in"], workers=1)
    assert r.added == len(paths)
    assert sorted(reads) == sorted(set(reads)) and len(reads) == len(paths)
