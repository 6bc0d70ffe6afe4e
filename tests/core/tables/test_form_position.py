"""The form is the key, labels confirm: the 2021 format fixes the order of table 三's rows, so a row
whose label was garbled (a stacked vertical heading interleaved with it, as a WPS export's text
layer reads when its characters are misplaced) or mistyped is read at its place in the form, when its
label still holds most of the row's words. When the place and the label disagree, the row's cells
are reported unread, never guessed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from core import tables
from core.schema import T3_ROWS
from tests.core.tables.helpers import load_text, pipe_text, t3_rows


def _value(key: str, col: int) -> str:
    return str((sum(map(ord, key)) + col) % 9 + 1)


def _rows_with(labels: dict[str, str]) -> list[list[str]]:
    rows = t3_rows(_value)
    keys = [r.key for r in T3_ROWS if r.key != "r6"]
    for row, key in zip(rows, keys, strict=True):
        if key in labels:
            row[0] = labels[key]
    return rows


def _read(tmp_path: Path, labels: dict[str, str]) -> dict[str, object]:
    return tables.read(load_text(tmp_path, pipe_text(_rows_with(labels))), with_unread=True)


def _row(values: dict, key: str) -> list[object]:
    cols = ("natural", "business", "research", "nonprofit", "legal", "other_org", "total")
    return [(values[f"t3.{key}.{c}"].kind, values[f"t3.{key}.{c}"].value) for c in cols]


def _expected(key: str) -> list[object]:
    return [("number", Decimal(_value(key, c))) for c in range(7)]


# The labels of rows （一）, （二） and （三）2 as the text layer of a WPS export read them when the
# stacked 三、本年度办理结果 fell into them (../shared/corpus/wps-like, README), with the typo
# 行政法规禁止 → 行政止 an office printed.
GARBLED = {
    "r1": "三、（一）予以公开",
    "r2": "本年度（计二其）他部情分形公）开（区分处理的，只计这一情 形，不",
    "r3_2": "结果2.其他法律行政止公开",
}


def test_garbled_and_mistyped_labels_are_read_at_their_place(tmp_path: Path) -> None:
    got = _read(tmp_path, GARBLED)
    for key in ("r1", "r2", "r3_2"):
        assert _row(got, key) == _expected(key), key
    assert [k for k, v in got.items() if v.kind == tables.UNREAD] == []


def test_a_label_that_does_not_confirm_its_place_leaves_the_row_unread(tmp_path: Path) -> None:
    """A label at （二）'s place that holds none of （二）'s words: its cells are not taken for （二）."""
    got = _read(tmp_path, {"r2": "附注：以上数据截至十二月底"})
    assert {got[f"t3.r2.{c}"].kind for c in ("natural", "total")} == {tables.UNREAD}
    assert _row(got, "r1") == _expected("r1")
    assert _row(got, "r3_1") == _expected("r3_1")


def test_an_extra_row_between_two_rows_leaves_the_gap_unread(tmp_path: Path) -> None:
    """Two unmatched rows of cells where the form has one: which is （一） cannot be told; neither is
    taken, and the anchored rows around them are read as before."""
    rows = _rows_with({"r1": "三、（一）予以公开"})
    at = next(i for i, r in enumerate(rows) if r[0] == "三、（一）予以公开")
    rows.insert(at, ["小计说明", *["9"] * 7])
    got = tables.read(load_text(tmp_path, pipe_text(rows)), with_unread=True)
    assert {got[f"t3.r1.{c}"].kind for c in ("natural", "total")} == {tables.UNREAD}
    assert _row(got, "r2") == _expected("r2")


def test_a_label_closer_to_a_neighbouring_missing_row_is_not_placed(tmp_path: Path) -> None:
    """Rows （一） and （二） both unmatched and printed in swapped order: each label confirms the
    other row better than the one at its place, so neither is read rather than both wrong."""
    rows = _rows_with({"r1": "三、（一）予以公开", "r2": "本年度（二）部分公开（区分处理的只计这一情形）"})
    i1 = next(i for i, r in enumerate(rows) if r[0].startswith("三、（一）"))
    rows[i1], rows[i1 + 1] = rows[i1 + 1], rows[i1]
    got = tables.read(load_text(tmp_path, pipe_text(rows)), with_unread=True)
    for key in ("r1", "r2"):
        assert got[f"t3.{key}.natural"].kind == tables.UNREAD, key


T2_TRADITIONAL = (
    "二、主動公開政府信息情況\n第二十條第（一）項\n信息內容\t本年制發件數\t本年廢止件數\t現行有效件數\n"
    "規章\t1\t0\t11\n行政規範性檔案\t8\t26\t66\n第二十條第（五）項\n信息內容\t本年處理決定數量\n"
    "行政許可\t447\n第二十條第（六）項\n信息內容\t本年處理決定數量\n行政處罰\t39\n行政強制\t8\n"
    "第二十條第（八）項\n信息內容\t本年收費金額（單位：萬元）\n行政事業性收費\t9.6\n"
)


def test_a_traditional_copy_that_wrote_files_as_dangan_keeps_its_row(tmp_path: Path) -> None:
    """Taiwan-phrase conversion writes 文件 as 檔案 (行政規範性檔案): the row is read at its place in
    table 二, between 規章 and 行政許可."""
    got = tables.read(load_text(tmp_path, T2_TRADITIONAL), with_unread=True)
    assert [got[f"t2.normative_docs.{c}"].value for c in ("issued", "repealed", "in_force")] == [
        Decimal(8),
        Decimal(26),
        Decimal(66),
    ]
    assert [k for k, v in got.items() if v.kind == tables.UNREAD] == []


def test_a_label_split_over_the_label_columns_is_its_row_not_a_column_heading(tmp_path: Path) -> None:
    """A browser printout with the page break inside table 三 draws the label columns' rules through
    the last row, so 四、结转下年度继续办理 comes as three cells (四、结转下 | 年度继续办 | 理). The
    last piece is short and follows other labels on its line, like a column heading (总计), but the
    three together are the row."""
    rows = t3_rows(_value)
    rows[-1] = ["四、结转下", "年度继续办", "理", *rows[-1][1:]]
    got = tables.read(load_text(tmp_path, pipe_text(rows)), with_unread=True)
    assert _row(got, "carried_out") == _expected("carried_out")


def test_a_label_alone_after_an_unclaimed_row_of_cells_is_not_a_blank_row(tmp_path: Path) -> None:
    """A tall last row broken over a page: its cells beside the first lines of its label cell, the
    label's last line (四、结转下年度继续办理) alone at the top of the next page. Taken for a row printed
    blank, its seven figures came out blank; the cells are unread instead."""
    rows = t3_rows(_value)
    text = (
        pipe_text(rows[:-1])
        + "补充说明见附件 | "
        + " | ".join(rows[-1][1:])
        + " |\n四、结转下年度继续办理\n五、存在的主要问题\n"
    )
    got = tables.read(load_text(tmp_path, text), with_unread=True)
    assert {got[f"t3.carried_out.{c}"].kind for c in ("natural", "total")} == {tables.UNREAD}
    assert _row(got, "r7_total") == _expected("r7_total")


def test_a_row_printed_blank_in_a_table_without_rules_stays_blank(tmp_path: Path) -> None:
    """The same label alone on its line after a row that was read is a row printed blank."""
    rows = t3_rows(_value)
    text = pipe_text(rows[:-1]) + "四、结转下年度继续办理\n五、存在的主要问题\n"
    got = tables.read(load_text(tmp_path, text), with_unread=True)
    assert {got[f"t3.carried_out.{c}"].kind for c in ("natural", "total")} == {"empty"}


def test_a_row_broken_over_a_page_with_its_label_and_figures_apart_is_unread(tmp_path: Path) -> None:
    """The real 2021 page printed on A5 with the break inside （六）3: one page holds 其他 with seven
    empty cells, the next 3. with the row's figures. Read as it stood, 其他's row was blank (wrong);
    with figures beside it no row claims, the blank row is unread."""
    rows = t3_rows(_value)
    at = next(i for i, r in enumerate(rows) if r[0] == "3.其他")
    figures = rows[at][1:]
    rows[at] = ["其他", *[""] * 7]
    rows.insert(at + 1, ["3.", *figures])
    got = tables.read(load_text(tmp_path, pipe_text(rows)), with_unread=True)
    assert {got[f"t3.r6_3.{c}"].kind for c in ("natural", "total")} == {tables.UNREAD}
    assert _row(got, "r7_total") == _expected("r7_total")
