"""The second, independent reader for PDF tables (pdfplumber), with the form's relations as arbiter:
a reading is taken only if the relations hold on it; readers that disagree with neither reading
holding leave the cells unread and say so, naming both readings. Run on the WPS-like PDF of
tests/fixtures/vertical_label_pdf.py, with the own reader made to miss or misread cells the way it did
before it placed vertical glyphs right (or by a changed value)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from core import pipeline, second_reading, tables
from core.documents import pdf as pdf_loader
from core.tables import reader

_SPEC = importlib.util.spec_from_file_location(
    "vertical_label_pdf", Path(__file__).resolve().parents[1] / "fixtures" / "vertical_label_pdf.py"
)
assert _SPEC is not None and _SPEC.loader is not None
vertical = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(vertical)
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.system_font  # the PDFs' fonts are not embedded (tests/conftest.py)


@pytest.fixture
def wps(tmp_path: Path) -> Path:
    return vertical.write(tmp_path / "wps.pdf")


def _t3(ex: object) -> dict[str, object]:
    got = ex.indicators  # type: ignore[attr-defined]
    return {
        f"t3.{k}.{c}": (got[f"t3.{k}.{c}"].kind, got[f"t3.{k}.{c}"].value)
        for k in vertical.ROWS
        for c in vertical.COLS
    }


def _expected() -> dict[str, object]:
    return {
        f"t3.{k}.{c}": ("zero" if v == 0 else "number", Decimal(v))
        for k in vertical.ROWS
        for c, v in zip(vertical.COLS, vertical.VALUES[k], strict=True)
    }


def test_cells_the_own_reader_missed_are_taken_when_the_relations_hold(
    wps: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The own reader as it was: vertical glyphs misplaced, rows matched by label only → rows （一）,
    （二）, （三）2 unread. pdfplumber reads them; the relations hold; they are taken and the warning
    says so."""
    monkeypatch.setattr(pdf_loader, "_repair_boxes", lambda tp, f: 0)
    monkeypatch.setattr(reader, "CONFIRM", 2.0)
    own = tables.read(pipeline.documents.load(wps), with_unread=True)
    assert own["t3.r1.natural"].kind == tables.UNREAD  # the failure being repaired
    ex = pipeline.analyse(wps)
    assert _t3(ex) == _expected()
    assert ex.unread == ()
    assert any("第二种读法" in w and "已采用" in w and "（一）予以公开" in w for w in ex.document.warnings)
    assert [c.rule for c in ex.checks if c.status == "fail"] == []


def _misread(monkeypatch: pytest.MonkeyPatch, iid: str, value: int) -> None:
    """The own reader reads ``iid`` as ``value``."""
    real = tables.read

    def read(doc: object, *, with_unread: bool = False) -> dict:
        got = real(doc, with_unread=with_unread)  # type: ignore[arg-type]
        if getattr(doc, "format", "") == "pdf":
            got[iid] = replace(got[iid], value=Decimal(value), raw=str(value))
        return got

    monkeypatch.setattr(pipeline.tables, "read", read)


def test_a_misread_cell_is_replaced_when_only_the_second_reading_holds(
    wps: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _misread(monkeypatch, "t3.r1.natural", 47)
    ex = pipeline.analyse(wps)
    assert ex.indicators["t3.r1.natural"].value == Decimal(41)
    assert [c.rule for c in ex.checks if c.status == "fail"] == []
    assert any("47 / 41" in w for w in ex.document.warnings)


def test_readers_that_disagree_with_neither_holding_leave_the_cell_unread(
    wps: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Own reads 47, the second 39, the report says 41: neither reading satisfies the relations, so
    the cell is unread (never one of the two guesses) and the warning names both readings."""
    _misread(monkeypatch, "t3.r1.natural", 47)
    real = second_reading.second_text

    def second(data: bytes, pages: object) -> str:
        return real(data, pages).replace("\t41\t2\t0\t0\t1\t0\t44", "\t39\t2\t0\t0\t1\t0\t44")  # type: ignore[arg-type]

    monkeypatch.setattr(second_reading, "second_text", second)
    ex = pipeline.analyse(wps)
    assert ex.indicators["t3.r1.natural"].kind == tables.UNREAD
    assert "t3.r1.natural" in ex.unread
    assert any("都不满足勾稽关系" in w and "47 / 39" in w for w in ex.document.warnings)


def test_a_report_that_does_not_add_up_as_printed_keeps_its_failure(
    wps: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both readers read the same figures and they do not add up: the report is wrong, not the
    reading; the failing check stays and no cell is dropped."""
    real = second_reading.second_text
    _misread(monkeypatch, "t3.r1.natural", 47)
    monkeypatch.setattr(
        second_reading,
        "second_text",
        lambda data, pages: real(data, pages).replace("\t41\t2\t0\t0\t1\t0\t44", "\t47\t2\t0\t0\t1\t0\t44"),
    )
    ex = pipeline.analyse(wps)
    assert ex.indicators["t3.r1.natural"].value == Decimal(47)
    assert "t3.row_total" in [c.rule for c in ex.checks if c.status == "fail"]


def test_a_pdf_read_fully_never_loads_the_second_reader(wps: Path) -> None:
    code = (
        "import sys; from core import pipeline; ex = pipeline.analyse(sys.argv[1]); "
        "assert not ex.unread; print('pdfplumber' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(wps)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


def test_a_second_reading_that_disagrees_elsewhere_fills_nothing(
    wps: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The own reader missed rows （一）（二）（三）2; the second reading reads them but reads （三）3
    otherwise than the own reader did: it is not trusted for the missing rows, which stay unread,
    and the warning names what it read."""
    monkeypatch.setattr(pdf_loader, "_repair_boxes", lambda tp, f: 0)
    monkeypatch.setattr(reader, "CONFIRM", 2.0)
    real = second_reading.second_text
    monkeypatch.setattr(
        second_reading,
        "second_text",
        lambda data, pages: real(data, pages).replace("危及“三安全一稳定”\t1\t0", "危及“三安全一稳定”\t7\t0"),
    )
    ex = pipeline.analyse(wps)
    assert ex.indicators["t3.r1.natural"].kind == tables.UNREAD
    assert ex.indicators["t3.r3_3.natural"].value == Decimal(1)
    assert any("未采用" in w for w in ex.document.warnings)
