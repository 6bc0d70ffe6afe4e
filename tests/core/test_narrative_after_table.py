"""A paragraph right after a table, in a PDF (where line breaks are soft): its first sentence has no
full stop before it, so it ran back into the table's cells. After table 四 of a browser printout whose
header broke across the page, 行政诉讼案件2件 was read as 复议后起诉 alone (the header's 复议后起诉
within reach, its 未经复议直接起诉 just beyond) and raised a false narrative-vs-table failure. The text
is what the PDF loader makes of such a printout (headless Chromium, tests/fixtures/browser_printout.py,
the page break inside table 四's header)."""

from __future__ import annotations

from core import pipeline
from core.model import Document

PRINTOUT = (
    "四、政府信息公开行政复议、行政诉讼情况\n行政复议\t\t\t\t\t行政诉讼\t\n"
    "结果维\t结\t其\t尚\t总\t未经复议直接起诉\t复议后起诉\n\t\t\t\t\t\t\n"
    "持\t果纠正\t他结果\t未审结\t计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n"
    "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\n0\t1\t1\t0\t2\t1\t0\t0\t0\t1\t0\t0\t1\t0\t1\n五、存在的主要问题及改进情况\n"
    "2022年全区行政复议案件2件、行政诉讼案件2件，均已结案。\n"
)


def test_a_sentence_after_a_table_does_not_read_the_table_header() -> None:
    ex = pipeline.analyse_document(Document(path="printout.pdf", format="pdf", sha256="0", text=PRINTOUT))
    suits = next(f for f in ex.figures if f.label == "行政诉讼案件")
    assert suits.indicator == "t4.suit.total"
    assert [c.formula for c in ex.checks if c.status == "fail"] == []
