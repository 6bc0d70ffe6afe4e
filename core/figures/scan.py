r"""Find the figures in a report's text: ``extract(doc) -> list[Figure]``.

Everything is matched on ``to_simplified(doc.text)``, which has the same length as the original, so a
match's offsets are offsets into ``doc.text`` and one set of rules serves both scripts; full-width
digits and punctuation are matched as they are (``\d`` is Unicode-aware).

A narrative figure is a number followed by a measure word (件 条 项 人次 万元 % …). That single
requirement already excludes years (年), dates (月 日), document numbers (号), phone numbers, postal
codes, URLs and index numbers; the filters below remove the rest: ordinals (第…), list markers,
quoted slogans (“三个作用”), idioms (一次性, 百项), parts of a report (六个部分) and digits glued to
other digits or letters (garbled remnants such as 〔201876号).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from core import vocab
from core.figures import labels
from core.figures.numbers import (
    MULTIPLIERS,
    parse_arabic,
    parse_chinese_decimal,
    parse_chinese_range,
    parse_number,
)
from core.model import Document, Figure
from core.textnorm import fold_width, to_simplified

# Stage 1 finds number runs (a fast scan); stage 2 matches what follows a run (qualifier, 万/亿, unit).
NUMBER_RE = re.compile(
    r"(?=[\d零〇一二两三四五六七八九十百千万亿])(?:百分之[零〇一二两三四五六七八九十百点]+"  # 百分之九十
    r"|\d{1,3}(?:[,，]\d{3})+(?:[.．]\d+)?(?!\d)"  # 1,234,567.8 (\d also matches full-width digits)
    r"|\d{1,3}(?:[\u2009\u202f]\d{3})+(?:[.．]\d+)?(?![\d\u2009\u202f])"  # 3 119 (thin space)
    # 3 119 with a plain space, but not 表3 100件 (a table's number, then a count)
    r"|(?<![表图件第号A-Za-z])\d{1,3}(?:[ \u00a0]\d{3})+(?:[.．]\d+)?(?![\d \u00a0])"
    r"|\d+(?:[.．]\d+)?"  # 1234.5
    r"|[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?)"  # 三千二百, 六十二点八
)


@dataclass(frozen=True)
class _Patterns:
    """What follows a number run, compiled from ``core.vocab`` (see ``_patterns``)."""

    tail: re.Pattern[str]  # qualifier, 万/亿, unit, qualifier after the unit
    multiplier: re.Pattern[str]  # 万, 亿, 万亿, 千万 … (a compound multiplier is one)
    tail_first: frozenset[str]  # characters a tail can start with: a cheap test before ``tail`` runs
    after_space: frozenset[str]  # what may follow the spaces after a number in a tail or a range
    bare_mult: re.Pattern[str]  # 523.6万 at the end of a clause: an amount with no measure word (访问量)
    pre: re.Pattern[str]  # a bound before the number (超过, 约 …) or a plain 达到
    pre_len: int  # the longest word ``pre`` matches
    bounds_before_verb: tuple[str, ...]  # 至少开展4次: bounds that may stand before the verb
    canonical: dict[str, str]  # written form of a unit → its word (％ → %)
    blockers: dict[str, str]
    percent: frozenset[str]
    one_is_count: frozenset[str]
    rank: frozenset[str]
    article: frozenset[str]
    approximate: tuple[str, ...]  # 近/超/逾 before 万: 近万条 is a count
    signed: frozenset[str]  # units a change may carry a sign in: -3.2%
    arabic_only: frozenset[str]  # units counted only after Arabic digits (十分重要, 一对一)
    clock: frozenset[str]  # units that after 时/点 are a time of day (8时30分)
    policy_name: frozenset[str]  # units that end a policy's name (国十条, 创业富民30条)
    only_before: dict[str, tuple[str, ...]]  # units that count only at a clause end or before these words


@vocab.derived
def _patterns() -> _Patterns:
    units = vocab.UNITS
    between = vocab.alternation(vocab.qualifier_words("between"))
    mult = vocab.alternation(MULTIPLIERS)
    # 万元/亿元 are read as 万/亿 × 元, so the multiplier is applied
    alt = vocab.alternation(vocab.unit_words(u for u in units if not u.multiplied))
    tail = re.compile(
        r"(?P<sp1>[ \t\u00a0\u3000]?\n?[ \t\u00a0\u3000]?)"  # PDF text wraps between a number and its unit
        rf"(?P<q0>{between})?"
        rf"(?P<mult>{mult})?"
        rf"(?P<q1>{between})?"
        r"(?P<sp2>[ \t\u00a0\u3000]?)"
        r"(?P<big>大)?"
        rf"(?P<unit>{alt})"
        rf"(?P<post>{vocab.alternation(vocab.qualifier_words('after'))})?"
    )
    first = " \t\n\u00a0\u3000大" + "".join(vocab.qualifier_words("between")) + "".join(MULTIPLIERS)
    bare = re.compile(
        rf"(?P<q0>{between})?(?P<mult>{mult})(?P<q1>{between})?(?=[，。；、,;：:)）]|\s*$|\s*\n)"
    )
    pre = vocab.alternation((*vocab.qualifier_words("before"), *vocab.PLAIN_BEFORE))
    return _Patterns(
        tail=tail,
        multiplier=re.compile(mult),
        tail_first=frozenset(first + "".join(w[0] for w in vocab.unit_words(units))),
        after_space=(frozenset(first + "".join(w[0] for w in vocab.unit_words(units))) | _RANGE_FIRST)
        - _SPACES,
        bare_mult=bare,
        pre=re.compile(f"(?:{pre})$"),
        pre_len=max(map(len, (*vocab.qualifier_words("before"), *vocab.PLAIN_BEFORE))),
        bounds_before_verb=vocab.qualifier_words("before", ("at_least",)),
        approximate=vocab.qualifier_words("before", ("nearly", "more_than")),
        **_unit_tables(units),
    )


def _unit_tables(units: Sequence[vocab.Unit]) -> dict[str, Any]:
    """The measure words by what the readers do with them (``_Patterns``' unit fields)."""

    def having(flag: str) -> frozenset[str]:
        return frozenset(u.word for u in units if getattr(u, flag))

    return {
        "canonical": {f: u.word for u in units for f in u.forms},
        "blockers": {u.word: u.blockers for u in units if u.blockers},
        "only_before": {u.word: u.only_before for u in units if u.only_before},
        **{
            flag: having(flag)
            for flag in (
                "percent",
                "one_is_count",
                "rank",
                "article",
                "signed",
                "arabic_only",
                "clock",
                "policy_name",
            )
        },
    }


def _pre(p: _Patterns, n: str, start: int) -> str | None:
    """The word before a number that may bound it (超过, 约, 不足 …; 达到 bounds nothing)."""
    m = p.pre.search(n, max(0, start - p.pre_len), start)
    if m:
        return m.group()
    window = n[max(0, start - 6) : start]  # 至少开展4次: the bound may stand before the verb
    for w in p.bounds_before_verb:
        if w in window:
            k = window.rfind(w)
            if not any(c in _CLAUSE_END for c in window[k:]):
                return w
    return None


# Slogans and fixed political phrases that begin with a numeral and a measure word.
SLOGANS = tuple(
    "两个维护 两个确立 四个意识 四个自信 四个全面 三个代表 五位一体 两个一百年 三个作用 一件事 两个责任 三个务必 四个最严 两个毫不动摇 三个一批 四个一批 "  # noqa: SIM905
    "一次办 一次性 一站式 一窗 一张网 一网 一条龙 三类内部事务 四类过程性 一个窗口 一件事一次办 三个区分开来 两个结合 六个必须坚持 五个必由之路 八项规定".split()
)

_SLOGAN_RE = re.compile("|".join(sorted(map(re.escape, SLOGANS), key=len, reverse=True)))
_OPEN_QUOTES = "“\"‘'「『《〈【"
_CLOSE_QUOTES = "”\"’'」』》〉】"
_PART_WORDS = ("部分", "章", "节", "方面内容")


def _looks_glued(n: str, start: int) -> bool:
    """Digits glued to letters or number punctuation (A1, 0564-12345, 2/3, v1.2) are codes."""
    prev = n[start - 1] if start else ""
    if prev and not prev.isascii():
        prev = fold_width(prev)
    if prev and prev in "×＊*":
        return True  # 7×24小时: a slogan, not a duration
    return bool(prev) and prev.isascii() and (prev.isalnum() or prev in "-/._@#+:~")


# A pinyin gloss that spam copies glue into traditional text: 第(dì)141次, 公開(kāi)
PINYIN_GLOSS = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]{1,7}\)")


