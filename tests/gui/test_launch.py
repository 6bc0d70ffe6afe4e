"""Starting the window: the first picture comes before anything it does not show is loaded or run.

A reviewer waits for the window on every start; the modules behind the hidden docks (tables,
comparison), the exports, the readers of PDF and DOCX files, the script converter and the figure
readers are loaded when first used, and the whole-file check of the workspace starts after the
first paint.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject

ROOT = Path(__file__).resolve().parents[2]

# What the first paint of a workspace of plain-text reports does not need (each a module or package)
HEAVY = (
    "pypdfium2",  # PDF pages: loaded when a PDF report is shown
    "pdfplumber",  # the second reading of PDF tables: import only
    "docx",  # DOCX reports and the problem letters
    "xlsxwriter",  # the workbook export and its charts
    "sqlite_utils",  # migrations of an older workspace file
    "opencc",  # 繁体 display and search: converted on first use
    "core.documents",  # the readers: opening a report
    "core.figures",  # finding figures: import and the narrative checks
    "core.tables",  # reading tables: import; the tables dock's layout
    "core.compare",  # last year against this year
    "core.export",  # exports, the problem list, the review record
    "gui.tables",  # the 标准表格 dock, hidden at start
    "gui.compare.compare",  # the 对比 dock, hidden at start
    "gui.export",  # the export dialog
    "gui.signoff.record",  # the review record's print preview
    "gui.shell.dialogs",  # the reviewer's name, F1, 关于, the import's progress and summary
    "gui.widgets.pdfview",  # the PDF pages view: made when a PDF report is shown
)

_CHILD = """
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
from gui.shell import main

class FirstPaint(QObject):
    def eventFilter(self, obj, e):
        if e.type() == QEvent.Type.Paint and isinstance(obj, QWidget):
            w = obj.window()
            if type(w).__name__ == "MainWindow":
                app.removeEventFilter(self)
                QTimer.singleShot(0, lambda: report(w))
        return False

def report(w):
    print(json.dumps({"modules": sorted(sys.modules), "reports": w.reports.model.rowCount(),
                      "figures": w.model.rowCount()}))
    app.exit(0)

first = FirstPaint()
app.installEventFilter(first)
sys.exit(main.run(["--workspace", sys.argv[1], "--settings", sys.argv[2]]))
"""


def test_first_paint_loads_nothing_it_does_not_show(ws_path: Path, tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    r = subprocess.run(
        [sys.executable, "-c", _CHILD, str(ws_path), str(tmp_path / "settings.ini")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    got = json.loads(r.stdout.strip().splitlines()[-1])
    assert got["reports"] == 2 and got["figures"] > 0  # the window did show the workspace and a report
    loaded = [name for name in got["modules"] if any(name == h or name.startswith(h + ".") for h in HEAVY)]
    assert loaded == []


# Started as ``hecha`` starts: the window's modules are the first of Qt's in the process (the collector
# is held while they load and the window is built), then F1 right after the first paint.
_STARTED_AS_THE_PROGRAM = """
import gc, json, sys
from gui.shell import main
held_at_import = not gc.isenabled()
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

shown = []
QDialog.exec = lambda self: shown.append(type(self).__name__) or 0

class FirstPaint(QObject):
    def eventFilter(self, obj, e):
        if e.type() == QEvent.Type.Paint and isinstance(obj, QWidget) and type(obj.window()).__name__ == "MainWindow":
            app = QApplication.instance()
            app.removeEventFilter(self)
            w = obj.window()
            painting = not gc.isenabled()
            QTimer.singleShot(0, lambda: report(app, w, painting))
        return False

def report(app, w, painting):
    after = gc.isenabled()
    dialogs_before = "gui.shell.dialogs" in sys.modules
    QTest.keyClick(w, Qt.Key.Key_F1)
    print(json.dumps({"held_at_import": held_at_import, "held_while_painting": painting,
                      "collecting_after": after, "frozen": gc.get_freeze_count(),
                      "dialogs_before": dialogs_before, "shown": shown}))
    app.exit(0)

first = FirstPaint()
def install():
    QApplication.instance().installEventFilter(first)
