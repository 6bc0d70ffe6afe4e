"""Loader speed: PDF pages/second (text + a box per character) against pdfplumber; DOCX and HTML
load time per report (CPU seconds, best of several runs). Run on demand: ``uv run python tests/bench/bench_load.py``. Prints figures;
passes or fails nothing.
"""

from __future__ import annotations

import hashlib
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from core.documents import docx as docx_loader  # noqa: E402
from core.documents import html as html_loader  # noqa: E402
from core.documents import pdf as pdf_loader  # noqa: E402

SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "resources" / "samples"


def best_of(fn: Callable[[], object], runs: int = 3) -> float:
    """Best CPU time of ``runs`` calls (CPU time: the machine is shared, wall time is noisy)."""
    times = []
    for _ in range(runs):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return min(times)


def many_pages(src: bytes, n: int) -> bytes:
    """A PDF of ``n`` pages made by repeating the pages of ``src``."""
    import pypdfium2 as pdfium

    s = pdfium.PdfDocument(src)
    out = pdfium.PdfDocument.new()
    k = len(s)
    while len(out) < n:
        out.import_pages(s, list(range(min(k, n - len(out)))))
    buf = io.BytesIO()
    out.save(buf)
    out.close()
    s.close()
    return buf.getvalue()


def ours(data: bytes) -> int:
    doc = pdf_loader.load("bench.pdf", data, hashlib.sha256(data).hexdigest())
    return len(doc.pages)


def plumber(data: bytes, words: bool) -> int:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            if words:
                page.extract_words()
            else:
                _ = [(c["text"], c["x0"], c["bottom"], c["x1"], c["top"]) for c in page.chars]
        return len(pdf.pages)


def ours_no_tables(data: bytes) -> int:
    saved = pdf_loader.find_tables
    pdf_loader.find_tables = lambda *a: []  # type: ignore[assignment]
    try:
        return ours(data)
    finally:
        pdf_loader.find_tables = saved


def bench_pdf(name: str, data: bytes, plumber_runs: int) -> None:
    n = ours(data)
    t_ours = best_of(lambda: ours(data), 10 if n < 50 else 3)
    t_plain = best_of(lambda: ours_no_tables(data), 10 if n < 50 else 3)
    t_chars = best_of(lambda: plumber(data, False), plumber_runs)
    t_words = best_of(lambda: plumber(data, True), plumber_runs)
    print(f"PDF {name}: {n} pages")
    print(f"  hecha (text + boxes + tables)  {n / t_ours:9.1f} pages/s  ({t_ours * 1000:8.1f} ms)")
    print(f"  hecha text + boxes only        {n / t_plain:9.1f} pages/s  ({t_plain * 1000:8.1f} ms)")
    print(f"  pdfplumber chars               {n / t_chars:9.1f} pages/s  ({t_chars * 1000:8.1f} ms)")
    print(f"  pdfplumber extract_words       {n / t_words:9.1f} pages/s  ({t_words * 1000:8.1f} ms)")
    print(f"  speed-up: ×{t_chars / t_ours:.1f} vs chars, ×{t_words / t_ours:.1f} vs extract_words")
    print(f"  speed-up without table rebuild: ×{t_chars / t_plain:.1f} vs chars")


def bench_file(
    kind: str, path: Path, loader: Callable[[str, bytes, str], object], data: bytes | None = None
) -> None:
    raw = data if data is not None else path.read_bytes()
    sha = hashlib.sha256(raw).hexdigest()
    times = [best_of(lambda: loader(str(path), raw, sha), 1) for _ in range(5)]
    print(
        f"{kind} {path.name} ({len(raw) / 1024:.0f} KB): median {statistics.median(times) * 1000:.1f} ms per report"
    )


def main() -> None:
    corpus = SHARED / "corpus" / "pdf" / "huaian-2024.pdf"
    sample_pdfs = sorted(SAMPLES.glob("*.pdf"))
    base = corpus if corpus.exists() else (sample_pdfs[0] if sample_pdfs else None)
    if base is None:
        print("no PDF to measure (../shared absent and no sample PDF)")
    else:
        data = base.read_bytes()
        bench_pdf(base.name, data, 3)
        big = many_pages(data, 200)
        bench_pdf(f"200 pages made from {base.name}", big, 1)
    template = SHARED / "reference" / "annual-report-template-2021.docx"
    for p in [template, *sorted(SAMPLES.glob("*.docx"))]:
        if p.exists():
            bench_file("DOCX", p, docx_loader.load)
    for p in sorted(SAMPLES.glob("*.htm*")):
        bench_file("HTML", p, html_loader.load)
        raw = p.read_bytes()
        body = raw[raw.lower().find(b"<body") :]
        bench_file("HTML ×20 body", p, html_loader.load, raw + body * 19)


if __name__ == "__main__":
    main()
