"""What a PDF would cost to read, measured before PDFium is given it.

PDFium inflates a page's compressed streams whole, in memory, and keeps more than one copy: a 1 MB
file whose content stream inflates to 1 GB took 2 GB, and one inflating to 3 GB made it abort. The
compressed streams are inflated here first, a chunk at a time and without keeping the output, so a
file whose streams would inflate past the bounds is refused before anything is allocated for it.
"""

from __future__ import annotations

import re
import zlib

STREAM_BOUND = 256 << 20  # one stream inflated (a page's drawing, a font, an image)
TOTAL_BOUND = 1 << 30  # all streams inflated together
_CHUNK = 1 << 16
_OUT = 1 << 20
_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")


def inflated_beyond(data: bytes) -> int:
    """0 when every Flate stream of ``data`` inflates within the bounds, else the size (bytes) at which
    the count stopped. A stream that is not Flate, or broken, counts what inflated before the break."""
    return scan(data)[0]


def scan(data: bytes) -> tuple[int, int]:
    """(``inflated_beyond``, the number of Flate streams that break off with a zlib error: their
    content after the break — a page's text, a font — is lost to every reader)."""
    total = 0
    broken = 0
    view = memoryview(data)
    for m in _STREAM.finditer(data):
        start = m.end()
        if data[start : start + 1] not in _CMF:
            continue  # a zlib stream starts with its CMF byte (deflate, window size): 0x?8
        d = zlib.decompressobj()
        size = 0
        pos = start
        try:
            while pos < len(data) and not d.eof:
                out = d.decompress(view[pos : pos + _CHUNK], _OUT)
                pos += _CHUNK
                size += len(out)
                while d.unconsumed_tail and not d.eof:
                    out = d.decompress(d.unconsumed_tail, _OUT)
                    size += len(out)
                    if size > STREAM_BOUND or total + size > TOTAL_BOUND:
                        return total + size, broken
                if size > STREAM_BOUND or total + size > TOTAL_BOUND:
                    return total + size, broken
        except zlib.error:
            broken += 1
        total += size
    return 0, broken


_CMF = frozenset(bytes([b]) for b in (0x08, 0x18, 0x28, 0x38, 0x48, 0x58, 0x68, 0x78))


_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
_OBJ = re.compile(rb"(\d+)\s+\d+\s+obj\b")


def page_objects(data: bytes) -> int:
    """How many distinct page objects the file holds in plain sight (those inside compressed object
    streams are not counted): more than the page tree's count means pages a reader will not show."""
    numbers: set[int] = set()
    for m in _PAGE.finditer(data):
        head = data.rfind(b"obj", max(0, m.start() - 4096), m.start())
        if head < 0:
            continue
        line = data[max(0, head - 24) : head + 3]
        found = list(_OBJ.finditer(line))
        if found:
            numbers.add(int(found[-1].group(1)))
    return len(numbers)


_XREF = re.compile(rb"(?<![A-Za-z])xref\s*[\r\n]+")
_SUBSECTION = re.compile(rb"(\d+)\s+(\d+)\s*[\r\n]+")
_ENTRY = re.compile(rb"(\d{10})\s(\d{5})\s([nf])")


def unreachable_objects(data: bytes) -> int:
    """Objects a classic cross-reference table lists where the file holds no such object (the bytes
    there damaged or gone): their content — a page's text, a font — is lost, though the table itself
    parses. Cross-reference streams (PDF 1.5) are not looked into."""
    bad = 0
    for x in _XREF.finditer(data):
        pos = x.end()
        while True:
            sub = _SUBSECTION.match(data, pos)
            if sub is None:
                break
            first, count = int(sub.group(1)), int(sub.group(2))
            pos = sub.end()
            if count > 1_000_000:
                break
            for k in range(count):
                e = _ENTRY.match(data, pos)
                if e is None:
                    break
                pos = e.end()
                while pos < len(data) and data[pos] in b" \r\n":
                    pos += 1
                if e.group(3) != b"n":
                    continue
                off = int(e.group(1))
                head = _OBJHEAD.match(data, off) if off < len(data) else None
                if head is None or int(head.group(1)) != first + k or not _whole(data, head.end()):
                    bad += 1
    return bad


_OBJHEAD = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj")


def _whole(data: bytes, start: int) -> bool:
    """Whether an object's body holds together: a stream's data has its ``stream`` keyword (a damaged
    dictionary or keyword leaves PDFium without the stream)."""
    end = data.find(b"endobj", start)
    body = data[start : end if end >= 0 else start + 4096]
    tail = body.rfind(b"endstream")
    return tail < 0 or _STREAM.search(body, 0, tail) is not None
