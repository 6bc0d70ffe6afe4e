"""A PDF report's pages drawn as pixels for the window's page view, in a worker process of its own
(``core.isolation.Helper``): PDFium drawing a hostile page can abort inside C, and the window must
not go with it. The worker keeps the document it was last given open, so each page after the first
crosses the pipe as its pixels only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core import messages

TASK = "core.documents.pdf_pages:draw"
# The worker does not hold the document asked for (it is a new worker, or held another): send it.
NOT_OPEN = "未打开文档"


@dataclass(frozen=True, kw_only=True)
class Pixels:
    """A drawn page: ``height`` rows of ``stride`` bytes, ``channels`` bytes a pixel (RGB or RGBA)."""

    width: int
    height: int
    stride: int
    channels: int
    data: bytes


_held: tuple[str, Any] | None = None  # (the document's key, its PdfDocument) in this worker


def draw(
    path: str, key: str, data: bytes | None, index: int, scale: float
) -> tuple[str, Pixels | None, str | None]:
    """Page ``index`` of the document ``key`` at ``scale`` pixels per point; ``data`` (the PDF's bytes)
    opens it, else the one held is used. Returns (path, pixels or None, why not)."""
    import pypdfium2 as pdfium  # here, not above: the window names this task without loading PDFium

    global _held
    if data is not None:
        if _held is not None:
            _held[1].close()
            _held = None
        try:
            _held = (key, pdfium.PdfDocument(data))
        except pdfium.PdfiumError:
            return path, None, messages.PAGE_NOT_DRAWN
    if _held is None or _held[0] != key:
        return path, None, NOT_OPEN
    try:
        page = _held[1][index]
        try:
            bm = page.render(scale=scale, rev_byteorder=True, may_draw_forms=True)
            pixels = Pixels(
                width=bm.width,
                height=bm.height,
                stride=bm.stride,
                channels=bm.n_channels,
                data=bytes(bm.buffer),
            )
            bm.close()
        finally:
            page.close()
    except (pdfium.PdfiumError, IndexError, ValueError, MemoryError):
        return path, None, messages.PAGE_NOT_DRAWN
    return path, pixels, None
