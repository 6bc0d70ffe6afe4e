"""The gold score on the real seed documents (skipped without ../shared)."""

from __future__ import annotations

import json
from pathlib import Path

from core import documents
from core.figures.scan import extract


def _score(shared: Path) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for line in (shared / "gold" / "seeds.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        doc = documents.load(shared / "corpus" / "seeds" / gold["doc"])
        preds = extract(doc)
        hit: set[int] = set()
        for p in preds:
            match = None
            for i, g in enumerate(gold["figures"]):
                if p.start < g["end"] and g["start"] < p.end and g["kind"] != "non" and i not in hit:
                    if g["value"] is not None and abs(float(p.value) - g["value"]) < 1e-9:
                        match = i
                        break
            if match is None:
                fp += 1
            else:
                hit.add(match)
                tp += 1
        fn += sum(1 for i, g in enumerate(gold["figures"]) if g["kind"] == "stat" and i not in hit)
    return tp, fp, fn


def test_seed_precision_and_recall(shared: Path) -> None:
    tp, fp, fn = _score(shared)
    assert tp / (tp + fp) >= 0.98
    assert tp / (tp + fn) >= 0.98


def test_web_corpus_never_crashes_and_reports_nothing_absurd(shared: Path) -> None:
    for p in sorted((shared / "corpus" / "web").glob("*.txt")):
        doc = documents.load(p)
        for f in extract(doc):
            assert doc.text[f.start : f.end], p
            assert f.value >= 0
            assert 0 <= f.confidence <= 1
            # years and codes never come out as counts
            assert not (1990 <= f.value <= 2035 and f.unit in ("年", None)), (p.name, f)
