"""A label split across a PDF line: a paragraph wrapped between 申 and 请 (…政府信息公开申 / 请90件) named
its figure in a DOCX but not in the PDF, so the narrative-vs-table check the DOCX raised was missed.
The PDF is tests/fixtures/vertical_label_pdf.py's table 三 (本年新收 80 in total) under such a
paragraph."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from core import pipeline

_SPEC = importlib.util.spec_from_file_location(
    "vertical_label_pdf", Path(__file__).resolve().parents[1] / "fixtures" / "vertical_label_pdf.py"
)
assert _SPEC is not None and _SPEC.loader is not None
vertical = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(vertical)

pytestmark = pytest.mark.system_font  # the PDFs' fonts are not embedded (tests/conftest.py)


@pytest.mark.parametrize(
    "lines",
    [
        ("本年度，本机关共收到政府信息公开申请90件。",),
        ("本年度，本机关共收到政府信息公开申", "请90件。"),
    ],
    ids=["one line", "split 申 / 请"],
)
def test_a_narrative_figure_split_from_its_label_is_checked_against_the_table(
    tmp_path: Path, lines: tuple[str, ...]
) -> None:
    ex = pipeline.analyse(vertical.write(tmp_path / "r.pdf", narrative=lines))
    fig = next(f for f in ex.figures if f.text == "90件")
    assert fig.indicator == "t3.new.total"
    check = next(c for c in ex.checks if c.rule == "narrative_vs_table" and "90" in c.formula)
    assert check.status == "fail"
