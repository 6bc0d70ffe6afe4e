"""Every load warning reaches the reviewer in the window: the import summary lists it, the report
list marks the report, and a banner over the report says it while the report is in view."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "samples" / "示范市政府办公室2023年政府信息公开工作年度报告.txt"


def test_a_damaged_report_is_flagged_in_summary_list_and_banner(
    window: Any, qtbot: Any, tmp_path: Path, no_dialogs: list[str]
) -> None:
    data = SAMPLE.read_bytes()
    i = data.index("主动公开".encode()) + 1
    p = tmp_path / "有坏字节.txt"
    p.write_bytes(data[:i] + b"\xff" + data[i + 1 :])  # one bad byte in a UTF-8 file
    task = window.import_paths([str(p)])
    # the summary is written when the window handles the finished task, just after ``task.done``
    qtbot.waitUntil(lambda: task.done and bool(window.last_import_text), timeout=30_000)
    assert "有坏字节.txt" in window.last_import_text and "无法按 utf-8 解码" in window.last_import_text
    assert any("有坏字节.txt" in s for s in no_dialogs)  # shown in a box, not only in the status bar

    (rid,) = task.result.report_ids
    model = window.reports.model
    row = model.row_of(rid)
    assert row is not None
    assert model.data(model.index(row), Qt.ItemDataRole.DisplayRole).startswith("⚠")
    clean = next(r for r in range(model.rowCount()) if r != row)
    assert not model.data(model.index(clean), Qt.ItemDataRole.DisplayRole).startswith("⚠")

    window.review.load_report(rid)
    banner = window.pane.banner
    qtbot.waitUntil(banner.isVisible)
    assert "无法按 utf-8 解码" in banner.text()
    other = model.report(clean).id
    window.review.load_report(other)
    qtbot.waitUntil(lambda: not banner.isVisible())
