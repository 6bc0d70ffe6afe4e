"""Parse the numbers reports write: Arabic (1,234 · 1，234 · 3 119 · 3.5 · １２３), Chinese numerals
(五 · 十二 · 一百零五 · 两 · 三千二百 · 二〇三五), colloquial Chinese numerals that leave the last
place unsaid (一百二 = 120 · 三千五 = 3500 · 两万三 = 23000), Chinese decimals (六十二点八万 = 628000),
mixed (3.5万 · 1.2亿 · 121万亿 · 3千万 · 62.8萬), percentages (63.6% · 百分之九十) and approximate
ranges (三四 · 十二三 · 二三十 · 三四百: ``parse_chinese_range``; ``parse_chinese`` gives None)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from core.textnorm import normalize

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
# Multipliers written after a number (3.5万, 121万亿, 3千万); a compound one is one multiplier.
MULTIPLIERS = {
    "万": Decimal(10_000),
    "亿": Decimal(100_000_000),
    "万亿": Decimal(10**12),
    "千亿": Decimal(10**11),
    "百亿": Decimal(10**10),
    "千万": Decimal(10**7),
    "百万": Decimal(10**6),
}
MULTIPLIER_RE = "万亿|千亿|百亿|千万|百万|万|亿"
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "十百千万亿"
# Spaces that separate groups of three digits (3 119, 3 119, 3 119).
DIGIT_GROUP_SPACES = " \u2009\u202f\u00a0"

_ARABIC = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
# Two neighbouring digits that say "about": 三四 (3 or 4), 一两, 两三, 三五 (3 to 5), 七八.
_RANGE_PAIRS = frozenset(((1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 7), (7, 8), (8, 9), (3, 5)))


def _parse_units(s: str) -> int | None:
    """A numeral with place units (十 百 千 万 亿), colloquial endings included."""
    total = 0  # completed 亿/万 sections
    section = 0  # within the current 万 section
    digit: int | None = None
    last_small = 10_000  # small units must fall within a section: 三千二百, not 三十二百
    last_unit = 0  # value of the unit just before a trailing digit (一百二: 百)
    zero = False  # a 零 since the last unit: 一百零二 is 102, 一百二 is 120
    for ch in s:
        if ch in CN_DIGITS:
            if CN_DIGITS[ch] == 0:  # 零 only marks a gap: 一百零五
                zero = True
                continue
            if digit is not None:
                return None  # two digits in a row ("三四") is not one number
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL_UNITS:
            u = CN_SMALL_UNITS[ch]
            if u >= last_small or (digit is None and section and not zero and u != 10):
                return None  # 十百, 三十二百, 一千百: not a numeral (一百十 is 110)
            section += (1 if digit is None else digit) * u
            digit, last_small, last_unit, zero = None, u, u, False
        else:  # 万 / 亿
            section += digit or 0
            digit = None
            if section == 0:
                if ch == "亿" and 0 < total < 100_000_000:
                    section, total = total, 0  # 一百二十一万亿: 万亿 is one multiplier
                elif total:
                    return None  # 万万 (an idiom)
                else:
                    section = 1
            if ch == "亿":
                total = (total + section) * CN_BIG_UNITS[ch]
            else:
                total += section * CN_BIG_UNITS[ch]
            section, last_small, last_unit, zero = 0, 10_000, CN_BIG_UNITS[ch], False
    if digit is not None and not zero and last_unit > 10:
        digit *= last_unit // 10  # 一百二 = 120, 三千五 = 3500, 两万三 = 23000
    return total + section + (digit or 0)


def parse_chinese(s: str) -> int | None:
    """Value of a Chinese numeral string, or None if it is not one number.

    >>> parse_chinese("一百零五"), parse_chinese("十二"), parse_chinese("二〇三五"), parse_chinese("两")
    (105, 12, 2035, 2)
    >>> parse_chinese("一百二"), parse_chinese("两万三"), parse_chinese("三四")
    (120, 23000, None)
    """
    if not s or any(ch not in CN_DIGITS and ch not in CN_SMALL_UNITS and ch not in CN_BIG_UNITS for ch in s):
        return None
    if not any(ch in CN_SMALL_UNITS or ch in CN_BIG_UNITS for ch in s):
        if len(s) == 2 and (CN_DIGITS[s[0]], CN_DIGITS[s[1]]) in _RANGE_PAIRS:
            return None  # 三四: "three or four", not 34
        if len(s) > 1 and s[0] in "两":
            return None
        # digit by digit: 二〇三五
        return int("".join(str(CN_DIGITS[ch]) for ch in s))
    return _parse_units(s)


def parse_chinese_range(s: str) -> tuple[int, int] | None:
    """The bounds of an approximate Chinese numeral: 三四 (3, 4), 十二三 (12, 13), 二三十 (20, 30),
    三四百 (300, 400), 一百二三十 (120, 130), 三五 (3, 5). None when ``s`` is not such a range."""
    pairs = [
        i
        for i in range(len(s) - 1)
        if s[i] in CN_DIGITS
        and s[i + 1] in CN_DIGITS
        and (CN_DIGITS[s[i]], CN_DIGITS[s[i + 1]]) in _RANGE_PAIRS
    ]
    if len(pairs) != 1 or any(ch not in CN_NUMERAL_CHARS for ch in s):
        return None
    i = pairs[0]
    lo_s, hi_s = s[:i] + s[i] + s[i + 2 :], s[:i] + s[i + 1] + s[i + 2 :]
    if len(lo_s) == 1 or not any(ch in CN_SMALL_UNITS or ch in CN_BIG_UNITS for ch in lo_s):
        return (CN_DIGITS[s[i]], CN_DIGITS[s[i + 1]]) if len(s) == 2 else None
    lo, hi = _parse_units(lo_s), _parse_units(hi_s)  # 一百二三 is 120–130 as 一百二 is 120
    return (lo, hi) if lo is not None and hi is not None and lo < hi else None


def parse_chinese_decimal(s: str) -> Decimal | None:
    """A Chinese numeral with 点 and an optional multiplier: 六十二点八万 = 628000, 三点五 = 3.5;
    otherwise as ``parse_chinese``."""
    mult = Decimal(1)
    if "点" in s:
        for m in sorted(MULTIPLIERS, key=len, reverse=True):
            if s.endswith(m) and len(s) > len(m):
                s, mult = s[: -len(m)], MULTIPLIERS[m]
                break
        whole, _, frac = s.partition("点")
        iw = parse_chinese(whole) if whole else 0
        if iw is None or not frac or not all(ch in CN_DIGITS for ch in frac):
            return None
        v = Decimal(f"{iw}.{''.join(str(CN_DIGITS[c]) for c in frac)}") * mult
        return Decimal(int(v)) if v == v.to_integral_value() else v
    iv = parse_chinese(s)
    return None if iv is None else Decimal(iv)


def parse_arabic(s: str) -> Decimal | None:
    for sp in DIGIT_GROUP_SPACES:
        s = s.replace(sp, "")
    s = s.replace("\n", "")  # a number wrapped across a PDF line
    if not _ARABIC.match(s):
        return None
    try:
        return Decimal(s.replace(",", ""))
    except InvalidOperation:
        return None


def parse_number(text: str) -> Decimal | None:
    """Parse a number as a reviewer would select it: '1,234', '３．５万', '62.8萬次', '一百零五件', '63.6%',
    '百分之九十', '121万亿元', '六十二点八万次'. Trailing units and qualifiers are ignored; 万/亿 multiply.
    None when no number."""
    s = normalize(text).strip().replace("，", ",")
    m = re.search(r"百分之([零〇一二两三四五六七八九十百千点.\d]+)", s)
    if m:
        body = m.group(1)
        v = parse_arabic(body)
        if v is not None:
            return v
        return parse_chinese_decimal(body)
    m = re.search(
        r"(\d{1,3}(?:[, \u2009\u202f]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(" + MULTIPLIER_RE + ")?", s
    )
    if m:
        v = parse_arabic(m.group(1))
        if v is None:
            return None
        return v * MULTIPLIERS[m.group(2)] if m.group(2) else v
    m = re.search(f"[{CN_NUMERAL_CHARS}]+(?:点[{''.join(CN_DIGITS)}]+[万亿]*)?", s)
    if m:
        return parse_chinese_decimal(m.group(0))
    return None
