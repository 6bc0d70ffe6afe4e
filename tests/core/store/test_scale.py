"""A workspace of thousands of reports: every lookup a review step makes goes through an index, the
report list's counts are kept per report as the review happens, and opening does not read the file."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from store_helpers import extraction

from core.store import Workspace, db, summary

# Tables that grow with the workspace: a full scan of one is a keystroke that grows with it.
_BIG = (
    "reports", "figures", "indicator_values", "checks", "accepted_checks", "originals", "report_summary",
    "review_events", "figure_rows", "indicator_value_rows", "check_rows", "terms",
)  # fmt: skip


def _statements(ws: Workspace, step: object) -> list[str]:
    seen: list[str] = []
    conn: sqlite3.Connection = ws._conn
    conn.set_trace_callback(seen.append)
    try:
        step()  # type: ignore[operator]
    finally:
        conn.set_trace_callback(None)
    return [
        s for s in seen if s.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE", "INSERT", "WITH"))
    ]


def _full_scans(conn: sqlite3.Connection, sql: str) -> list[str]:
    """The plan's lines that read a whole table of the workspace (not through an index)."""
    plan = conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()
    # a view's rows made by a co-routine (a view of two kinds of row, UNION ALL): its own lines show how
    # it reads, and the scan of its rows reads only what it made
    made = {m.group(1) for row in plan if (m := re.match(r"(?:CO-ROUTINE|MATERIALIZE) (\w+)", row[-1]))}
    out = []
    for row in plan:
        detail = row[-1]
        m = re.match(r"SCAN (\w+)", detail)
        if m is None or "USING" in detail:
            continue
        table = m.group(1)
        if sql.lstrip().upper().startswith(("UPDATE", "DELETE")) and table in _views(conn):
            continue  # the rows a write through a view matched (found above), handed to its trigger
        aliases = dict(re.findall(r"\b(?:FROM|JOIN)\s+(\w+)\s+(?:AS\s+)?(\w+)", sql, re.IGNORECASE))
        real = {v: k for k, v in aliases.items()}.get(table, table)
        if real in _BIG and not {table, real} & made:
            out.append(f"{detail}  ←  {sql.strip()[:160]}")
    return out


def _views(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}


