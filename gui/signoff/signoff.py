"""The reviewers' names of a workspace, asked once, and the small dialogs of signing a report off.

The names live in the workspace (``Workspace.reviewers``), so they are entered once per workspace and
whoever opens it sees them. When a workspace has no name yet, the name the reviewer typed into this
program (``typed_name``) is stored as its reviewer on the first review action; with none typed, that
action asks, prefilled empty: the computer's user name is never taken silently. Whoever typed a name
acts as that person in every review event and sign-off step: the window never acts as the stored
second reviewer (or the stored reviewer) on their behalf; the store applies the four-eyes rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QWidget
from shiboken6 import isValid

from core.errors import HechaError

if TYPE_CHECKING:
    from core.store import Workspace


@contextmanager
def keep_focus() -> Iterator[None]:
    """Around a dialog: the keyboard goes back where it was when the dialog closes (a key meant for the
    dialog, or the next one, must never land in another widget and change data out of sight)."""
    before = QApplication.focusWidget()
    try:
        yield
    finally:
        if before is not None and isValid(before) and before.isVisible():
            before.window().activateWindow()
            before.setFocus(Qt.FocusReason.OtherFocusReason)


def _ask(parent: QWidget | None, title: str, label: str, current: str = "") -> tuple[str, bool]:
    """One line typed into a box, the keyboard given back afterwards."""
    dlg = QInputDialog(parent)
    dlg.setWindowTitle(title)
    dlg.setLabelText(label)
    dlg.setTextValue(current)
    with keep_focus():
        try:
            ok = dlg.exec() == QDialog.DialogCode.Accepted
            return dlg.textValue(), ok
        finally:
            dlg.deleteLater()


def ask_name(parent: QWidget | None, title: str, label: str, current: str = "") -> str | None:
    """A name typed and confirmed with Enter; None when cancelled or left empty. Tests replace this."""
    name, ok = _ask(parent, title, label, current)
    name = name.strip()
    return name if ok and name else None


def ask_reason(parent: QWidget | None, title: str, label: str) -> str | None:
    """A reason typed and confirmed with Enter (written into the review event); None when cancelled.
    Tests replace this."""
    text, ok = _ask(parent, title, label)
    return text.strip() if ok else None


def typed_name(settings: Any) -> str:
    """The reviewer's name as typed into this program (kept in the settings), to open a workspace
    with; '' when none was typed. Earlier versions filled it from the computer's user name when the
    question was skipped: such a name is not taken (the reviewer is asked on the first action)."""
    name = str(settings.reviewer or "")
    if not name:
        return ""  # none typed: nothing to compare with the computer's user name
    import getpass

    try:
        os_name = getpass.getuser()
    except (KeyError, OSError):  # no user name to compare with
        os_name = ""
    return "" if name == os_name else name


def ensure_reviewer(parent: QWidget | None, ws: Workspace | None) -> bool:
    """Make sure the workspace has its reviewer's name before a review action; False (nothing done)
    when the reviewer cancels the question."""
    if ws is None or ws.readonly:
        return True
    try:
        stored = ws.reviewers().reviewer
        if ws.reviewer and stored:
            # whoever typed their name into this program acts as themselves (the second reviewer, a
            # colleague): never as the workspace's stored reviewer
            return True
        if stored:
            ws.reviewer = stored
            return True
        name = ws.reviewer or ask_name(
            parent,
            QCoreApplication.translate("Signoff", "审核人"),
            QCoreApplication.translate(
                "Signoff", "请输入本工作区审核人的姓名（只需输入一次，将记录在每条审核记录中）："
            ),
        )
        if not name:
            return False
        ws.set_reviewers(reviewer=name)
    except HechaError:
        return True  # the action itself says what is wrong with the workspace
    ws.reviewer = name
    return True


def ensure_second_reviewer(parent: QWidget | None, ws: Workspace) -> str | None:
    """The workspace's second reviewer, asked once (prefilled empty); None when cancelled."""
    names = ws.reviewers()
    if names.second_reviewer:
        return str(names.second_reviewer)
    name = ask_name(
        parent,
        QCoreApplication.translate("Signoff", "复核人"),
        QCoreApplication.translate(
            "Signoff", "请输入本工作区复核人的姓名（复核人不能是审核人本人，只需输入一次）："
        ),
    )
    if not name:
        return None
    ws.set_reviewers(second_reviewer=name)
    return name
