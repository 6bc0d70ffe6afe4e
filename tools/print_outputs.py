"""Print what an office sends out, the way it would be printed, and count the pages.

    uv run python tools/print_outputs.py OUT [REPORT ...]

Imports the reports (default: the annual reports of resources/samples) into a new workspace in OUT,
reviews them as an office would (张伟 confirms values, corrects one figure per report, accepts a failing
check, marks reports done; 李娜 approves the first ones), then writes the workbook, the CSV, the 问题清单
(a DOCX per issuer and one xlsx) and the 核查单, prints each through LibreOffice headless to PDF, renders
every page to PNG with pdftoppm, and prints the pages of each output (per sheet for the workbook) and
the blank pages. Needs soffice (with Calc and Writer) and pdftoppm.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core import export  # noqa: E402
from core.export import problems  # noqa: E402
from core.store import Workspace  # noqa: E402


def review(db: Path, files: list[Path]) -> list[int]:
    with Workspace.open(db, reviewer="张伟") as ws:
        ws.set_reviewers("张伟", "李娜")
        ids = ws.import_paths([str(f) for f in files]).report_ids
        for k, rid in enumerate(ids):
            inds = ws.indicators(rid)
            ws.confirm_indicators(rid, [i for i, v in inds.items() if v.kind != "unread"][: 40 + 10 * k])
            figs = [f for f in ws.figures(rid) if f.source == "text" and f.status == "pending"]
            for f in figs[:3]:
                ws.confirm(f.id)
            if figs[3:] and figs[3].value is not None:
                ws.correct(figs[3].id, figs[3].value + 1)
            failing = next((c for c in ws.checks(rid) if c.status == "fail"), None)
            if failing is not None and k % 2 == 0:
                ws.accept_check(rid, failing.rule, failing.subject, "原报告如此，已电话核实")
            unread = [i for i, v in inds.items() if v.kind == "unread"]
            if unread:
                ws.set_indicator_value(rid, unread[0], Decimal(0), "zero")
            if k < len(ids) - 2:
                ws.set_report_status(rid, "done")
    with Workspace.open(db, reviewer="李娜") as ws:
        for rid in ids[: max(1, len(ids) // 2)]:
            ws.approve(rid)
    return ids


def soffice(src: Path, out: Path, profile: Path) -> Path:
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), str(src)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    return out / f"{src.stem}.pdf"


def pages(pdf: Path) -> list[str]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [p.get_textpage().get_text_range() for p in doc]
    finally:
        doc.close()


def main() -> None:
    out = Path(sys.argv[1]).resolve()
    files = [Path(p) for p in sys.argv[2:]] or sorted(
        p for p in (ROOT / "resources" / "samples").iterdir() if "年度" in p.name or "年度報告" in p.name
    )
    if shutil.which("soffice") is None or shutil.which("pdftoppm") is None:
        sys.exit("需要 soffice（LibreOffice，含 Calc 和 Writer）和 pdftoppm（poppler-utils）")
    out.mkdir(parents=True, exist_ok=True)
    db = out / "workspace.sqlite"
    db.unlink(missing_ok=True)
    ids = review(db, files)
    with Workspace.open(db, readonly=True) as ws:
        export.to_xlsx(ws, out / "核查结果.xlsx")
        export.to_csv(ws, out / "核查结果.csv")
        letters = problems.to_docx(ws, out / "问题清单", office="示范市人民政府办公室政务公开科")
        problems.to_xlsx(ws, out / "问题清单.xlsx")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    record = subprocess.run(
        [sys.executable, "-m", "gui.shell.app", "record", "--db", str(db), "--pdf", str(out / "核查单.pdf"),
         *[a for rid in ids for a in ("--report", str(rid))]],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    print(record.stdout.strip())
    profile = out / "lo-profile"
    pdfs = [soffice(out / "核查结果.xlsx", out, profile), soffice(out / "问题清单.xlsx", out, profile)]
    pdfs += [soffice(f, out / "问题清单", profile) for f in letters]
    pdfs.append(out / "核查单.pdf")
    for pdf in pdfs:
        texts = pages(pdf)
        blank = [k + 1 for k, t in enumerate(texts) if not t.strip()]
        print(
            f"{pdf.relative_to(out)}: {len(texts)} 页，空白页 {len(blank)}{' ' + str(blank) if blank else ''}"
        )
        if pdf.stem == "核查结果":  # pages per sheet: each page's footer names its sheet
            counts: dict[str, int] = {}
            for t in texts:
                foot = next(
                    (
                        m.group(1).strip()
                        for line in t.splitlines()
                        if (m := re.fullmatch(r"(.+?) 第 \d+ 页", line.strip()))
                    ),
                    "?",
                )
                counts[foot] = counts.get(foot, 0) + 1
            print("  " + "，".join(f"{k} {v}" for k, v in counts.items()))
        png = out / "png" / pdf.stem
        png.parent.mkdir(exist_ok=True)
        subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(png)], check=True)


if __name__ == "__main__":
    main()
