from __future__ import annotations

from decimal import Decimal

import pytest

from core.figures.numbers import parse_chinese, parse_number


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
