"""Guess a report's title, issuing body and year from its text."""

from __future__ import annotations

import dataclasses
import re

from core.model import Document
from core.textnorm import to_simplified

_TITLE_RE = re.compile(r"[^\n]{0,40}?(?:年度报告|工作报告|工作总结|复函|答复|报告)[^\n]{0,10}")
_YEAR_RE = re.compile(r"(?<!\d)(20[0-4]\d|199\d)\s*年")
_ISSUER_RE = re.compile(
    r"^[\s（(【]*([^\s\d，,。（(：:]{2,30}?(?:人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|局|厅|署|院|中心|街道办事处|街道|镇|乡|区|县|市))"
    r"(?=\s*\d{4}\s*年|关于)"
)


def describe(doc: Document) -> Document:
    """Fill ``title``, ``issuer`` and ``year`` when the loader did not."""
    head = to_simplified(doc.text[:3000])
    title = doc.title
    if not title:
        for line in head.splitlines():
            line = line.strip()
            if 6 <= len(line) <= 80 and ("报告" in line or "总结" in line or "复函" in line):
                title = line
                break
    year = doc.year
    if year is None:
        m = _YEAR_RE.search(title or "") or _YEAR_RE.search(head)
        if m:
            year = int(m.group(1))
    issuer = doc.issuer
    if not issuer and title:
        m = _ISSUER_RE.search(title)
        if m:
            issuer = m.group(1)
    return dataclasses.replace(doc, title=title, year=year, issuer=issuer)
