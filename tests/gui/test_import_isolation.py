"""The window never dies from a file: a file whose reader aborts (as PDFium did on a 157 KB PDF) is
that file's failure in the import summary; the other reports are stored and the window goes on."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from core import isolation

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the abort hook is POSIX")

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def test_an_aborting_reader_leaves_the_window_alive(
    window: Any, qtbot: Any, tmp_path: Path, no_dialogs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "一批"
    folder.mkdir()
    (folder / "中止.pdf").write_bytes(MINIMAL_PDF)
    for k in range(3):
        (folder / f"报告{k}.txt").write_text(
            f"第{k}区人民政府2023年政府信息公开工作年度报告\n本年新收申请 {10 + k} 件。\n", "utf-8"
        )
    monkeypatch.setenv(isolation.ABORT_HOOK, "中止.pdf")
    before = window.reports.model.rowCount()
    task = window.import_paths([str(folder)])
    qtbot.waitUntil(lambda: task.done and bool(window.last_import_text), timeout=60_000)
    assert task.result.added == 3
    assert "中止.pdf" in window.last_import_text and "异常中止" in window.last_import_text
    assert window.last_import_text.startswith("将读取 4 个文件：文本 3 个、PDF 1 个")
    assert window.isVisible() and window.reports.model.rowCount() == before + 3
    # the window still works: a second import (a single file, also read in a worker) goes through
    single = tmp_path / "单个.txt"
    single.write_text("某县人民政府2023年政府信息公开工作年度报告\n本年新收申请 99 件。\n", "utf-8")
    task = window.import_paths([str(single)])
    qtbot.waitUntil(lambda: task.done, timeout=60_000)
    assert task.result.added == 1
