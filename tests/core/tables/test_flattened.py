"""Tables flattened into one line by a crawler (the ``page.txt`` of a saved web page): row labels and
cells run together with no separator, table 四 one run of digits. Each cell is read where the form's
relations allow one split only; every other cell of a table found is listed unread — never silent."""

from __future__ import annotations

import importlib.util
import io
import json
from contextlib import redirect_stdout
from decimal import Decimal
from pathlib import Path

import pytest

from core import pipeline, schema
from core.cli import main
from core.tables import reader
from tests.core.tables.helpers import load_text

_SPEC = importlib.util.spec_from_file_location(
    "office_reports", Path(__file__).resolve().parents[2] / "fixtures" / "office_reports.py"
)
assert _SPEC is not None and _SPEC.loader is not None
office = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(office)

T4_IDS = [f"t4.{g}.{c.key}" for g, _ in schema.T4_GROUPS for c in schema.T4_COLUMNS]


def _extract(path: Path) -> dict:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["extract", "--json", str(path)]) == 0
    data = json.loads(out.getvalue())
    return data[0] if isinstance(data, list) else data


def _crawled(values: dict[str, Decimal | None]) -> str:
    """The run-together copy with its line breaks gone too, as a crawler's page.txt keeps it: one
    line of prose, captions, labels and digits."""
    body = office.run_together(values, "2021").replace("\n", "")
    return "平潭综合实验区2021年度政府信息公开工作年度报告一、总体情况全年主动公开政府信息2645条。" + body


@pytest.mark.shared
@pytest.mark.parametrize("name", ["pingtan-2021-page.txt", "pingtan-2022-page.txt"])
def test_real_crawler_text_reads_every_cell_or_lists_it_unread(shared: Path, name: str) -> None:
    gold = next(
        json.loads(line)
        for line in (shared / "gold" / "real.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip() and json.loads(line)["doc"] == name
    )
    data = _extract(shared / "corpus" / "real" / name)
    got, unread = data["indicators"], set(data["unread"])
    wrong = {k: (v, got[k]) for k, v in gold["indicators"].items() if k in got and got[k] != v}
    missing = [k for k in gold["indicators"] if k not in got and k not in unread]
    assert wrong == {}
    assert missing == []  # never silent: a cell not read is listed
    assert len(got) >= 190  # table 三 and 四 read from the digits, by the form's relations
    assert all(k.startswith("t2.") for k in unread)  # only table 二 (no relations) may stay unread
    assert not [c for c in data["checks"] if c["status"] == "fail"]


@pytest.mark.shared
def test_pre_2019_crawler_text_has_no_standard_table(shared: Path) -> None:
    """The old provincial 统计表 flattened into runs (``主动公开文件数条206912106``) is not a standard
    table: no indicator and no unread cell is invented."""
    data = _extract(shared / "corpus" / "real" / "pingtan-2018-page.txt")
    assert data["indicators"] == {}
    assert data["unread"] == []


def test_run_together_rows_on_one_line_are_read(tmp_path: Path) -> None:
    """``…申请数量640020470二、上年结转…00000002.其他法律…``: labels run into the previous row's digits,
    a row's enumerator glued to them; table 四 is one run after its three header groups."""
    expected = office.values_for("merged2021")
    doc = load_text(tmp_path, _crawled(expected))
    assert "\n" not in doc.text.strip()
    values = reader.read(doc, with_unread=True)
    want = {k: v for k, v in expected.items() if k.startswith(("t3.", "t4."))}
    got = {k: (v.value if v.kind != "empty" else None) for k, v in values.items() if k in want}
    assert got == want
    v = values["t3.r7_total.total"]
    assert doc.text[v.start : v.end] == str(expected["t3.r7_total.total"])  # spans stay on the digits


def test_a_space_in_a_run_is_a_cell_boundary(tmp_path: Path) -> None:
    """``（二）部分公开（…）500000 5``: the space is the padding of a cell (``&nbsp;5``), so 5 is the
    row's total, and table 四 written ``0 1 1 0 2 1 0 0 0 1 0 0 0 0 0`` is fifteen cells."""
    head = "三、收到和处理政府信息公开申请情况申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
    rows = [
        ("一、本年新收政府信息公开申请数量", "5000005"),
        ("二、上年结转政府信息公开申请数量", "0000000"),
        ("三、本年度办理结果（一）予以公开", "0000000"),
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "500000 5"),
    ]
    rest = [r for r in schema.T3_ROWS if r.key not in ("new", "carried_in", "r1", "r2", "r6")]
    text = head + "".join(a + b for a, b in rows)
    for r in rest:
        digits = "5000005" if r.key == "r7_total" else "0000000"
        text += schema.plain_label(r.label) + digits
    text += (
        "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼" + "结果维持结果纠正其他结果尚未审结总计" * 3
    )
    text += " 0 1 1 0 2 1 0 0 0 1 0 0 0 0 0 五、存在的主要问题"
    values = reader.read(load_text(tmp_path, text), with_unread=True)
    assert values["t3.r2.natural"].value == 5
    assert values["t3.r2.total"].value == 5
    assert [values[i].value for i in T4_IDS] == [0, 1, 1, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]


