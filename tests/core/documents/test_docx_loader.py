"""DOCX loader: body order, merged cells once, the official template, clear errors."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from core import documents
from core.errors import LoadError


def _save(d: docx.document.Document, path: Path) -> Path:
    d.save(str(path))
    return path


def _report(tmp_path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("某局2024年政府信息公开工作年度报告")
    d.add_paragraph("一、总体情况")
    t = d.add_table(rows=4, cols=4)
    top = t.cell(0, 1).merge(t.cell(0, 2))  # gridSpan
    top.text = "法人或其他组织"
    t.cell(0, 0).text = "申请人情况"
    t.cell(0, 3).text = "总计"
    left = t.cell(1, 0).merge(t.cell(3, 0))  # vMerge over three rows
    left.text = "办理结果"
    for r, row in enumerate((("12", "3", "15"), ("4", "", "4"), ("0", "0", "0")), start=1):
        for k, v in enumerate(row, start=1):
            t.cell(r, k).text = v
    p = t.cell(1, 1).add_paragraph("（含结转）")  # a second paragraph in a cell
    assert p is not None
    d.add_paragraph("二、主动公开政府信息情况")
    return _save(d, tmp_path / "r.docx")


def test_paragraphs_and_tables_in_order_without_repetition(tmp_path: Path) -> None:
    doc = documents.load(_report(tmp_path))
    assert doc.format == "docx"
    assert doc.text == (
        "某局2024年政府信息公开工作年度报告\n"
        "一、总体情况\n"
        "申请人情况\t法人或其他组织\t\t总计\n"
        "办理结果\t12 （含结转）\t3\t15\n"  # paragraphs of a cell: one line
        "\t4\t\t4\n"
        "\t0\t0\t0\n"
        "二、主动公开政府信息情况\n"
    )
    (t,) = doc.tables
    assert (t.n_rows, t.n_cols) == (4, 4)
    cells = {(c.row, c.col): c for c in t.cells}
    assert (cells[(0, 1)].colspan, cells[(0, 1)].rowspan) == (2, 1)
    assert (cells[(1, 0)].rowspan, cells[(1, 0)].colspan) == (3, 1)
    assert (2, 0) not in cells and (3, 0) not in cells and (0, 2) not in cells
    assert cells[(2, 2)].text == ""
    for c in t.cells:
        assert doc.text[c.start : c.end] == c.text
    assert doc.title == "某局2024年政府信息公开工作年度报告"


def test_nested_table_inside_layout_table(tmp_path: Path) -> None:
    d = docx.Document()
    outer = d.add_table(rows=1, cols=1)
    cell = outer.cell(0, 0)
    cell.paragraphs[0].text = "外层说明"
    inner = cell.add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "规章"
    inner.cell(0, 1).text = "11"
    doc = documents.load(_save(d, tmp_path / "n.docx"))
    assert doc.text.split("\n")[:2] == ["外层说明", "规章\t11"]
    assert [(t.n_rows, t.n_cols) for t in doc.tables] == [(1, 2)]


@pytest.mark.shared
def test_official_template_loads(shared: Path) -> None:
    doc = documents.load(shared / "reference" / "annual-report-template-2021.docx")
    assert doc.text.startswith("政府信息公开工作年度报告格式模板\n")
    assert [(t.n_rows, t.n_cols) for t in doc.tables] == [(14, 4), (28, 10), (4, 15)]
    lines = doc.text.split("\n")
    assert "\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t" in lines
    assert doc.text.count("（三）不予公开") == 1  # a vMerge label is not repeated per row
    assert doc.text.index("二、主动公开政府信息情况") < doc.tables[0].start
    assert doc.tables[2].end < doc.text.index("五、存在的主要问题及改进情况")


def test_not_a_zip(tmp_path: Path) -> None:
    p = tmp_path / "fake.docx"
    p.write_bytes("这其实是一段文字，不是 Word 文件".encode())
    with pytest.raises(LoadError, match=r"不是有效的 Word（\.docx）文件") as e:
        documents.load(p)
    assert "fake.docx" in str(e.value)


def test_zip_that_is_not_word(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("photo.txt", "hello")
    p = tmp_path / "archive.docx"
    p.write_bytes(buf.getvalue())
    with pytest.raises(LoadError, match=r"不是有效的 Word（\.docx）文件"):
        documents.load(p)


def test_spreadsheet_renamed_docx(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    p = tmp_path / "table.docx"
    wb.save(str(p))
    with pytest.raises(LoadError, match="不是 Word 文档"):
        documents.load(p)


def test_truncated_docx(tmp_path: Path) -> None:
    data = _report(tmp_path).read_bytes()
    p = tmp_path / "cut.docx"
    p.write_bytes(data[: len(data) // 2])
    with pytest.raises(LoadError, match=r"不是有效的 Word（\.docx）文件"):
        documents.load(p)


def test_automatic_chinese_numbering_is_rendered(tmp_path: Path) -> None:
    """Headings numbered by Word (一、 （一）) show their numbers, as the reviewer sees them in Word."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>'
        ),
    )
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text: str, level: int) -> None:
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )

    numbered("总体情况", 0)
    numbered("主动公开情况", 1)
    numbered("依申请公开情况", 1)
    numbered("主动公开政府信息情况", 0)
    numbered("规章", 1)
    doc = documents.load(_save(d, tmp_path / "num.docx"))
    assert doc.text.split("\n")[:5] == [
        "一、总体情况",
        "（一）主动公开情况",
        "（二）依申请公开情况",
        "二、主动公开政府信息情况",
        "（一）规章",
    ]
