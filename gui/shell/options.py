"""The window's command-line options and ``hecha --help``, without Qt: the help is printed before
the window's modules (and Qt, a quarter of a second) are imported."""

from __future__ import annotations

import argparse
import os


def subcommands() -> str:
    """What ``hecha --help`` lists after the window's options: every subcommand of the command line
    (``core.cli``) and ``record`` (the review record, laid out by Qt), each with its one line."""
    from core.cli import COMMANDS  # the names and lines alone: no parser is built for them

    rows = list(COMMANDS.items())
    rows.append(("record", "把报告的核查单写成 PDF（A4 横向）"))
    width = max(len(name) for name, _ in rows)
    lines = [f"  {name:<{width}}  {text}" for name, text in rows]
    return "\n".join(["子命令（hecha 子命令 --help 查看其用法）：", *lines])


def parse_args(args: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        prog="hecha",
        description="核查 Hecha：打开审核窗口（不带子命令时）",
        epilog=subcommands(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--workspace", metavar="W", help="工作区文件（默认：上次的工作区或示例工作区）")
    ap.add_argument("--screenshot", metavar="OUT.png", help="离屏渲染主窗口到 PNG 后退出")
    ap.add_argument("--view", default="review", help="截图视图：review | tables | compare")
    ap.add_argument("--lang", default=os.environ.get("HECHA_LANG", "zh"), help="界面语言：zh | en")
    ap.add_argument("--settings", metavar="INI", help="设置文件（测试用）")
    ap.add_argument("paths", nargs="*", help="要导入的报告文件或文件夹")
    return ap.parse_known_args(args)[0]
