"""Detect and decode the encoding of a plain-text report.

Order: BOM (UTF-8, UTF-16 LE/BE) → UTF-16 without BOM (NUL pattern) → strict UTF-8 → the Chinese
legacy encodings GB18030 and Big5, chosen by how many of the decoded characters are common Chinese
characters (Big5 bytes are almost always valid GBK too, so "decodes without error" is not enough).
A wrong guess never raises: the last resort is GB18030 with replacement characters, reported in the
returned name.
"""

from __future__ import annotations

import codecs

# The most frequent characters of government prose, in both scripts.
_COMMON_SIMP = set(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"
    "而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应"
    "开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变"
    "条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资"
    "边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府信息申请报告工作况"
    "办理况统计审核规范网站务市县镇街区委级省全年共收到依申请公开复议诉讼结转"
)
_COMMON_TRAD = set(
    "的一是在不了有和人這中大為上個國我以要他時來用們生到作地於出就分對成會可主發年動同工也能下過子說產種面"
    "而方後多定行學法所民得經十三之進著等部度家電力裡如水化高自二理起小物現實加量都兩體制機當使點從業本去把性好應"
    "開它合還因由其些然前外天政四日那社義事平形相全表間樣與關各重新線內數正心反你明看原又麼利比或但質氣第向道命此變"
    "條只沒結解問意建月公無系軍很情者最立代想已通並提直題黨程展五果料象員革位入常文總次品式活設及管特件長求老頭基資"
    "邊流路級少圖山統接知較將組見計別她手角期根論運農指幾九區強放決西被幹做必戰先回則任取據處府信息申請報告工作況"
    "辦理況統計審核規範網站務市縣鎮街區委級省全年共收到依申請公開複議訴訟結轉"
)
_COMMON = _COMMON_SIMP | _COMMON_TRAD

_SAMPLE = 1 << 16  # bytes used to choose between legacy encodings


def _score(text: str) -> float:
    cjk = 0
    common = 0
    bad = 0
    for ch in text:
        o = ord(ch)
        if 0x4E00 <= o <= 0x9FFF:
            cjk += 1
            if ch in _COMMON:
                common += 1
        elif (
            ch == "\ufffd" or 0xE000 <= o <= 0xF8FF or 0x80 <= o < 0xA0 or (o < 0x20 and ch not in "\t\n\r\f")
        ):
            bad += 1
    if cjk == 0:
        return -bad
    return common / cjk - 2 * bad / max(1, len(text))


def chinese_score(text: str) -> float:
    """How much ``text`` reads as Chinese prose: the share of common characters among its CJK ones,
    less the replacement and control characters a wrong decoding leaves (higher is better)."""
    return _score(text)


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    half = len(sample) / 2
    # ASCII-heavy UTF-16 has NULs in every other byte; CJK-heavy UTF-16 has few NULs but then
    # strict UTF-8 fails and we try both UTF-16 orders by score below.
    if odd_nul > 0.3 * half and even_nul < 0.05 * half:
        return "utf-16-le"
    if even_nul > 0.3 * half and odd_nul < 0.05 * half:
        return "utf-16-be"
    return None


def _cut_to_whole(data: bytes) -> bytes:
    """A sample cut at a byte boundary may split a multi-byte character: cut back to a line break."""
    if len(data) < _SAMPLE:
        return data
    nl = data.rfind(b"\n", 0, _SAMPLE)
    return data[: nl + 1] if nl > 0 else data[:_SAMPLE]


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few bad sequences (one flipped byte, a file cut inside a character) is UTF-8 with
    a few replacement characters, not a legacy encoding: GBK or Big5 bytes read as UTF-8 give mostly
    replacements, real UTF-8 gives mostly valid multi-byte characters."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = len(text) - len(text.encode("ascii", "ignore")) - bad
    if good >= 4 and bad * 20 <= good:
        return text
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding_name)``. Never raises on any input."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE):
        return data[2:].decode("utf-16-le", errors="replace"), "utf-16-le"
    if data.startswith(codecs.BOM_UTF16_BE):
        return data[2:].decode("utf-16-be", errors="replace"), "utf-16-be"
    guess = _utf16_without_bom(data)
    if guess:
        return data.decode(guess, errors="replace"), guess
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly, "utf-8"
    sample = _cut_to_whole(data)
    candidates = []
    for enc in ("gb18030", "big5", "utf-16-le", "utf-16-be"):
        if enc.startswith("utf-16") and len(sample) % 2:
            continue
        try:
            s = sample.decode(enc)
        except UnicodeDecodeError:
            s = sample.decode(enc, errors="replace")
        candidates.append((_score(s), enc))
    candidates.sort(key=lambda c: -c[0])
    best = candidates[0][1]
    try:
        return data.decode(best), best
    except UnicodeDecodeError:
        return data.decode(best, errors="replace"), best + " (有无法解码的字节，已替换为 �)"


def looks_binary(data: bytes) -> bool:
    """True when the bytes are clearly not text (NULs outside a UTF-16 pattern, many control bytes)."""
    sample = data[:8192]
    if not sample:
        return False
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _utf16_without_bom(sample):
        return False
    nul = sample.count(0)
    if nul:
        # CJK-heavy UTF-16 without a BOM has few NULs: it is text if it reads as Chinese.
        even = sample[: len(sample) // 2 * 2]
        return (
            max(_score(even.decode("utf-16-le", "replace")), _score(even.decode("utf-16-be", "replace")))
            < 0.3
        )
    ctrl = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return ctrl > 0.05 * len(sample)


_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or b > 13)  # control bytes text does not hold
