"""The review record (核查单, ``core.export.record``) laid out with Qt on A4 landscape pages: written
to PDF (the window and ``hecha record --db W --pdf OUT``) or printed with a preview (Ctrl+P).

A QTextDocument repeats each table's ``<thead>`` rows at the top of every page the table runs on. The
document is laid out once at the device's own resolution (not the screen's), so the page count said is
the page count printed; every page is painted with the report's name at its head and 第 x / y 页 (of
that report's record) at its foot. Reports are read a batch at a time (``record.BATCH``) and each
record is laid out and painted on its own onto the same pages, so a record of thousands of reports
takes no more memory than one of a few.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from core import messages
from core.errors import ExportError, HechaError
from core.export import record

if TYPE_CHECKING:
    from core.store import Workspace


def document(html: str) -> QTextDocument:
    doc = QTextDocument()
    doc.setHtml(html)
    return doc


def _layout() -> QPageLayout:
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape, QMarginsF(12, 12, 12, 12)
    )


BAND_PT = 7.0  # the height of the page head and foot bands, in points


class Pages:
    """Paints documents one after another on one device's pages, each document's records starting on
    a new page. Each page carries the name of the report whose record it shows at its head and 第 x / y
    页 of that record at its foot; ``pages``: the pages painted so far."""

    def __init__(self, device: QPagedPaintDevice) -> None:
        self.device = device
        self.dpi = device.logicalDpiY()
        rect = (
            device.pageLayout().paintRectPixels(device.resolution())
            if isinstance(device, QPdfWriter)
            else None
        )
        self.width = rect.width() if rect is not None else device.width()
        self.height = rect.height() if rect is not None else device.height()
        self.band = BAND_PT / 72 * self.dpi
        self.body = self.height - 2 * self.band
        self.painter: QPainter | None = None
        self.pages = 0

    def add(self, doc: QTextDocument, names: Sequence[str] = (), skip: int = 0) -> int:
        """Lay ``doc`` out at the device's resolution (so the pages counted are the pages printed) and
        paint its pages after those painted before, but for its first ``skip``; returns the pages
        painted. ``names``: the reports in the order their records start in ``doc``."""
        width, height, band, body = self.width, self.height, self.band, self.body
        doc.documentLayout().setPaintDevice(self.device)
        doc.setPageSize(QSizeF(width, body))
        pages = doc.pageCount()
        starts = _starts(doc, body)
        if self.painter is None:
            self.painter = QPainter(self.device)
        painter = self.painter
        font = QFont(doc.defaultFont())
        font.setPointSizeF(7.5)
        for page in range(skip, pages):
            if self.pages:
                self.device.newPage()
            self.pages += 1
            k = max([i for i, p in enumerate(starts) if p <= page], default=0)
            first = starts[k] if starts else 0
            last = starts[k + 1] if k + 1 < len(starts) else pages
            painter.setFont(font)
            name = names[k] if k < len(names) else ""
            painter.drawText(QRectF(0, 0, width, band), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             f"{record.TITLE}　{name}")  # fmt: skip
            painter.drawText(QRectF(0, height - band, width, band), Qt.AlignmentFlag.AlignCenter,
                             f"{name}　第 {page - first + 1} / {last - first} 页")  # fmt: skip
            painter.save()
            painter.translate(QPointF(0, band - page * body))
            doc.drawContents(painter, QRectF(0, page * body, width, body))
            painter.restore()
        return max(0, pages - skip)

    def end(self) -> None:
        if self.painter is not None:
            self.painter.end()
            self.painter = None


def paint_records(
    ws: Workspace, report_ids: Sequence[int], device: QPagedPaintDevice, batch: int = record.BATCH
) -> int:
    """Paint the records of ``report_ids`` on the device's pages, reading ``batch`` reports at a time and
    laying out each record as a document of its own, dropped once painted, so memory does not grow
    with the number of reports (and the layout, which costs more than in proportion to a document's
    length, stays short); returns the pages painted. Refused (``StoreError``) as ``record.load`` is."""
    pages = Pages(device)
    try:
        for records in record.batches(ws, report_ids, batch):
            for rec in records:
                # a record after the first starts where it would in one document holding those before it
                follows = pages.pages > 0
                skip = record.LEAD_PAGES if follows else 0
                pages.add(document(record.html([rec], follows)), [rec.name], skip)
    finally:
        pages.end()
    return pages.pages


def _starts(doc: QTextDocument, body: float) -> list[int]:
    """The page on which each record begins (its title's block)."""
    out = []
    layout = doc.documentLayout()
    block = doc.begin()
    while block.isValid():
        if block.text() == record.TITLE:
            out.append(int(layout.blockBoundingRect(block).top() // body))
        block = block.next()
    return out


def write_pdf(
    ws: Workspace, report_ids: Sequence[int], out: str | os.PathLike[str], batch: int = record.BATCH
) -> int:
    """Write the records of ``report_ids`` as one PDF, ``batch`` reports at a time; returns its page
    count (the pages written). Nothing is left at ``out`` when it is refused or cannot be written."""
    tmp = Path(messages.part_path(out))
    writer = QPdfWriter(str(tmp))
    writer.setPageLayout(_layout())
    writer.setResolution(300)
    writer.setTitle(record.TITLE)
    writer.setCreator("Hecha")
    try:
        pages = paint_records(ws, report_ids, writer, batch)
    except BaseException:
        del writer
        tmp.unlink(missing_ok=True)
        raise
    del writer  # closes the file
    try:
        if tmp.stat().st_size == 0:
            raise OSError("未能写入任何内容，磁盘可能已满或没有写入权限")
        os.replace(tmp, out)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"{out}: 无法写入核查单（{messages.write_reason(e)}）") from e
    return pages


def preview_dialog(parent: Any, ws: Workspace, report_ids: Sequence[int] | None, printer: Any = None) -> Any:
    """The print preview of the records of ``report_ids`` (None: every 已完成 report), sized to the
    screen it opens on (its whole toolbar in sight at 1366×768), the page fitted to its width; Ctrl+P
    or Enter prints, Escape closes."""
    from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget

    ids = record.select(ws, report_ids)
    ws.require_sound(ids)  # refused here, in a message, rather than while the preview paints
    if printer is None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(_layout())
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.printer_kept = printer  # type: ignore[attr-defined]  # Qt does not own it: kept while shown
    dialog.setWindowTitle(record.TITLE)
    dialog.paintRequested.connect(lambda p: paint_records(ws, ids, p))
    screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        dialog.resize(max(640, area.width() - 40), max(480, area.height() - 60))
    widget = dialog.findChild(QPrintPreviewWidget)

    def print_now() -> None:
        if widget is not None:
            widget.print_()
        dialog.accept()

    for keys in ("Ctrl+P", "Return", "Enter"):
        QShortcut(QKeySequence(keys), dialog, print_now)
    if widget is not None:
        widget.fitToWidth()
    return dialog


def print_preview(parent: Any, ws: Workspace, report_ids: Sequence[int] | None) -> None:
    """The print preview of the records of ``report_ids`` (None: every 已完成 report)."""
    preview_dialog(parent, ws, report_ids).exec()


def main(argv: Sequence[str]) -> int:
    """``hecha record --db W --pdf OUT [--report ID ... | --done]`` (Qt without a window)."""
    ap = argparse.ArgumentParser(prog="hecha record", description="把报告的核查单写成 PDF（A4 横向）")
    ap.add_argument("--db", required=True, metavar="FILE", help="工作区文件")
    ap.add_argument("--pdf", required=True, metavar="OUT", help="写出的 PDF 文件")
    ap.add_argument("--report", type=int, action="append", metavar="ID", help="这些报告（可重复）")
    ap.add_argument("--done", action="store_true", help="全部已完成的报告（未指定 --report 时的默认）")
    args = ap.parse_args(list(argv))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from core.store import Workspace

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841 (fonts need it)
    try:
        with Workspace.open(args.db, readonly=True) as ws:
            ids = record.select(ws, None if args.done else args.report)
            pages = write_pdf(ws, ids, args.pdf)
    except HechaError as e:
        sys.stderr.write(f"hecha: {e}\n")
        return 1
    sys.stdout.write(f"已写出核查单：{args.pdf}（{len(ids)} 份报告，{pages} 页）\n")
    return 0
