"""The formats Hecha reads are one list (core.documents.SUPPORTED_SUFFIXES): the README and the open
dialog name every one of them (the dialog lacked .text, .shtml and .mht, which the loader reads; the
dialog is checked in tests/gui/test_open_dialog_formats.py)."""

from __future__ import annotations

import re
from pathlib import Path

from core.documents import SUPPORTED_SUFFIXES

ROOT = Path(__file__).resolve().parents[2]


def test_the_readme_lists_the_formats_the_loader_reads() -> None:
    line = next(
        x for x in (ROOT / "README.md").read_text(encoding="utf-8").splitlines() if "SUPPORTED_SUFFIXES" in x
    )
    listed = re.search(r"`([^`]*)`", line)
    assert listed is not None
    assert listed.group(1).split() == list(SUPPORTED_SUFFIXES)
