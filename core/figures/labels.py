"""Label a narrative figure and map it onto a standard indicator when the text names one.

``describe(n, start, end, unit, soft_breaks)`` works on the simplified text ``n`` and returns
``(label, indicator_id | None, confidence)``. ``soft_breaks`` says that line breaks are the wrapping of
a PDF page (or of text pasted from one) rather than paragraph ends, so a label may run across them.

Indicator ids may be derived (sums the narrative names but the tables split, see
``core.schema.DERIVED_ROWS``): ``t4.suit.<result>`` is the sum of the two lawsuit groups (未经复议直接起诉 +
复议后起诉), used when the narrative does not say which; ``t3.r1_r2`` is 予以公开 + 部分公开;
``t3.received`` is 新收 + 上年结转. ``readings`` lists what else a figure's words may mean (共受理N件:
新收, or 新收 + 上年结转), so the check compares each reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core import vocab

_CLAUSE_BREAK = frozenset('，。；：、,.;:!?！？\n\t|（）()“”"【】[]')
_SENTENCE_END = "。！？；;"
_LEAD_STRIP = re.compile(
    r"^(?:年度|年|月份|月|日|以来|至今|底|末|其中|由|从|另有|另外|此外|同时|全年|年内|本年度|本年|今年|上半年|下半年|"
    r"累计|共计|合计|总计|共|已|均|我市|我区|我县|我镇|我局|我委|我办|本机关|本单位|全市|全区|全县|市本级|区本级|县本级)+"
)
# Words that end a clause before its figure without being part of the label (the bounds come from
# core.vocab: 约, 超过, 不足 …).
_TAIL_WORDS = ("共计", "累计", "合计", "总计", "共", "为", "有", "计", "等", "的", "是", "了", "由", "从")
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]{1,7}\)")
_HEADING = re.compile(
    r"\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]是)"
)
# Table 三 quantities named in prose: (pattern on the clause before, pattern after, indicator, confidence).
_T3_MAP: tuple[tuple[re.Pattern[str] | None, re.Pattern[str] | None, str, float], ...] = tuple(
    (re.compile(b) if b else None, re.compile(a) if a else None, ind, c)
    for b, a, ind, c in (
        (
            r"上年结转|上年度结转|上一年度结转|上年度未办结|上年度遗留|^年度?结转的?$",
            None,
            "t3.carried_in.total",
            0.85,
        ),
        (r"结转下年|结转至下年|转入下年|顺延", None, "t3.carried_out.total", 0.8),
        (None, r"^[^，。；,;]{0,3}(?:结转|顺延|转入)(?:到|至)?下一?年", "t3.carried_out.total", 0.8),
        (r"新收|新受理|新增.{0,6}申请", None, "t3.new.total", 0.85),
        (r"(?:收到|受理|接收|接到).{0,12}申请", r"^(?![^，。；]{0,3}[（(]含)", "t3.new.total", 0.7),
        (r"办结|答复|办理完毕", None, "t3.r7_total.total", 0.65),
        # the results of table 三; 不予公开 … 其他处理 are sums of their sub-rows (derived ids)
        (
            r"(?:予以|同意|全部)?公开(?:及|和|与|或|、|以及)部分公开|全部或部分公开",
            None,
            "t3.r1_r2.total",
            0.65,
        ),  # 予以公开及部分公开N件: the sum of the two rows
        (r"部分公开", None, "t3.r2.total", 0.65),
        (r"不予公开", None, "t3.r3.total", 0.6),
        (r"予以公开|同意公开", None, "t3.r1.total", 0.65),
        (r"无法提供|不掌握", None, "t3.r4.total", 0.6),
        (r"不予处理", None, "t3.r5.total", 0.6),
        (r"其他处理", None, "t3.r6.total", 0.6),
    )
)
# Generic words (办结, 答复) name table 三 only in a sentence about applications; the other patterns
# (上年结转, 予以公开 …) are the format's own terms and may lean on the paragraph.
_SENTENCE_SCOPED = frozenset(("t3.r7_total.total", "t3.new.total"))
# Sentences about these are not about 政府信息公开 applications (行政许可申请, 来信来访申请, 审理复议案件)
_OTHER_SUBJECTS = ("行政许可", "审批", "信访", "来信来访", "延长答复", "政务服务", "审理", "热线", "工单")
_NOUN_AFTER = re.compile(
    r"[\u4e00-\u9fff]{2,8}?(?=[的和与及等中里内在，。；、,;：:（(]|$)|[\u4e00-\u9fff]{2,6}"
)
_FUNCTION_CHARS = frozenset("了由在和与及为对向给把将到至从有是成定现立")
_T4_RESULTS = (("维持", "upheld"), ("纠正", "corrected"), ("其他", "other"), ("未审结", "pending"))
_KEYWORDS = (
    "申请",
    "公开",
    "无法提供",
    "不予处理",
    "其他处理",
    "新收",
    "结转",
    "顺延",
    "复议",
    "诉讼",
    "办结",
    "答复",
    "办理完毕",
    "维持",
    "纠正",
    "审结",
    "结果",
)


@dataclass(frozen=True)
class _Patterns:
    """What labels need from ``core.vocab``, compiled once (see ``_patterns``)."""

    tail_strip: re.Pattern[str]  # clause-final words that are not the label: 共计, 达到, 约 …
    lead_unit: re.Pattern[str]  # what is left of the figure before when a clause starts right after
    before_noun: frozenset[str]  # classifiers that stand before the noun they count (12个部门, 56名信息员)
    case_count: frozenset[str]  # the units tables 三 and 四 count in
    percent: frozenset[str]


@vocab.derived
def _patterns() -> _Patterns:
    units = vocab.UNITS
    tail = vocab.alternation((*_TAIL_WORDS, *vocab.PLAIN_BEFORE, *vocab.qualifier_words("before")))
    between = vocab.alternation((*vocab.qualifier_words("between"), "万", "亿"))
    return _Patterns(
        tail_strip=re.compile(f"(?:{tail})+$"),
        # 65%提高到, 12个工作日缩短至, 500余人次增加到
        lead_unit=re.compile(f"^(?:(?:{between})*(?:{vocab.alternation(vocab.unit_words(units))}))"),
        before_noun=frozenset(u.word for u in units if u.before_noun),
        case_count=frozenset(u.word for u in units if u.case_count),
        percent=frozenset(u.word for u in units if u.percent),
    )


def _clause_before(
    n: str, start: int, soft: bool, limit: int = 40, stop_at_digits: bool = True
) -> tuple[str, int]:
    """The clause that ends at ``start``; with ``soft`` a line break inside a sentence does not end it."""
    i = start
    lo = max(0, start - limit)
    while i > lo:
        ch = n[i - 1]
        if ch == "\n" and soft and i >= 2 and n[i - 2] not in _CLAUSE_BREAK and n[i - 2] != "\n":
            # only a line of at most 24 characters can be a heading: look no further back than that
            nl = n.rfind("\n", max(0, i - 27), i - 1)
            line = n[nl + 1 : i - 1] if nl >= 0 or i <= 26 else ""
            if line and len(line) <= 24 and _HEADING.match(line) and not any(c in line for c in "。，；,;"):
                break  # 三、其他需要报告的事项⏎本年度…: a heading line is not part of the clause
            i -= 1
            continue
        if ch == ")" and (k := n.rfind("(", max(0, i - 10), i - 1)) >= 0 and _PINYIN.fullmatch(n, k, i):
            i = k  # 公開(kāi): a pinyin gloss glued into a spam copy is not a bracket
            continue
        if ch in _CLAUSE_BREAK or (stop_at_digits and ch.isdigit()):
            break
        i -= 1
    clause = n[i:start].replace("\n", "")
    return (_PINYIN.sub("", clause) if "(" in clause else clause), i


def _phrase_after(n: str, end: int, limit: int = 12) -> str:
    j = end
    hi = min(len(n), end + limit)
    while j < hi and n[j] not in _CLAUSE_BREAK:
        j += 1
    return n[end:j]


def _sentence_before(n: str, start: int, soft: bool, limit: int = 160) -> str:
    """Text from the start of the sentence to ``start`` (a hard line break also ends a sentence)."""
    lo = _after_table(n, max(0, start - limit), start)
    cut = max(n.rfind(c, lo, start) for c in _SENTENCE_END)
    if not soft:
        cut = max(cut, n.rfind("\n", lo, start))
    return n[max(lo, cut + 1) : start].replace("\n", "")


def _after_table(n: str, lo: int, start: int) -> int:
    """``lo``, or the start of the first line after the last table row (cells joined by tabs) in
    ``n[lo:start]``: a sentence or paragraph after a table does not run back into its cells."""
    tab = n.rfind("\t", lo, start)
    if tab < 0:
        return lo
    nl = n.find("\n", tab, start)
    return start if nl < 0 else nl + 1


def _paragraph_before(n: str, start: int, soft: bool, limit: int = 300) -> str:
    """Text from the start of the paragraph (or ``limit`` characters) to ``start``, its wrapped lines
    joined (a word split across a PDF line, 申 / 请, is the word)."""
    lo = _after_table(n, max(0, start - limit), start)
    cut = n.rfind("\n\n" if soft else "\n", lo, start)
    return n[max(lo, cut + 1) : start].replace("\n", "")


def _clean(p: _Patterns, s: str) -> str:
    return p.tail_strip.sub("", _LEAD_STRIP.sub("", s.strip())).strip()


_REVIEW = re.compile(r"(?<!经)复议(?!后)")  # 行政复议, not 未经复议 / 复议后 (kinds of lawsuit)


def _t4_indicator(sentence: str, clause: str) -> str | None:
    """Table 四: the group is the last of 行政复议 / 行政诉讼 named in the sentence (a lawsuit's kind —
    未经复议直接起诉 / 复议后起诉 — from the figure's own clause, else from the sentence when it names only
    one kind); the result is named in the clause (维持, 纠正, 其他, 尚未审结), else it is the group's total."""
    reviews = [m.start() for m in _REVIEW.finditer(sentence)]
    i_review = reviews[-1] if reviews else -1
    i_suit = max(sentence.rfind("诉讼"), sentence.rfind("起诉"))
    if i_suit > i_review:
        direct = (
            "未经复议" in clause or "直接起诉" in clause,
            "未经复议" in sentence or "直接起诉" in sentence,
        )
        after = ("复议后" in clause, "复议后" in sentence)
        if direct[0] != after[0]:
            group = "suit_direct" if direct[0] else "suit_after_review"
        elif direct[1] != after[1]:
            group = "suit_direct" if direct[1] else "suit_after_review"
        else:
            group = "suit"  # both kinds or neither named: the two lawsuit groups together
    elif i_review >= 0:
        group = "review"
    else:
        return None
    for word, result in _T4_RESULTS:
        if word in clause:
            return f"t4.{group}.{result}"
    if "复议" in clause or "诉讼" in clause or "起诉" in clause:
        return f"t4.{group}.total"
    return None


