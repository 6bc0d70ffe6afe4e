"""HTML loader: declared and undeclared Chinese encodings, tables with merged cells, broken markup."""

from __future__ import annotations

from pathlib import Path

from core import documents

TABLE_PAGE = """<html><head><meta charset="gbk"><title>年报</title>
<style>.x{color:red}</style><script>var n = 999;</script></head><body>
<div class="nav">首页 &gt; 政务公开</div><div>字号：大 中 小</div>
<h1>某市2024年政府信息公开工作年度报告</h1>
<p>  全年共收到申请<b>3119</b>件，<br>办结3050件。</p>
<table border="1">
 <tr><td rowspan="2">申请人情况</td><td colspan="2">法人或其他组织</td><td rowspan="2">总计</td></tr>
 <tr><td>商业企业</td><td>科研<br>机构</td></tr>
 <tr><th>新收</th><td>53</td><td></td><td>3119</td></tr>
</table>
<p>五、存在的主要问题</p><noscript>请启用脚本</noscript>
</body></html>"""


def _load(tmp_path: Path, name: str, data: bytes) -> documents.Document:
    p = tmp_path / name
    p.write_bytes(data)
    return documents.load(p)


def test_gbk_page_with_merged_cells(tmp_path: Path) -> None:
    doc = _load(tmp_path, "r.html", TABLE_PAGE.encode("gbk"))
    assert doc.format == "html"
    assert doc.encoding in ("gb18030", "gbk")
    lines = doc.text.split("\n")
    assert lines[:5] == [
        "首页 > 政务公开",
        "字号：大 中 小",
        "某市2024年政府信息公开工作年度报告",
        "全年共收到申请3119件，",
        "办结3050件。",
    ]
    assert "申请人情况\t法人或其他组织\t\t总计\n\t商业企业\t科研机构\t\n新收\t53\t\t3119\n" in doc.text
    assert lines[-2] == "五、存在的主要问题"
    for gone in ("999", "color", "请启用脚本"):
        assert gone not in doc.text
    # merged cells appear once, with their spans
    assert doc.text.count("申请人情况") == 1
    assert doc.text.count("法人或其他组织") == 1
    (t,) = doc.tables
    assert (t.n_rows, t.n_cols) == (3, 4)
    cells = {(c.row, c.col): c for c in t.cells}
    assert (cells[(0, 0)].rowspan, cells[(0, 0)].colspan) == (2, 1)
    assert (cells[(0, 1)].rowspan, cells[(0, 1)].colspan) == (1, 2)
    assert cells[(0, 3)].rowspan == 2
    assert (1, 0) not in cells and (0, 2) not in cells and (1, 3) not in cells
    assert cells[(1, 1)].text == "商业企业"
    assert cells[(2, 3)].text == "3119"
    assert cells[(2, 2)].text == ""
    for c in t.cells:
        assert doc.text[c.start : c.end] == c.text
    assert doc.text[t.start : t.end].startswith("申请人情况")


def test_http_equiv_big5_declaration(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"></head>'
        "<body><p>政府資訊公開申請 12 件</p></body></html>"
    )
    doc = _load(tmp_path, "t.htm", page.encode("big5"))
    assert doc.text == "政府資訊公開申請 12 件\n"
    assert "950" in (doc.encoding or "") or "big5" in (doc.encoding or "")


def test_undeclared_gbk_page(tmp_path: Path) -> None:
    page = "<html><body><p>依申请公开政府信息情况</p><p>全年共收到申请数量12件。</p></body></html>"
    doc = _load(tmp_path, "u.html", page.encode("gbk"))
    assert doc.text == "依申请公开政府信息情况\n全年共收到申请数量12件。\n"
    assert doc.encoding == "gb18030"


def test_utf8_declared_but_gbk_bytes(tmp_path: Path) -> None:
    page = '<meta charset="utf-8"><p>主动公开政府信息</p>'
    doc = _load(tmp_path, "m.html", page.encode("gbk"))
    assert "主动公开政府信息" in doc.text


def test_broken_markup_does_not_crash(tmp_path: Path) -> None:
    page = "<div><p>开头<table><tr><td>1<td>2</tr><tr><td>3</table></span></div><p>结尾 <b>粗"
    doc = _load(tmp_path, "b.html", page.encode("utf-8"))
    assert doc.text.split("\n") == ["开头", "1\t2", "3\t", "结尾 粗", ""]
    assert len(doc.tables) == 1


def test_layout_table_is_read_as_blocks(tmp_path: Path) -> None:
    page = (
        "<table><tr><td>导航</td></tr><tr><td><p>正文第一段</p>"
        "<table><tr><td>规章</td><td>1</td></tr></table><p>正文第二段</p></td></tr></table>"
    )
    doc = _load(tmp_path, "l.html", page.encode("utf-8"))
    assert doc.text == "导航\n正文第一段\n规章\t1\n正文第二段\n"
    (t,) = doc.tables
    assert (t.n_rows, t.n_cols) == (1, 2)


def test_mht_web_archive(tmp_path: Path) -> None:
    html = "<html><body><p>行政复议 3 件</p></body></html>".encode("gbk")
    import base64

    mht = (
        b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b1"\r\n\r\n--b1\r\n'
        b'Content-Type: text/html; charset="gbk"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
        + base64.encodebytes(html)
        + b"\r\n--b1--\r\n"
    )
    doc = _load(tmp_path, "a.mht", mht)
    assert doc.text == "行政复议 3 件\n"


def test_article_in_a_one_cell_table_keeps_its_paragraphs(tmp_path: Path) -> None:
    """Old sites put the whole article in a table cell; its paragraphs must stay lines."""
    paras = [f"（{n}）第{n}段正文，全年共收到申请{n}件，依法按时答复，办理情况良好。" for n in "一二三四"]
    page = "<table><tr><td>" + "".join(f"<p>{p}</p>" for p in paras) + "</td></tr></table>"
    doc = _load(tmp_path, "a.html", page.encode("utf-8"))
    assert doc.text == "\n".join(paras) + "\n"
    assert doc.tables == ()
