"""Format 5 stores each repeated string once and each original file packed: a format-4 workspace
migrates to it (a backup kept), reads and exports exactly as before, and what was signed before the
migration verifies after it, while an edit made outside Hecha afterwards is still caught."""

from __future__ import annotations

import csv
import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from test_columns import _make_version_4

from core import export
from core.export import problems, record
from core.store import Workspace, db

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = ROOT / "resources" / "samples"


def _reviewed(p: Path) -> list[int]:
    """The sample reports imported into ``p`` and reviewed: a correction and a rejection in each, an
    accepted check, an indicator filled by hand, one report signed 已完成 with an override."""
    with Workspace.open(p, reviewer="张三") as ws:
        ids = ws.import_paths([str(SAMPLES)], workers=1).report_ids
        assert len(ids) >= 5
        for rid in ids:
            figs = [f for f in ws.figures(rid) if f.value is not None]
            ws.correct(figs[0].id, figs[0].value + 1)
            ws.reject(figs[-1].id)
            if len(figs) > 2:
                ws.confirm(figs[1].id)
        rid = next(r.id for r in ws.reports() if r.n_failed)
        k = next(c for c in ws.checks(rid) if c.status == "fail")
        ws.accept_check(rid, k.rule, k.subject, "原报告如此")
        ws.set_indicator_value(rid, "t3.new.natural", Decimal(7))
        ws.set_report_status(ids[0], "done", override="抽查完成")
    return ids


def _cells(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    wb = openpyxl.load_workbook(path)
    return {s.title: [tuple(r) for r in s.iter_rows(values_only=True)] for s in wb.worksheets}


def _outputs(ws: Workspace, out: Path, ids: list[int]) -> dict[str, Any]:
    """Everything a reviewer reads or sends out of the workspace."""
    out.mkdir()
    export.to_csv(ws, out / "long.csv")
    export.to_csv(ws, out / "codes.csv", codes=True)
    export.to_xlsx(ws, out / "book.xlsx")
    problems.to_xlsx(ws, out / "problems.xlsx")
    with open(out / "long.csv", encoding="utf-8-sig", newline="") as f:
        long_rows = list(csv.reader(f))
    return {
        "csv": long_rows,
        "csv codes": (out / "codes.csv").read_bytes(),
        "xlsx": _cells(out / "book.xlsx"),
        "problems": _cells(out / "problems.xlsx"),
        "record": record.html(record.load(ws, ids)),
        "reports": ws.reports(),
        "figures": [ws.figures(rid) for rid in ids],
        "indicators": [ws.indicators(rid) for rid in ids],
        "checks": [ws.checks(rid) for rid in ids],
        "events": ws.events(),
        "digests": [ws.signoff(rid).digest for rid in ids],
        "search": ws.search("公开"),
        "originals": [ws.original_bytes(rid) for rid in ids],
    }


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[int]]:
    p = tmp_path_factory.mktemp("made") / "w.sqlite"
    return p, _reviewed(p)


def test_a_format_4_workspace_reads_and_exports_the_same_after_the_migration(
    made: tuple[Path, list[int]], tmp_path: Path
) -> None:
    p, ids = made
    old = tmp_path / "old.sqlite"
    shutil.copy(p, old)
    _make_version_4(old)  # the tables as format 4 keeps them: every string in every row
    with Workspace.open(old, readonly=True) as ws:  # read as it is: the format-4 tables themselves
        before = _outputs(ws, tmp_path / "before", ids)
    with Workspace.open(old, reviewer="张三") as ws:  # migrated to format 5
        after = _outputs(ws, tmp_path / "after", ids)
    assert (tmp_path / "old.sqlite.bak-v4").exists()
    for key in before:
        assert after[key] == before[key], key
    with Workspace.open(p, reviewer="张三") as ws:  # and a workspace made in format 5 reads the same
        made_new = _outputs(ws, tmp_path / "new", ids)
    for key in before:
        assert made_new[key] == before[key], key


def test_the_migration_shrinks_the_file_and_keeps_a_backup(
    made: tuple[Path, list[int]], tmp_path: Path
) -> None:
    p, _ids = made
    old = tmp_path / "old.sqlite"
    shutil.copy(p, old)
    _make_version_4(old)
    c = sqlite3.connect(old)
    c.execute("VACUUM")  # as a format-4 program leaves it
    c.close()
    size4 = old.stat().st_size
    with Workspace.open(old, reviewer="张三") as ws:
        assert ws.verify().ok
    assert old.stat().st_size < size4 * 0.8, (old.stat().st_size, size4)
    backup = sqlite3.connect(tmp_path / "old.sqlite.bak-v4")
    assert backup.execute("SELECT version FROM schema_version").fetchone()[0] == 4
    backup.close()
    c = sqlite3.connect(old)
    assert c.execute("SELECT version FROM schema_version").fetchone()[0] == db.SCHEMA_VERSION
    c.close()


