"""Numbers as reports write them, found in running text: colloquial Chinese numerals, decimals,
compound multipliers, ranges, signs, thin spaces, PDF line wraps, new units, bounds — and the
look-alikes that are not figures (policy names, 上一篇, 十分, times of day)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.figures.scan import extract, parse_selection
from core.model import Document, Figure


def figs(text: str, fmt: str = "txt") -> list[Figure]:
    return extract(Document(path="t.txt", format=fmt, sha256="", text=text))


def one(text: str, fmt: str = "txt") -> Figure:
    found = figs(text, fmt)
    assert len(found) == 1, [(f.text, f.value) for f in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [
        ("全年共办理群众来信一百二件。", "120", "一百二"),
        ("共整改各类问题三千五条。", "3500", "三千五"),
        ("收集群众意见建议两万三个。", "23000", "两万三"),
        ("全年提供政策咨询服务六十二点八万次。", "628000", "六十二点八"),
        ("全年共受理申请一百零二件。", "102", "一百零二"),
        ("全市GDP总量达121万亿元。", "121000000000000", "121"),
        ("累计减税降费1.2万亿元。", "1200000000000", "1.2"),
        ("涉及财政资金5千万元。", "50000000", "5"),
        ("收到政府信息公开申请3 119件，", "3119", "3 119"),
        ("收到政府信息公开申请3\u2009119件，", "3119", "3\u2009119"),
        ("累计办理业务1200笔。", "1200", "1200"),
        ("开展结对帮扶32对。", "32", "32"),
        ("热线平均接通时间15秒。", "15", "15"),
        ("累计接种新冠疫苗12.5万剂次。", "125000", "12.5"),
        ("政府网站绩效评估综合得分95.5分，", "95.5", "95.5"),
    ],
)
def test_numbers_as_reports_write_them(text: str, value: str, span: str) -> None:
    f = one(text)
    assert f.value == Decimal(value)
    assert text[f.start : f.end] == span


@pytest.mark.parametrize(
    ("text", "value", "span"),
    [
        ("群众满意率同比下降-3.2%。", "-3.2", "-3.2%"),
        ("依申请公开数量同比增长-5%，", "-5", "-5%"),
        ("网站访问量同比增长+12.5%。", "12.5", "+12.5%"),
        ("申请量同比下降3%。", "3", "3%"),  # the direction is in the words; the figure is as written
    ],
)
def test_signed_percentages_keep_their_sign(text: str, value: str, span: str) -> None:
    f = one(text)
    assert f.value == Decimal(value)
    assert f.unit == "%"
    assert f.text == span


@pytest.mark.parametrize(
    ("text", "value", "whole"),
    [
        ("一般在3-5个工作日内答复。", "3", "3-5个工作日"),
        ("一般在3至5个工作日内答复。", "3", "3至5个工作日"),
        ("每年开展10～15次培训。", "10", "10～15次"),
        ("预计需要三至五天。", "3", "三至五天"),
        ("答复时间为一到两个工作日。", "1", "一到两个工作日"),
        ("本月仅收到三四件申请。", "3", "三四件"),
        ("收到申请十二三件。", "12", "十二三件"),
        ("参会人员二三十人。", "20", "二三十人"),
    ],
)
def test_a_range_is_one_figure_at_its_lower_bound(text: str, value: str, whole: str) -> None:
    f = one(text)
    assert f.qualifier == "range"
    assert f.value == Decimal(value)
    assert f.text == whole
    assert f.indicator is None  # a range is compared with no table cell
    assert f.confidence <= 0.6


@pytest.mark.parametrize(
    ("text", "qualifier", "value"),
    [
        ("答复期限不超过3个工作日。", "at_most", "3"),
        ("每场培训人数控制在30人以内。", "at_most", "30"),
        ("同一申请人每月申请10件以下（含10件）的，不收费。", "at_most", "10"),
        ("平均办理时间不足2天。", "less_than", "2"),
        ("超过3000人参加。", "more_than", "3000"),
        ("至少开展4次培训。", "at_least", "4"),
    ],
)
def test_bounds(text: str, qualifier: str, value: str) -> None:
    found = figs(text)
    assert found[0].qualifier == qualifier
    assert found[0].value == Decimal(value)


def test_a_plain_space_after_a_table_number_is_not_a_digit_group() -> None:
    assert [(f.text, f.value) for f in figs("详见表3 100件申请的办理情况。")] == [("100件", Decimal(100))]


def test_a_number_wrapped_across_a_pdf_line_is_one_figure() -> None:
    text = "本年度全市各级行政机关共收到政府信息公开申请31\n19件，比上年增加3件。"
    found = figs(text, fmt="pdf")
    assert [f.value for f in found] == [Decimal(3119), Decimal(3)]
    assert text[found[0].start : found[0].end] == "31\n19"


def test_a_short_line_ending_in_a_number_is_not_joined_to_the_next() -> None:
    found = figs("表一\n12\n3件申请", fmt="pdf")
    assert [f.value for f in found] == [Decimal(3)]


@pytest.mark.parametrize(
    "text",
    [
        "深入落实“双十条”政策，",
        "出台创业富民30条，助力稳就业。",
        "认真贯彻国十条精神。",
        "出台稳外资20条措施。",
        "上一篇：关于2021年政府信息公开工作的通知",
        "下一条：市政府办公室通知",
        "这项工作十分重要。",
        "三分之一以上的单位。",
        "会议于上午8时30分召开。",
        "推行一对一帮办服务。",
        "拨打热线0564-12345件",
        "时间为2020-2025年。",
    ],
)
def test_not_figures(text: str) -> None:
    assert figs(text) == [], [(f.text, f.value) for f in figs(text)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("印发规范性文件30条，", "30"),  # a count of documents, not a policy name
        ("政府信息公开工作落实情况2条，", "2"),
        ("满分100分。", "100"),
    ],
)
def test_counts_that_look_like_names_are_still_found(text: str, value: str) -> None:
    assert one(text).value == Decimal(value)


@pytest.mark.parametrize(
    ("selection", "value", "unit"),
    [
        ("121万亿元", "121000000000000", "元"),
        ("六十二点八万次", "628000", "次"),
        ("两万三个", "23000", "个"),
        ("三四件", "3", "件"),
        ("5千万", "50000000", None),
    ],
)
def test_a_reviewer_selection_reads_the_same_numbers(selection: str, value: str, unit: str | None) -> None:
    assert parse_selection(selection) == (Decimal(value), unit)
