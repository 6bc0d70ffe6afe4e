"""Every Chinese UI string in gui/ has its English translation: a string added without one fails here
(refresh with ``uv run python resources/translations/update.py``)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "hecha_en.ts"


def _pairs(ts: Path) -> dict[tuple[str, str], str]:
    """(context, source) → translation: Qt looks a text up by both, so a text filed under another
    context (or none) stays Chinese at run time."""
    return {
        (c.findtext("name") or "", m.findtext("source") or ""): (m.findtext("translation") or "").strip()
        for c in ET.parse(ts).getroot().iter("context")
        for m in c.iter("message")
        if (
            m.find("translation") is None or m.find("translation").get("type") not in ("obsolete", "vanished")
        )
    }


def test_every_ui_string_is_translated_in_its_context(tmp_path: Path) -> None:
    lupdate = shutil.which("pyside6-lupdate") or str(Path(sys.executable).parent / "pyside6-lupdate")
    if not Path(lupdate).exists():
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "gui").rglob("*.py"))
    subprocess.run([lupdate, *sources, "-ts", str(fresh)], check=True, capture_output=True)
    found = _pairs(fresh)
    # a module-level tr() wrapper files its texts under no context: lupdate cannot see the real one
    assert [src for ctx, src in found if not ctx] == []
    have = _pairs(TS)
    assert [key for key in have if not key[0]] == []
    assert [key for key in found if not have.get(key)] == []
    # every module of the window was read, in whatever folder it lives: each context of the catalogue
    # (but those filled from data or from Qt) comes from the sources
    from_data = {"Actions", "Vocab", "Formula", "QPlatformTheme"}
    assert {ctx for ctx, _ in have} - from_data <= {ctx for ctx, _ in found}


def test_every_action_text_is_translated() -> None:
    """Actions, menus and the F1 places are declared as data in gui/shell/actions.py (context Actions)."""
    from gui.shell.actions import MENU_TITLES, SCOPE_NAMES, SPECS

    have = _pairs(TS)
    texts = [s.text for s in SPECS] + list(MENU_TITLES.values()) + list(SCOPE_NAMES.values())
    assert [t for t in texts if not have.get(("Actions", t))] == []


def test_the_english_window_shows_no_chinese_in_its_panels(qtbot: Any, tmp_path: Path) -> None:
    """What a user of the English UI reads first: panel titles, table tabs, the checks' and the
    comparison's headers, the menus and the export dialog."""
    from PySide6.QtCore import QCoreApplication, Qt, QTranslator

    from core.store import Workspace
    from gui.export.exportdialog import ExportDialog
    from gui.shell.mainwindow import MainWindow
    from gui.shell.settings import Settings

    t = QTranslator()
    assert t.load(str(TS.with_suffix(".qm")))
    QCoreApplication.installTranslator(t)
    try:
        w = MainWindow(Settings(tmp_path / "s.ini"))
        qtbot.addWidget(w)
        ws = Workspace.open(tmp_path / "w.sqlite", "R")
        w.set_workspace(ws)
        wb = w.workbench
        shown = [wb.tables_dock.windowTitle(), wb.checks_dock.windowTitle(), wb.compare_dock.windowTitle()]
        shown += [wb.tables.tabs.tabText(k) for k in range(wb.tables.tabs.count())]
        for model in (wb.checks.model, wb.compare.diff_view.model(), w.model):
            shown += [
                str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(model.columnCount())
            ]
        shown += [a.text() for a in w.menuBar().actions()]
        shown += [a.text() for a in w.actions_by_id.values()]
        dlg = ExportDialog(ws, [], parent=w)
        shown += [dlg.windowTitle()] + [b.text() for b in dlg.scope.values()]
        chinese = [s for s in shown if any("\u4e00" <= ch <= "\u9fff" for ch in s)]
        assert chinese == []
        w.close()
    finally:
        QCoreApplication.removeTranslator(t)


def test_every_vocabulary_wording_is_translated() -> None:
    """Statuses, qualifiers and rule names come from core.vocab (shown through gui.widgets.style.term)."""
    from core import vocab

    words = {
        m.findtext("source") or "": (m.findtext("translation") or "").strip()
        for c in ET.parse(TS).getroot().iter("context")
        if c.findtext("name") == "Vocab"
        for m in c.iter("message")
    }
    assert [w for w in vocab.wordings() if not words.get(w)] == []
