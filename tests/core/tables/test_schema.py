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