def _prev_char(n: str, start: int) -> str:
    """The character before ``start``, skipping spaces and pinyin glosses."""
    j = start - 1
    while j >= 0:
        if n[j] in " \t\u3000":
            j -= 1
        elif (
            n[j] == ")" and (k := n.rfind("(", max(0, j - 9), j)) >= 0 and PINYIN_GLOSS.fullmatch(n, k, j + 1)
        ):
            j = k - 1
        else:
            return n[j]
    return ""


def _is_ordinal(n: str, start: int, rank_unit: bool = False) -> bool:
    """第十八届, 第 141 次, 第(dì)141次; 排名前10名 (a rank when the unit can be one, not a count of people)."""
    prev = _prev_char(n, start)
    return prev == "第" or (prev == "前" and rank_unit)


def _in_quoted_name(n: str, start: int, unit_end: int) -> bool:
    """“双十条”, “稳经济30条”, 《创业富民20条》 — a short quoted name that ends with the figure."""
    lo = max(0, start - 8)
    k = start - 1
    while k >= lo and n[k] not in _OPEN_QUOTES:
        if n[k] in _CLOSE_QUOTES or n[k] in _CLAUSE_END:
            return False
        k -= 1
    if k < lo:
        return False
    rest = n[unit_end : unit_end + 3]
    return any(c in _CLOSE_QUOTES for c in rest[:1]) or (rest[:1] in ("措", "政", "举") and "”" in rest)


