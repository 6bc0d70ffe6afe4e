"""A PDF-to-Markdown conversion that makes one small table of every row of the report's tables, with
made-up column headings (数据1 … 数据6): the headings are neither labels nor cells, the empty lines
between the small tables are not blank cells, and every cell is read."""

from __future__ import annotations

import importlib.util
from decimal import Decimal
from pathlib import Path

import pytest

from core.tables import reader
from tests.core.tables.helpers import load_text

_SPEC = importlib.util.spec_from_file_location(
    "office_reports", Path(__file__).resolve().parents[2] / "fixtures" / "office_reports.py"
)
assert _SPEC is not None and _SPEC.loader is not None
office = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(office)


def _is_number(cell: str) -> bool:
    return cell.replace(".", "", 1).isdigit()


def _small_tables(md: str, label_in_header: bool) -> str:
    """Every row of every pipe table as its own table. ``label_in_header``: the row's labels are the
    small table's header, its numbers the one body row under made-up headings (数据1 …); otherwise a
    header of made-up headings only stands over the row as printed."""
    out: list[str] = []
    for line in md.splitlines():
        if line.startswith("|---"):
            continue
        if not line.startswith("|"):
            out.append(line)
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        labels = [c for c in cells if c and not _is_number(c)]
        numbers = [c for c in cells if _is_number(c)]
        if label_in_header and labels and numbers:
            head = labels + [f"数据{i + 1}" for i in range(len(numbers) - len(labels))]
            rows = [
                "| " + " | ".join(head) + " |",
                "|" + "---|" * len(head),
                "| " + " | ".join(numbers) + " |",
            ]
        else:
            head = [f"数据{i + 1}" for i in range(len(cells))]
            rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(cells), line]
        out += ["", *rows, ""]
    return "\n".join(out)


@pytest.mark.parametrize("label_in_header", [False, True], ids=["headings over the row", "label as heading"])
def test_one_small_table_per_row_reads_every_cell(tmp_path: Path, label_in_header: bool) -> None:
    expected = office.values_for("merged2021")
    text = _small_tables(office.markdown(expected, "2021"), label_in_header)
    assert "| 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 |" in text
    values = reader.read(load_text(tmp_path, text), with_unread=True)
    got: dict[str, Decimal | None] = {}
    for iid in expected:
        v = values.get(iid)
        got[iid] = (
            None if v is None or v.kind == "empty" else (v.value if v.kind != "unread" else Decimal(-1))
        )
    assert {k: (got[k], w) for k, w in expected.items() if got[k] != w} == {}
    assert not [k for k, v in values.items() if v.kind == "unread"]


def _html_small_tables(md: str) -> str:
    """The same conversion written as HTML: each row its own <table>, the labels in its header row
    beside made-up headings, the numbers in the row under them."""
    out = ["<html><head><meta charset='utf-8'></head><body>"]
    for line in md.splitlines():
        if line.startswith("|---"):
            continue
        if not line.startswith("|"):
            out.append(f"<p>{line}</p>" if line.strip() else "")
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        labels = [c for c in cells if c and not _is_number(c)]
        numbers = [c for c in cells if _is_number(c)]
        if labels and numbers:
            head = labels + [f"数据{i + 1}" for i in range(len(numbers) - len(labels))]
            body = numbers
        else:
            head, body = [f"数据{i + 1}" for i in range(len(cells))], cells
        out.append(
            "<table><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr><tr>"
            + "".join(f"<td>{c}</td>" for c in body) + "</tr></table>"
        )  # fmt: skip
    return "\n".join(out) + "</body></html>"


def test_one_small_html_table_per_row_reads_every_cell(tmp_path: Path) -> None:
    expected = office.values_for("merged2021")
    text = _html_small_tables(office.markdown(expected, "2021"))
    values = reader.read(load_text(tmp_path, text, "report.html"), with_unread=True)
    wrong = {
        k: (v.value, want)
        for k, want in expected.items()
        if (v := values.get(k)) is None
        or v.kind == "unread"
        or (v.value if v.kind != "empty" else None) != want
    }
    assert wrong == {}
