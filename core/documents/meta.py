"""Guess a report's title, issuing body and year from its text.

Reports arrive with web-page noise around them (breadcrumbs, 索引号 tables, toolbars), so the title is
the best-scoring line near the top rather than simply the first line; the issuer is taken from the title,
from a "现公布…年度报告" sentence, or from the sign-off at the end; the year is the reporting year named
with the title, not the publication date.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from core.model import Document
from core.textnorm import to_simplified

_KIND_WORDS = (
    ("年度报告", 4),
    ("工作报告", 3),
    ("工作总结", 3),
    ("复函", 3),
    ("答复", 2),
    ("报告", 2),
    ("总结", 1),
)
_YEAR_RE = re.compile(r"(?<![\d〔\[(（])((?:19|20)\d\d)\s*年")
_REPORT_YEAR_RE = re.compile(
    r"((?:19|20)\d\d)\s*年度?(?:上半年|下半年)?\s*(?:[^\s，。,]{0,24}?)(?:政府信息公开|政务公开)"
)
_ORG_SUFFIX = (
    "人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|管理委员会|街道办事处|办事处|"
    "政府|局|厅|署|院|中心|街道|镇|乡|区|县|市|委|办|所|站|队"
)
_ENUM = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[、.])")
_ISSUER_AFTER_YEAR = re.compile(
    r"^(?:19|20)\d\d\s*年度?(.{1,40}?(?:" + _ORG_SUFFIX + r"))(?=政府信息公开|政务公开)"
)
_ISSUER_BEFORE_TOPIC = re.compile(r"^(.{2,40}?(?:" + _ORG_SUFFIX + r"))(?=政府信息公开|政务公开)")
_DATED_RE = re.compile(r"(?:发布日期|发布时间|成文日期|日期)\s*[:：]?\s*((?:19|20)\d\d)")
_JUNK_PREFIX = re.compile(r"^(?=[A-Za-z0-9.\-_/:]*[A-Za-z])[A-Za-z0-9.\-_/:]+(?=[\u4e00-\u9fff])")
_ISSUER_IN_TITLE = re.compile(r"^(.{1,40}?(?:" + _ORG_SUFFIX + r"))\s*(?=(?:19|20)\d\d\s*年|关于)")
_PUBLISH_RE = re.compile(
    r"现(?:予以)?(?:公布|发布|公开)《?((.{2,40}?(?:"
    + _ORG_SUFFIX
    + r"))\s*(?:19|20)\d\d\s*年度?[^。，,《》]{0,30}?报告)"
)
_SIGNOFF_RE = re.compile(r"^\s*(.{2,40}?(?:" + _ORG_SUFFIX + r"))\s*$")
_BREADCRUMB = re.compile(r"^.*(?:>|»|＞|›)\s*")
_TRAILING_DATE = re.compile(r"[\s　]*(?:(?:19|20)\d\d[-/.年]\d{1,2}[-/.月]\d{1,2}日?.*)$")
_ORG_LINE = re.compile(r"^[^\d，。,:：;；]{2,30}(?:" + _ORG_SUFFIX + r")$")
# Field names that web pages and text copies put before a title or an issuer: 标题：, # , 发布机构：
_TITLE_PREFIX = re.compile(r"^(?:#{1,6}\s*|\*{2}|(?:文章|信息|文件)?(?:标\s*题|题\s*名|名\s*称)\s*[:：]\s*)")
_ISSUER_FIELD_NAME = (
    "发布机构|发布机关|发布单位|发文机关|发文单位|发文机构|公开主体|公开单位|信息来源|来源|所属机构|制发机关"
)
_ISSUER_FIELD = re.compile(r"^(?:" + _ISSUER_FIELD_NAME + r")\s*[:：]\s*(\S.*)$")


def _title_score(line: str) -> int:
    if not 6 <= len(line) <= 80:
        return -99
    score = 0
    for word, w in _KIND_WORDS:
        if word in line:
            score += w
            break
    else:
        return -99
    if re.search(r"[，。；,;]|\(地址|联系|如对|根据|按照", line) or _ENUM.match(line):
        score -= 5
    if _YEAR_RE.search(line):
        score += 1
    if line.startswith(("关于", "《")):
        score -= 1
    return score


def _clean_title(line: str) -> str:
    line = _BREADCRUMB.sub("", line).strip()
    line = _TITLE_PREFIX.sub("", line).strip().removesuffix("**").strip()
    line = _JUNK_PREFIX.sub("", line)
    line = _TRAILING_DATE.sub("", line).strip()
    line = re.sub(r"(?<=\d)\s+(?=年)", "", line)  # "2024 年" as PDF text spaces it
    return re.sub(r"\s{2,}", " ", line)


# A title holds one of the kind words; cleaning a line only cuts it (prefixes, dates, spaces before 年),
# so a line without any of them is no title and is not cleaned and scored: a report's tables put
# hundreds of cells in the first lines.
_KIND_ANY = re.compile("|".join(re.escape(w) for w, _ in _KIND_WORDS))


def _find_title(lines: list[str]) -> tuple[str | None, int]:
    best, best_i, best_score = None, -1, 0
    kind = _KIND_ANY.search
    for i, raw in enumerate(lines[:60]):
        if kind(raw) is None:
            continue
        for part in raw.split("|") if "|" in raw else (raw,):  # 标 题 | XX年度报告 | …
            if kind(part) is None:
                continue
            line = _clean_title(part)
            s = _title_score(line) - i // 15
            if s > best_score:
                best, best_i, best_score = line, i, s
    if best is None:
        return None, -1
    # "淮安市人民政府" on the line above "2024 年政府信息公开工作年度报告"
    if best_i > 0 and re.match(r"^(?:19|20)\d\d\s*年", best):
        above = lines[best_i - 1].strip()
        if _ORG_LINE.match(above):
            best = above + best
    return best, best_i


def _issuer_field(lines: list[str]) -> str | None:
    """发布机构：苏州市吴中区人民政府 — the issuer a page names in its metadata fields."""
    for line in lines:
        parts = [p.strip() for p in line.split("|")] if "|" in line else [line]
        # 发布机构 | 苏州市人民政府办公室: a metadata table puts the value in the next cell
        parts = [
            f"{p}：{q}" if q and re.fullmatch(_ISSUER_FIELD_NAME, p) else p
            for p, q in zip(parts, [*parts[1:], ""], strict=True)
        ]
        for part in parts:
            m = _ISSUER_FIELD.match(part.strip())
            if m:
                value = re.split(r"\s{2,}|\t|(?:发布|成文|生成)日期|索引号|文号", m.group(1))[0].strip()
                if _ORG_LINE.match(value):
                    return value
    return None


def _year_named(title: str | None, head: str) -> int | None:
    """The report's year: the one in its title, else a date or year near its top."""
    m = (
        (_YEAR_RE.search(title) if title else None)
        or _DATED_RE.search(head)
        or _REPORT_YEAR_RE.search(head)
        or _YEAR_RE.search(head)
    )
    return int(m.group(1)) if m else None