# 出台创业富民30条: a policy verb, then a name (not a countable noun), then N条 — the name of a policy.
_POLICY_VERB_NAME = re.compile(r"(?:出台|印发|推出|兑现|制定)([\u4e00-\u9fff]{2,6})$")
_COUNTABLE = tuple(
    "信息 文件 政策 措施 举措 意见 建议 事项 规定 办法 细则 制度 规则 标准 条目 目录 清单 问题 数据 公告 通知 "  # noqa: SIM905
    "通告 条款 规章 法规 条例 内容 稿件 新闻 动态 解读 诉求 提案 留言 线索 案例 消息 要点 任务 承诺 做法 经验 "
    "规范 指引 准则 意见稿 公约 方案 计划 工作 服务 事宜 情况".split()
)
_POLICY_AFTER = ("政策", "措施", "举措", "新政", "细则", "意见")


def _policy_name(n: str, ns: int, num: str, unit_end: int) -> bool:
    """国十条, 双十条, 创业富民30条, 稳外资20条措施: names of policies, not counts of items."""
    if _prev_char(n, ns) in ("国", "双", "新") and not num[0].isdigit():
        return True
    if n.startswith(_POLICY_AFTER, unit_end):
        return True
    m = _POLICY_VERB_NAME.search(n, max(0, ns - 8), ns)
    return (
        m is not None and not m.group(1).endswith(_COUNTABLE) and not any(c in m.group(1) for c in "等类项个")
    )


def _in_quoted_slogan(n: str, start: int, end: int) -> bool:
    """“三个作用” / “4+2” — a short quoted phrase that starts with the number."""
    if start == 0 or n[start - 1] not in _OPEN_QUOTES:
        return False
    close = -1
    for k in range(end, min(len(n), end + 10)):
        if n[k] in _CLOSE_QUOTES:
            close = k
            break
        if n[k] in "，。；,;\n":
            break
    return close >= 0


def _value(num: str) -> Decimal | None:
    if num[0].isdigit():
        return parse_arabic(fold_width(num).replace("，", ","))
    return parse_chinese_decimal(num)


_SIGNS = {"-": -1, "－": -1, "−": -1, "+": 1, "＋": 1}


def _sign(n: str, ns: int) -> int:
    """-3.2%, 增长-5%, +1.5个百分点: a sign that stands alone before the number (not 0564-12345, A-3)."""
    if ns == 0 or n[ns - 1] not in _SIGNS:
        return 0
    before = fold_width(n[ns - 2]) if ns >= 2 else ""
    if before and (before.isalnum() and before.isascii() or before in ")）]】-+/.%"):
        return 0
    return _SIGNS[n[ns - 1]]


# Words before a Chinese-numeral count that say something is being counted (共计十项, 召开三次).
_COUNT_CUES = re.compile(
    r"(?:共|计|达|有|开展|召开|举办|举行|组织|完成|发布|建成|设立|设置|新增|开设|印发|制定|出台|编制|办理|受理|"
    r"收到|公开|培训|形成|涉及|包括|分为|下设|增加|减少|覆盖|选派|配备|安排|推出|评选|表彰|处理|答复)$"
)
_CLAUSE_END = "，。；、,.;:：)）」”\n"


