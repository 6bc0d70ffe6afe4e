"""The indicators of the standard annual report format, generated from tables × rows × columns.

Formats: 国办公开办函〔2021〕30号 (tables 二, 三, 四: ids ``t2.*``, ``t3.*``, ``t4.*``) and the 2019 trial
format 国办公开办函〔2019〕60号 (its own table 二: ``t2_2019.*``; table 三 with one （六）其他处理 row,
``t3.r6.*``; table 四 unchanged). Each row also carries the label variants the table reader accepts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from core import vocab

T2 = "二、主动公开政府信息情况"
T2_2019 = "二、主动公开政府信息情况 (2019 format, 国办公开办函〔2019〕60号)"
T3 = "三、收到和处理政府信息公开申请情况"
T4 = "四、政府信息公开行政复议、行政诉讼情况"


@dataclass(frozen=True)
class Indicator:
    id: str
    table: str
    group: str | None
    row: str | None
    column: str
    unit: str


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    unit: str = "件"


@dataclass(frozen=True)
class Row:
    """A leaf row: ``key`` in ids, official ``label``, accepted label ``variants`` (any script),
    the ``columns`` of its value cells and its ``group`` (a heading row without numbers)."""

    key: str
    label: str
    columns: tuple[Column, ...]
    group: str | None = None
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    id: str
    text: str


def plain_label(label: str) -> str:
    """A label without its English note: ``（六）其他处理 (2019 format: a single row)`` → ``（六）其他处理``."""
    return label.split(" (")[0]


def brief_label(label: str) -> str:
    """A row label as a reviewer reads it in a list, without the note and the official parenthesis:
    ``（二）部分公开（区分处理的，只计这一情形，不计其他情形）`` → ``（二）部分公开``."""
    return plain_label(label).split("（区分")[0]


def heading_parts(label: str) -> tuple[str, str]:
    """A column or group label under a spanning heading, split: ``行政诉讼 / 复议后起诉`` →
    (``行政诉讼``, ``复议后起诉``); a label without one → (label, "")."""
    heading, sep, own = label.rpartition(" / ")
    return (heading, own) if sep else (label, "")


def own_label(label: str) -> str:
    """A column's own label without its spanning heading: ``法人或其他组织 / 科研机构`` → ``科研机构``."""
    return label.rpartition(" / ")[2]


# ---- table 三 -----------------------------------------------------------------------------------

T3_COLUMNS = (
    Column("natural", "自然人"),
    Column("business", "法人或其他组织 / 商业企业"),
    Column("research", "法人或其他组织 / 科研机构"),
    Column("nonprofit", "法人或其他组织 / 社会公益组织"),
    Column("legal", "法人或其他组织 / 法律服务机构"),
    Column("other_org", "法人或其他组织 / 其他"),
    Column("total", "总计"),
)
T3_PARTS = tuple(c.key for c in T3_COLUMNS[:-1])

_RESULTS = "三、本年度办理结果"
_T3_ROWS: tuple[tuple[str, str | None, str, tuple[str, ...]], ...] = (
    ("new", None, "一、本年新收政府信息公开申请数量", ()),
    ("carried_in", None, "二、上年结转政府信息公开申请数量", ()),
    ("r1", _RESULTS, "（一）予以公开", ()),
    ("r2", _RESULTS, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ("部分公开",)),
    ("r3_1", "（三）不予公开", "1.属于国家秘密", ()),
    ("r3_2", "（三）不予公开", "2.其他法律行政法规禁止公开", ()),
    ("r3_3", "（三）不予公开", "3.危及“三安全一稳定”", ()),
    ("r3_4", "（三）不予公开", "4.保护第三方合法权益", ()),
    ("r3_5", "（三）不予公开", "5.属于三类内部事务信息", ()),
    ("r3_6", "（三）不予公开", "6.属于四类过程性信息", ()),
    ("r3_7", "（三）不予公开", "7.属于行政执法案卷", ()),
    ("r3_8", "（三）不予公开", "8.属于行政查询事项", ()),
    ("r4_1", "（四）无法提供", "1.本机关不掌握相关政府信息", ()),
    ("r4_2", "（四）无法提供", "2.没有现成信息需要另行制作", ()),
    ("r4_3", "（四）无法提供", "3.补正后申请内容仍不明确", ()),
    ("r5_1", "（五）不予处理", "1.信访举报投诉类申请", ()),
    ("r5_2", "（五）不予处理", "2.重复申请", ()),
    ("r5_3", "（五）不予处理", "3.要求提供公开出版物", ()),
    ("r5_4", "（五）不予处理", "4.无正当理由大量反复申请", ()),
    ("r5_5", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息", ()),
    ("r6", _RESULTS, "（六）其他处理 (2019 format: a single row)", ("其他处理",)),
    (
        "r6_1",
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ("申请人无正当理由逾期不补正",),
    ),
    (
        "r6_2",
        "（六）其他处理",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ("申请人逾期未按收费通知要求缴纳费用",),
    ),
    ("r6_3", "（六）其他处理", "3.其他", ()),
    ("r7_total", _RESULTS, "（七）总计", ()),
    ("carried_out", None, "四、结转下年度继续办理", ()),
)
T3_ROWS = tuple(Row(k, lab, T3_COLUMNS, g, v) for k, g, lab, v in _T3_ROWS)
T3_RESULT_ROWS = tuple(r.key for r in T3_ROWS[2:-2])  # r1 … r6_3, summed into r7_total

# ---- table 四 -----------------------------------------------------------------------------------

T4_COLUMNS = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计"),
)
T4_GROUPS = (
    ("review", "行政复议"),
    ("suit_direct", "行政诉讼 / 未经复议直接起诉"),
    ("suit_after_review", "行政诉讼 / 复议后起诉"),
)