def _label(
    p: _Patterns, n: str, start: int, before: str, i: int, after: str, unit: str | None, soft: bool
) -> str:
    """What the figure counts, from the clause ``before`` it (starting at ``i``) and the phrase ``after``."""
    stripped = before.strip()
    after_figure = i > 0 and n[i - 1].isdigit()
    if after_figure:
        stripped = p.lead_unit.sub("", stripped)  # 65%提高到100%: drop what belongs to the figure before
    label = _clean(p, stripped)
    if (len(label) < 2 or (after_figure and len(label) <= 4)) and stripped and i > 1:
        # 占1.6%, 从65%提高到100%: the subject stands before the previous number of the clause before
        prev, _ = _clause_before(n, i - 1, soft, stop_at_digits=False)
        first_digit = re.search(r"\d", prev)
        subject = _clean(p, prev[: first_digit.start()] if first_digit else prev)
        if len(subject) >= 2:
            label = subject + label
    noun_after = _NOUN_AFTER.match(after)
    if unit in p.before_noun and noun_after and (len(label) <= 4 or label[-1] in _FUNCTION_CHARS):
        return noun_after.group()  # 确定56名兼职信息员, 完成87所中小学校: the noun after is counted
    if len(label) < 2 and after:
        return after[:10]
    return label


