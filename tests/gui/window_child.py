"""Run by tests in a subprocess: the real main window on a screen of a given size (the offscreen
platform with a configured screen, optionally QT_SCALE_FACTOR), printing what a test asserts as JSON.

    python window_child.py fit SETTINGS.ini WORKSPACE   → geometry of the window and its controls
    python window_child.py place SETTINGS.ini WORKSPACE → load report 2, pick a figure, confirm it,
                                                        show the tables; print READY and keep running
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def rect(w: Any) -> list[int]:
    """A widget's rectangle in screen coordinates: x, y, width, height."""
    p = w.mapToGlobal(w.rect().topLeft())
    return [p.x(), p.y(), w.width(), w.height()]


def main() -> int:
    from PySide6.QtCore import QTimer

    from core.store import Workspace
    from gui.shell.main import make_app, wait_ms
    from gui.shell.mainwindow import MainWindow
    from gui.shell.settings import Settings

    mode, ini, ws_path = sys.argv[1:4]
    app = make_app("zh")
    settings = Settings(ini)
    win = MainWindow(settings)
    if mode == "place":
        win.open_workspace_path(ws_path)  # as from 文件 → 打开工作区
    else:
        win.set_workspace(Workspace.open(ws_path, settings.reviewer or "测试员"))
    win.show()
    wait_ms(300)
    if mode == "fit":
        screen = win.screen().availableGeometry()
        out: dict[str, Any] = {
            "screen": [screen.x(), screen.y(), screen.width(), screen.height()],
            "frame": [
                win.frameGeometry().x(),
                win.frameGeometry().y(),
                win.frameGeometry().width(),
                win.frameGeometry().height(),
            ],
            "status": rect(win.statusBar()),
            "figures": rect(win.table),
            "checks": rect(win.workbench.checks.view),
            "checks_visible": win.workbench.checks.view.isVisible(),
        }
        win.workbench.toggle_tables()
        wait_ms(300)
        view = win.workbench.tables.tabs.currentWidget()
        out["tables"] = rect(view)
        out["tables_visible"] = view.isVisible()
        out["status_after_tables"] = rect(win.statusBar())
        print(json.dumps(out))  # noqa: T201
        win.close()
        return 0
    # place: where a reviewer is when the process is killed
    reports = win.ws.reports()
    win.review.load_report(reports[1].id)
    win.review.move(2)
    fig = win.review.current()
    win.review.confirm_current()  # saved at once; moves on to the next figure
    now = win.review.current()
    win.workbench.toggle_tables()
    wait_ms(100)
    print(json.dumps({"report": reports[1].id, "confirmed": fig.id, "figure": now.id}), flush=True)  # noqa: T201
    QTimer.singleShot(2000, lambda: print("READY", flush=True))  # noqa: T201
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