def _issuer_in_title(title: str | None) -> str | None:
    """苏州市吴中区人民政府2024年政府信息公开工作年度报告: the issuer the title names."""
    if not title:
        return None
    m = (
        _ISSUER_IN_TITLE.search(title)
        or _ISSUER_AFTER_YEAR.search(title)
        or _ISSUER_BEFORE_TOPIC.search(title)
    )
    return m.group(1) if m else None


def _signoff_issuer(text: str) -> str | None:
    """The issuer signing the report off on one of its last four lines."""
    tail = to_simplified(text[-600:]).splitlines()
    for ln in reversed([t.strip() for t in tail if t.strip()][-4:]):
        m = _SIGNOFF_RE.match(ln)
        if m and _ORG_LINE.match(ln) and not _ENUM.match(ln):
            return m.group(1)
    return None


def describe(doc: Document) -> Document:
    """Fill ``title``, ``issuer`` and ``year`` when the loader did not."""
    head = to_simplified(doc.text[:6000])
    lines = [ln.strip() for ln in head.splitlines() if ln.strip()]
    title = doc.title or _find_title(lines)[0]
    year = doc.year if doc.year is not None else _year_named(title, head)
    issuer = doc.issuer or _issuer_in_title(title) or _issuer_field(lines[:40])
    m = _PUBLISH_RE.search(head)
    if m:
        title = title or m.group(1)
        issuer = issuer or m.group(2)
    if not issuer:
        signed = _signoff_issuer(doc.text)
        if signed is not None:
            issuer = signed
    return dataclasses.replace(doc, title=title, year=year, issuer=issuer)


_HIGHER_LEVEL = re.compile(r"^[\u4e00-\u9fff]{2,7}?(?:省|自治区|特别行政区|市|自治州|地区|盟)")
_PLACE = r"(?:(?![和与及])[\u4e00-\u9fff]){2,8}?"  # a place name: not 住房和城乡 (of 住房和城乡建设局)
_NOT_PLACE_END = r"(?!建设|振兴|规划|一体|村|域|级|场|民|政|划|容|镇|乡)"
_LOCAL_PLACE = re.compile(r"^" + _PLACE + r"(?:新区|开发区|高新区|区|县|市|旗|镇|乡|街道)" + _NOT_PLACE_END)
_COUNTY_LEVEL = re.compile(r"^" + _PLACE + r"(?:区|县|旗)" + _NOT_PLACE_END)
_TOWN_LEVEL = re.compile(r"^" + _PLACE + r"(?:街道|镇|乡)" + _NOT_PLACE_END)
_KEY_DROP = re.compile(r"[\s\u3000·．.,，、()（）\[\]【】“”\"']")


@functools.lru_cache(maxsize=4096)
def issuer_key(issuer: str | None) -> str:
    """One key for the ways one issuer is written across years: 苏州市吴中区人民政府 and 吴中区人民政府,
    市政府办公室 and 市人民政府办公室, traditional and simplified, with or without spaces.

    The higher-level place before a county-level one is dropped (江苏省苏州市吴中区 → 吴中区), and
    人民政府 is written 政府. '' when there is no issuer."""
    if not issuer:
        return ""
    key = _KEY_DROP.sub("", to_simplified(issuer))
    while True:
        if (m := _HIGHER_LEVEL.match(key)) is not None and _LOCAL_PLACE.match(key[m.end() :]):
            key = key[m.end() :]  # 苏州市吴中区 → 吴中区
        elif (m := _COUNTY_LEVEL.match(key)) is not None and _TOWN_LEVEL.match(key[m.end() :]):
            key = key[m.end() :]  # 玄武区梅园新村街道 → 梅园新村街道
        else:
            break
    return key.replace("人民政府", "政府")
