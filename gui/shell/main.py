"""GUI entry: ``run(args)`` creates the application (translations, CJK font, settings), opens the
workspace — the demo workspace of bundled sample reports on first start — and shows the main window.

``hecha --screenshot OUT.png [--workspace W] [--view review]`` renders the window offscreen and exits.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING

# isort: off
# The collector is held while the window starts and let go after its first paint (gui/shell/startup.py)
from gui.shell import startup

startup.hold_collector()
# the dataclasses' methods compiled once, not at every start (gui/shell/startup.py)
startup.keep_compiled_methods()

# The core modules the window reads the workspace with (core.store, and with it the model, the checks,
# the words) are imported before Qt: once PySide6 is imported, its import hook reads the source of
# every module imported after it, looking for its ``__feature__`` switches — tens of milliseconds of
# every start for modules that never use Qt.
import core.store  # noqa: F401

# PySide6's support modules compiled once, not at every start; and for the window's modules, imported
# after it, its import hook reads each file as bytes rather than through inspect (gui/shell/startup.py)
startup.import_pyside_compiled_once()
startup.quicken_pyside_check()
# isort: on
from PySide6.QtCore import QElapsedTimer, QEventLoop, QLibraryInfo, QLocale, QRect, Qt, QTimer, QTranslator
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication

from core.errors import HechaError
from gui.shell import workspaces
from gui.shell.options import parse_args, subcommands  # noqa: F401  (the window's options)
from gui.shell.settings import Settings
from gui.widgets import errors

if TYPE_CHECKING:
    from gui.shell.mainwindow import MainWindow

CJK_FAMILIES = [
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "WenQuanYi Micro Hei",
]


def install_translators(app: QApplication, lang: str) -> list[QTranslator]:
    """Qt's own strings in Chinese (qtbase_zh_CN.qm); the app's strings in English when lang=en."""
    out: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if lang.startswith("zh"):
        t = QTranslator(app)
        if t.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", qt_dir):
            app.installTranslator(t)
            out.append(t)
    else:
        t = QTranslator(app)
        if t.load(f"hecha_{lang}", str(workspaces.resource_dir() / "translations")):
            app.installTranslator(t)
            out.append(t)
    return out


def make_app(lang: str = "zh") -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("hecha")
    app.setOrganizationName("Hecha")
    app.setApplicationDisplayName("核查 Hecha")
    icon = workspaces.resource_dir() / "icons" / "hecha.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    f = QFont(app.font())
    f.setFamilies([*CJK_FAMILIES, f.family()])
    app.setFont(f)
    qss = workspaces.resource_dir() / "qss" / "hecha.qss"
    if qss.exists():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))
    if not getattr(app, "_hecha_translators", None):
        app._hecha_translators = install_translators(app, lang)  # type: ignore[attr-defined]
    return app


def offscreen_fonts() -> None:
    """On Windows, Qt's offscreen platform looks for fonts only in Qt's own folder, which holds none, and
    draws every character as a box: point it at the system's fonts unless told otherwise."""
    if sys.platform == "win32" and os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen"):
        windir = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT") or r"C:\Windows"
        os.environ.setdefault("QT_QPA_FONTDIR", os.path.join(windir, "Fonts"))


def take_screenshot(win: MainWindow, out: str, timeout_s: float = 5.0, view: str = "review") -> bool:
    """Lay the window out unseen at the size a reviewer gets on a 1366×768 screen, wait for the
    document (and a PDF's first page), save a PNG."""
    win.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)  # drawn, never put on the screen
    win.show()
    deadline = time.monotonic() + timeout_s
    wait_ms(50)
    if view != "review":  # a dock is brought to the front of its tab group only once the window is shown
        win.workbench.show_view(view)
        wait_ms(50)
    while win.pane.is_pdf and not win.pane.pdf.pages.images and time.monotonic() < deadline:
        wait_ms(50)
    row = win.table.current_row()
    if row >= 0:
        win.review.select_figure(win.model.figure(row).id)
    wait_ms(50)
    return bool(win.grab().save(out))


def wait_ms(ms: int) -> None:
    """Run the event loop for ``ms`` (not QApplication.processEvents in a loop: PySide6 6.12 leaks a
    reference to None on every call, which aborts the interpreter after a few thousand calls)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def run(args: list[str]) -> int:
    try:
        return _run(args)
    finally:
        startup.release_collector()  # (the window lets it go at its first paint; this, when it never painted)


def _run(args: list[str]) -> int:
    opts = parse_args(args)
    clock = QElapsedTimer()
    clock.start()
    if opts.screenshot and sys.platform != "win32":
        # no window on screen; on Windows the native platform draws it unshown (WA_DontShowOnScreen),
        # with the system's fonts: Qt's offscreen platform there finds fonts only in Qt's own folder
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    offscreen_fonts()
    app = make_app(opts.lang)
    if not opts.screenshot:
        errors.show_unexpected_errors()  # logged with the traceback and shown, with 复制详情
    from gui.shell.mainwindow import MainWindow

    settings = Settings(opts.settings) if opts.settings else Settings()
    win = MainWindow(settings)
    # `hecha 报告.pdf` on a first start: straight into the reviewer's own workspace, no demo first
    first_file = opts.paths and not opts.workspace and not opts.screenshot and not settings.own_workspace()
    if first_file and win.use_own_workspace():
        win.show()
        win.import_paths(opts.paths)
        return int(app.exec())
    try:
        ws = workspaces.open_initial_workspace(settings, opts.workspace, win.upgrade_file)
    except HechaError as e:
        print(f"hecha: {e}", file=sys.stderr)  # noqa: T201
        return 1
    if opts.screenshot:
        # the same picture whatever size the window had last time: the first start on 1366×768
        win.keep_place = False  # a screenshot never moves the reviewer's saved place
        # the first start's size fitted to a 1366×768 screen with a taskbar, whatever screen renders it
        win.screen_area = QRect(0, 0, 1366, 728)
        win.resize(1400, 860)
        win.fit_to_screen()
    win.set_workspace(ws)
    if opts.screenshot:
        ok = take_screenshot(win, opts.screenshot, view=opts.view)
        win.close()
        win.deleteLater()  # its views' timers go with it (the caller may go on, as a test does)
        if not ok:
            print(f"hecha: {opts.screenshot}: 无法写入截图", file=sys.stderr)  # noqa: T201
        return 0 if ok else 1
    win.show()
    if opts.paths:
        win.import_paths(opts.paths)
    return int(app.exec())
