"""Narrative figures that name a quantity the tables split into sub-rows are checked against the sum."""

from __future__ import annotations

from core import pipeline
from core.model import Document
from core.schema import T3_ROWS


def _report(narrative: str, r3: list[int]) -> Document:
    lines = [
        narrative,
        "三、收到和处理政府信息公开申请情况",
        "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
    ]
    for r in T3_ROWS:
        if r.key == "r6":
            continue
        vals = [0] * 6
        if r.key.startswith("r3_"):
            vals[0] = r3[int(r.key[3:]) - 1]
        lines.append("| " + r.label.split(" (")[0] + " | " + " | ".join(map(str, vals)) + f" | {sum(vals)} |")
    return Document(path="t.txt", format="txt", sha256="", text="\n".join(lines) + "\n")


def _narrative_checks(doc: Document) -> dict[str, str]:
    ex = pipeline.analyse_document(doc)
    return {c.subject: c.status for c in ex.checks if c.rule == "narrative_vs_table"}


def test_not_disclosed_in_prose_is_checked_against_the_sum_of_its_reasons() -> None:
    text = "本年度收到政府信息公开申请后，不予公开3件。"
    assert _narrative_checks(_report(text, [1, 0, 0, 2, 0, 0, 0, 0])) == {"t3.r3.total": "pass"}
    assert _narrative_checks(_report(text, [1, 0, 0, 1, 0, 0, 0, 0])) == {"t3.r3.total": "fail"}


def test_service_counts_next_to_applications_are_not_checked() -> None:
    text = "全年共受理政府信息公开申请0件。办结行政审批事项271件。"
    assert _narrative_checks(_report(text, [0] * 8)) == {"t3.new.total": "pass"}
