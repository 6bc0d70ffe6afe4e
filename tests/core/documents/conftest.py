"""PDF fixtures drawn by the tests with Qt (ASCII only: a CJK font may be missing on CI)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

PAGE_H = 842.0  # A4 height in points; Qt draws from the top, PDF measures from the bottom

Painter = Callable[[object], None]


@pytest.fixture
def draw_pdf(qapp: object, tmp_path: Path) -> Callable[..., Path]:
    """``draw_pdf(name, page1, page2, ...)``: each page function gets a QPainter (1 unit = 1 pt)."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

    def make(name: str, *pages: Painter) -> Path:
        path = tmp_path / name
        w = QPdfWriter(str(path))
        w.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        w.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
        w.setResolution(72)
        p = QPainter(w)
        f = QFont("Sans Serif")  # not the application's font, which a window test may have set to CJK
        f.setPointSizeF(12)
        p.setFont(f)
        for i, draw in enumerate(pages):
            if i:
                w.newPage()
            draw(p)
        p.end()
        return path

    return make


@pytest.fixture
def encrypted_pdf() -> bytes:
    """A minimal PDF protected by the standard security handler with an unknown user password."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <"
        + b"11" * 32
        + b"> /U <"
        + b"22" * 32
        + b"> >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<{'ab' * 16}> <{'ab' * 16}>] >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)
