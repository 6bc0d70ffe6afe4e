"""Plain-text reports: the canonical text is exactly the decoded file."""

from __future__ import annotations

from core.documents.encoding import decode, looks_binary
from core.errors import LoadError
from core.model import Document


def load(path: str, data: bytes, sha256: str) -> Document:
    if looks_binary(data):
        raise LoadError(path, "不是文本文件（含有二进制内容），请确认文件类型")
    text, enc = decode(data)
    warnings: tuple[str, ...] = ()
    if "\ufffd" in text:
        n = text.count("\ufffd")
        warnings = (f"有 {n} 个字符无法按 {enc} 解码，已替换为 �",)
    return Document(path=path, format="txt", sha256=sha256, text=text, encoding=enc, warnings=warnings)
