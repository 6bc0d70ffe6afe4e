"""The program's vocabulary, in one place: every code core stores and its Chinese wording.

Measure words (with what may not follow them and what they count), qualifiers (with the words that
write them), the markers of a not-applicable cell, the statuses of reports, figures, indicator values
and checks, review actions, sources, indicator kinds and check rules. Core reads reports with it (the
regexes of ``core.figures`` and ``core.tables`` are built from these tables), the exports word their
cells with it and the GUI shows it (through Qt's translation, context ``"Vocab"``).

Adding a measure word, a qualifier word or a not-applicable marker is one edit here. Modules that
build patterns from the tables read them as ``vocab.UNITS`` (never ``from core.vocab import UNITS``)
inside a function wrapped by :func:`derived`, so the patterns follow the tables: a test may replace a
table (``monkeypatch.setattr(vocab, "UNITS", (*vocab.UNITS, vocab.Unit("单")))``) and sees the new
word found, exported and shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from core.textnorm import normalize

# ---- measure words ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """A measure word a figure may carry (件, 人次, 万元, % …) and how the readers treat it."""

    word: str  # as the figure list and the exports show it
    written: tuple[str, ...] = ()  # other ways reports write it (％ for %)
    blockers: str = ""  # characters that, right after the word, make it part of another (个人, 条例)
    money: bool = False  # an amount of money (元, 万元, 亿元)
    multiplied: bool = False  # a multiplier and a unit (万元 = 万 × 元): figures read the multiplier apart
    percent: bool = False  # a share (63.6%), kept as written
    before_noun: bool = False  # a classifier: 12个部门 counts the noun after it
    one_is_count: bool = False  # 复议一件。is a count; otherwise 一 + the word is an idiom (一次性, 一批)
    case_count: bool = False  # tables 三 and 四 count in it: a figure in it may name one of their indicators
    rank: bool = False  # after 前 it is a rank (前10名), not a count
    article: bool = False  # after a law's title it numbers an article (《条例》三十三条)
    in_headers: bool = False  # a column header may name it in brackets: 数量（件）, 金额（单位：万元）
    count_header: str = ""  # a column header ending in this word counts in the unit: 件数, 人次
    in_cells: bool = False  # a cell of tables 二/三/四 may write it after the number: 12件
    signed: bool = False  # a change may carry a sign: -3.2%, +1.5个百分点, -200万元
    arabic_only: bool = False  # a count only after Arabic digits: 十分重要, 三分之一, 一对一 are words
    clock: bool = False  # after 时, 点 or a colon it is a time of day (8时30分); after 万/亿 a word (万分)
    policy_name: bool = False  # after a name it ends a policy's name: 国十条, 创业富民30条
    only_before: tuple[str, ...] = ()  # when set, a count only at a clause end or before these words

    @property
    def forms(self) -> tuple[str, ...]:
        """Every way the word is written: the word itself first."""
        return (self.word, *self.written)


U = Unit
# Blockers are what turns a count into another word: 个人, 人民, 条例, 场所, 期间, 元旦 …
UNITS: tuple[Unit, ...] = (
    U("个工作日"),
    U("个百分点", signed=True),
    U("个月"),
    U("平方公里"),
    U("平方米"),
    U("公顷"),
    U("公里"),
    U("人次", one_is_count=True, in_headers=True, count_header="人次"),
    U("件次", case_count=True, count_header="件次"),
    U("场次"),
    U("户次"),
    U("批次"),
    U("剂次"),
    U("万元", money=True, multiplied=True, in_headers=True, in_cells=True, signed=True),
    U("亿元", money=True, multiplied=True, in_headers=True, signed=True),
    U("小时"),
    U("分钟"),
    U("个", blockers="人体性别案季月一", before_noun=True, case_count=True, in_headers=True,
      count_header="个数", in_cells=True),
    U("条", blockers="例件款线理幅码", one_is_count=True, article=True, in_headers=True, count_header="条数",
      in_cells=True, policy_name=True),
    U("件", blockers="事", one_is_count=True, case_count=True, in_headers=True, count_header="件数",
      in_cells=True),
    U("项", blockers="下", one_is_count=True, article=True, in_headers=True, count_header="项数", in_cells=True),
    U("次", blockers="数要序生日年月", in_headers=True, count_header="次数"),
    U("场", blockers="所景地馆合面域外", in_headers=True, count_header="场数"),
    U("期", blockers="间限待刊望末初中", in_headers=True),
    U("份", blockers="额", one_is_count=True, in_headers=True, count_header="份数"),
    U("宗", one_is_count=True, case_count=True),
    U("篇", one_is_count=True, in_headers=True, count_header="篇数"),
    U("家", blockers="庭长属乡园政", before_noun=True, one_is_count=True, in_headers=True, count_header="家数"),
    U("名", blockers="单称义录片额", before_noun=True, one_is_count=True, rank=True),
    U("人", blockers="民员大社口才事身力们群居物均士类", one_is_count=True, in_headers=True,
      count_header="人数"),
    U("册", in_headers=True, count_header="册数"),
    U("元", blockers="旦素宵年月首", money=True, in_headers=True, in_cells=True, signed=True),
    U("天", blockers="津然地气下网", in_headers=True),
    U("类", blockers="别型似"),
    U("位", blockers="于置", before_noun=True, rank=True),
    U("户", blockers="籍口外型", before_noun=True, in_headers=True, count_header="户数"),
    U("所", blockers="有在属以谓得需", before_noun=True, one_is_count=True),
    U("座", blockers="谈", before_noun=True),
    U("批", blockers="准复评示"),
    U("轮", blockers="流换"),
    U("封", blockers="闭面存控"),
    U("套", blockers="餐", before_noun=True),
    U("张", blockers="贴", before_noun=True),
    U("台", blockers="账风湾阶", before_noun=True),
    U("辆", before_noun=True),
    U("吨"),
    U("周", blockers="年边期末知岁"),
    U("例", blockers="如行会", one_is_count=True, case_count=True),
    U("起", blockers="草诉来步点到始", one_is_count=True, case_count=True),
    U("处", blockers="理罚置分室长级"),
    U("本", blockers="级机年单地市区县镇部报次着人领"),
    U("部", blockers="分门署委长位"),
    U("集", blockers="中体团约成"),
    U("幅"),
    U("栏", blockers="目"),
    U("节", blockers="点约日能"),
    U("课", blockers="题程"),
    U("组", blockers="织长建成"),
    U("支", blockers="持付部出", before_noun=True),
    U("块", blockers="钱", before_noun=True),
    U("倍"),
    U("则", blockers="是为上要应可在"),
    U("亩"),
    U("栋", before_noun=True),
    U("间", blockers="隔断接", before_noun=True),
    U("笔", blockers="记录试者名画墨谈触杆"),
    U("对", arabic_only=True, only_before=("新人", "夫妻", "夫妇", "家庭")),  # 3对1, 对于: a preposition
    U("秒", blockers="批办杀懂钟", arabic_only=True),
    U("分", blockers="之别类析为布局管批期解工配享散送级区会公行数值段支成担离流拆包院所队社号钟贝",
      arabic_only=True, clock=True),
    U("%", written=("％",), percent=True, in_headers=True, signed=True),
    U("‰", percent=True, signed=True),
)  # fmt: skip
del U


def unit(word: str) -> Unit | None:
    """The measure word written ``word`` (any of its forms), or None."""
    return _unit_forms().get(word)


def unit_words(units: Iterable[Unit] | None = None) -> tuple[str, ...]:
    """Every written form of ``units`` (default: all), longest first, so 人次 wins over 人."""
    forms = [f for u in (UNITS if units is None else units) for f in u.forms]
    return tuple(sorted(forms, key=len, reverse=True))


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first (escaped)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# ---- qualifiers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Qualifier:
    """How a figure is bounded (余/多, 以上, 约 …): its code, its Chinese name and the words that write it."""

    code: str
    name: str
    before: tuple[str, ...] = ()  # before the number: 超过5件, 约300人
    between: tuple[str, ...] = ()  # after the number, before the unit: 500余人次, 1860多个
    after: tuple[str, ...] = ()  # after the unit: 5件以上, 300人左右
    shown: str = "{}"  # how a check's formula writes a figure with this bound: 500余, 不超过3


# In order of precedence: 不超过5件以上 is at_most, 超过5件以上 more_than, 约5件以上 at_least.
QUALIFIERS: tuple[Qualifier, ...] = (
    Qualifier(
        "at_most",
        "不超过",
        before=("不超过", "不多于", "不高于", "不大于", "最多"),
        after=("以内", "以下"),
        shown="不超过{}",
    ),
    Qualifier(
        "more_than", "余/多", before=("超过", "逾", "超"), between=("余", "多"), after=("之多",), shown="{}余"
    ),
    Qualifier("at_least", "以上", before=("至少", "不少于", "不低于"), after=("以上",), shown="{}以上"),
    Qualifier("less_than", "不足", before=("不足", "不到", "少于"), shown="不足{}"),
    Qualifier("about", "约", before=("约",), after=("左右",), shown="约{}"),
    Qualifier("nearly", "近", before=("近",), shown="近{}"),
    # 3-5个工作日, 三至五天, 三四件: no word writes it; the figure's value is the lower bound
    Qualifier("range", "区间（取下限）"),
)
RANGE = "range"  # the code the scan gives a range (no word bounds it)
# Words that stand before a figure without bounding it (达到3000件): they end the search for a bound.
PLAIN_BEFORE = ("达到", "达")


def qualifier_of(before: str | None, between: str | None, after: str | None) -> str | None:
    """The code of the qualifier written by these words around a figure, or None."""
    if not (before or between or after):
        return None
    for q in QUALIFIERS:
        if (
            (between and between in q.between)
            or (after and after in q.after)
            or (before and before in q.before)
        ):
            return q.code
    return None


def qualifier_words(part: str, codes: Iterable[str] | None = None) -> tuple[str, ...]:
    """The ``before`` / ``between`` / ``after`` words of the qualifiers ``codes`` (default: all)."""
    wanted = None if codes is None else set(codes)
    out: list[str] = []
    for q in QUALIFIERS:
        if wanted is None or q.code in wanted:
            out += [w for w in getattr(q, part) if w not in out]
    return tuple(out)


def qualified(code: str | None, number: str) -> str:
    """``number`` written with the qualifier ``code`` as a check's formula shows it: 500余, 约300."""
    return next((q.shown for q in QUALIFIERS if q.code == code), "{}").format(number)


