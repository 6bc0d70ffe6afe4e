"""Every encoding a reviewer meets, in files the test writes; a wrong guess never crashes."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from core import documents
from core.documents.encoding import decode

SIMP = "重庆市2021年政府信息公开工作年度报告\n全年共收到政府信息公开申请522件，办理行政复议6件。\n"
TRAD = "重慶市2021年政府信息公開工作年度報告\n全年共收到政府信息公開申請522件，辦理行政複議6件。\n"


@pytest.mark.parametrize(
    ("text", "raw", "expected"),
    [
        (SIMP, SIMP.encode("utf-8"), "utf-8"),
        (SIMP, codecs.BOM_UTF8 + SIMP.encode("utf-8"), "utf-8-sig"),
        (SIMP, SIMP.encode("gb18030"), "gb18030"),
        (SIMP, SIMP.encode("gbk"), "gb18030"),
        (SIMP, SIMP.encode("gb2312"), "gb18030"),
        (TRAD, TRAD.encode("big5"), "big5"),
        (TRAD, TRAD.encode("gb18030"), "gb18030"),
        (SIMP, codecs.BOM_UTF16_LE + SIMP.encode("utf-16-le"), "utf-16-le"),
        (SIMP, codecs.BOM_UTF16_BE + SIMP.encode("utf-16-be"), "utf-16-be"),
        (SIMP, SIMP.encode("utf-16-le"), "utf-16-le"),
        (SIMP, SIMP.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_encodings_are_detected_and_named(tmp_path: Path, text: str, raw: bytes, expected: str) -> None:
    p = tmp_path / "报告.txt"
    p.write_bytes(raw)
    doc = documents.load(p)
    assert doc.text == text
    assert doc.encoding == expected
    assert not doc.warnings


def test_ascii_utf16_without_bom() -> None:
    text, enc = decode("Report 2021: 522 applications\n".encode("utf-16-le"))
    assert enc == "utf-16-le"
    assert text.startswith("Report")


def test_undecodable_bytes_are_replaced_and_reported(tmp_path: Path) -> None:
    raw = SIMP.encode("gb18030") + b"\xff\xff\xfe" + SIMP.encode("gb18030")
    p = tmp_path / "坏字节.txt"
    p.write_bytes(raw)
    doc = documents.load(p)
    assert "政府信息公开" in doc.text
    assert doc.warnings and "�" in doc.warnings[0]


@pytest.mark.parametrize("seed", range(20))
def test_random_bytes_never_crash_the_decoder(seed: int) -> None:
    import random

    rnd = random.Random(seed)
    data = bytes(rnd.randrange(0x80, 0x100) for _ in range(rnd.randrange(1, 300)))
    text, enc = decode(data)
    assert isinstance(text, str)
    assert enc


def test_a_long_text_converts_in_pieces_as_it_would_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """Long texts go to OpenCC a piece at a time (memory); the result and its length are the same."""
    from core import textnorm

    text = "".join(f"第{k}條：本機關主動公開政府資訊{k}條，辦理行政複議{k % 7}件。\n" for k in range(400))
    whole = textnorm.to_simplified(text)
    monkeypatch.setattr(textnorm, "CHUNK", 100)
    pieces = textnorm.to_simplified(text)
    assert pieces == whole and len(pieces) == len(text)
    assert "本机关主动公开政府资讯" in pieces or "本机关主动公开政府信息" in pieces
