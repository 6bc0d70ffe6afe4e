"""The exports' table layout is the schema's: same ids, same labels, the printed form's order."""

from __future__ import annotations

from core import schema
from core.tables import layout


def test_layout_covers_exactly_the_schema_indicators() -> None:
    assert len(layout.ORDER) == len(set(layout.ORDER)) == 229
    assert set(layout.ORDER) == set(schema.by_id())
    in_tables = {i for s in layout.T2_2021 + layout.T2_2019 for _, ids in s.rows for i in ids}
    in_tables |= {f"t3.{k}.{c}" for k, _, _ in layout.T3_ROWS for c, _ in layout.T3_COLS}
    in_tables |= {f"t4.{k}.{c}" for k, _, _ in layout.T4_GROUPS for c, _ in layout.T4_COLS}
    assert in_tables == set(layout.ORDER)


def test_labels_read_like_the_printed_form() -> None:
    assert layout.label("t3.new.total") == "表三 一、本年新收政府信息公开申请数量 总计"
    assert layout.label("t3.r2.business") == "表三 （二）部分公开 商业企业"
    assert layout.label("t3.r6.total") == "表三 （六）其他处理 总计"
    assert layout.label("t3.r6_1.natural") == "表三 1.申请人无正当理由逾期不补正 自然人"
    assert layout.label("t4.suit_direct.upheld") == "表四 行政诉讼·未经复议直接起诉 结果维持"
    assert layout.label("t2.fees.amount") == "表二 行政事业性收费 本年收费金额（单位：万元）"
    assert layout.label("t2_2019.procurement.amount") == "表二（2019版） 政府集中采购 采购总金额"
    assert layout.label("x.unknown") == "x.unknown"


def test_sections_group_rows_of_one_heading() -> None:
    assert [(s.heading, len(s.rows)) for s in layout.T2_2021] == [
        ("第二十条第（一）项", 2), ("第二十条第（五）项", 1), ("第二十条第（六）项", 2), ("第二十条第（八）项", 1),
    ]  # fmt: skip
    assert [len(s.columns) for s in layout.T2_2019] == [3, 3, 3, 2, 2]


def test_one_other_handling_row_per_format() -> None:
    keys = [k for k, _, _ in layout.T3_ROWS]
    assert keys.index("r6") == keys.index("r6_3") + 1 and keys[-2:] == ["r7_total", "carried_out"]
    old = [k for k, _, _ in layout.t3_rows({"t3.r6.total", "t3.new.total"})]
    new = [k for k, _, _ in layout.t3_rows({"t3.r6_1.total"})]
    assert "r6" in old and "r6_1" not in old
    assert "r6" not in new and {"r6_1", "r6_2", "r6_3"} <= set(new)
    assert len(old) == 23 and len(new) == 25
