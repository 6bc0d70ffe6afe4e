"""The review record (核查单, ``core.export.record``) laid out with Qt on A4 landscape pages: written
to PDF (the window and ``hecha record --db W --pdf OUT``) or printed with a preview (Ctrl+P).

A QTextDocument repeats each table's ``<thead>`` rows at the top of every page the table runs on.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QPdfWriter, QTextDocument

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


def paint(doc: QTextDocument, device: QPagedPaintDevice) -> None:
    """Lay ``doc`` out on the device's pages (page numbers at the foot of each) and paint it."""
    doc.print_(device)


def write_pdf(html: str, out: str | os.PathLike[str]) -> int:
    """Write the record as a PDF; returns its page count."""
    tmp = Path(f"{out}.part")
    writer = QPdfWriter(str(tmp))
    writer.setPageLayout(_layout())
    writer.setResolution(300)
    writer.setTitle(record.TITLE)
    writer.setCreator("Hecha")
    doc = document(html)
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    doc.setPageSize(QSizeF(rect.width(), rect.height()))
    pages = doc.pageCount()
    doc.setPageSize(QSizeF())  # print_ lays out again on the writer's pages, with page numbers
    paint(doc, writer)
    del writer  # closes the file
    try:
        if tmp.stat().st_size == 0:
            raise OSError("写入了空文件")
        os.replace(tmp, out)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"{out}: 无法写入核查单（{messages.write_reason(e)}）") from e
    return pages


def print_preview(parent: Any, ws: Workspace, report_ids: Sequence[int] | None) -> None:
    """The print preview of the records of ``report_ids`` (None: every 已完成 report)."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    ids = record.select(ws, report_ids)
    doc = document(record.html(record.load(ws, ids)))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(_layout())
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(record.TITLE)
    dialog.paintRequested.connect(lambda p: paint(doc, p))
    dialog.exec()


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
            pages = write_pdf(record.html(record.load(ws, ids)), args.pdf)
    except HechaError as e:
        sys.stderr.write(f"hecha: {e}\n")
        return 1
    sys.stdout.write(f"已写出核查单：{args.pdf}（{len(ids)} 份报告，{pages} 页）\n")
    return 0
