"""PDF reports as rendered pages. Pages render lazily on a worker thread (pypdfium2 → QImage); the
layout comes from ``Document.pages`` so the first page shows before the rest is parsed. Figure
highlights are drawn from ``Document.boxes(start, end)`` (PDF points, origin bottom-left).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, QPointF, QRect, QRectF, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QMenu, QScrollArea, QWidget

from core import messages
from core.model import Document
from gui.widgets.reviewkeys import KeyboardSelection, add_menu_action, handle_key
from gui.widgets.style import color

if TYPE_CHECKING:
    from core import isolation

log = logging.getLogger(__name__)

GAP = 12
Span = tuple[int, int, int, str]


class _Renderer:
    """One report's pages drawn by the page-drawing helper process (``core.isolation.Helper``), from
    the view's single-thread pool: PDFium aborting on a hostile page ends that process, not the window.
    The helper is given the PDF's bytes once per process it starts (a new one after a crash)."""

    def __init__(self, helper: isolation.Helper, doc: Document, data: bytes, sink: _Sink) -> None:
        self.helper, self.sink = helper, sink
        self._path, self._key, self._data = doc.path, doc.sha256 or str(id(data)), data
        self._given = 0  # the helper's process that holds this document (its ``started`` number)
        self.dropped = False  # the view has moved on: what is still drawn is not wanted, nor said

    def render(self, index: int, scale: float) -> None:
        from core.documents import pdf_pages  # (loaded when a page is first drawn, not at start)

        pixels, failure = None, None
        try:
            for _try in range(2):  # a new process, or one given another report since, is sent the bytes
                started = self.helper.start()
                data = self._data if started != self._given else None
                pixels, failure = self.helper.ask((self._path, self._key, data, index, scale))
                if pixels is not None and data is not None:
                    self._given = started
                if failure != pdf_pages.NOT_OPEN:
                    break
                self._given = 0
        except Exception as e:  # no process could be started: the page says so, the view goes on
            pixels, failure = None, messages.drawing_not_started(e)
        img = QImage()
        if pixels is not None:
            fmt = QImage.Format.Format_RGB888 if pixels.channels == 3 else QImage.Format.Format_RGBA8888
            img = QImage(pixels.data, pixels.width, pixels.height, pixels.stride, fmt).copy()
        elif failure and not self.dropped:  # the log keeps why (the view says it on the page)
            log.warning("page %d of %s could not be drawn: %s", index + 1, self._path, failure)
        self.sink.rendered.emit(self, index, scale, img, failure or "")


class _Sink(QObject):
    """Lives on the GUI thread; the pool thread emits through it (queued to the GUI thread)."""

    rendered = Signal(object, int, float, object, str)


class _Job(QRunnable):
    def __init__(self, renderer: _Renderer, index: int, scale: float) -> None:
        super().__init__()
        self.renderer, self.index, self.scale = renderer, index, scale

    def run(self) -> None:
        self.renderer.render(self.index, self.scale)


