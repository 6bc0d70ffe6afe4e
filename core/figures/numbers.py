"""Parse the numbers reports write: Arabic (1,234 · 1，234 · 3.5 · １２３), Chinese numerals
(五 · 十二 · 一百零五 · 两 · 三千二百 · 二〇三五), mixed (3.5万 · 1.2亿 · 62.8萬), percentages
(63.6% · 百分之九十)."""

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
MULTIPLIERS = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "十百千万亿"

_ARABIC = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


def parse_chinese(s: str) -> int | None:
    """Value of a Chinese numeral string, or None if it is not one.

    >>> parse_chinese("一百零五"), parse_chinese("十二"), parse_chinese("二〇三五"), parse_chinese("两")
    (105, 12, 2035, 2)
    """
    if not s or any(ch not in CN_DIGITS and ch not in CN_SMALL_UNITS and ch not in CN_BIG_UNITS for ch in s):
        return None
    if not any(ch in CN_SMALL_UNITS or ch in CN_BIG_UNITS for ch in s):
        # digit by digit: 二〇三五
        return int("".join(str(CN_DIGITS[ch]) for ch in s))
    total = 0  # completed 亿/万 sections
    section = 0  # within the current 万 section
    digit: int | None = None
    for ch in s:
        if ch in CN_DIGITS:
            if CN_DIGITS[ch] == 0:  # 零 only marks a gap: 一百零五
                continue
            if digit is not None:
                return None  # two digits in a row ("三四") is not a number
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL_UNITS:
            section += (1 if digit is None else digit) * CN_SMALL_UNITS[ch]
            digit = None
        else:  # 万 / 亿
            section += digit or 0
            digit = None
            if section == 0 and total == 0:
                section = 1
            if ch == "亿":
                total = (total + section) * CN_BIG_UNITS[ch]
            else:
                total += section * CN_BIG_UNITS[ch]
            section = 0
    return total + section + (digit or 0)


def parse_arabic(s: str) -> Decimal | None:
    s = s.replace(" ", "")
    if not _ARABIC.match(s):
        return None
    try:
        return Decimal(s.replace(",", ""))
    except InvalidOperation:
        return None


def parse_number(text: str) -> Decimal | None:
    """Parse a number as a reviewer would select it: '1,234', '３．５万', '62.8萬次', '一百零五件', '63.6%',
    '百分之九十'. Trailing units and qualifiers are ignored; 万/亿 multiply. None when no number."""
    s = normalize(text).strip().replace("，", ",")
    m = re.search(r"百分之([零〇一二两三四五六七八九十百千点.\d]+)", s)
    if m:
        body = m.group(1)
        if "点" in body:
            a, _, b = body.partition("点")
            ia = parse_chinese(a) if a else 0
            if ia is None or not all(ch in CN_DIGITS for ch in b):
                return None
            return Decimal(f"{ia}.{''.join(str(CN_DIGITS[c]) for c in b)}")
        v = parse_arabic(body)
        if v is not None:
            return v
        iv = parse_chinese(body)
        return None if iv is None else Decimal(iv)
    m = re.search(r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(万|亿)?", s)
    if m:
        v = parse_arabic(m.group(1))
        if v is None:
            return None
        return v * MULTIPLIERS[m.group(2)] if m.group(2) else v
    m = re.search(f"[{CN_NUMERAL_CHARS}]+", s)
    if m:
        iv = parse_chinese(m.group(0))
        return None if iv is None else Decimal(iv)
    return None
