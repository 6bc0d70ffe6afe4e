"""The sign-off from the command line, for offices that script their workflow: ``hecha verify`` finds
every kind of hand edit and names it; ``reopen``, ``approve`` and ``return`` apply the store's rules."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from store_helpers import extraction
from test_provable_signoff import _approved

from core import cli
from core.store import Workspace


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = cli.main(list(argv))
    got = capsys.readouterr()
    return code, got.out + got.err


def _workspace(tmp_path: Path) -> tuple[Path, int]:
    p = tmp_path / "w.sqlite"
    with Workspace.open(p, reviewer="张三") as ws:
        rid = _approved(ws)
        ws.add_report(extraction(salt="another"))
    return p, rid


def _sql(p: Path, *statements: str) -> None:
    conn = sqlite3.connect(p)
    conn.execute("PRAGMA foreign_keys = OFF")
    for s in statements:
        conn.execute(s)
    conn.commit()
    conn.close()


EDITS: dict[str, Callable[[int], tuple[str, ...]]] = {
    "an edited value": lambda rid: (
        f"UPDATE indicator_values SET value = '31337' WHERE report_id = {rid} AND indicator = 't3.new.natural'",
    ),
    "an edited event": lambda rid: (
        f"UPDATE review_events SET new = '999' WHERE id = (SELECT min(id) FROM review_events WHERE report_id = {rid})",
    ),
    "a deleted event": lambda rid: (
        f"DELETE FROM review_events WHERE id = (SELECT min(id) + 1 FROM review_events WHERE report_id = {rid})",
    ),
    "a renamed reviewer": lambda rid: (
        f"UPDATE review_events SET reviewer = '王五' WHERE report_id = {rid} AND action = 'approve'",
    ),
    "a planted trigger": lambda rid: (
        "CREATE TRIGGER rewrite AFTER UPDATE OF status ON reports BEGIN "
        "UPDATE indicator_values SET value = '0' WHERE report_id = NEW.id; END",
    ),
}
EXPECT = {
    "an edited value": "指标 t3.new.natural 的值或状态没有审核记录",
    "an edited event": "哈希链在此断开",
    "a deleted event": "被删除",
    "a renamed reviewer": "复核通过）在核查之外被改动",
    "a planted trigger": "触发器 rewrite",
}


def test_verify_passes_a_sound_workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p, _rid = _workspace(tmp_path)
    code, out = _run(capsys, "verify", "--db", str(p))
    assert code == 0 and "校验通过" in out


@pytest.mark.parametrize("edit", list(EDITS))
def test_verify_finds_each_hand_edit_and_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], edit: str
) -> None:
    p, rid = _workspace(tmp_path)
    _sql(p, *EDITS[edit](rid))
    code, out = _run(capsys, "verify", "--db", str(p))
    print(f"{edit}: {out}")  # noqa: T201 (quoted in the closing note)
    assert code == 1 and "校验未通过" in out and EXPECT[edit] in out


def test_reopen_approve_and_return_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p, rid = _workspace(tmp_path)
    code, out = _run(capsys, "reopen", "--db", str(p), "--report", str(rid), "--as", "张三", "--reason", " ")
    assert code == 2  # no reason
    code, out = _run(
        capsys, "reopen", "--db", str(p), "--report", str(rid), "--as", "张三", "--reason", "来函更正"
    )
    assert code == 0 and "in_review" in out
    with Workspace.open(p, reviewer="张三") as ws:
        ws.set_report_status(rid, "done")
    code, out = _run(capsys, "approve", "--db", str(p), "--report", str(rid), "--as", "張三")
    assert code == 1 and "不能复核自己" in out  # 張三 is 张三
    code, out = _run(
        capsys, "return", "--db", str(p), "--report", str(rid), "--as", "李四", "--reason", "再核表三"
    )
    assert code == 0 and "returned" in out
    with Workspace.open(p, reviewer="张三") as ws:
        ws.set_report_status(rid, "done")
    code, out = _run(capsys, "approve", "--db", str(p), "--report", str(rid), "--as", "李四")
    assert code == 0 and "approved" in out
    code, out = _run(capsys, "verify", "--db", str(p))
    assert code == 0
