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
from decimal import Decimal

from core.figures import labels
from core.figures.numbers import MULTIPLIERS, parse_arabic, parse_chinese, parse_number
from core.model import Document, Figure
from core.textnorm import fold_width, to_simplified

# Measure words, longest first so 人次 wins over 人 and 个工作日 over 个.
UNITS = tuple(
    "个工作日 个百分点 个月 平方公里 平方米 公顷 公里 人次 件次 场次 户次 批次 万元 亿元 小时 分钟 个 条 件 项 次 场 期 份 宗 "  # noqa: SIM905
    "篇 家 名 人 册 元 天 类 位 户 所 座 批 轮 封 套 张 台 辆 吨 周 例 起 处 本 部 集 幅 栏 节 课 组 支 块 倍 则 亩 栋 间 % ％ ‰".split()
)
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True) if u not in ("万元", "亿元"))

# What may follow a unit and turn it into another word (个人, 人民, 条例, 场所 …).
_UNIT_BLOCKERS = {
    "个": ("人", "体", "性", "别", "案", "季", "月", "一"),
    "人": ("民", "员", "大", "社", "口", "才", "事", "身", "力", "们", "群", "居", "物", "均", "士", "类"),
    "条": ("例", "件", "款", "线", "理", "幅", "码"),
    "件": ("事",),
    "项": ("下",),
    "次": ("数", "要", "序", "生", "日", "年", "月"),
    "场": ("所", "景", "地", "馆", "合", "面", "域", "外"),
    "期": ("间", "限", "待", "刊", "望", "末", "初", "中"),
    "份": ("额",),
    "家": ("庭", "长", "属", "乡", "园", "政"),
    "名": ("单", "称", "义", "录", "片", "额"),
    "元": ("旦", "素", "宵", "年", "月", "首"),
    "天": ("津", "然", "地", "气", "下", "网"),
    "类": ("别", "型", "似"),
    "位": ("于", "置"),
    "户": ("籍", "口", "外", "型"),
    "所": ("有", "在", "属", "以", "谓", "得", "需"),
    "座": ("谈",),
    "批": ("准", "复", "评", "示"),
    "轮": ("流", "换"),
    "封": ("闭", "面", "存", "控"),
    "套": ("餐",),
    "张": ("贴",),
    "台": ("账", "风", "湾", "阶"),
    "例": ("如", "行", "会"),
    "起": ("草", "诉", "来", "步", "点", "到", "始"),
    "处": ("理", "罚", "置", "分", "室", "长", "级"),
    "本": ("级", "机", "年", "单", "地", "市", "区", "县", "镇", "部", "报", "次", "着", "人", "领"),
    "部": ("分", "门", "署", "委", "长", "位"),
    "集": ("中", "体", "团", "约", "成"),
    "组": ("织", "长", "建", "成"),
    "支": ("持", "付", "部", "出"),
    "块": ("钱",),
    "节": ("点", "约", "日", "能"),
    "课": ("题", "程"),
    "栏": ("目",),
    "周": ("年", "边", "期", "末", "知", "岁"),
    "则": ("是", "为", "上", "要", "应", "可", "在"),
    "间": ("隔", "断", "接"),
    "倍": (),
}

# Stage 1 finds number runs (a fast scan); stage 2 matches what follows a run (qualifier, 万/亿, unit).
NUMBER_RE = re.compile(
    r"(?=[\d零〇一二两三四五六七八九十百千万亿])(?:百分之[零〇一二两三四五六七八九十百点]+"  # 百分之九十
    r"|\d{1,3}(?:[,，]\d{3})+(?:[.．]\d+)?(?!\d)"  # 1,234,567.8 (\d also matches full-width digits)
    r"|\d+(?:[.．]\d+)?"  # 1234.5
    r"|[零〇一二两三四五六七八九十百千万亿]+)"  # 三千二百
)
TAIL_RE = re.compile(
    r"(?P<sp1>[ \t\u00a0\u3000]?\n?[ \t\u00a0\u3000]?)"  # PDF text wraps between a number and its unit
    r"(?P<q0>余|多)?"
    r"(?P<mult>万|亿)?"
    r"(?P<q1>余|多)?"
    r"(?P<sp2>[ \t\u00a0\u3000]?)"
    r"(?P<big>大)?"
    r"(?P<unit>" + _UNIT_ALT + r")"
    r"(?P<post>以上|左右|之多)?"
)
# Characters a tail can start with: a cheap test before the tail regex runs.
_TAIL_FIRST = frozenset(" \t\n\u00a0\u3000余多万亿大％" + "".join(u[0] for u in UNITS))
# 523.6万 at the end of a clause: an amount with no measure word (访问量, 浏览量).
_BARE_MULT_RE = re.compile(r"(?P<q0>余|多)?(?P<mult>万|亿)(?P<q1>余|多)?(?=[，。；、,;：:)）]|\s*$|\s*\n)")
_PRE = ("不少于", "超过", "至少", "不足", "不到", "少于", "达到", "近", "约", "逾", "超", "达")


