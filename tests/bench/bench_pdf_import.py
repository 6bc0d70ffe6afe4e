"""Benchmark: load 100 generated 20-page PDF reports, beside the floor (raw pypdfium2 text + char boxes).

Run on demand: ``uv run python tests/bench/bench_pdf_import.py [N] [--pages P]``. The reports are drawn
once with Qt's QPdfWriter (narrative pages with figures, the ruled 表二/表三/表四 drawn with lines the way
a word processor exports them) into a cache folder and reused. Prints pages/s for hecha's PDF loader
(text + a box per character + ruled tables) and for the floor, the ratio, and CPU seconds (median of
3 runs: the machine is shared). The floor is raw pypdfium2 as its documentation calls it; a second,
stricter floor reads the same text and boxes through the direct PDFium calls hecha's loader makes.
Passes or fails nothing.
"""

from __future__ import annotations

import ctypes
import functools
import hashlib
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from core.documents import pdf as pdf_loader  # noqa: E402
from core.tables import layout as export_layout  # noqa: E402

CACHE = Path(os.environ.get("HECHA_BENCH_CACHE", Path(tempfile.gettempdir()) / "hecha-bench-pdf"))
T3_ROWS = [label for _, _, label in export_layout.T3_ROWS if not label.startswith("（六）其他处理")]
PROSE = (
    "本机关坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，认真落实党中央、国务院"
    "关于政务公开的决策部署，围绕中心工作，健全完善公开机制，推动公开平台建设，大力推进决策、执行、管理、"
    "服务、结果公开，不断提升政务公开的质量和实效，切实保障人民群众的知情权、参与权、表达权和监督权。"
)
W, H = 595.0, 842.0
MARGIN = 72.0
LINE = 20.0
PER_LINE = 30  # characters of 15 px per line inside the margins


def _wrap(s: str) -> list[str]:
    return [s[i : i + PER_LINE] for i in range(0, len(s), PER_LINE)]


def _narrative(rng: random.Random, year: int) -> list[str]:
    s = (
        f"{year}年，本机关主动公开政府信息{rng.randint(100, 9999)}条，其中主动公开规章{rng.randint(0, 20)}件、"
        f"行政规范性文件{rng.randint(1, 99)}件，发布政策解读{rng.randint(10, 900)}条。开展政务公开培训"
        f"{rng.randint(1, 30)}次、培训{rng.randint(50, 900)}余人次。" + PROSE
    )
    return _wrap(s)


