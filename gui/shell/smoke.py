"""``hecha --smoke-test``: prove that an installed or frozen Hecha really works, then exit.

Builds the main window offscreen in a temporary folder (settings, workspace, export — nothing of the
user's is touched), loads the icon, Qt's Chinese translation and our own catalogues, imports a sample
report of every format from resources/samples, shows each one in the window (a PDF's first page
rendered), parses one report in a spawned worker process (what a frozen build breaks first), and
exports the workspace to xlsx. One line per step; the exit status is 1 if any step fails or Qt hands
back a null result (null QIcon or pixmap, a QTranslator that did not load).
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.store import Workspace

FORMATS = ("txt", "html", "docx", "pdf")
SUFFIXES = {"txt": (".txt",), "html": (".html", ".htm"), "docx": (".docx",), "pdf": (".pdf",)}


class StepFailed(Exception):
    """A smoke step did not produce what a user would see."""


def _expect(cond: object, message: str) -> None:
    if not cond:
        raise StepFailed(message)


class Smoke:
    def __init__(self, tmp: Path, out: Callable[[str], None]) -> None:
        self.tmp = tmp
        self.out = out
        self.failures: list[str] = []
        self.app: Any = None
        self.win: Any = None
        self.ws: Workspace | None = None
        self.samples: dict[str, Path] = {}
        self.report_ids: dict[str, int] = {}

    @property
    def workspace(self) -> Workspace:
        """The workspace the window step opened; a later step without it fails as a step."""
        if self.ws is None:
            raise StepFailed("工作区没有打开")
        return self.ws

    def step(self, name: str, fn: Callable[[], str]) -> bool:
        t = time.perf_counter()
        try:
            detail = fn()
        except Exception as e:  # noqa: BLE001 — every failure is reported, none escapes
            ms = (time.perf_counter() - t) * 1000
            self.failures.append(name)
            self.out(f"FAIL {name}: {type(e).__name__}: {e} ({ms:.0f} ms)")
            return False
        ms = (time.perf_counter() - t) * 1000
        self.out(f"ok   {name}: {detail} ({ms:.0f} ms)")
        return True

    # --- steps ----------------------------------------------------------------------------------
    def find_samples(self) -> str:
        from gui.shell.workspaces import samples_dir

        folder = samples_dir()
        _expect(folder.is_dir(), f"{folder}: 示例报告文件夹不存在")
        for fmt in FORMATS:
            found = sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES[fmt])
            _expect(found, f"{folder}: 没有 {fmt} 格式的示例报告")
            self.samples[fmt] = found[0]
        return f"{folder} ({', '.join(FORMATS)})"

    def application(self) -> str:
        from gui.shell.main import make_app

        self.app = make_app("zh")
        _expect(self.app is not None, "QApplication 未创建")
        return f"Qt platform {self.app.platformName()}"

    def icon(self) -> str:
        from PySide6.QtGui import QIcon

        from gui.shell.workspaces import resource_dir

        folder = resource_dir() / "icons"
        files = sorted(p for p in folder.glob("hecha.*") if p.suffix in (".svg", ".ico", ".png"))
        _expect(files, f"{folder}: 没有 hecha 图标")
        for p in files:
            icon = QIcon(str(p))
            _expect(not icon.isNull(), f"{p}: QIcon 为空")
            _expect(not icon.pixmap(32, 32).isNull(), f"{p}: 图标无法绘制（pixmap 为空）")
        _expect(not self.app.windowIcon().isNull(), "程序窗口图标为空")
        return ", ".join(p.name for p in files)

    def translation(self) -> str:
        """Every catalogue in resources/translations loads; Qt's own Chinese one is installed."""
        from PySide6.QtCore import QLibraryInfo, QTranslator

        from gui.shell.workspaces import resource_dir

        folder = resource_dir() / "translations"
        files = sorted(folder.glob("*.qm"))
        if not any(p.name == "qtbase_zh_CN.qm" for p in files):  # from source: Qt's own folder
            qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
            _expect(getattr(sys, "frozen", False) is False, f"{folder}: 包中缺少 qtbase_zh_CN.qm")
            files.append(qt_dir / "qtbase_zh_CN.qm")
        for p in files:
            t = QTranslator()
            _expect(t.load(str(p)), f"{p}: QTranslator.load 失败")
            _expect(not t.isEmpty(), f"{p}: 翻译文件为空")
        _expect(getattr(self.app, "_hecha_translators", []), "程序没有安装 Qt 中文翻译")
        cancel = self.app.translate("QPlatformTheme", "Cancel")
        _expect(cancel == "取消", f"Qt 按钮文字未译成中文：Cancel → {cancel!r}")
        return f"{', '.join(p.name for p in files)}; Cancel → {cancel}"

    def window(self) -> str:
        from core.store import Workspace
        from gui.shell.mainwindow import MainWindow
        from gui.shell.settings import Settings

        settings = Settings(self.tmp / "settings.ini")
        settings.reviewer = "smoke"
        self.ws = Workspace.open(self.tmp / "smoke.hecha.sqlite", "smoke")
        self.win = MainWindow(settings)
        self.win.set_workspace(self.ws)
        self.win.show()
        self.app.processEvents()
        _expect(self.win.isVisible(), "主窗口没有显示")
        return f"{self.win.width()}x{self.win.height()}, {len(self.win.actions_by_id)} actions"

    def import_samples(self) -> str:
        result = self.workspace.import_paths([str(p) for p in self.samples.values()], workers=1)
        _expect(not result.errors, f"导入出错：{result.errors}")
        by_path = {Path(r.path).name: r.id for r in self.workspace.reports()}
        for fmt, p in self.samples.items():
            _expect(p.name in by_path, f"{p.name}: 没有导入工作区")
            self.report_ids[fmt] = by_path[p.name]
        self.win.reports.reload()
        return f"{result.added} reports"

    def open_report(self, fmt: str) -> str:
        from PySide6.QtCore import QCoreApplication

        self.win.review.load_report(self.report_ids[fmt])
        QCoreApplication.processEvents()
        _expect(self.win.first_report_shown(), f"{self.samples[fmt].name}: 报告没有显示")
        n = self.win.model.rowCount()
        _expect(n > 0, f"{self.samples[fmt].name}: 没有找到数字")
        detail = f"{self.samples[fmt].name}: {n} figures"
        if fmt == "pdf":
            pages = self.win.pane.pdf.pages
            _expect(self.win.pane.is_pdf, f"{self.samples[fmt].name}: 没有按 PDF 页面显示")
            deadline = time.monotonic() + 20
            while not pages.images and time.monotonic() < deadline:
                QCoreApplication.processEvents()
                time.sleep(0.01)
            _expect(pages.images, f"{self.samples[fmt].name}: PDF 页面没有渲染")
            img = next(iter(pages.images.values()))
            _expect(not img.isNull(), f"{self.samples[fmt].name}: PDF 页面图像为空")
            detail += f", page image {img.width()}x{img.height()}"
        return detail

    def worker_process(self) -> str:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from core.store.importer import analyse_file

        path = str(self.samples["txt"])
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
            out = pool.submit(analyse_file, path).result(timeout=120)
        _expect(out[0] == path and out[2] is None, f"{path}: 子进程解析失败：{out[2]}")
        rows = out[1]
        if rows is None or not rows.figures:
            raise StepFailed(f"{path}: 子进程没有找到数字")
        return f"{len(rows.figures)} figures parsed in a spawned process"

    def export(self) -> str:
        from core.export import to_xlsx

        out = self.tmp / "smoke.xlsx"
        to_xlsx(self.workspace, out)
        _expect(out.is_file() and out.stat().st_size > 0, f"{out}: 导出文件未写出")
        with zipfile.ZipFile(out) as z:
            names = z.namelist()
        sheets = [n for n in names if n.startswith("xl/worksheets/sheet")]
        _expect("xl/workbook.xml" in names and sheets, f"{out}: 不是有效的 xlsx 文件")
        return f"{len(sheets)} sheets, {out.stat().st_size} bytes"

    def screenshot(self) -> str:
        pix = self.win.grab()
        _expect(not pix.isNull(), "主窗口截图为空")
        out = self.tmp / "smoke.png"
        _expect(pix.save(str(out)), f"{out}: 截图无法保存")
        return f"{pix.width()}x{pix.height()}"

    def close(self) -> None:
        """Close and delete the window while Qt is fully alive (not at interpreter exit)."""
        from PySide6.QtCore import QCoreApplication, QEvent

        if self.win is not None:
            self.win.close()
            self.win.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            self.win = None
        if self.ws is not None:
            self.ws.close()
            self.ws = None

    def run(self) -> bool:
        if not (self.step("samples", self.find_samples) and self.step("application", self.application)):
            return False
        self.step("icon", self.icon)
        self.step("translation", self.translation)
        try:
            if self.step("main window", self.window) and self.step("import", self.import_samples):
                for fmt in FORMATS:
                    self.step(f"open {fmt}", partial(self.open_report, fmt))
                self.step("export xlsx", self.export)
                self.step("screenshot", self.screenshot)
            self.step("worker process", self.worker_process)
        finally:
            self.close()
        return not self.failures


def _print(line: str) -> None:
    stream = sys.stdout
    if stream is None:
        return
    stream.write(line + "\n")
    stream.flush()


def run(args: list[str] | None = None) -> int:
    """Run every step; 0 when all pass, 1 otherwise."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from gui.shell.main import offscreen_fonts

    offscreen_fonts()  # text drawn with the system's fonts on Windows too
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(encoding="utf-8", errors="replace")  # Chinese names on a cp1252 pipe (Windows CI)
    t = time.perf_counter()
    frozen = "frozen" if getattr(sys, "frozen", False) else "from source"
    _print(f"hecha smoke test ({frozen}, {sys.executable})")
    with tempfile.TemporaryDirectory(prefix="hecha-smoke-") as tmp:
        smoke = Smoke(Path(tmp), _print)
        ok = smoke.run()
        smoke.app = None
        gc.collect()  # free Qt wrappers while Qt is alive, not while the interpreter shuts down
    status = "passed" if ok else f"FAILED ({', '.join(smoke.failures)})"
    _print(f"smoke test {status} in {time.perf_counter() - t:.2f} s")
    return 0 if ok else 1
