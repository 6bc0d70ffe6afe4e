"""A second, independent reading of a PDF's pages, by pdfplumber (pdfminer's text and pdfplumber's own
ruled-table finder; nothing shared with ``core.documents.pdf`` but the file).

``second_text(data, pages)`` is the text of those pages as pdfplumber reads them, in the shape the
table reader takes: the lines outside ruled tables as they are, each table row as one line of cells
separated by tabs (a cell's wrapped lines joined, a merged cell once). pdfplumber is imported here
only, when a second reading is asked for: a report the own reader reads fully never loads it.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterable

_CJK_BREAK = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\n(?=[\u3000-\u9fff\uff00-\uffef])")


def _cell(text: str | None) -> str | None:
    if text is None:
        return None  # a position covered by a merged cell
    s = _CJK_BREAK.sub("", text.strip())
    return " ".join(s.split())


def _inside(box: tuple[float, float, float, float], top: float, bottom: float, x0: float, x1: float) -> bool:
    bx0, btop, bx1, bbottom = box
    cy, cx = (top + bottom) / 2, (x0 + x1) / 2
    return btop <= cy <= bbottom and bx0 <= cx <= bx1


def second_text(data: bytes, pages: Iterable[int]) -> str:
    """The text of ``pages`` (0-based) as pdfplumber reads them (see the module's note); "" when
    pdfplumber cannot read the file."""
    import pdfplumber  # loaded only when a second reading is needed

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    out: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            n = len(pdf.pages)
            for i in sorted(set(pages)):
                if not 0 <= i < n:
                    continue
                page = pdf.pages[i]
                found = page.find_tables()
                boxes = [t.bbox for t in found]
                blocks: list[tuple[float, str]] = []
                for ln in page.extract_text_lines():
                    if not any(_inside(b, ln["top"], ln["bottom"], ln["x0"], ln["x1"]) for b in boxes):
                        blocks.append((ln["top"], ln["text"]))
                for t in found:
                    rows = []
                    for row in t.extract():
                        cells = [c for c in map(_cell, row) if c is not None]
                        rows.append("\t".join(cells))
                    blocks.append((t.bbox[1], "\n".join(rows)))
                blocks.sort(key=lambda b: b[0])
                out += [b[1] for b in blocks]
    except Exception:  # an independent reader that fails gives no reading, never an error
        return ""
    return "\n".join(out) + "\n" if out else ""
