"""Title, issuer and year as a reviewer would file the report, despite web-page noise."""

from __future__ import annotations

import pytest

from core.documents.meta import describe, issuer_key
from core.model import Document


def meta(text: str) -> tuple[str | None, str | None, int | None]:
    d = describe(Document(path="x.txt", format="txt", sha256="", text=text))
    return d.title, d.issuer, d.year


@pytest.mark.parametrize(
    ("text", "title", "issuer", "year"),
    [
        (
            "重慶市人民政府辦公廳2021年政府信息公開工作年度報告\n\n根據《條例》規定……",
            "重庆市人民政府办公厅2021年政府信息公开工作年度报告",
            "重庆市人民政府办公厅",
            2021,
        ),
        (
            "首页 > 政务公开 > 政府信息公开年报 > 2021年迎宾路街道政府信息公开工作年度报告 2022-01-28\n正文……",
            "2021年迎宾路街道政府信息公开工作年度报告",
            "迎宾路街道",
            2021,
        ),
        (
            "标 题 | 宿城街道办事处2021年政府信息公开工作年度报告 | ||\n发布日期 | 2022-01-20\n",
            "宿城街道办事处2021年政府信息公开工作年度报告",
            "宿城街道办事处",
            2021,
        ),
        (
            "淮安市人民政府\n2024 年政府信息公开工作年度报告\n本报告由淮安市人民政府办公室根据……\n",
            "淮安市人民政府2024年政府信息公开工作年度报告",
            "淮安市人民政府",
            2024,
        ),
        (
            "\n根据《条例》规定，现公布广州市人民政府办公厅2021年政府信息公开工作年度报告。本报告由……\n"
            "六、其他需要报告的事项\n",
            "广州市人民政府办公厅2021年政府信息公开工作年度报告",
            "广州市人民政府办公厅",
            2021,
        ),
        (
            "发布日期:2022-07-15\n重庆市铜梁区人民政府办公室关于区第十八届人民代表大会第一次会议第94号建议的复函\n"
            "范川代表：2020年，我区……\n",
            "重庆市铜梁区人民政府办公室关于区第十八届人民代表大会第一次会议第94号建议的复函",
            "重庆市铜梁区人民政府办公室",
            2022,
        ),
        ("2022年度螅镇政府信息公开工作年度报告\n", "2022年度螅镇政府信息公开工作年度报告", "螅镇", 2022),
    ],
)
def test_title_issuer_year(text: str, title: str, issuer: str, year: int) -> None:
    assert meta(text) == (title, issuer, year)


def test_no_title_in_plain_prose() -> None:
    assert meta("今天天气很好。\n")[0] is None


@pytest.mark.parametrize(
    ("text", "title", "issuer"),
    [
        (
            "标题：苏州市吴中区人民政府2023年政府信息公开工作年度报告\n发布日期：2024-01-20\n正文……",
            "苏州市吴中区人民政府2023年政府信息公开工作年度报告",
            "苏州市吴中区人民政府",
        ),
        (
            "# 2023年政府信息公开工作年度报告\n\n发布机构：吴中区人民政府\n根据《条例》规定……",
            "2023年政府信息公开工作年度报告",
            "吴中区人民政府",
        ),
        (
            "索引号 | 014152478/2024-00012 | 发布机构 | 苏州市人民政府办公室\n"
            "名 称：2023年政府信息公开工作年度报告\n",
            "2023年政府信息公开工作年度报告",
            "苏州市人民政府办公室",
        ),
        (
            "发布机构：市人民政府办公室    发布日期：2024-01-20\n**2023年政府信息公开工作年度报告**\n",
            "2023年政府信息公开工作年度报告",
            "市人民政府办公室",
        ),
    ],
)
def test_titles_and_issuers_without_page_prefixes(text: str, title: str, issuer: str | None) -> None:
    got_title, got_issuer, year = meta(text)
    assert got_title == title
    assert got_issuer == issuer
    assert year == 2023


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("苏州市吴中区人民政府", "吴中区人民政府"),
        ("江苏省苏州市吴中区人民政府", "吴中区人民政府"),
        ("市政府办公室", "市人民政府办公室"),
        ("蘇州市吳中區人民政府", "吴中区人民政府"),
        ("南京市玄武区梅园新村街道办事处", "梅园新村街道办事处"),
        ("长沙市长沙县人民政府", "长沙县人民政府"),
        ("淮安市人民政府 ", "淮安市人民政府"),
    ],
)
def test_one_issuer_written_two_ways_is_one_key(a: str, b: str) -> None:
    assert issuer_key(a) == issuer_key(b) != ""


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("苏州市吴中区人民政府", "苏州市相城区人民政府"),
        ("吴中区人民政府", "吴中区人民政府办公室"),
        ("苏州市住房和城乡建设局", "无锡市住房和城乡建设局"),
        ("苏州市人民政府", "苏州市吴中区人民政府"),
    ],
)
def test_different_issuers_keep_different_keys(a: str, b: str) -> None:
    assert issuer_key(a) != issuer_key(b)
