"""The reviewer's hour on real reports: a full verification of a WPS-exported PDF and of a real web page,
in the real main window, with key presses only (each goes to the widget that has the keyboard; no action
is called, no mouse), every key counted; the exported values are the gold's.

Under ``pytest -s`` it prints one line per document: ``keys <file> <N>`` (N without the characters of
typed reasons).
"""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from keyboard_session import ALT, CTRL, SHIFT, Keyboard, open_report, window_session
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

session = pytest.fixture(window_session)


def _gold(shared: Path, gold: str, doc: str) -> dict[str, Any]:
    for line in (shared / "gold" / gold).read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        if d["doc"] == doc:
            return dict(d)
    raise KeyError(doc)


def _verify(win: Any, kb: Keyboard, qtbot: Any, rid: int) -> None:
    """The tables first (Ctrl+Shift+T, Ctrl+Alt+T per table, Ctrl+Tab between, Escape back), then each
    paragraph with figures still to check (Ctrl+Enter confirms the paragraph framed in the document; the
    list moves on by itself), then Ctrl+D."""
    tables = win.workbench.tables
    kb.press(Qt.Key.Key_T, CTRL | SHIFT)
    qtbot.waitUntil(lambda: any(v.hasFocus() for v in tables.views))
    for k in range(tables.tabs.count()):
        if k:
            kb.press(Qt.Key.Key_Tab, CTRL)
        kb.press(Qt.Key.Key_T, CTRL | ALT)
    kb.press(Qt.Key.Key_Escape)
    qtbot.waitUntil(win.table.hasFocus)
    for _ in range(win.model.rowCount()):
        if not any(f.status == "pending" for f in win.ws.figures(rid)):
            break
        kb.press(Qt.Key.Key_Return, CTRL)
    kb.press(Qt.Key.Key_D, CTRL)


def _exported(win: Any, rid: int, tmp_path: Path) -> dict[str, Any]:
    from core.export import to_csv

    out = tmp_path / "out.csv"
    to_csv(win.ws, out, [rid], codes=True)
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["kind"] != "figure"]
    return {r["indicator"]: r["value"] for r in rows}


def _same(got: str, want: Any) -> bool:
    if want is None:
        return got == ""
    try:
        return Decimal(got) == Decimal(str(want))
    except ArithmeticError:
        return False


@pytest.mark.parametrize(
    ("folder", "doc", "gold"),
    [("wps-like", "wps-like-1.pdf", "wps-like.jsonl"), ("real", "pingtan-2022.html", "real.jsonl")],
)
def test_a_real_report_is_verified_with_few_keys_and_exports_the_gold(
    session: tuple[Any, Keyboard],
    qtbot: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shared: Path,
    folder: str,
    doc: str,
    gold: str,
) -> None:
    win, kb = session
    want = _gold(shared, gold, doc)
    rid = open_report(win, kb, qtbot, monkeypatch, shared / "corpus" / folder / doc)
    _verify(win, kb, qtbot, rid)
    ws = win.ws
    assert all(f.status in ("confirmed", "corrected") for f in ws.figures(rid))
    assert all(v.status in ("confirmed", "corrected") for v in ws.indicators(rid).values())
    assert next(r for r in ws.reports() if r.id == rid).status == "done"
    got = _exported(win, rid, tmp_path)
    wrong = {k: (got.get(k), v) for k, v in want["indicators"].items() if not _same(got.get(k, "?"), v)}
    assert not wrong
    print(f"keys {doc} {kb.count}")  # noqa: T201
    assert kb.count <= 25


def test_the_pdf_frames_the_source_of_the_cell_under_the_cursor(
    session: tuple[Any, Keyboard], qtbot: Any, monkeypatch: pytest.MonkeyPatch, shared: Path
) -> None:
    """Moving through table 三 with the arrow keys scrolls the PDF to each cell's number and frames it."""
    win, kb = session
    open_report(win, kb, qtbot, monkeypatch, shared / "corpus" / "wps-like" / "wps-like-1.pdf")
    tables = win.workbench.tables
    kb.press(Qt.Key.Key_T, CTRL | SHIFT)
    qtbot.waitUntil(lambda: any(v.hasFocus() for v in tables.views))
    kb.press(Qt.Key.Key_Tab, CTRL)  # 表三
    pages = win.pane.pdf.pages
    area = pages.parent()
    while area is not None and not hasattr(area, "viewport"):
        area = area.parent()
    seen = set()
    for _ in range(22):
        kb.press(Qt.Key.Key_Down)
        view = tables.views[tables.tabs.currentIndex()]
        ind = view.currentIndex().data(Qt.ItemDataRole.UserRole + 1)
        want = tables.source_of(ind)
        assert want is not None and pages.framed() == want, ind
        rects = pages.range_rects(*want)
        r = rects[0][1].toRect()
        top_left = pages.mapTo(area.viewport(), r.topLeft())
        assert area.viewport().rect().contains(top_left), (ind, top_left)  # in sight
        seen.add(rects[0][0])
    assert len(seen) >= 2  # table 三 runs over a page break: the view followed it