def qualifier_name(code: str | None) -> str:
    """The Chinese name of a qualifier ('' for none; the code itself when unknown)."""
    if not code:
        return ""
    return next((q.name for q in QUALIFIERS if q.code == code), code)


# ---- not applicable -----------------------------------------------------------------------------

# A cell that says the row does not apply. Matched on normalized text (simplified, half-width).
NOT_APPLICABLE_WORDS = ("无", "不适用", "无此项", "不涉及", "—/—")
NOT_APPLICABLE_RUNS = ("/", "—–-－")  # a run of any one of these sets of marks: /, //, —, ——, --
NOT_APPLICABLE_SHOWN = "/"  # how a not-applicable value with no text of its own is shown


def is_not_applicable(text: str) -> bool:
    """True when ``text`` (as a report or a reviewer writes it, any script or width) marks not applicable."""
    return _not_applicable_re().match(normalize(text.strip())) is not None


# ---- statuses, actions, sources, kinds, rules ---------------------------------------------------

REPORT_STATUSES = {
    "unreviewed": "未审核",
    "in_review": "审核中",
    "done": "已完成",
    "in_question": "有疑问",
    "approved": "复核通过",  # the second reviewer (复核人) approved the first reviewer's work
    "returned": "已退回",  # the second reviewer returned it, with a reason, to the first reviewer
}
# What a table cell holds (``IndicatorValue.kind``): one code for each, one meaning each.
NUMBER = "number"  # a number other than zero
ZERO = "zero"  # a printed 0 (never a blank)
BLANK = "empty"  # a cell printed empty in the report (never 0, never unread)
NOT_APPLICABLE = "not_applicable"  # “/”, “—”, 无, 不适用 … (NOT_APPLICABLE_WORDS)
UNREAD_KIND = "unread"  # a cell of a table found in the report that the program could not read: never blank
# A cell the report does not state at all (未填报): a row or table it does not print, the sub-rows of
# （六）其他处理 when a 2021 report prints it as one row, or a cell the reviewer marked so. Never a zero,
# never a blank printed in the report, never unread. A cell with no value at all is shown as this too.
NOT_STATED = "not_stated"
# A report in one of these is locked: review actions are refused until it is reopened with a reason.
LOCKED_STATUSES = ("done", "approved")
# Finished: what "已完成的报告" means in the export and the review record (done, or approved since).
FINISHED_STATUSES = LOCKED_STATUSES
FIGURE_STATUSES = {
    "pending": "待核对",
    "confirmed": "已确认",
    "corrected": "已更正",
    "rejected": "已否定",
    "added": "补录",
}
INDICATOR_STATUSES = {k: FIGURE_STATUSES[k] for k in ("pending", "confirmed", "corrected")}
# How a figure or a table cell is coloured: its status, or "failing" when pending in a failing check.
DISPLAY_STATUSES = {**FIGURE_STATUSES, "failing": "检查未通过", UNREAD_KIND: "未读出"}
CHECK_STATUSES = {"pass": "通过", "fail": "未通过", "not_checkable": "无法核对"}
ACCEPTED = "已接受"  # a failing check a reviewer accepted with a reason
REVIEW_ACTIONS = {
    "confirm": "确认",
    "correct": "更正",
    "reject": "否定",
    "add": "补录",
    "set_indicator": "设置指标",
    "set_indicator_value": "修改指标值",
    "confirm_indicators": "批量确认指标",
    "accept_check": "接受检查",
    "set_report_status": "设置报告状态",
    "reopen": "重新打开",  # a locked report opened again for changes, with a reason
    "approve": "复核通过",  # the second reviewer approves a done report
    "return": "退回",  # the second reviewer returns a done report to the first reviewer, with a reason
    "undo": "撤销",
    "redo": "重做",
    "check_changed": "锁定后检查结果变化",  # a locked report's checks stay as signed; what moved is shown
}
# The actions that sign a report off (or open it again): they move the lock, never the figures.
SIGNOFF_ACTIONS = ("set_report_status", "reopen", "approve", "return")
REVIEWER = "审核人"  # the first reviewer, who reviews and marks a report done
SECOND_REVIEWER = "复核人"  # the second reviewer, who approves or returns a done report
SOURCES = {"text": "正文", "table": "表格", "manual": "手工补录"}
INDICATOR_KINDS = {
    NUMBER: "数值",
    ZERO: "零",
    BLANK: "空白",
    NOT_APPLICABLE: "不适用",
    UNREAD_KIND: "未读出",
    NOT_STATED: "未填报",
}
UNREAD = INDICATOR_KINDS[UNREAD_KIND]  # the wording of an unread cell, as the window and the exports print it
NOT_STATED_SHOWN = INDICATOR_KINDS[NOT_STATED]  # how a not-stated cell is printed: never blank, never 0


