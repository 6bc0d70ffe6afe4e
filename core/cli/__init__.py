"""The command line: ``hecha text|extract|import|export`` (the contract in DESIGN.md).

Every file that fails prints one line ``hecha: PATH: reason`` on stderr; the others go on; the exit
status is 1 when any file failed.
"""

from __future__ import annotations

import argparse
import os
import sys

from core.cli.commands import COMMANDS as COMMANDS  # every subcommand and its one line
from core.errors import HechaError

TYPE_CHECKING = False  # (typing.TYPE_CHECKING without importing typing, for a quick --help)

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from typing import Any

# The readers and the analysis (half a second of imports) are loaded by the commands that use them,
# so ``hecha --help`` and the workspace commands start at once.


def _err(msg: str) -> None:
    # a file name that is not valid UTF-8 must not turn the message itself into a traceback
    print(f"hecha: {msg}".encode("utf-8", "replace").decode("utf-8"), file=sys.stderr)


def _failed(path: str, reason: str | None) -> None:
    from core.messages import shown_path

    _err(f"{shown_path(path)}: {reason}")


def cmd_text(args: argparse.Namespace) -> int:
    from core.cli import reading

    [(path, text, reason)] = reading.read([(args.file,)], reading.TEXT)
    if text is None:
        _failed(path, reason)
        return 1
    sys.stdout.write(text)
    if not text.endswith("\n"):
        sys.stdout.write("\n")
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    """Each file read in a worker process (``core.cli.reading``); last year's report (``--previous``)
    first, and nothing else when it cannot be read."""
    import json

    from core import vocab
    from core.cli import reading

    form = reading.JSON if args.json and not args.pretty else reading.DICT
    jobs: list[tuple[str, str | None, str]] = [(path, args.previous, form) for path in args.files]
    if args.previous:
        jobs.insert(0, (args.previous, None, reading.PREVIOUS))
    failed = False
    outcomes = reading.read(jobs, reading.EXTRACT, lambda: failed)
    if args.previous:
        _prev, ok, reason = next(outcomes)
        if ok is None:
            failed = True
            outcomes.close()
            from core.messages import shown_path

            _err(f"上一年度报告无法读取：{shown_path(args.previous)}: {reason}")
            return 1
    if form == reading.JSON:
        return _stream_json(args.files, outcomes)
    status = 0
    results = []
    for path, result, reason in outcomes:
        if result is None:
            _failed(path, reason)
            status = 1
        else:
            results.append(result)
    if args.json:
        out = results[0] if len(args.files) == 1 and len(results) == 1 else results
        if len(args.files) == 1 and not results:
            return status
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=1))
        sys.stdout.write("\n")
    else:
        for r in results:
            print(f"{r['path']}  [{r['format']}, {r['encoding'] or '-'}]  {r['title'] or ''}")
            for f in r["figures"]:
                q = f" ({vocab.qualifier_name(f['qualifier'])})" if f["qualifier"] else ""
                ind = f"  → {f['indicator']}" if f["indicator"] else ""
                print(f"  {f['start']:>6}  {f['value']}{f['unit'] or ''}{q}  {f['label']}{ind}")
            for c in r["checks"]:
                if c["status"] == "fail":
                    print(f"  ✗ {c['rule']} {c['subject']}: {c['formula']}")
    return status


def _stream_json(paths: list[str], outcomes: Iterator[tuple[str, Any, str | None]]) -> int:
    """``--json``: each report's object written as soon as it is read (in the order given), then let
    go of (one object for one file, else a list of those that could be read)."""
    out = sys.stdout
    single = len(paths) == 1
    status = 0
    written = 0
    if not single:
        out.write("[")
    for path, text, reason in outcomes:
        if text is None:
            _failed(path, reason)
            status = 1
            continue
        if written:
            out.write(", ")
        out.write(text)
        out.flush()
        written += 1
        del text
    if not single:
        out.write("]")
    if written or not single:
        out.write("\n")
    return status


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``command`` (one of ``COMMANDS``) only that command's own
    parser is built: it reads that command's arguments and prints its --help as the whole one does."""
    only = command if command in COMMANDS else None
    ap = argparse.ArgumentParser(prog="hecha", description="核查 Hecha：政府信息公开年度报告数据核查")
    sub = ap.add_subparsers(dest="command", required=True)
    if only in (None, "text"):
        p = sub.add_parser("text", help=COMMANDS["text"])
        p.add_argument("file")
        p.set_defaults(func=cmd_text)
    if only in (None, "extract"):
        p = sub.add_parser("extract", help=COMMANDS["extract"])
        p.add_argument("files", nargs="+", metavar="FILE")
        p.add_argument("--json", action="store_true", help="输出 JSON")
        p.add_argument("--pretty", action="store_true", help="缩进的 JSON（便于阅读）")
        p.add_argument("--previous", metavar="LAST_YEAR", help="上一年度报告，用于跨年结转检查")
        p.set_defaults(func=cmd_extract)
    if only not in ("text", "extract"):
        from core.cli import store  # import / export (the workspace)

        store.add_parsers(sub, only)
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    import io

    for stream in (sys.stdout, sys.stderr):  # UTF-8 even on a Chinese Windows console (GBK by default)
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8")
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(argv[0] if argv else None).parse_args(argv)
    try:
        status = int(args.func(args))
        sys.stdout.flush()
        return status
    except KeyboardInterrupt:
        _err("已取消")
        return 130
    except BrokenPipeError:
        # The reader went away (hecha extract … | head): stop quietly, and keep Python from
        # complaining again when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except HechaError as e:
        _err(str(e))
        return 1