def _chinese_numeral_ok(
    p: _Patterns, n: str, ns: int, num: str, unit: str, big: str | None, after: str
) -> bool:
    """Chinese numerals in running text are often idioms or names; accept only clear counts."""
    if num == "万" and _pre(p, n, ns) in p.approximate:
        return True  # 近万条: nearly ten thousand
    if num in ("万", "亿", "百", "千", "百万", "千万", "万亿", "亿万"):
        return False  # 百项堵点, 千家万户 …
    prev = n[ns - 1] if ns else ""
    if num == "一" and (unit not in p.one_is_count or after[:1] not in _CLAUSE_END or prev in "上下"):
        return False  # 一次性, 一批, 最后一公里, 最多跑一次, 上一篇 … but 复议一件。 is a count
    if unit in p.arabic_only:
        return False  # 十分重要, 三分之一, 一对一
    if prev and (prev in "数几" or (prev in "上成" and num[0] in "十百千万")):
        return False  # 数十场, 几十条, 上百人: no exact value
    if unit == "类" and not big:
        return False  # 三类内部事务信息, 四类过程性信息 (labels of table 三)
    if after.startswith("五年"):
        return False  # 十四个五年规划
    if len(num) == 1 and num in "二两三四五六七八九" and not big and after[:1] not in _CLAUSE_END:
        # 三项制度, 三张清单, 二期工程: a small numeral glued to a noun is a name unless a counting
        # word comes before it (共计十项类别, 开设两个专栏)
        return bool(_COUNT_CUES.search(n[max(0, ns - 4) : ns]))
    return True


def _rejected(
    p: _Patterns,
    n: str,
    t: re.Match[str],
    num: str,
    unit: str,
    ns: int,
    signed: bool = False,
    is_range: bool = False,
) -> bool:
    """The non-figure filters for a number + measure word (``t`` is the tail match): what the unit
    rules out, what a numeral's form rules out, then what the words around it rule out."""
    after_unit = n[t.end("unit") : t.end("unit") + 4]
    return (
        _unit_rules_out(p, n, t, num, unit, ns, after_unit)
        or _form_rules_out(p, n, t, num, unit, ns, after_unit, signed, is_range)
        or _context_rules_out(p, n, t, num, unit, ns, after_unit)
    )


def _unit_rules_out(
    p: _Patterns, n: str, t: re.Match[str], num: str, unit: str, ns: int, after_unit: str
) -> bool:
    """The measure word is not one here: a time of day, a preposition, a policy's name, a word."""
    if unit in p.clock and (_prev_char(n, ns) in "时点:：" or t.group("mult")):
        return True  # 8时30分: a time of day
    if unit in p.only_before and not (
        after_unit[:1] in _CLAUSE_END or after_unit.startswith(p.only_before[unit])
    ):
        return True  # 3对1, 对于: 对 is a preposition here, not pairs
    if unit in p.policy_name and _policy_name(n, ns, num, t.end("unit")):
        return True  # 国十条, 创业富民30条
    if unit in p.blockers and after_unit[:1] and after_unit[0] in p.blockers[unit]:
        return True  # 个人, 人民, 条例, 场所 …
    # 六个部分, 十四个五年规划
    return after_unit.startswith(_PART_WORDS) or (unit == "个" and after_unit.startswith("五年"))


def _form_rules_out(
    p: _Patterns,
    n: str,
    t: re.Match[str],
    num: str,
    unit: str,
    ns: int,
    after_unit: str,
    signed: bool,
    is_range: bool,
) -> bool:
    """The number's form is not a count's: a numeral in words out of place, digits glued to a word,
    a date that lost its 年/月/日."""
    if not num[0].isdigit():
        if not is_range and not _chinese_numeral_ok(p, n, ns, num, unit, t.group("big"), after_unit):
            return True
    elif not signed and _looks_glued(n, ns):
        return True
    digits = num if num.isascii() else fold_width(num)
    if digits[:2] in ("19", "20") and digits.isdigit() and len(digits) >= 6:
        return True  # 202266, 20210312 …: a date that lost its 年/月, not a count
    return _prev_char(n, ns) == "月" and len(digits) <= 2  # 10月1起施行: the day of a date that lost its 日


