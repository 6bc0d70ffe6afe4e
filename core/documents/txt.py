"""Plain-text reports: the canonical text is the decoded file without its invisible format characters
(a zero-width space inside ``1`` U+200B ``2`` would split the number)."""

from __future__ import annotations

import re

from core import messages
from core.documents.encoding import decode, looks_binary
from core.errors import LoadError
from core.model import Document
from core.textnorm import drop_invisible

_READABLE = re.compile(r"[0-9\u3400-\u9fff\uf900-\ufaff\uff10-\uff19]")


def load(path: str, data: bytes, sha256: str) -> Document:
    if looks_binary(data):
        raise LoadError(path, messages.BINARY_TEXT)
    text, enc = decode(data)
    text = drop_invisible(text)
    if not _READABLE.search(text):  # a BOM alone, one byte, only spaces or punctuation: not a report
        raise LoadError(path, messages.NO_TEXT)
    warnings: tuple[str, ...] = ()
    if "\ufffd" in text:
        warnings = (messages.undecodable(text.count("\ufffd"), enc),)
    return Document(path=path, format="txt", sha256=sha256, text=text, encoding=enc, warnings=warnings)
