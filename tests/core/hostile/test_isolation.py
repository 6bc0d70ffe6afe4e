"""No file can take the import down: each is read in a worker process with limits, and a reader that
aborts, exhausts its memory or sends back too much fails that file only — the batch stores the rest."""

from __future__ import annotations

import sys
from pathlib import Path

import bombs
import pytest
from store_helpers import write_corpus

from core import isolation
from core.isolation import Limits
from core.store import Workspace

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="address-space limits are POSIX")


def _outcomes(jobs: list[tuple[str, bytes | None]], limits: Limits) -> dict[str, str | None]:
    out = {}
    for path, rows, err in isolation.analysed(jobs, 2, lambda: False, limits):
        out[Path(path).name] = None if rows is not None else str(err)
    return out


def test_an_aborting_reader_fails_its_file_and_the_folder_is_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader aborting as PDFium did (SIGABRT inside C): 25 good reports and the bad file in one
    folder give 25 stored reports and one failure naming the file."""
    folder = tmp_path / "报告"
    good = write_corpus(folder, 25)
    (folder / "中止.pdf").write_bytes(bombs.one_page(bombs.text_page(["Total 12 items"])))
    monkeypatch.setenv(isolation.ABORT_HOOK, "中止.pdf")
    with Workspace.open(tmp_path / "w.sqlite", "张三") as ws:
        r = ws.import_paths([folder], workers=2)
    assert r.added == len(good)
    [(name, reason)] = r.errors
    assert name.endswith("中止.pdf") and "异常中止" in reason and "其他文件照常导入" in reason


def test_the_file_given_ahead_to_a_worker_that_aborts_is_read_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker is given its next file while it reads the current one: when the current one takes the
    worker down, the file given ahead is read by the new worker, not lost."""
    bad = tmp_path / "中止.txt"
    bad.write_text("本年新收申请 12 件。", "utf-8")
    good = write_corpus(tmp_path / "好", 3)
    monkeypatch.setenv(isolation.ABORT_HOOK, "中止.txt")
    jobs = [(str(bad), None)] + [(str(p), None) for p in good]
    out = {}
    for path, rows, err in isolation.analysed(jobs, 1, lambda: False):
        out[Path(path).name] = None if rows is not None else str(err)
    assert out.pop("中止.txt") is not None
    assert out == {p.name: None for p in good}


