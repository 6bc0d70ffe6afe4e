"""The direction a page's text reads in, so a page shown sideways (``/Rotate`` on upright content) or
text drawn rotated is read along its lines, not across them.

PDFium gives each character's rotation (clockwise, in user space); with the page's ``/Rotate`` that is
the direction the text runs on the page as displayed. When most of a page's characters run in another
direction than left to right, the page is read in a frame turned so they do — characters and ruling
lines alike, so tables are still found — and the boxes written are turned back to the displayed page,
where the window draws them.
"""

from __future__ import annotations

import math
from collections import Counter

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from core.documents.pdf_tables import Frame

SAMPLE = 256  # characters asked for their angle per page (evenly spread)
SNAP = 10.0  # degrees: an angle this close to a right angle is that right angle


def reading_turn(tp: raw.FPDF_TEXTPAGE, rotation: int) -> float:
    """Degrees (counter-clockwise) to turn the displayed page by so most characters read left to
    right; 0 when they already do."""
    n = raw.FPDFText_CountChars(tp)
    if n <= 0:
        return 0.0
    step = max(1, n // SAMPLE)
    votes: Counter[int] = Counter()
    for i in range(0, n, step):
        a = raw.FPDFText_GetCharAngle(tp, i)
        if a < 0:
            continue
        turn = (math.degrees(a) + rotation) % 360
        for right in (0, 90, 180, 270, 360):
            if abs(turn - right) <= SNAP:
                turn = right % 360
        votes[round(turn) % 360] += 1
    if not votes:
        return 0.0
    turn, count = votes.most_common(1)[0]
    if turn == 0 or count * 2 <= sum(votes.values()):
        return 0.0
    return float(turn)


class ReadingFrame(Frame):
    """The displayed page turned by ``turn`` degrees counter-clockwise about its origin."""

    def __init__(self, page: pdfium.PdfPage, turn: float) -> None:
        super().__init__(page)
        self.turn = turn
        r = math.radians(turn)
        self.cos, self.sin = round(math.cos(r), 12), round(math.sin(r), 12)
        self.identity = False

    def point(self, x: float, y: float) -> tuple[float, float]:
        x, y = super().point(x, y)
        return x * self.cos - y * self.sin, x * self.sin + y * self.cos

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        if self.turn % 90 == 0:
            return _bounds([self.point(x, y) for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))])
        # a glyph drawn at a slant has an upright box wider than itself by |cos| + |sin| (neighbours'
        # boxes overlap and would read as one): its box in the reading frame is that much smaller
        cx, cy = self.point((x0 + x1) / 2, (y0 + y1) / 2)
        shrink = abs(self.cos) + abs(self.sin)
        hw, hh = (x1 - x0) / shrink / 2, (y1 - y0) / shrink / 2
        return cx - hw, cy - hh, cx + hw, cy + hh

    def back(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        """A box of the reading frame on the displayed page."""
        c, s = self.cos, self.sin
        pts = [(x * c + y * s, -x * s + y * c) for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
        return _bounds(pts)


def _bounds(pts: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return min(xs), min(ys), max(xs), max(ys)
