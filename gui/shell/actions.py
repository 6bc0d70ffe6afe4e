"""Every user action, declared once: id, text, shortcuts, where it lives. The method each calls is
bound in ``bindings.py`` (by id, to a method of the review controller, the main window or the
workbench of docks).

``scope`` "review" actions are single keys (Enter, Delete, A, J/K, N …) that only fire while the
figure list or the document has focus, so typing in the find bar or a value editor is never stolen;
"document" actions only in the document (keyboard selection for 补录); "tables" actions fire while
the keyboard is in the table view (their buttons are there, no menu); "checks" in the checks list.
Undo and redo use the platform's standard keys and are enabled only while there is something to undo
or redo (``ReviewController.history_changed``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

# marks a text for translation and returns it unchanged (the stub types the result as object)
N = cast(Callable[[str, str], str], QT_TRANSLATE_NOOP)
SK = QKeySequence.StandardKey
K = Qt.Key


@dataclass(frozen=True)
class ActionSpec:
    id: str
    text: str
    keys: tuple[QKeySequence.StandardKey | str | int, ...]
    menu: str  # file | review | view | help | "" (none)
    scope: str = "window"  # window | review | tables
    checkable: bool = False  # the slot gets the new check state
    # checkable, its check mark showing whether its dock is shown: the slot (bring the dock forward,
    # or hide it when the keyboard is already there) is called on every trigger, without the state
    dock: bool = False
    # the keys are the view's own (Enter in the checks list is its ``activated``): listed in F1, no
    # shortcut, so a dialog the action opens keeps its Enter
    view_keys: bool = False


SPECS: tuple[ActionSpec, ...] = (
    ActionSpec("open_files", N("Actions", "打开报告…"), (SK.Open,), "file"),
    ActionSpec("open_folder", N("Actions", "打开文件夹…"), ("Ctrl+Shift+O",), "file"),
    ActionSpec("new_workspace", N("Actions", "新建工作区…"), ("Ctrl+Alt+N",), "file"),
    ActionSpec("open_workspace", N("Actions", "打开工作区…"), ("Ctrl+Alt+O",), "file"),
    ActionSpec("demo_workspace", N("Actions", "打开示范工作区（只读示例）"), (), "file"),
    ActionSpec("set_reviewer", N("Actions", "设置审核人…"), (), "file"),
    ActionSpec("set_second_reviewer", N("Actions", "设置复核人…"), (), "file"),
    ActionSpec("export", N("Actions", "导出…"), ("Ctrl+E",), "file"),
    ActionSpec("export_problems", N("Actions", "导出问题清单…"), (), "file"),
    ActionSpec("print_record", N("Actions", "打印核查单…"), (SK.Print, "Ctrl+P"), "file"),
    ActionSpec("quit", N("Actions", "退出"), (SK.Quit, "Ctrl+Q"), "file"),
    ActionSpec("confirm", N("Actions", "确认并转到下一个"), (K.Key_Return, K.Key_Enter), "review", "review"),
    ActionSpec(
        "confirm_paragraph",
        N("Actions", "确认本段的数字（文中框出的一段）"),
        ("Ctrl+Return", "Ctrl+Enter"),
        "review",
        "review",
    ),
    ActionSpec("correct", N("Actions", "更正数值（或直接输入数字）"), (K.Key_F2,), "review", "review"),
    ActionSpec("reject", N("Actions", "否定：不是数字"), (K.Key_Delete,), "review", "review"),
    ActionSpec("add", N("Actions", "补录选中的文字为数字"), (K.Key_A,), "review", "review"),
    ActionSpec("next_figure", N("Actions", "下一个数字"), ("J", K.Key_Down), "review", "review"),
    ActionSpec("prev_figure", N("Actions", "上一个数字"), ("K", K.Key_Up), "review", "review"),
    ActionSpec("next_report", N("Actions", "下一份报告"), ("N",), "review", "review"),
    ActionSpec("undo", N("Actions", "撤销"), (SK.Undo, "Ctrl+Z"), "review"),
    ActionSpec("redo", N("Actions", "重做"), (SK.Redo, "Ctrl+Shift+Z", "Ctrl+Y"), "review"),
    ActionSpec("mark_done", N("Actions", "标记报告为已完成"), ("Ctrl+D",), "review"),
    ActionSpec("mark_question", N("Actions", "标记报告为有疑问"), ("Ctrl+Shift+D",), "review"),
    ActionSpec("reopen", N("Actions", "重新打开…（说明原因）"), ("Ctrl+Shift+R",), "review"),
    ActionSpec("approve", N("Actions", "复核通过"), ("Ctrl+Alt+A",), "review"),
    ActionSpec("return", N("Actions", "退回…（说明原因）"), ("Ctrl+Alt+B",), "review"),
    ActionSpec("confirm_row", N("Actions", "确认本行"), ("Ctrl+Alt+R",), "", "tables"),
    ActionSpec("confirm_column", N("Actions", "确认本列"), ("Ctrl+Alt+C",), "", "tables"),
    ActionSpec("confirm_table", N("Actions", "确认整表"), ("Ctrl+Alt+T",), "", "tables"),
    ActionSpec("not_stated_cell", N("Actions", "本格标为未填报"), ("Ctrl+Del",), "", "tables"),
    ActionSpec(
        "not_stated_row", N("Actions", "本行待填的单元格标为未填报"), ("Ctrl+Alt+Shift+R",), "", "tables"
    ),
    ActionSpec(
        "not_stated_column", N("Actions", "本列待填的单元格标为未填报"), ("Ctrl+Alt+Shift+C",), "", "tables"
    ),
    ActionSpec(
        "select_right", N("Actions", "向后扩大选中的文字（补录用）"), ("Shift+Right",), "", "document"
    ),
    ActionSpec("select_left", N("Actions", "向前扩大选中的文字（补录用）"), ("Shift+Left",), "", "document"),
    ActionSpec("next_table", N("Actions", "下一张表格"), ("Ctrl+Tab", "Ctrl+PgDown"), "", "tables"),
    ActionSpec("prev_table", N("Actions", "上一张表格"), ("Ctrl+Shift+Tab", "Ctrl+PgUp"), "", "tables"),
    ActionSpec(
        "accept_check",
        N("Actions", "接受选中的未通过检查（填写理由）"),
        (K.Key_Return, K.Key_Enter),
        "",
        "checks",
        view_keys=True,
    ),
    ActionSpec("find", N("Actions", "查找…"), (SK.Find,), "view"),
    ActionSpec("search_reports", N("Actions", "在所有报告中查找…"), ("Ctrl+Shift+F",), "view"),
    ActionSpec("filter_reports", N("Actions", "筛选报告列表…"), ("Ctrl+L",), "view"),
    ActionSpec("zoom_in", N("Actions", "放大"), (SK.ZoomIn, "Ctrl+="), "view"),
    ActionSpec("zoom_out", N("Actions", "缩小"), (SK.ZoomOut,), "view"),
    ActionSpec("ui_font_larger", N("Actions", "界面字号放大"), ("Ctrl+Alt+=",), "view"),
    ActionSpec("ui_font_smaller", N("Actions", "界面字号缩小"), ("Ctrl+Alt+-",), "view"),
    ActionSpec("traditional", N("Actions", "以繁体显示"), ("Ctrl+T",), "view", checkable=True),
    ActionSpec("show_tables", N("Actions", "标准表格"), ("Ctrl+Shift+T",), "view", dock=True),
    ActionSpec("show_checks", N("Actions", "检查结果"), ("Ctrl+Shift+K",), "view", dock=True),
    ActionSpec("show_compare", N("Actions", "与上一年度对比"), ("Ctrl+Shift+C",), "view", dock=True),
    ActionSpec("next_pane", N("Actions", "下一个窗格"), (K.Key_F6,), "view"),
    ActionSpec("prev_pane", N("Actions", "上一个窗格"), ("Shift+F6",), "view"),
    ActionSpec("grow_panel", N("Actions", "放大下方面板"), ("Ctrl+Alt+Up",), "view"),
    ActionSpec("shrink_panel", N("Actions", "缩小下方面板"), ("Ctrl+Alt+Down",), "view"),
    ActionSpec("help", N("Actions", "快捷键一览"), (SK.HelpContents, K.Key_F1), "help"),
    ActionSpec("about", N("Actions", "关于 核查 Hecha…"), (), "help"),
)

MENU_TITLES = {
    "file": N("Actions", "文件(&F)"),
    "review": N("Actions", "审核(&R)"),
    "view": N("Actions", "视图(&V)"),
    "help": N("Actions", "帮助(&H)"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


def _sequences(keys: tuple[QKeySequence.StandardKey | str | int, ...]) -> list[QKeySequence]:
    out: list[QKeySequence] = []
    for k in keys:
        if isinstance(k, QKeySequence.StandardKey):
            out.extend(QKeySequence.keyBindings(k))
        else:
            out.append(QKeySequence(k))
    seen: list[QKeySequence] = []
    for s in out:
        if not s.isEmpty() and s not in seen:
            seen.append(s)
    return seen


SCOPE_CONTEXT = {
    "window": Qt.ShortcutContext.WindowShortcut,
    "review": Qt.ShortcutContext.WidgetShortcut,
    "document": Qt.ShortcutContext.WidgetShortcut,
    "tables": Qt.ShortcutContext.WidgetWithChildrenShortcut,
    "checks": Qt.ShortcutContext.WidgetShortcut,
}

# where the keyboard must be for an action (the F1 list names it)
SCOPE_NAMES = {
    "window": N("Actions", "任何位置"),
    "review": N("Actions", "数字列表或报告"),
    "document": N("Actions", "报告"),
    "tables": N("Actions", "标准表格"),
    "checks": N("Actions", "检查结果"),
}

# keys beyond an ordinary keyboard (media and browser keys some platforms add to standard bindings)
_SPECIAL_KEYS = 0x01000060


def key_names(keys: tuple[QKeySequence.StandardKey | str | int, ...]) -> list[str]:
    """The names of an action's keys as the platform writes them (Enter, Ctrl+O, F1 …), each once,
    without keys an ordinary keyboard lacks."""
    names: list[str] = []
    for seq in _sequences(keys):
        first = cast(Any, seq)[0] if seq.count() else None  # a QKeyCombination (the stub lacks [])
        if first is not None and int(first.key().value) >= _SPECIAL_KEYS:
            continue
        name = seq.toString(QKeySequence.SequenceFormat.NativeText)
        if name and name not in names:
            names.append(name)
    return names


def help_rows() -> list[tuple[str, str, str]]:
    """(action, keys, where) for every action of the registry, in its order: what F1 lists."""
    return [
        (tr(spec.text).replace("&", ""), " / ".join(key_names(spec.keys)), tr(SCOPE_NAMES[spec.scope]))
        for spec in SPECS
    ]


def build_actions(
    window: QWidget, scope_widgets: dict[str, list[QWidget]], slots: Mapping[str, Callable[..., object]]
) -> dict[str, QAction]:
    """Create every action, connect it to its method in ``slots`` (every id must have one), attach it where it
    belongs (``scope_widgets[scope]``: review actions to the figure list and document views, tables
    actions to the table view; window actions to the window)."""
    unbound = sorted({spec.id for spec in SPECS} ^ set(slots))
    if unbound:
        raise KeyError(f"actions without a method, or methods without an action: {unbound}")
    actions: dict[str, QAction] = {}
    for spec in SPECS:
        a = QAction(tr(spec.text), window)
        a.setObjectName(f"action_{spec.id}")
        if not spec.view_keys:
            a.setShortcuts(_sequences(spec.keys))
        a.setCheckable(spec.checkable or spec.dock)
        slot = slots[spec.id]
        if spec.checkable:
            a.toggled.connect(slot)
        else:
            a.triggered.connect(lambda _checked=False, s=slot: s())
        a.setShortcutContext(SCOPE_CONTEXT[spec.scope])
        for w in [window] if spec.scope == "window" else scope_widgets[spec.scope]:
            w.addAction(a)
        actions[spec.id] = a
    return actions


def attach(widget: QWidget, scopes: Sequence[str], actions: Mapping[str, QAction]) -> None:
    """Give ``widget`` the actions of ``scopes``, as ``build_actions`` gives them to the widgets it
    is handed: for a view made after the window (the PDF pages, when the first PDF is shown)."""
    for spec in SPECS:
        if spec.scope in scopes:
            widget.addAction(actions[spec.id])
