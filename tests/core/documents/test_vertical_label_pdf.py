"""PDFs exported by WPS 文字: the merged cell 三、本年度办理结果 is set with a vertical-writing font
(Identity-V) at a large size scaled down by the text matrix. PDFium computes such a glyph's loose box
from the font size alone (199 pt for a 9.95 pt character, far right of and above it); placing the
characters by that box put them into the rows （一）, （二） and （三）2, which were then not read.
tests/fixtures/vertical_label_pdf.py draws that geometry; ../shared/corpus/wps-like holds PDFs laid out
as the export is (skipped when absent)."""

from __future__ import annotations

import importlib.util
import json
from decimal import Decimal
from pathlib import Path

import pytest

from core import documents, pipeline, tables

_SPEC = importlib.util.spec_from_file_location(
    "vertical_label_pdf", Path(__file__).resolve().parents[2] / "fixtures" / "vertical_label_pdf.py"
)
assert _SPEC is not None and _SPEC.loader is not None
vertical = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(vertical)


def _misread(path: Path) -> list[tuple[str, object, object]]:
    got = tables.read(documents.load(path), with_unread=True)
    out: list[tuple[str, object, object]] = []
    for key in vertical.ROWS:
        for col, want in zip(vertical.COLS, vertical.VALUES[key], strict=True):
            v = got.get(f"t3.{key}.{col}")
            if v is None or v.kind == tables.UNREAD or v.value != Decimal(want):
                out.append((f"t3.{key}.{col}", want, None if v is None else (v.kind, v.value)))
    return out


@pytest.mark.system_font  # its fonts are not embedded (tests/conftest.py)
@pytest.mark.parametrize(("top", "break_after"), [(380.0, "r4_1"), (362.0, "r4_2")])
def test_rows_beside_a_vertical_label_are_read(tmp_path: Path, top: float, break_after: str) -> None:
    """Table 三 breaking across pages with the vertical label centred in its first page's part: the
    rows （一）予以公开, （二）部分公开 and （三）2 (printed with a typo) are read with their figures."""
    path = vertical.write(tmp_path / "wps.pdf", top, break_after)
    assert _misread(path) == []


@pytest.mark.system_font  # its fonts are not embedded (tests/conftest.py)
def test_the_vertical_label_stays_in_its_column(tmp_path: Path) -> None:
    """Each character of 三、本年度办理结果 is placed where it is drawn (the 26.5 pt first column), and
    the label reads as one cell of the table, apart from the row labels beside it."""
    doc = documents.load(vertical.write(tmp_path / "wps.pdf"))
    text = doc.text
    at = text.index("本年度")
    for i in range(at, at + 3):
        x0, _y0, x1, _y1 = doc.char_boxes[4 * i : 4 * i + 4]
        assert vertical.X[0] - 1 <= x0 and x1 <= vertical.X[1] + 1
    line = next(ln for ln in text.splitlines() if "予以公开" in ln)
    assert "本年" not in line.split("予以公开")[1]
    assert "三、本年度办理结果" in text


@pytest.mark.system_font  # its fonts are not embedded (tests/conftest.py)
def test_the_control_copy_with_the_horizontal_font_reads_the_same(tmp_path: Path) -> None:
    assert _misread(vertical.write(tmp_path / "h.pdf", horizontal=True)) == []


@pytest.mark.shared
def test_wps_like_corpus_reads_every_cell(shared: Path) -> None:
    """The corpus reproductions of WPS exports: every gold cell read, nothing unread, no check fails."""
    gold = [
        json.loads(ln) for ln in (shared / "gold" / "wps-like.jsonl").read_text("utf-8").splitlines() if ln
    ]
    for g in gold:
        ex = pipeline.analyse(shared / "corpus" / "wps-like" / g["doc"])
        got = ex.indicators
        wrong = {
            iid: (want, got.get(iid))
            for iid, want in g["indicators"].items()
            if iid not in got
            or got[iid].kind == tables.UNREAD
            or got[iid].value != (None if want is None else Decimal(str(want)))
        }
        assert wrong == {}, g["doc"]
        assert [c.rule for c in ex.checks if c.status == "fail"] == [], g["doc"]
