"""What an office files and sends out, read back as its reader would: the leader's 汇总 prints on one
A4 landscape page wide at ≥ 8 pt and its totals are live formulas that LibreOffice recomputes to the same
numbers; the 图表 sheet's charts point at the right ranges; 检查结果 lists every check and the report
sheets frame failing cells; the CSV adds up per indicator; every 问题清单 item is a stored check, cell or
review event; a list past the row limit continues on a numbered sheet."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import tomllib
import zipfile
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest

from core import export
from core.export import problems, sheet, summary
from core.store import Workspace

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = ROOT / "resources" / "samples"


@pytest.fixture
def office(ws: Workspace) -> Workspace:
    """The bundled sample reports imported and reviewed: a correction, an accepted check, one done."""
    result = ws.import_paths([str(SAMPLES)])
    assert len(result.report_ids) >= 5, result.errors
    for rid in result.report_ids:
        t = next((f for f in ws.figures(rid) if f.source == "text" and f.value is not None), None)
        if t is not None:
            ws.correct(t.id, t.value + 1)
    rid = next(r.id for r in ws.reports() if r.n_failed)
    k = next(c for c in ws.checks(rid) if c.status == "fail")
    ws.accept_check(rid, k.rule, k.subject, "原报告如此")
    return ws


def _soffice(tmp_path: Path, src: Path, to: str) -> Path:
    """``src`` converted by LibreOffice headless (skips when it or its spreadsheet part is absent)."""
    exe = shutil.which("soffice")
    if exe is None:
        pytest.skip("soffice (LibreOffice) is not installed")
    out = tmp_path / "lo"
    r = subprocess.run(
        [exe, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to", to,
         "--outdir", str(out), str(src)],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    got = out / f"{src.stem}.{to.split(':')[0]}"
    if not got.exists():
        pytest.skip(
            f"LibreOffice could not convert {src.name} (Calc not installed?): {r.stderr.strip()[:200]}"
        )
    return got


def _widths(path: Path, name: str) -> list[float]:
    """The widths of a sheet's columns, one per column (openpyxl folds runs of equal widths)."""
    wb = openpyxl.load_workbook(path)
    xml = zipfile.ZipFile(path).read(f"xl/worksheets/sheet{wb.sheetnames.index(name) + 1}.xml").decode()
    out: list[float] = []
    for a, b, w in re.findall(r'<col min="(\d+)" max="(\d+)" width="([\d.]+)"', xml):
        out += [float(w)] * (int(b) - int(a) + 1)
    return out


def _summary_rows(s: openpyxl.worksheet.worksheet.Worksheet) -> tuple[list[str], list[int], int]:
    heads = [c.value for c in s[3]]
    rows = [r for r in range(4, s.max_row + 1) if isinstance(s.cell(r, 1).value, int)]
    totals = next(r for r in range(4, s.max_row + 1) if s.cell(r, 1).value == "合计")
    return heads, rows, totals


