"""Reading the standard tables from text in the shapes real reports take."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from core.schema import T3_COLUMNS, T3_ROWS
from core.tables import reader as indicators
from tests.core.tables.helpers import cell_per_line_text, load_text, pipe_text, t3_rows, traditional

ROW_INDEX = {r.key: n for n, r in enumerate(T3_ROWS)}


def cell(row: str, col: int) -> str:
    return str(ROW_INDEX[row] * 10 + col)


def expected(layout: int = 2021) -> dict[str, int]:
    out = {}
    for r in T3_ROWS:
        if (layout == 2021 and r.key == "r6") or (layout == 2019 and r.key.startswith("r6_")):
            continue
        for n, c in enumerate(T3_COLUMNS):
            out[f"t3.{r.key}.{c.key}"] = ROW_INDEX[r.key] * 10 + n
    return out


def got(values: dict) -> dict[str, int | float | None]:
    return {k: v.json_value() for k, v in values.items()}


@pytest.mark.parametrize("shape", [pipe_text, cell_per_line_text])
@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_table3_read_back_exactly(tmp_path: Path, shape, script: str) -> None:
    text = "一、总体情况\n本机关全年收到申请若干件。\n" + shape(t3_rows(cell))
    if script == "traditional":
        text = traditional(text)
    doc = load_text(tmp_path, text)
    values = indicators.read(doc)
    assert got(values) == expected()
    v = values["t3.r5_2.total"]  # spans point at the cell in the text
    assert doc.text[v.start : v.end] == cell("r5_2", 6)


def test_2019_layout_has_single_other_row_and_own_table2(tmp_path: Path) -> None:
    t2 = (
        "二、主动公开政府信息情况\n第二十条第(一)项 | ||||\n"
        "信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n规章 | 1 | 2 | 3 |\n规范性文件 | 4 | 5 | 6 |\n"
        "第二十条第(五)项 |\n信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |\n"
        "行政许可 | 7 | 减4 | 9 |\n其他对外管理服务事项 | 10 | 11 | 12 |\n"
        "第二十条第(九)项 |\n信息内容 | 采购项目数量 | 采购总金额 |\n政府集中采购 | 6 | 52.15 |\n"
    )
    doc = load_text(tmp_path, t2 + pipe_text(t3_rows(cell, 2019)))
    values = got(indicators.read(doc))
    assert values["t2_2019.regulations.new_made"] == 1
    assert values["t2_2019.normative_docs.total_public"] == 6
    assert values["t2_2019.licensing.delta"] == -4
    assert values["t2_2019.procurement.amount"] == 52.15
    assert not any(k.startswith("t2.") for k in values)
    t3 = {k: v for k, v in values.items() if k.startswith("t3.")}
    assert t3 == expected(2019)
    assert "t3.r6.total" in t3 and "t3.r6_1.total" not in t3


def test_blank_zero_and_not_applicable_are_kept_apart(tmp_path: Path) -> None:
    def value(row: str, col: int) -> str:
        return {0: "", 1: "0", 2: "/", 3: "—", 4: "无"}.get(col, "5") if row == "new" else "1"

    doc = load_text(tmp_path, pipe_text(t3_rows(value)))
    values = indicators.read(doc)
    kinds = [values[f"t3.new.{c.key}"].kind for c in T3_COLUMNS]
    assert kinds == [
        "empty",
        "zero",
        "not_applicable",
        "not_applicable",
        "not_applicable",
        "number",
        "number",
    ]
    assert values["t3.new.natural"].value is None  # a blank is never 0
    assert values["t3.new.business"].value == Decimal(0)


def test_garbled_labels_still_match(tmp_path: Path) -> None:
    rows = t3_rows(cell)
    for r in rows:
        if r[0].startswith("2.其他法律"):
            r[0] = "2.其他法律行政止公开"  # a real report lost two characters
        if r[0].startswith("一、"):
            r[0] = "一、本年新收政府信息公開申請數(shù)量"  # traditional with pinyin glued in
    values = got(indicators.read(load_text(tmp_path, pipe_text(rows))))
    assert values == expected()


def test_pdf_lines_with_wrapped_labels_and_page_footer(tmp_path: Path) -> None:
    lines = ["三、收到和处理政府信息公开申请情况", "申请人情况", "自然人 法人或其他组织 总计"]
    for r in t3_rows(cell):
        label, vals = r[0], " ".join(r[1:])
        if len(label) > 14:  # long labels wrap, the numbers come on the next line
            lines += [label[:12], label[12:], vals]
        else:
            lines.append(f"{label} {vals}")
        if label.startswith("4.保护"):
            lines += ["- 4 -"]  # the table continues on the next page
    doc = load_text(tmp_path, "\n".join(lines) + "\n")
    assert got(indicators.read(doc)) == expected()


def test_truncated_copy_reads_only_what_is_there(tmp_path: Path) -> None:
    text = pipe_text(t3_rows(cell)[:3])
    text = text[: text.rindex("|", 0, len(text) - 2)]  # cut in the last row
    values = got(indicators.read(load_text(tmp_path, text)))
    assert values["t3.r1.natural"] == 20
    assert "t3.r1.total" not in values  # the cut cell is not invented
    assert "t3.r2.natural" not in values


def test_table4_and_table2_2021(tmp_path: Path) -> None:
    text = (
        "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
        "规章\t1\t0\t11\n行政规范性文件\t8\t26\t66\n第二十条第（五）项\n信息内容\t本年处理决定数量\n"
        "行政许可\t447228\n第二十条第（六）项\n信息内容\t本年处理决定数量\n行政处罚\t3985758\n行政强制\t88283\n"
        "第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t96171.6\n"
        + pipe_text(t3_rows(cell))
        + "四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n"
        + "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n"
        + "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)
        + "\n"
        + "\t".join(str(500 + i) for i in range(15))
        + "\n五、存在的主要问题及改进情况\n"
    )
    values = got(indicators.read(load_text(tmp_path, text)))
    assert values["t2.licensing.decisions"] == 447228
    assert values["t2.fees.amount"] == 96171.6
    assert values["t2.regulations.repealed"] == 0
    assert values["t4.review.upheld"] == 500
    assert values["t4.suit_after_review.total"] == 514
    assert len([k for k in values if k.startswith("t4.")]) == 15


def test_report_without_tables_yields_nothing(tmp_path: Path) -> None:
    text = "一、总体情况\n本年新收政府信息公开申请数量为12件，其中自然人申请10件。\n行政许可 3 项。\n"
    assert indicators.read(load_text(tmp_path, text)) == {}


def test_table_figures_link_cells_to_indicators(tmp_path: Path) -> None:
    doc = load_text(tmp_path, pipe_text(t3_rows(cell)))
    values = indicators.read(doc)
    figs = indicators.table_figures(doc, values)
    assert len(figs) == len([v for v in values.values() if v.value is not None])
    f = next(f for f in figs if f.indicator == "t3.new.total")
    assert (f.source, f.unit, f.value) == ("table", "件", Decimal(6))
    assert "总计" in f.label and doc.text[f.start : f.end] == "6"


def test_html_table_with_merged_label_cells(tmp_path: Path) -> None:
    rows = t3_rows(cell)
    body = []
    for i, r in enumerate(rows):
        label = r[0]
        if i == 2:  # 三、本年度办理结果 spans every result row, as in the official layout
            lead = f'<td rowspan="{len(rows) - 3}">三、本年度办理结果</td><td colspan="2">{label}</td>'
        elif i in (0, 1, len(rows) - 1):
            lead = f'<td colspan="3">{label}</td>'
        else:
            lead = f'<td colspan="2">{label}</td>'
        body.append("<tr>" + lead + "".join(f"<td>{c}</td>" for c in r[1:]) + "</tr>")
    html = (
        "<html><head><meta charset='utf-8'></head><body><p>三、收到和处理政府信息公开申请情况</p><table>"
        "<tr><td colspan='3' rowspan='3'>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>"
        "<td colspan='7'>申请人情况</td></tr><tr><td rowspan='2'>自然人</td><td colspan='5'>法人或其他组织</td>"
        "<td rowspan='2'>总计</td></tr><tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td>"
        "<td>法律服务机构</td><td>其他</td></tr>" + "".join(body) + "</table></body></html>"
    )
    doc = load_text(tmp_path, html, "report.html")
    assert doc.format == "html"
    assert got(indicators.read(doc)) == expected()


def test_table4_in_pipe_rows_with_leading_pipes(tmp_path: Path) -> None:
    """Web copies write "| 2 | 1 | … |": the text before the leading "|" is not a blank first cell."""
    heads = " | ".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3)
    text = (
        "四、政府信息公开行政复议、行政诉讼情况\n| 行政复议 | 行政诉讼 |\n| 未经复议直接起诉 | 复议后起诉 |\n"
        f"| {heads} |\n| "
        + " | ".join(str(v) for v in (2, 1, 0, 0, 3, 1, 0, 0, 1, 2, 0, 0, 0, 0, 0))
        + " |\n"
    )
    values = got(indicators.read(load_text(tmp_path, text)))
    assert values["t4.review.upheld"] == 2
    assert values["t4.review.total"] == 3
    assert values["t4.suit_direct.total"] == 2
    assert values["t4.suit_after_review.total"] == 0


def test_prose_without_table_words_is_not_tokenized(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A long prose report has no standard table: the reader must not spend time tokenizing it."""
    calls = []
    monkeypatch.setattr(indicators, "_Reader", lambda doc: calls.append(doc) or None)
    assert indicators.read(load_text(tmp_path, "全年办理行政复议3宗，收到申请12件。\n" * 100)) == {}
    assert calls == []
