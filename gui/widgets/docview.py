"""Centre pane: the report as it looks (formatted text with tables, or rendered PDF pages), a find
bar (Ctrl+F), zoom, and the simplified/traditional display switch. Both views take figures as
``(id, start, end, display status)`` spans in core code-point offsets.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.model import Document
from core.textnorm import to_simplified, to_traditional
from gui.widgets.style import Legend
from gui.widgets.textview import Span, TextView

if TYPE_CHECKING:
    from gui.widgets.pdfview import PdfPages, PdfView


class FindBar(QWidget):
    find_next = Signal(str, bool)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 2, 4, 2)
        lay.addWidget(QLabel(self.tr("查找：")))
        self.edit = QLineEdit()
        self.edit.setObjectName("findEdit")
        self.edit.setPlaceholderText(self.tr("输入要查找的文字，回车查找下一个"))
        self.edit.returnPressed.connect(lambda: self.find_next.emit(self.edit.text(), False))
        lay.addWidget(self.edit, 1)
        self.status = QLabel()
        lay.addWidget(self.status)
        prev = QToolButton()
        prev.setText("↑")
        prev.clicked.connect(lambda: self.find_next.emit(self.edit.text(), True))
        nxt = QToolButton()
        nxt.setText("↓")
        nxt.clicked.connect(lambda: self.find_next.emit(self.edit.text(), False))
        close = QToolButton()
        close.setText("✕")
        close.clicked.connect(self.close_bar)
        for b in (prev, nxt, close):
            lay.addWidget(b)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.edit, self.close_bar)

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()


class DocumentPane(QWidget):
    figure_clicked = Signal(int)
    add_requested = Signal(int, int)
    pdf_made = Signal(object)  # the PdfPages of the PDF view, made when the first PDF is shown (``pdf``)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc: Document | None = None
        self.script = "original"
        self._spans: dict[int, Span] = {}
        self._find_at = 0
        self.legend = Legend()
        self.title = QLabel()
        self.title.setObjectName("docTitle")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Load warnings (bytes that could not be decoded, a page read as plain text …): the reviewer
        # must know the text may be incomplete before confirming any figure of it.
        self.banner = QLabel()
        self.banner.setObjectName("loadWarnings")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.setStyleSheet("background:#fff3cd; color:#7a4b00; padding:4px; border:1px solid #e0c060;")
        self.banner.hide()
        self._findbar: FindBar | None = None  # made with the first Ctrl+F (``findbar``)
        self.text = TextView()
        self._pdf: PdfView | None = None
        self.stack = QStackedWidget()
        self.stack.addWidget(self.text)
        self.text.figure_clicked.connect(self.figure_clicked)
        self.text.add_requested.connect(self.add_requested)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.title)
        lay.addWidget(self.banner)
        lay.addWidget(self.legend)
        lay.addWidget(self.stack, 1)
        self._layout = lay

    @property
    def findbar(self) -> FindBar:
        """The find bar above the report, made the first time it is asked for (Ctrl+F), hidden until
        then: not before the window's first paint."""
        if self._findbar is None:
            bar = FindBar()
            bar.hide()
            bar.find_next.connect(self.find)
            # back in the report, on what was found: A adds it, the review keys work again
            bar.closed.connect(lambda: self.focus_view())
            self._layout.insertWidget(self._layout.indexOf(self.stack), bar)
            self._findbar = bar
        return self._findbar

    @property
    def pdf(self) -> PdfView:
        """The PDF pages view, made (its module loaded, its page-drawing pool started) the first time
        it is asked for — when a PDF report is shown — not before the window's first paint."""
        if self._pdf is None:
            from gui.widgets.pdfview import PdfView

            view = PdfView()
            self.stack.addWidget(view)
            view.pages.figure_clicked.connect(self.figure_clicked)
            view.pages.add_requested.connect(self.add_requested)
            self._pdf = view
            self.pdf_made.emit(view.pages)
        return self._pdf

    @property
    def made_pdf_pages(self) -> PdfPages | None:
        """The PDF pages view if it was made (None until the first PDF report is shown)."""
        return self._pdf.pages if self._pdf is not None else None

    @property
    def is_pdf(self) -> bool:
        return self._pdf is not None and self.stack.currentWidget() is self._pdf

    def view(self) -> TextView | object:
        return self.pdf.pages if self.is_pdf else self.text

    def frame_source(self, start: int, end: int) -> None:
        """Frame a table cell's source (``start``–``end`` in the text; its row's region for a cell not
        read) in the view shown, scrolled into view — the keyboard stays where it is."""
        (self.pdf.pages if self.is_pdf else self.text).frame_range(start, end)

    def focus_view(self) -> None:
        (self.pdf.pages if self.is_pdf else self.text).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def display_text(self) -> str:
        if self.doc is None:
            return ""
        if self.script == "traditional":
            return to_traditional(self.doc.text)
        if self.script == "simplified":
            return to_simplified(self.doc.text)
        return self.doc.text

    def set_document(self, doc: Document | None, original: bytes | None, spans: Sequence[Span]) -> None:
        if doc is None and self.doc is None and not spans:
            return  # nothing shown: nothing to clear (a workspace opened at start, before its report)
        self.doc = doc
        self._spans = {s[0]: s for s in spans}
        self._find_at = 0
        warnings = doc.warnings if doc is not None else ()
        self.banner.setText(
            "\n".join(["⚠ " + self.tr("读取此报告时的提示："), *warnings]) if warnings else ""
        )
        self.banner.setVisible(bool(warnings))
        pages = self.made_pdf_pages
        if doc is None:
            self.title.setText("")
            if pages is not None:
                pages.clear()
            self.text.set_content("", (), ())
            self.stack.setCurrentWidget(self.text)
            return
        self.title.setText(doc.title or doc.path)
        if doc.format == "pdf" and original and doc.pages and doc.char_boxes is not None:
            self.stack.setCurrentWidget(self.pdf)
            self.text.set_content("", (), ())  # the text report shown before lets go of its document
            self.pdf.pages.set_pdf(doc, original, spans)
            self.pdf.fit()
            self.pdf.verticalScrollBar().setValue(0)
        else:
            self.stack.setCurrentWidget(self.text)
            if pages is not None:
                pages.clear()
            self.text.set_content(self.display_text(), doc.tables, spans)

    def set_script(self, script: str) -> None:
        """'original' | 'traditional' | 'simplified'; offsets and highlights stay in place."""
        self.script = script
        if self.doc is not None and not self.is_pdf:
            bar = self.text.verticalScrollBar().value()
            self.text.set_content(self.display_text(), self.doc.tables, list(self._spans.values()))
            self.text.verticalScrollBar().setValue(bar)

    def update_spans(self, spans: Sequence[Span], removed: Sequence[int] = ()) -> None:
        for s in spans:
            self._spans[s[0]] = s
        for fid in removed:
            self._spans.pop(fid, None)
        v = self.pdf.pages if self.is_pdf else self.text
        if removed:
            v.remove_spans(removed)
        v.set_spans(spans)

    def set_current(self, fid: int | None, flash: bool = True) -> None:
        (self.pdf.pages if self.is_pdf else self.text).set_current(fid, flash)

    def selection_range(self) -> tuple[int, int] | None:
        return (self.pdf.pages if self.is_pdf else self.text).selection_range()

    def extend_selection(self, step: int) -> None:
        """Keyboard selection for 补录 in the view shown (Shift+→ / Shift+←)."""
        (self.pdf.pages if self.is_pdf else self.text).extend_selection(step)

    def zoom(self, step: int) -> None:
        if self.is_pdf:
            self.pdf.zoom_by(1.2 if step > 0 else 1 / 1.2)
        elif step > 0:
            self.text.zoomIn(1)
        else:
            self.text.zoomOut(1)

    def show_find(self) -> None:
        self.findbar.show()
        self.findbar.edit.setFocus()
        self.findbar.edit.selectAll()

    # shadows QWidget.find(window id), which nothing here uses
    def find(self, needle: str, backwards: bool = False) -> tuple[int, int] | None:  # type: ignore[override]
        """Find ``needle`` in the report (either script), select and show it."""
        if not needle or self.doc is None:
            return None
        hay = to_simplified(self.doc.text)
        n = to_simplified(needle)
        if backwards:
            i = hay.rfind(n, 0, max(0, self._find_at - 1))
            if i < 0:
                i = hay.rfind(n)
        else:
            i = hay.find(n, self._find_at)
            if i < 0:
                i = hay.find(n)
        if i < 0:
            self.findbar.status.setText(self.tr("未找到"))
            return None
        self.findbar.status.setText("")
        self._find_at = i + len(n)
        v = self.pdf.pages if self.is_pdf else self.text
        v.show_range(i, i + len(n), select=True)
        return i, i + len(n)
