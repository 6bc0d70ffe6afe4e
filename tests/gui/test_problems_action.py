"""文件 → 导出问题清单…: a folder chosen, a DOCX letter per issuer and 问题清单.xlsx written there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from tablecheck_fixtures import win  # noqa: F401

from core.export import problems


def test_export_problems_from_the_file_menu(
    win: Any,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QFileDialog

    w, ids = win
    rid = next(iter(ids.values()))
    fig = next(f for f in w.ws.figures(rid) if f.value is not None)
    w.ws.correct(fig.id, fig.value + 1)  # a correction is a problem the issuer hears of
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    action = w.actions_by_id["export_problems"]
    assert action.text() and action in w.menuBar().actions()[0].menu().actions()
    action.trigger()
    items = problems.problems(w.ws)
    letters = sorted(tmp_path.glob("问题清单-*.docx"))
    assert len(letters) == len(problems.by_issuer(items)) >= 1
    assert problems.TITLE in docx.Document(str(letters[0])).paragraphs[0].text
    sheet = openpyxl.load_workbook(tmp_path / "问题清单.xlsx")["问题清单"]
    assert sheet.max_row == 1 + len(items)
    assert "问题" in w.statusBar().currentMessage() or "problems" in w.statusBar().currentMessage()
