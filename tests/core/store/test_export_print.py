"""The workbook prints: every sheet A4 landscape, one page wide, header rows on every page, report and
reviewer in the header, page x / y in the footer; report tabs carry year and issuer; a document
without tables gets no official-table sheet; a file named like a formula stays text in xlsx and CSV."""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path

import openpyxl
from store_helpers import extraction

from core import export
from core.store import Workspace

HOSTILE = '=HYPERLINK("#A1","点我") 示范县2023年报告.txt'


def _sheets(path: Path) -> dict[str, str]:
    """Sheet name → its worksheet XML."""
    with zipfile.ZipFile(path) as z:
        wb = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
        target = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', rels))
        target |= {k: v for v, k in re.findall(r'Target="([^"]+)"[^>]*Id="(rId\d+)"', rels)}
        out = {}
        for name, rid in re.findall(r'<sheet name="([^"]+)" sheetId="\d+" r:id="(rId\d+)"', wb):
            out[name] = z.read("xl/" + target[rid].lstrip("/").removeprefix("xl/")).decode()
        out["__workbook__"] = wb
        return out


def _workspace(ws: Workspace, tmp_path: Path) -> tuple[int, int, int]:
    a = ws.add_report(extraction(issuer="示范市人民政府办公室", year=2022))
    b = ws.add_report(extraction(issuer="示范市人民政府办公室", year=2023))
    letter = tmp_path / HOSTILE
    letter.write_text(
        "关于申请公开信息的答复\n\n你单位来函收悉，现答复如下：已公开信息35条。\n", encoding="utf-8"
    )
    result = ws.import_paths([str(letter)])
    assert result.report_ids, result.errors
    return a, b, result.report_ids[0]


def test_every_sheet_prints_a4_landscape_one_page_wide(ws: Workspace, tmp_path: Path) -> None:
    a, b, letter = _workspace(ws, tmp_path)
    ws.confirm(next(f for f in ws.figures(a) if f.source == "text").id)
    out = tmp_path / "out.xlsx"
    export.to_xlsx(ws, out)
    sheets = _sheets(out)
    wb = sheets.pop("__workbook__")
    names = list(sheets)
    # report tabs: number, year and a short issuer, unique, ≤ 31 characters; no sheet for the letter
    tabs = names[4:-3]
    assert tabs == [f"{a} 2022年 示范市政府办", f"{b} 2023年 示范市政府办"]
    assert all(len(n) <= 31 for n in names) and len(set(names)) == len(names)
    for name, xml in sheets.items():
        setup = re.search(r"<pageSetup [^>]*/>", xml)
        assert setup, name
        assert 'paperSize="9"' in setup.group() and 'orientation="landscape"' in setup.group(), name
        # the data sheet of every indicator is not squeezed onto a page; every other sheet is one page wide
        assert ('<pageSetUpPr fitToPage="1"/>' in xml) == (name != "指标数据"), name
        if name != "指标数据":
            # fitted to 0 (as many as it takes), 2, or 1 page high (1, the default, is left unwritten)
            assert re.search(r'fitToHeight="[02]"', setup.group()) or "fitToHeight" not in setup.group(), name
        # page numbers per sheet: each starts at 1; never a count of the whole workbook's pages
        assert 'useFirstPageNumber="1"' in setup.group(), name
        footer = re.search(r"<oddFooter>(.*?)</oddFooter>", xml)
        assert footer and "&amp;P" in footer.group(1) and "&amp;N" not in footer.group(1), name
        assert re.search(r"<oddHeader>.*审核人：.*复核人：.*</oddHeader>", xml), name
        # a font size code is never run together with a text that starts with a digit (&10 + "7 …")
        head = re.search(r"<oddHeader>(.*?)</oddHeader>", xml).group(1) + footer.group(1)
        assert {int(n) for n in re.findall(r'&amp;"[^"]*"&amp;(\d+)', head)} == {10}, name
    report_xml = sheets[tabs[0]]
    header = re.search(r"<oddHeader>(.*?)</oddHeader>", report_xml).group(1)
    assert "审核人：张三" in header and "复核人：—" in header  # who reviewed it; no second reviewer yet
    assert 'fitToHeight="2"' in report_xml  # one report's three tables on at most two pages
    titles = re.findall(r'<definedName name="_xlnm.Print_Titles" localSheetId="(\d+)">([^<]+)<', wb)
    by_sheet = {names[int(i)]: ref for i, ref in titles}
    assert set(by_sheet) == {"汇总", "检查结果", *tabs, "指标数据", "数字明细", "审核记录"}
    assert by_sheet["汇总"].endswith("!$1:$3") and by_sheet["数字明细"].endswith("!$1:$1")


def test_a_file_named_like_a_formula_is_text_in_xlsx_and_csv(ws: Workspace, tmp_path: Path) -> None:
    _workspace(ws, tmp_path)
    xlsx, out = tmp_path / "out.xlsx", tmp_path / "out.csv"
    export.to_xlsx(ws, xlsx)
    export.to_csv(ws, out)
    wb = openpyxl.load_workbook(xlsx)
    cells = [c for s in wb.worksheets for row in s.iter_rows() for c in row if c.value is not None]
    named = [c for c in cells if "HYPERLINK" in str(c.value)]
    assert named, "the file name never reached the workbook: the test proves nothing"
    assert all(c.data_type == "s" and str(c.value) == HOSTILE for c in named)  # text, never a formula
    with zipfile.ZipFile(xlsx) as z:  # the workbook's own formulas (totals, 核对) never hold a name
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))
        assert "<f>" in xml and not re.search(r"<f>[^<]*HYPERLINK", xml)
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0])[:4] == ["报告", "发布机关", "年度", "类别"]  # Chinese by default
    mine = [r for r in rows if "HYPERLINK" in r["报告"]]
    assert mine and all(r["报告"] == "'" + HOSTILE for r in mine)
    assert {r["类别"] for r in rows} <= {"正文数字", "数值", "零", "空白", "不适用", "未读出"}
    assert {r["状态"] for r in rows} <= {"待核对", "已确认", "已更正", "已否定", "补录"}
    assert "pending" not in out.read_text(encoding="utf-8-sig")


def test_csv_codes_for_scripts(ws: Workspace, tmp_path: Path) -> None:
    _workspace(ws, tmp_path)
    out = tmp_path / "codes.csv"
    export.to_csv(ws, out, codes=True)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert list(rows[0]) == list(export.CSV_COLUMNS)
    assert {r["status"] for r in rows} <= {"pending", "confirmed", "corrected", "rejected", "added"}
    assert "zero" in {r["kind"] for r in rows}