_PRE_RE = re.compile("(?:" + "|".join(_PRE) + ")$")


def _pre(n: str, start: int) -> str | None:
    m = _PRE_RE.search(n, max(0, start - 3), start)
    if m:
        return m.group()
    window = n[max(0, start - 6) : start]  # 至少开展4次: the bound may stand before the verb
    if "至少" in window or "不少于" in window:
        for p in ("至少", "不少于"):
            k = window.rfind(p)
            if k >= 0 and not any(c in _CLAUSE_END for c in window[k:]):
                return p
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


def _is_ordinal(n: str, start: int, unit: str | None = None) -> bool:
    """第十八届, 第 141 次, 第(dì)141次; 排名前10名 (a rank, not a count of people)."""
    prev = _prev_char(n, start)
    return prev == "第" or (prev == "前" and unit in ("名", "位"))


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
    iv = parse_chinese(num)
    return None if iv is None else Decimal(iv)


# Words before a Chinese-numeral count that say something is being counted (共计十项, 召开三次).
_COUNT_CUES = re.compile(
    r"(?:共|计|达|有|开展|召开|举办|举行|组织|完成|发布|建成|设立|设置|新增|开设|印发|制定|出台|编制|办理|受理|"
    r"收到|公开|培训|形成|涉及|包括|分为|下设|增加|减少|覆盖|选派|配备|安排|推出|评选|表彰|处理|答复)$"
)
_ONE_UNITS = frozenset(("件", "宗", "起", "例", "名", "人", "人次", "篇", "份", "家", "所", "项", "条"))
_CLAUSE_END = "，。；、,.;:：)）」”\n"


def _chinese_numeral_ok(n: str, ns: int, num: str, unit: str, big: str | None, after: str) -> bool:
    """Chinese numerals in running text are often idioms or names; accept only clear counts."""
    if num == "万" and _pre(n, ns) in ("近", "逾", "超", "超过"):
        return True  # 近万条: nearly ten thousand
    if num in ("万", "亿", "百", "千", "百万", "千万", "万亿", "亿万"):
        return False  # 百项堵点, 千家万户 …
    if num == "一" and (unit not in _ONE_UNITS or after[:1] not in _CLAUSE_END):
        return False  # 一次性, 一批, 最后一公里, 最多跑一次 … but 复议一件。 is a count
    prev = n[ns - 1] if ns else ""
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


def _qualifier(pre: str | None, more: bool, post: str | None) -> str | None:
    if more or post == "之多" or pre in ("超过", "逾", "超"):
        return "more_than"
    if post == "以上" or pre in ("至少", "不少于"):
        return "at_least"
    if pre in ("不足", "不到", "少于"):
        return "less_than"
    if post == "左右" or pre == "约":
        return "about"
    if pre == "近":
        return "nearly"
    return None


def _rejected(n: str, t: re.Match[str], num: str, unit: str, ns: int) -> bool:
    """The non-figure filters for a number + measure word (``t`` is the tail match)."""
    after_unit = n[t.end("unit") : t.end("unit") + 4]
    if unit in _UNIT_BLOCKERS and after_unit[:1] and after_unit[0] in _UNIT_BLOCKERS[unit]:
        return True  # 个人, 人民, 条例, 场所 …
    if after_unit.startswith(_PART_WORDS) or (unit == "个" and after_unit.startswith("五年")):
        return True  # 六个部分, 十四个五年规划
    if not num[0].isdigit():
        if not _chinese_numeral_ok(n, ns, num, unit, t.group("big"), after_unit):
            return True
    elif _looks_glued(n, ns):
        return True
    digits = num if num.isascii() else fold_width(num)
    if digits[:2] in ("19", "20") and digits.isdigit() and len(digits) >= 6:
        return True  # 202266, 20210312 …: a date that lost its 年/月, not a count
    prev = _prev_char(n, ns)
    if prev == "月" and len(digits) <= 2:
        return True  # 10月1起施行: the day of a date that lost its 日
    if prev and prev in "》〉" and unit in ("条", "款", "项"):
        return True  # 《条例》三十三条: an article of a law
    if (
        unit == "次"
        and "届" in n[max(0, ns - 6) : ns]
        and after_unit.startswith(("会议", "全会", "全体会议", "常委会"))
    ):
        return True  # 十七届人大三次会议: a session, not a count
    return (
        _is_ordinal(n, ns, unit) or _in_quoted_slogan(n, ns, t.end()) or _SLOGAN_RE.match(n, ns) is not None
    )