def _subject_is_disclosure(sentence: str, clause: str) -> bool:
    """Table 三/四 quantities are about 政府信息公开 applications, not 行政许可, 信访 or other cases."""
    return not any(w in sentence or w in clause for w in _OTHER_SUBJECTS)


def _confidence(p: _Patterns, unit: str | None, label: str) -> float:
    """How sure the label is: lower for a percentage, lowest when no label was found."""
    if not label:
        return 0.6
    return 0.85 if unit in p.percent else 0.9


def _about_applications(context: str) -> bool:
    """The paragraph speaks of applications for disclosure (申请 with 公开 or 信息)."""
    return "申请" in context and ("公开" in context or "信息" in context)


def _t3_indicator(before: str, window: str, sentence: str) -> tuple[str, float] | None:
    """The first table 三 quantity whose words stand in the clause before or the words after."""
    for pb, pa, ind, c in _T3_MAP:
        if (pb is not None and not pb.search(before)) or (pa is not None and not pa.search(window)):
            continue
        if ind in _SENTENCE_SCOPED and not ("申请" in sentence and "公开" in sentence):
            continue  # 收到申请 / 办结 / 答复 name a disclosure count only beside 公开申请
        return ind, c
    return None


def _named_indicator(
    n: str, start: int, end: int, unit: str | None, before: str, sentence: str, soft: bool
) -> tuple[str, float] | None:
    """The table 四 or table 三 indicator the words around a disclosure count name, with the
    confidence it is read with at most."""
    if "复议" in sentence or "诉讼" in sentence:
        t4 = _t4_indicator(sentence, before)
        if t4:
            return t4, 0.7
    if unit == "个" or not _about_applications(_paragraph_before(n, start, soft)):
        return None
    return _t3_indicator(before, n[end : end + 12], sentence)