class PdfPages(QWidget):
    """All pages stacked vertically; paints only what is visible."""

    figure_clicked = Signal(int)
    add_requested = Signal(int, int)
    digits_typed = Signal(str)
    page_shown = Signal(int)
    KEEP = 2  # rendered pages kept beyond those in view, either side

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(False)
        self.doc: Document | None = None
        self.zoom = 1.0
        self.images: dict[int, QImage] = {}
        self._pending: set[int] = set()
        self._tops: list[int] = []
        self._spans: dict[int, Span] = {}
        self._boxes: dict[int, list[tuple[int, float, float, float, float]]] = {}
        self._on_page: dict[int, set[int]] = {}  # page → figures with a box on it (paint only those)
        self._current: int | None = None
        self._flash = 0
        self._flash_timer = QTimer(self)
        self._flash_timer.setInterval(120)
        self._flash_timer.timeout.connect(self._flash_step)
        self._sel: tuple[int, int] | None = None
        self._framed: tuple[int, int] | None = None  # the source of the table cell the cursor is on
        self._kb = KeyboardSelection()
        self._drag_from: int | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._sink = _Sink(self)
        self._sink.rendered.connect(self._on_rendered)
        self._renderer: _Renderer | None = None
        self._helper: isolation.Helper | None = None  # the page-drawing process, kept across reports
        self._failed: dict[int, str] = {}  # page → why it could not be drawn
        self._page_chars: dict[int, list[int]] = {}

    # --- setup ----------------------------------------------------------------------------------
    def set_pdf(self, doc: Document, data: bytes | None, spans: Sequence[Span]) -> None:
        self._drop_document()
        self.doc = doc
        self.images.clear()
        self._failed.clear()
        self._pending.clear()
        self._spans.clear()
        self._boxes.clear()
        self._on_page.clear()
        self._current = None
        self._sel = None
        self._page_chars = {}
        if data:
            if self._helper is None:
                from core import isolation
                from core.documents import pdf_pages

                self._helper = isolation.Helper(pdf_pages.TASK, messages.DRAWING)
            self._renderer = _Renderer(self._helper, doc, data, self._sink)
        self._layout()
        self.set_spans(spans)
        self.update()

    def _drop_document(self) -> None:
        """Stop rendering this report: pages not yet started are dropped, a page being drawn is
        abandoned (its helper process stopped; the next report's pages start a new one)."""
        self._pool.clear()
        if self._renderer is not None:
            self._renderer.dropped = True
            if self._pending and self._helper is not None:
                self._helper.interrupt()  # a page still being drawn: the next report need not wait for it
        self._renderer = None
        self._pending.clear()

    def shutdown(self) -> None:
        """Stop rendering and end the page-drawing process (a page being drawn is abandoned)."""
        self._drop_document()
        if self._helper is not None:
            self._helper.close()
            self._helper = None
        self._pool.waitForDone()

    def clear(self) -> None:
        """Let go of the report shown: its PDF, rendered pages, figure boxes and character index
        (another report, or a text one, takes the window's memory instead)."""
        self._drop_document()
        self.doc = None
        self.images.clear()
        self._failed.clear()
        self._spans.clear()
        self._boxes.clear()
        self._on_page.clear()
        self._page_chars = {}
        self._current = None
        self._sel = None
        self._layout()
        self.update()

    @property
    def scale(self) -> float:
        """Pixels per PDF point."""
        return 96 / 72 * self.zoom

    def set_zoom(self, zoom: float) -> None:
        self.zoom = max(0.25, min(4.0, zoom))
        self.images.clear()
        self._failed.clear()
        self._pending.clear()
        self._layout()
        self.update()

    def _layout(self) -> None:
        self._tops = []
        y = GAP
        w = 0
        for p in self.doc.pages if self.doc else ():
            self._tops.append(y)
            y += int(p.height * self.scale) + GAP
            w = max(w, int(p.width * self.scale))
        self.setFixedSize(w + 2 * GAP, max(y, 100))

    def page_rect(self, i: int) -> QRect:
        p = self.doc.pages[i]  # type: ignore[union-attr]
        return QRect(GAP, self._tops[i], int(p.width * self.scale), int(p.height * self.scale))

    def box_rect(self, page: int, x0: float, y0: float, x1: float, y1: float) -> QRectF:
        """Widget rectangle of a box in PDF points on ``page``."""
        pr = self.page_rect(page)
        h = self.doc.pages[page].height  # type: ignore[union-attr]
        s = self.scale
        return QRectF(pr.x() + x0 * s, pr.y() + (h - y1) * s, (x1 - x0) * s, (y1 - y0) * s)

    # --- figures --------------------------------------------------------------------------------
    def set_spans(self, spans: Sequence[Span]) -> None:
        for sp in spans:
            self._spans[sp[0]] = sp
            if self.doc is not None and sp[0] not in self._boxes:
                self._boxes[sp[0]] = self.doc.boxes(sp[1], sp[2])
                for b in self._boxes[sp[0]]:
                    self._on_page.setdefault(b[0], set()).add(sp[0])
        self.update()

    def remove_spans(self, ids: Sequence[int]) -> None:
        for fid in ids:
            self._spans.pop(fid, None)
            for b in self._boxes.pop(fid, []):
                self._on_page.get(b[0], set()).discard(fid)
        self.update()

    def figure_rects(self, fid: int) -> list[tuple[int, QRectF]]:
        return [(b[0], self.box_rect(*b)) for b in self._boxes.get(fid, [])]

    def range_rects(self, start: int, end: int) -> list[tuple[int, QRectF]]:
        if self.doc is None:
            return []
        return [(b[0], self.box_rect(*b)) for b in self.doc.boxes(start, end)]

    def set_current(self, fid: int | None, flash: bool = True) -> None:
        self._current = fid
        rects = self.figure_rects(fid) if fid is not None else []
        if rects:
            self._ensure_visible(rects[0][1])
            if flash:
                self._flash = 6
                self._flash_timer.start()
        self.update()

    def show_range(self, start: int, end: int, select: bool = True) -> None:
        if select:
            self._sel = (start, end)
        rects = self.range_rects(start, end)
        if rects:
            self._ensure_visible(rects[0][1])
        self.update()

    def frame_range(self, start: int, end: int) -> None:
        """Frame the text ``start``–``end`` (a table cell's source, or its row's) and scroll it into
        view."""
        self._framed = (start, end)
        rects = self.range_rects(start, end)
        if rects:
            top = min(r.top() for _p, r in rects)
            bottom = max(r.bottom() for _p, r in rects)
            left = min(r.left() for _p, r in rects)
            right = max(r.right() for _p, r in rects)
            self._ensure_visible(QRectF(left, top, right - left, bottom - top))
        self.update()

    def framed(self) -> tuple[int, int] | None:
        return self._framed

    def _ensure_visible(self, r: QRectF) -> None:
        sa = self._scroll_area()
        if sa is not None:
            c = r.center()
            sa.ensureVisible(int(c.x()), int(c.y()), 60, max(80, sa.viewport().height() // 3))

    def _scroll_area(self) -> QScrollArea | None:
        p = self.parent()
        while p is not None and not isinstance(p, QScrollArea):
            p = p.parent()
        return p

    def _flash_step(self) -> None:
        self._flash -= 1
        if self._flash <= 0:
            self._flash_timer.stop()
        self.update()

    def current_flashing(self) -> bool:
        return self._flash_timer.isActive()

    # --- rendering ------------------------------------------------------------------------------
    def visible_pages(self, rect: QRect) -> list[int]:
        out = []
        for i in range(len(self._tops)):
            pr = self.page_rect(i)
            if pr.bottom() < rect.top():
                continue
            if pr.top() > rect.bottom():
                break
            out.append(i)
        return out

    def request(self, i: int) -> None:
        if i in self.images or i in self._pending or i in self._failed or self._renderer is None:
            return
        self._pending.add(i)
        self._pool.start(_Job(self._renderer, i, self.scale * self.devicePixelRatioF()))

    def _on_rendered(self, renderer: _Renderer, i: int, scale: float, img: QImage, failure: str) -> None:
        if renderer is not self._renderer:  # drawn for a report no longer shown
            return
        self._pending.discard(i)
        if abs(scale - self.scale * self.devicePixelRatioF()) > 1e-6:
            return
        if img.isNull():
            self._failed[i] = failure
            self.update(self.page_rect(i))
            return
        img.setDevicePixelRatio(self.devicePixelRatioF())
        self.images[i] = img
        self.update(self.page_rect(i))
        self.page_shown.emit(i)

    def failure_text(self, i: int) -> str | None:
        """What page ``i`` shows in place of its image when it could not be drawn (None: it could)."""
        if i not in self._failed:
            return None
        said = self.tr("无法显示此页")
        return f"{said}\n\n{self._failed[i]}" if self._failed[i] else said

    def paintEvent(self, e: QPaintEvent) -> None:
        if self.doc is None:
            return
        p = QPainter(self)
        p.fillRect(e.rect(), QColor("#808080"))
        for i in self.visible_pages(e.rect()):
            pr = self.page_rect(i)
            img = self.images.get(i)
            if img is not None and not img.isNull():
                p.drawImage(pr, img)
            elif (failure := self.failure_text(i)) is not None:
                self._paint_failure(p, pr, failure)
            else:
                p.fillRect(pr, QColor("white"))
                p.setPen(QColor("#999"))
                p.drawText(
                    pr, Qt.AlignmentFlag.AlignCenter, self.tr("正在加载第 %1 页…").replace("%1", str(i + 1))
                )
                self.request(i)
        shown = self.visible_pages(e.rect())
        for i in shown:
            self.request(i)
        self._drop_far_pages(self.visible_pages(self.visibleRegion().boundingRect()) or shown)
        self._paint_marks(p, e.rect())
        p.end()

    def _paint_failure(self, p: QPainter, pr: QRect, text: str) -> None:
        """A page that could not be drawn says so where it would be, with the reason."""
        p.fillRect(pr, QColor("white"))
        p.setPen(QColor("#a8071a"))
        p.drawText(
            pr.adjusted(24, 24, -24, -24), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text
        )

    def _drop_far_pages(self, shown: Sequence[int]) -> None:
        """Keep the rendered images of the pages in view and of ``KEEP`` pages either side; a long
        report scrolled to the end would otherwise hold every page's pixels (~4 MB each)."""
        if not shown or len(self.images) <= len(shown) + 2 * self.KEEP:
            return
        lo, hi = shown[0] - self.KEEP, shown[-1] + self.KEEP
        for i in [i for i in self.images if not lo <= i <= hi]:
            del self.images[i]

    def _paint_marks(self, p: QPainter, clip: QRect) -> None:
        p.setPen(Qt.PenStyle.NoPen)
        shown = {fid for page in self.visible_pages(clip) for fid in self._on_page.get(page, ())}
        for fid in sorted(shown):
            sp = self._spans[fid]
            col = color(sp[3])
            col.setAlpha(110)
            for _page, r in self.figure_rects(fid):
                if r.intersects(QRectF(clip)):
                    p.fillRect(r.adjusted(-1, -1, 1, 1), col)
                    if sp[3] == "rejected":
                        p.setPen(QPen(QColor("#595959"), 1.2))
                        p.drawLine(QPointF(r.left(), r.center().y()), QPointF(r.right(), r.center().y()))
                        p.setPen(Qt.PenStyle.NoPen)
        if self._sel is not None:
            sel = QColor("#1677ff")
            sel.setAlpha(70)
            for _page, r in self.range_rects(*self._sel):
                p.fillRect(r, sel)
        if self._framed is not None:
            p.setPen(QPen(QColor("#1677ff"), 2.5))
            p.setBrush(Qt.BrushStyle.NoBrush)
            for _page, r in self.range_rects(*self._framed):
                p.drawRect(r.adjusted(-3, -3, 3, 3))
        if self._current is not None:
            on = self._flash % 2 == 1
            p.setPen(QPen(QColor("#fa8c16" if on else "#d4380d"), 3 if on else 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            for _page, r in self.figure_rects(self._current):
                p.drawRect(r.adjusted(-2, -2, 2, 2))

    # --- mouse ----------------------------------------------------------------------------------
    def figure_at(self, pt: QPoint) -> int | None:
        ptf = QPointF(pt)
        for fid in self._spans:
            for _page, r in self.figure_rects(fid):
                if r.adjusted(-2, -2, 2, 2).contains(ptf):
                    return fid
        return None

    def char_at(self, pt: QPoint) -> int | None:
        """Index of the character nearest to ``pt`` on the page under it."""
        if self.doc is None or self.doc.char_pages is None or self.doc.char_boxes is None:
            return None
        page = next(
            (i for i in range(len(self._tops)) if self.page_rect(i).adjusted(0, 0, 0, GAP).contains(pt)), None
        )
        if page is None:
            return None
        if page not in self._page_chars:
            cp = self.doc.char_pages
            self._page_chars[page] = [i for i in range(len(cp)) if cp[i] == page]
        best, best_d = None, 1e18
        cb = self.doc.char_boxes
        for i in self._page_chars[page]:
            r = self.box_rect(page, cb[4 * i], cb[4 * i + 1], cb[4 * i + 2], cb[4 * i + 3])
            if r.contains(QPointF(pt)):
                return i
            c = r.center()
            d = (c.x() - pt.x()) ** 2 + 4 * (c.y() - pt.y()) ** 2
            if d < best_d:
                best, best_d = i, d
        return best

    def selection_range(self) -> tuple[int, int] | None:
        return self._sel

    def extend_selection(self, step: int) -> None:
        """Shift+→ / Shift+←: select the next number after the current figure, then grow or shrink the
        selection by a character; it is drawn like a mouse selection and A adds it."""
        if self.doc is None:
            return
        sp = self._spans.get(self._current) if self._current is not None else None
        self._sel = self._kb.step(self.doc.text, self._sel, (sp[1], sp[2]) if sp else None, step)
        if self._sel is not None:
            rects = self.range_rects(*self._sel)
            if rects:
                self._ensure_visible(rects[-1][1])
        self.update()

    def mousePressEvent(self, e: QMouseEvent) -> None:
        self.setFocus()
        if e.button() == Qt.MouseButton.LeftButton:
            self._drag_from = self.char_at(e.position().toPoint())
            self._sel = None
            self.update()

    def mouseMoveEvent(self, e: QMouseEvent) -> None:
        if self._drag_from is not None:
            c = self.char_at(e.position().toPoint())
            if c is not None:
                a, b = sorted((self._drag_from, c))
                self._sel = (a, b + 1) if b != a or c != self._drag_from else None
                self.update()

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        if e.button() == Qt.MouseButton.LeftButton:
            self._drag_from = None
            if self._sel is None:
                fid = self.figure_at(e.position().toPoint())
                if fid is not None:
                    self.figure_clicked.emit(fid)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if handle_key(e, self.selection_range(), self.digits_typed, self.add_requested):
            return
        super().keyPressEvent(e)

    def contextMenuEvent(self, e: QContextMenuEvent) -> None:
        menu = QMenu(self)
        add_menu_action(menu, self.selection_range(), self.add_requested)
        menu.exec(e.globalPos())


class PdfView(QScrollArea):
    """The pages in a scroll area; pages fit the width until the reviewer zooms."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages = PdfPages()
        self.setWidget(self.pages)
        self.setWidgetResizable(False)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setBackgroundRole(self.pages.backgroundRole())
        self.fit_width = True

    def fit(self) -> None:
        """Zoom so the widest page fills the visible width (while ``fit_width`` is on)."""
        doc = self.pages.doc
        if not self.fit_width or doc is None or not doc.pages:
            return
        avail = self.viewport().width() - 2 * GAP - self.verticalScrollBar().sizeHint().width()
        zoom = max(0.25, min(4.0, avail / (max(p.width for p in doc.pages) * 96 / 72)))
        if abs(zoom - self.pages.zoom) > 0.01:
            self.pages.set_zoom(zoom)

    def zoom_by(self, factor: float) -> None:
        self.fit_width = False
        self.pages.set_zoom(self.pages.zoom * factor)

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self.fit()