def _context_rules_out(
    p: _Patterns, n: str, t: re.Match[str], num: str, unit: str, ns: int, after_unit: str
) -> bool:
    """The words around it make it a name: an article of a law, a session, an ordinal, a slogan."""
    prev = _prev_char(n, ns)
    if prev and prev in "》〉" and unit in p.article:
        return True  # 《条例》三十三条: an article of a law
    if (
        unit == "次"
        and "届" in n[max(0, ns - 6) : ns]
        and after_unit.startswith(("会议", "全会", "全体会议", "常委会"))
    ):
        return True  # 十七届人大三次会议: a session, not a count
    return (
        _is_ordinal(n, ns, unit in p.rank)
        or _in_quoted_slogan(n, ns, t.end())
        or _in_quoted_name(n, ns, t.end("unit"))
        or _SLOGAN_RE.match(n, ns) is not None
    )


_RANGE_SEP = re.compile(r"[ \t]?(?:-|－|—|–|~|～|〜|至|到)[ \t]?")
_RANGE_FIRST = frozenset(" \t-－—–~～〜至到")
_SPACES = frozenset(" \t\n\u00a0\u3000")  # the spaces the tail and range patterns allow after a number
_WRAPPED_DIGITS = re.compile(r"\n(\d+(?:[.．]\d+)?)")


def _range_end(n: str, ne: int, num: str) -> re.Match[str] | None:
    """The second number of a range right after ``num``: 3-5, 3至5, 三到五 (same kind of numeral)."""
    sep = _RANGE_SEP.match(n, ne)
    if sep is None or sep.end() == ne:
        return None
    m2 = NUMBER_RE.match(n, sep.end())
    if m2 is None or m2.group()[0].isdigit() != num[0].isdigit() or m2.group().startswith("百分之"):
        return None
    if num[0].isdigit() and (
        (num[0] in "0０" and num[1:2] not in (".", "．")) or len(m2.group()) > len(num) + 1
    ):
        return None  # 0564-12345: a telephone number, not a range
    return m2


def _wrapped(n: str, ns: int, ne: int) -> int:
    """End of a number that a PDF line wraps (``31⏎19件``): the digits continuing the next line, or ``ne``."""
    m = _WRAPPED_DIGITS.match(n, ne)
    if m is None or ne - (n.rfind("\n", 0, ns) + 1) < 12:
        return ne  # only a long line is wrapped in the middle of a number
    return m.end()


def _no_tail_after_spaces(p: _Patterns, n: str, ne: int) -> bool:
    """A number followed by spaces (a table cell's ``| 20 |``): a unit, range or multiplier can follow
    only after at most four of them, and must start with one of ``p.after_space``."""
    j = ne + 1
    while j < len(n) and j <= ne + 4 and n[j] in _SPACES:
        j += 1
    return j > ne + 4 or j >= len(n) or n[j] not in p.after_space


# A real report has hundreds of figures; a file with more than this is not one (a data dump, a
# generated file): extraction stops here, and core.pipeline says so in the Document's warnings,
# so memory and time stay bounded and nothing is dropped in silence.
MAX_FIGURES = 20_000


def extract_narrative(doc: Document, n: str | None = None) -> list[Figure]:
    """Figures in running text (not table cells), at most ``MAX_FIGURES``: each number of the text,
    unless the character after it already rules it out (``_Scan.dropped``), is read as a figure
    (``_Scan.figure``) or passed over."""
    if n is None:
        n = to_simplified(doc.text)  # full-width digits and punctuation are matched as they are
    scan = _Scan(doc, n)
    out: list[Figure] = []
    for m in NUMBER_RE.finditer(n):
        ns, ne = m.span()
        if ns < scan.skip_to:
            continue  # the second number of a range, the rest of a wrapped number
        if scan.dropped(ns, ne):
            continue
        if len(out) >= MAX_FIGURES:
            break
        fig = scan.figure(m.group(), ns, ne)
        if fig is not None:
            out.append(fig)
    return out


@dataclass(slots=True)
class _Reading:
    """What a number and its tail were read as, before its label and confidence are found."""

    ns: int  # where the figure starts (its sign included)
    ne: int  # where its number ends (a range's upper bound included)
    ue: int  # where its text ends (the unit included)
    end: int  # where its tail ends (a qualifier after the unit included): where the label looks on
    value: Decimal
    unit: str | None
    rule: str
    qualifier: str | None
    is_cn: bool = False
    mult_char: str | None = None
    big: str | None = None
    lo_hi: tuple[Decimal, Decimal] | None = None


