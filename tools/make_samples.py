"""Write the demo workspace's sample reports into resources/samples/.

The reports are invented (a fictional 示范市 and its bureaus) but follow the 2021 format exactly, so the
demo shows every feature: narrative figures, the three standard tables, a report whose table does not
add up, a traditional-script copy, last year's report for the cross-year comparison, and a reply to a
deputy. Run: ``uv run python tools/make_samples.py`` (needs python-docx; the PDF needs Qt and a CJK font).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "samples"

COLS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
ROWS_T3 = [
    ("一、本年新收政府信息公开申请数量", "new"),
    ("二、上年结转政府信息公开申请数量", "carried_in"),
    ("三、本年度办理结果 （一）予以公开", "r1"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "r2"),
    ("（三）不予公开 1.属于国家秘密", "r3_1"),
    ("2.其他法律行政法规禁止公开", "r3_2"),
    ("3.危及“三安全一稳定”", "r3_3"),
    ("4.保护第三方合法权益", "r3_4"),
    ("5.属于三类内部事务信息", "r3_5"),
    ("6.属于四类过程性信息", "r3_6"),
    ("7.属于行政执法案卷", "r3_7"),
    ("8.属于行政查询事项", "r3_8"),
    ("（四）无法提供 1.本机关不掌握相关政府信息", "r4_1"),
    ("2.没有现成信息需要另行制作", "r4_2"),
    ("3.补正后申请内容仍不明确", "r4_3"),
    ("（五）不予处理 1.信访举报投诉类申请", "r5_1"),
    ("2.重复申请", "r5_2"),
    ("3.要求提供公开出版物", "r5_3"),
    ("4.无正当理由大量反复申请", "r5_4"),
    ("5.要求行政机关确认或重新出具已获取信息", "r5_5"),
    ("（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "r6_1"),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "r6_2"),
    ("3.其他", "r6_3"),
    ("（七）总计", "r7"),
    ("四、结转下年度继续办理", "carried_out"),
]


def t3_values(
    new: list[int], carried_in: list[int], results: dict[str, list[int]], carried_out: list[int]
) -> dict:
    """Six applicant columns per row; totals are computed (so the sample is consistent)."""
    rows: dict[str, list[int]] = {"new": new, "carried_in": carried_in, "carried_out": carried_out}
    for _, key in ROWS_T3:
        if key not in rows and key != "r7":
            rows[key] = results.get(key, [0] * 6)
    rows["r7"] = [sum(rows[k][c] for _, k in ROWS_T3[2:-2]) for c in range(6)]
    return {k: v + [sum(v)] for k, v in rows.items()}


Y2023 = t3_values(
    new=[58, 7, 0, 0, 1, 0],
    carried_in=[2, 0, 0, 0, 0, 0],
    results={
        "r1": [30, 4, 0, 0, 1, 0],
        "r2": [12, 1, 0, 0, 0, 0],
        "r3_4": [1, 0, 0, 0, 0, 0],
        "r4_1": [9, 1, 0, 0, 0, 0],
        "r5_2": [2, 0, 0, 0, 0, 0],
        "r6_3": [1, 0, 0, 0, 0, 0],
    },
    carried_out=[5, 1, 0, 0, 0, 0],
)
Y2022 = t3_values(
    new=[41, 3, 1, 0, 0, 0],
    carried_in=[1, 0, 0, 0, 0, 0],
    results={
        "r1": [25, 2, 1, 0, 0, 0],
        "r2": [8, 1, 0, 0, 0, 0],
        "r4_1": [6, 0, 0, 0, 0, 0],
        "r6_1": [1, 0, 0, 0, 0, 0],
    },
    carried_out=[2, 0, 0, 0, 0, 0],
)
T2_2023 = {
    "regulations": (1, 0, 11),
    "normative_docs": (8, 3, 66),
    "licensing": 4472,
    "penalty": 1385,
    "enforcement": 83,
    "fees": "12.6",
}
T2_2022 = {
    "regulations": (0, 0, 10),
    "normative_docs": (6, 2, 61),
    "licensing": 3980,
    "penalty": 1207,
    "enforcement": 61,
    "fees": "10.35",
}
T4_2023 = [(2, 1, 0, 0), (1, 0, 0, 1), (0, 0, 0, 0)]
T4_2022 = [(1, 0, 0, 0), (0, 0, 1, 0), (0, 0, 0, 0)]


def narrative(issuer: str, year: int, t3: dict, t4: list) -> str:
    received = t3["new"][6]
    return (
        f"{issuer}{year}年政府信息公开工作年度报告\n\n"
        f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室"
        f"关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。"
        f"本报告所列数据的统计期限为{year}年1月1日至{year}年12月31日。\n\n"
        f"一、总体情况\n"
        f"（一）主动公开。{year}年，{issuer}通过门户网站主动公开政府信息1,286条，其中政策文件173条、"
        f"政策解读86条，举办新闻发布会24场，开展政务公开培训3次、培训420余人次，政务新媒体合格率达到98.5%。\n"
        f"（二）依申请公开。全年共收到政府信息公开申请{received + t3['carried_in'][6]}件（含新收{received}件、"
        f"上年结转{t3['carried_in'][6]}件），已办结{t3['r7'][6]}件，另有{t3['carried_out'][6]}件结转下年度继续办理。\n"
        f"（三）政府信息管理。清理行政规范性文件112件，动态调整公开目录2次。\n"
        f"（四）平台建设。优化“政策文件库”专栏，新增栏目6个，网站全年访问量约35.6万人次。\n"
        f"（五）监督保障。全年办理行政复议{sum(t4[0])}件，行政诉讼{sum(t4[1]) + sum(t4[2])}件。联系电话：0571-12345678。\n\n"
    )


def closing(year: int) -> str:
    return (
        "\n五、存在的主要问题及改进情况\n"
        "一是政策解读形式还不够丰富；二是基层政务公开标准化建设有待加强。下一步将加强培训指导。\n\n"
        "六、其他需要报告的事项\n"
        f"本机关{year}年未收取信息处理费。\n"
    )


def tables_plain(t2: dict, t3: dict, t4: list) -> str:
    """The three tables flattened one row per line with | separators, as web copies look."""
    r, n = t2["regulations"], t2["normative_docs"]
    lines = [
        "二、主动公开政府信息情况",
        "| 第二十条第（一）项 |",
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
        f"| 规章 | {r[0]} | {r[1]} | {r[2]} |",
        f"| 行政规范性文件 | {n[0]} | {n[1]} | {n[2]} |",
        "| 第二十条第（五）项 |",
        "| 信息内容 | 本年处理决定数量 |",
        f"| 行政许可 | {t2['licensing']} |",
        "| 第二十条第（六）项 |",
        "| 信息内容 | 本年处理决定数量 |",
        f"| 行政处罚 | {t2['penalty']} |",
        f"| 行政强制 | {t2['enforcement']} |",
        "| 第二十条第（八）项 |",
        "| 信息内容 | 本年收费金额（单位：万元） |",
        f"| 行政事业性收费 | {t2['fees']} |",
        "",
        "三、收到和处理政府信息公开申请情况",
        "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |",
        "| 自然人 | 法人或其他组织 | 总计 |",
        "| 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |",
    ]
    for label, key in ROWS_T3:
        lines.append("| " + label + " | " + " | ".join(str(v) for v in t3[key]) + " |")
    lines += [
        "",
        "四、政府信息公开行政复议、行政诉讼情况",
        "| 行政复议 | 行政诉讼 |",
        "| 未经复议直接起诉 | 复议后起诉 |",
        "| " + " | ".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3) + " |",
        "| " + " | ".join(str(v) for g in t4 for v in (*g, sum(g))) + " |",
    ]
    return "\n".join(lines) + "\n"


def html_report(issuer: str, year: int, t2: dict, t3: dict, t4: list) -> str:
    text = narrative(issuer, year, t3, t4)
    paras = "".join(f"<p>{line}</p>\n" for line in text.splitlines() if line.strip())
    r, n = t2["regulations"], t2["normative_docs"]
    t2html = (
        "<table border=1>"
        "<tr><td colspan=4>第二十条第（一）项</td></tr>"
        "<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>"
        f"<tr><td>规章</td><td>{r[0]}</td><td>{r[1]}</td><td>{r[2]}</td></tr>"
        f"<tr><td>行政规范性文件</td><td>{n[0]}</td><td>{n[1]}</td><td>{n[2]}</td></tr>"
        "<tr><td colspan=4>第二十条第（五）项</td></tr>"
        "<tr><td>信息内容</td><td colspan=3>本年处理决定数量</td></tr>"
        f"<tr><td>行政许可</td><td colspan=3>{t2['licensing']}</td></tr>"
        "<tr><td colspan=4>第二十条第（六）项</td></tr>"
        "<tr><td>信息内容</td><td colspan=3>本年处理决定数量</td></tr>"
        f"<tr><td>行政处罚</td><td colspan=3>{t2['penalty']}</td></tr>"
        f"<tr><td>行政强制</td><td colspan=3>{t2['enforcement']}</td></tr>"
        "<tr><td colspan=4>第二十条第（八）项</td></tr>"
        "<tr><td>信息内容</td><td colspan=3>本年收费金额（单位：万元）</td></tr>"
        f"<tr><td>行政事业性收费</td><td colspan=3>{t2['fees']}</td></tr></table>"
    )
    rows = "".join(
        f"<tr><td colspan=2>{label}</td>" + "".join(f"<td>{v}</td>" for v in t3[key]) + "</tr>"
        for label, key in ROWS_T3
    )
    t3html = (
        "<table border=1><tr><td colspan=2 rowspan=3>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>"
        "<td colspan=7>申请人情况</td></tr>"
        "<tr><td rowspan=2>自然人</td><td colspan=5>法人或其他组织</td><td rowspan=2>总计</td></tr>"
        "<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>"
        f"{rows}</table>"
    )
    heads = "".join(
        "<td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td>" for _ in range(3)
    )
    t4html = (
        "<table border=1><tr><td colspan=5 rowspan=2>行政复议</td><td colspan=10>行政诉讼</td></tr>"
        "<tr><td colspan=5>未经复议直接起诉</td><td colspan=5>复议后起诉</td></tr>"
        f"<tr>{heads}</tr><tr>" + "".join(f"<td>{v}</td>" for g in t4 for v in (*g, sum(g))) + "</tr></table>"
    )
    noise = "<div class=nav>首页 &gt; 政务公开 &gt; 政府信息公开年报</div><div>字号：大 中 小 扫一扫在手机打开当前页</div>"
    return (
        '<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        f"<title>{issuer}{year}年政府信息公开工作年度报告</title></head><body>{noise}{paras}"
        f"<h3>二、主动公开政府信息情况</h3>{t2html}<h3>三、收到和处理政府信息公开申请情况</h3>{t3html}"
        f"<h3>四、政府信息公开行政复议、行政诉讼情况</h3>{t4html}"
        + "".join(f"<p>{line}</p>" for line in closing(year).splitlines() if line.strip())
        + "</body></html>"
    )


def docx_report(path: Path, issuer: str, year: int, t2: dict, t3: dict, t4: list) -> None:
    import docx

    d = docx.Document()
    for line in narrative(issuer, year, t3, t4).splitlines():
        if line.strip():
            d.add_paragraph(line)
    d.add_paragraph("二、主动公开政府信息情况")
    r, n = t2["regulations"], t2["normative_docs"]
    rows2 = [
        ["第二十条第（一）项", "", "", ""],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", *map(str, r)],
        ["行政规范性文件", *map(str, n)],
        ["第二十条第（五）项", "", "", ""],
        ["信息内容", "本年处理决定数量", "", ""],
        ["行政许可", str(t2["licensing"]), "", ""],
        ["第二十条第（六）项", "", "", ""],
        ["信息内容", "本年处理决定数量", "", ""],
        ["行政处罚", str(t2["penalty"]), "", ""],
        ["行政强制", str(t2["enforcement"]), "", ""],
        ["第二十条第（八）项", "", "", ""],
        ["信息内容", "本年收费金额（单位：万元）", "", ""],
        ["行政事业性收费", str(t2["fees"]), "", ""],
    ]
    tb = d.add_table(rows=len(rows2), cols=4)
    tb.style = "Table Grid"
    for i, row in enumerate(rows2):
        for j, v in enumerate(row):
            tb.cell(i, j).text = v
        if row[1] == "" or (row[2] == "" and row[1]):
            start = 0 if row[1] == "" else 1
            tb.cell(i, start).merge(tb.cell(i, 3))
    d.add_paragraph("三、收到和处理政府信息公开申请情况")
    tb = d.add_table(rows=3 + len(ROWS_T3), cols=9)
    tb.style = "Table Grid"
    tb.cell(0, 0).merge(
        tb.cell(2, 1)
    ).text = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    tb.cell(0, 2).merge(tb.cell(0, 8)).text = "申请人情况"
    tb.cell(1, 2).merge(tb.cell(2, 2)).text = "自然人"
    tb.cell(1, 3).merge(tb.cell(1, 7)).text = "法人或其他组织"
    tb.cell(1, 8).merge(tb.cell(2, 8)).text = "总计"
    for j, h in enumerate(COLS[1:6]):
        tb.cell(2, 3 + j).text = h
    for i, (label, key) in enumerate(ROWS_T3):
        tb.cell(3 + i, 0).merge(tb.cell(3 + i, 1)).text = label
        for j, v in enumerate(t3[key]):
            tb.cell(3 + i, 2 + j).text = str(v)
    d.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    tb = d.add_table(rows=4, cols=15)
    tb.style = "Table Grid"
    tb.cell(0, 0).merge(tb.cell(1, 4)).text = "行政复议"
    tb.cell(0, 5).merge(tb.cell(0, 14)).text = "行政诉讼"
    tb.cell(1, 5).merge(tb.cell(1, 9)).text = "未经复议直接起诉"
    tb.cell(1, 10).merge(tb.cell(1, 14)).text = "复议后起诉"
    for g in range(3):
        for j, h in enumerate(("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")):
            tb.cell(2, g * 5 + j).text = h
    for j, v in enumerate(v for g in t4 for v in (*g, sum(g))):
        tb.cell(3, j).text = str(v)
    for line in closing(year).splitlines():
        if line.strip():
            d.add_paragraph(line)
    d.save(str(path))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    city = "示范市人民政府办公室"
    # 2023, simplified, plain text (the narrative and the tables agree)
    (OUT / "示范市政府办公室2023年政府信息公开工作年度报告.txt").write_text(
        narrative(city, 2023, Y2023, T4_2023) + tables_plain(T2_2023, Y2023, T4_2023) + closing(2023),
        encoding="utf-8",
    )
    # 2022, traditional, Big5 plain text — last year's report for the comparison and the carry check
    import opencc

    s2tw = opencc.OpenCC("s2tw")  # Taiwan character forms: all of them exist in Big5

    text22 = narrative(city, 2022, Y2022, T4_2022) + tables_plain(T2_2022, Y2022, T4_2022) + closing(2022)
    (OUT / "示範市政府辦公室2022年政府信息公開工作年度報告.txt").write_bytes(
        s2tw.convert(text22).encode("big5")
    )
    # A bureau's 2023 report as a saved web page (GB2312), with one total that does not add up
    bad = {k: list(v) for k, v in Y2023.items()}
    bad["r1"][6] += 2  # the published 总计 of row (一) is wrong: the check must catch it
    (OUT / "示范市统计局2023年政府信息公开工作年度报告.html").write_bytes(
        html_report("示范市统计局", 2023, T2_2023, bad, T4_2023).encode("gb18030")
    )
    # A bureau's 2023 report as Word
    docx_report(
        OUT / "示范市交通运输局2023年政府信息公开工作年度报告.docx",
        "示范市交通运输局",
        2023,
        T2_2022,
        Y2022,
        T4_2022,
    )
    # A reply to a deputy (no tables)
    (OUT / "示范市政府办公室关于市人大代表第12号建议的答复.txt").write_text(
        "示范市人民政府办公室关于市十六届人大三次会议第12号建议的答复\n\n王代表：\n\n"
        "您提出的《关于进一步提升政务公开质量的建议》收悉。经研究，现答复如下：\n"
        "近年来，我市持续推进基层政务公开标准化规范化建设，编制26个试点领域标准目录，梳理公开事项1,375项；"
        "建成政务公开专区48个，覆盖全部12个县（市、区）；全年举办“政府开放日”活动15场，邀请群众代表600余人次参加。\n"
        "下一步，我们将在10个工作日内完成目录动态更新，力争政务新媒体合格率保持在百分之九十五以上。\n"
        "联系人：李明，联系电话：0571-87654321，邮政编码：310000。\n",
        encoding="utf-8",
    )
    if "--no-pdf" not in sys.argv:
        make_pdf(
            OUT / "示范市生态环境局2023年政府信息公开工作年度报告.pdf",
            narrative("示范市生态环境局", 2023, Y2023, T4_2023)
            + tables_plain(T2_2023, Y2023, T4_2023)
            + closing(2023),
        )
    print("samples written to", OUT)


def make_pdf(path: Path, text: str) -> None:
    """A text PDF drawn with Qt (the font is embedded, so reading it needs no font)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QMarginsF, QRectF
    from PySide6.QtGui import QFont, QGuiApplication, QPageLayout, QPageSize, QPainter, QPdfWriter

    _app = QGuiApplication.instance() or QGuiApplication([])
    w = QPdfWriter(str(path))
    w.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    w.setPageMargins(QMarginsF(20, 20, 20, 20), QPageLayout.Unit.Millimeter)
    w.setResolution(72)
    p = QPainter(w)
    f = QFont("WenQuanYi Micro Hei", 10)
    p.setFont(f)
    page_h = w.height()
    width = w.width()
    y = 0.0
    line_h = 16.0
    for raw in text.splitlines():
        cells = [c.strip() for c in raw.strip().strip("|").split("|")] if raw.startswith("|") else None
        if cells and not all(re.fullmatch(r"[\d.]+", c) for c in cells[1:]):
            raw, cells = "  ".join(cells), None  # a header row: one line of text, not number columns
        if cells:
            label, nums = ("", cells) if re.fullmatch(r"[\d.]+", cells[0]) else (cells[0], cells[1:])
            col_w = 34.0
            x_nums = width - col_w * max(len(nums), 1)
            rect = QRectF(0, y, x_nums - 6, 200)
            br = p.boundingRect(rect, 0x1000 | 0x0001, label)  # word wrap, align left
            p.drawText(rect, 0x1000 | 0x0001, label)
            for k, v in enumerate(nums):
                p.drawText(QRectF(x_nums + k * col_w, y, col_w, line_h), 0x0004 | 0x0080, v)
            y += max(br.height(), line_h) + 2
        else:
            rect = QRectF(0, y, width, 400)
            br = p.boundingRect(rect, 0x1000, raw or " ")
            p.drawText(rect, 0x1000, raw)
            y += br.height() + 2
        if y > page_h - 40:
            w.newPage()
            y = 0.0
    p.end()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
