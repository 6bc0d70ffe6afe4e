from __future__ import annotations

from decimal import Decimal

import pytest

from core.figures.numbers import parse_chinese, parse_chinese_decimal, parse_chinese_range, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("五", 5),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("一百零五", 105),
        ("两", 2),
        ("三千二百", 3200),
        ("一万二千", 12000),
        ("一亿零五百万", 105_000_000),
        ("二〇三五", 2035),
    ],
)
def test_chinese_numerals(text: str, value: int) -> None:
    assert parse_chinese(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,234", "1234"),
        ("1，234", "1234"),
        ("１２３", "123"),
        ("３．５", "3.5"),
        ("3.5万", "35000"),
        ("1.2亿", "120000000"),
        ("62.8萬次", "628000"),
        ("63.6%", "63.6"),
        ("63.6％", "63.6"),
        ("百分之九十", "90"),
        ("百分之三十五点五", "35.5"),
        ("一百零五件", "105"),
        ("3119 件", "3119"),
    ],
)
def test_parse_number_as_a_reviewer_selects_it(text: str, value: str) -> None:
    assert parse_number(text) == Decimal(value)


def test_parse_number_without_a_number() -> None:
    assert parse_number("政府信息公开") is None
    assert parse_chinese("信息") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一百二", 120),
        ("三千五", 3500),
        ("两万三", 23000),
        ("一万二", 12000),
        ("三万二千五", 32500),
        ("一百零二", 102),  # 零 says the last place is the ones
        ("三千零五", 3005),
        ("一百一十", 110),
        ("一百二十一万亿", 121 * 10**12),
        ("三千万", 30_000_000),
    ],
)
def test_colloquial_numerals_leave_the_last_place_unsaid(text: str, value: int) -> None:
    assert parse_chinese(text) == value


@pytest.mark.parametrize("text", ["三四", "五六", "两三", "万万", "十十", "三十二百"])
def test_not_one_number(text: str) -> None:
    assert parse_chinese(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("六十二点八万次", "628000"),
        ("三点五", "3.5"),
        ("121万亿元", "121000000000000"),
        ("1.2万亿", "1200000000000"),
        ("5千万元", "50000000"),
        ("3百万", "3000000"),
        ("3 119件", "3119"),
        ("3\u2009119件", "3119"),
        ("3\u202f119件", "3119"),
    ],
)
def test_decimals_compound_multipliers_and_digit_groups(text: str, value: str) -> None:
    assert parse_number(text) == Decimal(value)


def test_chinese_decimal() -> None:
    assert parse_chinese_decimal("六十二点八万") == Decimal(628000)
    assert parse_chinese_decimal("一百二") == Decimal(120)
    assert parse_chinese_decimal("六十二点") is None
    assert parse_chinese_range("一百二") is None
