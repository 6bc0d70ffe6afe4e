"""The review record (核查单): a PDF of A4 landscape pages holding every value of the report's
tables with its status, every check with its formula, the file's sha256 and signature lines."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from hecha_fixtures import require_cjk_font, write_office_reports
from tablecheck_fixtures import DOCX, win  # noqa: F401

from core.export import record
from core.store import Workspace
from gui.signoff import record as gui_record

ROOT = Path(__file__).resolve().parents[2]


def _pdf_pages(path: Path) -> list[tuple[float, float, str]]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        out = []
        for page in pdf:
            w, h = page.get_size()
            out.append((w, h, page.get_textpage().get_text_range()))
        return out
    finally:
        pdf.close()


def _reviewed(tmp_path: Path) -> tuple[Workspace, int]:
    [path] = write_office_reports(tmp_path / "in", 1, seed=11)
    ws = Workspace.open(tmp_path / "w.sqlite", reviewer="张三")
    result = ws.import_paths([str(path)])
    rid = result.report_ids[0]
    inds = ws.indicators(rid)
    changed = next(i for i, v in inds.items() if v.value is not None and i.startswith("t3."))
    ws.set_indicator_value(rid, changed, Decimal(987654))
    ws.confirm_indicators(
        rid, [i for i, v in inds.items() if i.startswith("t3.carried_in.") and v.value is not None]
    )
    failing = next((c for c in ws.checks(rid) if c.status == "fail"), None)
    if failing is not None:
        ws.accept_check(rid, failing.rule, failing.subject, "原报告如此，已电话核实")
    ws.set_report_status(rid, "done", override="核查单版式试印")
    return ws, rid


def test_record_pdf_holds_every_value_and_every_check(qapp: object, tmp_path: Path) -> None:
    require_cjk_font()
    ws, rid = _reviewed(tmp_path)
    try:
        ids = record.select(ws, None)  # every 已完成 report
        assert ids == [rid]
        out = tmp_path / "核查单.pdf"
        pages = gui_record.write_pdf(ws, ids, out)
        inds, checks, sha = ws.indicators(rid), ws.checks(rid), ws.document(rid).sha256
    finally:
        ws.close()
    got = _pdf_pages(out)
    assert len(got) >= pages >= 1
    assert all(w > h and abs(w - 842) < 2 and abs(h - 595) < 2 for w, h, _ in got)  # A4 landscape
    text = "\n".join(t for _, _, t in got)
    flat = re.sub(r"\s+", "", text)
    assert "核查单" in text and sha in flat and "复核人（签字）" in flat and "张三" in text
    # every value of the tables, as many times as the report has it (numbers also appear in formulas)
    want = Counter(record.value_text(v) for v in inds.values() if record.value_text(v))
    have = Counter(re.findall(r"[^\s]+", text))
    missing = {v: n for v, n in want.items() if have[v] < n}
    assert not missing, missing
    assert "987654" in text and "已更正" in text and "已确认" in text
    # every check that did not pass with its formula; the passing ones summarised by rule
    assert checks
    for c in checks:
        if c.status != "pass":
            assert re.sub(r"\s+", "", c.formula) in flat, c.formula
    passed = sum(1 for c in checks if c.status == "pass")
    assert not passed or f"以下检查全部通过（共{passed}项）" in flat
    if any(c.accepted for c in checks):
        assert "原报告如此，已电话核实" in flat
    # table headers repeat: table 三 runs over two pages, and each of them has its column heads
    t3_pages = [t for _, _, t in got if any(re.fullmatch(r"\d\.\S+( \d+){7}", ln) for ln in t.splitlines())]
    assert len(t3_pages) >= 2
    assert all("申请人情况" in t and "法律服务机构" in t for t in t3_pages)


def test_hecha_record_cli_writes_the_pdf(qapp: object, tmp_path: Path) -> None:
    require_cjk_font()
    ws, rid = _reviewed(tmp_path)
    ws.close()
    out = tmp_path / "out.pdf"
    r = subprocess.run(
        [sys.executable, "-m", "gui.shell.app", "record", "--db", str(tmp_path / "w.sqlite"), "--pdf", str(out),
         "--report", str(rid)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "已写出核查单" in r.stdout and out.stat().st_size > 1000
    bad = subprocess.run(
        [sys.executable, "-m", "gui.shell.app", "record", "--db", str(tmp_path / "w.sqlite"), "--pdf", str(out),
         "--report", "999"],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert bad.returncode == 1 and "没有编号为 999" in bad.stderr


def test_ctrl_p_previews_the_record_of_the_report_in_view(
    win: Any,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtGui import QKeySequence
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    require_cjk_font()
    w, ids = win
    out = tmp_path / "preview.pdf"
    shown: list[str] = []

    def preview(self: QPrintPreviewDialog) -> int:  # what the preview paints, printed to a file
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setPageLayout(self.printer().pageLayout())
        self.paintRequested.emit(printer)
        shown.append(self.windowTitle())
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", preview)
    action = w.actions_by_id["print_record"]
    assert QKeySequence("Ctrl+P") in action.shortcuts()
    action.trigger()
    assert shown == [record.TITLE]
    got = _pdf_pages(out)
    assert got and all(pw > ph for pw, ph, _ in got)  # landscape
    text = re.sub(r"\s+", "", "".join(t for _, _, t in got))
    assert DOCX in text and "审核人（签字）" in text
    rid = ids[DOCX]
    assert all(re.sub(r"\s+", "", c.formula) in text for c in w.ws.checks(rid) if c.status != "pass")
    assert "以下检查全部通过" in text or all(c.status != "pass" for c in w.ws.checks(rid))
