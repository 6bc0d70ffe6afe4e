"""``hecha extract`` and ``hecha text`` read each file in a worker process with the import's limits: a
reader that aborts (PDFium inside C) or passes a limit is that file's one Chinese line on stderr and
exit status 1, and the other files on the same command line are still read, in the order given."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import bombs
import pytest
from hostile_helpers import SAMPLES, CliResult, one_clean_line
from store_helpers import write_corpus

from core import isolation
from core.isolation import Limits

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the abort hook and memory limits are POSIX")


def _aborting(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A PDF whose reader aborts as PDFium did on the red team's 157 KB file (SIGABRT inside C)."""
    bad = folder / "中止.pdf"
    bad.write_bytes(bombs.one_page(bombs.text_page(["Total 12 items"])))
    monkeypatch.setenv(isolation.ABORT_HOOK, "中止.pdf")
    return bad


@pytest.mark.parametrize("pretty", [False, True])
def test_extract_goes_on_past_a_file_whose_reader_aborts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., CliResult], pretty: bool
) -> None:
    first, last = write_corpus(tmp_path, 2)
    bad = _aborting(tmp_path, monkeypatch)
    code, out, err = cli(
        "extract", "--json", *(["--pretty"] if pretty else []), str(first), str(bad), str(last)
    )
    assert code == 1
    one_clean_line(err)
    assert err.count("\n") == 1 and str(bad) in err
    assert "异常中止" in err and "其他文件照常读取" in err and "导入" not in err
    assert [o["path"] for o in json.loads(out)] == [str(first), str(last)]
    assert all(o["figures"] for o in json.loads(out))


def test_extract_listing_goes_on_past_an_aborting_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., CliResult]
) -> None:
    [good] = write_corpus(tmp_path, 1)
    bad = _aborting(tmp_path, monkeypatch)
    code, out, err = cli("extract", str(bad), str(good))
    assert code == 1 and "中止.pdf" in err and "异常中止" in err
    assert out.startswith(str(good)) and "条" in out


def test_text_of_a_file_whose_reader_aborts_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., CliResult]
) -> None:
    bad = _aborting(tmp_path, monkeypatch)
    code, out, err = cli("text", str(bad))
    assert (code, out) == (1, "")
    one_clean_line(err)
    assert str(bad) in err and "异常中止" in err


def test_last_years_report_whose_reader_aborts_is_said_and_nothing_else_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., CliResult]
) -> None:
    [good] = write_corpus(tmp_path, 1)
    bad = _aborting(tmp_path, monkeypatch)
    code, out, err = cli("extract", "--json", "--previous", str(bad), str(good))
    assert (code, out) == (1, "")
    one_clean_line(err)
    assert "上一年度报告无法读取" in err and str(bad) in err and "异常中止" in err


def test_last_years_values_reach_the_carry_check_across_workers(cli: Callable[..., CliResult]) -> None:
    """Last year's report is read in a worker, then again by the worker reading this year's: its
    values still reach the cross-year carry check, on every file given."""
    this = SAMPLES / "示范市政府办公室2023年政府信息公开工作年度报告.txt"
    last = SAMPLES / "示範市政府辦公室2022年政府信息公開工作年度報告.txt"
    code, out, err = cli("extract", "--json", "--previous", str(last), str(this), str(this))
    assert code == 0, err
    for report in json.loads(out):
        assert any(c["rule"] == "cross_year.carry" for c in report["checks"])
    code, out, _ = cli("extract", "--json", str(this))
    assert not any(c["rule"] == "cross_year.carry" for c in json.loads(out)["checks"])
    # a file given as last year's and as this year's too is read as each, in its place
    code, out, err = cli("extract", "--json", "--previous", str(this), str(last), str(this))
    assert code == 0, err
    assert [o["path"] for o in json.loads(out)] == [str(last), str(this)]


def test_pdfium_aborting_for_memory_fails_its_file_and_the_others_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., CliResult]
) -> None:
    """A real abort, no hook: PDFium inflating a 250 MB content stream in a worker allowed 300 MB
    aborts inside C — before, it took ``hecha extract`` and every file after it down."""
    bomb = tmp_path / "炸弹.pdf"
    bomb.write_bytes(bombs.inflating(250 << 20))
    first, last = write_corpus(tmp_path / "好", 2)
    monkeypatch.setattr(isolation, "LIMITS", Limits(memory=300 << 20))
    code, out, err = cli("extract", "--json", str(first), str(bomb), str(last))
    assert code == 1
    one_clean_line(err)
    assert "炸弹.pdf" in err and "内存" in err
    assert [o["path"] for o in json.loads(out)] == [str(first), str(last)]
