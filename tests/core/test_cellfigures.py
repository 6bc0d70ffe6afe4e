"""Numbers in a report's own tables (not the standard ones) are figures when the column header names a unit."""

from __future__ import annotations

from pathlib import Path

import docx

from core import pipeline


def _docx(path: Path, rows: list[list[str]], text: str = "某县政务公开办2023年工作总结") -> Path:
    d = docx.Document()
    d.add_paragraph(text)
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    for i, r in enumerate(rows):
        for j, v in enumerate(r):
            t.cell(i, j).text = v
    d.save(str(path))
    return path


def test_count_table_cells_become_figures_with_row_and_column_labels(tmp_path: Path) -> None:
    p = _docx(
        tmp_path / "总结.docx",
        [
            ["序号", "类别", "数量（条）", "占比"],
            ["1", "政策文件", "173", "13.5%"],
            ["2", "工作动态", "1,856", "66.6%"],
        ],
    )
    figs = pipeline.analyse(p).figures
    got = [(f.text, float(f.value), f.unit, f.label) for f in figs]
    assert ("173", 173, "条", "政策文件 / 数量（条）") in got
    assert ("1,856", 1856, "条", "工作动态 / 数量（条）") in got
    assert ("13.5%", 13.5, "%", "政策文件 / 占比") in got
    assert not any(f.text in ("1", "2") for f in figs)  # 序号 is not a figure


def test_columns_without_a_unit_or_of_codes_give_nothing(tmp_path: Path) -> None:
    p = _docx(
        tmp_path / "名单.docx",
        [["单位", "申请件数", "联系电话", "邮编", "年份"], ["县教育局", "5", "12345678", "310000", "2023"]],
    )
    figs = pipeline.analyse(p).figures
    assert [(f.text, f.unit) for f in figs] == [("5", "件")]
