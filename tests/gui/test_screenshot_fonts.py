"""On Windows, Qt's offscreen platform finds fonts only in Qt's own folder and draws every character as a
box: ``hecha --screenshot`` leaves Windows on its own platform plugin, and the offscreen platform (the smoke
test's) is pointed at the system's fonts. (Run under Wine by tests/packaging/test_windows_wine.py.)"""

from __future__ import annotations

import os
import sys

import pytest

from gui.shell import main


def test_offscreen_on_windows_is_given_the_system_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setenv("WINDIR", r"C:\Windows")
    monkeypatch.delenv("QT_QPA_FONTDIR", raising=False)
    main.offscreen_fonts()
    assert os.environ["QT_QPA_FONTDIR"] == os.path.join(r"C:\Windows", "Fonts")


def test_a_font_folder_given_by_the_user_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setenv("QT_QPA_FONTDIR", r"D:\fonts")
    main.offscreen_fonts()
    assert os.environ["QT_QPA_FONTDIR"] == r"D:\fonts"


def test_the_native_platform_and_other_systems_are_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QT_QPA_FONTDIR", raising=False)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("QT_QPA_PLATFORM", "windows")
    main.offscreen_fonts()
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    main.offscreen_fonts()
    assert "QT_QPA_FONTDIR" not in os.environ
