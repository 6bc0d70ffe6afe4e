"""Invisible format characters inside a number (a web editor's zero-width space, a soft hyphen, a BOM
pasted mid-text): ``申请1\\u200b2件`` is 12 applications, in a text file as on a web page."""

from __future__ import annotations

from pathlib import Path

import pytest

from core import documents, figures
from core.tables import reader

INVISIBLE = ["\u200b", "\u200c", "\u2060", "\ufeff", "\u00ad"]
ENTITIES = ["&#8203;", "&#x200C;", "&#8288;", "&#xFEFF;", "&shy;"]


def _figure_values(path: Path) -> list[tuple[str, object]]:
    doc = documents.load(path)
    return [(doc.text[f.start : f.end], f.value) for f in figures.extract(doc)]


@pytest.mark.parametrize("ch", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_text_file_number_with_an_invisible_character(tmp_path: Path, ch: str) -> None:
    path = tmp_path / "r.txt"
    path.write_text(f"2023年，本机关共收到政府信息公开申请1{ch}2件，均已按时答复。\n", encoding="utf-8")
    got = _figure_values(path)
    assert ("12", 12) in got
    assert not any(v == 2 for _, v in got)


@pytest.mark.parametrize("ch", INVISIBLE + ENTITIES)
def test_web_page_number_with_an_invisible_character(tmp_path: Path, ch: str) -> None:
    path = tmp_path / "r.html"
    path.write_text(
        f"<html><head><meta charset='utf-8'></head><body><p>本机关共收到政府信息公开申请1{ch}2件。</p>"
        f"<table><tr><td>行政许可</td><td>3{ch}4</td></tr></table></body></html>",
        encoding="utf-8",
    )
    doc = documents.load(path)
    assert "申请12件" in doc.text
    assert ("12", 12) in _figure_values(path)
    cell = doc.tables[0].cells[1]
    assert doc.text[cell.start : cell.end] == "34"  # table offsets index the text without them


def test_table_cell_split_by_a_zero_width_space_reads_whole(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(
        "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
        "规章\t0\t0\t1\u200b5\n行政规范性文件\t1\t2\t3\n",
        encoding="utf-8",
    )
    values = reader.read(documents.load(path))
    assert values["t2.regulations.in_force"].json_value() == 15