@dataclass(frozen=True)
class RuleWords:
    name: str  # short, as the checks panel lists it
    text: str  # the relation in words


RULES = {
    "t3.row_total": RuleWords(
        "表三行合计", "表三每一行：自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他 = 总计"
    ),
    "t3.balance": RuleWords(
        "表三收支平衡", "表三每一列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理"
    ),
    "t3.results_total": RuleWords("表三办理结果总计", "表三每一列：（一）至（六）各项之和 = （七）总计"),
    "t4.group_total": RuleWords("表四合计", "表四每一组：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计"),
    "cross_year.carry": RuleWords("跨年结转", "本年上年结转 = 上一年度报告的结转下年度继续办理"),
    "narrative_vs_table": RuleWords("正文与表格一致", "正文中的数字与表格中对应的数值一致"),
    "non_negative": RuleWords("非负整数", "件数为非负整数，金额非负"),
}


def rule_name(code: str) -> str:
    """The short Chinese name of a check rule (the code itself when unknown)."""
    r = RULES.get(code)
    return r.name if r is not None else code


def wordings() -> tuple[str, ...]:
    """Every Chinese wording the GUI may show from this vocabulary (for the translation files)."""
    out: list[str] = [q.name for q in QUALIFIERS]
    for table in (
        REPORT_STATUSES,
        DISPLAY_STATUSES,
        CHECK_STATUSES,
        REVIEW_ACTIONS,
        SOURCES,
        INDICATOR_KINDS,
    ):
        out += table.values()
    out += [r.name for r in RULES.values()]
    out.append(ACCEPTED)
    out += [REVIEWER, SECOND_REVIEWER]
    return tuple(dict.fromkeys(out))


