"""``hecha import PATH... --db FILE``, ``hecha export --db FILE --xlsx OUT | --csv OUT`` and ``hecha problems --db FILE --docx DIR | --xlsx OUT``."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import time

from core.errors import HechaError


def _err(msg: str) -> None:
    sys.stderr.write(f"hecha: {msg}\n")


def _out(msg: str) -> None:
    sys.stdout.write(msg + "\n")


class _Bar:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.on = sys.stderr.isatty()
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        if not self.on or (time.monotonic() - self.last < 0.1 and done < total):
            return
        self.last = time.monotonic()
        width = 30
        fill = width * done // total if total else width
        sys.stderr.write(f"\r{self.label} [{'#' * fill}{'.' * (width - fill)}] {done}/{total}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def cmd_import(args: argparse.Namespace) -> int:
    from core.store import Workspace

    try:
        ws = Workspace.open(args.db, reviewer=args.reviewer or "")
    except HechaError as e:
        _err(str(e))
        return 1
    t0 = time.monotonic()
    stop = _CtrlC()
    try:
        with ws, stop:
            result = ws.import_paths(
                args.paths, progress=_Bar("导入"), cancelled=stop.pressed, workers=args.workers
            )
    except HechaError as e:
        _err(str(e))
        return 1
    secs = time.monotonic() - t0
    head = (
        "导入已取消（已导入的报告完好保存，再次导入会接着处理其余文件）" if result.cancelled else "导入完成"
    )
    _out(
        f"{head}：新增 {result.added} 份，跳过 {result.skipped} 份（已在工作区中），"
        f"失败 {len(result.errors)} 份，有提示 {len({p for p, _ in result.warnings})} 份，用时 {secs:.1f} 秒"
    )
    for path, msg in result.warnings:
        _out(f"提示：{path}: {msg}")
    for path, msg in result.errors:
        _err(f"{path}: {msg}")
    if result.cancelled:
        return 130
    return 1 if result.errors else 0


class _CtrlC:
    """Ctrl+C during an import: the first press finishes the report in hand and stops cleanly (what is
    stored stays stored); a second press stops at once."""

    def __init__(self) -> None:
        self.hit = False
        self._old: object = None

    def pressed(self) -> bool:
        return self.hit

    def _handle(self, _sig: int, _frame: object) -> None:
        if self.hit:
            raise KeyboardInterrupt
        self.hit = True
        _err("正在取消导入，当前文件处理完即停止（再按一次 Ctrl+C 立即退出）")

    def __enter__(self) -> _CtrlC:
        if threading.current_thread() is threading.main_thread():
            self._old = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._old is not None:
            signal.signal(signal.SIGINT, self._old)  # type: ignore[arg-type]


def cmd_export(args: argparse.Namespace) -> int:
    from core import export
    from core.store import Workspace

    if not args.xlsx and not args.csv:
        _err("请用 --xlsx 或 --csv 指定导出文件")
        return 2
    try:
        with Workspace.open(args.db, readonly=True) as ws:  # export only reads: a read-only copy will do
            ids = args.report or None
            if ids is None and (args.issuer or args.year or args.status):
                ids = [r.id for r in ws.reports(issuer=args.issuer, year=args.year, status=args.status)]
            if args.csv:
                n = export.to_csv(ws, args.csv, ids, codes=args.csv_codes)
                _out(f"已导出 CSV：{args.csv}（{n} 行）")
            if args.xlsx:
                export.to_xlsx(ws, args.xlsx, ids, progress=_Bar("导出"))
                _out(f"已导出 Excel：{args.xlsx}")
    except HechaError as e:
        _err(str(e))
        return 1
    return 0


def cmd_problems(args: argparse.Namespace) -> int:
    """``hecha problems --db W --docx DIR | --xlsx OUT``: the 问题清单, a letter per issuer or one sheet."""
    from core.export import problems
    from core.store import Workspace

    if not args.xlsx and not args.docx:
        _err("请用 --docx 文件夹 或 --xlsx 文件 指定问题清单写到哪里")
        return 2
    try:
        with Workspace.open(args.db, readonly=True) as ws:
            ids = args.report or None
            if args.docx:
                files = problems.to_docx(ws, args.docx, ids, office=args.office or "")
                _out(f"已写出问题清单：{args.docx}（{len(files)} 个发布机关，每个一份 DOCX）")
            if args.xlsx:
                n = problems.to_xlsx(ws, args.xlsx, ids)
                _out(f"已写出问题清单：{args.xlsx}（{n} 项）")
    except HechaError as e:
        _err(str(e))
        return 1
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="把报告（文件或文件夹）导入工作区")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--db", required=True, metavar="FILE", help="工作区文件（不存在时新建）")
    p.add_argument("--reviewer", default="", help="审核人姓名")
    p.add_argument("--workers", type=int, default=None, help="并行解析的进程数（默认按 CPU 核数）")
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("export", help="把工作区导出为 Excel 或 CSV")
    p.add_argument("--db", required=True, metavar="FILE", help="工作区文件")
    p.add_argument("--xlsx", metavar="OUT", help="导出 Excel 工作簿")
    p.add_argument("--csv", metavar="OUT", help="导出 CSV（长表，UTF-8 带 BOM）")
    p.add_argument("--csv-codes", action="store_true", help="CSV 用英文代码（列名、类别、状态），供脚本读取")
    p.add_argument("--report", type=int, action="append", metavar="ID", help="只导出这些报告（可重复）")
    p.add_argument("--issuer", help="只导出该发布机关的报告")
    p.add_argument("--year", type=int, help="只导出该年度的报告")
    p.add_argument("--status", help="只导出该审核状态的报告（unreviewed/in_review/done/in_question）")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser(
        "problems", help="问题清单：每个发布机关一份整改通知（DOCX），或全部报告一张表（xlsx）"
    )
    p.add_argument("--db", required=True, metavar="FILE", help="工作区文件")
    p.add_argument("--docx", metavar="DIR", help="每个发布机关一份 DOCX，写到这个文件夹")
    p.add_argument("--xlsx", metavar="OUT", help="全部报告的问题写成一张表")
    p.add_argument("--office", help="落款单位（默认“核查单位（盖章）”）")
    p.add_argument("--report", type=int, action="append", metavar="ID", help="只列这些报告（可重复）")
    p.set_defaults(func=cmd_problems)
