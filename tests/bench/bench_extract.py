"""Benchmark: figure extraction on ~10 MB of report text, beside a bare ``re.finditer(r"\\d+")`` scan.

Run on demand: ``uv run python tests/bench/bench_extract.py [MB] [--dense | --prose]``. Prints figures/second and MB/second
for (1) the floor scan, (2) core extraction in-process, (3) the whole ``hecha extract --json`` command.
"""

from __future__ import annotations

import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from core import documents, pipeline  # noqa: E402
from core.figures.scan import extract  # noqa: E402

PARAGRAPHS = [
    "2023年，本机关主动公开政府信息1,234条，其中主动公开规章9件、行政规范性文件73件，发布政策解读854条，"
    "开展政务公开培训2次、培训500余人次，市优良政府网站占比提升至63.6%。",
    "全年共收到政府信息公开申请593件（含新收575件、上年结转18件），截至年底已办结584件（另有9件结转下年度）。"
    "办理行政复议3宗，行政诉讼2件。政策咨询服务62.8万次，赠阅公报31.2万册。",
    "根据《通知》（国办公开办函〔2021〕30号）要求，紧扣“十四五”开好局，联系电话：023-45632266，邮政编码：402560。",
    "二〇二三年，本機關主動公開政府信息１２３條，新收政府信息公開申請12件，辦理行政複議6件，贈閱3.5萬冊。",
    "| 一、本年新收政府信息公开申请数量 | 58 | 7 | 0 | 0 | 1 | 0 | 66 |",
]


# Prose between the figures, so the density is that of real reports (about one figure per 250 bytes).
FILLER = [
    "本机关坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，认真落实党中央、国务院关于"
    "政务公开的决策部署，围绕中心工作，健全完善公开机制，推动公开平台建设，大力推进决策、执行、管理、服务、"
    "结果公开，不断提升政务公开的质量和实效，切实保障人民群众的知情权、参与权、表达权和监督权。",
    "（一）加强组织领导。各单位成立政务公开工作领导小组，明确分管领导、责任科室和经办人员，建立健全信息发布"
    "保密审查、政策解读、舆情回应等制度，形成主要领导亲自抓、分管领导具体抓、责任科室抓落实的工作格局。",
    "存在的主要问题：一是政策解读形式还不够丰富，二是基层政务公开标准化规范化建设有待加强，三是依申请公开"
    "答复的规范性还需提升。下一步，我们将进一步加强培训指导，提高工作人员业务能力，推动政务公开工作再上新台阶。",
]


def make_text(mb: float, dense: bool = False) -> str:
    paras = (
        PARAGRAPHS
        if dense
        else [p for pair in zip(PARAGRAPHS, FILLER * 2, strict=False) for p in pair] + FILLER * 3
    )
    block = "\n".join(paras) + "\n"
    n = int(mb * (1 << 20) / len(block.encode("utf-8"))) + 1
    return block * n


# The command, reporting its own peak resident memory (VmHWM) on stderr at exit: a child's ru_maxrss
# would count the pages of this (large) process it was forked from.
PEAK_WRAPPER = (
    "import atexit, runpy, sys\n"
    "atexit.register(lambda: sys.stderr.write("
    "[ln for ln in open('/proc/self/status') if ln.startswith('VmHWM')][0]))\n"
    "sys.argv[0] = 'hecha'\n"
    "runpy.run_module('gui.shell.app', run_name='__main__')\n"
)


def timed(fn, repeat: int = 3) -> tuple[float, object]:
    best = float("inf")
    out = None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    mb = float(args[0]) if args else 10.0
    dense = "--dense" in sys.argv
    if "--prose" in sys.argv:  # no table rows: what a long narrative report costs
        PARAGRAPHS[:] = [p for p in PARAGRAPHS if not p.startswith("|")]
    text = make_text(mb, dense)
    size = len(text.encode("utf-8")) / (1 << 20)
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "big.txt"
        path.write_text(text, encoding="utf-8")
        t_floor, n_floor = timed(lambda: sum(1 for _ in re.finditer(r"\d+", text)))
        doc = documents.load(path)
        t_core, figs = timed(lambda: extract(doc))
        t_load, _ = timed(lambda: documents.load(path))
        t_all, _ = timed(lambda: pipeline.analyse_document(doc), repeat=1)
        empty = Path(d) / "empty.txt"
        empty.write_text("2023年收到申请3件。\n", encoding="utf-8")
        idle = subprocess.run(
            [sys.executable, "-c", PEAK_WRAPPER, "extract", "--json", str(empty)],
            cwd=ROOT,
            capture_output=True,
        )
        idle_mb = int(idle.stderr.decode().rsplit("VmHWM:", 1)[1].split()[0]) / 1024
        t0 = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        r = subprocess.run(
            [sys.executable, "-c", PEAK_WRAPPER, "extract", "--json", str(path)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        t_cli = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu_cli = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        peak_mb = int(r.stderr.decode().rsplit("VmHWM:", 1)[1].split()[0]) / 1024
        assert r.returncode == 0, r.stderr
    nf = len(figs)  # type: ignore[arg-type]
    density = "dense: figures only" if dense else "report-like density"
    print(
        f"text: {size:.1f} MB, {len(text):,} characters, {nf:,} figures ({density}, {size * (1 << 20) / nf:.0f} bytes/figure)"
    )
    print(
        f"floor re.finditer(r'\\d+'): {t_floor:.3f} s  {n_floor / t_floor:,.0f} numbers/s  {size / t_floor:.1f} MB/s"
    )
    print(f"core load (decode+meta):   {t_load:.3f} s  {size / t_load:.1f} MB/s")
    print(
        f"core extract:              {t_core:.3f} s  {nf / t_core:,.0f} figures/s  {size / t_core:.1f} MB/s"
    )
    print(f"core analyse (+tables, checks): {t_all:.3f} s")
    print(f"hecha extract --json:      {t_cli:.3f} s  {nf / t_cli:,.0f} figures/s  {size / t_cli:.1f} MB/s")
    print(
        f"hecha extract --json CPU:  {cpu_cli:.3f} s  peak RSS {peak_mb:.0f} MB = {peak_mb / size:.1f}× the input"
        f" (an empty run of the command: {idle_mb:.0f} MB)"
    )
    print(f"whole command CPU / floor: {cpu_cli / t_floor:.1f}x")
    print(f"whole command / floor: {t_cli / t_floor:.1f}x   core extract / floor: {t_core / t_floor:.1f}x")


if __name__ == "__main__":
    main()
