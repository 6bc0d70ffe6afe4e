"""Entry point ``hecha``: subcommands go to ``core.cli`` without loading Qt; otherwise the GUI."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from core.cli import COMMANDS

    if args and args[0] in COMMANDS:
        from core import cli

        return cli.main(args)
    from gui.main import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