def _names_received_total(n: str, start: int, before: str, soft: bool) -> bool:
    """共受理123件 right after 新收 and 上年结转 of disclosure applications: their sum."""
    if not _SUM_ONLY.fullmatch(before.strip()):
        return False
    sentence = _sentence_before(n, start, soft)
    return _received_total(sentence) and _subject_is_disclosure(sentence, before)


def describe(
    n: str, start: int, end: int, unit: str | None, soft_breaks: bool = False
) -> tuple[str, str | None, float]:
    before, i = _clause_before(n, start, soft_breaks)
    after = _phrase_after(n, end)
    p = _patterns()
    label = _label(p, n, start, before, i, after, unit, soft_breaks)
    conf = _confidence(p, unit, label)
    if unit not in p.case_count:
        return label, None, conf
    if any(k in before or k in after for k in _KEYWORDS):
        sentence = _sentence_before(n, start, soft_breaks)
        if not _subject_is_disclosure(sentence, before):
            return label, None, conf
        named = _named_indicator(n, start, end, unit, before, sentence, soft_breaks)
        if named is not None:
            return label, named[0], min(conf, named[1])
    if unit != "个" and _names_received_total(n, start, before, soft_breaks):
        return label, "t3.received.total", min(conf, 0.65)
    return label, None, conf


# 新收120件，上年结转3件，共受理123件: a total right after both parts names their sum.
_SUM_ONLY = re.compile(r"(?:本年度?)?(?:共|共计|合计|总计|累计)(?:受理|收到|接收|处理)?了?(?:申请)?")


def _received_total(sentence: str) -> bool:
    return (
        "申请" in sentence
        and _NEW_ONLY.search(sentence) is not None
        and re.search(r"上一?年度?结转", sentence) is not None
    )


# Words that name this year's new applications alone (新收), not all applications handled this year.
_NEW_ONLY = re.compile(r"新收|新受理|新增|新提出|新申请|本年新")


def readings(indicator: str, label: str | None) -> tuple[str, ...]:
    """The indicators a narrative figure may be compared with, the plainest reading first.

    共受理申请N件 / 收到申请N件 may count this year's new applications (新收) or all applications
    handled, 新收 + 上年结转 (``t3.received``): the words do not say which, so both are readings;
    新收N件 is only 新收. Every other figure has the one reading its words name."""
    row, _, col = indicator.rpartition(".")
    if row == "t3.new" and label and not _NEW_ONLY.search(label):
        return indicator, f"t3.received.{col}"
    return (indicator,)


def soft_line_breaks(text: str) -> bool:
    """True when the text's line breaks are page wrapping (PDF text, or text pasted from a PDF): most
    lines are long and end in the middle of a sentence."""
    lines = [ln for ln in text[:200_000].split("\n") if ln.strip()]
    if len(lines) < 8:
        return False
    mid = sum(1 for ln in lines if len(ln) >= 12 and ln.rstrip()[-1] not in "。！？；：:;!?”」）)|")
    return mid > 0.4 * len(lines)
