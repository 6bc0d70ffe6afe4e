"""The open dialog offers every format the loader reads (core.documents.SUPPORTED_SUFFIXES): it lacked
.text, .shtml and .mht."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from core.documents import SUPPORTED_SUFFIXES


def test_the_open_dialog_offers_every_format(qtbot: Any, tmp_path: Path) -> None:
    from gui.shell.mainwindow import MainWindow
    from gui.shell.settings import Settings

    w = MainWindow(Settings(tmp_path / "s.ini"))
    qtbot.addWidget(w)
    first = w.report_filter().split(";;")[0]
    assert re.findall(r"\*(\.\w+)", first) == list(SUPPORTED_SUFFIXES)
