"""Load any supported report: ``load(path) -> Document``.

The format is chosen by content (magic bytes) first and the file name second, so a PDF saved as
.txt or a web page saved as .doc still opens. Every failure is a ``LoadError`` naming the file.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import re
from pathlib import Path

from core.documents.meta import describe
from core.errors import LoadError
from core.model import Document

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


def _size_text(n: int) -> str:
    return f"{n / (1 << 20):.1f} MB"


def load(path: str | os.PathLike[str]) -> Document:
    """Read ``path`` and return its Document. Raises ``LoadError`` with a one-line Chinese reason."""
    p = str(path)
    try:
        with open(p, "rb") as f:
            head = f.read(8192)
            size = os.fstat(f.fileno()).st_size
            fmt = sniff(p, head)
            if fmt == "doc":
                if _ENCRYPTED_OOXML in head + f.read(1 << 20):
                    raise LoadError(p, "文件设有打开密码（已加密），请在 WPS 或 Word 中取消密码后再导入")
                kind = "WPS 文字（.wps）" if p.lower().endswith(".wps") else "旧版 Word（.doc）"
                raise LoadError(p, f"{kind}文件不受支持，请在 WPS 或 Word 中另存为 .docx 后再导入")
            if size == 0:
                raise LoadError(p, "文件为空")
            limit = MAX_BYTES[fmt]
            if size > limit:
                raise LoadError(p, f"文件过大（{_size_text(size)}），超过 {_size_text(limit)} 的上限")
            data = head + f.read()
    except IsADirectoryError as e:
        raise LoadError(p, "这是文件夹，不是文件") from e
    except FileNotFoundError as e:
        raise LoadError(p, "文件不存在") from e
    except PermissionError as e:
        raise LoadError(p, "没有读取权限（文件可能被其他程序占用）") from e
    except OSError as e:
        raise LoadError(p, f"无法读取：{e.strerror or e}") from e
    sha = hashlib.sha256(data).hexdigest()
    # Loaders are imported on demand: a text-only batch never pays for pypdfium2 or python-docx.
    loader = importlib.import_module(f"core.documents.{fmt}")
    try:
        doc = loader.load(p, data, sha)
    except LoadError:
        raise
    except Exception as e:  # a parser bug or an exotic file must still be one clear line
        raise LoadError(p, f"无法解析此{fmt.upper()}文件（{type(e).__name__}: {e}）") from e
    return describe(doc)
