"""Search across a workspace's reports: a word of the text (any script, any width), an issuer, a year, a
status, a failing check — each hit names its report, and a text hit its place."""

from __future__ import annotations

import pytest
from store_helpers import extraction

from core.store import Workspace


def test_search_finds_text_issuer_year_status_and_failing_checks(ws: Workspace) -> None:
    a = ws.add_report(extraction(issuer="甲市人民政府", year=2023))
    b = ws.add_report(extraction(issuer="乙县人民政府", year=2022, salt="b"))
    text = ws.texts([a])[a]
    word = text.strip().split()[0][:4]
    hits = ws.search(word)
    assert {h.report_id for h in hits if h.field == "正文"} == {a, b}
    h = next(h for h in hits if h.field == "正文" and h.report_id == a)
    assert h.start is not None and h.end is not None and text[h.start : h.end] == word
    assert [h.report_id for h in ws.search("乙县") if h.field == "发布机关"] == [b]
    assert [h.report_id for h in ws.search("2022") if h.field == "年度"] == [b]
    assert {h.report_id for h in ws.search("未审核") if h.field == "状态"} == {a, b}
    failing = [h for h in ws.search("未通过") if h.field == "检查"]
    assert failing and failing[0].rule and failing[0].name.endswith(".pdf")
    assert ws.search("   ") == []
    assert ws.search("不存在的词语") == []


def test_search_reads_any_script_and_width(ws: Workspace) -> None:
    a = ws.add_report(extraction())
    text = ws.texts([a])[a]
    digit = next(ch for ch in text if ch.isdigit())
    full = chr(ord(digit) + 0xFEE0)  # the full-width digit
    assert any(h.report_id == a and h.field == "正文" for h in ws.search(full))


def test_search_hands_over_its_hits_report_by_report_and_stops_when_told(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """For a search in the background: the hits of each batch as soon as they are found, the reports
    read so far, and a stop that keeps what was found."""
    from core.store import search

    monkeypatch.setattr(search, "BATCH", 1)
    a = ws.add_report(extraction(issuer="甲市人民政府", year=2023))
    b = ws.add_report(extraction(issuer="乙县人民政府", year=2022, salt="b"))
    word = ws.texts([a])[a].strip().split()[0][:4]
    batches: list[list[search.Hit]] = []
    read: list[tuple[int, int]] = []
    hits = ws.search(word, found=batches.append, progress=lambda done, total: read.append((done, total)))
    assert [{h.report_id for h in batch} for batch in batches] == [{a}, {b}]
    assert [h for batch in batches for h in batch] == hits
    assert read == [(1, 2), (2, 2)]
    # told to stop once the first report is read: its hits are returned, the second is not read
    stopped = ws.search(word, cancelled=lambda: len(read) > 2, progress=lambda d, t: read.append((d, t)))
    assert stopped and {h.report_id for h in stopped} == {a}
