"""The second PDF table reader (pdfplumber, ``core.second_reading``): what it costs.

Run on demand: ``uv run python tests/bench/bench_second_reader.py``. On a PDF the own reader reads
fully (every cell, the relations hold) it never runs: the time of ``pipeline.analyse`` is the same
with it as with it switched off, and pdfplumber is not even imported. Where it runs (the same PDF with
the own reader made to miss rows （一）, （二）, （三）2, as it did on WPS exports before vertical glyphs
were placed right), its extra time is the difference, with the second reading itself (pdfplumber
over the table's pages) timed alone. The PDF is tests/fixtures/vertical_label_pdf.py's 2-page table 三,
and ../shared/corpus/wps-like/wps-like-1.pdf (4 pages) when ../shared is present. CPU seconds, best
of 3 (the machine is shared). Passes or fails nothing.
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from core import pipeline, second_reading  # noqa: E402
from core.documents import pdf as pdf_loader  # noqa: E402
from core.tables import reader  # noqa: E402

SHARED = ROOT.parent / "shared"


def best_of(fn: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return min(times)


def files(folder: Path) -> list[Path]:
    spec = importlib.util.spec_from_file_location("v", ROOT / "tests" / "fixtures" / "vertical_label_pdf.py")
    assert spec is not None and spec.loader is not None
    vertical = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(vertical)
    out = [vertical.write(folder / "vertical-label.pdf")]
    wps = SHARED / "corpus" / "wps-like" / "wps-like-1.pdf"
    if wps.exists():
        out.append(wps)
    return out


def main() -> None:
    off = lambda doc, values: (values, [])  # noqa: E731 - the second reader switched off
    real = second_reading.arbitrate
    with tempfile.TemporaryDirectory() as tmp:
        for path in files(Path(tmp)):
            print(path.name)
            ex = pipeline.analyse(path)
            print(
                f"  own reader: {len(ex.unread)} cells unread; pdfplumber imported so far: {'pdfplumber' in sys.modules}"
            )
            on = best_of(lambda p=path: pipeline.analyse(p))
            pipeline.second_reading.arbitrate = off  # type: ignore[assignment]
            without = best_of(lambda p=path: pipeline.analyse(p))
            pipeline.second_reading.arbitrate = real  # type: ignore[assignment]
            print(
                f"  read fully:   analyse {on * 1000:7.1f} ms with the second reader, {without * 1000:7.1f} ms without"
            )

            # the own reader as it was on WPS exports: glyph boxes as PDFium gives them, labels only
            repair, confirm = pdf_loader._repair_boxes, reader.CONFIRM
            pdf_loader._repair_boxes = lambda tp, f: 0  # type: ignore[assignment]
            reader.CONFIRM = 2.0
            try:
                ex = pipeline.analyse(path)
                pipeline.second_reading.arbitrate = off  # type: ignore[assignment]
                missed = len(pipeline.analyse(path).unread)
                without = best_of(lambda p=path: pipeline.analyse(p))
                pipeline.second_reading.arbitrate = real  # type: ignore[assignment]
                on = best_of(lambda p=path: pipeline.analyse(p))
                data = path.read_bytes()
                doc = pipeline.documents.load(path)
                values = pipeline.tables.read(doc, with_unread=True)
                pages = second_reading._pages(doc, values, {"t3"})
                alone = best_of(lambda d=data, pg=pages: second_reading.second_text(d, pg))
            finally:
                pdf_loader._repair_boxes, reader.CONFIRM = repair, confirm  # type: ignore[assignment]
            print(
                f"  rows missed:  {missed} cells unread without it, {len(ex.unread)} with it; analyse "
                f"{on * 1000:7.1f} ms with, {without * 1000:7.1f} ms without: +{(on - without) * 1000:.1f} ms "
                f"(pdfplumber over {len(pages)} pages: {alone * 1000:.1f} ms)"
            )


if __name__ == "__main__":
    main()
