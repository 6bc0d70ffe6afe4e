"""Table 四's row of values after a page break, as a browser printout's text layer reads it: the
header, a row of empty cells (the rest of the header's tall cells, on the next page), then the values.
The values are read in their columns when the row holds one cell per column; otherwise they cannot be
aligned with the header with certainty and every cell is reported unread, never shifted."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from core import tables
from tests.core.tables.helpers import load_text

HEAD = [
    "四、政府信息公开行政复议、行政诉讼情况",
    "行政复议\t\t\t\t\t行政诉讼",
    "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉",
    "\t\t\t\t\t" + "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2),
    "\t" * 14,
]
VALUES = ["0", "1", "1", "0", "2", "1", "0", "0", "0", "1", "0", "0", "1", "0", "1"]


def _t4(tmp_path: Path, values: list[str]) -> dict[str, object]:
    text = "\n".join([*HEAD, "\t".join(values), "五、存在的主要问题及改进情况", ""])
    got = tables.read(load_text(tmp_path, text), with_unread=True)
    return {k: v for k, v in got.items() if k.startswith("t4.")}


def test_values_below_an_empty_row_are_read_in_their_columns(tmp_path: Path) -> None:
    got = _t4(tmp_path, VALUES)
    assert [v.value for v in got.values()] == [Decimal(x) for x in VALUES]


def test_a_row_short_of_one_cell_is_unread_not_shifted(tmp_path: Path) -> None:
    got = _t4(tmp_path, VALUES[1:])
    assert len(got) == 15
    assert {v.kind for v in got.values()} == {tables.UNREAD}
