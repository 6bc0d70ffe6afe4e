"""Build small reports for the table tests: the standard tables written as text in several shapes."""

from __future__ import annotations

from pathlib import Path

from core import documents
from core.model import Document
from core.schema import T3_ROWS
from core.textnorm import to_traditional

T3_HEAD = [
    "三、收到和处理政府信息公开申请情况",
    "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)",
    "申请人情况",
    "自然人",
    "法人或其他组织",
    "总计",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
]


def t3_rows(value: callable, layout: int = 2021) -> list[list[str]]:  # type: ignore[valid-type]
    """Rows of table 三 as [label, 7 cells]; ``value(row_key, col_index)`` gives each cell's text."""
    rows = []
    for r in T3_ROWS:
        if (layout == 2021 and r.key == "r6") or (layout == 2019 and r.key.startswith("r6_")):
            continue
        label = r.label.split(" (")[0]
        rows.append([label, *[value(r.key, c) for c in range(7)]])
    return rows


def pipe_text(rows: list[list[str]], head: list[str] = T3_HEAD) -> str:
    """``|``-flattened: one row per line."""
    out = [head[0], " | ".join(head[1:3]) + " |", " | ".join(head[3:6]) + " |", " | ".join(head[6:]) + " |"]
    out += [" | ".join(r) + " |" for r in rows]
    return "\n".join(out) + "\n"


def cell_per_line_text(rows: list[list[str]], head: list[str] = T3_HEAD) -> str:
    """One cell per line, cells separated by an empty line; a blank cell is one more empty line."""
    out: list[str] = []
    for h in head:
        out += [h, ""]
    for r in rows:
        for cell in r:
            out += [cell] if cell == "" else [cell, ""]
    return "\n".join(out) + "\n"


def traditional(text: str) -> str:
    return to_traditional(text)


def load_text(tmp_path: Path, text: str, name: str = "report.txt") -> Document:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return documents.load(p)
