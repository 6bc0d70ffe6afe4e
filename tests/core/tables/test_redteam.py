"""Renderings of table 三 the red team found misread: tall rows with wrapped labels whose numbers are
vertically centred (the label ends after the numbers) and group headings (（四）无法提供) printed
beside a row — as a Qt-drawn PDF (ruled and three-line) and as pdftotext-style text."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import pytest

from core import checks, documents
from core.schema import T3_COLUMNS, T3_ROWS
from core.tables import reader as indicators
from tests.core.tables.helpers import load_text, pipe_text, t3_rows, traditional

LEAVES = [r for r in T3_ROWS if r.key != "r6"]  # 2021 layout
RESULTS = "三、本年度办理结果"


def _label(key: str) -> str:
    return next(r.label for r in T3_ROWS if r.key == key).split(" (")[0]


def _consistent(seed: int) -> dict[str, list[int]]:
    """Cells per row key (6 parts + total) of a table 三 that adds up in every row and column."""
    rnd = random.Random(seed)
    rows: dict[str, list[int]] = {}
    results = [r.key for r in LEAVES if r.group is not None and r.key != "r7_total"]
    tot = [0] * 6
    for k in results:
        rows[k] = [rnd.choice([0, 0, 1, 2, 5, 13, 40]) for _ in range(6)]
        tot = [a + b for a, b in zip(tot, rows[k], strict=True)]
    cin = [rnd.randrange(0, 4) for _ in range(6)]
    cout = [rnd.randrange(0, 4) for _ in range(6)]
    rows["new"] = [t + o - i for t, o, i in zip(tot, cout, cin, strict=True)]
    rows["carried_in"], rows["r7_total"], rows["carried_out"] = cin, tot, cout
    return {k: [*v, sum(v)] for k, v in rows.items()}


def _expected(cells: dict[str, list[int]]) -> dict[str, Decimal]:
    return {
        f"t3.{k}.{c.key}": Decimal(x) for k, v in cells.items() for c, x in zip(T3_COLUMNS, v, strict=True)
    }


def _read(doc: documents.Document) -> dict[str, Decimal | None]:
    return {k: v.value for k, v in indicators.read(doc).items()}


def _errors(doc: documents.Document) -> list[str]:
    return [
        c.formula for c in checks.run(indicators.read(doc)) if c.status == "fail" and c.severity == "error"
    ]


# ---- PDF drawn with Qt ------------------------------------------------------------------------------


def _font() -> str:
    from PySide6.QtGui import QFontDatabase

    fam = next((f for f in QFontDatabase.families() if "WenQuanYi" in f or "Noto Sans CJK" in f), None)
    if fam is None:
        pytest.skip("no CJK font installed (apt-get install fonts-wqy-microhei)")
    return fam


def _draw(path: Path, cells: dict[str, list[int]], ruled: bool, font: str) -> None:
    """Table 三 in the official layout: three label columns (三、本年度办理结果 and the （三）…（六）
    groups merged vertically, their text centred over their rows), rows 34 pt tall so a long label wraps
    over three lines and the numbers sit on the middle one; split over two pages with the header
    repeated and a 第 1 页 共 2 页 footer. ``ruled=False``: a three-line table (top and bottom rules)."""
    from PySide6.QtCore import QMarginsF, QRectF, Qt
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

    w = QPdfWriter(str(path))
    w.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    w.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    w.setResolution(72)
    p = QPainter(w)
    p.setFont(QFont(font, 8))
    xs = [30.0, 80.0, 130.0, 222.0] + [222.0 + 38 * (k + 1) for k in range(7)]
    wrap = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignVCenter)
    center = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)
    h = 34.0

    def box(c0: int, c1: int, y: float, height: float, text: str, flags: int = center) -> None:
        r = QRectF(xs[c0], y, xs[c1] - xs[c0], height)
        if ruled:
            p.drawRect(r)
        p.drawText(r.adjusted(2, 0, -2, 0), flags, text)

    def header(y: float) -> float:
        if not ruled:
            p.drawLine(int(xs[0]), int(y), int(xs[-1]), int(y))
        box(0, 3, y, 3 * h, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
        box(3, 10, y, h, "申请人情况")
        box(3, 4, y + h, 2 * h, "自然人")
        box(4, 9, y + h, h, "法人或其他组织")
        box(9, 10, y + h, 2 * h, "总计")
        for k, t in enumerate(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]):
            box(4 + k, 5 + k, y + 2 * h, h, t)
        return y + 3 * h

    p.drawText(QRectF(30, 20, 500, 16), "三、收到和处理政府信息公开申请情况")
    y = header(40.0)
    split_at = 12  # rows before the page break
    pages = [LEAVES[:split_at], LEAVES[split_at:]]
    for page_no, rows in enumerate(pages):
        if page_no:
            p.drawText(QRectF(250, 805, 100, 12), int(Qt.AlignmentFlag.AlignCenter), "第 1 页 共 2 页")
            w.newPage()
            y = header(40.0)
        drawn: set[str] = set()
        for n, r in enumerate(rows):
            for k, x in enumerate(cells[r.key]):
                box(3 + k, 4 + k, y, h, str(x))
            if r.group is None:
                box(0, 3, y, h, _label(r.key), wrap)
                y += h
                continue
            for g, c0 in ((RESULTS, 0), (r.group, 1)):
                if g in drawn or (c0 == 1 and g == RESULTS):
                    continue
                drawn.add(g)  # a merged cell: its text centred over its rows on this page
                span = 0
                while (
                    n + span < len(rows)
                    and rows[n + span].group
                    and (g == RESULTS or rows[n + span].group == g)
                ):
                    span += 1
                box(c0, c0 + 1, y, span * h, g)
            box(1 if r.group == RESULTS else 2, 3, y, h, _label(r.key), wrap)
            y += h
    if not ruled:
        p.drawLine(int(xs[0]), int(y), int(xs[-1]), int(y))
    p.drawText(QRectF(250, 805, 100, 12), int(Qt.AlignmentFlag.AlignCenter), "第 2 页 共 2 页")
    p.end()


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "three-line"])
def test_pdf_tall_rows_with_group_columns_read_back_exactly(
    qapp: object, tmp_path: Path, ruled: bool
) -> None:
    cells = _consistent(7 + ruled)
    path = tmp_path / "年报.pdf"
    _draw(path, cells, ruled, _font())
    doc = documents.load(path)
    got = _read(doc)
    wrong = {k: (x, got.get(k)) for k, x in _expected(cells).items() if got.get(k) != x}
    assert wrong == {}
    assert not [k for k in got if k.startswith("t3.r6.")]
    assert _errors(doc) == []


# ---- the same shape as text (pdftotext -layout, copied PDF text) -------------------------------------


def _layout_text(cells: dict[str, list[int]], group_on: dict[str, str]) -> str:
    """Rows as a PDF's text comes out: a label longer than 12 characters wraps, the numbers sit on its
    middle line; ``group_on[row]``: the group heading printed on that row's number line."""
    out = [
        "三、收到和处理政府信息公开申请情况",
        "申请人情况",
        "自然人  商业企业  科研机构  社会公益组织  法律服务机构  其他  总计",
    ]
    for r in LEAVES:
        label = _label(r.key)
        chunks = [label[i : i + 12] for i in range(0, len(label), 12)]
        mid = len(chunks) // 2 if len(chunks) > 2 else 0
        nums = "".join(f"{x:>6}" for x in cells[r.key])
        for i, ch in enumerate(chunks):
            lead = group_on.get(r.key, "") + "  " if i == mid and r.key in group_on else ""
            out.append(f"{lead}{ch:<14}{nums}" if i == mid else ch)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_wrapped_labels_ending_after_the_numbers(tmp_path: Path, script: str) -> None:
    cells = _consistent(3)
    text = _layout_text(cells, {"r4_2": "（四）无法提供", "r3_4": "（三）不予公开", "r6_2": "（六）其他处理"})
    if script == "traditional":
        text = traditional(text)
    doc = load_text(tmp_path, text)
    assert _read(doc) == _expected(cells)
    assert _errors(doc) == []