main.make_app = (lambda make: lambda lang="zh": (make(lang), install())[0])(main.make_app)
sys.exit(main.run(["--workspace", sys.argv[1], "--settings", sys.argv[2]]))
"""


def test_collector_is_held_while_the_window_starts_and_f1_works_right_after(
    ws_path: Path, tmp_path: Path
) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    r = subprocess.run(
        [sys.executable, "-c", _STARTED_AS_THE_PROGRAM, str(ws_path), str(tmp_path / "settings.ini")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    got = json.loads(r.stdout.strip().splitlines()[-1])
    assert got["held_at_import"] and got["held_while_painting"]
    # let go once the window has painted, what the start made frozen out of later collections
    assert got["collecting_after"] and got["frozen"] > 10000
    # the dialogs' module was not loaded for the first paint, and F1 shows the shortcuts all the same
    assert not got["dialogs_before"] and got["shown"] == ["ShortcutHelp"]


def test_collector_is_left_alone_where_qt_was_there_first() -> None:
    """A process that already uses Qt (this test session) keeps its collector as it was."""
    import gc

    from gui.shell import startup

    startup.hold_collector()
    assert gc.isenabled() and not startup.held()


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.n = 0

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        if e.type() == QEvent.Type.Paint:
            self.n += 1
        return False


def test_whole_file_check_runs_after_the_first_paint_and_still_warns(
    qtbot: Any, settings: Any, ws_path: Path, no_dialogs: list[str], monkeypatch: Any
) -> None:
    from core.errors import StoreError
    from core.store import Workspace
    from gui.shell import mainwindow
    from gui.shell.mainwindow import MainWindow

    win = MainWindow(settings)
    qtbot.addWidget(win)
    paints = _Paints()
    win.installEventFilter(paints)
    seen: list[int] = []

    def damaged(path: str, progress: Any, cancelled: Any) -> None:
        seen.append(paints.n)
        raise StoreError(f"{path}: 工作区文件已损坏")

    monkeypatch.setattr(mainwindow, "check_workspace", damaged)
    win.set_workspace(Workspace.open(ws_path, settings.reviewer, integrity=False))
    qtbot.wait(100)  # the window is not shown yet: nothing of the check may run
    assert seen == []
    win.show()
    qtbot.waitUntil(lambda: bool(seen) and any("已损坏" in t for t in no_dialogs))
    assert seen[0] >= 1  # it ran once the window had painted
    win.close()


def test_the_first_figure_far_down_a_long_report_is_in_view_at_the_first_paint(
    qtbot: Any, settings: Any, tmp_path: Path, no_dialogs: list[str]
) -> None:
    """The document is scrolled to the figure the review starts on before the window first paints (the
    view's size comes from its scroll bars, not from a handle on its viewport: TextView.viewport_rect)."""
    from core.store import Workspace
    from gui.shell.mainwindow import MainWindow

    filler = "本段没有数字需要核对，只是说明文字。\n" * 150
    text = "某区人民政府2023年政府信息公开工作年度报告\n" + filler + "全年收到政府信息公开申请86件。\n"
    report = tmp_path / "长报告.txt"
    report.write_text(text, encoding="utf-8")
    path = tmp_path / "long.sqlite"
    with Workspace.open(path, "测试员") as ws:
        ws.import_paths([str(report)])
    win = MainWindow(settings)
    qtbot.addWidget(win)
    paints = _Paints()
    view = win.pane.text
    view.viewport().installEventFilter(paints)
    seen: list[tuple[bool, int]] = []

    class _AtFirstPaint(QObject):
        def eventFilter(self, obj: QObject, e: QEvent) -> bool:
            if e.type() == QEvent.Type.Paint and not seen:
                cur = win.review.current()
                assert cur is not None
                s, end = view.qt_range(cur.start, cur.end)
                c = view.textCursor()
                c.setPosition(s)
                c.setPosition(end, c.MoveMode.KeepAnchor)
                seen.append(
                    (view.viewport().rect().contains(view.cursorRect(c)), view.verticalScrollBar().value())
                )
            return False

    first = _AtFirstPaint()
    view.viewport().installEventFilter(first)
    win.set_workspace(Workspace.open(path, settings.reviewer))
    assert win.model.rowCount() == 1 and win.pane.doc is not None and win.pane.doc.text.endswith("86件。\n")
    win.show()
    qtbot.waitUntil(lambda: bool(seen))
    in_view, scrolled = seen[0]
    assert in_view and scrolled > 0  # at the end of a long report, scrolled down to it
    win.close()


def test_the_text_views_size_from_its_scroll_bars_is_its_viewports(qtbot: Any) -> None:
    """TextView.viewport_rect (the scroll bars' page steps) is the viewport's rectangle whatever the
    view went through: before it is shown, shown, resized, another document, zoomed."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from gui.widgets.textview import TextView

    host = QWidget()
    qtbot.addWidget(host)
    view = TextView()
    QVBoxLayout(host).addWidget(view)
    long = "".join(f"第{k}行，共有数字{k}件。\n" for k in range(400))

    def same() -> bool:
        return view.viewport_rect() == view.viewport().rect()

    view.set_content("短", (), ())
    assert same()
    view.set_content(long, (), ())
    assert same()
    host.resize(800, 600)
    host.show()
    qtbot.waitExposed(host)
    assert same()
    for size in ((300, 200), (1400, 860)):
        host.resize(*size)
        qtbot.wait(10)
        assert same()
    view.set_content("短", (), ())
    assert same()
    view.zoomIn(3)
    qtbot.wait(10)
    assert same()


_DATACLASSES = """
import json, sys, typing
from gui.shell import main, startup
from dataclasses import dataclass, FrozenInstanceError
from decimal import Decimal

@dataclass(frozen=True)
class Row:
    id: int
    value: Decimal | None = None

r = Row(1, Decimal("2.5"))
try:
    r.id = 2
    frozen = False
except FrozenInstanceError:
    frozen = True
kept = startup.keep_compiled_methods()
print(json.dumps({"kept": len(kept.code) if kept else 0, "added": bool(kept and kept.added), "repr": repr(r), "equal": r == Row(1, Decimal("2.5")),
                  "frozen": frozen, "hints": str(typing.get_type_hints(Row.__init__)),
                  "annotation": str(Row.__init__.__annotations__["return"]), "path": str(startup.kept_methods_path())}))
"""


def _start_kept(code: str, tmp_path: Path, **more: str) -> dict[str, Any]:
    """Run ``code`` as a start of the program with its bytecode kept under ``tmp_path`` (as an installed
    copy keeps it), ``more`` in its environment; what it printed last, as JSON."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path / "bytecode")
    r = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, **more},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    return dict(json.loads(r.stdout.strip().splitlines()[-1]))