# ---- table 二 (2021 and 2019) -------------------------------------------------------------------

_C_ISSUED = (
    Column("issued", "本年制发件数"),
    Column("repealed", "本年废止件数"),
    Column("in_force", "现行有效件数"),
)
_C_DECISIONS = (Column("decisions", "本年处理决定数量"),)
T2_ROWS = (
    Row("regulations", "规章", _C_ISSUED, "第二十条第（一）项"),
    Row("normative_docs", "行政规范性文件", _C_ISSUED, "第二十条第（一）项", ("规范性文件",)),
    Row("licensing", "行政许可", _C_DECISIONS, "第二十条第（五）项"),
    Row("penalty", "行政处罚", _C_DECISIONS, "第二十条第（六）项"),
    Row("enforcement", "行政强制", _C_DECISIONS, "第二十条第（六）项"),
    Row(
        "fees",
        "行政事业性收费",
        (Column("amount", "本年收费金额（单位：万元）", "万元"),),
        "第二十条第（八）项",
    ),
)

_C_MADE = (
    Column("new_made", "本年新制作数量"),
    Column("new_published", "本年新公开数量"),
    Column("total_public", "对外公开总数量"),
)
_C_ITEMS = (
    Column("prev_items", "上一年项目数量", "项"),
    Column("delta", "本年增/减", "项"),
    Column("decisions", "处理决定数量"),
)
T2_2019_ROWS = (
    Row("regulations", "规章", _C_MADE, "第二十条第（一）项"),
    Row("normative_docs", "规范性文件", _C_MADE, "第二十条第（一）项", ("行政规范性文件",)),
    Row("licensing", "行政许可", _C_ITEMS, "第二十条第（五）项"),
    Row("other_services", "其他对外管理服务事项", _C_ITEMS, "第二十条第（五）项"),
    Row("penalty", "行政处罚", _C_ITEMS, "第二十条第（六）项"),
    Row("enforcement", "行政强制", _C_ITEMS, "第二十条第（六）项"),
    Row("fees", "行政事业性收费", _C_ITEMS[:2], "第二十条第（八）项"),
    Row(
        "procurement",
        "政府集中采购",
        (Column("items", "采购项目数量", "项"), Column("amount", "采购总金额", "元")),
        "第二十条第（九）项",
    ),
)
# Column headers that tell the two table 二 layouts apart.
T2_HEADERS_2021 = ("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额单位万元")
T2_HEADERS_2019 = (
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "采购项目数量",
    "采购总金额",
)

RULES = tuple(Rule(code, words.text) for code, words in vocab.RULES.items())  # worded in core.vocab


@lru_cache(maxsize=1)
def indicators() -> tuple[Indicator, ...]:
    """Every indicator in schema order: t2, t3, t4, then t2_2019."""
    out: list[Indicator] = []
    for r in T2_ROWS:
        out += [Indicator(f"t2.{r.key}.{c.key}", T2, r.group, r.label, c.label, c.unit) for c in r.columns]
    for r in T3_ROWS:
        out += [Indicator(f"t3.{r.key}.{c.key}", T3, r.group, r.label, c.label, c.unit) for c in r.columns]
    for g, glabel in T4_GROUPS:
        out += [Indicator(f"t4.{g}.{c.key}", T4, glabel, None, c.label, c.unit) for c in T4_COLUMNS]
    for r in T2_2019_ROWS:
        out += [
            Indicator(f"t2_2019.{r.key}.{c.key}", T2_2019, r.group, r.label, c.label, c.unit)
            for c in r.columns
        ]
    return tuple(out)


@lru_cache(maxsize=1)
def by_id() -> dict[str, Indicator]:
    return {i.id: i for i in indicators()}


# Sums the narrative names but the tables split (see core.figures.labels and core.checks._derived).
DERIVED_ROWS = {
    "t4.suit": ("行政诉讼（两类合计）", T4_COLUMNS),
    "t3.r3": ("（三）不予公开（各项之和）", T3_COLUMNS),
    "t3.r4": ("（四）无法提供（各项之和）", T3_COLUMNS),
    "t3.r5": ("（五）不予处理（各项之和）", T3_COLUMNS),
    "t3.r1_r2": ("予以公开及部分公开（两项之和）", T3_COLUMNS),
    "t3.received": ("新收及上年结转（两项之和）", T3_COLUMNS),
}


@lru_cache(maxsize=1 << 12)
def short_label(indicator_id: str) -> str:
    """A human label such as ``予以公开 / 自然人`` for an indicator id ('' when unknown)."""
    ind = by_id().get(indicator_id)
    if ind is None:
        row_id, _, col = indicator_id.rpartition(".")
        if row_id in DERIVED_ROWS:
            row_label, columns = DERIVED_ROWS[row_id]
            col_label = next((c.label for c in columns if c.key == col), col)
            return f"{row_label} / {col_label}"
        return ""
    row = ind.row or ind.group or ""
    row = plain_label(row)
    return f"{row} / {ind.column}" if row else ind.column