def test_a_report_signed_in_format_4_verifies_after_the_migration_and_a_later_edit_is_caught(
    made: tuple[Path, list[int]], tmp_path: Path
) -> None:
    p, ids = made
    old = tmp_path / "old.sqlite"
    shutil.copy(p, old)
    _make_version_4(old)
    with Workspace.open(old, readonly=True) as ws:
        signed = ws.signoff(ids[0]).digest
        assert ws.verify().ok
    with Workspace.open(old, reviewer="张三") as ws:
        assert ws.verify().ok
        assert ws.signoff(ids[0]).digest == signed
        fid = ws.figures(ids[0])[0].id
    c = sqlite3.connect(old)  # a hand edit of the stored rows, after the migration
    c.execute("UPDATE figure_rows SET value = '999' WHERE id = ?", (fid,))
    c.commit()
    c.close()
    with Workspace.open(old, reviewer="张三") as ws:
        problems_found = ws.verify().problems
    assert any("签署" in x or "审核记录" in x or "导入时" in x for x in problems_found), problems_found


def test_an_edit_of_a_shared_string_is_caught(made: tuple[Path, list[int]], tmp_path: Path) -> None:
    """A string stored once stands for every row that has it: changing it changes those rows, and the
    replay sees it as their change."""
    p, _ids = made
    w = tmp_path / "w.sqlite"
    shutil.copy(p, w)
    c = sqlite3.connect(w)
    assert c.execute("SELECT count(*) FROM figures WHERE unit = '件'").fetchone()[0] > 0
    c.execute("UPDATE terms SET text = '万件' WHERE text = '件'")
    c.commit()
    c.close()
    with Workspace.open(w, reviewer="张三") as ws:
        assert any("导入时" in x for x in ws.verify().problems)


def test_a_changed_view_or_trigger_is_refused(made: tuple[Path, list[int]], tmp_path: Path) -> None:
    """The views and triggers are the program's own, recognised by their SQL: one rewritten to alter
    what the review writes is planted."""
    p, _ids = made
    w = tmp_path / "w.sqlite"
    shutil.copy(p, w)
    c = sqlite3.connect(w)
    c.execute("DROP TRIGGER figures_update")
    c.execute(
        "CREATE TRIGGER figures_update INSTEAD OF UPDATE ON figures BEGIN "
        "UPDATE figure_rows SET status = NULL WHERE id = OLD.id; END"
    )
    c.commit()
    c.close()
    from core.errors import StoreError

    with pytest.raises(StoreError, match="figures_update"):
        Workspace.open(w, reviewer="张三")


def test_a_table_cell_s_text_is_not_stored_twice(tmp_path: Path) -> None:
    """A cell's text is the report's text at the cell's span: the cell keeps its span, and the
    document read back has every cell's text as it was read."""
    from core import documents

    with Workspace.open(tmp_path / "w.sqlite") as ws:
        ids = ws.import_paths([str(SAMPLES)], workers=1).report_ids
        for rid in ids:
            doc = ws.document(rid)
            read = documents.load(ws.report(rid).path)
            assert doc.tables == read.tables
            stored = ws._conn.execute("SELECT tables FROM reports WHERE id = ?", (rid,)).fetchone()[0]
            for c in (c for t in read.tables for c in t.cells if c.text and len(c.text) > 1):
                assert f'"{c.text}"' not in stored, (c.text, ws.report(rid).path)
        assert any(ws.document(rid).tables for rid in ids)


def test_a_workspace_missing_a_trigger_is_refused_at_open(
    made: tuple[Path, list[int]], tmp_path: Path
) -> None:
    """Without its trigger a review step could not be saved: said at open, naming what is missing."""
    p, _ids = made
    w = tmp_path / "w.sqlite"
    shutil.copy(p, w)
    c = sqlite3.connect(w)
    c.execute("DROP TRIGGER indicator_values_update")
    c.commit()
    c.close()
    from core.errors import StoreError

    with pytest.raises(StoreError, match="缺少核查的触发器 indicator_values_update"):
        Workspace.open(w, reviewer="张三")


def test_a_plain_text_report_is_not_stored_twice(tmp_path: Path) -> None:
    """A text report's original is its text encoded again: nothing more is stored for it, yet the
    file comes back byte for byte; a PDF comes back byte for byte from its packed copy."""
    with Workspace.open(tmp_path / "w.sqlite") as ws:
        ids = ws.import_paths([str(SAMPLES)], workers=1).report_ids
        rows = ws._conn.execute(
            "SELECT r.path, r.format, o.packing, length(o.data), o.size FROM originals o "
            "JOIN reports r ON r.id = o.report_id"
        ).fetchall()
        for rid in ids:
            path = Path(ws.report(rid).path)
            assert ws.original_bytes(rid) == path.read_bytes(), path.name
    by_format = {fmt: (packing, stored, size) for _p, fmt, packing, stored, size in rows}
    assert by_format["txt"][0] == "text" and by_format["txt"][1] == 0
    for _p, _fmt, _packing, stored, size in rows:
        assert stored <= size  # never larger than the file
    assert {Path(p).name: size for p, _f, _k, _s, size in rows} == {
        Path(p).name: Path(p).stat().st_size for p, *_rest in rows
    }