def test_the_dataclasses_methods_are_compiled_once_and_make_the_same_classes(tmp_path: Path) -> None:
    """The first start compiles the dataclasses' methods and keeps them beside the bytecode; the next
    takes them from there, compiling none, and its classes behave as ones compiled from source."""

    def start(**more: str) -> dict[str, Any]:
        return _start_kept(_DATACLASSES, tmp_path, **more)

    first, second = start(), start()
    assert first["added"] and first["kept"] > 100  # the workspace's rows, the documents, the words …
    assert Path(first["path"]).is_file() and str(tmp_path) in first["path"]
    assert not second["added"] and second["kept"] >= first["kept"]  # nothing compiled again
    plain = start(PYTHONDONTWRITEBYTECODE="1")  # no bytecode kept: compiled from source, as Python does
    assert plain["path"] == "None" and plain["kept"] == 0
    for got in (first, second):
        assert {k: got[k] for k in ("repr", "equal", "frozen", "hints", "annotation")} == {
            "repr": "Row(id=1, value=Decimal('2.5'))",
            "equal": True,
            "frozen": True,
            "hints": plain["hints"],
            "annotation": "None",
        }


def test_the_find_bar_is_made_with_the_first_ctrl_f_above_the_report_and_finds(
    window: Any, qtbot: Any
) -> None:
    """Hidden at start, the find bar is not made for the first paint; Ctrl+F makes it, above the report
    and below the legend, with the keyboard in it, and Enter finds."""
    from PySide6.QtCore import Qt

    pane = window.pane
    assert pane._findbar is None
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = pane.findbar
    qtbot.waitUntil(bar.isVisible)
    assert bar.edit.hasFocus()
    lay = pane.layout()
    assert lay.indexOf(pane.legend) < lay.indexOf(bar) < lay.indexOf(pane.stack)
    assert bar.geometry().bottom() <= pane.stack.geometry().top()
    word = pane.doc.text[2:6]
    bar.edit.setText(word)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert pane.text.textCursor().selectedText() == word and bar.status.text() == ""
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible() and pane.findbar is bar  # made once


def test_pyside_is_told_which_modules_use_it_as_it_would_find_out_itself() -> None:
    """PySide6's question to each module imported after it (does its source mention PySide6?) is answered
    from the module's file as bytes: the same answer as PySide6's own reading, for every module."""
    import shibokensupport.feature as feature  # PySide6's own module (its __feature__ switches)

    import gui.shell.main  # noqa: F401  (the window's start makes the change)

    quick = feature._mod_uses_pyside
    own = quick.__wrapped__
    modules = [m for m in list(sys.modules.values()) if m is not None]
    assert len(modules) > 300
    assert [quick(m) for m in modules] == [own(m) for m in modules]
    assert quick(sys.modules["gui.shell.mainwindow"]) and not quick(sys.modules["core.store.workspace"])


_PYSIDE = """
import builtins, json, sys
from gui.shell import startup
kept = startup.import_pyside_compiled_once()
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
try:
    QWidget().resize("x")
except TypeError as e:
    said = " ".join(str(e).split())
print(json.dumps({"kept": len(kept.code) if kept else 0, "added": bool(kept and kept.added), "said": said,
                  "compile": builtins.compile is startup._compile and type(compile).__name__}))
"""


def test_pysides_support_modules_are_compiled_once_and_work_as_compiled_from_source(tmp_path: Path) -> None:
    """PySide6's support modules (kept in its library as source) are compiled at the first start and
    taken from beside the bytecode at the next; its signatures, which a wrong call names, are the same
    as when they are compiled from source, and ``compile`` is the builtin again once PySide6 is in."""

    def start(**more: str) -> dict[str, Any]:
        return _start_kept(_PYSIDE, tmp_path, **more)

    first, second = start(), start()
    plain = start(PYTHONDONTWRITEBYTECODE="1")  # no bytecode kept: PySide6 imported as it comes
    assert first["added"] and first["kept"] >= 10  # signature_bootstrap and shibokensupport's modules
    assert not second["added"] and second["kept"] == first["kept"]
    assert (
        plain["kept"] == 0
        and "Supported signatures" in plain["said"]
        and "resize(w: int, h: int" in plain["said"]
    )
    assert first["said"] == second["said"] == plain["said"]
    assert first["compile"] == second["compile"] == "builtin_function_or_method"
    assert list((tmp_path / "bytecode").rglob("pyside-support.*.marshal"))
