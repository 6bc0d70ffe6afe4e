"""Two reports in one file: a printed comparison of two years, two issuers' reports saved together.

Read as one report, such a file takes its year from one report and its cells from whichever table
comes first, and the other report's tables vanish without a word. The signs looked for:

- report titles (``XX2023年度政府信息公开工作年度报告``), each a line or a cell of its own, naming
  different years or different issuers;
- more than one table 三: its first row label (本年新收政府信息公开申请数量) begins two rows;
- one table holding two years side by side: header cells naming two different years, and the rows
  carrying twice the cells of the form.

Two titles with two tables 三, or two years side by side in one table, cannot be reviewed as one
report: the file is refused with a message naming what was found. A weaker sign (two titles with
one table, two tables without titles) becomes a load warning naming it.
"""

from __future__ import annotations

import dataclasses
import re

from core.errors import LoadError
from core.model import Document
from core.textnorm import normalize

_TITLE = re.compile(
    r"^(?P<issuer>[^\s，。,;；:：《》“”\d]{0,40}?)(?P<year>(?:19|20)\d\d)\s*年度?"
    r"(?P<issuer2>[^\s，。,;；:：《》“”\d]{0,30}?)(?:政府信息公开|政务公开)(?:工作)?(?:年度)?报告$"
)
_PARTS = re.compile(r"\t|\||\s{2,}")
_FIRST_ROW = re.compile(r"(?m)(?:^|\t|\|)\s*(?:一\s*[、.]\s*)?本年新收政府信息公开申请数量")
_YEAR_HEAD = re.compile(r"^\s*((?:19|20)\d\d)\s*年度?\s*$")
_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)?\s*$")
T3_CELLS = 7  # cells of a row of table 三


def _titles(norm: str) -> list[tuple[str, int]]:
    """(issuer, year) of every line or cell that is a report's title, in order."""
    out: list[tuple[str, int]] = []
    for line in norm.splitlines():
        if "报告" not in line:
            continue
        for part in _PARTS.split(line):
            m = _TITLE.match(part.strip().strip("#*"))
            if m:
                issuer = (m.group("issuer") or m.group("issuer2") or "").strip()
                out.append((issuer, int(m.group("year"))))
    return out


def _distinct(titles: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The titles naming a different report: another year, or another issuer (both named)."""
    seen: list[tuple[str, int]] = []
    for issuer, year in titles:
        if any(y == year and (not i or not issuer or i == issuer) for i, y in seen):
            continue
        seen.append((issuer, year))
    return seen


def _side_by_side_years(doc: Document, norm: str) -> list[int]:
    """Years of the header cells of a table whose table-三 row holds two years' cells side by side."""
    for t in doc.tables:
        grid: dict[int, list[str]] = {}
        for c in sorted(t.cells, key=lambda c: (c.row, c.col)):
            grid.setdefault(c.row, []).append(norm[c.start : c.end])
        years = sorted({int(m.group(1)) for row in grid.values() for s in row if (m := _YEAR_HEAD.match(s))})
        if len(years) < 2:
            continue
        for row in grid.values():
            first_row = any("本年新收政府信息公开申请数量" in s for s in row)
            if first_row and sum(bool(_NUMBER.match(s)) for s in row) >= 2 * T3_CELLS:
                return years
    return []


def _named(titles: list[tuple[str, int]]) -> str:
    return "、".join(f"{issuer}{year}年度" for issuer, year in titles)


def check(doc: Document) -> Document:
    """``doc`` unchanged, with a load warning when it may hold two reports; ``LoadError`` when it
    clearly does."""
    if "报告" not in doc.text and "申请数量" not in doc.text:
        return doc
    norm = normalize(doc.text)
    titles = _distinct(_titles(norm))
    tables = len(_FIRST_ROW.findall(norm))
    years = _side_by_side_years(doc, norm)
    if years:
        raise LoadError(
            doc.path,
            f"此文件的表格把 {'、'.join(map(str, years))} 年的数据并列在一起（两个年度的报告对照），"
            "不能作为一份报告核查；请把每个年度的报告分别保存为一个文件后再导入",
        )
    if len(titles) >= 2 and tables >= 2:
        raise LoadError(
            doc.path,
            f"此文件包含 {len(titles)} 份报告（{_named(titles)}），各有一组表格，不能作为一份报告核查；"
            "请拆分为每份报告一个文件后再导入",
        )
    warning = ""
    if len(titles) >= 2:
        warning = f"文件中出现 {len(titles)} 份报告的标题（{_named(titles)}），只按一份报告读取；如确为多份报告，请拆分后分别导入"
    elif tables >= 2:
        warning = f"文件中有 {tables} 张“收到和处理政府信息公开申请情况”表，只读取了第一张；如含多份报告，请拆分后分别导入"
    if not warning:
        return doc
    return dataclasses.replace(doc, warnings=(*doc.warnings, warning))
