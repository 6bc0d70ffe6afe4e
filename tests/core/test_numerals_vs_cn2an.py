"""The Chinese numeral parser against an independent one (cn2an, MIT, a dev dependency only) on
thousands of numerals written by our own writer from random integers, standard and colloquial.

Where the two differ on purpose (listed in ``DIFFER_ON_PURPOSE``):
- 三四 / 五六 / 两三 / 三五 (two neighbouring digits): cn2an reads 34, 56, 23, 35; a report means
  "three or four" — ``parse_chinese`` gives None and ``parse_chinese_range`` the bounds, so a wrong
  value that looks right is never shown.
- 一亿二 (colloquial after 亿): cn2an raises; we read 120000000 as 一万二 is 12000.
- 百 / 千 / 万 / 亿 alone: cn2an raises; we read 100 … 100000000 (the scan still never takes a bare
  unit for a count: 百项堵点, 千家万户).
- 十二三 (twelve or thirteen): cn2an raises; ``parse_chinese`` gives None, ``parse_chinese_range`` (12, 13).
"""

from __future__ import annotations

import random

import pytest

from core.figures.numbers import parse_chinese, parse_chinese_range

cn2an = pytest.importorskip("cn2an")

_D = "零一二三四五六七八九"


def _section(n: int, lead: bool) -> str:
    """A number below 10000 the way a report writes it (一千零五, 三十, 十二 at the start)."""
    out, zero, started = "", False, False
    for place, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // place % 10
        if d == 0:
            zero = zero or started or not lead
            continue
        if zero:
            out += "零"
        zero = False
        out += ("" if d == 1 and unit == "十" and lead and not started else _D[d]) + unit
        started = True
    return out


def write_chinese(n: int, two: bool = False) -> str:
    """Standard Chinese numeral of ``n`` (sections of 万/亿, 零 for gaps); ``two`` writes 两 for a
    leading 2 before 百/千/万/亿."""
    if n == 0:
        return "零"
    sections = []
    while n:
        sections.append(n % 10_000)
        n //= 10_000
    out = ""
    for k in range(len(sections) - 1, -1, -1):
        s = sections[k]
        if s == 0:
            continue
        lead = k == len(sections) - 1
        text = _section(s, lead)
        if not lead and s < 1000 and not text.startswith("零"):
            text = "零" + text
        out += text + ("", "万", "亿", "万亿")[k]
    out = out.replace("零零", "零")
    if two and out.startswith("二") and len(out) > 1 and out[1] in "百千万亿":
        out = "两" + out[1:]
    return out


def _numbers(seed: int, count: int) -> list[int]:
    rng = random.Random(seed)
    ranges = [(0, 99), (100, 9999), (10_000, 10**8), (10**8, 10**12)]
    return [rng.randint(*rng.choice(ranges)) for _ in range(count)]


def test_writer_writes_what_reports_write() -> None:
    assert [write_chinese(n) for n in (12, 105, 1010, 30_005, 105_000_000)] == [
        "十二",
        "一百零五",
        "一千零一十",
        "三万零五",
        "一亿零五百万",
    ]


def test_standard_numerals_agree_with_cn2an() -> None:
    numbers = _numbers(7, 4000)
    mismatches = []
    for n in numbers:
        s = write_chinese(n, two=n % 3 == 0)
        ours, theirs = parse_chinese(s), cn2an.cn2an(s, "smart")
        if not ours == theirs == n:
            mismatches.append((s, n, ours, theirs))
    assert mismatches == []


def test_colloquial_numerals_agree_with_cn2an_below_a_hundred_million() -> None:
    rng = random.Random(11)
    mismatches = []
    for _ in range(2000):
        k, d1, d2 = rng.choice((2, 3, 4, 7)), rng.randint(1, 9), rng.randint(1, 9)
        if k == 7:  # 三万二千五: the colloquial end after a full place
            d3 = rng.randint(1, 9)
            s, n = f"{_D[d1]}万{_D[d2]}千{_D[d3]}", d1 * 10_000 + d2 * 1000 + d3 * 100
        else:
            s = ("两" if d1 == 2 and rng.random() < 0.5 else _D[d1]) + {2: "百", 3: "千", 4: "万"}[k] + _D[d2]
            n = d1 * 10**k + d2 * 10 ** (k - 1)
        ours, theirs = parse_chinese(s), cn2an.cn2an(s, "normal")
        if not ours == theirs == n:
            mismatches.append((s, n, ours, theirs))
    assert mismatches == []


def test_numerals_with_multipliers_agree_with_cn2an() -> None:
    for n in _numbers(13, 500):
        if n == 0:
            continue
        s = write_chinese(n)
        for mult, factor in (("万亿", 10**12), ("万", 10**4)):
            if n >= 10_000:
                continue
            assert parse_chinese(s + mult) == cn2an.cn2an(s + mult, "smart") == n * factor


# (numeral, what we read, what cn2an reads — None where it raises)
DIFFER_ON_PURPOSE = [
    ("三四", None, 34),
    ("五六", None, 56),
    ("两三", None, 23),
    ("三五", None, 35),
    ("一亿二", 120_000_000, None),
    ("两亿三", 230_000_000, None),
    ("百", 100, None),
    ("万", 10_000, None),
    ("十二三", None, None),
]


@pytest.mark.parametrize(("numeral", "ours", "theirs"), DIFFER_ON_PURPOSE)
def test_where_we_differ_from_cn2an_on_purpose(numeral: str, ours: int | None, theirs: int | None) -> None:
    assert parse_chinese(numeral) == ours
    try:
        got = cn2an.cn2an(numeral, "smart")
    except (KeyError, ValueError):
        got = None
    assert got == theirs


@pytest.mark.parametrize(
    ("numeral", "bounds"),
    [("三四", (3, 4)), ("两三", (2, 3)), ("十二三", (12, 13)), ("二三十", (20, 30)), ("三四百", (300, 400))],
)
def test_neighbouring_digits_are_a_range(numeral: str, bounds: tuple[int, int]) -> None:
    assert parse_chinese_range(numeral) == bounds
