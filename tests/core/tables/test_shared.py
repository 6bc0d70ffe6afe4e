"""Real material from ../shared: the official template filled via python-docx, the web corpus, the PDF."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from core import documents, pipeline, schema
from core.tables import reader as indicators

pytestmark = pytest.mark.shared


def fill_template(src: Path, dst: Path) -> dict[str, int | float]:
    """Write known numbers into the official 2021 template; return what each indicator should read."""
    d = docx.Document(str(src))
    t2, t3, t4 = d.tables
    want: dict[str, int | float] = {}
    n = 1
    for r, key in ((2, "regulations"), (3, "normative_docs")):
        for c, col in enumerate(("issued", "repealed", "in_force"), start=1):
            t2.rows[r].cells[c].text = str(n)
            want[f"t2.{key}.{col}"] = n
            n += 1
    for r, iid in (
        (6, "t2.licensing.decisions"),
        (9, "t2.penalty.decisions"),
        (10, "t2.enforcement.decisions"),
    ):
        t2.rows[r].cells[1].text = str(n)
        want[iid] = n
        n += 1
    t2.rows[13].cells[1].text = "18.8710"
    want["t2.fees.amount"] = 18.871
    rows = [r for r in schema.T3_ROWS if r.key != "r6"]
    for i, row in enumerate(rows):
        for c, col in enumerate(schema.T3_COLUMNS):
            t3.rows[3 + i].cells[3 + c].text = str(100 * i + c)
            want[f"t3.{row.key}.{col.key}"] = 100 * i + c
    cols = [(g, c.key) for g, _ in schema.T4_GROUPS for c in schema.T4_COLUMNS]
    for c, (g, col) in enumerate(cols):
        t4.rows[3].cells[c].text = str(900 + c)
        want[f"t4.{g}.{col}"] = 900 + c
    d.save(str(dst))
    return want


def test_filled_official_template_reads_back_exactly(shared: Path, tmp_path: Path) -> None:
    want = fill_template(shared / "reference" / "annual-report-template-2021.docx", tmp_path / "r.docx")
    doc = documents.load(tmp_path / "r.docx")
    got = {k: v.json_value() for k, v in indicators.read(doc).items()}
    assert got == want


def test_filled_template_as_plain_text_reads_back_exactly(shared: Path, tmp_path: Path) -> None:
    want = fill_template(shared / "reference" / "annual-report-template-2021.docx", tmp_path / "r.docx")
    text = documents.load(tmp_path / "r.docx").text  # what a reviewer gets by copying the text
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    got = {k: v.json_value() for k, v in indicators.read(documents.load(tmp_path / "r.txt")).items()}
    assert got == want


def test_every_web_page_processes_without_absurd_values(shared: Path) -> None:
    known = schema.by_id()
    read_any = 0
    for p in sorted((shared / "corpus" / "web").glob("web-*.txt")):
        ex = pipeline.analyse(p)
        read_any += bool(ex.indicators)
        for iid, v in ex.indicators.items():
            assert iid in known, (p.name, iid)
            if v.kind == "unread":  # a cell of a table found but not read (truncated copies): no value
                assert v.value is None and v.start is None, (p.name, iid)
                continue
            if v.kind == "not_stated":  # （六） printed as one row: its 2021 sub-rows are not stated
                assert (
                    v.value is None
                    and iid.startswith("t3.r6_")
                    and f"t3.r6.{iid.rsplit('.', 1)[1]}" in ex.indicators
                )
                continue
            assert v.kind in ("number", "zero", "empty", "not_applicable")
            if v.value is not None and not iid.endswith(".delta"):
                assert 0 <= v.value < 10**8, (p.name, iid, v.value)
                if known[iid].unit not in ("万元", "元"):
                    assert v.value == v.value.to_integral_value(), (p.name, iid, v.value)
            assert (
                v.start is not None and v.end is not None and 0 <= v.start <= v.end <= len(ex.document.text)
            )
        # the arithmetic of these small tables holds, or cannot be checked on blanks
        assert not [c for c in ex.checks if c.status == "fail" and c.severity == "error"], p.name
    assert read_any >= 12


def test_gold_pdf_tables(shared: Path) -> None:
    gold = json.loads((shared / "gold" / "tables.jsonl").read_text(encoding="utf-8").splitlines()[0])
    ex = pipeline.analyse(shared / "corpus" / "pdf" / gold["doc"])
    got = {k: v.json_value() for k, v in ex.indicators.items()}
    assert got == gold["indicators"]
    assert ex.unread == ()
    assert not [c for c in ex.checks if c.status == "fail" and c.severity == "error"]
