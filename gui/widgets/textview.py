"""TXT / HTML / DOCX reports as formatted text with real tables, figures highlighted by status.

Core offsets are code points into ``Document.text``; Qt positions are UTF-16 units in a QTextDocument
that also holds table structure. ``build_text_document`` returns the document and ``pos``: for every
code-point offset (0..len(text)) its QTextDocument position. This module is the only place that
converts between the two.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Sequence

from PySide6.QtCore import QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPen,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextTableFormat,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from core.model import Table
from gui.widgets.reviewkeys import KeyboardSelection, add_menu_action, handle_key
from gui.widgets.style import color

Span = tuple[int, int, int, str]  # figure id, start, end, display status


def _utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def _insert_plain(cur: QTextCursor, text: str, base: int, pos: array[int]) -> None:
    """Insert ``text`` (code points base..base+len) recording each code point's position."""
    p = cur.position()
    if text.isascii() or _utf16_len(text) == len(text):
        pos.extend(range(p, p + len(text)))
    else:
        for ch in text:
            pos.append(p)
            p += 2 if ord(ch) > 0xFFFF else 1
    cur.insertText(text)


def build_text_document(
    text: str, tables: Sequence[Table], font: QFont | None = None
) -> tuple[QTextDocument, array[int]]:
    """A QTextDocument of ``text`` with ``tables`` as real tables, and the code point → position map."""
    qdoc = QTextDocument()
    qdoc.setUndoRedoEnabled(False)
    if font is not None:
        qdoc.setDefaultFont(font)
    pos = array("l")
    cur = QTextCursor(qdoc)
    at = 0
    for t in sorted(tables, key=lambda t: t.start):
        if t.start < at or not t.cells or t.n_rows <= 0 or t.n_cols <= 0:
            continue
        _insert_plain(cur, text[at : t.start], at, pos)
        at = t.start
        fmt = QTextTableFormat()
        fmt.setCellPadding(3)
        fmt.setCellSpacing(0)
        fmt.setBorder(1)
        fmt.setBorderBrush(QColor("#999"))
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        qt = cur.insertTable(t.n_rows, t.n_cols, fmt)
        for c in t.cells:
            if c.rowspan > 1 or c.colspan > 1:
                qt.mergeCells(
                    c.row, c.col, min(c.rowspan, t.n_rows - c.row), min(c.colspan, t.n_cols - c.col)
                )
        cell_pos: dict[int, int] = {}
        for c in sorted(t.cells, key=lambda c: c.start):
            if not (t.start <= c.start <= c.end <= t.end) or c.row >= t.n_rows or c.col >= t.n_cols:
                continue
            ccur = qt.cellAt(c.row, c.col).lastCursorPosition()
            p = ccur.position()
            sub = array("l")
            _insert_plain(ccur, text[c.start : c.end], c.start, sub)
            for i, q in enumerate(sub):
                cell_pos[c.start + i] = q
            cell_pos.setdefault(c.end, p + _utf16_len(text[c.start : c.end]))
        after = qt.lastPosition() + 1
        last = qt.firstPosition()
        for i in range(t.start, t.end):
            q = cell_pos.get(i, last)
            pos.append(q)
            last = q
        cur = QTextCursor(qdoc)
        cur.setPosition(min(after, qdoc.characterCount() - 1))
        cur.movePosition(QTextCursor.MoveOperation.End)
        at = t.end
        if text.startswith("\n", at):
            pos.append(cur.position())
            at += 1
    _insert_plain(cur, text[at:], at, pos)
    pos.append(cur.position())
    return qdoc, pos


