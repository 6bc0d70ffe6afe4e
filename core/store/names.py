"""People, not strings: the one form of a person's name every comparison of the store uses.

``张三``, ``张三\u200b`` (a zero-width space pasted along), ``張三`` (traditional), ``ＺＨＡＮＧ ＳＡＮ``
(full width) and ``zhang  san`` are one person: NFKC folds widths and compatibility forms, invisible
characters (format characters such as zero-width spaces and joiners, byte-order marks, soft hyphens,
controls) are removed, runs of spaces become one, case is folded, traditional characters are folded
to simplified with OpenCC. Names are stored as typed; only comparisons use ``person``.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from core.textnorm import to_simplified


@lru_cache(maxsize=1024)
def person(name: str | None) -> str:
    """The comparison form of a person's name ('' for none)."""
    if not name:
        return ""
    s = unicodedata.normalize("NFKC", name)
    s = "".join(ch for ch in s if unicodedata.category(ch) not in ("Cf", "Cc", "Co", "Cn") or ch in " \t")
    s = " ".join(s.split())
    s = to_simplified(s).casefold()
    return unicodedata.normalize("NFKC", s)


def same(a: str | None, b: str | None) -> bool:
    """True when ``a`` and ``b`` name the same person (both non-empty)."""
    pa, pb = person(a), person(b)
    return bool(pa) and pa == pb
