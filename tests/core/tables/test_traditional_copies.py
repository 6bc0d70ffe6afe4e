"""Traditional-script copies made with Taiwan phrasing (OpenCC s2twp, as the seeds were): the form's
文件 becomes 檔案 and 信息 becomes 資訊, so the rows must still be found by their mainland labels."""

from __future__ import annotations

from pathlib import Path

import opencc

from core.tables import reader
from core.textnorm import normalize
from tests.core.tables.helpers import load_text

T2 = """二、主动公开政府信息情况
第二十条第（一）项
信息内容\t本年制发件数\t本年废止件数\t现行有效件数
规章\t1\t2\t3
行政规范性文件\t4\t5\t6
第二十条第（五）项
信息内容\t本年处理决定数量
行政许可\t7
第二十条第（六）项
信息内容\t本年处理决定数量
行政处罚\t8
行政强制\t9
第二十条第（八）项
信息内容\t本年收费金额（单位：万元）
行政事业性收费\t10.5
三、收到和处理政府信息公开申请情况
"""


def test_taiwan_phrased_copy_reads_the_normative_documents_row(tmp_path: Path) -> None:
    text = opencc.OpenCC("s2twp").convert(T2)
    assert "行政規範性檔案" in text  # what the conversion writes
    values = reader.read(load_text(tmp_path, text))
    got = {k: v.json_value() for k, v in values.items() if k.startswith("t2.normative_docs.")}
    assert got == {
        "t2.normative_docs.issued": 4,
        "t2.normative_docs.repealed": 5,
        "t2.normative_docs.in_force": 6,
    }
    assert values["t2.fees.amount"].json_value() == 10.5


def test_matching_text_keeps_every_offset() -> None:
    """A phrase whose mainland word is shorter (記憶體 → 内存) must not shift the text after it, nor
    stop the phrases beside it from being converted."""
    text = "記憶體與行政規範性檔案：政府資訊公開"
    n = normalize(text)
    assert len(n) == len(text)
    assert n.endswith("行政规范性文件:政府信息公开")
