"""The CLI contract of DESIGN.md, and bad input: one line naming the file, exit 1, the rest goes on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REPORT = (
    "某市人民政府2023年政府信息公开工作年度报告\n全年主动公开政府信息1,234条，收到政府信息公开申请56件。\n"
)


def hecha(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gui.shell.app", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def test_text_prints_the_canonical_text(tmp_path: Path) -> None:
    p = tmp_path / "年报.txt"
    p.write_bytes(REPORT.encode("gbk"))
    r = hecha("text", str(p))
    assert r.returncode == 0
    assert r.stdout == REPORT


def test_extract_json_contract(tmp_path: Path) -> None:
    p = tmp_path / "年报.txt"
    p.write_text(REPORT, encoding="utf-8")
    r = hecha("extract", "--json", str(p))
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert {"path", "format", "sha256", "figures", "indicators", "checks"} <= out.keys()
    assert out["format"] == "txt"
    f = out["figures"][0]
    assert {
        "start",
        "end",
        "text",
        "value",
        "unit",
        "multiplier",
        "qualifier",
        "label",
        "indicator",
        "confidence",
    } <= f.keys()
    assert [(g["value"], g["unit"]) for g in out["figures"]] == [(1234, "条"), (56, "件")]
    assert REPORT[f["start"] : f["end"]] == "1,234"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("空文件.txt", b"", "文件为空"),
        ("二进制.txt", bytes(range(256)) * 40, "不是文本文件"),
        ("旧版.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".doc"),
    ],
)
def test_bad_input_one_line_exit_1_and_the_rest_goes_on(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "好.txt"
    good.write_text(REPORT, encoding="utf-8")
    r = hecha("extract", "--json", str(bad), str(good))
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert name in lines[0] and reason in lines[0]
    assert "Traceback" not in r.stderr
    out = json.loads(r.stdout)
    assert len(out) == 1 and out[0]["path"] == str(good)


def test_huge_text_file_is_refused_with_a_message(tmp_path: Path) -> None:
    big = tmp_path / "巨大.txt"
    with open(big, "wb") as f:
        f.truncate(50 << 20)  # sparse 50 MB
    r = hecha("extract", "--json", str(big))
    assert r.returncode == 1
    assert "巨大.txt" in r.stderr and "过大" in r.stderr
    assert "Traceback" not in r.stderr


def test_missing_file(tmp_path: Path) -> None:
    r = hecha("text", str(tmp_path / "不存在.txt"))
    assert r.returncode == 1
    assert "不存在.txt" in r.stderr and "文件不存在" in r.stderr


def test_undecodable_bytes_still_extract(tmp_path: Path) -> None:
    p = tmp_path / "乱码.txt"
    p.write_bytes(REPORT.encode("gbk") + b"\x81\xff" + REPORT.encode("gbk"))
    r = hecha("extract", "--json", str(p))
    assert r.returncode == 0
    out = json.loads(r.stdout)
    assert out["warnings"]
    assert len(out["figures"]) == 4


def test_password_protected_word_file_says_so(tmp_path: Path) -> None:
    """Word and WPS save an encrypted .docx as an OLE container with an EncryptionInfo stream."""
    p = tmp_path / "加密.docx"
    p.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 100
    )
    r = hecha("text", str(p))
    assert r.returncode == 1
    assert "加密" in r.stderr
    assert "Traceback" not in r.stderr


def test_json_of_a_long_report_is_streamed_whole_and_in_order(tmp_path: Path) -> None:
    """Figures are written a chunk at a time: the output is still one object, every figure in order,
    the same as the indented output that is built at once."""
    from core.cli.report_json import CHUNK

    n = 2 * CHUNK + 7
    p = tmp_path / "长报告.txt"
    p.write_text(
        "".join(f"第{k % 9 + 1}季度主动公开政府信息{k + 10}条。\n" for k in range(n)), encoding="utf-8"
    )
    other = tmp_path / "年报.txt"
    other.write_text(REPORT, encoding="utf-8")
    r = hecha("extract", "--json", str(p), str(other))
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert [o["path"] for o in out] == [str(p), str(other)]
    assert [f["value"] for f in out[0]["figures"]] == [k + 10 for k in range(n)]
    pretty = hecha("extract", "--json", "--pretty", str(p), str(other))
    assert json.loads(pretty.stdout) == out
