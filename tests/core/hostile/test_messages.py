"""Messages in the project's voice: a write is never worded as a read, a workspace that cannot be
what it is named (a device, a name too long for SQLite's side files) says why, a damaged DOCX is
refused without libxml2's English, a busy workspace is opened after retrying as writers do, and an
output's temporary name fits the file system's 255 bytes."""

from __future__ import annotations

import errno
import io
import os
import re
import sqlite3
import threading
import time
import zipfile
from pathlib import Path

import pytest

from core import documents, messages
from core.errors import LoadError, StoreError
from core.store import Workspace, db


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EFBIG, errno.EIO, errno.ENAMETOOLONG, errno.EINVAL])
def test_a_failed_write_is_never_worded_as_a_read(code: int) -> None:
    reason = messages.write_reason(OSError(code, os.strerror(code)))
    assert "读取" not in reason and ("写入" in reason or "保存" in reason), reason


def test_a_record_written_empty_is_a_write_failure() -> None:
    reason = messages.write_reason(OSError("未能写入任何内容，磁盘可能已满或没有写入权限"))
    assert "无法读取" not in reason and "写入" in reason


def test_the_workspace_on_a_device_is_refused_clearly(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as e:
        Workspace.open("/dev/null", "张三")
    assert "不是普通文件" in str(e.value) and "rollback" not in str(e.value)


@pytest.mark.parametrize("chars", [81, 84])  # 250 and 259 bytes: SQLite needs name-journal beside it
def test_a_workspace_name_too_long_says_so(tmp_path: Path, chars: int) -> None:
    p = tmp_path / ("工" * chars + ".sqlite")
    with pytest.raises(StoreError) as e:
        Workspace.open(p, "张三")
    assert "文件名过长" in str(e.value) and "文件夹不存在" not in str(e.value)


def test_a_workspace_in_a_missing_folder_says_which(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as e:
        Workspace.open(tmp_path / "无此文件夹" / "w.sqlite", "张三")
    assert "所在文件夹不存在" in str(e.value)


def test_a_damaged_docx_is_refused_without_libxml2s_english(tmp_path: Path) -> None:
    from docx import Document

    d = Document()
    d.add_paragraph("某区2023年政府信息公开工作年度报告")
    buf = io.BytesIO()
    d.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "word/document.xml":
                body = body.replace(b"</w:body>", b"<w:p></w:body>")  # an element left open
            z.writestr(info.filename, body)
    p = tmp_path / "损坏.docx"
    p.write_bytes(out.getvalue())
    with pytest.raises(LoadError) as e:
        documents.load(p)
    english = re.findall(r"[A-Za-z_]{3,}", e.value.reason.replace("Word（.docx）", "").replace("WPS", ""))
    assert "损坏" in e.value.reason and set(english) <= {"Word", "XML"}, e.value.reason


def test_a_busy_workspace_is_opened_after_retrying(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another process holds the write lock longer than one wait: the open retries as writers do."""
    p = tmp_path / "w.sqlite"
    Workspace.open(p, "张三").close()
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 200)
    other = sqlite3.connect(p, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN EXCLUSIVE")
    timer = threading.Timer(1.0, lambda: other.execute("COMMIT"))
    timer.start()
    t0 = time.monotonic()
    try:
        ws = Workspace.open(p, "李四")
        ws.close()
    finally:
        timer.join()
        other.close()
    assert time.monotonic() - t0 >= 0.9


@pytest.mark.parametrize("size", [251, 253, 255])
def test_an_output_name_at_the_limit_is_written(tmp_path: Path, size: int) -> None:
    from core.export import to_csv

    name = "报" * ((size - 4) // 3) + "x" * ((size - 4) % 3) + ".csv"
    assert len(name.encode()) == size
    assert len(os.path.basename(messages.part_path(tmp_path / name, ".xlsx")).encode()) <= 255
    with Workspace.open(tmp_path / "w.sqlite", "张三") as ws:
        to_csv(ws, tmp_path / name)
    assert (tmp_path / name).exists() and [p.name for p in tmp_path.iterdir() if ".part" in p.name] == []


def test_a_reason_longer_than_a_cell_continues_with_a_mark(tmp_path: Path) -> None:
    """A 40,000-character reason (a cell holds 32,767): the 审核记录 keeps all of it, the cut marked."""
    import openpyxl

    from core.export import sheet, to_xlsx

    report = tmp_path / "报告.txt"
    report.write_text(
        "某区人民政府2023年政府信息公开工作年度报告\n本年新收政府信息公开申请 37 件，办结 30 件。\n", "utf-8"
    )
    reason = "".join(f"第{k}条理由。" for k in range(6000))
    assert len(reason) > 40_000
    with Workspace.open(tmp_path / "w.sqlite", "张三") as ws:
        (rid,) = ws.import_paths([report], workers=1).report_ids
        check = next(iter(ws.checks(rid)), None)
        if check is None:
            pytest.skip("the report has no check to accept")
        ws.accept_check(rid, check.rule, check.subject, reason)
        out = tmp_path / "核查结果.xlsx"
        to_xlsx(ws, out)
    wb = openpyxl.load_workbook(out, read_only=True)
    texts = [
        str(v)
        for ws_ in wb.worksheets
        if ws_.title.startswith("审核记录")
        for row in ws_.iter_rows(values_only=True)
        for v in row
        if isinstance(v, str)
    ]
    pieces = [t for t in texts if t.endswith(sheet.GOES_ON) or t.startswith(sheet.GOES_ON_FROM)]
    assert len(pieces) >= 2 and all(len(t) <= sheet.CELL_MAX for t in pieces)
    joined = "".join(t.removeprefix(sheet.GOES_ON_FROM).removesuffix(sheet.GOES_ON) for t in pieces)
    assert reason in joined
