"""Script conversion that keeps offsets: ``to_simplified`` returns a string of the same length.

OpenCC's ``t2s`` converts character by character for almost all text, so lengths match and an
offset in the converted string is the same offset in the original. Where a phrase rule would change
the length, that line is converted one character at a time instead, so the guarantee always holds.
"""

from __future__ import annotations

import re
from functools import lru_cache

import opencc


@lru_cache(maxsize=4)
def _converter(config: str) -> opencc.OpenCC:
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


def _convert_part(text: str, config: str) -> str:
    conv = _converter(config)
    out: str = conv.convert(text)
    if len(out) == len(text):
        return out
    parts = []
    for line in text.splitlines(keepends=True):
        c = conv.convert(line)
        if len(c) != len(line):
            c = "".join(ch2 if len(ch2 := conv.convert(ch)) == 1 else ch for ch in line)
        parts.append(c)
    return "".join(parts)


SHORT = 200  # characters: a cell or a label, converted once and remembered


@lru_cache(maxsize=1 << 12)
def _short_simplified(text: str) -> str:
    return _convert_keep_length(text, "t2s")


# The last long text converted and its conversion: the table reader and the figure scan each match
# on a report's simplified text, and convert it once between them. A text longer than ``CHUNK`` is
# not kept (it would stay in memory after its analysis, and its conversion is a small part of it).
_last_simplified: tuple[str, str] = ("", "")


def to_simplified(text: str) -> str:
    """Traditional → simplified, same length as ``text``."""
    global _last_simplified
    if len(text) <= SHORT:
        return _short_simplified(text)
    last, out = _last_simplified
    if last is text:
        return out
    out = _convert_keep_length(text, "t2s")
    if len(text) <= CHUNK:
        _last_simplified = (text, out)
    return out


def to_traditional(text: str) -> str:
    """Simplified → traditional, same length as ``text`` (used by the GUI's display switch)."""
    return _convert_keep_length(text, "s2t")


_FULLWIDTH = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20


_FULLWIDTH_RUN = re.compile("[\uff01-\uff5e\u3000]+")


def fold_width(text: str) -> str:
    """Full-width ASCII (１２３，％（）) → half-width; same length. Only the runs are translated."""
    return _FULLWIDTH_RUN.sub(lambda m: m.group().translate(_FULLWIDTH), text)


def normalize(text: str) -> str:
    """Simplified script and half-width ASCII: the form every matcher works on. Same length."""
    return fold_width(to_simplified(text))
