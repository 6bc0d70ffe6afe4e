"""``hecha --help`` names every subcommand a reviewer or a script can run, not only the window's options."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def test_help_lists_every_subcommand() -> None:
    r = subprocess.run(
        [sys.executable, "-m", "gui.shell.app", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    listed = {line.split()[0] for line in r.stdout.split("子命令", 1)[1].splitlines()[1:] if line.strip()}
    from core.cli import COMMANDS

    assert listed >= {*COMMANDS, "record"}
    assert "--workspace" in r.stdout  # the window's own options stay


def _loaded(*args: str) -> set[str]:
    """The top-level modules ``hecha ARGS`` has imported when it returns (or exits)."""
    return {m.split(".")[0] for m in _modules(*args, usage=False)}


def test_help_and_the_commands_start_without_qt(tmp_path: Path) -> None:
    """``hecha --help`` and the command-line commands print at once: Qt (a quarter of a second) and
    the document readers are not loaded for them."""
    for args in (["--help"], ["export", "--help"], ["verify", "--db", str(tmp_path / "none.sqlite")]):
        loaded = _loaded(*args)
        assert "PySide6" not in loaded, args
        assert "pdfplumber" not in loaded and "pypdfium2" not in loaded, args


def _modules(*args: str, usage: bool = True) -> set[str]:
    """Every module ``hecha ARGS`` has imported when it exits (full dotted names); ``usage``: it printed
    a help."""
    code = (
        "import sys\nfrom gui.shell.app import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "sys.stdout.flush()\nprint('\\nLOADED', ' '.join(sorted(sys.modules)))"
    )
    r = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert "usage:" in r.stdout or not usage, r.stderr
    return set(r.stdout.rsplit("LOADED", 1)[1].split())


# What printing a help never needs: Qt, logging (the window's log; core's logger is set up by the
# modules that log), typing (annotations only), json, the workspace, the model
NOT_FOR_HELP = {"PySide6", "logging", "typing", "json", "sqlite3", "decimal", "core.store", "core.model"}


def test_help_imports_only_the_options_and_the_command_names() -> None:
    loaded = _modules("--help")
    # nor pathlib, nor the workspace commands' parsers: the names and lines of the commands suffice
    assert loaded & (NOT_FOR_HELP | {"pathlib", "core.cli.store"}) == set()


def test_each_command_help_imports_only_the_parsers() -> None:
    from core.cli import COMMANDS

    for command in COMMANDS:
        loaded = _modules(command, "--help")
        # nor what a command needs only when it runs (the import's threads)
        heavy = {"core.documents", "core.export", "core.pipeline", "threading"}
        assert loaded & (NOT_FOR_HELP | heavy) == set(), command


def test_a_command_reads_its_arguments_as_the_whole_command_line_does() -> None:
    """``hecha COMMAND`` builds that command's parser alone: its help and what it reads are the same."""
    import contextlib
    import io

    from core.cli import COMMANDS, build_parser

    def help_of(parser: Any, command: str) -> str:
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
            parser.parse_args([command, "--help"])
        return out.getvalue()

    for command in COMMANDS:
        alone = help_of(build_parser(command), command)
        assert alone and alone == help_of(build_parser(), command), command
    argv = ["export", "--db", "w.sqlite", "--csv", "out.csv", "--report", "3"]
    assert vars(build_parser("export").parse_args(argv)) == vars(build_parser().parse_args(argv))


def test_core_says_nothing_unless_the_program_sets_up_logging() -> None:
    """A reader that fails unexpectedly logs its traceback under "core": a program that set up no
    logging (a script using core, the command line) prints none of it."""
    code = (
        "from core import documents\n"
        "documents.log.error('a reader failed', exc_info=False)\n"
        "import logging\nprint(any(isinstance(h, logging.NullHandler) for h in logging.getLogger('core').handlers))"
    )
    r = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=60
    )
    assert r.returncode == 0 and r.stdout.strip() == "True" and r.stderr == ""
