"""Fixtures for the table, checks, comparison and export tests: a workspace in tmp_path holding
sample reports from resources/samples (the DOCX with all three tables; 示范市人民政府办公室 2022 in
traditional Big5 and its 2023 report)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
DOCX = "示范市交通运输局2023年政府信息公开工作年度报告.docx"
OFFICE_2022 = "示範市政府辦公室2022年政府信息公開工作年度報告.txt"
OFFICE_2023 = "示范市政府办公室2023年政府信息公开工作年度报告.txt"


def import_samples(ws: Any, names: list[str]) -> dict[str, int]:
    res = ws.import_paths([str(SAMPLES / n) for n in names])
    assert not res.errors, res.errors
    by_path = {Path(r.path).name: r.id for r in ws.reports()}
    return {n: by_path[n] for n in names}


@pytest.fixture
def sample_ws(tmp_path: Path) -> Iterator[tuple[Any, dict[str, int]]]:
    """An open workspace with the DOCX sample and the two years of 示范市人民政府办公室."""
    from core.store import Workspace

    ws = Workspace.open(tmp_path / "ws.sqlite", "审核员甲")
    ids = import_samples(ws, [DOCX, OFFICE_2022, OFFICE_2023])
    yield ws, ids
    ws.close()


@pytest.fixture
def win(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Any, dict[str, int]]]:
    """The real main window on a workspace with the three samples, the DOCX report shown."""
    from PySide6.QtWidgets import QDialog, QMessageBox

    from core.store import Workspace
    from gui.shell.mainwindow import MainWindow
    from gui.shell.settings import Settings

    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    monkeypatch.setattr(QDialog, "exec", lambda self: 0)
    settings = Settings(tmp_path / "settings.ini")
    settings.reviewer = "审核员乙"
    path = tmp_path / "ws.sqlite"
    with Workspace.open(path, "审核员乙") as ws:
        ids = import_samples(ws, [DOCX, OFFICE_2022, OFFICE_2023])
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.set_workspace(Workspace.open(path, "审核员乙"))
    w.show()
    qtbot.waitUntil(w.first_report_shown)
    w.review.load_report(ids[DOCX])
    yield w, ids
    w.close()
