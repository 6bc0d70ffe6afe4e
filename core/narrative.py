"""Label a narrative figure and map it onto a standard indicator when the text names one.

``describe(n, start, end, unit)`` works on the normalised text ``n`` (simplified, half-width) and
returns ``(label, indicator_id | None, confidence)``.
"""

from __future__ import annotations

import re

_CLAUSE_BREAK = set('，。；：、,.;:!?！？\n\t|（）()“”"《》【】[]')
_LEAD_STRIP = re.compile(
    r"^(?:年度|年|月份|月|日|以来|至今|底|末|其中|另有|另外|此外|同时|全年|年内|本年度|本年|今年|上半年|下半年|累计|共计|合计|总计|共|已|均|"
    r"我市|我区|我县|我镇|我局|我委|我办|本机关|本单位|全市|全区|全县|市本级|区本级|县本级)+"
)
_TAIL_STRIP = re.compile(r"(?:共计|累计|合计|总计|共|达到|达|为|有|计|约|近|超过|逾|等|的|是|了)+$")

# (pattern on the clause before the number, pattern after the number, indicator, confidence)
# Patterns are tried in order; the first match wins.
_MAP: tuple[tuple[re.Pattern[str], re.Pattern[str] | None, str, float], ...] = tuple(
    (re.compile(b), re.compile(a) if a else None, ind, c)
    for b, a, ind, c in (
        (r"上年结转|上年度结转|上一年度结转|上年度未办结", None, "t3.carried_in.total", 0.85),
        (r"结转下年|结转至下年|转入下年", None, "t3.carried_out.total", 0.85),
        (r"", r"^[^，。；,;]{0,3}结转下一?年", "t3.carried_out.total", 0.8),
        (r"新收|新受理|新增.{0,6}申请", None, "t3.new.total", 0.85),
        (r"(?:收到|受理|接收|接到).{0,12}申请", r"^(?![^，。；]{0,3}[（(]含)", "t3.new.total", 0.7),
        (r"办结|答复|办理完毕", None, "t3.r7_total.total", 0.65),
        (r"行政复议.{0,8}(?:维持)", None, "t4.review.upheld", 0.7),
        (r"行政复议.{0,8}(?:纠正)", None, "t4.review.corrected", 0.7),
        (r"行政复议.{0,8}(?:尚未审结|未审结)", None, "t4.review.pending", 0.7),
        (r"行政复议", None, "t4.review.total", 0.75),
        (
            r"(?:未经复议|直接起诉).{0,10}行政诉讼|行政诉讼.{0,6}(?:未经复议|直接起诉)",
            None,
            "t4.suit_direct.total",
            0.7,
        ),
        (r"复议后.{0,6}(?:起诉|诉讼)", None, "t4.suit_after_review.total", 0.7),
        (r"行政诉讼", None, "t4.suit.total", 0.7),
    )
)


_KEYWORDS = ("申请", "新收", "结转", "复议", "诉讼", "办结", "答复", "办理完毕")


_TRAILING_FIGURE = re.compile(r"[\d.,]+\s*[余多万亿]*[^\d]{0,2}$")


def _clause_before(n: str, start: int, limit: int = 40, stop_at_digits: bool = True) -> tuple[str, int]:
    i = start
    lo = max(0, start - limit)
    while i > lo and n[i - 1] not in _CLAUSE_BREAK and not (stop_at_digits and n[i - 1].isdigit()):
        i -= 1
    return n[i:start], i


def _phrase_after(n: str, end: int, limit: int = 12) -> str:
    j = end
    hi = min(len(n), end + limit)
    while j < hi and n[j] not in _CLAUSE_BREAK:
        j += 1
    return n[end:j]


def _is_info_request_context(n: str, start: int) -> bool:
    """Application counts map only when the sentence is about 政府信息公开 applications."""
    lo = max(0, start - 120)
    cut = max(n.rfind("。", lo, start), n.rfind("\n", lo, start))
    window = n[cut + 1 : start]
    return "申请" in window and ("公开" in window or "信息" in window)


def describe(n: str, start: int, end: int, unit: str | None) -> tuple[str, str | None, float]:
    before, i = _clause_before(n, start)
    label = _TAIL_STRIP.sub("", _LEAD_STRIP.sub("", before.strip())).strip()
    if len(label) < 2 and before.strip() and i > 1:
        # 占1.6% / 达99% — the subject is in the clause before
        prev, _ = _clause_before(n, i - 1, stop_at_digits=False)
        prev = _TRAILING_FIGURE.sub("", prev.strip())
        prev = _TAIL_STRIP.sub("", _LEAD_STRIP.sub("", prev)).strip()
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
    if unit in ("件", "宗", "件次", "起", "例") and any(k in before or k in after for k in _KEYWORDS):
        for pb, pa, ind, c in _MAP:
            if (pb.pattern and not pb.search(before)) or (
                pa is not None and not pa.search(n[end : end + 12])
            ):
                continue
            if ind.startswith("t3.") and not _is_info_request_context(n, end):
                continue
            indicator = ind
            conf = min(conf, c)
            break
    return label, indicator, conf