def _table(p: object, top: float, header: list[str], rows: list[list[str]], widths: list[float]) -> float:
    """Draw a ruled table (one line per border, as Word's PDF export does); returns its bottom."""
    from PySide6.QtCore import QPointF

    xs = [MARGIN]
    for w in widths:
        xs.append(xs[-1] + w)
    y = top
    for row in [header, *rows]:
        p.drawLine(QPointF(xs[0], y), QPointF(xs[-1], y))  # type: ignore[attr-defined]
        for x0, w, text in zip(xs, widths, row, strict=False):
            p.drawText(QPointF(x0 + 2, y + 13), text[: max(1, int(w // 9))])  # type: ignore[attr-defined]
            p.drawLine(QPointF(x0, y), QPointF(x0, y + LINE))  # type: ignore[attr-defined]
        p.drawLine(QPointF(xs[-1], y), QPointF(xs[-1], y + LINE))  # type: ignore[attr-defined]
        y += LINE
    p.drawLine(QPointF(xs[0], y), QPointF(xs[-1], y))  # type: ignore[attr-defined]
    return y


def draw_report(path: Path, k: int, pages: int) -> None:
    from PySide6.QtCore import QMarginsF, QPointF
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

    rng = random.Random(k)
    year = 2019 + k % 6
    w = QPdfWriter(str(path))
    w.setResolution(72)
    w.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF())
    )
    p = QPainter(w)
    f = QFont()
    f.setFamilies(["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Droid Sans Fallback"])
    f.setPixelSize(13)
    p.setFont(f)
    p.setPen(QPen())
    for page in range(pages):
        if page:
            w.newPage()
        y = MARGIN
        if page == 0:
            p.drawText(QPointF(MARGIN, y), f"第{k}号区人民政府{year}年政府信息公开工作年度报告")
            y += 2 * LINE
        if page == 1:  # 表三: the widest standard table
            p.drawText(QPointF(MARGIN, y), "三、收到和处理政府信息公开申请情况")
            y += LINE
            header = [
                "本列数据的勾稽关系",
                "自然人",
                "商业企业",
                "科研机构",
                "公益组织",
                "法律服务",
                "其他",
                "总计",
            ]
            rows = []
            for label in T3_ROWS[:30]:
                vals = [rng.randint(0, 60) for _ in range(6)]
                rows.append([label, *map(str, vals), str(sum(vals))])
            y = _table(p, y, header, rows, [150.0] + [39.0] * 7)
        elif page == 2:  # 表二 and 表四
            p.drawText(QPointF(MARGIN, y), "二、主动公开政府信息情况")
            y += LINE
            rows = [[s, str(rng.randint(0, 99)), str(rng.randint(0, 9)), str(rng.randint(0, 999))]
                    for s in ("规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费")]  # fmt: skip
            y = _table(
                p, y, ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], rows, [180.0, 90, 90, 91]
            )
            y += 2 * LINE
            p.drawText(QPointF(MARGIN, y), "四、政府信息公开行政复议、行政诉讼情况")
            y += LINE
            nums = [[str(rng.randint(0, 9)) for _ in range(15)] for _ in range(2)]
            y = _table(p, y, ["结果"] * 15, nums, [30.0] * 15)
        while y < H - MARGIN - LINE:
            for s in _narrative(rng, year):
                if y >= H - MARGIN - LINE:
                    break
                y += LINE
                p.drawText(QPointF(MARGIN, y), s)
    p.end()


def corpus(n: int, pages: int) -> list[Path]:
    folder = CACHE / f"{n}x{pages}"
    paths = [folder / f"r{k:04d}.pdf" for k in range(n)]
    if all(p.exists() for p in paths):
        return paths
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (fonts need an application)
    folder.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    for k, path in enumerate(paths):
        if not path.exists():
            tmp = path.with_suffix(".part")
            draw_report(tmp, k, pages)
            tmp.replace(path)
    print(f"generated {n} reports of {pages} pages into {folder} in {time.perf_counter() - t:.1f} s")
    return paths


def _text_and_boxes(data: bytes, boxes: Callable[[Any, int], object]) -> int:
    """Every page's text in one call and ``boxes(textpage, n)``: a box per character (nothing else)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(data)
    n_pages = len(pdf)
    for i in range(n_pages):
        page = pdf[i]
        tp = page.get_textpage()
        n = raw.FPDFText_CountChars(tp.raw)
        buf = ctypes.create_string_buffer(2 * (n + 1))
        raw.FPDFText_GetText(tp.raw, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
        text = buf.raw[: 2 * n].decode("utf-16-le", "replace")
        got = boxes(tp, n)
        del text, got
        tp.close()
        page.close()
    pdf.close()
    return n_pages


def _typed_boxes(tp: Any, n: int) -> object:
    import pypdfium2.raw as raw

    rect = raw.FS_RECTF()
    ref = ctypes.byref(rect)
    box = raw.FPDFText_GetLooseCharBox
    boxes = []
    for j in range(n):
        box(tp.raw, j, ref)
        boxes.append((rect.left, rect.bottom, rect.right, rect.top))
    return boxes


@functools.cache
def _direct_box() -> Any:
    import pypdfium2.raw as raw

    from core.documents.pdf_tables import unchecked

    return unchecked(raw.FPDFText_GetLooseCharBox, ctypes.c_int)


def _direct_boxes(tp: Any, n: int) -> object:
    from itertools import repeat

    vp = ctypes.c_void_p
    box = _direct_box()
    rects = (ctypes.c_float * (4 * n))()
    base = ctypes.addressof(rects)
    h = ctypes.cast(tp.raw, vp)
    found = list(map(box, repeat(h, n), range(n), map(vp, range(base, base + 16 * n, 16))))
    return rects[:], found


def floor(data: bytes) -> int:
    """Raw pypdfium2: every page's text in one call and a box per character (nothing else)."""
    return _text_and_boxes(data, _typed_boxes)


def floor_direct(data: bytes) -> int:
    """The same through PDFium's functions called directly (unchecked ctypes prototypes, the GIL kept),
    the way hecha's loader calls them: what is left of the floor without pypdfium2's typed bindings."""
    return _text_and_boxes(data, _direct_boxes)


def ours(data: bytes) -> int:
    doc = pdf_loader.load("bench.pdf", data, hashlib.sha256(data).hexdigest())
    return len(doc.pages)


def cpu(fn: object, blobs: list[bytes]) -> tuple[float, int]:
    t = time.process_time()
    pages = sum(fn(b) for b in blobs)  # type: ignore[operator]
    return time.process_time() - t, pages


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 100
    pages = int(sys.argv[sys.argv.index("--pages") + 1]) if "--pages" in sys.argv else 20
    blobs = [p.read_bytes() for p in corpus(n, pages)]
    doc = pdf_loader.load("r0.pdf", blobs[0], "")
    print(
        f"{n} reports × {pages} pages; report 0: {len(doc.text):,} characters, {len(doc.tables)} ruled tables"
    )
    runs: dict[str, list[float]] = {"floor": [], "direct": [], "hecha": []}
    total = 0
    for _ in range(3):  # interleaved, so all sides see the same load on the shared machine
        for name, fn in (("floor", floor), ("direct", floor_direct), ("hecha", ours)):
            t, total = cpu(fn, blobs)
            runs[name].append(t)
    t_floor, t_ours = statistics.median(runs["floor"]), statistics.median(runs["hecha"])
    t_direct = statistics.median(runs["direct"])
    print(f"floor (raw pypdfium2 text + char boxes): {total / t_floor:7.1f} pages/s  ({t_floor:.2f} s CPU)")
    print(f"floor, direct PDFium calls:              {total / t_direct:7.1f} pages/s  ({t_direct:.2f} s CPU)")
    print(f"hecha PDF loader (text, boxes, tables):  {total / t_ours:7.1f} pages/s  ({t_ours:.2f} s CPU)")
    print(f"hecha / floor: {t_ours / t_floor:.2f}×  (goal ≤ 1.3×; CPU seconds, median of 3)")
    print(f"hecha / direct floor: {t_ours / t_direct:.2f}×  (the same calls hecha makes, nothing else)")


if __name__ == "__main__":
    main()