# ---- patterns that follow the tables ------------------------------------------------------------

T = TypeVar("T")


def derived(build: Callable[[], T]) -> Callable[[], T]:
    """Decorate a function that compiles patterns from the vocabulary: its result is cached while
    ``UNITS``, ``QUALIFIERS``, ``PLAIN_BEFORE`` and the not-applicable markers stay the same objects.
    Call it where the patterns are used (it is cheap, but once per document in a hot loop)."""
    key: list[object] = [None] * 5
    value: list[T] = []

    def get() -> T:
        if (
            value
            and key[0] is UNITS
            and key[1] is QUALIFIERS
            and key[2] is PLAIN_BEFORE
            and key[3] is NOT_APPLICABLE_WORDS
            and key[4] is NOT_APPLICABLE_RUNS
        ):
            return value[0]
        key[:] = [UNITS, QUALIFIERS, PLAIN_BEFORE, NOT_APPLICABLE_WORDS, NOT_APPLICABLE_RUNS]
        value[:] = [build()]
        return value[0]

    get.__doc__ = build.__doc__
    return get


@derived
def _unit_forms() -> dict[str, Unit]:
    return {f: u for u in UNITS for f in u.forms}


@derived
def _not_applicable_re() -> re.Pattern[str]:
    runs = [f"[{re.escape(marks)}]+" for marks in NOT_APPLICABLE_RUNS]
    return re.compile(f"^(?:{'|'.join([*runs, *map(re.escape, NOT_APPLICABLE_WORDS)])})$")


def not_applicable_re() -> re.Pattern[str]:
    """``^(?:/+|[—–\\-－]+|无|不适用|…)$``: a whole normalized cell that marks not applicable."""
    return _not_applicable_re()
