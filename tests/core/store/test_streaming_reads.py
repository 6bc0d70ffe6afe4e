"""A decade of a city's reports on one laptop: ``hecha verify`` and the 问题清单 letters read the
workspace a report (an issuer) at a time, so what they hold does not grow with the workspace."""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path
from typing import Any

import docx
import openpyxl
from store_helpers import extraction

from core.export import problems
from core.store import Workspace


def _reviewed(ws: Workspace, n: int, start: int = 0) -> None:
    """``n`` more reports, each with its failing check accepted for a long reason (one review event of
    some 60 KB: the reason, and the state after it)."""
    for k in range(start, start + n):
        rid = ws.add_report(extraction(salt=str(k)))
        failing = next(c for c in ws.checks(rid) if c.status == "fail")
        ws.accept_check(rid, failing.rule, failing.subject, f"第 {k} 份：" + "原表如此，已电话核实。" * 2000)


def _verify_peak(ws: Workspace) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        assert ws.verify().ok
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_verify_holds_one_report_at_a_time(ws: Workspace) -> None:
    """Six times the reports and review events: the replay's peak memory stays where it was (it held
    every event of the workspace at once before: here 50 more events of some 60 KB each)."""
    _reviewed(ws, 10)
    small = _verify_peak(ws)
    _reviewed(ws, 50, start=10)
    res = ws.verify()
    assert res.ok and res.reports == 60 and res.events == 60
    big = _verify_peak(ws)
    assert big - small < 1_000_000, (small, big)


def test_problem_letters_are_written_issuer_by_issuer(
    ws: Workspace, tmp_path: Path, monkeypatch: Any
) -> None:
    """Each issuer's letter is written before the next issuer's reports are read; the letters are
    those of the whole list (every problem of the issuer's reports, in report order)."""
    order = ["甲市人民政府", "乙县人民政府", "甲市人民政府", "丙区人民政府", "乙县人民政府"]
    ids = [ws.add_report(extraction(issuer=who, salt=str(k))) for k, who in enumerate(order)]
    everything = problems.by_issuer(problems.problems(ws))
    assert len(everything) == 3
    seen: list[tuple[str, str]] = []
    of_report, letter = problems._of_report, problems.letter
    monkeypatch.setattr(
        problems, "_of_report", lambda w, r: seen.append(("read", r.issuer or "")) or of_report(w, r)
    )
    monkeypatch.setattr(
        problems,
        "letter",
        lambda who, items, office="": seen.append(("letter", who)) or letter(who, items, office),
    )
    files = problems.to_docx(ws, tmp_path / "letters", ids)
    written: list[str] = []
    since: set[str] = set()  # the issuers of the reports read since the last letter
    for step, who in seen:
        if step == "read":
            since.add(who)
        else:
            assert since == {who}, seen
            written.append(who)
            since = set()
    assert written == list(everything) and not since
    for f in files:
        issuer = f.stem.removeprefix("问题清单-")
        table = docx.Document(str(f)).tables[0]
        assert [r.cells[5].text for r in table.rows[1:]] == [p.detail for p in everything[issuer]]


def test_problem_sheet_rows_are_written_as_the_reports_are_read(
    ws: Workspace, tmp_path: Path, monkeypatch: Any
) -> None:
    """The 问题清单 sheet is written a report at a time (each report's rows written before the next
    report is read), to a workbook that does not keep its rows in memory; it holds the whole list."""
    from core.export import stream

    for k in range(4):
        ws.add_report(extraction(issuer=f"{'甲乙丙丁'[k]}县人民政府", salt=str(k)))
    everything = problems.problems(ws)
    log: list[str] = []
    of_report, write_row, write_values = problems._of_report, stream.Rows.row, stream.Rows.values
    monkeypatch.setattr(problems, "_of_report", lambda w, r: log.append("read") or of_report(w, r))

    def written(self: stream.Rows, row: int, cells: Any, *args: Any) -> Any:
        cells = list(cells)
        if row > 0 and any(c[0] == 8 for c in cells):  # a problem's 说明
            log.append("row")
            assert self.ws.constant_memory
        return write_row(self, row, cells, *args)

    def written_values(self: stream.Rows, row: int, values: Any, *args: Any) -> Any:
        done = write_values(self, row, values, *args)
        if done and row > 0 and len(values) > 8 and values[8] not in (None, ""):  # a problem's 说明
            log.append("row")
            assert self.ws.constant_memory
        return done

    monkeypatch.setattr(stream.Rows, "row", written)
    monkeypatch.setattr(stream.Rows, "values", written_values)
    out = tmp_path / "问题清单.xlsx"
    assert problems.to_xlsx(ws, out) == len(everything)
    per_report = len(everything) // 4
    assert per_report >= 1 and log == (["read"] + ["row"] * per_report) * 4
    sheet = openpyxl.load_workbook(out)["问题清单"]
    assert [r[8].value for r in sheet.iter_rows(min_row=2)] == [p.detail for p in everything]