@pytest.fixture
def many(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(tmp_path / "w.sqlite", reviewer="张三")
    for k in range(30):
        ws.add_report(extraction(issuer=f"第{k % 10}区人民政府", year=2021 + k // 10, salt=str(k)))
    yield ws
    ws.close()


def test_every_lookup_a_review_step_makes_goes_through_an_index(many: Workspace) -> None:
    ws = many
    rid = ws.reports()[12].id
    fig = next(f for f in ws.figures(rid) if f.indicator)  # a table cell: the step updates its value too
    plain = next(f for f in ws.figures(rid) if not f.indicator)
    steps = [
        lambda: ws.confirm(fig.id),
        lambda: ws.correct(fig.id, Decimal(36)),
        lambda: ws.reject(plain.id),
        lambda: ws.set_indicator_value(rid, "t3.new.natural", Decimal(31)),
        lambda: ws.undo(rid),
        lambda: ws.redo(rid),
        lambda: ws.can_undo(rid),
        lambda: ws.report(rid),  # the report list's one row
        lambda: ws.signers([rid]),
        lambda: ws.figures(rid),
        lambda: ws.indicators(rid),
        lambda: ws.checks(rid),
        lambda: ws.figure(fig.id),
    ]
    scans: list[str] = []
    for step in steps:
        for sql in _statements(ws, step):
            scans += _full_scans(ws._conn, sql)
    assert scans == [], "\n".join(scans)
    ws.close()


def test_every_read_of_a_batch_of_reports_reads_those_reports_only(many: Workspace) -> None:
    """An export reads the workspace a batch of reports at a time: each read goes to the batch's rows
    through their key, never through every row of the workspace (a batch read of every indicator value
    made the export of 10,000 reports quadratic, minutes instead of seconds)."""
    ws = many
    batch = [r.id for r in ws.reports()[3:7]]
    steps = [
        lambda: ws.all_figures(batch),
        lambda: ws.all_figures(batch, in_tables=False),
        lambda: ws.all_indicators(batch),
        lambda: ws.indicators_named(batch, ["t3.new.total", "t3.new.natural"]),
        lambda: ws.long_rows(batch, ["t3.new.total"], {}, {}, in_tables=False),
        lambda: ws.export_counts(batch),
        lambda: ws.texts(batch),
        lambda: ws.checks_of(batch),
    ]
    scans: list[str] = []
    for step in steps:
        for sql in _statements(ws, step):
            scans += _full_scans(ws._conn, sql)
    assert scans == [], "\n".join(scans)


def test_the_check_finds_a_full_scan(many: Workspace) -> None:
    """The test above would see a lookup no index covers (whether undo is possible, without the
    review events' index by report), and a figure looked for by anything but its report."""
    ws = many
    ws._conn.execute("DROP INDEX review_events_report")
    rid = ws.reports()[3].id
    scans = [s for sql in _statements(ws, lambda: ws.can_undo(rid)) for s in _full_scans(ws._conn, sql)]
    assert any("review_events" in s for s in scans)
    assert any("figure_rows" in s for s in _full_scans(ws._conn, "SELECT id FROM figures WHERE label = 'x'"))
    ws.close()


def test_the_report_list_counts_are_kept_as_the_review_happens(many: Workspace) -> None:
    ws = many
    rid = ws.reports()[5].id
    figs = ws.figures(rid)
    before = ws.report(rid)
    ws.confirm(figs[0].id)
    ws.reject(figs[1].id)
    ws.accept_check(rid, ws.checks(rid)[0].rule, ws.checks(rid)[0].subject, "原表如此")
    after = ws.report(rid)
    assert after.n_pending == before.n_pending - 2
    assert after.n_figures == before.n_figures - 1
    ws.undo(rid)
    ws.undo(rid)
    assert ws.report(rid).n_figures == before.n_figures
    # the same counts as working them out from every row, for every report
    assert ws._session.read(summary.stale) == []
    counted = {r.id: (r.n_figures, r.n_pending, r.n_failed, r.n_warnings) for r in ws.reports()}
    ws._session.summary = False  # the way a version-3 file is read: counting every row
    assert {r.id: (r.n_figures, r.n_pending, r.n_failed, r.n_warnings) for r in ws.reports()} == counted
    ws.close()


def test_the_next_year_arriving_updates_the_earlier_reports_counts(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "w.sqlite") as ws:
        ws.add_report(extraction(issuer="乙区人民政府", year=2023))
        ws.add_report(extraction(issuer="乙区人民政府", year=2022, salt="x"))
        assert ws._session.read(summary.stale) == []


def test_a_version_3_workspace_is_backed_up_and_gets_its_counts(tmp_path: Path) -> None:
    from test_columns import _make_version_3

    p = tmp_path / "w.sqlite"
    with Workspace.open(p, reviewer="张三") as ws:
        rid = ws.add_report(extraction())
        ws.add_report(extraction(salt="2"))
        ws.confirm(ws.figures(rid)[0].id)
        before = ws.reports()
    _make_version_3(p)
    with Workspace.open(p, readonly=True) as ws:  # read as it is, counted from its rows
        assert ws.reports() == before
    with Workspace.open(p, reviewer="张三") as ws:
        assert ws.reports() == before
        assert ws.verify().ok
    assert (tmp_path / "w.sqlite.bak-v3").exists()
    c = sqlite3.connect(p)
    assert c.execute("SELECT version FROM schema_version").fetchone()[0] == db.SCHEMA_VERSION
    # version 4 indexed indicator values by figure; version 6 finds them within the figure's report
    assert "indicator_values_figure" not in {
        r[1] for r in c.execute("PRAGMA index_list(indicator_value_rows)")
    }
    c.close()


def test_the_summary_is_not_part_of_the_signed_digest(tmp_path: Path) -> None:
    """Derived data: rebuilding the counts changes no digest and no verification."""
    with Workspace.open(tmp_path / "w.sqlite", reviewer="张三") as ws:
        rid = ws.add_report(extraction())
        ws.set_report_status(rid, "done", override="抽查完成")
        digest = ws.signoff(rid).digest
        ws._conn.execute("UPDATE report_summary SET n_pending = 99 WHERE report_id = ?", (rid,))
        assert ws.signoff(rid).digest == digest and ws.verify().ok
        ws._session.write(summary.rebuild)
        assert ws._session.read(summary.stale) == []


def test_opening_for_the_window_does_not_read_the_whole_file(tmp_path: Path) -> None:
    """The window opens without the whole-file check (it runs in the background) and finds a damaged
    file there; the commands' open still refuses it."""
    p = tmp_path / "w.sqlite"
    with Workspace.open(p) as ws:
        for k in range(40):
            ws.add_report(
                extraction(salt=str(k), text="本年度主动公开信息120条，收到申请35件。\n表格\n新收 35\n" * 40)
            )
    conn = sqlite3.connect(p)
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    # the pages that hold the reports' texts beyond their rows: only a read of the whole file sees them
    overflow = [
        r[0]
        for r in conn.execute("SELECT pageno FROM dbstat WHERE name = 'reports' AND pagetype = 'overflow'")
    ]
    conn.close()
    assert len(overflow) > 10
    data = bytearray(p.read_bytes())
    for n in overflow[len(overflow) // 2 :]:
        data[(n - 1) * page : (n - 1) * page + 64] = b"\xff" * 64
    p.write_bytes(bytes(data))
    ws = Workspace.open(p, integrity=False)
    assert len(ws.reports()) == 40  # the report list is there at once
    with pytest.raises(Exception, match="已损坏"):
        ws.check_integrity()
    ws.close()
    with pytest.raises(Exception, match="已损坏"):
        Workspace.open(p)


def test_the_report_lists_signers_read_only_the_sign_off_steps(many: Workspace) -> None:
    ws = many
    rid = ws.reports()[0].id
    for f in ws.figures(rid):
        ws.confirm(f.id)
    ws.set_report_status(rid, "done", override="抽查")
    scans = [s for sql in _statements(ws, ws.signers) for s in _full_scans(ws._conn, sql)]
    assert scans == [], scans
    assert ws.signers()[rid].reviewer == "张三"


def test_the_digest_read_from_the_columns_is_the_digest_of_the_state_rows(many: Workspace) -> None:
    """The quick digest (import's seal, 已完成) is the digest ``verify`` replays against."""
    from core.store import ledger

    ws = many
    rid = ws.reports()[7].id
    figs = ws.figures(rid)
    ws.correct(figs[0].id, Decimal("7.5"))
    ws.reject(figs[1].id)
    ws.set_indicator_value(rid, "t3.new.natural", None, kind="empty")
    ws.accept_check(rid, ws.checks(rid)[0].rule, ws.checks(rid)[0].subject, "原表如此")
    c = ws._conn
    assert ledger.digest(c, rid) == ledger.digest_of(ledger.state_rows(c, rid), ledger.check_rows(c, rid))
    for r in ws.reports():
        sealed = c.execute("SELECT sealed FROM reports WHERE id = ?", (r.id,)).fetchone()[0]
        if r.id != rid:
            assert sealed == ledger.digest_of(ledger.state_rows(c, r.id))
    assert ws.verify().ok
