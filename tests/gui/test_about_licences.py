"""帮助 → 关于 shows Hecha's licence and every third-party notice, read from the files shipped with it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction

ROOT = Path(__file__).resolve().parents[2]


def test_about_is_in_the_help_menu_and_shows_the_licences(qtbot: Any, tmp_path: Path) -> None:
    from gui.shell.dialogs import AboutDialog
    from gui.shell.mainwindow import MainWindow
    from gui.shell.settings import Settings

    w = MainWindow(Settings(tmp_path / "s.ini"))
    qtbot.addWidget(w)
    help_menu = next(a.menu() for a in w.menuBar().actions() if a.text().startswith("帮助"))
    about = next(a for a in help_menu.actions() if isinstance(a, QAction) and a.text().startswith("关于"))
    shown: list[AboutDialog] = []
    AboutDialog.exec = lambda self: shown.append(self) or 0  # type: ignore[method-assign]
    try:
        about.trigger()
    finally:
        del AboutDialog.exec
    assert len(shown) == 1
    text = shown[0].text.toPlainText()
    assert "MIT License" in text and "Permission is hereby granted" in text  # Hecha's own licence
    assert "LGPL-3.0" in text and "download.qt.io" in text  # Qt's licence and where its source is
    for package in ("sqlite-utils", "OpenCC", "pypdfium2", "python-docx", "lxml", "XlsxWriter", "pdfplumber"):
        assert package in text, package
    assert "未找到" not in text


def test_the_notices_name_every_package_the_program_carries() -> None:
    """A new runtime dependency in uv.lock is named in the notices the program ships."""
    import tomllib

    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    pkgs = {p["name"]: p for p in lock["package"]}
    todo = [d["name"] for d in pkgs["hecha"]["dependencies"]]
    carried: set[str] = set()
    while todo:
        name = todo.pop()
        if name in carried or name in ("pip", "setuptools"):  # never bundled (build.spec excludes them)
            continue
        carried.add(name)
        todo.extend(d["name"] for d in pkgs[name].get("dependencies", []))
    notices = (
        (ROOT / "resources" / "licenses" / "THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8").lower()
    )
    named = {n for n in carried if n.lower() in notices or n.lower().replace("-", ".") in notices
             or n.lower().replace("-", "_") in notices}  # fmt: skip
    missing = carried - named - {"pyside6-essentials", "shiboken6"}
    assert not missing, f"THIRD-PARTY-NOTICES.txt does not name: {sorted(missing)}"
    assert "pyside6" in notices and "shiboken6" in notices
