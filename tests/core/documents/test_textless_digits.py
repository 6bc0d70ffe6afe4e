"""A PDF whose digit font lost its ToUnicode map: the page shows table 三 with its figures, but the
text layer has no digits at all (PDFium gives no character for those glyphs). Read as it was, every
cell came back blank, without a word. Now the cells are unread (never blank) and a load warning says
the text layer lacks what the page shows. The geometry: tests/fixtures/vertical_label_pdf.py with
its digits drawn by a subset font's own codes and no map."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from core import pipeline, tables

_SPEC = importlib.util.spec_from_file_location(
    "vertical_label_pdf", Path(__file__).resolve().parents[2] / "fixtures" / "vertical_label_pdf.py"
)
assert _SPEC is not None and _SPEC.loader is not None
vertical = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(vertical)

pytestmark = pytest.mark.system_font  # the fixture's fonts are not embedded (tests/conftest.py)


def test_cells_whose_digits_have_no_text_are_unread_and_the_report_says_so(tmp_path: Path) -> None:
    ex = pipeline.analyse(vertical.write(tmp_path / "lost-map.pdf", digits_unmapped=True))
    t3 = {k: v for k, v in ex.indicators.items() if k.startswith("t3.")}
    assert len(t3) == 7 * len(vertical.ROWS)
    assert {v.kind for v in t3.values()} == {tables.UNREAD}
    assert any("缺少编码映射" in w and "无法读出" in w for w in ex.document.warnings)
    assert [c for c in ex.checks if c.status == "fail"] == []


def test_the_same_table_with_its_digits_mapped_reads_without_a_warning(tmp_path: Path) -> None:
    """The same geometry with every digit mapped reads every figure and warns of nothing."""
    ex = pipeline.analyse(vertical.write(tmp_path / "mapped.pdf"))
    assert ex.unread == ()
    assert ex.document.warnings == ()
