"""A garbled PDF says how many of its glyphs could not be read: every glyph drawn with a font that
gives it no Unicode (no ToUnicode map) is counted, whatever its raw code. Before, only glyphs whose
code was no common character were counted: a subset font's glyph ids 1, 2, 3 … (read as control
characters and dropped) and those landing on a letter, a digit or a hanzi went unsaid."""

from __future__ import annotations

from pathlib import Path

import bombs
import pytest

from core import documents

# A subset-style CID font (Identity-H, not embedded) without a ToUnicode map: each 2-byte code is a
# glyph id, which PDFium gives as the character's code.
NO_MAP_CID = (
    b"<< /Type /Font /Subtype /Type0 /BaseFont /SubsetSong /Encoding /Identity-H /DescendantFonts"
    b" [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SubsetSong"
    b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>] >>"
)
# A simple font whose /Differences name glyphs no Unicode table knows.
NO_MAP_SIMPLE = (
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica"
    b" /Encoding << /Type /Encoding /Differences [1 /g1 /g2 /g3 65 /gA /gB /gC] >> >>"
)


def _pdf(shown: bytes, font: bytes) -> bytes:
    """One page: a mapped line (Helvetica), then ``shown`` drawn with ``font``."""
    content = b"BT /F1 12 Tf 72 720 Td (Received 37 requests) Tj 0 -20 Td /F2 12 Tf " + shown + b" Tj ET"
    return bombs.pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
            bombs.stream(content),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            font,
        ]
    )


def _glyph_ids(ids: list[int]) -> bytes:
    return b"<" + b"".join(b"%04X" % g for g in ids) + b">"


@pytest.mark.parametrize(
    ("shown", "font", "total", "replaced", "guessed"),
    [
        # glyph ids 1–9 (control codes), 0x41 0x42 (A, B), 0x4E2D (中), 0x1234 (no common character)
        (_glyph_ids([*range(1, 10), 0x41, 0x42, 0x4E2D, 0x1234]), NO_MAP_CID, 13, 10, 3),
        # codes 1–3 and 65–67 (A, B, C) named by /Differences with names nothing maps
        (b"(\x01\x02\x03ABC)", NO_MAP_SIMPLE, 6, 3, 3),
    ],
)
def test_every_unmapped_glyph_is_counted_in_the_load_warning(
    tmp_path: Path, shown: bytes, font: bytes, total: int, replaced: int, guessed: int
) -> None:
    p = tmp_path / "乱码.pdf"
    p.write_bytes(_pdf(shown, font))
    doc = documents.load(p)
    [said] = [w for w in doc.warnings if "缺少编码映射" in w]
    assert said.startswith(f"有 {total} 个字符的字体缺少编码映射")
    assert f"{replaced} 个无法识别，已替换为 �" in said and f"{guessed} 个按字形编号读作普通字符" in said
    assert doc.text.count("\ufffd") == replaced  # each glyph that could not be read is marked, none dropped
    assert doc.text.startswith("Received 37 requests\n")


def test_a_pdf_whose_fonts_all_map_says_nothing_of_it(tmp_path: Path) -> None:
    p = tmp_path / "好.pdf"
    p.write_bytes(bombs.one_page(bombs.text_page(["Received 37 requests", "Answered 35"])))
    assert not [w for w in documents.load(p).warnings if "编码映射" in w]
