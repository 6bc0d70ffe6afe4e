"""Does a screenshot hold characters or boxes? Qt draws a character it has no font for as a hollow
rectangle; a window whose text is all such boxes has the right size and nothing a reviewer can read.

    uv run python -m tests.packaging.glyphs SHOT.png [...]     # exit 1 when a shot's text is boxes
"""

from __future__ import annotations

import sys
from pathlib import Path


def glyphs_and_boxes(path: Path, top: int = 0, height: int = 50) -> tuple[int, int]:
    """In a band of a screenshot (by default the menu bar and the notice under it): how many glyph-sized
    marks it holds, and how many of them are hollow rectangles, as a character without a font is drawn."""
    from collections import Counter

    from PySide6.QtGui import QColor, QImage

    img = QImage(str(path))
    assert not img.isNull(), path
    w = img.width()
    light = [[QColor(img.pixel(x, y)).lightness() for x in range(w)] for y in range(top, top + height)]
    bg = Counter(v for row in light for v in row).most_common(1)[0][0]
    ink = {(x, y) for y in range(height) for x in range(w) if abs(light[y][x] - bg) > 60}
    seen: set[tuple[int, int]] = set()
    marks = boxes = 0
    for start in ink:
        if start in seen:
            continue
        seen.add(start)
        stack, comp = [start], set()
        while stack:
            x, y = stack.pop()
            comp.add((x, y))
            for q in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                if q in ink and q not in seen:
                    seen.add(q)
                    stack.append(q)
        x0, x1 = min(c[0] for c in comp), max(c[0] for c in comp)
        y0, y1 = min(c[1] for c in comp), max(c[1] for c in comp)
        if x1 - x0 < 3 or y1 - y0 < 5:
            continue  # a dot or a stroke, not a character's size
        marks += 1
        rim = [(x, y) for x in range(x0, x1 + 1) for y in (y0, y1)] + [
            (x, y) for y in range(y0, y1 + 1) for x in (x0, x1)
        ]
        inside = [(x, y) for x in range(x0 + 1, x1) for y in range(y0 + 1, y1)]
        if sum(q in comp for q in rim) >= 0.9 * len(rim) and sum(q in comp for q in inside) <= 0.1 * len(
            inside
        ):
            boxes += 1
    return marks, boxes


def holds_text(path: Path) -> bool:
    marks, boxes = glyphs_and_boxes(path)
    return marks >= 30 and boxes <= marks / 20


if __name__ == "__main__":
    bad = 0
    for arg in sys.argv[1:]:
        marks, boxes = glyphs_and_boxes(Path(arg))
        ok = holds_text(Path(arg))
        bad += not ok
        print(f"{arg}: {marks} characters, {boxes} drawn as boxes: {'text' if ok else 'NO TEXT'}")  # noqa: T201
    sys.exit(1 if bad or not sys.argv[1:] else 0)