def test_summary_is_the_leaders_page(office: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    export.to_xlsx(office, out)
    wb = openpyxl.load_workbook(out)
    s = wb["汇总"]
    heads, rows, totals = _summary_rows(s)
    assert len(rows) == len([r for r in office.reports()])
    for h in (
        "发布机关",
        "年度",
        "审核状态",
        "审核人",
        "复核人",
        "本年新收",
        "予以公开",
        "不予公开",
        "行政复议",
        "行政诉讼",
    ):
        assert h in heads
    assert 15 <= len(summary.COLUMNS) <= 20  # the indicators a leader reads, not 240
    # totals are live SUM formulas over the report rows
    for c in range(heads.index("规章现行有效") + 1, len(heads) + 1):
        f = s.cell(totals, c).value
        col = openpyxl.utils.get_column_letter(c)
        assert f == f"=SUM({col}{rows[0]}:{col}{rows[-1]})", (heads[c - 1], f)
    # one A4 landscape page wide; the scale that takes leaves the 10 pt text at ≥ 8 pt
    assert s.page_setup.orientation == "landscape" and s.page_setup.paperSize == 9
    assert s.sheet_properties.pageSetUpPr.fitToPage and s.page_setup.fitToWidth in (1, None)
    px = sum(w * 7 for w in _widths(out, "汇总")[: len(heads)])  # stored widths include the padding
    printable = (297 / 25.4 - s.page_margins.left - s.page_margins.right) * 96
    assert sheet.SIZE * min(1.0, printable / px) >= 8, (
        f"{px} px of columns print at {sheet.SIZE * printable / px:.1f} pt"
    )
    # the full indicator matrix stays as a data sheet, not squeezed
    m = wb["指标数据"]
    assert m.max_column > 200 and not m.sheet_properties.pageSetUpPr.fitToPage


def test_summary_compares_with_last_year(office: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    export.to_xlsx(office, out)
    s = openpyxl.load_workbook(out)["汇总"]
    heads, rows, _ = _summary_rows(s)
    year, new, last = heads.index("年度") + 1, heads.index("本年新收") + 1, heads.index("上年新收") + 1
    by = {(s.cell(r, 2).value, s.cell(r, year).value): r for r in rows}
    this, before = by[("示范市人民政府办公室", 2023)], by[("示范市人民政府办公室", 2022)]
    assert s.cell(this, last).value == s.cell(before, new).value is not None
    assert s.cell(this, last + 1).value.startswith("=IF(AND(ISNUMBER(")
    assert s.cell(before, last).value is None  # no 2021 report in the workspace


def test_summary_prints_on_one_page_and_its_formulas_recompute(office: Workspace, tmp_path: Path) -> None:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    out = tmp_path / "out.xlsx"
    export.to_xlsx(office, out)
    # recomputed by LibreOffice: the same totals as the values the export wrote
    again = openpyxl.load_workbook(_soffice(tmp_path, out, "xlsx"), data_only=True)["汇总"]
    mine = openpyxl.load_workbook(out)["汇总"]
    heads, rows, totals = _summary_rows(mine)
    first = heads.index("规章现行有效") + 1
    for c in range(first, len(heads) + 1):
        want = sum(v for r in rows for v in [mine.cell(r, c).value] if isinstance(v, int | float))
        if heads[c - 1] == "新收增减":
            continue  # its rows are formulas themselves
        assert again.cell(totals, c).value == want, heads[c - 1]
    # printed: the 汇总 is the first page; its text is ≥ 8 pt and nothing of it runs onto page 2
    pdf = pdfium.PdfDocument(_soffice(tmp_path, out, "pdf"))
    page = pdf[0]
    text = page.get_textpage()
    n = pdfium_c.FPDFText_CountChars(text)
    sizes = [
        pdfium_c.FPDFText_GetFontSize(text, i) for i in range(n) if not text.get_text_range(i, 1).isspace()
    ]
    body = text.get_text_range()
    assert "政府信息公开工作年度报告汇总" in body and "合计" in body
    assert min(sizes) >= 7.99, sorted(set(sizes))  # body, title, page header and footer alike
    assert (
        "汇总" in pdf[0].get_textpage().get_text_range() and "图表" in pdf[1].get_textpage().get_text_range()
    )
    blank = [k for k in range(len(pdf)) if not pdf[k].get_textpage().get_text_range().strip()]
    assert blank == []


def test_charts_reference_the_summary_and_their_tables(office: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    export.to_xlsx(office, out)
    with zipfile.ZipFile(out) as z:
        charts = sorted(n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
        xml = [z.read(n).decode() for n in charts]
    assert len(charts) == 3
    refs = [re.findall(r"<c:f>([^<]+)</c:f>", x) for x in xml]
    wb = openpyxl.load_workbook(out)
    g = wb["图表"]
    years = sorted({r.year for r in office.reports() if r.year})
    n = len(years)
    assert f"图表!$A$4:$A${3 + n}" in refs[0] and f"图表!$B$4:$B${3 + n}" in refs[0]
    assert f"图表!$C$4:$C${3 + n}" in refs[0]
    assert [g.cell(4 + k, 1).value for k in range(n)] == years
    assert g.cell(4, 2).value.startswith("=SUMIF(汇总!")
    assert "图表!$A$22:$A$27" in refs[1] and "图表!$B$22:$B$27" in refs[1]
    s = wb["汇总"]
    heads, _rows, totals = _summary_rows(s)
    col = openpyxl.utils.get_column_letter(heads.index("予以公开") + 1)
    assert g.cell(22, 1).value == "予以公开" and g.cell(22, 2).value == f"=汇总!${col}${totals}"
    assert any("图表!$B$40:$B$41" in r for r in refs[2])


def test_one_font_throughout(office: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    export.to_xlsx(office, out)
    with zipfile.ZipFile(out) as z:
        styles = z.read("xl/styles.xml").decode()
        charts = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/"))
        comments = "".join(z.read(n).decode() for n in z.namelist() if "comments" in n or n.endswith(".vml"))
    # (XlsxWriter lists a Tahoma font for its comment style whenever a sheet has comments; no cell uses it)
    assert set(re.findall(r'<name val="([^"]+)"', styles)) - {"Tahoma"} == {sheet.FONT}
    assert set(re.findall(r'typeface="([^"]+)"', charts)) == {sheet.FONT}
    assert comments and "Tahoma" not in comments and "Calibri" not in comments


def test_check_sheet_and_failing_cells(office: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    export.to_xlsx(office, out)
    wb = openpyxl.load_workbook(out)
    k = wb["检查结果"]
    rows = list(k.iter_rows(min_row=2, values_only=True))
    stored = [c for r in office.reports() for c in office.checks(r.id)]
    assert len(rows) == len(stored)
    heads = [c.value for c in k[1]]
    status = [r[heads.index("结果")] for r in rows]
    assert status[0] == "未通过" and "已接受" in status and "通过" in status  # failing first
    accepted = next(r for r in rows if r[heads.index("结果")] == "已接受")
    assert accepted[heads.index("接受理由")] == "原报告如此"
    assert all(r[heads.index("算式")] for r in rows)
    # a report with an open failing check: its cells framed, a comment naming the check, a ≠ formula
    failing = next(r for r in office.reports() if r.n_failed)
    ws = next(wb[n] for n in wb.sheetnames if n.split()[0] == str(failing.id))
    commented = [c for row in ws.iter_rows() for c in row if c.comment is not None]
    assert commented and all(c.comment.text.startswith("未通过：") for c in commented)
    assert all(c.border.left.color.rgb.endswith("C00000") for c in commented)
    formulas = [
        c
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("=IF(COUNT(")
    ]
    assert len(formulas) > 20 and all('"≠"' in c.value for c in formulas)
    # the colour key is on the report sheet itself
    assert "颜色说明" in {c.value for row in ws.iter_rows() for c in row}


def test_wrapped_labels_get_row_heights(office: Workspace, tmp_path: Path) -> None:
    """A label wider than its cell (or its merged cells) gets a row tall enough for its lines: the
    long （二）/（六） labels and table 二's headers no longer overprint their neighbours."""
    out = tmp_path / "out.xlsx"
    export.to_xlsx(office, out)
    wb = openpyxl.load_workbook(out)
    ws = wb[wb.sheetnames[4]]
    widths = _widths(out, ws.title)
    spans = {(m.min_row, m.min_col): m for m in ws.merged_cells.ranges}
    checked = []
    for row in ws.iter_rows(min_row=4):
        for c in row:
            if not isinstance(c.value, str) or not c.alignment.wrap_text:
                continue
            m = spans.get((c.row, c.column))
            if m is not None and m.max_row > m.min_row:
                continue  # spread over rows of its own
            cols = range(c.column, (m.max_col if m else c.column) + 1)
            width = sum(widths[k - 1] for k in cols) - 1
            if sheet.text_width(c.value) > width:
                h = ws.row_dimensions[c.row].height
                assert h is not None and h >= 2 * sheet.LINE, (c.value, h)  # two lines at least
                checked.append(c.value)
    assert any("部分公开" in v for v in checked) and len(checked) >= 3, checked


def test_formula_checks_recompute_in_libreoffice(office: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    export.to_xlsx(office, out)
    failing = next(r for r in office.reports() if r.n_failed)
    wb = openpyxl.load_workbook(_soffice(tmp_path, out, "xlsx"), data_only=True)
    ws = next(wb[n] for n in wb.sheetnames if n.split()[0] == str(failing.id))
    marks = [c.value for row in ws.iter_rows() for c in row if c.value == "≠"]
    open_failures = [
        k for k in office.checks(failing.id) if k.status == "fail" and k.rule.startswith(("t3.", "t4."))
    ]
    assert len(marks) >= len(open_failures) >= 1


def test_csv_adds_up_per_indicator(office: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    export.to_csv(office, out, codes=True)
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for r in rows:
        if r["indicator"] and r["value"] not in ("", "未读出", "/") and not r["value"].startswith("'"):
            sums[r["indicator"]] += Decimal(r["value"])
    want: dict[str, Decimal] = defaultdict(Decimal)
    for rep in office.reports():
        for ind, v in office.indicators(rep.id).items():
            if v.value is not None:
                want[ind] += v.value
        # narrative figures with an indicator count as figures of their own, not as table cells
        for f in office.figures(rep.id):
            linked = {v.figure_id for v in office.indicators(rep.id).values()}
            if f.indicator and f.id not in linked and f.value is not None and f.status != "rejected":
                want[f.indicator] += f.value
    assert sums == {k: v for k, v in want.items() if v or k in sums}
    # the report's status, 复核人 and its checks ride along on each row
    assert {r["report_status"] for r in rows} <= {
        "unreviewed",
        "in_review",
        "done",
        "approved",
        "returned",
        "in_question",
    }
    assert any(r["check_status"] == "fail" and r["checks"] for r in rows)
    assert any(r["check_status"] == "accepted" and "原报告如此" in r["checks"] for r in rows)


def test_problem_list_items_are_stored_checks_cells_or_events(office: Workspace, tmp_path: Path) -> None:
    items = problems.problems(office)
    assert items
    for p in items:
        kind, _, rest = p.source.partition(":")
        rid = p.report.id
        if kind == "check":
            rule, subject = rest.split(":", 1)
            k = next(c for c in office.checks(rid) if (c.rule, c.subject) == (rule, subject))
            assert k.status == "fail" and k.formula in p.detail
        elif kind == "indicator":
            assert office.indicators(rid)[rest].kind in ("unread", "empty")
        else:
            e = next(e for e in office.events(rid) if e.id == int(rest))
            assert e.action in problems.CORRECTIONS and not e.undone and e.new in p.detail
        assert p.place
    kinds = {p.kind for p in items}
    assert {problems.FAILED, problems.CORRECTED} <= kinds
    events = [e for r in office.reports() for e in office.events(r.id) if e.action == "correct"]
    assert len([p for p in items if p.kind == problems.CORRECTED]) == len(events)


def test_problem_letters_and_sheet(office: Workspace, tmp_path: Path) -> None:
    files = problems.to_docx(office, tmp_path / "letters", office="示范市政务公开办")
    items = problems.problems(office)
    issuers = problems.by_issuer(items)
    assert len(files) == len(issuers)
    for f in files:
        d = docx.Document(str(f))
        text = "\n".join(p.text for p in d.paragraphs)
        assert (
            problems.TITLE in text
            and "示范市政务公开办" in text
            and re.search(r"\d{4}年\d{1,2}月\d{1,2}日", text)
        )
        issuer = f.stem.removeprefix("问题清单-")
        assert f"{issuer}：" in text
        table = d.tables[0]
        assert [c.text for c in table.rows[0].cells] == ["序号", "报告", "类别", "位置", "问题", "说明"]
        assert len(table.rows) - 1 == len(issuers[issuer])
        assert [r.cells[5].text for r in table.rows[1:]] == [p.detail for p in issuers[issuer]]
    out = tmp_path / "问题清单.xlsx"
    assert problems.to_xlsx(office, out) == len(items)
    s = openpyxl.load_workbook(out)["问题清单"]
    assert s.max_row == 1 + len(items)
    assert [c.value for c in s[1]] == list(problems.HEADS)


def test_problems_command(office: Workspace, tmp_path: Path) -> None:
    import sys

    office.close()
    run = subprocess.run(
        [sys.executable, "-m", "gui.shell.app", "problems", "--db", str(office.path), "--docx", str(tmp_path / "d"),
         "--xlsx", str(tmp_path / "p.xlsx")],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "已写出问题清单" in run.stdout and list((tmp_path / "d").glob("问题清单-*.docx"))
    none = subprocess.run([sys.executable, "-m", "gui.shell.app", "problems", "--db", str(office.path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert none.returncode == 2 and "--docx" in none.stderr


def test_a_list_past_the_row_limit_continues_on_a_numbered_sheet(
    office: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sheet, "MAX_ROWS", 4)  # three rows under the header row
    out = tmp_path / "out.xlsx"
    export.to_xlsx(office, out)
    wb = openpyxl.load_workbook(out)
    figures = [n for n in wb.sheetnames if n.startswith("数字明细")]
    assert figures[:2] == ["数字明细", "数字明细 (2)"]
    rows = sum(wb[n].max_row - 1 for n in figures)
    monkeypatch.undo()
    export.to_xlsx(office, tmp_path / "one.xlsx")
    assert rows == openpyxl.load_workbook(tmp_path / "one.xlsx")["数字明细"].max_row - 1  # none lost
    assert wb.sheetnames.index("数字明细 (2)") == wb.sheetnames.index("数字明细") + 1


def test_xlsxwriter_public_api_and_a_tested_upper_bound() -> None:
    import xlsxwriter
    from packaging.requirements import Requirement

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    req = Requirement(next(d for d in deps if d.lower().startswith("xlsxwriter")))
    assert any(s.operator in ("<", "<=") for s in req.specifier), "XlsxWriter needs an upper bound"
    assert req.specifier.contains(xlsxwriter.__version__)
    # the reaches past the public API are in core/export/stream.py alone, each named in its doc (the row
    # file, the used range, the merged ranges, a column's format, a format's index): constant-memory
    # mode has no public way to merge over several rows, and XlsxWriter's cell calls made the workbook
    # 7× slower than the CSV; tests/core/store/test_export_stream.py compares the rows with XlsxWriter's
    private = re.compile(
        r"\b(?:ws|f|info\.column_format|self\.ws)\.(_[a-z]\w*|row_data_fh|dim_\w+|col_info|merge)\b"
    )
    reached: dict[str, set[str]] = {}
    for f in (ROOT / "core" / "export").glob("*.py"):
        for m in private.finditer(f.read_text(encoding="utf-8")):
            reached.setdefault(f.name, set()).add(
                m.group(1).rstrip("0123456789").removesuffix("min").removesuffix("max")
            )
    assert set(reached) == {"stream.py"}, reached
    assert reached["stream.py"] == {"_get_xf_index", "row_data_fh", "dim_row", "dim_col", "col_info", "merge"}
    doc = (ROOT / "core" / "export" / "stream.py").read_text(encoding="utf-8").split('"""')[1]
    assert all(name in doc for name in ("row_data_fh", "dim_*", "merge", "col_info", "_get_xf_index"))