def test_other_handling_heading_beside_its_first_sub_row_is_not_the_2019_row(tmp_path: Path) -> None:
    """2021 layout: （六）其他处理 printed on the line of sub-row 1 must not be read as the 2019 format's
    single （六）其他处理 row (which would take sub-row 1's numbers and skip 1–3)."""
    cells = _consistent(5)
    text = _layout_text(cells, {"r6_1": "（六）其他处理", "r4_2": "（四）无法提供"})
    values = _read(load_text(tmp_path, text))
    assert values == _expected(cells)
    assert "t3.r6.total" not in values


def test_2019_single_other_row_kept_when_the_prose_mentions_overdue_applicants(tmp_path: Path) -> None:
    """The （六） layout is decided by the table's own rows: prose after table 三 that speaks of
    申请人无正当理由逾期不补正 does not turn a 2019-format table into the 2021 one."""
    rows = t3_rows(lambda r, c: str(3 * c + len(r)), 2019)
    text = (
        pipe_text(rows) + "五、存在的主要问题及改进情况\n对申请人无正当理由逾期不补正的申请，依法不再处理。\n"
    )
    values = _read(load_text(tmp_path, text))
    assert values["t3.r6.natural"] == Decimal(2)
    assert values["t3.r6.total"] == Decimal(20)
    assert values["t3.r7_total.total"] == Decimal(26)
    assert not [k for k in values if k.startswith("t3.r6_")]
