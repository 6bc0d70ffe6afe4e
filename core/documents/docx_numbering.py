"""Automatic paragraph numbering of a Word document (一、 （一） 1. …), as Word displays it.

Word does not store list numbers in the text: a paragraph (or its style) names a numbering instance
and level, and the number is computed from ``word/numbering.xml``. Reports often number their
headings this way, so the loader prefixes each numbered paragraph with its rendered label.
Bullets are left out (they carry no words).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CN_DIGITS = "〇一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip
_WIDE_END = "、．。）)）」】"


def chinese(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一, 105 → 一百零五 (up to 9999)."""
    if n <= 0:
        return _CN_DIGITS[0]
    if n >= 10000:
        return str(n)
    out = ""
    units = ((1000, "千"), (100, "百"), (10, "十"))
    zero = False
    for value, name in units:
        d, n = divmod(n, value)
        if d:
            if zero:
                out += "零"
            out += ("" if value == 10 and d == 1 and not out else _CN_DIGITS[d]) + name
            zero = False
        elif out:
            zero = True
    if n:
        out += ("零" if zero else "") + _CN_DIGITS[n]
    return out


def _roman(n: int) -> str:
    out = ""
    for v, s in _ROMAN:
        while n >= v:
            out += s
            n -= v
    return out


def _letters(n: int) -> str:
    k = (n - 1) % 26
    return chr(ord("A") + k) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "chineseLegalSimplified",
        "ideographTraditional",
    ):
        if fmt == "ideographTraditional":
            return _TIANGAN[(n - 1) % 10]
        return chinese(n)
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12]
    if fmt == "ideographDigital":
        return "".join(_CN_DIGITS[int(d)] for d in str(n))
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


@dataclass
class _Level:
    fmt: str
    text: str
    start: int
    suffix: str


def _val(el: etree._Element | None) -> str | None:
    return None if el is None else el.get(W + "val")


def _levels(abstract: etree._Element) -> dict[int, _Level]:
    out: dict[int, _Level] = {}
    for lvl in abstract.iter(W + "lvl"):
        try:
            ilvl = int(lvl.get(W + "ilvl", "0"))
            start = int(_val(lvl.find(W + "start")) or 1)
        except ValueError:
            continue
        out[ilvl] = _Level(
            fmt=_val(lvl.find(W + "numFmt")) or "decimal",
            text=_val(lvl.find(W + "lvlText")) or "",
            start=start,
            suffix=_val(lvl.find(W + "suff")) or "tab",
        )
    return out


class Numbering:
    """Counts numbered paragraphs in document order and renders their labels."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None) -> None:
        self.nums: dict[str, dict[int, _Level]] = {}
        self.abstract_of: dict[str, str] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.style_num: dict[str, tuple[str | None, int]] = {}
        if numbering is not None:
            abstracts = {a.get(W + "abstractNumId"): _levels(a) for a in numbering.iter(W + "abstractNum")}
            for num in numbering.iter(W + "num"):
                nid = num.get(W + "numId")
                aid = _val(num.find(W + "abstractNumId"))
                if nid is None or aid not in abstracts:
                    continue
                levels = dict(abstracts[aid])
                for ov in num.iter(W + "lvlOverride"):
                    i = int(ov.get(W + "ilvl", "0"))
                    so = _val(ov.find(W + "startOverride"))
                    own = ov.find(W + "lvl")
                    if own is not None:
                        levels.update(_levels(ov))
                    if so is not None and i in levels and so.isdigit():
                        lv = levels[i]
                        levels[i] = _Level(lv.fmt, lv.text, int(so), lv.suffix)
                self.nums[nid] = levels
                # instances that restart numbering count on their own; others share the list's counters
                restarts = num.find(W + "lvlOverride") is not None
                self.abstract_of[nid] = nid if restarts or not aid else "a" + aid
        if styles is not None:
            self._styles(styles)

    def _styles(self, styles: etree._Element) -> None:
        direct: dict[str, tuple[str | None, int | None, str | None]] = {}
        for st in styles.iter(W + "style"):
            sid = st.get(W + "styleId")
            if not sid:
                continue
            ppr = st.find(W + "pPr")
            numpr = ppr.find(W + "numPr") if ppr is not None else None
            nid = _val(numpr.find(W + "numId")) if numpr is not None else None
            il = _val(numpr.find(W + "ilvl")) if numpr is not None else None
            direct[sid] = (nid, int(il) if il and il.isdigit() else None, _val(st.find(W + "basedOn")))
        for sid in direct:
            seen: set[str] = set()
            cur: str | None = sid
            nid, ilvl = None, None
            while cur and cur in direct and cur not in seen:
                seen.add(cur)
                n, i, base = direct[cur]
                nid = nid or n
                ilvl = ilvl if ilvl is not None else i
                cur = base
            if nid:
                self.style_num[sid] = (nid, ilvl or 0)

    def label(self, p: etree._Element) -> str:
        """The number label of paragraph ``p`` ("一、", "（二）", "1.") or "" when it has none."""
        ppr = p.find(W + "pPr")
        if ppr is None:
            return ""
        numpr = ppr.find(W + "numPr")
        nid: str | None = None
        ilvl: int | None = None
        style = _val(ppr.find(W + "pStyle"))
        if style and style in self.style_num:
            nid, ilvl = self.style_num[style]
        if numpr is not None:
            nid = _val(numpr.find(W + "numId")) or nid
            il = _val(numpr.find(W + "ilvl"))
            if il and il.isdigit():
                ilvl = int(il)
        if not nid or nid == "0" or nid not in self.nums:
            return ""
        ilvl = ilvl or 0
        levels = self.nums[nid]
        lv = levels.get(ilvl)
        if lv is None or lv.fmt in ("bullet", "none"):
            return ""
        counts = self.counters.setdefault(self.abstract_of[nid], {})
        counts[ilvl] = counts.get(ilvl, lv.start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        text = lv.text
        for k in range(ilvl, -1, -1):
            if f"%{k + 1}" in text:
                kl = levels.get(k)
                n = counts.get(k, kl.start if kl else 1)
                text = text.replace(f"%{k + 1}", format_number(n, kl.fmt if kl else "decimal"))
        if not text or lv.suffix == "nothing" or text[-1] in _WIDE_END:
            return text
        return text + " "
