"""Benchmark: import 1,000 generated text reports into a workspace, then export them to xlsx (and,
side by side, the same cells written with openpyxl) and to CSV.

Run on demand: ``uv run python tests/bench/bench_store.py [N] [--import-only]`` (``--export DB``: the
export part alone on a stored workspace). Prints reports/second for the import
(process pool and single process), seconds for each export. Goals: import ≥ 100 reports/s, xlsx ≤ 3 s.
For the xlsx it also prints where the time goes (reading the workspace vs writing the workbook), the
cells and merges in the file, and the floor: XlsxWriter alone writing as many plain number cells in as
many sheets in a trivial loop.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from core import export  # noqa: E402
from core.store import Workspace  # noqa: E402
from core.tables import layout as export_layout  # noqa: E402

sys.path.insert(0, str(ROOT / "tests" / "gui"))
from hecha_fixtures import write_office_reports  # noqa: E402


def write_corpus(folder: Path, n: int) -> None:
    """``n`` generated annual reports with 表三 (the same generator as the GUI tests use)."""
    write_office_reports(folder, n, seed=7)


def bench_import(tmp: Path, corpus: Path, n: int, workers: int) -> Path:
    db = tmp / f"w{workers}.sqlite"
    t = time.perf_counter()
    with Workspace.open(db) as ws:
        r = ws.import_paths([corpus], workers=workers)
    secs = time.perf_counter() - t
    print(f"import  workers={workers}: {r.added} reports in {secs:.2f} s = {r.added / secs:.0f} reports/s "
          f"({len(r.errors)} errors)")  # fmt: skip
    return db


def bench_storing(tmp: Path, corpus: Path, k: int) -> None:
    """Where the import's time goes, on ``k`` reports in this process: the floor of load + analyse alone
    (no storing), turning the analyses into rows, and storing those rows alone the import's way (a
    transaction per batch of ``importer.BATCH_REPORTS``) and one report per transaction (CPU time, best
    of 3 fresh workspaces)."""
    from core import pipeline
    from core.store import importer, storing

    files = sorted(corpus.iterdir())[:k]
    c = time.process_time()
    exs = [(pipeline.analyse(str(f)), f.read_bytes()) for f in files]
    parse = time.process_time() - c
    c = time.process_time()
    rows = [storing.rows_of(ex, data) for ex, data in exs]
    to_rows = time.process_time() - c
    got = {}
    for size in (importer.BATCH_REPORTS, 1):
        wall = cpu = float("inf")
        for run in range(3):
            with Workspace.open(tmp / f"store{size}-{run}.sqlite") as ws:
                t, c = time.perf_counter(), time.process_time()
                for i in range(0, len(rows), size):
                    ws.store_batch(rows[i : i + size])
                wall, cpu = min(wall, time.perf_counter() - t), min(cpu, time.process_time() - c)
        got[size] = (k / wall, k / cpu)
    (bw, bc), (ow, oc) = got[importer.BATCH_REPORTS], got[1]
    print(f"  floor, load + analyse alone: {k / parse:.0f} reports/s of CPU; rows of the analyses: "
          f"{k / to_rows:.0f} reports/s")  # fmt: skip
    print(f"  store alone: {bw:.0f} reports/s ({bc:.0f} of CPU) in batches of {importer.BATCH_REPORTS}; "
          f"{ow:.0f} reports/s ({oc:.0f} of CPU) one transaction each")  # fmt: skip


def openpyxl_same_cells(ws: Workspace, out: Path) -> None:
    """The values of to_xlsx (summary, tables 二 三 四 with their row labels, narrative figures, audit;
    no headers, merges or formats) written with openpyxl."""
    import openpyxl

    wb = openpyxl.Workbook()
    summary = wb.active
    summary.title = "汇总"
    data = export.load(ws, table_figures=False)
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
        sheet.append([d.row.title])
        here = set(d.indicators)
        rows = [r for s in (export_layout.T2_2019 if export_layout.uses_2019_table2(here) else export_layout.T2_2021)
                for r in s.rows]  # fmt: skip
        rows += [(label, tuple(f"t3.{key}.{c}" for c, _ in export_layout.T3_COLS))
                 for key, _, label in export_layout.t3_rows(here)]  # fmt: skip
        rows += [(label + sub, tuple(f"t4.{key}.{c}" for c, _ in export_layout.T4_COLS))
                 for key, label, sub in export_layout.T4_GROUPS]  # fmt: skip
        for label, cells in rows:
            sheet.append([label, *[d.indicators[i].value if i in d.indicators else None for i in cells]])
    figs = wb.create_sheet("数字明细")
    for d in data:
        for f in d.figures:
            figs.append([d.row.id, d.name, d.row.issuer, d.row.year, f.start, f.text, f.value, f.original_value,
                         f.unit, f.qualifier, f.label, f.indicator, export_layout.label(f.indicator or ""),
                         f.source, f.confidence, f.status, d.reviewers.get(f"figure:{f.id}", ""),
                         d.context(f.start, f.end)])  # fmt: skip
    audit = wb.create_sheet("审核记录")
    for e in ws.events():
        audit.append([e.id, e.at, e.reviewer, e.report_id, e.target, e.action, e.old, e.new, e.reason])
    wb.save(out)


def _cells(path: Path) -> tuple[int, int, int]:
    """Sheets, cells and merged ranges in an xlsx file."""
    with zipfile.ZipFile(path) as z:
        xml = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    return len(xml), sum(len(re.findall(r"<c ", x)) for x in xml), sum(x.count("<mergeCell ") for x in xml)


def xlsx_breakdown(ws: Workspace, out: Path, total: float) -> None:
    """Reading vs writing, the cells in the file, and XlsxWriter's own speed on a trivial loop."""
    import xlsxwriter

    t0 = time.perf_counter()
    data = export.load(ws, table_figures=False)
    ws.events()
    load = time.perf_counter() - t0
    sheets, cells, merges = _cells(out)
    print(f"  read workspace {load:.2f} s, write workbook {total - load:.2f} s; {len(data)} reports, "
          f"{sheets} sheets, {cells} cells ({merges} merges) = {cells / total / 1e3:.0f}k cells/s")  # fmt: skip
    per = -(-cells // sheets)
    t0 = time.perf_counter()
    wb = xlsxwriter.Workbook(str(out.with_name("floor.xlsx")), {"in_memory": True})
    fmt = wb.add_format({"border": 1})
    for _ in range(sheets):
        sheet = wb.add_worksheet()
        for k in range(per):
            sheet.write_number(k // 16, k % 16, k, fmt)
    wb.close()
    floor = time.perf_counter() - t0
    print(f"  floor: XlsxWriter alone, {per * sheets} number cells in {sheets} sheets: {floor:.2f} s "
          f"= {per * sheets / floor / 1e3:.0f}k cells/s")  # fmt: skip


def workbook_cells(ws: Workspace, out: Path) -> list[list[tuple[int, int, object]]]:
    """Every cell with a value that ``to_xlsx`` writes — summary, legend, report sheets, figures,
    audit — per sheet in row order: what the bare XlsxWriter floor writes again, without formats,
    merges, column widths or page setup. Recorded from XlsxWriter's cell writers during one export."""
    from xlsxwriter.worksheet import Worksheet

    sheets: dict[int, dict[tuple[int, int], object]] = {}

    def record(sheet: Worksheet, r: int, c: int, v: object, *_: object) -> int:
        sheets.setdefault(sheet.index, {})[(r, c)] = v
        return 0

    # the export calls XlsxWriter's public writers, which end in these two (the bench may look inside)
    saved = (Worksheet._write_number, Worksheet._write_string)
    Worksheet._write_number = Worksheet._write_string = record  # type: ignore[method-assign,assignment]
    try:
        export.to_xlsx(ws, out)
    finally:
        Worksheet._write_number, Worksheet._write_string = saved  # type: ignore[method-assign]
    return [sorted((r, c, v) for (r, c), v in sheets[k].items()) for k in sorted(sheets)]


def _export_step(step: str, db: Path, out: Path) -> None:
    """One side of the export comparison, alone in this process: prints CPU seconds and peak RSS.
    The floors get their rows read beforehand (not timed): they measure the writer alone."""
    import csv
    import pickle

    import xlsxwriter

    with Workspace.open(db, readonly=True) as ws:
        rows: list[tuple[object, ...]] = []
        cells: list[list[tuple[int, int, object]]] = []
        if step == "csv-floor":  # the rows to_csv writes (Chinese wording), whole, in a list
            for batch in export.csv_rows(ws):
                rows += batch
        elif step == "xlsx-cells":  # a step of its own, so that a floor's peak memory is its own
            with open(out, "wb") as f:
                pickle.dump(workbook_cells(ws, out.with_suffix(".xlsx")), f)
            return
        elif step.startswith("xlsx-floor"):
            with open(out.with_name("cells.pickle"), "rb") as f:
                cells = pickle.load(f)
        t0 = time.process_time()
        if step == "csv":
            export.to_csv(ws, out)
        elif step == "csv-floor":
            with open(out, "w", encoding="utf-8-sig", newline="") as f:
                csv.writer(f).writerows(rows)
        elif step == "xlsx":
            export.to_xlsx(ws, out)
        else:  # the same values, plain cells, no formats or merges; shared strings unless constant_memory
            opts = {"constant_memory": True} if step == "xlsx-floor-cm" else {"in_memory": True}
            wb = xlsxwriter.Workbook(str(out), opts)
            for sheet_cells in cells:
                sheet = wb.add_worksheet()
                for r, c, v in sheet_cells:
                    if v.__class__ is str:
                        sheet.write_string(r, c, v)
                    else:
                        sheet.write_number(r, c, v)
            wb.close()
        cpu = time.process_time() - t0
    print(f"{cpu:.3f} {peak_rss_mb():.0f}")


def peak_rss_mb() -> float:
    """This process's own peak resident memory (VmHWM of its address space). Not ``ru_maxrss``: Linux
    carries that over from the parent across fork and exec, so every step spawned by a bench that has
    just imported a workspace reported the parent's peak."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


STEPS = ("csv", "csv-floor", "xlsx", "xlsx-floor", "xlsx-floor-cm")


def bench_export(db: Path, tmp: Path, runs: int = 3, steps: tuple[str, ...] = STEPS) -> None:
    """CSV and xlsx export beside their floors (a bare csv.writer of the same rows; bare XlsxWriter of
    the same values in the same sheets, ``workbook_cells``), CPU seconds (median of ``runs``) and peak
    RSS, each in a fresh process."""
    import statistics
    import subprocess

    got: dict[str, tuple[float, float]] = {}
    if any(s.startswith("xlsx-floor") for s in steps):  # the cells the floors write, recorded once
        subprocess.run([sys.executable, __file__, "--export-step", "xlsx-cells", str(db), str(tmp / "cells.pickle")],
                       check=True)  # fmt: skip
    res: dict[str, list[tuple[float, float]]] = {step: [] for step in steps}
    for _ in range(runs):  # the steps in turn, so that the machine's load drifts over all alike
        for step in steps:
            out = tmp / f"{step}.{'csv' if step.startswith('csv') else 'xlsx'}"
            line = subprocess.run(
                [sys.executable, __file__, "--export-step", step, str(db), str(out)],
                capture_output=True, text=True, check=True,
            ).stdout.split()  # fmt: skip
            res[step].append((float(line[0]), float(line[1])))
    for step, rs in res.items():
        got[step] = (statistics.median(c for c, _ in rs), max(m for _, m in rs))
    (c, cm), (cf, cfm) = got["csv"], got["csv-floor"]
    print(f"export csv:  {c:.2f} s CPU, peak {cm:.0f} MB | bare csv.writer of the same rows {cf:.2f} s, "
          f"peak {cfm:.0f} MB (rows held in memory) → {c / cf:.2f}× (goal ≤ 2×)")  # fmt: skip
    (x, xm), (xf, xfm), (xc, xcm) = got["xlsx"], got["xlsx-floor"], got["xlsx-floor-cm"]
    print(f"export xlsx: {x:.2f} s CPU, peak {xm:.0f} MB | bare XlsxWriter of the same cells (in_memory, "
          f"shared strings) {xf:.2f} s, peak {xfm:.0f} MB (cells held in memory) → {x / xf:.2f}× (goal ≤ 1.5×)")  # fmt: skip
    print(f"  bare XlsxWriter constant_memory (inline strings, not WPS-safe): {xc:.2f} s, peak {xcm:.0f} MB "
          f"— shared strings cost {xf - xc:+.2f} s and {xfm - xcm:+.0f} MB")  # fmt: skip


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--export-step":
        _export_step(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--export":  # the export part alone, on a stored workspace
        with tempfile.TemporaryDirectory() as t:
            bench_export(Path(sys.argv[2]), Path(t))
        return
    import_only = "--import-only" in sys.argv  # the import part alone
    args = [a for a in sys.argv[1:] if a != "--import-only"]
    n = int(args[0]) if args else 1000
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        corpus = tmp / "corpus"
        write_corpus(corpus, n)
        print(f"corpus: {n} text reports, {sum(p.stat().st_size for p in corpus.iterdir()) / 1e6:.1f} MB")
        db = bench_import(tmp, corpus, n, workers=2)
        bench_import(tmp, corpus, n, workers=1)
        bench_storing(tmp, corpus, min(n, 200))
        if import_only:
            return
        with Workspace.open(db) as ws:
            t0 = time.perf_counter()
            r = ws.import_paths([corpus])
            print(f"re-import (all skipped): {r.skipped} in {time.perf_counter() - t0:.2f} s")
            n_fig = sum(x.n_figures for x in ws.reports())
            n_ind = ws._conn.execute("SELECT count(*) FROM indicator_values").fetchone()[0]
            print(f"workspace: {n_fig} figures, {n_ind} indicator values, {db.stat().st_size / 1e6:.1f} MB")
            t0 = time.perf_counter()
            export.to_xlsx(ws, tmp / "out.xlsx")
            secs = time.perf_counter() - t0
            print(f"export xlsx (XlsxWriter, core.export.to_xlsx): {secs:.2f} s")
            xlsx_breakdown(ws, tmp / "out.xlsx", secs)
            for name, fn in (
                (
                    "xlsx (openpyxl, same cells, no formats)",
                    lambda: openpyxl_same_cells(ws, tmp / "opx.xlsx"),
                ),
                ("csv  (core.export.to_csv)", lambda: export.to_csv(ws, tmp / "out.csv")),
            ):
                t0 = time.perf_counter()
                fn()
                print(f"export {name}: {time.perf_counter() - t0:.2f} s")
                if name.startswith("xlsx"):
                    sheets, cells, merges = _cells(tmp / "opx.xlsx")
                    print(f"  {sheets} sheets, {cells} cells, {merges} merges")
        bench_export(db, tmp)


if __name__ == "__main__":
    main()
