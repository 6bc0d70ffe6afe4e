"""Label a narrative figure and map it onto a standard indicator when the text names one.

``describe(n, start, end, unit, soft_breaks)`` works on the simplified text ``n`` and returns
``(label, indicator_id | None, confidence)``. ``soft_breaks`` says that line breaks are the wrapping of
a PDF page (or of text pasted from one) rather than paragraph ends, so a label may run across them.

Indicator ids for table 四 may be derived: ``t4.suit.<result>`` is the sum of the two lawsuit groups
(未经复议直接起诉 + 复议后起诉), used when the narrative does not say which.
"""

from __future__ import annotations

import re

_CLAUSE_BREAK = frozenset('，。；：、,.;:!?！？\n\t|（）()“”"《》【】[]')
_SENTENCE_END = "。！？；;"
_LEAD_STRIP = re.compile(
    r"^(?:年度|年|月份|月|日|以来|至今|底|末|其中|另有|另外|此外|同时|全年|年内|本年度|本年|今年|上半年|下半年|"
    r"累计|共计|合计|总计|共|已|均|我市|我区|我县|我镇|我局|我委|我办|本机关|本单位|全市|全区|全县|市本级|区本级|县本级)+"
)
_TAIL_STRIP = re.compile(r"(?:共计|累计|合计|总计|共|达到|达|为|有|计|约|近|超过|逾|等|的|是|了)+$")
_TRAILING_FIGURE = re.compile(r"[\d.,]+\s*[余多万亿]*[^\d]{0,2}$")

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
_SENTENCE_SCOPED = frozenset(("t3.r7_total.total",))
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
_COUNT_UNITS = frozenset(("件", "宗", "件次", "起", "例", "个"))


def _clause_before(
    n: str, start: int, soft: bool, limit: int = 40, stop_at_digits: bool = True
) -> tuple[str, int]:
    """The clause that ends at ``start``; with ``soft`` a line break inside a sentence does not end it."""
    i = start
    lo = max(0, start - limit)
    while i > lo:
        ch = n[i - 1]
        if ch == "\n" and soft and i >= 2 and n[i - 2] not in _CLAUSE_BREAK and n[i - 2] != "\n":
            i -= 1
            continue
        if ch in _CLAUSE_BREAK or (stop_at_digits and ch.isdigit()):
            break
        i -= 1
    return n[i:start].replace("\n", ""), i


def _phrase_after(n: str, end: int, limit: int = 12) -> str:
    j = end
    hi = min(len(n), end + limit)
    while j < hi and n[j] not in _CLAUSE_BREAK:
        j += 1
    return n[end:j]


def _sentence_before(n: str, start: int, soft: bool, limit: int = 160) -> str:
    """Text from the start of the sentence to ``start`` (a hard line break also ends a sentence)."""
    lo = max(0, start - limit)
    cut = max(n.rfind(c, lo, start) for c in _SENTENCE_END)
    if not soft:
        cut = max(cut, n.rfind("\n", lo, start))
    return n[cut + 1 : start].replace("\n", "")


def _paragraph_before(n: str, start: int, soft: bool, limit: int = 300) -> str:
    """Text from the start of the paragraph (or ``limit`` characters) to ``start``."""
    lo = max(0, start - limit)
    cut = n.rfind("\n\n" if soft else "\n", lo, start)
    return n[max(lo, cut + 1) : start]


def _clean(s: str) -> str:
    return _TAIL_STRIP.sub("", _LEAD_STRIP.sub("", s.strip())).strip()


def _t4_indicator(sentence: str, clause: str) -> str | None:
    """Table 四: the group is the last of 行政复议 / 行政诉讼 named in the sentence; the result is named
    in the figure's own clause (维持, 纠正, 其他, 尚未审结), else the figure is the group's total."""
    i_review, i_suit = sentence.rfind("复议"), sentence.rfind("诉讼")
    if i_suit > i_review or (i_suit >= 0 and "复议后" in sentence[max(0, i_suit - 8) :]):
        tail = sentence[max(0, i_suit - 12) :]
        if "复议后" in tail:
            group = "suit_after_review"
        elif "未经复议" in tail or "直接起诉" in tail:
            group = "suit_direct"
        else:
            group = "suit"
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


def describe(
    n: str, start: int, end: int, unit: str | None, soft_breaks: bool = False
) -> tuple[str, str | None, float]:
    before, i = _clause_before(n, start, soft_breaks)
    label = _clean(before)
    if len(label) < 2 and before.strip() and i > 1:
        # 占1.6% / 达99% — the subject is in the clause before
        prev, _ = _clause_before(n, i - 1, soft_breaks, stop_at_digits=False)
        prev = _clean(_TRAILING_FIGURE.sub("", prev.strip()))
        if prev:
            label = prev + before.strip()
    after = _phrase_after(n, end)
    if len(label) < 2 and after:
        label = after[:10]
    conf = 0.9
    if unit in ("%", "‰"):
        conf = 0.85
    if not label:
        conf = 0.6
    indicator = None
    if unit in _COUNT_UNITS and any(k in before or k in after for k in _KEYWORDS):
        sentence = _sentence_before(n, start, soft_breaks)
        if "复议" in sentence or "诉讼" in sentence:
            indicator = _t4_indicator(sentence, before)
            if indicator:
                conf = min(conf, 0.7)
        context = _paragraph_before(n, start, soft_breaks)
        if (
            indicator is None
            and unit != "个"
            and "申请" in context
            and ("公开" in context or "信息" in context)
        ):
            window = n[end : end + 12]
            for pb, pa, ind, c in _T3_MAP:
                if (pb is not None and not pb.search(before)) or (pa is not None and not pa.search(window)):
                    continue
                if ind in _SENTENCE_SCOPED and "申请" not in sentence:
                    continue  # 办结 / 答复 alone name an application count only beside 申请
                indicator = ind
                conf = min(conf, c)
                break
    return label, indicator, conf


def soft_line_breaks(text: str) -> bool:
    """True when the text's line breaks are page wrapping (PDF text, or text pasted from a PDF): most
    lines are long and end in the middle of a sentence."""
    lines = [ln for ln in text[:200_000].split("\n") if ln.strip()]
    if len(lines) < 8:
        return False
    mid = sum(1 for ln in lines if len(ln) >= 12 and ln.rstrip()[-1] not in "。！？；：:;!?”」）)|")
    return mid > 0.4 * len(lines)
