"""Importing folders: skips what is stored, lists per-file errors, survives being killed."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from store_helpers import write_corpus

from core import pipeline
from core.store import Workspace, codec

ROOT = Path(__file__).resolve().parents[3]


def test_import_folder_recursively_and_reimport_adds_nothing(ws: Workspace, tmp_path: Path) -> None:
    write_corpus(tmp_path / "in" / "a", 5)
    write_corpus(tmp_path / "in" / "b" / "deeper", 3, seed=2)
    (tmp_path / "in" / "notes.xyz").write_text("不是报告")
    seen: list[tuple[int, int]] = []
    r = ws.import_paths([tmp_path / "in"], progress=lambda d, t: seen.append((d, t)))
    assert (r.added, r.skipped, r.errors) == (8, 0, [])
    assert seen[-1] == (8, 8)
    r2 = ws.import_paths([tmp_path / "in"])
    assert (r2.added, r2.skipped) == (0, 8)
    assert len(ws.reports()) == 8


def test_bad_files_are_listed_and_the_rest_goes_on(ws: Workspace, tmp_path: Path) -> None:
    good = write_corpus(tmp_path / "in", 2)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "binary.txt").write_bytes(bytes(range(256)) * 10)
    r = ws.import_paths([tmp_path / "in", tmp_path / "missing.txt"])
    assert r.added == len(good)
    bad = {Path(p).name: msg for p, msg in r.errors}
    assert set(bad) == {"empty.txt", "binary.txt", "missing.txt"}
    assert "空" in bad["empty.txt"] and "不存在" in bad["missing.txt"]


def test_cancel_stops_between_files(ws: Workspace, tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 10)
    done: list[int] = []
    r = ws.import_paths(
        [tmp_path / "in"], progress=lambda d, t: done.append(d), cancelled=lambda: len(done) > 3
    )
    assert r.cancelled and 0 < r.added < 10
    assert len(ws.reports()) == r.added


def test_stored_report_matches_a_fresh_analysis(ws: Workspace, tmp_path: Path) -> None:
    [p] = write_corpus(tmp_path / "in", 1)
    ws.import_paths([p])
    [row] = ws.reports()
    ex = pipeline.analyse(p)
    assert [(f.start, f.value) for f in ws.figures(row.id)] == [(f.start, f.value) for f in ex.figures]
    assert ws.document(row.id).text == p.read_text(encoding="utf-8")
    assert ws.original_bytes(row.id) == p.read_bytes()


KILL_SCRIPT = """
import sys
from core.store import Workspace

def progress(done, total):
    print(done, flush=True)

if __name__ == "__main__":
    with Workspace.open(sys.argv[1]) as ws:
        ws.import_paths([sys.argv[2]], progress=progress, workers=int(sys.argv[3]))
"""


def _has_reports_table(conn: sqlite3.Connection) -> bool:
    """False for a file killed while its tables were being created: the next open creates them."""
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'reports'").fetchone() is not None


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(db)
    try:
        if not _has_reports_table(conn):
            return 0
        return int(conn.execute("SELECT count(*) FROM reports").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.slow  # ~4 s: kills import processes
def test_killed_imports_leave_only_complete_reports(tmp_path: Path) -> None:
    n = 300
    files = write_corpus(tmp_path / "in", n)
    expected = {p.read_bytes(): len(pipeline.analyse(p).figures) for p in files}
    db = tmp_path / "w.sqlite"
    script = tmp_path / "imp.py"
    script.write_text(KILL_SCRIPT)
    rng = random.Random(4)
    kills = 0
    while kills < 20:
        remaining = n - _count(db)
        if remaining == 0:  # all done: start over so every kill lands in a running import
            for f in tmp_path.glob("w.sqlite*"):
                f.unlink()
            remaining = n
        proc = subprocess.Popen(
            [sys.executable, str(script), str(db), str(tmp_path / "in"), str(1 + kills % 2)],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert proc.stdout is not None
        target = rng.randint(0, remaining - 1) if rng.random() < 0.9 else -1
        if target < 0:
            time.sleep(rng.uniform(0.0, 0.3))  # sometimes while it is still opening the workspace
        else:
            for line in proc.stdout:
                if int(line) - (n - remaining) >= target:
                    break
            time.sleep(rng.uniform(0.0, 0.01))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait()
        proc.stdout.close()
        _assert_complete(db, expected)
    with Workspace.open(db) as ws:
        r = ws.import_paths([tmp_path / "in"])
        assert r.errors == []
        assert len(ws.reports()) == n
    _assert_complete(db, expected)


def _assert_complete(db: Path, expected: dict[bytes, int]) -> None:
    if not db.exists():
        return
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        if not _has_reports_table(conn):
            return
        rows = conn.execute(
            "SELECT o.data, o.packing, r.text, r.encoding, (SELECT count(*) FROM figures f WHERE f.report_id = r.id) "
            "FROM reports r LEFT JOIN originals o ON o.report_id = r.id"
        ).fetchall()
        for data, packing, text, encoding, n in rows:
            assert data is not None, "report without its original file"
            original = codec.unpack_original(bytes(data), packing, codec.unpack_text(text), encoding)
            assert n == expected[original], "report with missing figures"
    finally:
        conn.close()


def test_word_and_wps_files_in_a_folder_are_listed_not_passed_over(ws: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "收件箱"
    folder.mkdir()
    (folder / "报告.txt").write_text(
        "某区2023年政府信息公开工作年度报告\n主动公开信息77条。\n", encoding="utf-8"
    )
    (folder / "旧报告.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    (folder / "表格.wps").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    (folder / "~$报告.docx").write_bytes(b"lock")
    r = ws.import_paths([folder])
    assert r.added == 1
    assert sorted(Path(p).name for p, _ in r.errors) == ["旧报告.doc", "表格.wps"]
    assert all("另存为 .docx" in msg for _, msg in r.errors)
