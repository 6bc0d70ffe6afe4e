"""The three standard tables written as a GBK web page (rowspan/colspan) and drawn into a PDF (ruled
grid, wrapped labels) are read back exactly: every one of the 200 indicator values of the 2021 format."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import pytest

from core import documents
from core.schema import T2_ROWS, T3_ROWS, T4_COLUMNS, T4_GROUPS
from core.tables import reader as indicators

T3_LEAVES = [r for r in T3_ROWS if r.key != "r6"]  # the 2021 layout: （六） has three sub-rows


def _values(seed: int) -> dict[str, Decimal]:
    rnd = random.Random(seed)
    v: dict[str, Decimal] = {}
    for r in T2_ROWS:
        for c in r.columns:
            v[f"t2.{r.key}.{c.key}"] = (
                Decimal(str(round(rnd.uniform(0, 99), 2)))
                if c.unit == "万元"
                else Decimal(rnd.randrange(0, 5000))
            )
    for r in T3_LEAVES:
        parts = [rnd.randrange(0, 60) for _ in range(6)]
        for c, x in zip(r.columns, [*parts, sum(parts)], strict=True):
            v[f"t3.{r.key}.{c.key}"] = Decimal(x)
    for g, _ in T4_GROUPS:
        parts = [rnd.randrange(0, 9) for _ in range(4)]
        for c, x in zip(T4_COLUMNS, [*parts, sum(parts)], strict=True):
            v[f"t4.{g}.{c.key}"] = Decimal(x)
    return v


def _read(path: Path) -> dict[str, Decimal | None]:
    return {k: iv.value for k, iv in indicators.read(documents.load(path)).items()}


def _label(r: object) -> str:
    return r.label.split(" (")[0]  # type: ignore[attr-defined]


# ---- HTML -----------------------------------------------------------------------------------------


def _html(v: dict[str, Decimal]) -> str:
    t2 = ["<table border=1>"]
    for caption, rows in (
        ("第二十条第（一）项", T2_ROWS[:2]),
        ("第二十条第（五）项", T2_ROWS[2:3]),
        ("第二十条第（六）项", T2_ROWS[3:5]),
        ("第二十条第（八）项", T2_ROWS[5:]),
    ):
        cols = rows[0].columns
        t2.append(f"<tr><td colspan=4>{caption}</td></tr><tr><td>信息内容</td>")
        span = 1 if len(cols) == 3 else 3
        t2 += [f"<td colspan={span}>{c.label}</td>" for c in cols] + ["</tr>"]
        for r in rows:
            t2.append(f"<tr><td>{r.label}</td>")
            t2 += [f"<td colspan={span}>{v[f't2.{r.key}.{c.key}']}</td>" for c in r.columns] + ["</tr>"]
    t2.append("</table>")
    t3 = [
        "<table border=1><tr><td colspan=3 rowspan=3>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>"
        "<td colspan=7>申请人情况</td></tr><tr><td rowspan=2>自然人</td><td colspan=5>法人或其他组织</td>"
        "<td rowspan=2>总计</td></tr><tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td>"
        "<td>其他</td></tr>"
    ]
    groups: dict[str | None, int] = {}
    for r in T3_LEAVES:
        groups[r.group] = groups.get(r.group, 0) + 1
    seen: set[str | None] = set()
    results = sum(n for g, n in groups.items() if g and g != "三、本年度办理结果") + groups.get(
        "三、本年度办理结果", 0
    )
    first_result = True
    for r in T3_LEAVES:
        cells = "".join(f"<td>{v[f't3.{r.key}.{c.key}']}</td>" for c in r.columns)
        if r.group is None:
            t3.append(f"<tr><td colspan=3>{_label(r)}</td>{cells}</tr>")
            continue
        head = ""
        if first_result:
            head = f"<td rowspan={results}>三、本年度办理结果</td>"
            first_result = False
        if r.group == "三、本年度办理结果":
            t3.append(f"<tr>{head}<td colspan=2>{_label(r)}</td>{cells}</tr>")
        else:
            if r.group not in seen:
                head += f"<td rowspan={groups[r.group]}>{r.group}</td>"
                seen.add(r.group)
            t3.append(f"<tr>{head}<td>{_label(r)}</td>{cells}</tr>")
    t3.append("</table>")
    heads = "".join(f"<td>{c.label}</td>" for _ in T4_GROUPS for c in T4_COLUMNS)
    vals = "".join(f"<td>{v[f't4.{g}.{c.key}']}</td>" for g, _ in T4_GROUPS for c in T4_COLUMNS)
    t4 = (
        "<table border=1><tr><td colspan=5 rowspan=2>行政复议</td><td colspan=10>行政诉讼</td></tr>"
        f"<tr><td colspan=5>未经复议直接起诉</td><td colspan=5>复议后起诉</td></tr><tr>{heads}</tr><tr>{vals}</tr></table>"
    )
    return (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"><title>年报</title></head><body>'
        "<div>首页 &gt; 政务公开</div><p>某区人民政府2023年政府信息公开工作年度报告</p>"
        f"<h3>二、主动公开政府信息情况</h3>{''.join(t2)}<h3>三、收到和处理政府信息公开申请情况</h3>{''.join(t3)}"
        f"<h3>四、政府信息公开行政复议、行政诉讼情况</h3>{t4}<p>五、存在的主要问题及改进情况</p></body></html>"
    )


def test_gbk_web_page_with_merged_cells_reads_back_exactly(tmp_path: Path) -> None:
    v = _values(1)
    p = tmp_path / "年报.html"
    p.write_bytes(_html(v).encode("gbk"))
    assert documents.load(p).encoding in ("gbk", "gb18030", "gb2312")
    assert _read(p) == v


# ---- PDF ------------------------------------------------------------------------------------------


def _cjk_font() -> str | None:
    from PySide6.QtGui import QFontDatabase

    for fam in QFontDatabase.families():
        if any(
            k in fam for k in ("WenQuanYi", "Noto Sans CJK", "Noto Serif CJK", "SimSun", "Microsoft YaHei")
        ):
            return fam
    return None


def _draw_pdf(path: Path, v: dict[str, Decimal], font: str) -> None:
    """A ruled grid per table, label column wrapped over lines as in real reports; a table split over pages."""
    from PySide6.QtCore import QMarginsF, QRectF, Qt
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

    w = QPdfWriter(str(path))
    w.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    w.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    w.setResolution(72)
    p = QPainter(w)
    p.setFont(QFont(font, 8))
    y = 40.0
    label_w, cell_w, left = 190.0, 44.0, 30.0
    flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignVCenter)

    def row(label: str, cells: list[str], height: float = 18.0) -> None:
        nonlocal y
        if y + height > 800:
            p.drawText(QRectF(280, 810, 60, 12), "- 1 -")  # a page footer inside a table split over pages
            w.newPage()
            y = 40.0
        p.drawRect(QRectF(left, y, label_w, height))
        p.drawText(QRectF(left + 2, y, label_w - 4, height), flags, label)
        for k, c in enumerate(cells):
            r = QRectF(left + label_w + k * cell_w, y, cell_w, height)
            p.drawRect(r)
            p.drawText(r, int(Qt.AlignmentFlag.AlignCenter), c)
        y += height

    def text(s: str) -> None:
        nonlocal y
        p.drawText(QRectF(left, y, 500, 16), s)
        y += 20

    text("二、主动公开政府信息情况")
    for caption, rows in (
        ("第二十条第（一）项", T2_ROWS[:2]),
        ("第二十条第（五）项", T2_ROWS[2:3]),
        ("第二十条第（六）项", T2_ROWS[3:5]),
        ("第二十条第（八）项", T2_ROWS[5:]),
    ):
        row(caption, [])
        row("信息内容", [c.label.replace("（单位：万元）", "") for c in rows[0].columns], 24)
        for r in rows:
            row(r.label, [str(v[f"t2.{r.key}.{c.key}"]) for c in r.columns])
    text("三、收到和处理政府信息公开申请情况")
    row(
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"],
        30,
    )
    for r in T3_LEAVES:
        label = _label(r)
        row(label, [str(v[f"t3.{r.key}.{c.key}"]) for c in r.columns], 30 if len(label) > 22 else 18)
    text("四、政府信息公开行政复议、行政诉讼情况")
    p.setFont(QFont(font, 6))
    label_w, cell_w = 0.0, 36.0
    row("", ["行政复议"] + [""] * 4 + ["未经复议直接起诉"] + [""] * 4 + ["复议后起诉"] + [""] * 4)
    row("", [c.label for _ in T4_GROUPS for c in T4_COLUMNS])
    row("", [str(v[f"t4.{g}.{c.key}"]) for g, _ in T4_GROUPS for c in T4_COLUMNS])
    p.end()


def test_generated_pdf_reads_back_exactly(qapp: object, tmp_path: Path) -> None:
    font = _cjk_font()
    if font is None:
        pytest.skip("no CJK font installed (apt-get install fonts-wqy-microhei)")
    v = _values(2)
    p = tmp_path / "年报.pdf"
    _draw_pdf(p, v, font)
    got = _read(p)
    wrong = {k: (x, got.get(k)) for k, x in v.items() if got.get(k) != x}
    assert wrong == {}
    assert set(got) == set(v)
