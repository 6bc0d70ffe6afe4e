"""Every Chinese UI string in gui/ has its English translation: a string added without one fails here
(refresh with ``uv run python resources/translations/update.py``)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "hecha_en.ts"


def _translated(ts: Path) -> dict[str, str]:
    return {
        m.findtext("source") or "": (m.findtext("translation") or "").strip()
        for m in ET.parse(ts).getroot().iter("message")
    }


def test_every_ui_string_is_translated(tmp_path: Path) -> None:
    lupdate = shutil.which("pyside6-lupdate") or str(Path(sys.executable).parent / "pyside6-lupdate")
    if not Path(lupdate).exists():
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "gui").glob("*.py"))
    subprocess.run([lupdate, *sources, "-ts", str(fresh)], check=True, capture_output=True)
    have = _translated(TS)
    missing = [s for s in _translated(fresh) if not have.get(s)]
    assert missing == []


def test_every_vocabulary_wording_is_translated() -> None:
    """Statuses, qualifiers and rule names come from core.vocab (shown through gui.style.term)."""
    from core import vocab

    words = {
        m.findtext("source") or "": (m.findtext("translation") or "").strip()
        for c in ET.parse(TS).getroot().iter("context")
        if c.findtext("name") == "Vocab"
        for m in c.iter("message")
    }
    assert [w for w in vocab.wordings() if not words.get(w)] == []