class TextView(QTextEdit):
    """Read-only formatted text; figures painted in their status colour; the current one outlined."""

    figure_clicked = Signal(int)
    add_requested = Signal(int, int)
    digits_typed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.pos_map = array("l")
        self._qdoc: QTextDocument | None = None  # the document shown, made by set_content
        self._spans: dict[int, Span] = {}
        self._starts: list[tuple[int, int]] = []  # (qt start, figure id) sorted
        self._current: int | None = None
        self._flash = 0
        self._flash_timer = QTimer(self)
        self._flash_timer.setInterval(120)
        self._flash_timer.timeout.connect(self._flash_step)
        self._find: tuple[int, int] | None = None
        self._framed: tuple[int, int] | None = None  # the source of the table cell the cursor is on
        self._text = ""  # the text shown, by code point (the offsets of the spans)
        self._kb = KeyboardSelection()
        f = QFont()
        f.setPointSize(11)
        self._font = f

    # --- content -------------------------------------------------------------------------------
    def set_content(self, text: str, tables: Sequence[Table], spans: Sequence[Span]) -> None:
        qdoc, self.pos_map = build_text_document(text, tables, self._font)
        self._text = text
        self._kb = KeyboardSelection()
        qdoc.setParent(self)
        self.setExtraSelections([])  # their cursors point into the old document
        self._spans = {}
        self._current = None
        self._find = None
        # the figures coloured before the document is shown: the view lays it out once, not again
        # after the colours (a layout of the whole report each time)
        self._paint_spans(qdoc, spans)
        self.setDocument(qdoc)
        # Qt deletes a replaced document only when its text control owns it (the first, empty one);
        # ours are children of this view and would stay in memory for as long as the window is open
        if self._qdoc is not None:
            self._qdoc.deleteLater()
        self._qdoc = qdoc
        self._starts = sorted((self.qt_range(s[1], s[2])[0], fid) for fid, s in self._spans.items())
        self._update_extra()
        self.verticalScrollBar().setValue(0)

    def qt_range(self, start: int, end: int) -> tuple[int, int]:
        n = len(self.pos_map) - 1
        s = self.pos_map[max(0, min(start, n))]
        e = self.pos_map[max(0, min(end, n))]
        if e < s:
            e = s
        return s, e

    def offset_at(self, qpos: int) -> int:
        """Code-point offset of a Qt position (the last code point at or before it)."""
        i = bisect.bisect_right(self.pos_map, qpos) - 1
        return max(0, i)

    def set_spans(self, spans: Sequence[Span]) -> None:
        """Paint (or repaint) the given figures; others keep their colour.

        One edit block for all of them: Qt lays the document out once at the end instead of after
        every span (a report with tables took ~4 ms per figure, near a second per report)."""
        self._paint_spans(self.document(), spans)
        self._starts = sorted((self.qt_range(s[1], s[2])[0], fid) for fid, s in self._spans.items())
        self._update_extra()

    def _paint_spans(self, qdoc: QTextDocument, spans: Sequence[Span]) -> None:
        cur = QTextCursor(qdoc)
        formats: dict[str, QTextCharFormat] = {}  # one per display status: a report has hundreds of figures
        cur.beginEditBlock()
        for sp in spans:
            old = self._spans.get(sp[0])
            if old is not None and (old[1], old[2]) != (sp[1], sp[2]):
                self._paint(old, clear=True, cur=cur)
            self._spans[sp[0]] = sp
            self._paint(sp, cur=cur, formats=formats)
        cur.endEditBlock()

    def remove_spans(self, ids: Sequence[int]) -> None:
        cur = QTextCursor(self.document())
        cur.beginEditBlock()
        for fid in ids:
            sp = self._spans.pop(fid, None)
            if sp is not None:
                self._paint(sp, clear=True, cur=cur)
        cur.endEditBlock()
        self._starts = sorted((self.qt_range(s[1], s[2])[0], fid) for fid, s in self._spans.items())

    def span_format(self, fid: int) -> QTextCharFormat:
        """The char format at a figure's first character (what the user sees)."""
        sp = self._spans[fid]
        s, _e = self.qt_range(sp[1], sp[2])
        cur = QTextCursor(self.document())
        cur.setPosition(s + 1)
        return cur.charFormat()

    def _paint(
        self,
        sp: Span,
        clear: bool = False,
        cur: QTextCursor | None = None,
        formats: dict[str, QTextCharFormat] | None = None,
    ) -> None:
        s, e = self.qt_range(sp[1], sp[2])
        if e <= s:
            return
        if cur is None:
            cur = QTextCursor(self.document())
        cur.setPosition(s)
        cur.setPosition(e, QTextCursor.MoveMode.KeepAnchor)
        if clear:
            fmt = QTextCharFormat()
            fmt.clearBackground()
            fmt.setFontStrikeOut(False)
            cur.mergeCharFormat(fmt)
            fmt2 = QTextCharFormat()
            fmt2.setBackground(QBrush(Qt.BrushStyle.NoBrush))
            cur.mergeCharFormat(fmt2)
            return
        shown = formats.get(sp[3]) if formats is not None else None
        if shown is None:
            shown = QTextCharFormat()
            shown.setBackground(color(sp[3]))
            shown.setFontStrikeOut(sp[3] == "rejected")
            if formats is not None:
                formats[sp[3]] = shown
        cur.mergeCharFormat(shown)

    # --- current figure, find -------------------------------------------------------------------
    def set_current(self, fid: int | None, flash: bool = True) -> None:
        self._current = fid
        if fid is not None and fid in self._spans:
            sp = self._spans[fid]
            self.show_range(sp[1], sp[2], select=False)
            if flash:
                self._flash = 6
                self._flash_timer.start()
        self._update_extra()

    def show_range(self, start: int, end: int, select: bool = True) -> None:
        s, e = self.qt_range(start, end)
        cur = QTextCursor(self.document())
        cur.setPosition(s)
        cur.setPosition(e, QTextCursor.MoveMode.KeepAnchor)
        if select:
            self._find = (start, end)
            self.setTextCursor(cur)
        rect = self.cursorRect(cur)
        vp = self.viewport_rect()
        if not vp.adjusted(0, 20, 0, -20).contains(rect):
            sb = self.verticalScrollBar()
            sb.setValue(sb.value() + rect.center().y() - vp.height() // 2)
        self._update_extra()

    def viewport_rect(self) -> QRect:
        """``viewport().rect()``, from the scroll bars' page steps, which QTextEdit keeps at the
        viewport's size. The first Python handle on the viewport (a widget Qt made, not this program)
        costs PySide a walk over every widget class it knows, some milliseconds: the window's first
        paint, which scrolls the first figure into view, goes without it."""
        return QRect(0, 0, self.horizontalScrollBar().pageStep(), self.verticalScrollBar().pageStep())

    def frame_range(self, start: int, end: int) -> None:
        """Frame the text ``start``–``end`` (a table cell's source, or its row's), scrolled into view."""
        self._framed = (start, end)
        self.show_range(start, end, select=False)

    def framed(self) -> tuple[int, int] | None:
        return self._framed

    def _flash_step(self) -> None:
        self._flash -= 1
        if self._flash <= 0:
            self._flash_timer.stop()
        self._update_extra()

    def _extra(self, s: int, e: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        """An extra selection over the Qt positions ``s``–``e`` drawn in ``fmt``."""
        sel = QTextEdit.ExtraSelection()
        cur = QTextCursor(self.document())
        cur.setPosition(s)
        cur.setPosition(e, QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cur
        sel.format = fmt
        return sel

    def _update_extra(self) -> None:
        extras = []
        if self._framed is not None:
            ff = QTextCharFormat()
            ff.setBackground(QColor("#bae0ff"))
            ff.setProperty(QTextFormat.Property.OutlinePen, QPen(QColor("#1677ff"), 2))
            extras.append(self._extra(*self.qt_range(*self._framed), ff))
        if self._current is not None and self._current in self._spans:
            sp = self._spans[self._current]
            fmt = QTextCharFormat()
            on = self._flash % 2 == 1
            fmt.setBackground(QColor("#fa8c16") if on else color(sp[3]).darker(115))
            fmt.setProperty(QTextFormat.Property.OutlinePen, QColor("#d4380d"))
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setFontUnderline(True)
            fmt.setUnderlineColor(QColor("#d4380d"))
            extras.append(self._extra(*self.qt_range(sp[1], sp[2]), fmt))
        self.setExtraSelections(extras)

    def current_flashing(self) -> bool:
        return self._flash_timer.isActive()

    # --- selection and clicks -------------------------------------------------------------------
    def extend_selection(self, step: int) -> None:
        """Shift+→ / Shift+←: select the next number after the current figure, then grow or shrink the
        selection by a character (``reviewkeys.KeyboardSelection``)."""
        sp = self._spans.get(self._current) if self._current is not None else None
        sel = self._kb.step(self._text, self.selection_range(), (sp[1], sp[2]) if sp else None, step)
        if sel is None:
            return
        s, e = self.qt_range(*sel)
        cur = QTextCursor(self.document())
        cur.setPosition(s)
        cur.setPosition(e, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cur)
        self.ensureCursorVisible()

    def selection_range(self) -> tuple[int, int] | None:
        cur = self.textCursor()
        if not cur.hasSelection():
            return None
        s = self.offset_at(cur.selectionStart())
        e = self.offset_at(cur.selectionEnd())
        if cur.selectionEnd() > self.pos_map[e]:
            e += 1
        return (s, e) if e > s else None

    def figure_at(self, point: QPoint) -> int | None:
        q = self.cursorForPosition(point).position()
        i = bisect.bisect_right(self._starts, (q, 1 << 62)) - 1
        for j in range(i, max(-1, i - 4), -1):
            fid = self._starts[j][1]
            sp = self._spans[fid]
            s, e = self.qt_range(sp[1], sp[2])
            if s <= q <= e:
                return fid
        return None

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        super().mouseReleaseEvent(e)
        if e.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            fid = self.figure_at(e.position().toPoint())
            if fid is not None:
                self.figure_clicked.emit(fid)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if handle_key(e, self.selection_range(), self.digits_typed, self.add_requested):
            return
        super().keyPressEvent(e)

    def contextMenuEvent(self, e: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(e.pos())
        add_menu_action(menu, self.selection_range(), self.add_requested)
        menu.exec(e.globalPos())
