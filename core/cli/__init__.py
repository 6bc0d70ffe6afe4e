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
    from collections.abc import Sequence
    from typing import IO, Any

    from core.model import Extraction

# The readers and the analysis (half a second of imports) are loaded by the commands that use them,
# so ``hecha --help`` and the workspace commands start at once.


def _err(msg: str) -> None:
    # a file name that is not valid UTF-8 must not turn the message itself into a traceback
    print(f"hecha: {msg}".encode("utf-8", "replace").decode("utf-8"), file=sys.stderr)


def _head(ex: Extraction) -> dict[str, Any]:
    d = ex.document
    return {
        "path": d.path,
        "format": d.format,
        "sha256": d.sha256,
        "encoding": d.encoding,
        "title": d.title,
        "issuer": d.issuer,
        "year": d.year,
        "warnings": list(d.warnings),
    }


def _tail(ex: Extraction) -> dict[str, Any]:
    from core import vocab

    return {
        "indicators": {k: v.json_value() for k, v in ex.indicators.items() if v.kind != vocab.UNREAD_KIND},
        "indicator_kinds": {k: v.kind for k, v in ex.indicators.items() if v.kind != vocab.UNREAD_KIND},
        "unread": list(ex.unread),
        "checks": [c.to_json() for c in ex.checks],
    }


def _extraction_json(ex: Extraction) -> dict[str, Any]:
    return {**_head(ex), "figures": [f.to_json() for f in ex.figures], **_tail(ex)}


CHUNK = 2000  # figures serialised per json.dumps call while streaming


def _write_json(out: IO[str], ex: Extraction) -> None:
    """Write the object ``json.dumps(_extraction_json(ex))`` would make, the figures a chunk at a time,
    so a large report never holds every figure's dict and the whole output string at once."""
    import json

    dumps = json.dumps
    out.write(dumps(_head(ex), ensure_ascii=False)[:-1])
    out.write(', "figures": [')
    figs = ex.figures
    for i in range(0, len(figs), CHUNK):
        if i:
            out.write(", ")
        out.write(dumps([f.to_json() for f in figs[i : i + CHUNK]], ensure_ascii=False)[1:-1])
    out.write("], ")
    out.write(dumps(_tail(ex), ensure_ascii=False)[1:])


def cmd_text(args: argparse.Namespace) -> int:
    try:
        from core import documents

        doc = documents.load(args.file)
    except HechaError as e:
        _err(str(e))
        return 1
    sys.stdout.write(doc.text)
    if not doc.text.endswith("\n"):
        sys.stdout.write("\n")
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    import json

    from core import pipeline, vocab

    previous = None
    if args.previous:
        try:
            previous = pipeline.analyse(args.previous)
        except HechaError as e:
            _err(f"上一年度报告无法读取：{e}")
            return 1
    status = 0
    if args.json and not args.pretty:
        return _stream_json(args.files, previous)
    results = []
    for path in args.files:
        try:
            results.append(_extraction_json(pipeline.analyse(path, previous)))
        except HechaError as e:
            _err(str(e))
            status = 1
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


def _stream_json(paths: list[str], previous: Extraction | None) -> int:
    """``--json``: each report's object written as soon as it is analysed, then let go of (one object
    for one file, else a list of those that could be read)."""
    from core import pipeline

    out = sys.stdout
    single = len(paths) == 1
    status = 0
    written = 0
    if not single:
        out.write("[")
    for path in paths:
        try:
            ex = pipeline.analyse(path, previous)
        except HechaError as e:
            _err(str(e))
            status = 1
            continue
        if written:
            out.write(", ")
        _write_json(out, ex)
        written += 1
        del ex
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
