"""A web page whose ``<meta charset>`` lies (a UTF-8 page labelled gb2312, a GBK page labelled utf-8)
is read in the encoding its bytes are in, with a load warning naming the declared and the used one."""

from __future__ import annotations

from pathlib import Path

import pytest

from core import documents

BODY = "<p>平潭综合实验区2023年度政府信息公开工作年度报告</p><p>本年共收到政府信息公开申请12件，均已按时答复。</p>"


def _page(declared: str) -> str:
    return f"<html><head><meta http-equiv='Content-Type' content='text/html; charset={declared}'></head><body>{BODY}</body></html>"


@pytest.mark.parametrize(
    ("declared", "actual"),
    [("gb2312", "utf-8"), ("GBK", "utf-8"), ("utf-8", "gb18030"), ("big5", "utf-8")],
)
def test_lying_meta_charset_is_overruled_and_reported(tmp_path: Path, declared: str, actual: str) -> None:
    path = tmp_path / "r.html"
    path.write_bytes(_page(declared).encode(actual))
    doc = documents.load(path)
    assert "本年共收到政府信息公开申请12件" in doc.text
    assert doc.year == 2023
    assert any(declared in w and actual.split("-")[0] in w for w in doc.warnings), doc.warnings


@pytest.mark.parametrize("declared", ["gb2312", "utf-8"])
def test_truthful_meta_charset_has_no_warning(tmp_path: Path, declared: str) -> None:
    path = tmp_path / "r.html"
    path.write_bytes(_page(declared).encode("gb18030" if declared == "gb2312" else "utf-8"))
    doc = documents.load(path)
    assert "申请12件" in doc.text
    assert doc.warnings == ()


def test_big5_page_labelled_gb2312_is_read_as_big5(tmp_path: Path) -> None:
    """Big5 bytes mostly decode as GB18030 too, into rare characters: the score of common characters
    tells the two apart."""
    page = "<html><head><meta charset='gb2312'></head><body><p>本機關共收到政府資訊公開申請12件，均已按時答覆。</p></body></html>"
    path = tmp_path / "r.html"
    path.write_bytes(page.encode("big5"))
    doc = documents.load(path)
    assert "申請12件" in doc.text
    assert any("big5" in w for w in doc.warnings)
