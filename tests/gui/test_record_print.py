"""The 核查单 as printed: the page count the command states is the page count of the PDF; every page
names its report and says 第 x / y 页 of that report's record; a cell the program could not read and the
reviewer typed in is 补录 (never 已更正 原unread); failing and accepted checks come first and the passing
ones are summarised; the signature lines are the last table's last row; the sha256 reads back intact."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from hecha_fixtures import require_cjk_font, write_office_reports

from core.export import record
from core.model import IndicatorValue
from core.store import Workspace

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "core" / "store"))
from store_helpers import extraction  # noqa: E402


def _workspace(tmp_path: Path) -> tuple[Path, list[int]]:
    paths = write_office_reports(tmp_path / "in", 3, seed=5)
    db = tmp_path / "w.sqlite"
    with Workspace.open(db, reviewer="张三") as ws:
        ids = ws.import_paths([str(p) for p in paths]).report_ids
        ex = extraction(issuer="丙区人民政府", year=2023)
        inds = dict(ex.indicators)
        inds["t3.carried_in.natural"] = IndicatorValue(
            id="t3.carried_in.natural", kind="unread", value=None, raw="1 2"
        )
        ids.append(ws.add_report(dataclasses.replace(ex, indicators=inds)))
        ws.set_indicator_value(ids[-1], "t3.carried_in.natural", Decimal(4))
        for rid in ids:
            failing = next((c for c in ws.checks(rid) if c.status == "fail"), None)
            if failing is not None:
                ws.accept_check(rid, failing.rule, failing.subject, "原报告如此")
            ws.set_report_status(rid, "done", override="正文数字另行核对")
    return db, ids


def test_record_pages_name_their_report_and_count_true(qapp: object, tmp_path: Path) -> None:
    require_cjk_font()
    db, ids = _workspace(tmp_path)
    out = tmp_path / "核查单.pdf"
    r = subprocess.run(
        [sys.executable, "-m", "gui.shell.app", "record", "--db", str(db), "--pdf", str(out)],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    stated = int(re.search(r"(\d+) 页", r.stdout).group(1))
    pdf = pdfium.PdfDocument(str(out))
    texts = [p.get_textpage().get_text_range() for p in pdf]
    assert stated == len(texts)
    with Workspace.open(db, readonly=True) as ws:
        names = [Path(ws.report(i).path).name for i in ids]
        shas = [ws.document(i).sha256 for i in ids]
    # each page: the report's name at its head, 第 x / y 页 of that report's record at its foot
    seen: dict[str, list[tuple[int, int]]] = {}
    for t in texts:
        head = t.splitlines()[0]
        assert head.startswith(record.TITLE)
        name = next(n for n in names if n in head)
        x, y = map(int, re.search(r"第 (\d+) / (\d+) 页", t).groups())
        seen.setdefault(name, []).append((x, y))
    assert list(seen) == names
    for pages in seen.values():
        y = pages[0][1]
        assert pages == [(k, y) for k in range(1, y + 1)]
    flat = re.sub(r"\s+", "", "".join(texts))
    assert all(sha in flat for sha in shas)  # no ligature in a hash: it copies out as it is
    assert "\ufb00" not in flat and "\ufb01" not in flat


def test_record_words_and_order(tmp_path: Path) -> None:
    db, ids = _workspace(tmp_path)
    with Workspace.open(db, readonly=True) as ws:
        recs = record.load(ws, ids)
    html = record.html(recs)
    typed = recs[-1]
    cell = record._cell(typed, "t3.carried_in.natural", {f.id: f for f in typed.figures})
    assert "补录" in cell and "原" not in cell and "unread" not in html and "原未读出" not in html
    for rec in recs:
        part = record._checks(rec)
        statuses = re.findall(r"<td>(未通过|已接受|无法核对|通过)</td>", part)
        assert "通过" not in statuses  # passing checks are summarised, not listed
        n_pass = sum(1 for k in rec.checks if k.status == "pass")
        if n_pass:
            assert f"以下检查全部通过（共 {n_pass} 项）" in part
        order = [0 if s == "未通过" else 1 if s == "已接受" else 2 for s in statuses]
        assert order == sorted(order)
    # the signature lines are the last row of the last table of each record
    for one in html.split(record.TITLE)[1:]:
        last = one.rsplit("<table", 1)[1]
        assert record.SIGNATURE in last and last.index(record.SIGNATURE) < last.index("</table>")
    # value cells are one line (the status word beside the value), so a table row cannot split
    assert not re.search(r'white-space:nowrap">[^<]*<br', html)


def test_record_read_in_batches_prints_what_one_document_printed(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Thousands of reports are read a batch at a time and each record laid out on its own; the paper
    is the same as when every record was one document: the same pages, the same text on each, the
    same 第 x / y 页."""
    from PySide6.QtGui import QPdfWriter

    from gui.signoff import record as gui_record

    require_cjk_font()
    db, ids = _workspace(tmp_path)

    def texts(path: Path) -> list[str]:
        pdf = pdfium.PdfDocument(str(path))
        try:
            return [p.get_textpage().get_text_range() for p in pdf]
        finally:
            pdf.close()

    with Workspace.open(db, readonly=True) as ws:
        recs = record.load(ws, ids)
        one = tmp_path / "one.pdf"  # every record in one document, as the record was printed before
        writer = QPdfWriter(str(one))
        writer.setPageLayout(gui_record._layout())
        writer.setResolution(300)
        pages = gui_record.Pages(writer)
        pages.add(gui_record.document(record.html(recs)), [r.name for r in recs])
        pages.end()
        del writer
        whole = texts(one)
        assert len(whole) > len(ids)  # some record runs over more than one page
        read: list[int] = []
        load = record.load
        monkeypatch.setattr(record, "load", lambda ws, batch: read.append(len(batch)) or load(ws, batch))
        for batch in (len(ids), 2):
            out = tmp_path / f"batch-{batch}.pdf"
            read.clear()
            n = gui_record.write_pdf(ws, ids, out, batch=batch)
            assert max(read) == batch and sum(read) == len(ids)  # never more than a batch held
            assert texts(out) == whole and n == len(whole)
