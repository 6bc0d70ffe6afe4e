"""The vocabulary drives the readers: a word added to core.vocab is read, and every qualifier is worded."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from core import cli, vocab
from core.figures.numbers import MULTIPLIERS
from core.figures.scan import extract
from core.model import Document


def _qualifiers(text: str) -> list[str | None]:
    return [f.qualifier for f in extract(Document(path="t.txt", format="txt", sha256="", text=text))]


def test_a_qualifier_word_added_to_the_vocabulary_bounds_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "本年度回复留言低于50条。"
    assert _qualifiers(text) == [None]
    less = next(q for q in vocab.QUALIFIERS if q.code == "less_than")
    wider = dataclasses.replace(less, before=(*less.before, "低于"))
    monkeypatch.setattr(vocab, "QUALIFIERS", tuple(wider if q is less else q for q in vocab.QUALIFIERS))
    assert _qualifiers(text) == ["less_than"]
    monkeypatch.undo()
    assert _qualifiers(text) == [None]


def test_the_command_line_words_every_qualifier(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "r.txt"
    report.write_text(
        "收到留言超3000条，开展4次以上培训，答复不足50条，约300人参加，信息近5000条，赠阅1860多册。\n",
        encoding="utf-8",
    )
    assert cli.main(["extract", str(report)]) == 0
    out = capsys.readouterr().out
    for shown in (
        "3000条 (余/多)",
        "4次 (以上)",
        "50条 (不足)",
        "300人 (约)",
        "5000条 (近)",
        "1860册 (余/多)",
    ):
        assert shown in out
    assert "less_than" not in out and "more_than" not in out


def test_the_command_line_words_the_bound_at_most_and_a_range(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "r.txt"
    report.write_text("办理时限不超过15个工作日，10人以下参加，一般3-5个工作日办结。\n", encoding="utf-8")
    assert cli.main(["extract", str(report)]) == 0
    out = capsys.readouterr().out
    for shown in ("15个工作日 (不超过)", "10人 (不超过)", "3个工作日 (区间（取下限）)"):
        assert shown in out
    assert "at_most" not in out and "range" not in out


def test_units_are_written_one_way_each_and_multiplied_units_rest_on_a_unit() -> None:
    forms = [f for u in vocab.UNITS for f in u.forms]
    assert len(forms) == len(set(forms))
    for u in vocab.UNITS:
        if u.multiplied:  # 万元 is read as 万 × 元: both must be known
            assert u.word[0] in MULTIPLIERS and vocab.unit(u.word[1:]) is not None
    assert vocab.unit("％") == vocab.unit("%")
    assert {q.code: q.name for q in vocab.QUALIFIERS}["less_than"] == "不足"
