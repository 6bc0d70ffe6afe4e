"""Hostile PDFs built in the test (never stored): a minimal writer and the red team's bombs."""

from __future__ import annotations

import zlib


def pdf(objects: list[bytes], *, count: int | None = None) -> bytes:
    """A PDF of ``objects`` (object 1 the catalog, 2 the page tree), with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"", *, deflate: bool = False) -> bytes:
    if deflate:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def text_page(lines: list[str], *, rotate: int = 0, matrix: str = "1 0 0 1") -> bytes:
    """Content drawing ``lines`` (ASCII) with Helvetica, one per line."""
    ops = [b"BT /F1 12 Tf 14 TL"]
    ops.append(f"{matrix} 72 720 Tm".encode())
    for ln in lines:
        ops.append(b"(" + ln.encode("latin-1") + b") Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops)


def one_page(content: bytes, *, deflate: bool = False, rotate: int = 0, count: int = 1) -> bytes:
    rot = b" /Rotate %d" % rotate if rotate else b""
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count %d >>" % count,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]%s /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>" % rot,
            stream(content, deflate=deflate),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def deflated_spaces(head: bytes, size: int) -> bytes:
    """A zlib stream inflating to ``head`` then spaces up to ``size`` bytes, built in well under a
    second whatever the size: one block of spaces compressed after a full flush (so it refers to
    nothing before it) repeated, and the checksum of the whole."""
    chunk = 16 << 20
    co = zlib.compressobj(9)
    out = [co.compress(head) + co.flush(zlib.Z_FULL_FLUSH)]
    n, rest = divmod(size - len(head), chunk)
    block = co.compress(b" " * chunk) + co.flush(zlib.Z_FULL_FLUSH)
    out.append(block * n)
    tail = co.compress(b" " * rest) + co.flush()
    check = zlib.adler32(head)
    spaces = zlib.adler32(b" " * chunk, 1)
    for _ in range(n):
        check = _adler_combine(check, spaces, chunk)
    check = _adler_combine(check, zlib.adler32(b" " * rest, 1), rest)
    return b"".join(out) + tail[:-4] + check.to_bytes(4, "big")


def _adler_combine(a: int, b: int, len_b: int) -> int:
    base = 65521
    rem = len_b % base
    s1a, s2a = a & 0xFFFF, a >> 16
    s1b, s2b = b & 0xFFFF, b >> 16
    s1 = (s1a + s1b - 1) % base
    s2 = (s2a + s2b + rem * s1a - rem) % base
    return (s2 << 16) | s1


def inflating(size: int) -> bytes:
    """A one-page PDF whose content stream inflates to ``size`` bytes (spaces after a line of text)."""
    head = text_page(["Total 12 items"]) + b"\n"
    data = deflated_spaces(head, size)
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )
