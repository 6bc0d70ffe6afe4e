"""The review record (核查单, ``core.export.record``) laid out with Qt on A4 landscape pages: written
to PDF (the window and ``hecha record --db W --pdf OUT``) or printed with a preview (Ctrl+P).

A QTextDocument repeats each table's ``<thead>`` rows at the top of every page the table runs on. The
document is laid out once at the device's own resolution (not the screen's), so the page count said is
the page count printed; every page is painted with the report's name at its head and 第 x / y 页 (of
that report's record) at its foot.
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


def paint(doc: QTextDocument, device: QPagedPaintDevice, names: Sequence[str] = ()) -> int:
    """Lay ``doc`` out on the device's pages at the device's resolution and paint it, each page with
    the name of the report whose record it shows at its head and 第 x / y 页 of that record at its
    foot; returns the pages painted. ``names``: the reports in the order their records start."""
    dpi = device.logicalDpiY()
    rect = (
        device.pageLayout().paintRectPixels(device.resolution()) if isinstance(device, QPdfWriter) else None
    )
    width = rect.width() if rect is not None else device.width()
    height = rect.height() if rect is not None else device.height()
    band = BAND_PT / 72 * dpi
    doc.documentLayout().setPaintDevice(device)
    body = height - 2 * band
    doc.setPageSize(QSizeF(width, body))
    pages = doc.pageCount()
    starts = _starts(doc, body)
    painter = QPainter(device)
    font = QFont(doc.defaultFont())
    font.setPointSizeF(7.5)
    try:
        for page in range(pages):
            if page:
                device.newPage()
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
    finally:
        painter.end()
    return pages


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


def write_pdf(html: str, out: str | os.PathLike[str], names: Sequence[str] = ()) -> int:
    """Write the record as a PDF; returns its page count (the pages written)."""
    tmp = Path(messages.part_path(out))
    writer = QPdfWriter(str(tmp))
    writer.setPageLayout(_layout())
    writer.setResolution(300)
    writer.setTitle(record.TITLE)
    writer.setCreator("Hecha")
    doc = document(html)
    pages = paint(doc, writer, names)
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
    records = record.load(ws, ids)
    html = record.html(records)
    names = [r.name for r in records]
    if printer is None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(_layout())
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.printer_kept = printer  # type: ignore[attr-defined]  # Qt does not own it: kept while shown
    dialog.setWindowTitle(record.TITLE)
    dialog.paintRequested.connect(lambda p: paint(document(html), p, names))
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
            records = record.load(ws, ids)
            pages = write_pdf(record.html(records), args.pdf, [r.name for r in records])
    except HechaError as e:
        sys.stderr.write(f"hecha: {e}\n")
        return 1
    sys.stdout.write(f"已写出核查单：{args.pdf}（{len(ids)} 份报告，{pages} 页）\n")
    return 0
