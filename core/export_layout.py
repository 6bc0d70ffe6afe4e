"""The official layout of tables 二, 三 and 四 of the annual report (国办公开办函〔2021〕30号, and the
2019 format's table 二), as used by the exports: row and column labels per indicator id."""

from __future__ import annotations

from dataclasses import dataclass

T3_COLS = (
    ("natural", "自然人"),
    ("business", "商业企业"),
    ("research", "科研机构"),
    ("nonprofit", "社会公益组织"),
    ("legal", "法律服务机构"),
    ("other_org", "其他"),
    ("total", "总计"),
)
# (row key, group label or "", row label)
T3_ROWS = (
    ("new", "", "一、本年新收政府信息公开申请数量"),
    ("carried_in", "", "二、上年结转政府信息公开申请数量"),
    ("r1", "三、本年度办理结果", "（一）予以公开"),
    ("r2", "三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("r3_1", "（三）不予公开", "1.属于国家秘密"),
    ("r3_2", "（三）不予公开", "2.其他法律行政法规禁止公开"),
    ("r3_3", "（三）不予公开", "3.危及“三安全一稳定”"),
    ("r3_4", "（三）不予公开", "4.保护第三方合法权益"),
    ("r3_5", "（三）不予公开", "5.属于三类内部事务信息"),
    ("r3_6", "（三）不予公开", "6.属于四类过程性信息"),
    ("r3_7", "（三）不予公开", "7.属于行政执法案卷"),
    ("r3_8", "（三）不予公开", "8.属于行政查询事项"),
    ("r4_1", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("r4_2", "（四）无法提供", "2.没有现成信息需要另行制作"),
    ("r4_3", "（四）无法提供", "3.补正后申请内容仍不明确"),
    ("r5_1", "（五）不予处理", "1.信访举报投诉类申请"),
    ("r5_2", "（五）不予处理", "2.重复申请"),
    ("r5_3", "（五）不予处理", "3.要求提供公开出版物"),
    ("r5_4", "（五）不予处理", "4.无正当理由大量反复申请"),
    ("r5_5", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
    ("r6_1", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("r6_2", "（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("r6_3", "（六）其他处理", "3.其他"),
    ("r6", "三、本年度办理结果", "（六）其他处理"),  # 2019 format: one row instead of r6_1..3
    ("r7_total", "三、本年度办理结果", "（七）总计"),
    ("carried_out", "", "四、结转下年度继续办理"),
)
T4_GROUPS = (
    ("review", "行政复议", ""),
    ("suit_direct", "行政诉讼", "未经复议直接起诉"),
    ("suit_after_review", "行政诉讼", "复议后起诉"),
)
T4_COLS = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)


@dataclass(frozen=True)
class Section:
    """One block of table 二: a heading, its column labels and rows (label, indicator ids per column)."""

    heading: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]


T2_2021 = (
    Section(
        "第二十条第（一）项",
        ("本年制发件数", "本年废止件数", "现行有效件数"),
        (
            ("规章", ("t2.regulations.issued", "t2.regulations.repealed", "t2.regulations.in_force")),
            (
                "行政规范性文件",
                ("t2.normative_docs.issued", "t2.normative_docs.repealed", "t2.normative_docs.in_force"),
            ),
        ),
    ),
    Section("第二十条第（五）项", ("本年处理决定数量",), (("行政许可", ("t2.licensing.decisions",)),)),
    Section(
        "第二十条第（六）项",
        ("本年处理决定数量",),
        (("行政处罚", ("t2.penalty.decisions",)), ("行政强制", ("t2.enforcement.decisions",))),
    ),
    Section(
        "第二十条第（八）项", ("本年收费金额（单位：万元）",), (("行政事业性收费", ("t2.fees.amount",)),)
    ),
)


def _t19(key: str, cols: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f"t2_2019.{key}.{c}" for c in cols)


T2_2019 = (
    Section(
        "第二十条第（一）项",
        ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
        (
            ("规章", _t19("regulations", ("new_made", "new_published", "total_public"))),
            ("规范性文件", _t19("normative_docs", ("new_made", "new_published", "total_public"))),
        ),
    ),
    Section(
        "第二十条第（五）项",
        ("上一年项目数量", "本年增/减", "处理决定数量"),
        (
            ("行政许可", _t19("licensing", ("prev_items", "delta", "decisions"))),
            ("其他对外管理服务事项", _t19("other_services", ("prev_items", "delta", "decisions"))),
        ),
    ),
    Section(
        "第二十条第（六）项",
        ("上一年项目数量", "本年增/减", "处理决定数量"),
        (
            ("行政处罚", _t19("penalty", ("prev_items", "delta", "decisions"))),
            ("行政强制", _t19("enforcement", ("prev_items", "delta", "decisions"))),
        ),
    ),
    Section(
        "第二十条第（八）项",
        ("上一年项目数量", "本年增/减"),
        (("行政事业性收费", _t19("fees", ("prev_items", "delta"))),),
    ),
    Section(
        "第二十条第（九）项",
        ("采购项目数量", "采购总金额"),
        (("政府集中采购", _t19("procurement", ("items", "amount"))),),
    ),
)


def _labels() -> dict[str, str]:
    out: dict[str, str] = {}
    for fmt, sections in (("", T2_2021), ("（2019版）", T2_2019)):
        for s in sections:
            for label, ids in s.rows:
                for col, ind in zip(s.columns, ids, strict=True):
                    out[ind] = f"表二{fmt} {label} {col}"
    for key, _group, label in T3_ROWS:
        for col, col_label in T3_COLS:
            short = label.split("（区分")[0].split("、行政机关")[0]
            out[f"t3.{key}.{col}"] = f"表三 {short} {col_label}"
    for key, group, sub in T4_GROUPS:
        for col, col_label in T4_COLS:
            out[f"t4.{key}.{col}"] = f"表四 {group}{('·' + sub) if sub else ''} {col_label}"
    return out


LABELS: dict[str, str] = _labels()
ORDER: tuple[str, ...] = tuple(LABELS)


def label(indicator: str) -> str:
    return LABELS.get(indicator, indicator)


def uses_2019_table2(ids: set[str]) -> bool:
    return any(i.startswith("t2_2019.") for i in ids) and not any(i.startswith("t2.") for i in ids)


def t3_rows(ids: set[str]) -> list[tuple[str, str, str]]:
    """Table 三 rows for a report: the 2019 single （六） row or the 2021 three rows, not both."""
    single = any(i.startswith("t3.r6.") for i in ids) and not any(i.startswith("t3.r6_") for i in ids)
    skip = ("r6_1", "r6_2", "r6_3") if single else ("r6",)
    return [r for r in T3_ROWS if r[0] not in skip]
