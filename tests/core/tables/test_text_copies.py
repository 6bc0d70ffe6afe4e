"""Text copies of a report's tables, as converters and crawlers make them: Markdown pipe tables (表四
as one table or as three), one cell per line, and rows whose cells ran together. Every cell is read
back, or — when the copy does not say which cell is which — reported as not read, never guessed."""

from __future__ import annotations

import importlib.util
import io
import json
from contextlib import redirect_stdout
from decimal import Decimal
from pathlib import Path

import pytest

from core import pipeline, schema
from core.cli import main
from core.tables import reader
from tests.core.tables.helpers import load_text

_SPEC = importlib.util.spec_from_file_location(
    "office_reports", Path(__file__).resolve().parents[2] / "fixtures" / "office_reports.py"
)
assert _SPEC is not None and _SPEC.loader is not None
office = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(office)

SHAPES = {
    "markdown": lambda v, fmt: office.markdown(v, fmt),
    "markdown, 表四 as three tables": lambda v, fmt: office.markdown(v, fmt, t4_split=True),
    "one cell per line": office.one_cell_per_line,
}


def _differences(values: dict, expected: dict[str, Decimal | None]) -> list[tuple[str, object, object]]:
    out: list[tuple[str, object, object]] = []
    for iid, want in expected.items():
        v = values.get(iid)
        if v is None or v.kind == "unread":
            out.append((iid, want, "not read"))
        elif want is None and v.kind != "empty":
            out.append((iid, "blank", v.raw))
        elif v.value != want:
            out.append((iid, want, v.value))
    out += [(iid, "not in the copy", v.raw) for iid, v in values.items() if iid not in expected]
    return out


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize(("variant", "fmt"), [("merged2021", "2021"), ("plain2019", "2019")])
def test_every_cell_of_a_text_copy_is_read(tmp_path: Path, shape: str, variant: str, fmt: str) -> None:
    expected = office.values_for(variant)
    assert any(v is None for v in expected.values()), "the copy has blank cells"
    doc = load_text(tmp_path, SHAPES[shape](expected, fmt))
    assert _differences(reader.read(doc, with_unread=True), expected) == []


def test_markdown_rule_lines_are_not_cells(tmp_path: Path) -> None:
    """``|---|---|`` under a header is the table's rule, not fifteen “—” (not applicable) cells."""
    expected = office.values_for("merged2021")
    values = reader.read(load_text(tmp_path, office.markdown(expected, "2021")))
    assert not [k for k, v in values.items() if v.kind == "not_applicable"]


def test_a_header_cell_is_not_the_row_of_that_name(tmp_path: Path) -> None:
    """With the （七）总计 row missing from the copy, the 总计 heading of 表四 (followed by 表四's cells)
    must not be read as that row: the row is reported as not read, 表四 is read where it is."""
    expected = office.values_for("merged2021")
    text = "\n".join(ln for ln in office.markdown(expected, "2021").splitlines() if "（七）总计" not in ln)
    values = reader.read(load_text(tmp_path, text), with_unread=True)
    assert {values[f"t3.r7_total.{c}"].kind for c in office.T3_COLS} == {"unread"}
    assert [values[f"t4.review.{c}"].value for c in ("upheld", "total")] == [
        expected["t4.review.upheld"],
        expected["t4.review.total"],
    ]


def test_cells_run_together_are_split_by_the_tables_arithmetic(tmp_path: Path) -> None:
    expected = office.values_for("merged2021")
    text = office.run_together(expected, "2021")
    assert "（七）总计" + "".join(str(expected[f"t3.r7_total.{c}"]) for c in office.T3_COLS) in text
    doc = load_text(tmp_path, text)
    values = reader.read(doc, with_unread=True)
    assert _differences(values, expected) == []
    v = values["t3.r7_total.total"]
    assert doc.text[v.start : v.end] == str(expected["t3.r7_total.total"])  # the span is the cell's digits


def test_run_together_digits_with_two_splits_are_reported_unread(tmp_path: Path) -> None:
    """表四 ``1699255810932710…``: 7|1|0|12|20 and 7|10|1|2|20 both satisfy every relation, so no
    cell of 表四 is guessed; 表三 of the same copy has one split and is read."""
    expected = office.values_for("plain2019")
    path = tmp_path / "crawled.txt"
    path.write_text(office.run_together(expected, "2019"), encoding="utf-8")
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["extract", "--json", str(path)]) == 0
    data = json.loads(out.getvalue())
    t4 = [f"t4.{g}.{c.key}" for g, _ in schema.T4_GROUPS for c in schema.T4_COLUMNS]
    assert data["unread"] == t4
    assert not any(k.startswith("t4.") for k in data["indicators"])
    assert data["indicators"]["t3.r7_total.total"] == expected["t3.r7_total.total"]
    t4_checks = [c for c in data["checks"] if c["rule"] == "t4.group_total"]
    assert len(t4_checks) == 3
    assert all(c["status"] == "not_checkable" and "5 个单元格未读出" in c["formula"] for c in t4_checks)


def test_table_three_with_two_splits_is_not_guessed(tmp_path: Path) -> None:
    """``1|10|0|0|0|0|11`` and ``11|0|0|0|0|0|11`` are the same digits and both add up everywhere."""
    lines = ["三、收到和处理政府信息公开申请情况", "申请人情况"]
    for key, group, sub, label in office._t3_rows("2021"):
        digits = "110000011" if key in ("new", "r1", "r7_total") else ("0000000" if "carried" in key else "")
        for h in (group, sub):
            if h and h not in lines:
                lines.append(h)
        lines.append(label + digits)
    ex = pipeline.analyse_document(load_text(tmp_path, "\n".join(lines) + "\n"))
    ambiguous = {f"t3.{r}.{c.key}" for r in ("new", "r1", "r7_total") for c in schema.T3_COLUMNS}
    assert set(ex.unread) == ambiguous  # the rows whose digits split two ways are not guessed
    assert ex.indicators["t3.carried_in.total"].value == 0  # a row with one split only is read
    assert ex.indicators["t3.r2.total"].kind == "empty"  # a row printed without digits is blank
    assert not [c for c in ex.checks if c.status == "fail"]
