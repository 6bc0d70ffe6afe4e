"""``hecha record`` prints what the workspace proves: a value edited in the file (62 → 31337) is not
printed as 已确认 under a 复核通过 — the record is refused, naming the value; a sound one prints its
digest, and the reason and what was left open when 已完成 was given with some left open."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "core" / "store"))

from store_helpers import extraction  # noqa: E402

from core.store import Workspace  # noqa: E402


def _record(db: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gui.shell.app", "record", "--db", str(db), "--pdf", str(out), "--done"],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip


def test_hecha_record_refuses_a_signed_report_edited_in_the_file(tmp_path: Path) -> None:
    db = tmp_path / "w.sqlite"
    with Workspace.open(db, reviewer="张三") as ws:
        ws.set_reviewers("张三", "李四")
        rid = ws.add_report(extraction())
        ws.set_report_status(rid, "done", override="正文数字另行核对")
        digest = ws.signoff(rid).digest
    from core.export import record

    with Workspace.open(db, readonly=True) as ws:
        page = record.html(record.load(ws, [rid]))
    assert digest in page and "正文数字另行核对" in page and "3 个数字未核对" in page
    assert _record(db, tmp_path / "ok.pdf").returncode == 0
    conn = sqlite3.connect(db)
    conn.execute("UPDATE indicator_values SET value = '31337' WHERE indicator = 't3.new.natural'")
    conn.commit()
    conn.close()
    r = _record(db, tmp_path / "bad.pdf")
    assert r.returncode == 1 and "未通过校验" in r.stderr and "t3.new.natural" in r.stderr
    assert not (tmp_path / "bad.pdf").exists()