class _Scan:
    """One pass over a report's simplified text ``n``; ``skip_to`` passes over what a figure took."""

    def __init__(self, doc: Document, n: str) -> None:
        self.doc, self.n, self.size = doc, n, len(n)
        self.soft = doc.format == "pdf" or labels.soft_line_breaks(n)
        self.p = p = _patterns()
        self.continues = p.tail_first | _RANGE_FIRST
        self.skip_to = 0

    def dropped(self, ns: int, ne: int) -> bool:
        """Most numbers (dates, codes, table cells) are dropped by the character after them: nothing
        that makes a figure (a unit, a range, a multiplier) can start with it."""
        n = self.n
        if ne >= self.size or n[ns] == "百" or (c := n[ne]) == "\n":
            return False
        if c not in self.continues:
            return True
        if c in _SPACES:
            c = n[ne + 1] if ne + 1 < self.size else ""
            if c not in _SPACES and c not in self.p.after_space:
                return True
            if c in _SPACES and _no_tail_after_spaces(self.p, n, ne):
                return True
        return False

    def figure(self, num: str, ns: int, ne: int) -> Figure | None:
        """The figure the number ``num`` at ``ns:ne`` starts, or None."""
        reading: _Reading | Figure | None
        if num.startswith("百分之"):
            reading = self.percent_in_words(num, ns, ne)
        else:
            reading = self.number_and_tail(num, ns, ne)
        if reading is None:
            return None
        if isinstance(reading, Figure):
            return reading
        return self.described(reading)

    def percent_in_words(self, num: str, ns: int, ne: int) -> _Reading | None:
        """百分之三十: a share written in words."""
        value = parse_number(num)
        if value is None or _is_ordinal(self.n, ns):
            return None
        qualifier = vocab.qualifier_of(_pre(self.p, self.n, ns), None, None)
        return _Reading(ns, ne, ne, ne, value, "%", "percent", qualifier, is_cn=True)

    def number_and_tail(self, num: str, ns: int, ne: int) -> _Reading | Figure | None:
        """A number and what follows it: a unit (with a multiplier, a qualifier), a range, or a bare
        multiplier (an amount in 万/亿)."""
        n, p = self.n, self.p
        if self.soft and ne < self.size and n[ne] == "\n" and num[0].isdigit():
            ne = _wrapped(n, ns, ne)
            num = n[ns:ne]
            self.skip_to = ne
        if ne >= self.size:
            return None
        if n[ne] in _SPACES and _no_tail_after_spaces(p, n, ne):
            return None
        lo_hi: tuple[Decimal, Decimal] | None = None
        if n[ne] in _RANGE_FIRST and (m2 := _range_end(n, ne, num)) is not None:
            # 3-5个工作日, 三至五天: one figure for the range, its value the lower bound
            t = p.tail.match(n, m2.end())
            lo, hi = _value(num), _value(m2.group())
            if t is None or lo is None or hi is None or lo >= hi:
                return None
            lo_hi, self.skip_to = (lo, hi), m2.end()
        elif n[ne] not in p.tail_first:
            return None
        else:
            t = p.tail.match(n, ne)
            if t is None:
                return self.bare_amount(num, ns, ne)
        return self.with_unit(num, ns, ne, t, lo_hi)

    def bare_amount(self, num: str, ns: int, ne: int) -> Figure | None:
        """访问量达523.6万。 — an amount in 万/亿 with no measure word (never an indicator's value)."""
        n, p = self.n, self.p
        t = p.bare_mult.match(n, ne)
        if t is None or not num[0].isdigit() or _looks_glued(n, ns) or _is_ordinal(n, ns):
            return None
        value = _value(num)
        if value is None:
            return None
        value *= MULTIPLIERS[t.group("mult")]
        end = t.end()
        qualifier = vocab.qualifier_of(_pre(p, n, ns), t.group("q0") or t.group("q1"), None)
        label, _indicator, conf = labels.describe(n, ns, end, None, self.soft)
        return Figure(
            start=ns,
            end=ne,
            text=self.doc.text[ns:end],
            value=value,
            unit=None,
            multiplier=self.doc.text[t.start("mult") : t.end("mult")],
            qualifier=qualifier,
            label=label,
            indicator=None,
            confidence=min(conf, 0.7),
            rule="number+multiplier",
        )

    def with_unit(
        self, num: str, ns: int, ne: int, t: re.Match[str], lo_hi: tuple[Decimal, Decimal] | None
    ) -> _Reading | None:
        """A number with its measure word: its value (a range's lower bound, the multiplier applied,
        the sign of a change), qualifier and rule; None when the unit or the context rules it out."""
        n, p = self.n, self.p
        unit = p.canonical[t.group("unit")]
        sign = _sign(n, ns) if num[0].isdigit() and lo_hi is None and unit in p.signed else 0
        if _rejected(p, n, t, num, unit, ns, signed=sign != 0, is_range=lo_hi is not None):
            return None
        if lo_hi is not None:
            value = lo_hi[0]
        elif (found := _value(num)) is not None:
            value = found
        else:
            bounds = parse_chinese_range(num) if not num[0].isdigit() else None
            if bounds is None:
                return None
            lo_hi = (Decimal(bounds[0]), Decimal(bounds[1]))  # 三四件, 十二三个: about that many
            value = lo_hi[0]
        mult, mult_char = t.group("mult"), None
        if mult:
            value *= MULTIPLIERS[mult]
            mult_char = self.doc.text[t.start("mult") : t.end("mult")]  # as written: 万 or 萬
        is_cn = not num[0].isdigit()
        rule = "cn-numeral" if is_cn else ("percent" if unit in p.percent else "number+unit")
        qualifier = vocab.qualifier_of(_pre(p, n, ns), t.group("q0") or t.group("q1"), t.group("post"))
        if lo_hi is not None:
            qualifier, rule = vocab.RANGE, "range"
        if sign:
            value, ns = value * sign, ns - 1  # the sign is part of the figure: -3.2%
        return _Reading(
            ns,
            ne,
            t.end("unit"),
            t.end(),
            value,
            unit,
            rule,
            qualifier,
            is_cn,
            mult_char,
            t.group("big"),
            lo_hi,
        )

    def described(self, r: _Reading) -> Figure:
        """The figure of a reading, with the label before it, its indicator and its confidence (lower
        for a numeral in words, a qualifier, a large multiplier or a range)."""
        label, indicator, conf = labels.describe(self.n, r.ns, r.end, r.unit, self.soft)
        if r.is_cn:
            conf = min(conf, 0.6)
        if r.qualifier:
            conf = min(conf, 0.8)
        if r.big:
            conf = min(conf, 0.7)
        ne = r.ne
        if r.lo_hi is not None:
            indicator, conf = None, min(conf, 0.6)  # a range is no cell's value
            ne = max(self.skip_to, ne)
        return Figure(
            start=r.ns,
            end=ne,
            text=self.doc.text[r.ns : r.ue],
            value=r.value,
            unit=r.unit,
            multiplier=r.mult_char,
            qualifier=r.qualifier,
            label=label,
            indicator=indicator,
            confidence=conf,
            rule=r.rule,
        )


