"""Bad workspaces: not SQLite, another program's database, newer version, read-only, disk full."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from store_helpers import extraction

from core.errors import StoreError
from core.store import Workspace, db


def _make(path: Path) -> int:
    with Workspace.open(path) as ws:
        return ws.add_report(extraction())


def test_a_text_file_is_refused_untouched(tmp_path: Path) -> None:
    p = tmp_path / "notes.sqlite"
    p.write_text("这不是数据库\n" * 100, encoding="utf-8")
    before = p.read_bytes()
    with pytest.raises(StoreError, match="不是核查工作区") as e:
        Workspace.open(p)
    assert str(p) in str(e.value)
    assert p.read_bytes() == before


def test_another_programs_database_is_refused_untouched(tmp_path: Path) -> None:
    p = tmp_path / "other.db"
    conn = sqlite3.connect(p)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('王五')")
    conn.commit()
    conn.close()
    before = p.read_bytes()
    with pytest.raises(StoreError, match="不是核查工作区"):
        Workspace.open(p)
    assert p.read_bytes() == before


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="文件夹"):
        Workspace.open(tmp_path)


def test_newer_schema_version_is_refused_and_kept(tmp_path: Path) -> None:
    p = tmp_path / "w.sqlite"
    _make(p)
    conn = sqlite3.connect(p)
    conn.execute("UPDATE schema_version SET version = 99")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="更新版本"):
        Workspace.open(p)
    conn = sqlite3.connect(p)
    assert conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 1
    conn.close()


def test_a_workspace_of_a_newer_format_with_views_of_its_own_says_to_upgrade(tmp_path: Path) -> None:
    """A newer program stores its rows in ways of its own, behind views and triggers this one does not
    know: the file is not damaged nor tampered with, and the message says to upgrade (a colleague's
    older copy of the program opening the file, say), leaving the file as it was."""
    p = tmp_path / "w.sqlite"
    _make(p)
    conn = sqlite3.connect(p)
    conn.execute("UPDATE schema_version SET version = ?", (db.SCHEMA_VERSION + 1,))
    conn.execute("DROP TRIGGER figures_insert")
    conn.execute("DROP VIEW checks")
    conn.execute("CREATE VIEW checks AS SELECT * FROM check_rows")
    conn.commit()
    conn.close()
    before = p.read_bytes()
    with pytest.raises(StoreError, match="更新版本的核查创建") as e:
        Workspace.open(p)
    assert "备份" not in str(e.value) and "核查没有创建" not in str(e.value)
    assert p.read_bytes() == before


def test_older_workspace_is_backed_up_then_migrated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "w.sqlite"
    rid = _make(p)

    def add_note(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE reports ADD COLUMN note TEXT NOT NULL DEFAULT ''")

    now = db.SCHEMA_VERSION  # the current format, which the test file was made in
    monkeypatch.setattr(db, "SCHEMA_VERSION", now + 1)
    monkeypatch.setitem(db.MIGRATIONS, now, add_note)
    with Workspace.open(p) as ws:
        assert ws.report(rid).issuer == "甲市人民政府"
    backup = tmp_path / f"w.sqlite.bak-v{now}"
    assert backup.exists()
    b = sqlite3.connect(backup)
    assert b.execute("SELECT version FROM schema_version").fetchone()[0] == now
    assert b.execute("SELECT count(*) FROM reports").fetchone()[0] == 1
    b.close()
    c = sqlite3.connect(p)
    assert c.execute("SELECT version FROM schema_version").fetchone()[0] == now + 1
    assert c.execute("SELECT note FROM reports").fetchone()[0] == ""
    c.close()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can write read-only files")
def test_read_only_file_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    p = tmp_path / "w.sqlite"
    _make(p)
    p.chmod(0o444)
    try:
        with pytest.raises(StoreError, match="只读"):
            Workspace.open(p)
        with Workspace.open(p, readonly=True) as ws:
            assert len(ws.reports()) == 1
    finally:
        p.chmod(0o644)


def test_read_only_attribute_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "w.sqlite"
    _make(p)
    real = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: False if mode == os.W_OK else real(path, mode))
    with pytest.raises(StoreError, match="只读"):
        Workspace.open(p)


def test_read_only_workspace_reads_but_refuses_writes(tmp_path: Path) -> None:
    p = tmp_path / "w.sqlite"
    rid = _make(p)
    with Workspace.open(p, readonly=True) as ws:
        fid = ws.figures(rid)[0].id
        with pytest.raises(StoreError, match="只读"):
            ws.confirm(fid)
    with Workspace.open(p) as ws:
        assert ws.events() == []


def test_full_disk_loses_nothing(tmp_path: Path) -> None:
    p = tmp_path / "w.sqlite"
    with Workspace.open(p) as ws:
        rid = ws.add_report(extraction())
        fid = ws.figures(rid)[0].id
        ws.confirm(fid)
        pages = ws._conn.execute("PRAGMA page_count").fetchone()[0]
        ws._conn.execute(f"PRAGMA max_page_count = {pages}")
        big = extraction(
            text="本年度主动公开信息120条，收到申请35件。\n" + "文" * 400_000 + "\n表格\n新收 35\n"
        )
        with pytest.raises(StoreError, match="磁盘空间已满") as e:
            ws.add_report(big, original=b"x" * 1_000_000)
        assert str(p) in str(e.value)
        assert len(ws.reports()) == 1
        assert ws.figures(rid)[0].status == "confirmed"
        assert ws.integrity_ok()
        ws._conn.execute("PRAGMA max_page_count = 1073741823")
        ws.add_report(big)
        assert len(ws.reports()) == 2