def test_a_row_that_does_not_add_up_is_listed_unread(tmp_path: Path) -> None:
    """A published row whose cells do not add up to its total has no split satisfying its relation:
    its cells are listed unread, never guessed; the rows that add up are read by their own total."""
    expected = dict(office.values_for("merged2021"))
    expected["t3.new.natural"] = (expected["t3.new.natural"] or 0) + 1  # the row total no longer holds
    path = tmp_path / "page.txt"
    path.write_text(_crawled(expected), encoding="utf-8")
    data = _extract(path)
    new = [f"t3.new.{c.key}" for c in schema.T3_COLUMNS]
    assert set(new) <= set(data["unread"])
    assert not any(k in data["indicators"] for k in new)
    read = {k: v for k, v in data["indicators"].items() if k.startswith("t3.")}
    assert read and all(v == expected[k] or (v is None and expected[k] is None) for k, v in read.items())


def test_results_that_do_not_add_up_are_read_row_by_row_and_fail_their_check(tmp_path: Path) -> None:
    """As in 平潭's 2020 report: every row adds up to its own total, but the results add up to 27
    where （七）总计 says 21. Each row has one split satisfying its total, so each is read, and the
    results check fails — the report's own error, shown to the reviewer."""
    head = "三、收到和处理政府信息公开申请情况申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
    digits = {"new": "200 000121", "r1": "6000017", "r2": "6000006", "r4_1": "4000004", "r4_3": "3000003",
              "r5_2": "3000003", "r6": "4 0 0 0 0 0 4", "r7_total": "20 0 00 0 121", "carried_out": " 0 0 00 00 0 "}  # fmt: skip
    text = head
    for r in schema.T3_ROWS:
        if r.key.startswith("r6_"):
            continue
        text += schema.plain_label(r.label) + digits.get(r.key, "0000000")
    text += "五、存在的主要问题及改进情况"
    data = _extract(_write(tmp_path, text))
    got = data["indicators"]
    assert [got[f"t3.new.{c.key}"] for c in schema.T3_COLUMNS] == [20, 0, 0, 0, 0, 1, 21]
    assert [got[f"t3.r7_total.{c.key}"] for c in schema.T3_COLUMNS] == [20, 0, 0, 0, 0, 1, 21]
    assert got["t3.r6.total"] == 4
    assert not [k for k in data["unread"] if k.startswith("t3.")]
    fails = {(c["rule"], c["subject"]) for c in data["checks"] if c["status"] == "fail"}
    assert ("t3.results_total", "total") in fails


def test_table_two_row_with_more_than_one_split_is_unread(tmp_path: Path) -> None:
    """Table 二 has no relation: ``行政规范性文件693665`` may be 69/3/665 or 6/93/665, so its cells are
    listed unread; ``规章000`` can only be 0/0/0 and one-cell rows are their whole run."""
    text = (
        "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章 000"
        "行政规范性文件693665第二十条第（五）项信息内容本年处理决定数量行政许可2293 第二十条第（六）项"
        "信息内容 本年处理决定数量行政处罚1282行政强制42第二十条第（八）项信息内容 本年收费金额（单位："
        "万元）行政事业性收费24252.311082三、收到和处理政府信息公开申请情况"
    )
    analysis = pipeline.analyse(_write(tmp_path, text))
    got = {k: v for k, v in analysis.indicators.items() if k.startswith("t2.")}
    assert {k: v.value for k, v in got.items() if v.kind != "unread"} == {
        "t2.regulations.issued": 0,
        "t2.regulations.repealed": 0,
        "t2.regulations.in_force": 0,
        "t2.licensing.decisions": 2293,
        "t2.penalty.decisions": 1282,
        "t2.enforcement.decisions": 42,
        "t2.fees.amount": Decimal("24252.311082"),
    }
    assert {k for k, v in got.items() if v.kind == "unread"} == {
        "t2.normative_docs.issued",
        "t2.normative_docs.repealed",
        "t2.normative_docs.in_force",
    }


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_misspelt_row_label_is_placed_by_its_position_in_the_form(tmp_path: Path) -> None:
    """``2.其他法律行政止公开`` (words missing, as one office typed it): found between 1.属于国家秘密 and
    3.危及“三安全一稳定” by its enumerator, its words confirming it; the table is read."""
    expected = office.values_for("merged2021")
    text = _crawled(expected).replace("其他法律行政法规禁止公开", "其他法律行政止公开")
    assert "2.其他法律行政止公开" in text
    values = reader.read(load_text(tmp_path, text), with_unread=True)
    assert values["t3.r3_2.total"].value == expected["t3.r3_2.total"]
    assert not [k for k, v in values.items() if v.kind == "unread" and k.startswith("t3.")]


def test_a_row_whose_words_do_not_confirm_it_is_not_placed(tmp_path: Path) -> None:
    """Where the row should stand the words are another row's: nothing is placed by position. That
    row and the one before it (whose digits run into it) are listed unread; no cell is guessed."""
    expected = office.values_for("merged2021")
    text = _crawled(expected).replace("其他法律行政法规禁止公开", "本年度工作要点")
    values = reader.read(load_text(tmp_path, text), with_unread=True)
    unread = {k for k, v in values.items() if v.kind == "unread"}
    assert {f"t3.{r}.{c.key}" for r in ("r3_1", "r3_2") for c in schema.T3_COLUMNS} <= unread
    for k, v in values.items():
        if k.startswith("t3.") and v.kind != "unread":
            assert (v.value if v.kind != "empty" else None) == expected[k], k
