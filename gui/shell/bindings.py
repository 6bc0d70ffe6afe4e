"""What each action does: the method it calls, bound when the window is built.

The actions themselves (text, keys, menu, where the keyboard must be) are data in ``actions.py``; here
each id names a method of the window, its review controller or its workbench, so a renamed or removed
method is a type error (mypy) and a missing id fails at start, not silently at the key press.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gui.shell.mainwindow import MainWindow


def slots(win: MainWindow) -> dict[str, Callable[..., object]]:
    """Every action id → the bound method it triggers (a checkable action's gets the new state)."""
    return {
        "open_files": win.open_files,
        "open_folder": win.open_folder,
        "new_workspace": win.new_workspace,
        "open_workspace": win.open_workspace,
        "demo_workspace": win.open_demo_workspace,
        "set_reviewer": win.change_reviewer,
        "set_second_reviewer": win.change_second_reviewer,
        "export": win.workbench.show_export,
        "export_problems": win.workbench.export_problems,
        "print_record": win.workbench.print_record,
        "quit": win.close,
        "confirm": win.review.confirm_current,
        "confirm_paragraph": win.review.confirm_paragraph,
        "correct": win.review.correct_current,
        "reject": win.review.reject_current,
        "add": win.review.add_from_selection,
        "next_figure": win.next_figure,
        "prev_figure": win.prev_figure,
        "next_report": win.next_report,
        "undo": win.review.undo,
        "redo": win.review.redo,
        "mark_done": win.mark_done,
        "mark_question": win.mark_question,
        "reopen": win.review.reopen_report,
        "approve": win.review.approve_report,
        "return": win.review.return_report,
        "confirm_row": win.workbench.confirm_table_row,
        "confirm_column": win.workbench.confirm_table_column,
        "confirm_table": win.workbench.confirm_whole_table,
        "not_stated_cell": win.workbench.not_stated_cell,
        "not_stated_row": win.workbench.not_stated_row,
        "not_stated_column": win.workbench.not_stated_column,
        "select_right": win.select_right,
        "select_left": win.select_left,
        "next_table": win.workbench.next_table,
        "prev_table": win.workbench.prev_table,
        "accept_check": win.workbench.accept_check,
        "find": win.show_find,
        "search_reports": win.search_reports,
        "filter_reports": win.filter_reports,
        "zoom_in": win.zoom_in,
        "zoom_out": win.zoom_out,
        "ui_font_larger": win.ui_font_larger,
        "ui_font_smaller": win.ui_font_smaller,
        "traditional": win.toggle_traditional,
        "show_tables": win.workbench.toggle_tables,
        "show_checks": win.workbench.toggle_checks,
        "show_compare": win.workbench.toggle_compare,
        "next_pane": win.next_pane,
        "prev_pane": win.prev_pane,
        "grow_panel": win.workbench.grow_panel,
        "shrink_panel": win.workbench.shrink_panel,
        "help": win.show_help,
        "about": win.show_about,
    }
