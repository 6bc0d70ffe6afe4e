"""``hecha import PATH... --db FILE``, ``hecha export --db FILE --xlsx OUT | --csv OUT``,
``hecha problems --db FILE --docx DIR | --xlsx OUT``, and for offices that script their workflow
``hecha verify --db FILE`` and ``hecha reopen|approve|return --db FILE --report ID --as NAME`` (the
store's own rules: the same refusals as in the window)."""

from __future__ import annotations

import argparse
import sys
import time

from core.cli.commands import COMMANDS
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


def _say_upgrade(path: str) -> None:
    """A line on stderr before a workspace of an older format is upgraded (some seconds for thousands
    of reports, which would pass in silence)."""
    from pathlib import Path

    from core.store import Workspace

    old = Workspace.older_format(path)
    if old is not None:
        name = Path(path).name
        sys.stderr.write(f"hecha: 正在把工作区 {name} 升级为新的格式（原文件先备份为 {name}.bak-v{old}）……\n")
        sys.stderr.flush()


def cmd_import(args: argparse.Namespace) -> int:
    from core.store import Workspace

    try:
        _say_upgrade(args.db)
        ws = Workspace.open(args.db, reviewer=args.reviewer or "")
    except HechaError as e:
        _err(str(e))
        return 1
    t0 = time.monotonic()
    stop = _CtrlC()
    try:
        with ws, stop:
            result = ws.import_paths(
                args.paths,
                progress=_Bar("导入"),
                cancelled=stop.pressed,
                workers=args.workers,
                announce=lambda plan: _out(plan),
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
        import signal
        import threading  # (here, not at the top: a command's --help imports neither)

        if threading.current_thread() is threading.main_thread():
            self._old = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *_exc: object) -> None:
        import signal

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


def cmd_verify(args: argparse.Namespace) -> int:
    """Replay the review log of a workspace; exit 1 naming the first bad event. The file is read as it
    is (read-only, never migrated), so a planted trigger or an old format is reported, not run."""
    import sqlite3
    from pathlib import Path

    from core.store import db
    from core.store import verify as audit

    path = Path(args.db)
    try:
        db.check_file(path)
        if not path.exists():
            raise HechaError(f"{path}: 工作区文件不存在")
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except HechaError as e:
        _err(str(e))
        return 1
    except sqlite3.Error as e:
        _err(str(db.explain(path, e)))
        return 1
    try:
        if not db.is_ours(conn):
            _err(f"{path}: 这是 SQLite 数据库，但不是核查工作区")
            return 1
        version = conn.execute("SELECT max(version) FROM schema_version").fetchone()[0]
        if version is None or version < db.SCHEMA_VERSION:
            planted = audit.quick(conn) if version is not None and version >= 3 else None
            _err(
                f"{path}: 工作区格式较旧（版本 {version}），还没有审核记录链；"
                "请先用核查打开一次（会先备份再升级），再校验" + (f"；另外：{planted}" if planted else "")
            )
            return 1
        res = audit.verify(conn)
    except sqlite3.Error as e:
        _err(str(db.explain(path, e)))
        return 1
    finally:
        conn.close()
    if res.ok:
        _out(
            f"{path}: 校验通过：{res.events} 条审核记录的哈希链完整，{res.reports} 份报告的数据与审核记录一致"
        )
        return 0
    _err(f"{path}: 校验未通过（{len(res.problems)} 处问题），第一处：{res.problems[0]}")
    for p in res.problems[1:]:
        _err(f"  {p}")
    return 1


