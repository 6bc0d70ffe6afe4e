"""The indicator schema generated in code agrees with the reference schema file."""

from __future__ import annotations

import json
from pathlib import Path

from core import schema


def test_schema_has_every_table_row_and_column() -> None:
    ids = [i.id for i in schema.indicators()]
    assert len(ids) == len(set(ids)) == 229
    assert sum(i.startswith("t3.") for i in ids) == 26 * 7
    assert "t3.r6.total" in ids and "t3.r6_3.natural" in ids and "t2_2019.fees.delta" in ids
    assert schema.by_id()["t2.fees.amount"].unit == "万元"
    assert schema.short_label("t3.r1.total") == "（一）予以公开 / 总计"


def test_schema_matches_reference_json(shared: Path) -> None:
    ref = json.loads((shared / "reference" / "annual-report-schema.json").read_text(encoding="utf-8"))
    mine = schema.indicators()
    assert [i.id for i in mine] == [x["id"] for x in ref["indicators"]]
    for ind, x in zip(mine, ref["indicators"], strict=True):
        assert (ind.table, ind.group, ind.row, ind.column, ind.unit) == (
            x["table"],
            x["group"],
            x["row"],
            x["column"],
            x["unit"],
        ), ind.id
    assert {r.id for r in schema.RULES} == {r["id"] for r in ref["rules"]}


def test_derived_ids_of_the_narrative_have_readable_names() -> None:
    from core.schema import short_label

    assert short_label("t4.suit.total") == "行政诉讼（两类合计） / 总计"
    assert short_label("t3.r3.total") == "（三）不予公开（各项之和） / 总计"
    assert short_label("t9.nothing.total") == ""


def test_label_helpers_give_the_names_the_form_prints() -> None:
    assert [schema.own_label(c.label) for c in schema.T3_COLUMNS] == [
        "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计",
    ]  # fmt: skip
    assert [schema.heading_parts(label) for _k, label in schema.T4_GROUPS] == [
        ("行政复议", ""), ("行政诉讼", "未经复议直接起诉"), ("行政诉讼", "复议后起诉"),
    ]  # fmt: skip
    briefs = {r.key: schema.brief_label(r.label) for r in schema.T3_ROWS}
    assert briefs["r2"] == "（二）部分公开" and briefs["r6"] == "（六）其他处理"
    for r in (*schema.T2_ROWS, *schema.T3_ROWS, *schema.T2_2019_ROWS):
        assert " (" not in schema.plain_label(r.label) and "（区分" not in schema.brief_label(r.label)
    assert schema.plain_label(schema.T2_2019) == schema.T2
