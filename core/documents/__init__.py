"""Load any supported report: ``load(path) -> Document``.

The format is chosen by content (magic bytes) first and the file name second, so a PDF saved as
.txt or a web page saved as .doc still opens. Every failure is a ``LoadError`` naming the file.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import re
import stat
from pathlib import Path

from core import logs, messages
from core.documents import multiple
from core.documents.meta import describe
from core.errors import LoadError
from core.messages import shown_path
from core.model import Document

log = logs.logger(__name__)
MAX_BYTES = {"txt": 20 << 20, "html": 30 << 20, "docx": 100 << 20, "pdf": 300 << 20}
SUPPORTED_SUFFIXES = (".txt", ".text", ".htm", ".html", ".shtml", ".mht", ".docx", ".pdf")

# A password-protected .docx/.xlsx is an OLE container holding an "EncryptionInfo" stream (UTF-16 name).
_ENCRYPTED_OOXML = "EncryptionInfo".encode("utf-16-le")
_HTML_SNIFF = re.compile(rb"<\s*(!doctype\s+html|html|head|body|meta|table|div|p)\b", re.I)


def sniff(path: str, head: bytes) -> str:
    """Return the format of a file from its first bytes and its name."""
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    suffix = Path(path).suffix.lower()
    if suffix in (".htm", ".html", ".shtml", ".mht"):
        return "html"
    if suffix == ".pdf":
        return "pdf"
    if suffix == ".docx":
        return "docx"
    probe = head[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if _HTML_SNIFF.match(probe) or _HTML_SNIFF.search(head[:2048]) and b"</" in head:
        return "html"
    return "txt"


def _open_regular(p: str) -> int:
    """Open ``p`` for reading without ever blocking: a FIFO, a device or a socket is refused."""
    fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise LoadError(shown_path(p), messages.IS_DIR)
        if not stat.S_ISREG(st.st_mode):
            raise LoadError(shown_path(p), messages.NOT_REGULAR)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a report, read once (everything about it is derived from these bytes).

    Raises ``LoadError`` for what is not a readable regular report file of a supported size."""
    p = os.fspath(path)
    name = shown_path(p)
    try:
        fd = _open_regular(p)
        with os.fdopen(fd, "rb") as f:
            head = f.read(8192)
            size = os.fstat(f.fileno()).st_size
            fmt = sniff(p, head)
            if fmt == "doc":
                if _ENCRYPTED_OOXML in head + f.read(1 << 20):
                    raise LoadError(name, "文件设有打开密码（已加密），请在 WPS 或 Word 中取消密码后再导入")
                kind = "WPS 文字（.wps）" if p.lower().endswith(".wps") else "旧版 Word（.doc）"
                raise LoadError(name, f"{kind}文件不受支持，请在 WPS 或 Word 中另存为 .docx 后再导入")
            if size == 0 and not head:
                raise LoadError(name, messages.EMPTY)
            limit = MAX_BYTES[fmt]
            if size > limit:
                raise LoadError(name, messages.too_large(size, limit))
            # never more than the limit, even when the file grows while it is read
            return head + f.read(limit + 1 - len(head))
    except OSError as e:
        raise LoadError(name, messages.os_reason(e)) from e


def from_bytes(path: str | os.PathLike[str], data: bytes) -> Document:
    """The Document of a report whose bytes were read with ``read``."""
    p = os.fspath(path)
    name = shown_path(p)
    fmt = sniff(p, data[:8192])
    if fmt == "doc" or len(data) > MAX_BYTES.get(fmt, 0):
        raise LoadError(name, messages.CHANGED)
    sha = hashlib.sha256(data).hexdigest()
    # Loaders are imported on demand: a text-only batch never pays for pypdfium2 or python-docx.
    loader = importlib.import_module(f"core.documents.{fmt}")
    try:
        doc = loader.load(name, data, sha)
    except LoadError:
        raise
    except RecursionError as e:
        raise LoadError(name, f"{fmt.upper()}文件的结构嵌套过深，无法读取，请另存为其他格式后再导入") from e
    except MemoryError as e:
        raise LoadError(name, "文件内容过大，内存不足，无法读取；请拆分后再导入") from e
    except Exception as e:  # a parser bug or an exotic file must still be one clear line (the log keeps all)
        log.error("%s: the %s reader failed", name, fmt, exc_info=True)
        raise LoadError(
            name, f"无法解析此{fmt.upper()}文件（{type(e).__name__}），文件可能已损坏，请另存后再导入"
        ) from e
    return multiple.check(describe(doc))


def load(path: str | os.PathLike[str]) -> Document:
    """Read ``path`` and return its Document. Raises ``LoadError`` with a one-line Chinese reason."""
    return from_bytes(path, read(path))