def test_search_across_the_reports_opens_the_place_from_the_keyboard(
    session: tuple[Any, Keyboard], qtbot: Any, monkeypatch: pytest.MonkeyPatch, shared: Path
) -> None:
    """Ctrl+Shift+F, the words, Enter lists the hits across the workspace, Enter opens the one chosen:
    its report shown, the place framed in the document."""
    win, kb = session
    pdf = open_report(win, kb, qtbot, monkeypatch, shared / "corpus" / "wps-like" / "wps-like-1.pdf")
    page = open_report(win, kb, qtbot, monkeypatch, shared / "corpus" / "real" / "pingtan-2022.html")
    assert win.review.report_id == page
    kb.press(Qt.Key.Key_F, CTRL | SHIFT)
    qtbot.waitUntil(lambda: win.search_dialog is not None and win.search_dialog.edit.hasFocus())
    for ch in "5441":  # a figure only the PDF's text holds
        kb.press(getattr(Qt.Key, f"Key_{ch}"))
    kb.press(Qt.Key.Key_Return)
    dialog = win.search_dialog
    # the search reads the reports in the background: the hits are listed as they are found
    qtbot.waitUntil(lambda: not dialog.searching() and dialog.results.count() >= 1)
    assert dialog.results.hasFocus()
    hit = dialog.hits[0]
    assert hit.report_id == pdf and hit.field == "正文"
    kb.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.review.report_id == pdf)
    qtbot.wait(50)  # the report's current figure is shown on the next turn: the hit stays in sight after it
    pages = win.pane.pdf.pages
    assert pages.framed() == (hit.start, hit.end)
    area = pages.parent()
    while area is not None and not hasattr(area, "viewport"):
        area = area.parent()
    r = pages.range_rects(hit.start, hit.end)[0][1].toRect()
    assert area.viewport().rect().contains(pages.mapTo(area.viewport(), r.center()))
    assert win.ws.texts([pdf])[pdf][hit.start : hit.end] == "5441"


def test_every_dock_is_reached_and_left_with_the_keyboard(
    session: tuple[Any, Keyboard], qtbot: Any, monkeypatch: pytest.MonkeyPatch, shared: Path
) -> None:
    """Ctrl+Shift+T / K / C put the keyboard in the tables, the checks, the comparison; Escape brings it
    back to the figures."""
    win, kb = session
    open_report(win, kb, qtbot, monkeypatch, shared / "corpus" / "real" / "pingtan-2022.html")
    docks = {
        Qt.Key.Key_T: win.workbench.tables_dock,
        Qt.Key.Key_K: win.workbench.checks_dock,
        Qt.Key.Key_C: win.workbench.compare_dock,
    }
    for key, dock in docks.items():
        kb.press(key, CTRL | SHIFT)
        qtbot.waitUntil(lambda d=dock: d.isAncestorOf(QApplication.focusWidget()))
        kb.press(Qt.Key.Key_Escape)
        qtbot.waitUntil(win.table.hasFocus)


def test_ctrl_delete_marks_a_cell_not_stated_and_ctrl_z_takes_it_back(
    session: tuple[Any, Keyboard], qtbot: Any, monkeypatch: pytest.MonkeyPatch, shared: Path
) -> None:
    from core import vocab

    win, kb = session
    rid = open_report(win, kb, qtbot, monkeypatch, shared / "corpus" / "real" / "pingtan-2022.html")
    tables = win.workbench.tables
    kb.press(Qt.Key.Key_T, CTRL | SHIFT)
    qtbot.waitUntil(lambda: any(v.hasFocus() for v in tables.views))
    view = tables.views[tables.tabs.currentIndex()]
    ind = view.currentIndex().data(Qt.ItemDataRole.UserRole + 1)
    before = win.ws.indicators(rid)[ind]
    kb.press(Qt.Key.Key_Delete, CTRL)
    assert win.ws.indicators(rid)[ind].kind == vocab.NOT_STATED
    assert view.currentIndex().data() == "未填报"
    kb.press(Qt.Key.Key_Z, CTRL)
    after = win.ws.indicators(rid)[ind]
    assert (after.kind, after.value) == (before.kind, before.value)
