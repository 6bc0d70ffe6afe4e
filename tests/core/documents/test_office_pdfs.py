"""Standard tables in PDFs made the way offices make them: the template filled in a word processor and
exported to PDF (tests/fixtures/office_reports.py: python-docx + LibreOffice headless). Every cell
drawn on the page is read back, blank cells stay blank. Skipped when LibreOffice is not installed
(.ci/run installs it, so CI always runs these)."""

from __future__ import annotations

import importlib.util
from decimal import Decimal
from pathlib import Path

import pytest

from core import documents, pipeline, tables

_SPEC = importlib.util.spec_from_file_location(
    "office_reports", Path(__file__).resolve().parents[2] / "fixtures" / "office_reports.py"
)
assert _SPEC is not None and _SPEC.loader is not None
office = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(office)


# ~6 s to make the office PDFs (LibreOffice): outside the fast loop (-m "not slow")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, dict[str, Decimal | None]]]:
    if office.soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    return office.build(tmp_path_factory.mktemp("office"))


def _differences(path: Path, expected: dict[str, Decimal | None]) -> list[tuple[str, object, object]]:
    got = tables.read(documents.load(path))
    out: list[tuple[str, object, object]] = []
    for iid, want in expected.items():
        v = got.get(iid)
        if v is None:
            out.append((iid, want, "not read"))
        elif want is None and v.kind != "empty":
            out.append((iid, "blank", v.raw))
        elif v.value != want:
            out.append((iid, want, v.value))
    out += [(iid, "not in the report", v.raw) for iid, v in got.items() if iid not in expected]
    return out


@pytest.mark.parametrize("variant", office.VARIANTS)
def test_every_cell_of_an_office_pdf_is_read(made: dict, variant: str) -> None:
    path, expected = made[variant]
    assert len(expected) >= 198
    assert any(v is None for k, v in expected.items() if k.startswith("t3.")), "the fixture has blank rows"
    assert _differences(path, expected) == []


def test_table_three_runs_over_a_page_break_with_merged_group_cells(made: dict) -> None:
    """The 2021 variant is the hard case it claims to be: 表三's rows are on two pages, and the group
    cell 三、本年度办理结果 is one merged cell of the rebuilt grid."""
    path, _ = made["merged2021"]
    doc = documents.load(path)
    values = tables.read(doc)
    pages = {doc.char_pages[values[f"t3.{k}.total"].start] for k in ("new", "carried_out")}
    assert len(pages) == 2
    tall = [c for t in doc.tables for c in t.cells if c.rowspan >= 8]
    assert tall, "merged group cells are rebuilt as one cell"


def test_a_row_broken_across_the_page_reads_as_one_row(made: dict) -> None:
    """Narrow label columns make a tall row break at the page end: the repeated header comes between
    its label's first part (with the cells) and the label's rest."""
    path, expected = made["narrow2021"]
    doc = documents.load(path)
    assert doc.text.count("申请人情况") >= 2  # the header repeated on each new page
    assert _differences(path, expected) == []


def test_three_line_table_has_no_rules_yet_blank_rows_stay_blank(made: dict) -> None:
    path, expected = made["threeline"]
    doc = documents.load(path)
    assert not any("予以公开" in doc.text[t.start : t.end] for t in doc.tables), "表三 has no ruled grid"
    blank_rows = {k.rsplit(".", 1)[0] for k, v in expected.items() if v is None}
    values = tables.read(doc)
    for row in blank_rows:
        assert values[f"{row}.total"].kind == "empty"


def test_checks_pass_on_a_consistent_office_pdf(made: dict) -> None:
    path, _ = made["merged2021"]
    ex = pipeline.analyse(path)
    table_checks = [c for c in ex.checks if c.rule.startswith("t3.") or c.rule.startswith("t4.")]
    assert table_checks
    assert [c for c in table_checks if c.status == "fail"] == []