def test_a_file_given_to_a_worker_already_gone_is_read_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker can die between two files given to it (a reader aborting on the file it reads): the
    file then sent to it finds the pipe closed. That file is read by the new worker, not lost, not
    blamed, and the batch goes on (it used to end the batch with a BrokenPipeError, 1 time in 7)."""
    good = write_corpus(tmp_path / "好", 4)
    given, give = [], isolation._Worker.give

    def give_after_a_death(w: isolation._Worker, number: int, job: isolation.Job) -> bool:
        given.append(job[0])
        if len(given) == 3:  # the worker dies while it reads the second file
            w.process.kill()
            w.process.join(5)
        return give(w, number, job)

    monkeypatch.setattr(isolation._Worker, "give", give_after_a_death)
    out = {}
    for path, rows, err in isolation.analysed([(str(p), None) for p in good], 1, lambda: False):
        out[Path(path).name] = None if rows is not None else str(err)
    names = [p.name for p in good]
    assert set(out) == set(names)  # every file has its outcome
    # the file it was reading failed with the worker, unless it was done and sent back before
    assert out[names[1]] is None or "异常" in out[names[1]] or "终止" in out[names[1]], out[names[1]]
    assert [out[n] for n in (names[0], names[2], names[3])] == [None, None, None]


def test_a_reader_past_its_memory_limit_fails_its_file_only(tmp_path: Path) -> None:
    """A real memory bomb under the limit: PDFium inflating a 200 MB content stream (within the
    inflation bounds) in a worker allowed 150 MB more than it starts with."""
    bomb = tmp_path / "内存.pdf"
    bomb.write_bytes(bombs.inflating(200 << 20))
    [good] = write_corpus(tmp_path / "好", 1)
    out = _outcomes([(str(bomb), None), (str(good), None)], Limits(memory=150 << 20))
    assert out[good.name] is None
    reason = out["内存.pdf"]
    assert reason is not None and ("内存" in reason) and "Error" not in reason


def test_a_reader_sending_back_too_much_fails_its_file_only(tmp_path: Path) -> None:
    files = write_corpus(tmp_path / "r", 3)
    out = _outcomes([(str(p), None) for p in files], Limits(output=1000))
    assert all(r is not None and "读取结果过大" in r for r in out.values())


def test_a_reader_past_its_time_fails_its_file_only(tmp_path: Path) -> None:
    """The wall-clock limit (the CPU limit's backstop where there is none): a reader still busy
    past it is stopped and the next file is read by a new worker."""
    big = tmp_path / "慢.txt"
    big.write_text("本年新收申请 12 件。\n" * 200_000, "utf-8")
    files = write_corpus(tmp_path / "r", 2)
    jobs = [(str(p), None) for p in files] + [(str(big), None)]  # the good ones first: no warm-up counts
    out = _outcomes(jobs, Limits(wall_seconds=1.5))
    assert out["慢.txt"] is not None and "秒" in out["慢.txt"]
    assert all(out[p.name] is None for p in files)


def test_the_import_says_what_it_will_read_by_kind(tmp_path: Path) -> None:
    folder = tmp_path / "报告"
    write_corpus(folder, 3)
    (folder / "a.pdf").write_bytes(bombs.one_page(bombs.text_page(["Total 12 items"])))
    said: list[str] = []
    with Workspace.open(tmp_path / "w.sqlite", "张三") as ws:
        r = ws.import_paths([folder], announce=said.append)
    assert said == ["将读取 4 个文件：文本 3 个、PDF 1 个"] and r.plan == said[0]


def test_a_fork_server_worker_reads_a_slow_file_to_the_end(tmp_path: Path) -> None:
    """With threads running (the window), workers come from a fork server, whose child they are:
    a worker busy past its first half second is not mistaken for an orphan."""
    import threading

    stop = threading.Event()
    t = threading.Thread(target=stop.wait, daemon=True)
    t.start()
    try:
        assert type(isolation._context()).__name__ == "ForkServerContext"
        slow = tmp_path / "慢.txt"
        slow.write_text("本年新收申请 12 件。\n" * 40_000, "utf-8")
        out = _outcomes([(str(slow), None)], LIMITS_DEFAULT)
    finally:
        stop.set()
        t.join()
    assert out["慢.txt"] is None


LIMITS_DEFAULT = Limits()


def test_pdfium_aborting_for_memory_fails_its_file_and_the_folder_is_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real abort, no hook: PDFium inflating a 250 MB content stream (within the inflation bounds)
    in a worker allowed 300 MB aborts inside C (SIGABRT, as the red team's 157 KB PDF did at 5.7 GB);
    the 25 good reports of its folder are stored."""
    folder = tmp_path / "报告"
    good = write_corpus(folder, 25)
    (folder / "炸弹.pdf").write_bytes(bombs.inflating(250 << 20))
    monkeypatch.setattr(isolation, "LIMITS", Limits(memory=300 << 20))
    with Workspace.open(tmp_path / "w.sqlite", "张三") as ws:
        r = ws.import_paths([folder], workers=2)
    assert r.added == len(good)
    [(name, reason)] = r.errors
    assert name.endswith("炸弹.pdf") and "内存" in reason and "其他文件照常导入" in reason


def test_a_page_drawing_helper_that_aborts_is_that_pages_failure_and_the_next_is_drawn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window's page drawing: one long-lived helper process answers page after page; one that
    aborts is that page's failure, worded for a page, and a new process draws the next page once it
    is given the document again."""
    from core import messages
    from core.documents import pdf_pages

    data = bombs.one_page(bombs.text_page(["Total 12 items"]))
    helper = isolation.Helper(pdf_pages.TASK, messages.DRAWING)
    try:
        pixels, failure = helper.ask(("好.pdf", "k", data, 0, 1.0))
        assert failure is None and pixels is not None and pixels.width > 0 and pixels.data
        again, _ = helper.ask(("好.pdf", "k", None, 0, 0.5))  # the same process keeps the document open
        assert again is not None and again.width < pixels.width and helper.started == 1
        monkeypatch.setenv(isolation.ABORT_HOOK, "中止.pdf")
        helper.close()
        helper = isolation.Helper(pdf_pages.TASK, messages.DRAWING)
        pixels, failure = helper.ask(("中止.pdf", "k", data, 0, 1.0))
        assert pixels is None and failure is not None
        assert "显示此页时绘制程序异常中止" in failure and "报告的文字、数字和核查不受影响" in failure
        monkeypatch.delenv(isolation.ABORT_HOOK)
        pixels, failure = helper.ask(("好.pdf", "k", None, 0, 1.0))  # a new process holds no document
        assert (pixels, failure) == (None, pdf_pages.NOT_OPEN) and helper.started == 2
        pixels, failure = helper.ask(("好.pdf", "k", data, 0, 1.0))
        assert failure is None and pixels is not None
    finally:
        helper.close()


def test_a_helper_interrupted_mid_job_fails_that_job_at_once_and_answers_the_next(tmp_path: Path) -> None:
    """A job no longer wanted (a page of a report the reviewer has left) is stopped, so the next job
    does not wait behind it."""
    import threading
    import time

    from core import messages
    from core.cli import reading

    slow = tmp_path / "慢.txt"
    slow.write_text("本年新收申请 12 件。\n" * 200_000, "utf-8")
    [good] = write_corpus(tmp_path / "r", 1)
    helper = isolation.Helper(reading.EXTRACT, messages.READING)
    answers: list[tuple[object, str | None]] = []
    try:
        asking = threading.Thread(target=lambda: answers.append(helper.ask((str(slow), None, reading.DICT))))
        asking.start()
        time.sleep(1.0)  # under way: the slow file takes far longer
        t = time.monotonic()
        helper.interrupt()
        asking.join(10)
        assert time.monotonic() - t < 5 and not asking.is_alive()
        [(result, failure)] = answers
        assert result is None and failure is not None
        result, failure = helper.ask((str(good), None, reading.DICT))
        assert failure is None and result is not None and result["figures"]
        assert helper.started == 2
    finally:
        helper.close()
