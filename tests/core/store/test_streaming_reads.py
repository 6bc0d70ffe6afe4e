"""A decade of a city's reports on one laptop: ``hecha verify`` and the 问题清单 letters read the
workspace a report (an issuer) at a time, so what they hold does not grow with the workspace."""

from __future__ import annotations

import tracemalloc
from pathlib import Path
from typing import Any

import docx
from store_helpers import extraction

from core.export import problems
from core.store import Workspace


def _reviewed(ws: Workspace, n: int, start: int = 0) -> None:
    """``n`` more reports, each with its figures confirmed (a review event each)."""
    for k in range(start, start + n):
        rid = ws.add_report(extraction(salt=str(k)))
        for f in ws.figures(rid):
            ws.confirm(f.id)


def _verify_peak(ws: Workspace) -> int:
    tracemalloc.start()
    try:
        assert ws.verify().ok
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_verify_holds_one_report_at_a_time(ws: Workspace) -> None:
    """Six times the reports and review events: the replay's peak memory stays where it was (it held
    every event of the workspace, about 2.6 KB each, before)."""
    _reviewed(ws, 30)
    small = _verify_peak(ws)
    _reviewed(ws, 150, start=30)
    res = ws.verify()
    assert res.ok and res.reports == 180 and res.events == 3 * 180
    big = _verify_peak(ws)
    assert big - small < 150_000, (small, big)


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
