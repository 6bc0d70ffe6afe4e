"""Script conversion that keeps offsets: ``to_simplified`` returns a string of the same length.

OpenCC's ``t2s`` converts character by character for almost all text, so lengths match and an
offset in the converted string is the same offset in the original. Where a phrase rule would change
the length, that line is converted one character at a time instead, so the guarantee always holds.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import opencc


@lru_cache(maxsize=4)
def _converter(config: str) -> opencc.OpenCC:
    import opencc  # its dictionaries load on the first conversion, not when the window starts

    return opencc.OpenCC(config)


CHUNK = 1 << 20  # characters converted per OpenCC call: its UTF-8 copies of a 10 MB text doubled the peak


def _convert_keep_length(text: str, config: str) -> str:
    if not text:
        return text
    if len(text) <= CHUNK:
        return _convert_part(text, config)
    # Cut at line ends: no OpenCC phrase spans a line break, so the pieces convert as the whole would.
    parts = []
    i = 0
    while i < len(text):
        j = text.find("\n", i + CHUNK) + 1 or len(text)
        parts.append(_convert_part(text[i:j], config))
        i = j
    return "".join(parts)


_WORDS = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")  # a phrase rule never spans anything else


def _convert_part(text: str, config: str) -> str:
    conv = _converter(config)
    out: str = conv.convert(text)
    if len(out) == len(text):
        return out
    parts = []
    for line in text.splitlines(keepends=True):
        c = conv.convert(line)
        if len(c) != len(line):
            c = _WORDS.sub(lambda m: _convert_run(m.group(), conv), line)
        parts.append(c)
    return "".join(parts)


def _convert_run(run: str, conv: opencc.OpenCC) -> str:
    """One run of CJK characters whose conversion changes its length (記憶體 → 内存): the phrases that
    keep their length are taken from the whole conversion, the others character by character."""
    whole: str = conv.convert(run)
    if len(whole) == len(run):
        return whole
    from difflib import SequenceMatcher  # only here (a conversion changing a run's length): not at start

    chars = "".join(ch2 if len(ch2 := conv.convert(ch)) == 1 else ch for ch in run)
    out = []
    for op, a, b, c, d in SequenceMatcher(None, chars, whole, autojunk=False).get_opcodes():
        out.append(whole[c:d] if op == "equal" or (b - a == d - c) else chars[a:b])
    return "".join(out)


SHORT = 200  # characters: a cell or a label, converted once and remembered


class _KeptConversion:
    """A length-keeping conversion that remembers: short texts (a cell, a label) in a cache, and the last
    long text with its conversion, since the table reader and the figure scan each match on a report's
    converted text and should convert it once between them. A text longer than ``CHUNK`` is not kept
    (it would stay in memory after its analysis, and its conversion is a small part of it)."""

    def __init__(self, config: str) -> None:
        self.config = config
        self.last: tuple[str, str] = ("", "")
        self.short = lru_cache(maxsize=1 << 12)(self.convert)

    def convert(self, text: str) -> str:
        return _convert_keep_length(text, self.config)

    def __call__(self, text: str) -> str:
        if len(text) <= SHORT:
            return self.short(text)
        last, out = self.last
        if last is text:
            return out
        out = self.convert(text)
        if len(text) <= CHUNK:
            self.last = (text, out)
        return out


_simplified = _KeptConversion("t2s")
_mainland = _KeptConversion("tw2sp")


def to_simplified(text: str) -> str:
    """Traditional → simplified, same length as ``text``."""
    return _simplified(text)


def to_traditional(text: str) -> str:
    """Simplified → traditional, same length as ``text`` (used by the GUI's display switch)."""
    return _convert_keep_length(text, "s2t")


# Invisible format characters (zero-width space and non-joiner, word joiner, BOM, soft hyphen): a web
# editor or a copy leaves them inside numbers and words (申请1\u200b2件), where they are not seen.
INVISIBLE = "\u00ad\u200b\u200c\u2060\ufeff"
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]+")


def drop_invisible(text: str) -> str:
    """``text`` without its invisible format characters (done by the loaders, before any offset)."""
    return _INVISIBLE_RE.sub("", text) if any(c in text for c in INVISIBLE) else text


_FULLWIDTH = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20


_FULLWIDTH_RUN = re.compile("[\uff01-\uff5e\u3000]+")


def fold_width(text: str) -> str:
    """Full-width ASCII (１２３，％（）) → half-width; same length. Only the runs are translated."""
    return _FULLWIDTH_RUN.sub(lambda m: m.group().translate(_FULLWIDTH), text)


def to_mainland(text: str) -> str:
    """Traditional → simplified with the mainland's words, same length as ``text``: for matching only.

    A traditional copy made with Taiwan phrasing writes the form's 文件 as 檔案 and 信息 as 資訊
    (行政規範性檔案, 政府資訊公開); character conversion alone leaves 档案 and 资讯, so the row label
    行政规范性文件 is not found. Phrases are converted back where that keeps the length (記憶體 → 内存 is
    converted character by character). A true 檔案館 reads 文件馆 here, which no label of the forms
    contains; what is shown to a reviewer comes from ``to_simplified`` or the text itself."""
    return _mainland(text)


def normalize(text: str) -> str:
    """Simplified script with the mainland's words, half-width ASCII: the form every table matcher
    works on. Same length."""
    return fold_width(to_mainland(text))


_PARAGRAPH_END = "。！？!?；;：:"


def paragraph_at(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph of ``text`` holding ``start``–``end``: its lines up to the line that ends a
    sentence (。！？；：) — a PDF breaks a paragraph into lines of the page, a web page keeps it
    one line — never a table's line (cells apart by tabs)."""
    lines_start = text.rfind("\n", 0, start) + 1
    a = lines_start
    while a > 0:  # go back over lines that do not end a sentence
        prev_end = a - 1  # the "\n" before line a
        prev_start = text.rfind("\n", 0, prev_end) + 1
        prev = text[prev_start:prev_end].rstrip()
        if not prev or prev[-1] in _PARAGRAPH_END or "\t" in prev:
            break
        a = prev_start
    b = text.find("\n", end)
    while b >= 0:
        line = text[text.rfind("\n", 0, b) + 1 : b].rstrip()
        nxt_end = text.find("\n", b + 1)
        nxt = text[b + 1 : nxt_end if nxt_end >= 0 else len(text)]
        if not line or line[-1] in _PARAGRAPH_END or "\t" in nxt or not nxt.strip():
            break
        b = nxt_end
    return a, len(text) if b < 0 else b
