"""A narrative figure may name a sum of table cells (予以公开及部分公开, 共受理 = 新收 + 上年结转,
不予公开各项): it is compared with the sum its words name, warns only when no reading agrees, and the
warning says which reading was compared."""

from __future__ import annotations

from core import pipeline
from core.model import CheckResult, Document
from core.schema import T3_ROWS


def _report(narrative: str, rows: dict[str, int]) -> Document:
    """A text report: ``narrative`` then table 三 with ``rows`` in the 自然人 column (others 0); the
    results total and the carried-out row make the table balance."""
    vals = {r.key: 0 for r in T3_ROWS}
    vals.update(rows)
    results = [r.key for r in T3_ROWS[2:-2] if r.key != "r6"]
    vals["r7_total"] = sum(vals[k] for k in results)
    vals["carried_out"] = vals["new"] + vals["carried_in"] - vals["r7_total"]
    assert vals["carried_out"] >= 0
    lines = [
        narrative,
        "三、收到和处理政府信息公开申请情况",
        "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
    ]
    for r in T3_ROWS:
        if r.key == "r6":
            continue
        v = vals[r.key]
        lines.append("| " + r.label.split(" (")[0] + f" | {v} | 0 | 0 | 0 | 0 | 0 | {v} |")
    return Document(path="t.txt", format="txt", sha256="", text="\n".join(lines) + "\n")


def _narrative(doc: Document) -> list[CheckResult]:
    return [c for c in pipeline.analyse_document(doc).checks if c.rule == "narrative_vs_table"]


TABLE = {"new": 575, "carried_in": 18, "r1": 300, "r2": 40, "r3_1": 2, "r3_4": 3, "r4_1": 200, "r5_1": 20}


def test_disclosed_and_partly_disclosed_is_their_sum() -> None:
    checks = _narrative(_report("本年度收到的政府信息公开申请中，予以公开及部分公开340件。", TABLE))
    assert [(c.subject, c.status) for c in checks] == [("t3.r1_r2.total", "pass")]
    assert checks[0].formula == "正文 340 = 表格（予以公开+部分公开） 340 ✓"


def test_a_wrong_sum_warns_and_names_the_sum_compared() -> None:
    checks = _narrative(_report("本年度收到的政府信息公开申请中，予以公开和部分公开345件。", TABLE))
    assert [(c.subject, c.status) for c in checks] == [("t3.r1_r2.total", "fail")]
    assert checks[0].formula == "正文 345 ≠ 表格（予以公开+部分公开） 340"


def test_received_in_all_may_include_last_years_carried_over() -> None:
    checks = _narrative(_report("本年度共受理政府信息公开申请593件，均已依法答复。", TABLE))
    assert [(c.subject, c.status) for c in checks] == [("t3.new.total", "pass")]
    assert checks[0].formula == "正文 593 = 表格（新收+上年结转） 593 ✓"  # says which reading agreed


def test_received_in_all_may_be_the_new_applications_alone() -> None:
    checks = _narrative(_report("本年度共受理政府信息公开申请575件，均已依法答复。", TABLE))
    assert [(c.subject, c.status) for c in checks] == [("t3.new.total", "pass")]


def test_received_in_all_matching_no_reading_warns_naming_both() -> None:
    checks = _narrative(_report("本年度共受理政府信息公开申请600件，均已依法答复。", TABLE))
    assert [(c.subject, c.status) for c in checks] == [("t3.new.total", "fail")]
    assert "575" in checks[0].formula and "593" in checks[0].formula
    assert "各种读法均不符" in checks[0].formula


def test_new_applications_named_as_new_have_one_reading() -> None:
    checks = _narrative(_report("本年度新收政府信息公开申请593件。", TABLE))
    assert [(c.subject, c.status) for c in checks] == [("t3.new.total", "fail")]
    assert checks[0].formula == "正文 593 ≠ 表格 575"


def test_not_disclosed_in_prose_is_the_sum_of_its_reasons() -> None:
    checks = _narrative(_report("本年度收到政府信息公开申请后，不予公开5件。", TABLE))
    assert [(c.subject, c.status) for c in checks] == [("t3.r3.total", "pass")]


def test_a_figure_with_a_bound_agrees_within_its_bound() -> None:
    doc = _report("本年度共新收政府信息公开申请500余件，予以公开近300件。", TABLE)
    assert [(c.subject, c.status) for c in _narrative(doc)] == [
        ("t3.new.total", "pass"),
        ("t3.r1.total", "pass"),
    ]
    doc = _report("本年度共新收政府信息公开申请700余件。", TABLE)
    assert [(c.subject, c.status) for c in _narrative(doc)] == [("t3.new.total", "fail")]
    assert _narrative(doc)[0].formula == "正文 700余 ≠ 表格 575"


def test_a_total_after_both_parts_is_their_sum() -> None:
    text = "本年度新收政府信息公开申请575件，上年结转18件，共受理593件。"
    checks = _narrative(_report(text, TABLE))
    assert [(c.subject, c.status) for c in checks] == [
        ("t3.new.total", "pass"),
        ("t3.carried_in.total", "pass"),
        ("t3.received.total", "pass"),
    ]
    wrong = _narrative(_report(text.replace("593", "595"), TABLE))[-1]
    assert (wrong.subject, wrong.status) == ("t3.received.total", "fail")
    assert wrong.formula == "正文 595 ≠ 表格（新收+上年结转） 593"


def test_totals_of_other_applications_are_not_compared() -> None:
    text = "本年度新收行政许可申请575件，上年结转18件，共计593件。"
    assert _narrative(_report(text, TABLE)) == []