# A real report has hundreds of figures; a file with more than this is not one (a data dump, a
# generated file): extraction stops here, and core.pipeline says so in the Document's warnings,
# so memory and time stay bounded and nothing is dropped in silence.
MAX_FIGURES = 20_000


def extract_narrative(doc: Document, n: str | None = None) -> list[Figure]:
    """Figures in running text (not table cells), at most ``MAX_FIGURES``."""
    if n is None:
        n = to_simplified(doc.text)  # full-width digits and punctuation are matched as they are
    out: list[Figure] = []
    soft = doc.format == "pdf" or labels.soft_line_breaks(n)
    tail_match = TAIL_RE.match
    for m in NUMBER_RE.finditer(n):
        if len(out) >= MAX_FIGURES:
            break
        num = m.group()
        ns, ne = m.span()
        mult = big = mult_char = None
        if num.startswith("百分之"):
            value = parse_number(num)
            if value is None or _is_ordinal(n, ns):
                continue
            ue = end = ne
            unit, rule, is_cn = "%", "percent", True
            qualifier = _qualifier(_pre(n, ns), False, None)
        else:
            if ne >= len(n) or n[ne] not in _TAIL_FIRST:
                continue
            t = tail_match(n, ne)
            if t is None:
                t = _BARE_MULT_RE.match(n, ne)
                if t is None or not num[0].isdigit() or _looks_glued(n, ns) or _is_ordinal(n, ns):
                    continue
                # 访问量达523.6万。 — an amount in 万/亿 with no measure word
                value = _value(num)
                if value is None:
                    continue
                value *= MULTIPLIERS[t.group("mult")]
                mult, mult_char = t.group("mult"), doc.text[t.start("mult")]
                ue = end = t.end()
                unit, rule, is_cn = None, "number+multiplier", False
                qualifier = _qualifier(_pre(n, ns), bool(t.group("q0") or t.group("q1")), None)
                label, indicator, conf = labels.describe(n, ns, end, unit, soft)
                out.append(
                    Figure(
                        ns,
                        ne,
                        doc.text[ns:ue],
                        value,
                        None,
                        mult_char,
                        qualifier,
                        label,
                        None,
                        min(conf, 0.7),
                        rule,
                    )
                )
                continue
            unit = t.group("unit")
            if unit == "％":
                unit = "%"
            if _rejected(n, t, num, unit, ns):
                continue
            value = _value(num)
            if value is None:
                continue
            mult = t.group("mult")
            if mult:
                value *= MULTIPLIERS[mult]
                mult_char = doc.text[t.start("mult")]  # as written: 万 or 萬
            big = t.group("big")
            ue, end = t.end("unit"), t.end()
            is_cn = not num[0].isdigit()
            rule = "cn-numeral" if is_cn else ("percent" if unit in ("%", "‰") else "number+unit")
            qualifier = _qualifier(_pre(n, ns), bool(t.group("q0") or t.group("q1")), t.group("post"))
        label, indicator, conf = labels.describe(n, ns, end, unit, soft)
        if is_cn:
            conf = min(conf, 0.6)
        if qualifier:
            conf = min(conf, 0.8)
        if big:
            conf = min(conf, 0.7)
        out.append(
            Figure(
                start=ns,
                end=ne,
                text=doc.text[ns:ue],
                value=value,
                unit=unit,
                multiplier=mult_char,
                qualifier=qualifier,
                label=label,
                indicator=indicator,
                confidence=conf,
                rule=rule,
            )
        )
    return out


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
        return None
    t = TAIL_RE.match(n, m.end())
    if t is None:
        mult = n[m.end() : m.end() + 1]
        return (value * MULTIPLIERS[mult], None) if mult in MULTIPLIERS else (value, None)
    if t.group("mult"):
        value *= MULTIPLIERS[t.group("mult")]
    unit = t.group("unit")
    return value, "%" if unit == "％" else unit


def extract(doc: Document) -> list[Figure]:
    """All narrative figures of ``doc`` in document order."""
    return extract_narrative(doc)


__all__ = ["NUMBER_RE", "TAIL_RE", "UNITS", "extract", "extract_narrative", "parse_selection"]
