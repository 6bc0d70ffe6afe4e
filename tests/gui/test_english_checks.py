"""With --lang en the checks read in English: a formula's words (无法核对, 未读出, 正文, 表格 …) and its
full-width marks, the numbers as they are."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from gui.shell.main import install_translators
from gui.widgets.checkrows import formula_words


def test_formulas_are_worded_in_english_and_stay_chinese_without_the_translator(qapp: Any) -> None:
    zh = [
        "10+?+0 = 11（无法核对：1 个单元格未读出）",
        "10+空+0 = 11（有空白或不适用单元格，无法核对）",
        "正文 93 = 表格 93 ✓",
        "正文 75 ≠ 表格（新收） 74；≠ 表格（新收+上年结转） 76（各种读法均不符）",
    ]
    assert [formula_words(t) for t in zh] == zh
    app = QApplication.instance()
    assert app is not None
    translators = install_translators(app, "en")  # type: ignore[arg-type]
    try:
        en = [formula_words(t) for t in zh]
    finally:
        for t in translators:
            QCoreApplication.removeTranslator(t)
    assert en[0] == "10+?+0 = 11 (Not checkable: 1 cell(s) not read)"
    assert en[2] == "Narrative 93 = Table 93 ✓"
    assert all(not any("\u4e00" <= ch <= "\u9fff" for ch in t) for t in en), en