def cmd_signoff(args: argparse.Namespace) -> int:
    """``reopen`` / ``approve`` / ``return`` one or more reports as the person named by ``--as``."""
    from core.store import Workspace

    if args.command in ("reopen", "return") and not (args.reason or "").strip():
        _err(f"{args.command} 需要 --reason（将记录在审核记录中）")
        return 2
    status = 0
    try:
        _say_upgrade(args.db)
        with Workspace.open(args.db, reviewer=args.acting) as ws:
            if ws.reviewer == "":
                _err("请用 --as 写明操作人姓名（将记录在审核记录中）")
                return 2
            for rid in args.report:
                try:
                    if args.command == "reopen":
                        ws.reopen(rid, args.reason)
                    elif args.command == "return":
                        ws.return_report(rid, args.reason)
                    else:
                        ws.approve(rid, override=args.override or "")
                except HechaError as e:
                    _err(str(e))
                    status = 1
                    continue
                _out(f"报告 {rid}：{ws.report(rid).status}")
    except HechaError as e:
        _err(str(e))
        return 1
    return status


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser], only: str | None = None) -> None:
    """The workspace commands' parsers: every one, or ``only`` that one."""
    if only in (None, "import"):
        p = sub.add_parser("import", help=COMMANDS["import"])
        p.add_argument("paths", nargs="+", metavar="PATH")
        p.add_argument("--db", required=True, metavar="FILE", help="工作区文件（不存在时新建）")
        p.add_argument("--reviewer", default="", help="审核人姓名")
        p.add_argument("--workers", type=int, default=None, help="并行解析的进程数（默认按 CPU 核数）")
        p.set_defaults(func=cmd_import)
    if only in (None, "export"):
        p = sub.add_parser("export", help=COMMANDS["export"])
        p.add_argument("--db", required=True, metavar="FILE", help="工作区文件")
        p.add_argument("--xlsx", metavar="OUT", help="导出 Excel 工作簿")
        p.add_argument("--csv", metavar="OUT", help="导出 CSV（长表，UTF-8 带 BOM）")
        p.add_argument(
            "--csv-codes", action="store_true", help="CSV 用英文代码（列名、类别、状态），供脚本读取"
        )
        p.add_argument("--report", type=int, action="append", metavar="ID", help="只导出这些报告（可重复）")
        p.add_argument("--issuer", help="只导出该发布机关的报告")
        p.add_argument("--year", type=int, help="只导出该年度的报告")
        p.add_argument("--status", help="只导出该审核状态的报告（unreviewed/in_review/done/in_question）")
        p.set_defaults(func=cmd_export)
    if only in (None, "problems"):
        p = sub.add_parser("problems", help=COMMANDS["problems"])
        p.add_argument("--db", required=True, metavar="FILE", help="工作区文件")
        p.add_argument("--docx", metavar="DIR", help="每个发布机关一份 DOCX，写到这个文件夹")
        p.add_argument("--xlsx", metavar="OUT", help="全部报告的问题写成一张表")
        p.add_argument("--office", help="落款单位（默认“核查单位（盖章）”）")
        p.add_argument("--report", type=int, action="append", metavar="ID", help="只列这些报告（可重复）")
        p.set_defaults(func=cmd_problems)
    if only in (None, "verify"):
        p = sub.add_parser("verify", help=COMMANDS["verify"])
        p.add_argument("--db", required=True, metavar="FILE", help="工作区文件")
        p.set_defaults(func=cmd_verify)
    for name in ("reopen", "approve", "return"):
        if only not in (None, name):
            continue
        p = sub.add_parser(name, help=COMMANDS[name])
        p.add_argument("--db", required=True, metavar="FILE", help="工作区文件")
        p.add_argument(
            "--report", type=int, action="append", required=True, metavar="ID", help="报告编号（可重复）"
        )
        p.add_argument(
            "--as", dest="acting", required=True, metavar="NAME", help="操作人姓名（记入审核记录）"
        )
        if name == "approve":
            p.add_argument(
                "--override", metavar="REASON", help="仍有未处理项时强制通过的理由（印在核查单上）"
            )
        else:
            p.add_argument("--reason", required=True, help="原因（记入审核记录）")
        p.set_defaults(func=cmd_signoff)
