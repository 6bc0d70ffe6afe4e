"""One vocabulary: a measure word added to core.vocab is found, exported and shown; the markers of a
not-applicable cell that core reads from reports are the ones a reviewer can type into a table cell."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from core import cli, export, pipeline, vocab
from core.store import Workspace
from core.tables.tokens import classify
from core.textnorm import normalize
from gui.review.figuremodel import COLUMNS, FigureModel
from gui.tables.tableview import parse_cell

SUMMARY = "示范县政务服务中心2023年工作总结\n全年受理群众诉求不足300单，办结率达到99%。\n"


def _figures(path: Path) -> list[tuple[float, str | None, str | None]]:
    return [(float(f.value), f.unit, f.qualifier) for f in pipeline.analyse(path).figures]


def test_a_unit_added_to_the_vocabulary_is_extracted_exported_and_shown(
    qapp: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    cli_reads_here: None,
) -> None:
    report = tmp_path / "summary.txt"
    report.write_text(SUMMARY, encoding="utf-8")
    assert _figures(report) == [(99, "%", None)]  # 单 is not a measure word yet: 300单 is no figure

    monkeypatch.setattr(vocab, "UNITS", (*vocab.UNITS, vocab.Unit("单")))  # the one edit

    # extracted: the command line's JSON
    assert cli.main(["extract", "--json", str(report)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(f["value"], f["unit"], f["qualifier"]) for f in out["figures"]] == [
        (300, "单", "less_than"),
        (99, "%", None),
    ]
    assert out["figures"][0]["label"] == "受理群众诉求"

    # exported: the CSV and the xlsx's sheet of figures, with the qualifier in words
    ws = Workspace.open(tmp_path / "w.sqlite", reviewer="张三")
    try:
        rid = ws.add_report(pipeline.analyse(report))
        export.to_csv(ws, tmp_path / "out.csv", codes=True)
        rows = list(csv.DictReader((tmp_path / "out.csv").open(encoding="utf-8-sig")))
        assert [(r["value"], r["unit"]) for r in rows if r["kind"] == "figure"] == [
            ("300", "单"),
            ("99", "%"),
        ]
        export.to_xlsx(ws, tmp_path / "out.xlsx")
        sheet = openpyxl.load_workbook(tmp_path / "out.xlsx")["数字明细"]
        heads = [c.value for c in sheet[1]]
        got = [(r[heads.index("数值")], r[heads.index("单位")], r[heads.index("限定词")]) for r in
               sheet.iter_rows(min_row=2, values_only=True)]  # fmt: skip
        assert got == [(300, "单", "不足"), (99, "%", None)]
        assert not any("less_than" in str(v) for row in sheet.iter_rows(values_only=True) for v in row)

        # shown: the figure list's unit column names the unit and the qualifier
        model = FigureModel()
        model.set_figures(ws.figures(rid))
        col = COLUMNS.index("unit")
        shown = {
            model.data(model.index(r, 0)): model.data(model.index(r, col)) for r in range(model.rowCount())
        }
        assert shown == {"300": "单（不足）", "99": "%"}
    finally:
        ws.close()

    monkeypatch.undo()  # the patterns follow the vocabulary back
    assert _figures(report) == [(99, "%", None)]


@pytest.mark.parametrize(
    "marker", ["/", "／", "//", "—", "——", "-", "--", "－", "—/—", "无", "不适用", "无此项", "不涉及"]
)
def test_a_reviewer_can_type_every_not_applicable_marker_core_reads(marker: str) -> None:
    assert classify(normalize(marker)) == ("not_applicable", None)  # as core reads a report's cell
    assert parse_cell(marker) == (None, "not_applicable")  # as a reviewer types it into the table
    assert parse_cell(f" {marker} ") == (None, "not_applicable")


@pytest.mark.parametrize("typed", ["/-", "无效", "不"])
def test_other_words_typed_into_a_cell_are_refused(typed: str) -> None:
    with pytest.raises(ValueError, match="."):
        parse_cell(typed)
