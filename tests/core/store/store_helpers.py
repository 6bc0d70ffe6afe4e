"""Small real inputs for the store tests: extractions built by hand and generated text reports."""

from __future__ import annotations

import hashlib
import random
from array import array
from decimal import Decimal
from pathlib import Path

from core.checks import run
from core.model import Cell, Document, Extraction, Figure, IndicatorValue, Page, Table

TEXT = "本年度主动公开信息120条，收到申请35件。\n表格\n新收 35\n"


def extraction(
    text: str = TEXT, issuer: str = "甲市人民政府", year: int = 2023, salt: str = ""
) -> Extraction:
    """A report with one narrative figure, one table cell linked to t3.new.total, and a failing check."""
    sha = hashlib.sha256((text + salt + issuer + str(year)).encode()).hexdigest()
    i_table = text.index("35\n")
    cell = Cell(row=0, col=1, start=i_table, end=i_table + 2, text="35")
    doc = Document(
        path=f"/nowhere/{issuer}-{year}{salt}.pdf",
        format="pdf",
        sha256=sha,
        text=text,
        tables=(Table(start=i_table - 3, end=i_table + 2, cells=(cell,), n_rows=1, n_cols=2),),
        pages=(Page(index=0, width=595.0, height=842.0),),
        char_pages=array("i", [0] * len(text)),
        char_boxes=array("f", [float(k % 7) for k in range(4 * len(text))]),
        title=f"{issuer}{year}年政府信息公开工作年度报告",
        issuer=issuer,
        year=year,
    )
    i120 = text.index("120")
    i35 = text.index("35件")
    figs = (
        Figure(start=i120, end=i120 + 4, text="120条", value=Decimal(120), unit="条", label="主动公开信息"),
        Figure(start=i35, end=i35 + 3, text="35件", value=Decimal(35), unit="件", label="收到申请"),
        Figure(
            start=i_table,
            end=i_table + 2,
            text="35",
            value=Decimal(35),
            indicator="t3.new.total",
            source="table",
        ),
    )
    inds = {
        "t3.new.total": IndicatorValue(
            id="t3.new.total", kind="number", value=Decimal(35), raw="35", start=i_table, end=i_table + 2
        ),
        "t3.new.natural": IndicatorValue(id="t3.new.natural", kind="number", value=Decimal(30), raw="30"),
        "t3.carried_in.natural": IndicatorValue(id="t3.carried_in.natural", kind="empty", value=None, raw=""),
        "t3.r1.total": IndicatorValue(id="t3.r1.total", kind="not_applicable", value=None, raw="/"),
        **{
            f"t3.new.{c}": IndicatorValue(id=f"t3.new.{c}", kind="zero", value=Decimal(0), raw="0")
            for c in ("business", "research", "nonprofit", "legal", "other_org")
        },
    }
    checks = tuple(run(inds, figs))  # t3.row_total for row "new" fails: 30+0+0+0+0+0 ≠ 35
    return Extraction(document=doc, figures=figs, indicators=inds, checks=checks)


def write_corpus(folder: Path, n: int, seed: int = 1) -> list[Path]:
    """``n`` distinct plain-text annual reports, each with a handful of figures."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for k in range(n):
        year = 2019 + k % 5
        lines = [
            f"第{k}区人民政府{year}年政府信息公开工作年度报告",
            "",
            f"{year}年，本机关主动公开政府信息{rng.randint(100, 9999)}条，其中政策文件{rng.randint(1, 99)}件。",
            f"全年收到政府信息公开申请{rng.randint(1, 500)}件，办结{rng.randint(1, 500)}件。",
            f"组织培训{rng.randint(1, 30)}场次，参训人员{rng.randint(10, 900)}人次。",
            f"政务新媒体发布信息{rng.randint(1, 90)}万条，网站访问量{rng.randint(1, 900)}余万人次。",
        ]
        p = folder / f"report-{k:04d}.txt"
        p.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out.append(p)
    return out
