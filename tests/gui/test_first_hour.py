"""The reviewer's first hour: the demo is a read-only example, the first report opened goes into the
reviewer's own workspace and is shown, recent workspaces are offered, the window fits small screens,
and the reviewer's place survives a crash."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

CHILD = Path(__file__).resolve().parent / "window_child.py"


@pytest.fixture
def demo(
    qtbot: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    reports_dir: Path,
    settings: Any,
    no_dialogs: list,
) -> Any:
    """The window as on first start: the demo workspace (two generated sample reports); the documents
    folder is a Chinese-named folder in tmp_path."""
    from gui.shell import mainwindow, workspaces
    from gui.shell import settings as gui_settings
    from gui.shell.mainwindow import MainWindow

    demo_path = tmp_path / "data" / "demo.hecha.sqlite"
    demo_path.parent.mkdir()
    monkeypatch.setattr(gui_settings, "demo_workspace_path", lambda: demo_path)
    monkeypatch.setattr(workspaces, "demo_workspace_path", lambda: demo_path)
    monkeypatch.setattr(workspaces, "samples_dir", lambda: reports_dir)
    own = tmp_path / "我的文档" / "核查工作区" / "我的工作区.hecha.sqlite"
    monkeypatch.setattr(mainwindow, "default_workspace_path", lambda: own)
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.set_workspace(workspaces.open_initial_workspace(settings, None))
    win.show()
    qtbot.waitUntil(win.first_report_shown)
    yield win
    if win.ws is not None:
        win.close()


def new_report(tmp_path: Path) -> Path:
    p = tmp_path / "收到的报告" / "某区2023年报告.txt"
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text("某区人民政府2023年政府信息公开工作年度报告\n本区主动公开政府信息77条。\n", encoding="utf-8")
    return p


def open_file(win: Any, qtbot: Any, path: Path) -> None:
    """Open ``path`` as from 文件 → 打开报告 and wait until the window has finished the import."""
    win.last_import_text = ""
    assert win.import_paths([str(path)]) is not None
    qtbot.waitUntil(lambda: bool(win.last_import_text), timeout=20000)


def test_the_demo_is_a_marked_read_only_example(demo: Any, qtbot: Any) -> None:
    win = demo
    assert "示范工作区（只读示例）" in win.windowTitle()
    assert win.banner.isVisible() and "只读示例" in win.banner.text() and "Ctrl+O" in win.banner.text()
    f = win.review.current()
    win.table.setFocus()
    qtbot.keyClick(win.table, Qt.Key.Key_Return)
    assert win.ws.figure(f.id).status == "pending"  # nothing saved into the example
    assert "只读示例" in win.statusBar().currentMessage()


def test_opening_a_file_in_the_demo_creates_the_reviewers_workspace_and_shows_the_file(
    demo: Any, qtbot: Any, tmp_path: Path, settings: Any
) -> None:
    from core import export

    win = demo
    report = new_report(tmp_path)
    open_file(win, qtbot, report)
    own = tmp_path / "我的文档" / "核查工作区" / "我的工作区.hecha.sqlite"
    assert Path(win.ws.path) == own and own.is_file()
    assert not win.demo and "示范" not in win.windowTitle() and not win.banner.isVisible()
    assert [Path(r.path).name for r in win.ws.reports()] == [report.name]
    assert win.ws.report(win.review.report_id).path.endswith(report.name)  # the file opened is shown
    assert "77" in [win.model.data(win.model.index(r, 0)) for r in range(win.model.rowCount())]
    assert str(own) in win.statusBar().currentMessage()
    # the reviewer's work is saved now, and the export of all reports holds only their file
    qtbot.keyClick(win.table, Qt.Key.Key_Return)
    assert any(f.status == "confirmed" for f in win.ws.figures(win.review.report_id))
    out = tmp_path / "全部.csv"
    export.to_csv(win.ws, out, None)
    text = out.read_text(encoding="utf-8-sig")
    assert "某区" in text and "某市" not in text and "某县" not in text
    assert settings.workspace == str(own) and settings.recent_workspaces[0] == str(own)


def test_opening_a_file_again_shows_the_report_already_stored(demo: Any, qtbot: Any, tmp_path: Path) -> None:
    win = demo
    report = new_report(tmp_path)
    for _ in range(2):
        open_file(win, qtbot, report)
        rid = win.review.report_id
        win.reports.select(win.reports.model.report(0).id)
    assert len(win.ws.reports()) == 1 and rid == win.ws.reports()[0].id
    assert "跳过 1" in win.last_import_text


def test_new_and_recent_workspaces_from_the_file_menu(
    demo: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gui.shell import dialogs

    win = demo
    first = tmp_path / "工作区" / "甲.hecha.sqlite"
    second = tmp_path / "工作区" / "乙.hecha.sqlite"
    asked: list[str] = []
    for target in (first, second):
        monkeypatch.setattr(
            dialogs,
            "ask_workspace",
            lambda _p, _t, start, _c, target=target: asked.append(start) or str(target),
        )
        win.new_workspace()
        assert Path(win.ws.path) == target and win.ws.reports() == []
        assert "还没有报告" in win.banner.text()
    assert asked[0].endswith("新工作区.hecha.sqlite")  # a proposal in the documents folder
    file_menu = win.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert texts.index("新建工作区…") < texts.index("打开工作区…") < texts.index("最近的工作区(&R)")
    win.fill_recent_menu()
    entries = [a.text() for a in win.recent_menu.actions()]
    assert entries[0].startswith("&1 乙.hecha.sqlite") and entries[1].startswith("&2 甲.hecha.sqlite")
    win.recent_menu.actions()[1].trigger()
    assert Path(win.ws.path) == first
    win.actions_by_id["demo_workspace"].trigger()
    assert win.demo
    win.fill_recent_menu()
    assert all("demo" not in a.text() for a in win.recent_menu.actions())


def test_table_cells_name_their_table_not_the_indicator_twice() -> None:
    from types import SimpleNamespace

    from gui.review.figuremodel import indicator_name, label_text

    cell = SimpleNamespace(source="table", indicator="t3.new.natural", label="自然人 / 本年新收")
    assert label_text(cell) == "表三单元格" and "本年新收" in indicator_name(cell.indicator)
    text = SimpleNamespace(source="text", indicator="t3.new.total", label="收到政府信息公开申请")
    assert label_text(text) == "收到政府信息公开申请"


def test_figure_labels_lose_their_end_not_their_middle(window: Any) -> None:
    assert window.table.textElideMode() == Qt.TextElideMode.ElideRight


def test_check_frames_go_with_the_report(win: Any, qtbot: Any) -> None:
    from tablecheck_fixtures import OFFICE_2023

    from gui.tables.tableview import Role

    w, ids = win
    wb = w.workbench
    m = wb.tables.models[1]
    m.setData(m.index(*m.grid.cell_of("t3.new.natural")), "40")
    wb.checks.select("t3.row_total", "new")
    assert m.data(m.index(*m.grid.cell_of("t3.new.total")), Role.Highlighted)
    w.review.load_report(ids[OFFICE_2023])
    assert not any(
        wb.tables.models[k].data(wb.tables.models[k].index(r, c), Role.Highlighted)
        for k in range(3)
        for r in range(wb.tables.models[k].rowCount())
        for c in range(wb.tables.models[k].columnCount())
    )


def test_interface_font_size_is_kept(window: Any, settings: Any) -> None:
    from PySide6.QtWidgets import QApplication

    before = QApplication.font().pointSizeF()
    try:
        window.actions_by_id["ui_font_larger"].trigger()
        assert QApplication.font().pointSizeF() == before + 1 == settings.ui_font_size
        assert "界面字号" in window.statusBar().currentMessage()
    finally:
        f = QApplication.font()
        f.setPointSizeF(before)
        QApplication.setFont(f)


# --- small screens and crashes, in a subprocess with its own screen ---------------------------------
def child_env(tmp_path: Path, width: int, height: int, scale: float | None = None) -> dict[str, str]:
    cfg = tmp_path / f"screen-{width}x{height}.json"
    screen = {
        "name": "S",
        "x": 0,
        "y": 0,
        "width": width,
        "height": height,
        "logicalDpi": 96,
        "logicalBaseDpi": 96,
    }
    cfg.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={cfg}"
    env.pop("QT_SCALE_FACTOR", None)
    if scale:
        env["QT_SCALE_FACTOR"] = str(scale)
    env["HECHA_LOG_DIR"] = str(tmp_path / "logs")
    return env


def inside(r: list[int], screen: list[int]) -> bool:
    x, y, w, h = r
    sx, sy, sw, sh = screen
    return w > 0 and h > 0 and x >= sx and y >= sy and x + w <= sx + sw and y + h <= sy + sh


@pytest.mark.parametrize(
    ("width", "height", "scale"), [(1366, 768, None), (1920, 1080, 1.5)], ids=["1366x768", "1920x1080@150%"]
)
@pytest.mark.parametrize("saved", [False, True], ids=["first start", "restored from a larger screen"])
def test_the_window_and_its_panels_fit_the_screen(
    tmp_path: Path, ws_path: Path, width: int, height: int, scale: float | None, saved: bool
) -> None:
    from PySide6.QtCore import QByteArray

    from gui.shell.settings import Settings

    ini = tmp_path / "s.ini"
    s = Settings(ini)
    s.reviewer = "测试员"
    if saved:  # the geometry a 2560×1440 monitor left: 2400×1300 at (100, 80)
        env = child_env(tmp_path, 2560, 1440)
        big = subprocess.run(
            [sys.executable, "-c", GEOMETRY_FROM_BIG_SCREEN],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert big.returncode == 0, big.stderr
        s.geometry = QByteArray.fromHex(big.stdout.strip().encode())
    s.sync()
    env = child_env(tmp_path, width, height, scale)
    r = subprocess.run(
        [sys.executable, str(CHILD), "fit", str(ini), str(ws_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout.strip().splitlines()[-1])
    screen = out["screen"]
    assert screen[2] <= 1366 and screen[3] <= 768
    assert inside(out["frame"], screen), out
    assert inside(out["status"], screen) and inside(out["figures"], screen), out
    assert out["checks_visible"] and inside(out["checks"], screen), out
    # the tables open tall enough to work in (表三 scrolls within it), the status bar still on screen
    assert out["tables_visible"] and inside(out["tables"], screen) and out["tables"][3] >= 200, out
    assert inside(out["status_after_tables"], screen), out


GEOMETRY_FROM_BIG_SCREEN = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow()
w.setGeometry(100, 80, 2400, 1300)
print(bytes(w.saveGeometry().toHex()).decode())
"""


def test_the_reviewers_place_survives_a_crash(
    qtbot: Any, tmp_path: Path, ws_path: Path, settings: Any, no_dialogs: list
) -> None:
    from core.store import Workspace
    from gui.shell.mainwindow import MainWindow
    from gui.shell.settings import Settings
    from gui.shell.workspaces import open_initial_workspace

    settings.sync()
    ini = tmp_path / "settings.ini"
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), "place", str(ini), str(ws_path)],
        env=child_env(tmp_path, 1366, 768),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        place = json.loads(proc.stdout.readline())
        assert proc.stdout.readline().strip() == "READY"  # 2 s later: long after the place was saved
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    again = Settings(ini)
    ws = open_initial_workspace(again, None)
    assert Path(ws.path) == ws_path
    win = MainWindow(again)
    qtbot.addWidget(win)
    win.set_workspace(ws)
    win.show()
    qtbot.waitUntil(win.first_report_shown)
    assert win.review.report_id == place["report"]
    assert win.review.current().id == place["figure"]
    assert win.workbench.tables_dock.isVisible()
    assert win.ws.figure(place["confirmed"]).status == "confirmed"
    win.close()
    with Workspace.open(ws_path, "x") as check:
        assert check.figure(place["confirmed"]).status == "confirmed"