def parse_selection(text: str) -> tuple[Decimal, str | None] | None:
    """Value and unit of a span a reviewer selected to add a missed figure: '3.5万件' → (35000, '件'),
    '63.6％' → (63.6, '%'), '一百零五' → (105, None). None when the selection holds no number."""
    n = to_simplified(text.strip())
    m = NUMBER_RE.search(n)
    if m is None:
        return None
    num = m.group()
    if num.startswith("百分之"):
        value = parse_number(num)
        return None if value is None else (value, "%")
    value = _value(num)
    if value is None:
        bounds = parse_chinese_range(num)  # 三四件: the lower bound, as the scan reads it
        if bounds is None:
            return None
        value = Decimal(bounds[0])
    p = _patterns()
    t = p.tail.match(n, m.end())
    if t is None:
        bare = p.multiplier.match(n, m.end())
        return (value * MULTIPLIERS[bare.group()], None) if bare else (value, None)
    if t.group("mult"):
        value *= MULTIPLIERS[t.group("mult")]
    return value, p.canonical[t.group("unit")]


def extract(doc: Document) -> list[Figure]:
    """All narrative figures of ``doc`` in document order."""
    return extract_narrative(doc)


__all__ = ["NUMBER_RE", "extract", "extract_narrative", "parse_selection"]
