"""Word text a reader does not see is not a figure (hidden text, ``w:vanish``); text Word shows from
an imported file (``w:altChunk``: a web page, plain text) is read, or reported when it cannot be."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from core import documents, figures
from core.tables import reader


def _hidden(run: object) -> None:
    rpr = run._r.get_or_add_rPr()  # type: ignore[attr-defined]
    rpr.append(OxmlElement("w:vanish"))


def _figures(path: Path) -> list[int]:
    doc = documents.load(path)
    return [int(f.value) for f in figures.extract(doc)]


def test_hidden_word_text_is_not_read_as_a_figure(tmp_path: Path) -> None:
    d = docx.Document()
    p = d.add_paragraph("2023年，本机关共收到政府信息公开申请")
    _hidden(p.add_run("（初稿为35件）"))
    p.add_run("12件。")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "行政许可"
    cell = table.cell(0, 1).paragraphs[0]
    _hidden(cell.add_run("8"))
    cell.add_run("9")
    path = tmp_path / "r.docx"
    d.save(str(path))
    doc = documents.load(path)
    assert "35" not in doc.text and "初稿" not in doc.text
    assert "申请12件" in doc.text
    assert 35 not in _figures(path)
    assert doc.tables[0].cells[1].text == "9"


def test_text_hidden_by_its_style_is_not_read(tmp_path: Path) -> None:
    """Hidden through a character style (a 批注/草稿 style with 隐藏 set), and through a style based on
    it; a run that says it is shown stays."""
    d = docx.Document()
    draft = d.styles.add_style("Draft", WD_STYLE_TYPE.CHARACTER)
    draft.element.get_or_add_rPr().append(OxmlElement("w:vanish"))
    note = d.styles.add_style("DraftNote", WD_STYLE_TYPE.CHARACTER)
    note.base_style = draft
    p = d.add_paragraph("本年共收到政府信息公开申请")
    p.add_run("35件（旧稿）", style="Draft")
    p.add_run("36件（旧稿）", style="DraftNote")
    shown = p.add_run("12", style="Draft")
    vanish = OxmlElement("w:vanish")
    vanish.set(qn("w:val"), "0")
    shown._r.get_or_add_rPr().append(vanish)
    p.add_run("件。")
    path = tmp_path / "r.docx"
    d.save(str(path))
    doc = documents.load(path)
    assert "申请12件" in doc.text
    assert "35" not in doc.text and "36" not in doc.text


def _with_chunk(tmp_path: Path, name: str, content_type: str, blob: bytes) -> Path:
    d = docx.Document()
    d.add_paragraph("平潭综合实验区2023年度政府信息公开工作年度报告")
    part = Part(PackURI(f"/word/{name}"), content_type, blob, d.part.package)
    rid = d.part.relate_to(part, RT.A_F_CHUNK)
    chunk = OxmlElement("w:altChunk")
    chunk.set(qn("r:id"), rid)
    d.element.body.insert(len(d.element.body) - 1, chunk)  # before the section properties
    d.add_paragraph("六、其他需要报告的事项")
    path = tmp_path / "r.docx"
    d.save(str(path))
    return path


def test_alt_chunk_web_page_is_read_with_its_tables(tmp_path: Path) -> None:
    page = (
        "<html><head><meta charset='utf-8'></head><body><p>本年共收到政府信息公开申请12件。</p>"
        "<p>二、主动公开政府信息情况</p><table>"
        "<tr><td>第二十条第（一）项</td></tr>"
        "<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>"
        "<tr><td>规章</td><td>1</td><td>2</td><td>3</td></tr>"
        "<tr><td>行政规范性文件</td><td>4</td><td>5</td><td>6</td></tr></table></body></html>"
    ).encode()
    path = _with_chunk(tmp_path, "afchunk1.htm", "text/html", page)
    doc = documents.load(path)
    assert doc.text.index("年度报告") < doc.text.index("申请12件") < doc.text.index("六、其他需要报告的事项")
    assert 12 in _figures(path)
    values = reader.read(doc)
    assert values["t2.normative_docs.in_force"].json_value() == 6
    v = values["t2.regulations.issued"]
    assert doc.text[v.start : v.end] == "1"  # the chunk's table offsets index the whole text


def test_alt_chunk_plain_text_is_read(tmp_path: Path) -> None:
    path = _with_chunk(tmp_path, "afchunk1.txt", "text/plain", "本年共收到政府信息公开申请12件。".encode())
    assert 12 in _figures(path)


def test_alt_chunk_that_cannot_be_read_is_a_load_warning(tmp_path: Path) -> None:
    rtf = rb"{\rtf1\ansi 12}"
    doc = documents.load(_with_chunk(tmp_path, "afchunk1.rtf", "application/rtf", rtf))
    assert any("altChunk" in w and "RTF" in w for w in doc.warnings)


def test_alt_chunk_inside_a_table_cell_is_read_into_the_cell(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("二、主动公开政府信息情况")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "行政许可"
    part = Part(
        PackURI("/word/afchunk2.htm"),
        "text/html",
        b"<html><body><p>2293</p></body></html>",
        d.part.package,
    )
    rid = d.part.relate_to(part, RT.A_F_CHUNK)
    chunk = OxmlElement("w:altChunk")
    chunk.set(qn("r:id"), rid)
    table.cell(0, 1)._tc.append(chunk)
    path = tmp_path / "r.docx"
    d.save(str(path))
    doc = documents.load(path)
    cell = doc.tables[0].cells[1]
    assert doc.text[cell.start : cell.end] == "2293"
