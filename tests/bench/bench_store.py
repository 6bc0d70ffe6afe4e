"""Benchmark: import 1,000 generated text reports into a workspace, then export them to xlsx (and,
side by side, the same cells written with openpyxl) and to CSV.

Run on demand: ``uv run python tests/bench/bench_store.py [N]``. Prints reports/second for the import
(process pool and single process), seconds for each export. Goals: import ≥ 100 reports/s, xlsx ≤ 3 s.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from core import export, export_layout  # noqa: E402
from core.store import Workspace  # noqa: E402

T3_ROWS = [label for _, _, label in export_layout.T3_ROWS if not label.startswith("（六）其他处理")]


def report_text(k: int, rng: random.Random) -> str:
    year = 2019 + k % 6
    new = [rng.randint(0, 60) for _ in range(6)]
    lines = [
        f"第{k}号区人民政府{year}年政府信息公开工作年度报告",
        "",
        f"{year}年，本机关主动公开政府信息{rng.randint(100, 9999)}条，其中主动公开规章{rng.randint(0, 20)}件、"
        f"行政规范性文件{rng.randint(1, 99)}件，发布政策解读{rng.randint(10, 900)}条。",
        f"全年共收到政府信息公开申请{sum(new)}件，办理行政复议{rng.randint(0, 9)}宗，行政诉讼{rng.randint(0, 9)}件。",
        f"开展政务公开培训{rng.randint(1, 30)}次、培训{rng.randint(50, 900)}余人次，网站访问量{rng.randint(1, 99)}万人次。",
        "",
        "三、收到和处理政府信息公开申请情况",
        "| 本列数据的勾稽关系 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
    ]
    for label in T3_ROWS:
        vals = new if label.startswith("一、") else [rng.randint(0, 9) for _ in range(6)]
        lines.append(f"| {label} | " + " | ".join(map(str, vals)) + f" | {sum(vals)} |")
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, n: int) -> None:
    rng = random.Random(7)
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(n):
        (folder / f"r{k:05d}.txt").write_text(report_text(k, rng), encoding="utf-8")


def bench_import(tmp: Path, corpus: Path, n: int, workers: int) -> Path:
    db = tmp / f"w{workers}.sqlite"
    t = time.perf_counter()
    with Workspace.open(db) as ws:
        r = ws.import_paths([corpus], workers=workers)
    secs = time.perf_counter() - t
    print(f"import  workers={workers}: {r.added} reports in {secs:.2f} s = {r.added / secs:.0f} reports/s "
          f"({len(r.errors)} errors)")  # fmt: skip
    return db


def openpyxl_same_cells(ws: Workspace, out: Path) -> None:
    """The same content as to_xlsx (values only, no merges or formats) written with openpyxl."""
    import openpyxl

    wb = openpyxl.Workbook()
    summary = wb.active
    summary.title = "汇总"
    data = list(export.load(ws))
    ids = [i for i in export_layout.ORDER if any(i in d.indicators for d in data)]
    summary.append(
        ["编号", "文件", "标题", "发布机关", "年度", "审核状态", "数字", "待核对", "未通过检查", *ids]
    )
    for d in data:
        r = d.row
        summary.append([r.id, d.name, r.title, r.issuer, r.year, r.status, r.n_figures, r.n_pending, r.n_failed,
                        *[d.indicators[i].value if i in d.indicators else None for i in ids]])  # fmt: skip
    for d in data:
        sheet = wb.create_sheet(f"{d.row.id}")
        for key, _, label in export_layout.t3_rows(set(d.indicators)):
            row = [label]
            for col, _ in export_layout.T3_COLS:
                v = d.indicators.get(f"t3.{key}.{col}")
                row.append(v.value if v is not None else None)
            sheet.append(row)
    figs = wb.create_sheet("数字明细")
    for d in data:
        for f in d.figures:
            figs.append([d.row.id, d.name, f.start, f.text, f.value, f.unit, f.label, f.status,
                         d.context(f.start, f.end)])  # fmt: skip
    wb.save(out)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        corpus = tmp / "corpus"
        write_corpus(corpus, n)
        print(f"corpus: {n} text reports, {sum(p.stat().st_size for p in corpus.iterdir()) / 1e6:.1f} MB")
        db = bench_import(tmp, corpus, n, workers=2)
        bench_import(tmp, corpus, n, workers=1)
        with Workspace.open(db) as ws:
            t0 = time.perf_counter()
            r = ws.import_paths([corpus])
            print(f"re-import (all skipped): {r.skipped} in {time.perf_counter() - t0:.2f} s")
            n_fig = sum(x.n_figures for x in ws.reports())
            n_ind = ws._conn.execute("SELECT count(*) FROM indicator_values").fetchone()[0]
            print(f"workspace: {n_fig} figures, {n_ind} indicator values, {db.stat().st_size / 1e6:.1f} MB")
            for name, fn in (
                ("xlsx (XlsxWriter, core.export.to_xlsx)", lambda: export.to_xlsx(ws, tmp / "out.xlsx")),
                (
                    "xlsx (openpyxl, same cells, no formats)",
                    lambda: openpyxl_same_cells(ws, tmp / "opx.xlsx"),
                ),
                ("csv  (core.export.to_csv)", lambda: export.to_csv(ws, tmp / "out.csv")),
            ):
                t0 = time.perf_counter()
                fn()
                print(f"export {name}: {time.perf_counter() - t0:.2f} s")


if __name__ == "__main__":
    main()
